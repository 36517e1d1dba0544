package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/walletdesk/walletdesk/internal/analytics"
	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/kb"
)

// KB adapts DB to kb.Store.
type KB struct{ db *DB }

// KB returns the help-center store.
func (db *DB) KB() *KB { return &KB{db} }

var _ kb.Store = (*KB)(nil)

func joinLines(s []string) string { return strings.Join(s, "\n") }

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// ImportArticles implements kb.Store.
func (s *KB) ImportArticles(ctx context.Context, arts []kb.Article, author string) (kb.ImportStats, error) {
	var st kb.ImportStats
	err := s.db.inTx(ctx, func(tx *sql.Tx) error {
		st = kb.ImportStats{}
		changed := false
		for _, a := range arts {
			c, err := s.upsertArticle(ctx, tx, a, author, &st)
			if err != nil {
				return err
			}
			changed = changed || c
		}
		if changed {
			return s.bumpVersion(ctx, tx)
		}
		return nil
	})
	return st, err
}

func (s *KB) upsertArticle(ctx context.Context, tx *sql.Tx, a kb.Article, author string, st *kb.ImportStats) (bool, error) {
	d := s.db.d
	now := s.db.millis()
	hash := a.Hash()
	var id int64
	var oldHash string
	var latest int
	err := tx.QueryRowContext(ctx, d.q(`SELECT id, hash, latest_version FROM articles WHERE slug = ? AND locale = ?`),
		a.Slug, string(a.Locale)).Scan(&id, &oldHash, &latest)
	// A draft saved in the console may sit above the article's version:
	// the import becomes the version after it, and the working copy.
	version := latest + 1
	switch {
	case err == sql.ErrNoRows:
		version = 1
		err = tx.QueryRowContext(ctx, d.q(`INSERT INTO articles
			(slug, locale, category, title, summary, keywords, body, related, sort_order, content_date, status, hash, version, latest_version, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
			a.Slug, string(a.Locale), string(a.Category), a.Title, a.Summary, joinLines(a.Keywords), a.Body,
			joinLines(a.Related), a.Order, a.Date, string(a.Status), hash, version, version, now, now).Scan(&id)
		if err != nil {
			return false, err
		}
		st.Created++
	case err != nil:
		return false, err
	case oldHash == hash:
		st.Unchanged++
		return false, nil
	default:
		_, err = tx.ExecContext(ctx, d.q(`UPDATE articles SET category = ?, title = ?, summary = ?, keywords = ?, body = ?,
			related = ?, sort_order = ?, content_date = ?, status = ?, hash = ?, version = ?, latest_version = ?, updated_at = ? WHERE id = ?`),
			string(a.Category), a.Title, a.Summary, joinLines(a.Keywords), a.Body, joinLines(a.Related), a.Order, a.Date,
			string(a.Status), hash, version, version, now, id)
		if err != nil {
			return false, err
		}
		st.Updated++
	}
	ref, err := s.importSource(ctx, tx, a)
	if err != nil {
		return false, err
	}
	rev := kb.Revision{Article: a, Action: kb.ActionImport, Live: true, Author: kb.Author{Name: author}, Source: ref}
	return true, s.insertVersion(ctx, tx, id, version, rev, now)
}

func (s *KB) bumpVersion(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `UPDATE kb_state SET value = value + 1 WHERE name = 'content_version'`)
	return err
}

// Articles implements kb.Store.
func (s *KB) Articles(ctx context.Context) ([]kb.Article, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT slug, locale, category, title, summary, keywords, body, related,
		sort_order, content_date, status, version, updated_at FROM articles ORDER BY locale, slug`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []kb.Article
	for rows.Next() {
		var a kb.Article
		var loc, cat, kw, rel, status string
		var updated int64
		if err := rows.Scan(&a.Slug, &loc, &cat, &a.Title, &a.Summary, &kw, &a.Body, &rel,
			&a.Order, &a.Date, &status, &a.Version, &updated); err != nil {
			return nil, err
		}
		a.Locale, a.Category, a.Status = desk.Locale(loc), kb.Category(cat), kb.Status(status)
		a.Keywords, a.Related = splitLines(kw), splitLines(rel)
		a.UpdatedAt = time.UnixMilli(updated).UTC()
		out = append(out, a)
	}
	return out, rows.Err()
}

// ContentVersion implements kb.Store.
func (s *KB) ContentVersion(ctx context.Context) (int64, error) {
	var v int64
	err := s.db.read.QueryRowContext(ctx, `SELECT value FROM kb_state WHERE name = 'content_version'`).Scan(&v)
	return v, err
}

// AddFeedback implements kb.Store.
func (s *KB) AddFeedback(ctx context.Context, f kb.Feedback) error {
	return s.db.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, s.db.d.q(`INSERT INTO article_feedback (slug, locale, helpful, comment, created_at)
			VALUES (?, ?, ?, ?, ?)`), f.Slug, string(f.Locale), bool2int(f.Helpful), f.Comment, s.db.millis())
		return err
	})
}

// RecordSearchMiss implements kb.Store.
func (s *KB) RecordSearchMiss(ctx context.Context, loc desk.Locale, query string, results int) error {
	now := s.db.millis()
	return s.db.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, s.db.d.q(`INSERT INTO search_misses (locale, query, count, results, first_seen, last_seen)
			VALUES (?, ?, 1, ?, ?, ?)
			ON CONFLICT (locale, query) DO UPDATE SET count = search_misses.count + 1, results = excluded.results,
			last_seen = excluded.last_seen`),
			string(loc), query, results, now, now)
		return err
	})
}

// SearchMisses lists the most frequent queries that found nothing.
func (s *KB) SearchMisses(ctx context.Context, limit int) ([]analytics.SearchMiss, error) {
	rows, err := s.db.read.QueryContext(ctx, s.db.d.q(`SELECT locale, query, count, results, first_seen, last_seen
		FROM search_misses ORDER BY count DESC, last_seen DESC LIMIT ?`), limit)
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
		m.Locale, m.FirstSeen, m.LastSeen = desk.Locale(loc), time.UnixMilli(first).UTC(), time.UnixMilli(last).UTC()
		out = append(out, m)
	}
	return out, rows.Err()
}

// FeedbackRecord is one stored vote.
type FeedbackRecord struct {
	ID        int64
	Slug      string
	Locale    desk.Locale
	Helpful   bool
	Comment   string
	CreatedAt time.Time
}

// RecentFeedback lists the latest votes, newest first.
func (s *KB) RecentFeedback(ctx context.Context, limit int) ([]FeedbackRecord, error) {
	rows, err := s.db.read.QueryContext(ctx, s.db.d.q(`SELECT id, slug, locale, helpful, comment, created_at
		FROM article_feedback ORDER BY id DESC LIMIT ?`), limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []FeedbackRecord
	for rows.Next() {
		var f FeedbackRecord
		var loc string
		var helpful int
		var created int64
		if err := rows.Scan(&f.ID, &f.Slug, &loc, &helpful, &f.Comment, &created); err != nil {
			return nil, err
		}
		f.Locale, f.Helpful, f.CreatedAt = desk.Locale(loc), helpful == 1, time.UnixMilli(created).UTC()
		out = append(out, f)
	}
	return out, rows.Err()
}
