package web

import (
	"html/template"
	"net/http"
	"strconv"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/kb"
)

// articleHistoryPage lists the versions of one article.
type articleHistoryPage struct {
	Key      kb.Key
	URL      string // the editor
	Head     int
	Live     int
	Rows     []versionRow
	From, To int // preselected for the comparison
	Notice   string
	Error    string
	Conflict *articleConflict
}

type versionRow struct {
	kb.VersionInfo
	When       string
	ActionName string
	StatusName string
	URL        string
	Head, Live bool
}

func (s *Server) versionRow(loc desk.Locale, k kb.Key, v kb.VersionInfo, head, live int) versionRow {
	return versionRow{VersionInfo: v, When: consoleTime(v.CreatedAt),
		ActionName: s.cat.T(loc, "console.articles.action."+string(v.Action)),
		StatusName: s.cat.T(loc, "console.articles.status."+string(v.Status)),
		URL:        articleURL(k) + "/versions/" + strconv.Itoa(v.Number), Head: v.Number == head, Live: v.Number == live}
}

func (s *Server) articleHistory(w http.ResponseWriter, r *http.Request) {
	k, ok := articleKey(r)
	if !ok {
		s.consoleFail(w, r, desk.ErrNotFound)
		return
	}
	d, err := s.articleHistoryData(r, k)
	if err != nil {
		s.consoleFail(w, r, err)
		return
	}
	s.renderHistory(w, r, http.StatusOK, d)
}

func (s *Server) articleHistoryData(r *http.Request, k kb.Key) (articleHistoryPage, error) {
	h, err := s.editor.History(r.Context(), k)
	if err != nil {
		return articleHistoryPage{}, err
	}
	loc := s.locale(r)
	d := articleHistoryPage{Key: k, URL: articleURL(k), Head: h.Head, Live: h.Live, To: h.Head, From: max(h.Head-1, 1)}
	for _, v := range h.Versions {
		d.Rows = append(d.Rows, s.versionRow(loc, k, v, h.Head, h.Live))
	}
	return d, nil
}

func (s *Server) renderHistory(w http.ResponseWriter, r *http.Request, status int, d articleHistoryPage) {
	loc := s.locale(r)
	title := s.cat.T(loc, "console.articles.history_title", d.Key.Slug, s.cat.T(loc, "locale."+string(d.Key.Locale)))
	s.renderStatus(w, r, status, "console_article_history", s.consolePage(r, title, d))
}

// articleVersionPage shows one version, rendered and as Markdown.
type articleVersionPage struct {
	Key     kb.Key
	URL     string
	Version versionRow
	Article kb.Article
	HTML    template.HTML
	Head    int
}

func (s *Server) articleVersion(w http.ResponseWriter, r *http.Request) {
	k, ok := articleKey(r)
	n, err := strconv.Atoi(r.PathValue("n"))
	if !ok || err != nil || n <= 0 {
		s.consoleFail(w, r, desk.ErrNotFound)
		return
	}
	v, err := s.editor.Version(r.Context(), k, n)
	if err != nil {
		s.consoleFail(w, r, err)
		return
	}
	h, err := s.editor.History(r.Context(), k)
	if err != nil {
		s.consoleFail(w, r, err)
		return
	}
	loc := s.locale(r)
	d := articleVersionPage{Key: k, URL: articleURL(k), Version: s.versionRow(loc, k, v.VersionInfo, h.Head, h.Live),
		Article: v.Article, HTML: s.kb.RenderMarkdown(v.Article.Body, k.Locale), Head: h.Head}
	title := s.cat.T(loc, "console.articles.version_title", n, k.Slug, s.cat.T(loc, "locale."+string(k.Locale)))
	s.renderConsole(w, r, "console_article_version", s.consolePage(r, title, d))
}

// articleDiffPage compares two versions.
type articleDiffPage struct {
	Key      kb.Key
	URL      string
	Diff     kb.Diff
	Fields   []diffField
	Versions []versionRow // for the selectors
	Same     bool
}

type diffField struct {
	kb.FieldChange
	Name string
}

func (s *Server) articleDiff(w http.ResponseWriter, r *http.Request) {
	k, ok := articleKey(r)
	if !ok {
		s.consoleFail(w, r, desk.ErrNotFound)
		return
	}
	h, err := s.editor.History(r.Context(), k)
	if err != nil {
		s.consoleFail(w, r, err)
		return
	}
	q := r.URL.Query()
	from, to := max(h.Head-1, 1), h.Head
	if v := q.Get("from"); v != "" {
		from = formInt(v)
	}
	if v := q.Get("to"); v != "" {
		to = formInt(v)
	}
	if from <= 0 || to <= 0 {
		s.consoleFail(w, r, desk.ErrNotFound)
		return
	}
	diff, err := s.editor.Diff(r.Context(), k, from, to)
	if err != nil {
		s.consoleFail(w, r, err)
		return
	}
	loc := s.locale(r)
	d := articleDiffPage{Key: k, URL: articleURL(k), Diff: diff, Same: len(diff.Fields) == 0 && len(diff.Body) == 0}
	for _, f := range diff.Fields {
		d.Fields = append(d.Fields, diffField{FieldChange: f, Name: s.cat.T(loc, "console.articles.field."+f.Field)})
	}
	for _, v := range h.Versions {
		d.Versions = append(d.Versions, s.versionRow(loc, k, v, h.Head, h.Live))
	}
	title := s.cat.T(loc, "console.articles.diff_title", from, to, k.Slug)
	s.renderConsole(w, r, "console_article_diff", s.consolePage(r, title, d))
}

// articleRestore brings back the content of an earlier version as a new
// version, as a draft or published.
func (s *Server) articleRestore(w http.ResponseWriter, r *http.Request) {
	k, ok := articleKey(r)
	if !ok {
		s.consoleFail(w, r, desk.ErrNotFound)
		return
	}
	n, base := formInt(r.PostFormValue("version")), formInt(r.PostFormValue("base"))
	if n <= 0 {
		s.consoleFail(w, r, desk.ErrNotFound)
		return
	}
	publish := r.PostFormValue("action") == "publish"
	info, err := s.editor.Restore(r.Context(), authorOf(r), k, n, base, publish)
	if err != nil {
		p, perr := s.articleProblem(r, err)
		if perr != nil {
			s.consoleFail(w, r, perr)
			return
		}
		d, derr := s.articleHistoryData(r, k)
		if derr != nil {
			s.consoleFail(w, r, derr)
			return
		}
		d.Error, d.Conflict = p.Message, p.Conflict
		for f, msg := range p.Fields {
			// A restored version is not a form: name the field in the message.
			d.Error += " " + s.cat.T(s.locale(r), "console.articles.field."+f) + ": " + msg
		}
		s.renderHistory(w, r, p.Status, d)
		return
	}
	changed := info.Number > base
	s.audit(r, "article.restore", articleTarget(k), map[string]any{"version": info.Number, "base": base,
		"restored_from": n, "status": string(info.Status), "changed": changed})
	done := "restored"
	if !changed {
		done = "unchanged"
	}
	http.Redirect(w, r, articleURL(k)+"?done="+done, http.StatusSeeOther)
}
