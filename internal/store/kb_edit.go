package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/kb"
)

var _ kb.EditStore = (*KB)(nil)

// versionInfoColumns are the history columns of article_versions under alias.
func versionInfoColumns(alias string) string {
	cols := []string{"version", "action", "status", "author_id", "author", "created_at", "base_version",
		"source_locale", "source_version", "restored_from", "note"}
	for i, c := range cols {
		cols[i] = alias + "." + c
	}
	return strings.Join(cols, ", ")
}

const versionContentColumns = `v.category, v.title, v.summary, v.keywords, v.body, v.related, v.sort_order, v.content_date`

func versionInfoDest(vi *kb.VersionInfo, status, loc *string, created *int64) []any {
	return []any{&vi.Number, &vi.Action, status, &vi.Author.ID, &vi.Author.Name, created, &vi.Base,
		loc, &vi.Source.Version, &vi.RestoredFrom, &vi.Note}
}

func finishVersionInfo(vi *kb.VersionInfo, status, loc string, created int64) {
	vi.Status, vi.Source.Locale, vi.CreatedAt = kb.Status(status), desk.Locale(loc), fromMS(created)
}

func scanVersionInfo(r scanner) (kb.VersionInfo, error) {
	var vi kb.VersionInfo
	var status, loc string
	var created int64
	if err := r.Scan(versionInfoDest(&vi, &status, &loc, &created)...); err != nil {
		return vi, notFound(err)
	}
	finishVersionInfo(&vi, status, loc, created)
	return vi, nil
}

// scanVersion reads versionInfoColumns("v") then versionContentColumns.
func scanVersion(r scanner, k kb.Key) (kb.Version, error) {
	var v kb.Version
	var status, loc, cat, kw, rel string
	var created int64
	a := &v.Article
	dest := append(versionInfoDest(&v.VersionInfo, &status, &loc, &created),
		&cat, &a.Title, &a.Summary, &kw, &a.Body, &rel, &a.Order, &a.Date)
	if err := r.Scan(dest...); err != nil {
		return v, notFound(err)
	}
	finishVersionInfo(&v.VersionInfo, status, loc, created)
	a.Slug, a.Locale, a.Category = k.Slug, k.Locale, kb.Category(cat)
	a.Keywords, a.Related = splitLines(kw), splitLines(rel)
	a.Status, a.Version, a.UpdatedAt = v.Status, v.Number, v.CreatedAt
	return v, nil
}

// loadEditState reads the article row of k and its latest version; id is 0
// (and the state zero) when the article does not exist.
func (s *KB) loadEditState(ctx context.Context, tx *sql.Tx, k kb.Key) (int64, kb.EditState, error) {
	var st kb.EditState
	var id int64
	var latest int
	var cat, kw, rel, status string
	var updated int64
	a := &st.Article
	err := tx.QueryRowContext(ctx, s.db.d.q(`SELECT id, category, title, summary, keywords, body, related, sort_order,
		content_date, status, version, latest_version, updated_at FROM articles WHERE slug = ? AND locale = ?`),
		k.Slug, string(k.Locale)).Scan(&id, &cat, &a.Title, &a.Summary, &kw, &a.Body, &rel, &a.Order,
		&a.Date, &status, &a.Version, &latest, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, kb.EditState{}, nil
	}
	if err != nil {
		return 0, st, err
	}
	a.Slug, a.Locale, a.Category, a.Status = k.Slug, k.Locale, kb.Category(cat), kb.Status(status)
	a.Keywords, a.Related, a.UpdatedAt = splitLines(kw), splitLines(rel), fromMS(updated)
	head, err := scanVersion(tx.QueryRowContext(ctx, s.db.d.q(`SELECT `+versionInfoColumns("v")+`, `+versionContentColumns+`
		FROM article_versions v WHERE v.article_id = ? AND v.version = ?`), id, latest), k)
	if err != nil {
		return 0, st, err
	}
	st.Head = head.VersionInfo
	if latest > a.Version {
		d := head.Article
		st.Draft = &d
	}
	return id, st, nil
}

// EditArticle implements kb.EditStore.
func (s *KB) EditArticle(ctx context.Context, k kb.Key, fn func(cur kb.EditState) (*kb.Revision, error)) (kb.EditResult, error) {
	var res kb.EditResult
	err := s.db.inTx(ctx, func(tx *sql.Tx) error {
		res = kb.EditResult{}
		id, cur, err := s.loadEditState(ctx, tx, k)
		if err != nil {
			return err
		}
		rev, err := fn(cur)
		if err != nil {
			return err
		}
		if rev == nil {
			res.Version, res.Article = cur.Head, cur.Article
			return nil
		}
		if id == 0 && !rev.Live {
			return desk.Errorf(desk.KindInternal, "internal", "a new article must be live")
		}
		n := cur.Head.Number + 1
		now := s.db.millis()
		a := rev.Article
		a.Slug, a.Locale = k.Slug, k.Locale
		d := s.db.d
		switch {
		case id == 0:
			err = tx.QueryRowContext(ctx, d.q(`INSERT INTO articles
				(slug, locale, category, title, summary, keywords, body, related, sort_order, content_date, status, hash,
				version, latest_version, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
				a.Slug, string(a.Locale), string(a.Category), a.Title, a.Summary, joinLines(a.Keywords), a.Body,
				joinLines(a.Related), a.Order, a.Date, string(a.Status), a.Hash(), n, n, now, now).Scan(&id)
			if violatesUnique(err) {
				return desk.Errorf(desk.KindConflict, kb.CodeArticleExists, "created concurrently")
			}
		case rev.Live:
			err = updatedOne(tx.ExecContext(ctx, d.q(`UPDATE articles SET category = ?, title = ?, summary = ?,
				keywords = ?, body = ?, related = ?, sort_order = ?, content_date = ?, status = ?, hash = ?, version = ?,
				latest_version = ?, updated_at = ? WHERE id = ? AND latest_version = ?`),
				string(a.Category), a.Title, a.Summary, joinLines(a.Keywords), a.Body, joinLines(a.Related), a.Order,
				a.Date, string(a.Status), a.Hash(), n, n, now, id, cur.Head.Number))
		default:
			err = updatedOne(tx.ExecContext(ctx, d.q(`UPDATE articles SET latest_version = ? WHERE id = ? AND latest_version = ?`),
				n, id, cur.Head.Number))
		}
		if err != nil {
			return err
		}
		rev.Article = a
		if err := s.insertVersion(ctx, tx, id, n, *rev, now); err != nil {
			return err
		}
		res.Changed = true
		res.Version = kb.VersionInfo{Number: n, Action: rev.Action, Status: a.Status, Author: rev.Author,
			CreatedAt: fromMS(now), Base: rev.Base, Source: rev.Source, RestoredFrom: rev.RestoredFrom, Note: rev.Note}
		res.Article = cur.Article
		if rev.Live {
			res.Article = a
			res.Article.Version, res.Article.UpdatedAt = n, fromMS(now)
			wasLive := cur.Exists() && cur.Article.Status == kb.Published
			if wasLive || a.Status == kb.Published {
				return tx.QueryRowContext(ctx, `UPDATE kb_state SET value = value + 1 WHERE name = 'content_version'
					RETURNING value`).Scan(&res.ContentVersion)
			}
		}
		return nil
	})
	return res, err
}

// updatedOne turns an UPDATE guarded by the expected latest version into a
// conflict when another change got there first.
func updatedOne(r sql.Result, err error) error {
	if err != nil {
		return err
	}
	if n, err := r.RowsAffected(); err != nil || n != 1 {
		return desk.Errorf(desk.KindConflict, kb.CodeStaleVersion, "changed concurrently")
	}
	return nil
}

func violatesUnique(err error) bool {
	if err == nil {
		return false
	}
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return pg.Code == "23505"
	}
	return strings.Contains(err.Error(), "UNIQUE constraint failed")
}

// insertVersion records version n of article id.
func (s *KB) insertVersion(ctx context.Context, tx *sql.Tx, id int64, n int, rev kb.Revision, now int64) error {
	a := rev.Article
	_, err := tx.ExecContext(ctx, s.db.d.q(`INSERT INTO article_versions
		(article_id, version, title, summary, keywords, body, related, category, status, hash, author, created_at,
		action, author_id, sort_order, content_date, base_version, restored_from, note, text_hash, source_locale, source_version)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
		id, n, a.Title, a.Summary, joinLines(a.Keywords), a.Body, joinLines(a.Related), string(a.Category),
		string(a.Status), a.Hash(), rev.Author.Name, now,
		string(rev.Action), rev.Author.ID, a.Order, a.Date, rev.Base, rev.RestoredFrom, rev.Note, a.TextHash(),
		string(rev.Source.Locale), rev.Source.Version)
	if violatesUnique(err) {
		return desk.Errorf(desk.KindConflict, kb.CodeStaleVersion, "version %d recorded concurrently", n)
	}
	return err
}

// importSource names the source version an imported translation is taken
// to be made from: the source article as it stands in this transaction (an
// import brings a team's current translations of its current source).
func (s *KB) importSource(ctx context.Context, tx *sql.Tx, a kb.Article) (kb.SourceRef, error) {
	src := string(desk.DefaultLocale)
	err := tx.QueryRowContext(ctx, s.db.d.q(`SELECT locale FROM article_sources WHERE slug = ?`), a.Slug).Scan(&src)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return kb.SourceRef{}, err
	}
	if desk.Locale(src) == a.Locale {
		return kb.SourceRef{}, nil
	}
	ref := kb.SourceRef{Locale: desk.Locale(src)}
	err = tx.QueryRowContext(ctx, s.db.d.q(`SELECT version FROM articles WHERE slug = ? AND locale = ?`), a.Slug, src).Scan(&ref.Version)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return kb.SourceRef{}, err
	}
	return ref, nil
}

// EditState implements kb.EditStore.
func (s *KB) EditState(ctx context.Context, k kb.Key) (kb.EditState, error) {
	var st kb.EditState
	err := s.db.inReadTx(ctx, func(tx *sql.Tx) error {
		id, cur, err := s.loadEditState(ctx, tx, k)
		if err != nil {
			return err
		}
		if id == 0 {
			return desk.ErrNotFound
		}
		st = cur
		return nil
	})
	return st, err
}

// Versions implements kb.EditStore.
func (s *KB) Versions(ctx context.Context, k kb.Key) ([]kb.VersionInfo, error) {
	rows, err := s.db.read.QueryContext(ctx, s.db.d.q(`SELECT `+versionInfoColumns("v")+`
		FROM article_versions v JOIN articles a ON a.id = v.article_id
		WHERE a.slug = ? AND a.locale = ? ORDER BY v.version DESC`), k.Slug, string(k.Locale))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []kb.VersionInfo
	for rows.Next() {
		vi, err := scanVersionInfo(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, vi)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, desk.ErrNotFound
	}
	return out, nil
}

// ArticleVersion implements kb.EditStore.
func (s *KB) ArticleVersion(ctx context.Context, k kb.Key, n int) (kb.Version, error) {
	return scanVersion(s.db.read.QueryRowContext(ctx, s.db.d.q(`SELECT `+versionInfoColumns("v")+`, `+versionContentColumns+`
		FROM article_versions v JOIN articles a ON a.id = v.article_id
		WHERE a.slug = ? AND a.locale = ? AND v.version = ?`), k.Slug, string(k.Locale), n), k)
}

// TranslationFacts implements kb.EditStore.
func (s *KB) TranslationFacts(ctx context.Context, slug string) ([]kb.TranslationFacts, error) {
	q := `SELECT a.slug, a.locale, a.category, a.title, a.status, a.version, r.text_hash, ` + versionInfoColumns("h") + `,
		COALESCE(sv.text_hash, '')
		FROM articles a
		JOIN article_versions h ON h.article_id = a.id AND h.version = a.latest_version
		JOIN article_versions r ON r.article_id = a.id AND r.version = a.version
		LEFT JOIN articles sa ON sa.slug = a.slug AND sa.locale = h.source_locale
		LEFT JOIN article_versions sv ON sv.article_id = sa.id AND sv.version = h.source_version`
	var args []any
	if slug != "" {
		q += ` WHERE a.slug = ?`
		args = append(args, slug)
	}
	rows, err := s.db.read.QueryContext(ctx, s.db.d.q(q+` ORDER BY a.slug, a.locale`), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []kb.TranslationFacts
	for rows.Next() {
		var f kb.TranslationFacts
		var loc, cat, status, hstatus, hloc string
		var created int64
		dest := append([]any{&f.Key.Slug, &loc, &cat, &f.Title, &status, &f.Version, &f.TextHash},
			versionInfoDest(&f.Head, &hstatus, &hloc, &created)...)
		if err := rows.Scan(append(dest, &f.SourceTextHash)...); err != nil {
			return nil, err
		}
		f.Key.Locale, f.Category, f.Status = desk.Locale(loc), kb.Category(cat), kb.Status(status)
		finishVersionInfo(&f.Head, hstatus, hloc, created)
		out = append(out, f)
	}
	return out, rows.Err()
}

// SourceLocales implements kb.EditStore.
func (s *KB) SourceLocales(ctx context.Context, slug string) (map[string]desk.Locale, error) {
	q := `SELECT slug, locale FROM article_sources`
	var args []any
	if slug != "" {
		q += ` WHERE slug = ?`
		args = append(args, slug)
	}
	rows, err := s.db.read.QueryContext(ctx, s.db.d.q(q), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]desk.Locale{}
	for rows.Next() {
		var sl, loc string
		if err := rows.Scan(&sl, &loc); err != nil {
			return nil, err
		}
		out[sl] = desk.Locale(loc)
	}
	return out, rows.Err()
}

// SetSourceLocale implements kb.EditStore.
func (s *KB) SetSourceLocale(ctx context.Context, slug string, loc desk.Locale, who kb.Author) error {
	return s.db.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, s.db.d.q(`INSERT INTO article_sources (slug, locale, author_id, author, updated_at)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (slug) DO UPDATE SET locale = excluded.locale,
			author_id = excluded.author_id, author = excluded.author, updated_at = excluded.updated_at`),
			slug, string(loc), who.ID, who.Name, s.db.millis())
		return err
	})
}

// ExistingSlugs implements kb.EditStore.
func (s *KB) ExistingSlugs(ctx context.Context, slugs []string) (map[string]bool, error) {
	out := map[string]bool{}
	if len(slugs) == 0 {
		return out, nil
	}
	args := make([]any, len(slugs))
	for i, sl := range slugs {
		args[i] = sl
	}
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(slugs)), ", ")
	rows, err := s.db.read.QueryContext(ctx, s.db.d.q(`SELECT DISTINCT slug FROM articles WHERE slug IN (`+marks+`)`), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var sl string
		if err := rows.Scan(&sl); err != nil {
			return nil, err
		}
		out[sl] = true
	}
	return out, rows.Err()
}
