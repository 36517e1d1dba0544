package store

import (
	"context"
	"database/sql"
	"sort"
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/triage"
)

// Analytics reads the figures of the console's self-service page: where
// readers do not find an answer, which articles do not help, what the
// request form deflected, and how the first-response targets are kept. It
// never writes.
type Analytics struct{ db *DB }

// Analytics returns the analytics reader.
func (db *DB) Analytics() *Analytics { return &Analytics{db} }

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
	// maxVoteRows bounds the per-article vote table of a large help center.
	maxVoteRows = 200
	// commentsPerArticle is how many recent comments come with each of the
	// least helpful articles.
	commentsPerArticle = 3
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

func (r *SLARow) add(o SLARow) {
	r.Met += o.Met
	r.Breached += o.Breached
	r.Overdue += o.Overdue
	r.Waiting += o.Waiting
	r.ClosedUnanswered += o.ClosedUnanswered
	r.Total += o.Total
}

const dayMillis = int64(24 * time.Hour / time.Millisecond)

// daySQL is dayMillis in statements (a literal keeps the statement text
// constant for the dialect's rewrite cache).
const daySQL = "86400000"

// SelfService builds a report from one snapshot of the database.
func (a *Analytics) SelfService(ctx context.Context, q SelfServiceQuery) (SelfService, error) {
	q.Days = min(max(q.Days, 1), MaxReportDays)
	if q.Limit <= 0 {
		q.Limit = DefaultReportLimit
	}
	now := a.db.now().UTC()
	today := now.Truncate(24 * time.Hour)
	rep := SelfService{Since: today.AddDate(0, 0, -(q.Days - 1)), Until: today.AddDate(0, 0, 1), Locale: q.Locale}
	since := rep.Since.UnixMilli()
	err := a.db.inReadTx(ctx, func(tx *sql.Tx) error {
		var err error
		if rep.NoResult, err = a.misses(ctx, tx, q, since, false); err != nil {
			return err
		}
		if rep.WeakResult, err = a.misses(ctx, tx, q, since, true); err != nil {
			return err
		}
		if err := a.votes(ctx, tx, q, since, &rep); err != nil {
			return err
		}
		if rep.Deflections, err = a.deflections(ctx, tx, q, since); err != nil {
			return err
		}
		if rep.Requests, err = a.requestsPerDay(ctx, tx, q, rep.Since, q.Days); err != nil {
			return err
		}
		for _, days := range [...]int{7, 30} {
			w, err := a.slaWindow(ctx, tx, q.Locale, today.AddDate(0, 0, -(days-1)).UnixMilli(), now.UnixMilli(), days)
			if err != nil {
				return err
			}
			rep.SLA = append(rep.SLA, w)
		}
		return a.overdueNow(ctx, tx, q.Locale, now.UnixMilli(), &rep.OverdueNow)
	})
	return rep, err
}

// localeFilter appends the locale condition of q to a WHERE clause.
func localeFilter(loc desk.Locale, where string, args []any) (string, []any) {
	if loc == "" {
		return where, args
	}
	return where + " AND locale = ?", append(args, string(loc))
}

func (a *Analytics) misses(ctx context.Context, tx *sql.Tx, q SelfServiceQuery, since int64, weak bool) ([]SearchMiss, error) {
	where, args := "last_seen >= ? AND results = 0", []any{since}
	if weak {
		where = "last_seen >= ? AND results > 0"
	}
	where, args = localeFilter(q.Locale, where, args)
	rows, err := tx.QueryContext(ctx, a.db.d.q(`SELECT locale, query, count, results, first_seen, last_seen
		FROM search_misses WHERE `+where+` ORDER BY count DESC, last_seen DESC, query LIMIT ?`), append(args, q.Limit)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []SearchMiss
	for rows.Next() {
		var m SearchMiss
		var loc string
		var first, last int64
		if err := rows.Scan(&loc, &m.Query, &m.Count, &m.Results, &first, &last); err != nil {
			return nil, err
		}
		m.Locale, m.FirstSeen, m.LastSeen = desk.Locale(loc), fromMS(first), fromMS(last)
		out = append(out, m)
	}
	return out, rows.Err()
}

// votes tallies feedback per article and locale, ranks it both ways and
// attaches the latest comments of the least helpful articles.
func (a *Analytics) votes(ctx context.Context, tx *sql.Tx, q SelfServiceQuery, since int64, rep *SelfService) error {
	where, args := localeFilter(q.Locale, "created_at >= ?", []any{since})
	rows, err := tx.QueryContext(ctx, a.db.d.q(`SELECT slug, locale, SUM(helpful), COUNT(*)
		FROM article_feedback WHERE `+where+` GROUP BY slug, locale`), args...)
	if err != nil {
		return err
	}
	var all []ArticleVotes
	for rows.Next() {
		var v ArticleVotes
		var loc string
		var helpful, total int
		if err := rows.Scan(&v.Slug, &loc, &helpful, &total); err != nil {
			rows.Close()
			return err
		}
		v.Locale, v.Helpful, v.Unhelpful = desk.Locale(loc), helpful, total-helpful
		all = append(all, v)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	key := func(v ArticleVotes) string { return v.Slug + "\x00" + string(v.Locale) }
	var unhelpful []ArticleVotes
	for _, v := range all {
		if v.Unhelpful > 0 {
			unhelpful = append(unhelpful, v)
		}
	}
	sort.Slice(unhelpful, func(i, j int) bool {
		x, y := unhelpful[i], unhelpful[j]
		if x.Unhelpful != y.Unhelpful {
			return x.Unhelpful > y.Unhelpful
		}
		if x.Helpful != y.Helpful {
			return x.Helpful < y.Helpful
		}
		return key(x) < key(y)
	})
	if len(unhelpful) > q.Limit {
		unhelpful = unhelpful[:q.Limit]
	}
	for i := range unhelpful {
		c, err := a.comments(ctx, tx, unhelpful[i], since)
		if err != nil {
			return err
		}
		unhelpful[i].Comments = c
	}
	// The share is compared exactly (cross-multiplied), not as a rounded
	// percent; among equals, the article with more votes says more.
	sort.Slice(all, func(i, j int) bool {
		x, y := all[i], all[j]
		l, r := x.Helpful*y.Total(), y.Helpful*x.Total()
		if l != r {
			return l < r
		}
		if x.Total() != y.Total() {
			return x.Total() > y.Total()
		}
		return key(x) < key(y)
	})
	if len(all) > maxVoteRows {
		all = all[:maxVoteRows]
	}
	rep.Unhelpful, rep.Votes = unhelpful, all
	return nil
}

func (a *Analytics) comments(ctx context.Context, tx *sql.Tx, v ArticleVotes, since int64) ([]FeedbackComment, error) {
	rows, err := tx.QueryContext(ctx, a.db.d.q(`SELECT comment, created_at FROM article_feedback
		WHERE slug = ? AND locale = ? AND created_at >= ? AND helpful = 0 AND comment <> ''
		ORDER BY created_at DESC, id DESC LIMIT ?`), v.Slug, string(v.Locale), since, commentsPerArticle)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []FeedbackComment
	for rows.Next() {
		var c FeedbackComment
		var at int64
		if err := rows.Scan(&c.Comment, &at); err != nil {
			return nil, err
		}
		c.CreatedAt = fromMS(at)
		out = append(out, c)
	}
	return out, rows.Err()
}

func (a *Analytics) deflections(ctx context.Context, tx *sql.Tx, q SelfServiceQuery, since int64) ([]ArticleCount, error) {
	where, args := localeFilter(q.Locale, "created_at >= ?", []any{since})
	rows, err := tx.QueryContext(ctx, a.db.d.q(`SELECT slug, locale, COUNT(*) FROM deflections WHERE `+where+`
		GROUP BY slug, locale ORDER BY COUNT(*) DESC, slug, locale LIMIT ?`), append(args, q.Limit)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ArticleCount
	for rows.Next() {
		var c ArticleCount
		var loc string
		if err := rows.Scan(&c.Slug, &loc, &c.Count); err != nil {
			return nil, err
		}
		c.Locale = desk.Locale(loc)
		out = append(out, c)
	}
	return out, rows.Err()
}

// requestsPerDay buckets requests by UTC day with integer division of the
// millisecond timestamps, which both engines do the same way.
func (a *Analytics) requestsPerDay(ctx context.Context, tx *sql.Tx, q SelfServiceQuery, since time.Time, days int) ([]DayRequests, error) {
	where, args := localeFilter(q.Locale, "created_at >= ?", []any{since.UnixMilli()})
	rows, err := tx.QueryContext(ctx, a.db.d.q(`SELECT created_at / `+daySQL+`, severity, COUNT(*)
		FROM tickets WHERE `+where+` GROUP BY created_at / `+daySQL+`, severity`), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make([]DayRequests, days)
	first := since.UnixMilli() / dayMillis
	for i := range out {
		out[i].Day = since.AddDate(0, 0, i)
	}
	for rows.Next() {
		var day int64
		var sev, n int
		if err := rows.Scan(&day, &sev, &n); err != nil {
			return nil, err
		}
		i := int(day - first)
		if i < 0 || i >= days || sev < 1 || sev > 4 {
			continue // created in the future by a skewed clock, or a severity the report does not know
		}
		out[i].BySeverity[sev-1] += n
		out[i].Total += n
	}
	return out, rows.Err()
}

// Statuses in which a request still waits for the team, spelled as
// literals like the queue's partial indexes.
const activeStatuses = `('new', 'open', 'pending')`

func (a *Analytics) slaWindow(ctx context.Context, tx *sql.Tx, loc desk.Locale, since, now int64, days int) (SLAWindow, error) {
	where, args := localeFilter(loc, "created_at >= ?", []any{now, now, since})
	rows, err := tx.QueryContext(ctx, a.db.d.q(`SELECT severity,
		SUM(CASE WHEN first_response_at > 0 AND first_response_at <= first_response_due THEN 1 ELSE 0 END),
		SUM(CASE WHEN first_response_at > first_response_due THEN 1 ELSE 0 END),
		SUM(CASE WHEN first_response_at = 0 AND status IN `+activeStatuses+` AND first_response_due < ? THEN 1 ELSE 0 END),
		SUM(CASE WHEN first_response_at = 0 AND status IN `+activeStatuses+` AND first_response_due >= ? THEN 1 ELSE 0 END),
		SUM(CASE WHEN first_response_at = 0 AND status NOT IN `+activeStatuses+` THEN 1 ELSE 0 END),
		COUNT(*)
		FROM tickets WHERE `+where+` GROUP BY severity`), args...)
	if err != nil {
		return SLAWindow{}, err
	}
	defer rows.Close()
	w := SLAWindow{Days: days, Rows: make([]SLARow, 4)}
	for i := range w.Rows {
		w.Rows[i].Severity = triage.Severity(i + 1)
	}
	for rows.Next() {
		var r SLARow
		var sev int
		if err := rows.Scan(&sev, &r.Met, &r.Breached, &r.Overdue, &r.Waiting, &r.ClosedUnanswered, &r.Total); err != nil {
			return SLAWindow{}, err
		}
		if sev >= 1 && sev <= 4 {
			w.Rows[sev-1].add(r)
		}
		w.Total.add(r)
	}
	return w, rows.Err()
}

func (a *Analytics) overdueNow(ctx context.Context, tx *sql.Tx, loc desk.Locale, now int64, n *int) error {
	where, args := localeFilter(loc, `status IN `+activeStatuses+` AND first_response_at = 0 AND first_response_due < ?`, []any{now})
	return tx.QueryRowContext(ctx, a.db.d.q(`SELECT COUNT(*) FROM tickets WHERE `+where), args...).Scan(n)
}
