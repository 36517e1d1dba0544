package web

import (
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/kb"
)

type homeData struct {
	Categories []kb.CategoryView
}

func (s *Server) helpHome(w http.ResponseWriter, r *http.Request) {
	loc := s.locale(r)
	s.render(w, r, "home", s.newPage(r, s.cat.T(loc, "site.name"), homeData{Categories: s.kb.Categories(loc)}))
}

type categoryData struct {
	Category kb.CategoryView
}

func (s *Server) helpCategory(w http.ResponseWriter, r *http.Request) {
	loc := s.locale(r)
	want := kb.Category(r.PathValue("category"))
	for _, c := range s.kb.Categories(loc) {
		if c.Category == want {
			s.render(w, r, "category", s.newPage(r, s.cat.T(loc, "category."+string(want)), categoryData{Category: c}))
			return
		}
	}
	s.fail(w, r, desk.ErrNotFound)
}

type articleData struct {
	kb.View
	Voted    string // "yes" / "no" after a no-JS vote
	Fallback string // name of the locale shown instead
}

func (s *Server) helpArticle(w http.ResponseWriter, r *http.Request) {
	loc := s.locale(r)
	v, err := s.kb.Article(r.Context(), r.PathValue("slug"), loc)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := articleData{View: v, Voted: r.URL.Query().Get("voted")}
	if v.FellBack {
		d.Fallback = s.cat.T(loc, "locale."+string(v.Locale))
	}
	s.render(w, r, "article", s.newPage(r, v.Title, d))
}

type searchData struct {
	kb.SearchResponse
	OtherLocaleFrom int // index of the first result in another locale, -1 if none
}

func (s *Server) helpSearch(w http.ResponseWriter, r *http.Request) {
	loc := s.locale(r)
	q, err := s.searchQuery(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := s.newPage(r, s.cat.T(loc, "search.title"), nil)
	p.Query = q
	p.noIndex = true
	d := searchData{OtherLocaleFrom: -1}
	if q != "" {
		resp, err := s.kb.Search(r.Context(), q, loc, kb.DefaultLimit)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		d.SearchResponse = resp
		for i, res := range resp.Results {
			if res.Entry.Locale != loc {
				d.OtherLocaleFrom = i
				break
			}
		}
	}
	p.Data = d
	s.render(w, r, "search", p)
}

// searchQuery reads q, bounded, and redacted: a pasted phrase must not
// reach the index or the record of missed searches.
func (s *Server) searchQuery(r *http.Request) (string, error) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if utf8.RuneCountInString(q) > maxQueryRunes {
		return "", desk.Invalid("invalid_input", map[string]string{"q": "query_too_long"})
	}
	if !utf8.ValidString(q) {
		return "", desk.Invalid("invalid_input", map[string]string{"q": "invalid"})
	}
	return s.redact.Redact(q).Text, nil
}

// maxQueryRunes bounds a search query.
const maxQueryRunes = 200

// helpFeedback is the no-JavaScript path of the "was this helpful?" form:
// it records the vote and comes back to the article.
func (s *Server) helpFeedback(w http.ResponseWriter, r *http.Request) {
	loc := s.locale(r)
	slug := r.PathValue("slug")
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, desk.Invalid("invalid_input", nil))
		return
	}
	helpful, ok := parseYesNo(r.PostForm.Get("helpful"))
	if !ok {
		s.fail(w, r, desk.Invalid("invalid_input", map[string]string{"helpful": "must_be_boolean"}))
		return
	}
	if r.PostForm.Get("website") != "" { // honeypot: people never see this field
		http.Redirect(w, r, kb.ArticleURL(loc, slug), http.StatusSeeOther)
		return
	}
	comment := s.redact.Redact(strings.TrimSpace(r.PostForm.Get("comment"))).Text
	if err := s.kb.Feedback(r.Context(), kb.Feedback{Slug: slug, Locale: loc, Helpful: helpful, Comment: comment}); err != nil {
		s.fail(w, r, err)
		return
	}
	vote := "no"
	if helpful {
		vote = "yes"
	}
	http.Redirect(w, r, kb.ArticleURL(loc, slug)+"?voted="+vote+"#feedback", http.StatusSeeOther)
}

func parseYesNo(v string) (bool, bool) {
	switch v {
	case "yes", "true", "1":
		return true, true
	case "no", "false", "0":
		return false, true
	}
	return false, false
}
