package store_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/walletdesk/walletdesk/internal/analytics"
	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/kb"
	"github.com/walletdesk/walletdesk/internal/store"
	"github.com/walletdesk/walletdesk/internal/store/storetest"
	"github.com/walletdesk/walletdesk/internal/ticket"
	"github.com/walletdesk/walletdesk/internal/triage"
)

// analyticsNow is mid-afternoon, so that "two hours ago" is still today.
var analyticsNow = time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)

// fixture writes through the ordinary store methods, each at its own time.
type fixture struct {
	t   *testing.T
	db  *store.DB
	now time.Time
}

func (f *fixture) at(t time.Time) *fixture {
	f.now = t
	f.db.SetClock(func() time.Time { return f.now })
	return f
}

func (f *fixture) miss(loc desk.Locale, q string, results, times int) {
	f.t.Helper()
	for range times {
		if err := f.db.KB().RecordSearchMiss(context.Background(), loc, q, results); err != nil {
			f.t.Fatal(err)
		}
	}
}

func (f *fixture) vote(slug string, loc desk.Locale, helpful bool, comment string) {
	f.t.Helper()
	if err := f.db.KB().AddFeedback(context.Background(), kb.Feedback{Slug: slug, Locale: loc, Helpful: helpful, Comment: comment}); err != nil {
		f.t.Fatal(err)
	}
	f.now = f.now.Add(time.Second) // keep comments in a known order
}

func (f *fixture) deflect(slug string, loc desk.Locale) {
	f.t.Helper()
	if err := f.db.Tickets().RecordDeflection(context.Background(), slug, loc); err != nil {
		f.t.Fatal(err)
	}
}

// request stores a ticket created at created with the given first-response
// due time and answer time (zero: unanswered).
func (f *fixture) request(sev triage.Severity, loc desk.Locale, st ticket.Status, created, due, answered time.Time) {
	f.t.Helper()
	tk := &ticket.Ticket{Subject: "s", Status: st, Severity: sev, Category: "other", Locale: loc, Email: "a@example.com",
		TokenHash: fmt.Sprint(created.UnixNano(), sev, st), CreatedAt: created, UpdatedAt: created,
		SLA: ticket.SLA{FirstResponseDue: due, FirstResponseAt: answered}}
	if err := f.db.Tickets().CreateTicket(context.Background(), tk, func(*ticket.Ticket) ticket.Change { return ticket.Change{} }); err != nil {
		f.t.Fatal(err)
	}
}

func TestAnalyticsSelfService(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			db := e.Open(t)
			f := &fixture{t: t, db: db}
			now := analyticsNow
			h := time.Hour
			day := 24 * h

			f.at(now.Add(-40*day)).miss(desk.English, "old miss", 0, 5)
			f.vote("transaction-pending", desk.Japanese, false, "too old to count")
			f.deflect("wrong-network", desk.English)
			f.at(now.Add(-2*day)).miss(desk.English, "pizza", 0, 3)
			f.miss(desk.Japanese, "ガス代 高すぎ", 2, 2)
			f.at(now.Add(-1*h)).miss(desk.Japanese, "ドラゴン", 0, 1)
			f.miss(desk.English, "speeed", 1, 4)

			f.at(now.Add(-3 * h))
			f.vote("transaction-pending", desk.Japanese, true, "helpful comments are not complaints")
			for _, c := range []string{"c1", "", "c2", "c3", "c4"} {
				f.vote("transaction-pending", desk.Japanese, false, c)
			}
			f.vote("wallet-stolen", desk.English, true, "")
			f.vote("wallet-stolen", desk.English, true, "")
			f.vote("wallet-stolen", desk.English, false, "[redacted: recovery phrase] still lost")
			f.vote("send-crypto", desk.Chinese, true, "")
			f.deflect("wrong-network", desk.Japanese)
			f.deflect("wrong-network", desk.Japanese)
			f.deflect("speed-up-cancel", desk.English)

			f.at(now)
			f.request(triage.S1, desk.English, ticket.Open, now.Add(-2*h), now.Add(-2*h+15*time.Minute), now.Add(-2*h+10*time.Minute)) // met
			f.request(triage.S1, desk.English, ticket.Open, now.Add(-3*h), now.Add(-3*h+15*time.Minute), now.Add(-2*h))                // breached
			f.request(triage.S2, desk.Japanese, ticket.New, now.Add(-90*time.Minute), now.Add(-30*time.Minute), time.Time{})           // overdue
			f.request(triage.S3, desk.English, ticket.Pending, now.Add(-1*h), now.Add(5*h), time.Time{})                               // waiting
			f.request(triage.S4, desk.English, ticket.Closed, now.Add(-3*day), now.Add(-2*day), time.Time{})                           // closed unanswered
			f.request(triage.S2, desk.English, ticket.Solved, now.Add(-20*day), now.Add(-20*day+h), now.Add(-20*day+30*time.Minute))   // met, 30 days only
			f.request(triage.S3, desk.English, ticket.Open, now.Add(-100*day), now.Add(-99*day), time.Time{})                          // overdue, outside every window

			rep, err := db.Analytics().SelfService(ctx, analytics.SelfServiceQuery{Days: 30})
			if err != nil {
				t.Fatal(err)
			}
			if want := time.Date(2026, 2, 9, 0, 0, 0, 0, time.UTC); !rep.Since.Equal(want) || !rep.Until.Equal(time.Date(2026, 3, 11, 0, 0, 0, 0, time.UTC)) {
				t.Errorf("period [%v, %v)", rep.Since, rep.Until)
			}
			if got := queries(rep.NoResult); !reflect.DeepEqual(got, []string{"pizza 3", "ドラゴン 1"}) {
				t.Errorf("no-result searches %v", got)
			}
			if got := queries(rep.WeakResult); !reflect.DeepEqual(got, []string{"speeed 4", "ガス代 高すぎ 2"}) {
				t.Errorf("weak searches %v", got)
			}
			if m := rep.NoResult[1]; m.Locale != desk.Japanese || !m.LastSeen.Equal(now.Add(-h)) {
				t.Errorf("miss details %+v", m)
			}

			if len(rep.Unhelpful) != 2 {
				t.Fatalf("unhelpful %+v", rep.Unhelpful)
			}
			tp := rep.Unhelpful[0]
			if tp.Slug != "transaction-pending" || tp.Locale != desk.Japanese || tp.Unhelpful != 5 || tp.Helpful != 1 {
				t.Errorf("most unhelpful %+v", tp)
			}
			var comments []string
			for _, c := range tp.Comments {
				comments = append(comments, c.Comment)
			}
			if !reflect.DeepEqual(comments, []string{"c4", "c3", "c2"}) {
				t.Errorf("recent comments %q (newest first, not-helpful only, no empty ones)", comments)
			}
			if ws := rep.Unhelpful[1]; ws.Slug != "wallet-stolen" || len(ws.Comments) != 1 || ws.HelpfulPercent() != 67 {
				t.Errorf("second %+v (%d%%)", ws, ws.HelpfulPercent())
			}
			var ratios []string
			for _, v := range rep.Votes {
				ratios = append(ratios, fmt.Sprintf("%s/%s %d%% of %d", v.Slug, v.Locale, v.HelpfulPercent(), v.Total()))
			}
			want := []string{"transaction-pending/ja 17% of 6", "wallet-stolen/en 67% of 3", "send-crypto/zh-CN 100% of 1"}
			if !reflect.DeepEqual(ratios, want) {
				t.Errorf("helpful ratios %q, want %q", ratios, want)
			}

			if !reflect.DeepEqual(rep.Deflections, []analytics.ArticleCount{{Slug: "wrong-network", Locale: desk.Japanese, Count: 2}, {Slug: "speed-up-cancel", Locale: desk.English, Count: 1}}) {
				t.Errorf("deflections %+v", rep.Deflections)
			}

			if len(rep.Requests) != 30 {
				t.Fatalf("%d days", len(rep.Requests))
			}
			last := rep.Requests[29]
			if !last.Day.Equal(time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)) || last.BySeverity != [4]int{2, 1, 1, 0} || last.Total != 4 {
				t.Errorf("today %+v", last)
			}
			if d := rep.Requests[26]; d.BySeverity != [4]int{0, 0, 0, 1} {
				t.Errorf("three days ago %+v", d)
			}
			if d := rep.Requests[9]; !d.Day.Equal(time.Date(2026, 2, 18, 0, 0, 0, 0, time.UTC)) || d.BySeverity != [4]int{0, 1, 0, 0} {
				t.Errorf("twenty days ago %+v", d)
			}
			total := 0
			for _, d := range rep.Requests {
				total += d.Total
			}
			if total != 6 {
				t.Errorf("%d requests in 30 days, want 6", total)
			}

			if len(rep.SLA) != 2 || rep.SLA[0].Days != 7 || rep.SLA[1].Days != 30 {
				t.Fatalf("SLA windows %+v", rep.SLA)
			}
			w7, w30 := rep.SLA[0], rep.SLA[1]
			if s1 := w7.Rows[0]; s1.Met != 1 || s1.Breached != 1 || s1.Total != 2 {
				t.Errorf("7 days S1 %+v", s1)
			}
			if pct, ok := w7.Rows[0].CompliancePercent(); !ok || pct != 50 {
				t.Errorf("S1 compliance %d %v", pct, ok)
			}
			if s2 := w7.Rows[1]; s2.Overdue != 1 || s2.Met != 0 || s2.Total != 1 {
				t.Errorf("7 days S2 %+v", s2)
			}
			if s3 := w7.Rows[2]; s3.Waiting != 1 || s3.Total != 1 {
				t.Errorf("7 days S3 %+v", s3)
			}
			if _, ok := w7.Rows[2].CompliancePercent(); ok {
				t.Error("a severity with only waiting requests has a compliance figure")
			}
			if s4 := w7.Rows[3]; s4.ClosedUnanswered != 1 || s4.Total != 1 {
				t.Errorf("7 days S4 %+v", s4)
			}
			wantTotal7 := analytics.SLARow{Met: 1, Breached: 1, Overdue: 1, Waiting: 1, ClosedUnanswered: 1, Total: 5}
			if w7.Total != wantTotal7 {
				t.Errorf("7 days total %+v", w7.Total)
			}
			if pct, _ := w7.Total.CompliancePercent(); pct != 33 {
				t.Errorf("7 days compliance %d%%", pct)
			}
			if w30.Total.Met != 2 || w30.Total.Total != 6 || w30.Rows[1].Met != 1 {
				t.Errorf("30 days %+v", w30)
			}
			if rep.OverdueNow != 2 {
				t.Errorf("overdue now %d, want 2 (one of them 100 days old)", rep.OverdueNow)
			}

			// A locale narrows every section.
			ja, err := db.Analytics().SelfService(ctx, analytics.SelfServiceQuery{Days: 30, Locale: desk.Japanese})
			if err != nil {
				t.Fatal(err)
			}
			if got := queries(ja.NoResult); !reflect.DeepEqual(got, []string{"ドラゴン 1"}) {
				t.Errorf("ja misses %v", got)
			}
			if len(ja.Votes) != 1 || len(ja.Deflections) != 1 || ja.SLA[0].Total.Total != 1 || ja.Requests[29].Total != 1 || ja.OverdueNow != 1 {
				t.Errorf("ja report %+v", ja)
			}

			// A short period drops what is older; a long one reaches the old rows.
			week, err := db.Analytics().SelfService(ctx, analytics.SelfServiceQuery{Days: 1, Limit: 1})
			if err != nil {
				t.Fatal(err)
			}
			if got := queries(week.NoResult); !reflect.DeepEqual(got, []string{"ドラゴン 1"}) || len(week.Requests) != 1 || len(week.Unhelpful) != 1 {
				t.Errorf("one day, limit 1: %v %d %d", got, len(week.Requests), len(week.Unhelpful))
			}
			long, err := db.Analytics().SelfService(ctx, analytics.SelfServiceQuery{Days: 90})
			if err != nil {
				t.Fatal(err)
			}
			if got := queries(long.NoResult); len(got) != 3 || got[0] != "old miss 5" {
				t.Errorf("90 days misses %v", got)
			}
			if long.Unhelpful[0].Unhelpful != 6 || long.SLA[1].Total.Total != 6 {
				t.Errorf("90 days: %+v, SLA windows keep their own length: %+v", long.Unhelpful[0], long.SLA[1].Total)
			}
		})
	}
}

func TestAnalyticsEmptyAndClamped(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			db := e.Open(t)
			db.SetClock(func() time.Time { return analyticsNow })
			for _, days := range []int{-5, 0, 1000} {
				rep, err := db.Analytics().SelfService(context.Background(), analytics.SelfServiceQuery{Days: days})
				if err != nil {
					t.Fatal(err)
				}
				want := min(max(days, 1), analytics.MaxReportDays)
				if len(rep.Requests) != want || rep.NoResult != nil || rep.Votes != nil || rep.OverdueNow != 0 {
					t.Errorf("days %d: %d day rows, %+v", days, len(rep.Requests), rep)
				}
				for _, w := range rep.SLA {
					if len(w.Rows) != 4 || w.Rows[3].Severity != triage.S4 || w.Total.Total != 0 {
						t.Errorf("empty SLA window %+v", w)
					}
				}
			}
		})
	}
}

func queries(ms []analytics.SearchMiss) []string {
	var out []string
	for _, m := range ms {
		out = append(out, fmt.Sprintf("%s %d", m.Query, m.Count))
	}
	return out
}
