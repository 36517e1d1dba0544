package store

import (
	"context"
	"database/sql"
	"sort"
	"time"

	"github.com/walletdesk/walletdesk/internal/analytics"
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

// How much of a large help center a report lists.
const (
	// maxVoteRows bounds the per-article vote table of a large help center.
	maxVoteRows = 200
	// commentsPerArticle is how many recent comments come with each of the
	// least helpful articles.
	commentsPerArticle = 3
)

const dayMillis = int64(24 * time.Hour / time.Millisecond)

// daySQL is dayMillis in statements (a literal keeps the statement text
// constant for the dialect's rewrite cache).
const daySQL = "86400000"

// analytics.SelfService builds a report from one snapshot of the database.
func (a *Analytics) SelfService(ctx context.Context, q analytics.SelfServiceQuery) (analytics.SelfService, error) {
	q.Days = min(max(q.Days, 1), analytics.MaxReportDays)
	if q.Limit <= 0 {
		q.Limit = analytics.DefaultReportLimit
	}
	now := a.db.now().UTC()
	today := now.Truncate(24 * time.Hour)
	rep := analytics.SelfService{Since: today.AddDate(0, 0, -(q.Days - 1)), Until: today.AddDate(0, 0, 1), Locale: q.Locale}
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

func (a *Analytics) misses(ctx context.Context, tx *sql.Tx, q analytics.SelfServiceQuery, since int64, weak bool) ([]analytics.SearchMiss, error) {
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
	var out []analytics.SearchMiss
	for rows.Next() {
		var m analytics.SearchMiss
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
func (a *Analytics) votes(ctx context.Context, tx *sql.Tx, q analytics.SelfServiceQuery, since int64, rep *analytics.SelfService) error {
	where, args := localeFilter(q.Locale, "created_at >= ?", []any{since})
	rows, err := tx.QueryContext(ctx, a.db.d.q(`SELECT slug, locale, SUM(helpful), COUNT(*)
		FROM article_feedback WHERE `+where+` GROUP BY slug, locale`), args...)
	if err != nil {
		return err
	}
	var all []analytics.ArticleVotes
	for rows.Next() {
		var v analytics.ArticleVotes
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
	key := func(v analytics.ArticleVotes) string { return v.Slug + "\x00" + string(v.Locale) }
	var unhelpful []analytics.ArticleVotes
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

func (a *Analytics) comments(ctx context.Context, tx *sql.Tx, v analytics.ArticleVotes, since int64) ([]analytics.FeedbackComment, error) {
	rows, err := tx.QueryContext(ctx, a.db.d.q(`SELECT comment, created_at FROM article_feedback
		WHERE slug = ? AND locale = ? AND created_at >= ? AND helpful = 0 AND comment <> ''
		ORDER BY created_at DESC, id DESC LIMIT ?`), v.Slug, string(v.Locale), since, commentsPerArticle)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []analytics.FeedbackComment
	for rows.Next() {
		var c analytics.FeedbackComment
		var at int64
		if err := rows.Scan(&c.Comment, &at); err != nil {
			return nil, err
		}
		c.CreatedAt = fromMS(at)
		out = append(out, c)
	}
	return out, rows.Err()
}

func (a *Analytics) deflections(ctx context.Context, tx *sql.Tx, q analytics.SelfServiceQuery, since int64) ([]analytics.ArticleCount, error) {
	where, args := localeFilter(q.Locale, "created_at >= ?", []any{since})
	rows, err := tx.QueryContext(ctx, a.db.d.q(`SELECT slug, locale, COUNT(*) FROM deflections WHERE `+where+`
		GROUP BY slug, locale ORDER BY COUNT(*) DESC, slug, locale LIMIT ?`), append(args, q.Limit)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []analytics.ArticleCount
	for rows.Next() {
		var c analytics.ArticleCount
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
func (a *Analytics) requestsPerDay(ctx context.Context, tx *sql.Tx, q analytics.SelfServiceQuery, since time.Time, days int) ([]analytics.DayRequests, error) {
	where, args := localeFilter(q.Locale, "created_at >= ?", []any{since.UnixMilli()})
	rows, err := tx.QueryContext(ctx, a.db.d.q(`SELECT created_at / `+daySQL+`, severity, COUNT(*)
		FROM tickets WHERE `+where+` GROUP BY created_at / `+daySQL+`, severity`), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make([]analytics.DayRequests, days)
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

func (a *Analytics) slaWindow(ctx context.Context, tx *sql.Tx, loc desk.Locale, since, now int64, days int) (analytics.SLAWindow, error) {
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
		return analytics.SLAWindow{}, err
	}
	defer rows.Close()
	w := analytics.SLAWindow{Days: days, Rows: make([]analytics.SLARow, 4)}
	for i := range w.Rows {
		w.Rows[i].Severity = triage.Severity(i + 1)
	}
	for rows.Next() {
		var r analytics.SLARow
		var sev int
		if err := rows.Scan(&sev, &r.Met, &r.Breached, &r.Overdue, &r.Waiting, &r.ClosedUnanswered, &r.Total); err != nil {
			return analytics.SLAWindow{}, err
		}
		if sev >= 1 && sev <= 4 {
			w.Rows[sev-1].Add(r)
		}
		w.Total.Add(r)
	}
	return w, rows.Err()
}

func (a *Analytics) overdueNow(ctx context.Context, tx *sql.Tx, loc desk.Locale, now int64, n *int) error {
	where, args := localeFilter(loc, `status IN `+activeStatuses+` AND first_response_at = 0 AND first_response_due < ?`, []any{now})
	return tx.QueryRowContext(ctx, a.db.d.q(`SELECT COUNT(*) FROM tickets WHERE `+where), args...).Scan(n)
}
