// Package analytics holds the figures that show where self-service fails:
// searches that find nothing, articles that do not help, what the request
// form deflected, and how first-response targets are kept. The store
// computes them; the console shows them.
package analytics

import (
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/triage"
)

// SelfServiceQuery chooses the period and the locale of a report.
type SelfServiceQuery struct {
	// Days is the period: the last Days calendar days (UTC), today
	// included. Out of 1..MaxReportDays it is clamped.
	Days int
	// Locale narrows every section but the SLA windows' totals; "" is
	// every locale.
	Locale desk.Locale
	// Limit bounds each ranking (0: DefaultReportLimit).
	Limit int
}

// Report bounds.
const (
	MaxReportDays      = 366
	DefaultReportLimit = 20
)

// SelfService is one report.
type SelfService struct {
	Since, Until time.Time // the period: [Since, Until)
	Locale       desk.Locale
	// NoResult and WeakResult are searches seen in the period that found
	// nothing, or only guesses too weak to trust; most frequent first.
	// Their counts are since the query was first recorded.
	NoResult   []SearchMiss
	WeakResult []SearchMiss
	// Unhelpful ranks articles by their "not helpful" votes in the
	// period, with the latest comments left with those votes.
	Unhelpful []ArticleVotes
	// Votes is every article and locale voted on in the period, the lowest
	// helpful share first.
	Votes []ArticleVotes
	// Deflections counts the articles the request form suggested that
	// were opened, most opened first.
	Deflections []ArticleCount
	// Requests has one row per day of the period, oldest first, empty
	// days included.
	Requests []DayRequests
	// SLA covers the requests created in the last 7 and in the last 30
	// days, whatever the report's period.
	SLA []SLAWindow
	// OverdueNow counts the requests, of any age, still waiting for a
	// first reply past their due time.
	OverdueNow int
}

// ArticleVotes is the "was this helpful?" tally of one article in one locale.
type ArticleVotes struct {
	Slug      string
	Locale    desk.Locale
	Helpful   int
	Unhelpful int
	Comments  []FeedbackComment // comments left with "not helpful", newest first
}

// Total is the number of votes.
func (v ArticleVotes) Total() int { return v.Helpful + v.Unhelpful }

// HelpfulPercent is the share of helpful votes, rounded to a whole percent.
func (v ArticleVotes) HelpfulPercent() int {
	if v.Total() == 0 {
		return 0
	}
	return (200*v.Helpful + v.Total()) / (2 * v.Total())
}

// FeedbackComment is a reader's comment, stored redacted.
type FeedbackComment struct {
	Comment   string
	CreatedAt time.Time
}

// ArticleCount counts events about one article in one locale.
type ArticleCount struct {
	Slug   string
	Locale desk.Locale
	Count  int
}

// DayRequests counts the requests created on one UTC day.
type DayRequests struct {
	Day        time.Time
	BySeverity [4]int // index 0 is S1
	Total      int
}

// SLAWindow is first-response compliance for requests created in the
// last Days days.
type SLAWindow struct {
	Days  int
	Rows  []SLARow // S1..S4, empty severities included
	Total SLARow   // Severity 0
}

// SLARow counts the requests of one severity by how their first response
// went.
type SLARow struct {
	Severity triage.Severity
	Met      int // answered by the due time
	Breached int // answered after it
	Overdue  int // still open, not answered, past due
	Waiting  int // still open, not answered, not yet due
	// ClosedUnanswered were solved or closed without a public reply (a
	// duplicate merged away, a requester who found the answer).
	ClosedUnanswered int
	Total            int
}

// CompliancePercent is the share of met among the requests whose target
// is settled or missed (met, breached, overdue), rounded; ok is false
// when there is none.
func (r SLARow) CompliancePercent() (pct int, ok bool) {
	n := r.Met + r.Breached + r.Overdue
	if n == 0 {
		return 0, false
	}
	return (200*r.Met + n) / (2 * n), true
}

// Add counts o's requests in r too.
func (r *SLARow) Add(o SLARow) {
	r.Met += o.Met
	r.Breached += o.Breached
	r.Overdue += o.Overdue
	r.Waiting += o.Waiting
	r.ClosedUnanswered += o.ClosedUnanswered
	r.Total += o.Total
}

// SearchMiss is an aggregated query that found nothing.
type SearchMiss struct {
	Locale    desk.Locale
	Query     string
	Count     int64
	Results   int // 0: nothing found; more: only weak guesses
	FirstSeen time.Time
	LastSeen  time.Time
}
