package analytics

import "testing"

func TestPercentsRound(t *testing.T) {
	for _, c := range []struct{ helpful, unhelpful, want int }{
		{0, 0, 0}, {1, 0, 100}, {0, 3, 0}, {1, 2, 33}, {2, 1, 67}, {1, 1, 50}, {199, 1, 100}, {1, 199, 1},
	} {
		v := ArticleVotes{Helpful: c.helpful, Unhelpful: c.unhelpful}
		if got := v.HelpfulPercent(); got != c.want || v.Total() != c.helpful+c.unhelpful {
			t.Errorf("%d/%d helpful: %d%%, want %d%%", c.helpful, c.helpful+c.unhelpful, got, c.want)
		}
	}
	var total SLARow
	total.Add(SLARow{Met: 2, Breached: 1, Waiting: 4, Total: 7})
	total.Add(SLARow{Overdue: 1, ClosedUnanswered: 2, Total: 3})
	if pct, ok := total.CompliancePercent(); !ok || pct != 50 || total.Total != 10 || total.Waiting != 4 || total.ClosedUnanswered != 2 {
		t.Errorf("sum %+v: %d%% %v", total, pct, ok)
	}
	// Nothing settled or missed yet: no percentage to show.
	if _, ok := (SLARow{Waiting: 3, ClosedUnanswered: 1}).CompliancePercent(); ok {
		t.Error("a compliance share with nothing settled")
	}
}
