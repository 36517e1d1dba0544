package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/kb"
)

// articlesPage is the list of every slug with its locales.
type articlesPage struct {
	Filter     articlesFilter
	Rows       []articleRow
	Total      int // slugs before filtering
	Locales    []desk.Locale
	Counts     []localeCounts
	Categories []option
	States     []option
	LocaleOpts []option
}

type articlesFilter struct {
	Status   string // a kb.TranslationState, or draft / unpublished
	Category string
	Locale   string
	Q        string
}

// option is one <option> of a select.
type option struct {
	Value, Label string
	Selected     bool
}

type articleRow struct {
	Slug     string
	Category string // localized
	Title    string
	Source   desk.Locale
	Cells    []articleCell
}

type articleCell struct {
	kb.LocaleStatus
	URL       string
	StateName string
	Focus     bool // the locale the filter asked for
}

type localeCounts struct {
	Locale                    desk.Locale
	Missing, Outdated, Drafts int
}

// Filter values beside the translation states.
const (
	filterDraft       = "draft"       // a draft waits beside the published article
	filterUnpublished = "unpublished" // readers do not see this locale
)

func (s *Server) articlesList(w http.ResponseWriter, r *http.Request) {
	loc := s.locale(r)
	q := r.URL.Query()
	f := articlesFilter{Status: q.Get("status"), Category: q.Get("category"), Locale: q.Get("lang"), Q: strings.TrimSpace(q.Get("q"))}
	all, err := s.editor.Overview(r.Context())
	if err != nil {
		s.consoleFail(w, r, err)
		return
	}
	d := articlesPage{Filter: f, Total: len(all), Locales: desk.Locales}
	counts := map[desk.Locale]*localeCounts{}
	d.Counts = make([]localeCounts, len(desk.Locales))
	for i, l := range desk.Locales {
		d.Counts[i].Locale = l
		counts[l] = &d.Counts[i]
	}
	for _, ss := range all {
		for _, ls := range ss.Locales {
			c := counts[ls.Locale]
			switch ls.State {
			case kb.StateMissing:
				c.Missing++
			case kb.StateOutdated:
				c.Outdated++
			}
			if ls.Draft {
				c.Drafts++
			}
		}
		if !f.matches(ss) {
			continue
		}
		row := articleRow{Slug: ss.Slug, Category: s.cat.T(loc, "category."+string(ss.Category)), Title: ss.Title, Source: ss.Source}
		for _, ls := range ss.Locales {
			row.Cells = append(row.Cells, articleCell{LocaleStatus: ls, URL: articleURL(kb.Key{Slug: ss.Slug, Locale: ls.Locale}),
				StateName: s.cat.T(loc, "console.articles.state."+string(ls.State)), Focus: string(ls.Locale) == f.Locale})
		}
		d.Rows = append(d.Rows, row)
	}
	d.Categories = []option{{Value: "", Label: s.cat.T(loc, "console.articles.any_category")}}
	for _, c := range kb.Categories {
		d.Categories = append(d.Categories, option{string(c), s.cat.T(loc, "category."+string(c)), f.Category == string(c)})
	}
	d.States = []option{{Value: "", Label: s.cat.T(loc, "console.articles.any_status")}}
	for _, st := range []string{string(kb.StateMissing), string(kb.StateOutdated), string(kb.StateUpToDate), string(kb.StateSource), filterDraft, filterUnpublished} {
		d.States = append(d.States, option{st, s.cat.T(loc, "console.articles.filter."+st), f.Status == st})
	}
	d.LocaleOpts = s.localeOptions(loc, f.Locale, "console.articles.any_locale")
	s.renderConsole(w, r, "console_articles", s.consolePage(r, s.cat.T(loc, "console.articles.title"), d))
}

func (s *Server) localeOptions(loc desk.Locale, sel, anyKey string) []option {
	var out []option
	if anyKey != "" {
		out = append(out, option{"", s.cat.T(loc, anyKey), sel == ""})
	}
	for _, l := range desk.Locales {
		out = append(out, option{string(l), s.cat.T(loc, "locale."+string(l)), sel == string(l)})
	}
	return out
}

// matches reports whether a slug passes the filter. Status and locale go
// together: with a locale, only that locale's status counts; without,
// any locale's.
func (f articlesFilter) matches(ss kb.SlugStatus) bool {
	if f.Category != "" && string(ss.Category) != f.Category {
		return false
	}
	if f.Q != "" {
		q := strings.ToLower(f.Q)
		hit := strings.Contains(ss.Slug, q) || strings.Contains(strings.ToLower(ss.Title), q)
		for _, ls := range ss.Locales {
			hit = hit || strings.Contains(strings.ToLower(ls.Title), q)
		}
		if !hit {
			return false
		}
	}
	if f.Status == "" {
		return true
	}
	for _, ls := range ss.Locales {
		if f.Locale != "" && string(ls.Locale) != f.Locale {
			continue
		}
		switch f.Status {
		case filterDraft:
			if ls.Draft {
				return true
			}
		case filterUnpublished:
			if ls.State != kb.StateMissing && !ls.Published {
				return true
			}
		default:
			if string(ls.State) == f.Status {
				return true
			}
		}
	}
	return false
}

// filterURL is the list with one filter changed, for the counts' links.
func filterURL(status, locale string) string {
	v := url.Values{}
	v.Set("status", status)
	v.Set("lang", locale)
	return "/console/articles?" + v.Encode()
}

// Missing and Outdated link to the list filtered on them.
func (c localeCounts) MissingURL() string {
	return filterURL(string(kb.StateMissing), string(c.Locale))
}
func (c localeCounts) OutdatedURL() string {
	return filterURL(string(kb.StateOutdated), string(c.Locale))
}
func (c localeCounts) DraftsURL() string { return filterURL(filterDraft, string(c.Locale)) }
