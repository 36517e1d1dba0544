package ticket

import (
	"testing"
	"time"

	"github.com/walletdesk/walletdesk/internal/triage"
)

func TestSLADue(t *testing.T) {
	c := DefaultSLA()
	// Friday 17:00 UTC.
	fri := time.Date(2026, 11, 27, 17, 0, 0, 0, time.UTC)
	cases := []struct {
		name  string
		start time.Time
		sev   triage.Severity
		want  time.Time
	}{
		{"S1 around the clock", fri, triage.S1, fri.Add(15 * time.Minute)},
		{"S2 around the clock, weekend included", fri.Add(6 * time.Hour), triage.S2, fri.Add(7 * time.Hour)},
		{"S3 carries over the weekend", fri, triage.S3, time.Date(2026, 11, 30, 16, 0, 0, 0, time.UTC)},
		{"S3 on Saturday starts Monday 9:00", time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC), triage.S3, time.Date(2026, 11, 30, 17, 0, 0, 0, time.UTC)},
		{"S3 before opening", time.Date(2026, 11, 30, 6, 30, 0, 0, time.UTC), triage.S3, time.Date(2026, 11, 30, 17, 0, 0, 0, time.UTC)},
		{"S4 is 24 open hours: nine a day", time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC), triage.S4, time.Date(2026, 12, 2, 15, 0, 0, 0, time.UTC)},
	}
	for _, tc := range cases {
		if got := c.Due(tc.start, tc.sev); !got.Equal(tc.want) {
			t.Errorf("%s: due %v, want %v", tc.name, got, tc.want)
		}
	}
	// Another time zone: Tokyo business hours.
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err == nil {
		c.Calendar.Location = tokyo
		start := time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC) // 17:00 in Tokyo
		want := time.Date(2026, 12, 1, 7, 0, 0, 0, time.UTC)   // 1h Monday + 7h Tuesday -> 16:00 Tokyo
		if got := c.Due(start, triage.S3); !got.Equal(want) {
			t.Errorf("Tokyo calendar: %v, want %v", got, want)
		}
	}
}
