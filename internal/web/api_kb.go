package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/kb"
)

// apiLocale reads ?locale= (the API has no URL prefix); an unsupported
// value is an error, a missing one falls back to negotiation.
func (s *Server) apiLocale(r *http.Request) (desk.Locale, *http.Request, error) {
	raw := r.URL.Query().Get("locale")
	if raw == "" {
		return s.locale(r), r, nil
	}
	l, ok := desk.ParseLocale(raw)
	if !ok {
		return "", r, desk.Invalid("invalid_input", map[string]string{"locale": "locale_unsupported"})
	}
	return l, withLocale(r, l), nil
}

type apiSearchResult struct {
	Slug        string  `json:"slug"`
	Locale      string  `json:"locale"`
	Title       string  `json:"title"`
	Snippet     string  `json:"snippet"`
	SnippetHTML string  `json:"snippet_html"`
	URL         string  `json:"url"`
	Score       float64 `json:"score"`
	Category    string  `json:"category"`
}

type apiArticleRef struct {
	Slug     string `json:"slug"`
	Locale   string `json:"locale,omitempty"`
	Title    string `json:"title"`
	URL      string `json:"url"`
	Summary  string `json:"summary,omitempty"`
	Category string `json:"category,omitempty"`
}

func ref(e *kb.Entry, withSummary bool) apiArticleRef {
	r := apiArticleRef{Slug: e.Slug, Title: e.Title, URL: e.URL}
	if withSummary {
		r.Locale, r.Summary, r.Category = string(e.Locale), e.Summary, string(e.Category)
	}
	return r
}

func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	loc, r, err := s.apiLocale(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	limit := kb.DefaultLimit
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > kb.MaxLimit {
			s.fail(w, r, desk.Invalid("invalid_input", map[string]string{"limit": "limit_range"}))
			return
		}
		limit = n
	}
	q, err := s.searchQuery(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if q == "" {
		s.fail(w, r, desk.Invalid("invalid_input", map[string]string{"q": "required"}))
		return
	}
	resp, err := s.kb.Search(r.Context(), q, loc, limit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := struct {
		Query     string            `json:"query"`
		Locale    string            `json:"locale"`
		Results   []apiSearchResult `json:"results"`
		Confident bool              `json:"confident"`
		Closest   []apiArticleRef   `json:"closest,omitempty"`
	}{Query: q, Locale: string(loc), Results: []apiSearchResult{}, Confident: resp.Confident}
	for _, res := range resp.Results {
		out.Results = append(out.Results, apiSearchResult{
			Slug: res.Entry.Slug, Locale: string(res.Entry.Locale), Title: res.Entry.Title,
			Snippet: res.Snippet.Text, SnippetHTML: string(res.Snippet.HTML), URL: res.Entry.URL,
			Score: float64(int(res.Score*1000)) / 1000, Category: string(res.Entry.Category),
		})
	}
	for _, e := range resp.Closest {
		out.Closest = append(out.Closest, ref(e, false))
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiSuggest(w http.ResponseWriter, r *http.Request) {
	loc, r, err := s.apiLocale(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q, err := s.searchQuery(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := struct {
		Suggestions []apiArticleRef `json:"suggestions"`
	}{Suggestions: []apiArticleRef{}}
	if q != "" {
		list, err := s.kb.Suggest(r.Context(), q, loc, 6)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		for _, e := range list {
			out.Suggestions = append(out.Suggestions, ref(e, false))
		}
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiCategories(w http.ResponseWriter, r *http.Request) {
	loc, r, err := s.apiLocale(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	type cat struct {
		Slug        string          `json:"slug"`
		Name        string          `json:"name"`
		Description string          `json:"description"`
		Articles    []apiArticleRef `json:"articles"`
	}
	out := struct {
		Locale     string `json:"locale"`
		Categories []cat  `json:"categories"`
	}{Locale: string(loc), Categories: []cat{}}
	for _, c := range s.kb.Categories(loc) {
		cv := cat{Slug: string(c.Category), Name: s.cat.T(loc, "category."+string(c.Category)),
			Description: s.cat.T(loc, "category."+string(c.Category)+".desc")}
		for _, e := range c.Articles {
			cv.Articles = append(cv.Articles, ref(e, true))
		}
		out.Categories = append(out.Categories, cv)
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiArticle(w http.ResponseWriter, r *http.Request) {
	loc, r, err := s.apiLocale(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v, err := s.kb.Article(r.Context(), r.PathValue("slug"), loc)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	related := []apiArticleRef{}
	for _, e := range v.Related {
		related = append(related, ref(e, false))
	}
	writeJSON(w, http.StatusOK, struct {
		Slug            string          `json:"slug"`
		Locale          string          `json:"locale"`
		RequestedLocale string          `json:"requested_locale"`
		FellBack        bool            `json:"fell_back"`
		Category        string          `json:"category"`
		Title           string          `json:"title"`
		Summary         string          `json:"summary"`
		HTML            string          `json:"html"`
		Markdown        string          `json:"markdown"`
		Updated         string          `json:"updated"`
		URL             string          `json:"url"`
		Related         []apiArticleRef `json:"related"`
	}{
		Slug: v.Slug, Locale: string(v.Locale), RequestedLocale: string(v.Requested), FellBack: v.FellBack,
		Category: string(v.Category), Title: v.Title, Summary: v.Summary, HTML: string(v.HTML()), Markdown: v.Body,
		Updated: v.Date, URL: v.URL, Related: related,
	})
}

type feedbackRequest struct {
	Locale  string  `json:"locale"`
	Helpful *bool   `json:"helpful"`
	Comment *string `json:"comment"`
}

func (s *Server) apiFeedback(w http.ResponseWriter, r *http.Request) {
	var req feedbackRequest
	if err := s.decodeJSON(w, r, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	fields := map[string]string{}
	loc, ok := desk.ParseLocale(req.Locale)
	if !ok {
		fields["locale"] = "locale_unsupported"
		if req.Locale == "" {
			fields["locale"] = "required"
		}
	} else {
		r = withLocale(r, loc)
	}
	if req.Helpful == nil {
		fields["helpful"] = "required"
	}
	comment := ""
	if req.Comment != nil {
		comment = strings.TrimSpace(*req.Comment)
		if len([]rune(comment)) > kb.MaxCommentRunes {
			fields["comment"] = "too_long"
		}
	}
	if len(fields) > 0 {
		s.fail(w, r, desk.Invalid("invalid_input", fields))
		return
	}
	comment = s.redact.Redact(comment).Text
	if err := s.kb.Feedback(r.Context(), kb.Feedback{Slug: r.PathValue("slug"), Locale: loc, Helpful: *req.Helpful, Comment: comment}); err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]bool{"recorded": true})
}
