package web

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/kb"
)

// articleEditPage is the editor: the form, what it is based on, the
// source beside a translation, and the outcome of the last submit.
type articleEditPage struct {
	New    bool // creating an article: slug and locale are fields
	Key    kb.Key
	Action string // where the form posts
	Form   articleForm

	Exists      bool
	Published   bool
	LiveVersion int
	Draft       bool // the working copy is a draft beside the live article
	Head        kb.LocaleStatus
	Tabs        []articleTab

	// Source is the text a translation is made from, shown beside the
	// form; SourceChangesURL compares it with the version this
	// translation was made from when that is older.
	Source           *kb.Article
	SourceLocale     desk.Locale
	IsSource         bool
	State            string // localized translation state of this locale
	Outdated         bool
	MadeFrom         int
	SourceChangesURL string

	Categories []option
	LocaleOpts []option

	Preview  template.HTML
	Previewd bool
	Notice   string
	Error    string
	Fields   map[string]string
	Conflict *articleConflict
}

// KeyURL is the editor of the article the page is about (for a create
// refused because it exists: the existing one).
func (d articleEditPage) KeyURL() string { return articleURL(d.Key) }

// articleTab links the same slug in another locale.
type articleTab struct {
	Locale    desk.Locale
	Name      string
	URL       string
	StateName string
	State     kb.TranslationState
	Current   bool
}

// Notices a redirect after a change shows (?done=).
var articleDone = map[string]bool{"saved": true, "published": true, "unpublished": true, "created": true,
	"restored": true, "source": true, "unchanged": true}

func (s *Server) articleEdit(w http.ResponseWriter, r *http.Request) {
	k, ok := articleKey(r)
	if !ok {
		s.consoleFail(w, r, desk.ErrNotFound)
		return
	}
	d, wk, err := s.articleEditData(r, k)
	if err != nil {
		s.consoleFail(w, r, err)
		return
	}
	d.Form = formFromArticle(wk.Article)
	d.Form.Base = wk.Base
	if wk.Source != nil {
		// The translator translates what the page shows beside the form.
		d.Form.SourceVersion = wk.Source.Version
	}
	if done := r.URL.Query().Get("done"); articleDone[done] {
		d.Notice = s.cat.T(s.locale(r), "console.articles.done."+done)
	}
	s.renderArticleEdit(w, r, http.StatusOK, d)
}

// articleEditData builds the editor around k's current state; the caller
// fills the form (from the article, or from what was posted).
func (s *Server) articleEditData(r *http.Request, k kb.Key) (articleEditPage, kb.Working, error) {
	ctx := r.Context()
	loc := s.locale(r)
	wk, err := s.editor.Open(ctx, k)
	if err != nil {
		return articleEditPage{}, wk, err
	}
	st, err := s.editor.Status(ctx, k.Slug)
	if err != nil {
		return articleEditPage{}, wk, err
	}
	d := articleEditPage{Key: k, Action: articleURL(k), Exists: wk.Base > 0, Published: wk.LiveVersion > 0,
		LiveVersion: wk.LiveVersion, Draft: wk.Draft, Source: wk.Source, SourceLocale: st.Source, IsSource: st.Source == k.Locale,
		MadeFrom: wk.MadeFrom.Version}
	for _, ls := range st.Locales {
		tab := articleTab{Locale: ls.Locale, Name: s.cat.T(loc, "locale."+string(ls.Locale)),
			URL: articleURL(kb.Key{Slug: k.Slug, Locale: ls.Locale}), State: ls.State,
			StateName: s.cat.T(loc, "console.articles.state."+string(ls.State)), Current: ls.Locale == k.Locale}
		d.Tabs = append(d.Tabs, tab)
		if ls.Locale == k.Locale {
			d.Head = ls
			d.State = tab.StateName
			d.Outdated = ls.State == kb.StateOutdated
		}
	}
	if d.Outdated && wk.Source != nil && wk.MadeFrom.Version > 0 && wk.MadeFrom.Version != wk.Source.Version {
		v := url.Values{}
		v.Set("from", strconv.Itoa(wk.MadeFrom.Version))
		v.Set("to", strconv.Itoa(wk.Source.Version))
		d.SourceChangesURL = articleURL(kb.Key{Slug: k.Slug, Locale: st.Source}) + "/diff?" + v.Encode()
	}
	d.Categories = s.categoryOptions(loc, string(wk.Article.Category))
	return d, wk, nil
}

func (s *Server) categoryOptions(loc desk.Locale, sel string) []option {
	var out []option
	for _, c := range kb.Categories {
		out = append(out, option{string(c), s.cat.T(loc, "category."+string(c)), sel == string(c)})
	}
	return out
}

func (s *Server) renderArticleEdit(w http.ResponseWriter, r *http.Request, status int, d articleEditPage) {
	loc := s.locale(r)
	title := s.cat.T(loc, "console.articles.new_title")
	if !d.New {
		name := d.Head.Title
		if name == "" {
			name = d.Key.Slug
		}
		title = s.cat.T(loc, "console.articles.edit_title", name, s.cat.T(loc, "locale."+string(d.Key.Locale)))
	}
	s.renderStatus(w, r, status, "console_article_edit", s.consolePage(r, title, d))
}

// articleSubmit handles every button of the editor: save a draft,
// publish, unpublish, preview (without JavaScript), and take the latest
// version as the base after a conflict.
func (s *Server) articleSubmit(w http.ResponseWriter, r *http.Request) {
	k, ok := articleKey(r)
	if !ok {
		s.consoleFail(w, r, desk.ErrNotFound)
		return
	}
	f := readArticleForm(r)
	f.Slug, f.Locale = k.Slug, string(k.Locale)
	loc := s.locale(r)
	switch action := r.PostFormValue("action"); action {
	case "preview", "rebase":
		d, wk, err := s.articleEditData(r, k)
		if err != nil {
			s.consoleFail(w, r, err)
			return
		}
		d.Form = f
		if action == "rebase" {
			// The editor keeps their text and takes the latest version as
			// its base: their next save replaces what the other person did,
			// knowingly.
			d.Form.Base = wk.Base
			d.Notice = s.cat.T(loc, "console.articles.rebased", wk.Base)
		} else {
			d.Preview, d.Previewd = s.kb.RenderMarkdown(f.Body, k.Locale), true
		}
		s.renderArticleEdit(w, r, http.StatusOK, d)
	case "unpublish":
		s.articleUnpublish(w, r, k, f)
	default:
		s.articleSave(w, r, k, f, action == "publish", false)
	}
}

// articleSave records the form as a new version (created when new).
func (s *Server) articleSave(w http.ResponseWriter, r *http.Request, k kb.Key, f articleForm, publish, create bool) {
	a, bad := f.article()
	refuse := func(status int, p articleProblem) {
		loc := s.locale(r)
		d := articleEditPage{New: true, Action: "/console/articles", Key: k, LocaleOpts: s.localeOptions(loc, f.Locale, "")}
		if !create {
			var err error
			if d, _, err = s.articleEditData(r, k); err != nil {
				s.consoleFail(w, r, err)
				return
			}
		}
		d.Form, d.Error, d.Fields, d.Conflict = f, p.Message, p.Fields, p.Conflict
		d.Categories = s.categoryOptions(loc, f.Category)
		s.renderArticleEdit(w, r, status, d)
	}
	if len(bad) > 0 {
		refuse(http.StatusUnprocessableEntity, articleProblem{Message: s.cat.T(s.locale(r), "console.articles.invalid"),
			Fields: s.articleFieldMessages(s.locale(r), bad)})
		return
	}
	if create {
		f.Base = 0
	}
	info, err := s.editor.Save(r.Context(), authorOf(r), kb.Change{Article: a, Base: f.Base, Publish: publish,
		SourceVersion: f.SourceVersion, Note: f.Note})
	if err != nil {
		p, err := s.articleProblem(r, err)
		if err != nil {
			s.consoleFail(w, r, err)
			return
		}
		refuse(p.Status, p)
		return
	}
	k = a.Key()
	changed := info.Number > f.Base
	act := "article.save" // nothing to record: the text was already the working copy
	if changed {
		act = "article." + string(info.Action)
	}
	s.audit(r, act, articleTarget(k), map[string]any{"version": info.Number, "base": f.Base,
		"status": string(info.Status), "changed": changed, "note": f.Note})
	done := "saved"
	switch {
	case !changed:
		done = "unchanged"
	case info.Action == kb.ActionCreate:
		done = "created"
	case info.Status == kb.Published:
		done = "published"
	}
	http.Redirect(w, r, articleURL(k)+"?done="+done, http.StatusSeeOther)
}

// articleUnpublish takes k away from readers. Text typed but not saved
// stays in the form.
func (s *Server) articleUnpublish(w http.ResponseWriter, r *http.Request, k kb.Key, f articleForm) {
	info, err := s.editor.Unpublish(r.Context(), authorOf(r), k, f.Base)
	if err != nil {
		p, err := s.articleProblem(r, err)
		if err != nil {
			s.consoleFail(w, r, err)
			return
		}
		d, _, err := s.articleEditData(r, k)
		if err != nil {
			s.consoleFail(w, r, err)
			return
		}
		d.Form, d.Error, d.Fields, d.Conflict = f, p.Message, p.Fields, p.Conflict
		s.renderArticleEdit(w, r, p.Status, d)
		return
	}
	s.audit(r, "article.unpublish", articleTarget(k), map[string]any{"version": info.Number, "base": f.Base, "changed": info.Number > f.Base})
	d, wk, err := s.articleEditData(r, k)
	if err != nil {
		s.consoleFail(w, r, err)
		return
	}
	if f.sameText(wk.Article) {
		http.Redirect(w, r, articleURL(k)+"?done=unpublished", http.StatusSeeOther)
		return
	}
	d.Form = f
	d.Form.Base = wk.Base
	d.Notice = s.cat.T(s.locale(r), "console.articles.unpublished_kept")
	s.renderArticleEdit(w, r, http.StatusOK, d)
}

// articleNew is the form for a new article (slug and locale included).
func (s *Server) articleNew(w http.ResponseWriter, r *http.Request) {
	loc := s.locale(r)
	f := articleForm{Locale: string(desk.DefaultLocale), Category: string(kb.Categories[0]), Order: "0",
		Slug: r.URL.Query().Get("slug")}
	if l, ok := desk.ParseLocale(r.URL.Query().Get("lang")); ok {
		f.Locale = string(l)
	}
	d := articleEditPage{New: true, Action: "/console/articles", Form: f,
		Categories: s.categoryOptions(loc, f.Category), LocaleOpts: s.localeOptions(loc, f.Locale, "")}
	s.renderArticleEdit(w, r, http.StatusOK, d)
}

// articleCreate saves a new article from the new-article form.
func (s *Server) articleCreate(w http.ResponseWriter, r *http.Request) {
	f := readArticleForm(r)
	k := kb.Key{Slug: f.Slug, Locale: desk.Locale(f.Locale)}
	if r.PostFormValue("action") == "preview" {
		loc := s.locale(r)
		d := articleEditPage{New: true, Action: "/console/articles", Form: f, Key: k,
			Categories: s.categoryOptions(loc, f.Category), LocaleOpts: s.localeOptions(loc, f.Locale, "")}
		d.Preview, d.Previewd = s.kb.RenderMarkdown(f.Body, previewLocale(f.Locale)), true
		s.renderArticleEdit(w, r, http.StatusOK, d)
		return
	}
	s.articleSave(w, r, k, f, r.PostFormValue("action") == "publish", true)
}

func previewLocale(v string) desk.Locale {
	if l, ok := desk.ParseLocale(v); ok {
		return l
	}
	return desk.DefaultLocale
}

// articlePreview answers the editor's live preview: the body rendered
// and sanitized exactly as readers will get it, as an HTML fragment.
func (s *Server) articlePreview(w http.ResponseWriter, r *http.Request) {
	html := s.kb.RenderMarkdown(r.PostFormValue("body"), previewLocale(r.PostFormValue("locale")))
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write([]byte(html))
}

// articleMakeSource makes this locale the one the others translate from.
func (s *Server) articleMakeSource(w http.ResponseWriter, r *http.Request) {
	k, ok := articleKey(r)
	if !ok {
		s.consoleFail(w, r, desk.ErrNotFound)
		return
	}
	if err := s.editor.SetSource(r.Context(), authorOf(r), k.Slug, k.Locale); err != nil {
		s.consoleFail(w, r, err)
		return
	}
	s.audit(r, "article.source", articleTarget(k), nil)
	http.Redirect(w, r, articleURL(k)+"?done=source", http.StatusSeeOther)
}
