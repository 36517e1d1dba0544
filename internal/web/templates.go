package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strings"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/identity"
)

// all: so that the shared partials (_*.html) are embedded too; go:embed
// leaves out names starting with "_" otherwise.
//
//go:embed all:templates
var templateFiles embed.FS

// page is what every template receives: the locale, the localized strings
// through T, the current path for the language switcher, and Data.
type page struct {
	Locale  desk.Locale
	Title   string
	Path    string // path without the locale prefix, for the language switcher
	Query   string // current search, echoed in the search box
	Data    any
	s       *Server
	noIndex bool
	// Agent is the signed-in agent on console pages (nil elsewhere); csrf
	// is the anti-forgery token their forms carry.
	Agent *identity.Agent
	csrf  string
}

func (s *Server) newPage(r *http.Request, title string, data any) *page {
	loc := s.locale(r)
	p := strings.TrimPrefix(r.URL.Path, "/"+string(loc))
	if !strings.HasPrefix(p, "/") {
		p = "/"
	}
	return &page{Locale: loc, Title: title, Path: p, Data: data, s: s}
}

// CSRF is the value of the hidden "csrf" field of console forms.
func (p *page) CSRF() string { return p.csrf }

// T returns the localized message key.
func (p *page) T(key string, args ...any) string { return p.s.cat.T(p.Locale, key, args...) }

// Asset returns the hashed URL of a static file.
func (p *page) Asset(name string) (string, error) { return p.s.assets.url(name) }

// URL prefixes a site path with the page's locale.
func (p *page) URL(path string) string { return "/" + string(p.Locale) + path }

// Lang is the value of <html lang>.
func (p *page) Lang() string { return string(p.Locale) }

type altLocale struct {
	Locale  desk.Locale
	Name    string
	URL     string
	Current bool
}

// Alternates lists the same page in every locale, for the switcher and
// <link rel="alternate" hreflang>.
func (p *page) Alternates() []altLocale {
	var out []altLocale
	for _, l := range desk.Locales {
		u := "/" + string(l) + p.Path
		if p.Query != "" {
			u += "?q=" + url.QueryEscape(p.Query)
		}
		out = append(out, altLocale{Locale: l, Name: p.s.cat.T(l, "locale."+string(l)), URL: u, Current: l == p.Locale})
	}
	return out
}

// parseTemplates parses every page template together with its layout
// (console_*.html pages use console_layout.html, others layout.html) and
// the shared partials (_*.html), so that a syntax error fails the start,
// not a request. Tests render every page to catch execution errors.
func (s *Server) parseTemplates() (map[string]*template.Template, error) {
	funcs := template.FuncMap{
		"plural": func(n int, one, many string) string {
			if n == 1 {
				return one
			}
			return many
		},
	}
	partials, _ := fs.Glob(templateFiles, "templates/_*.html")
	pages, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		return nil, err
	}
	out := map[string]*template.Template{}
	for _, file := range pages {
		base := strings.TrimSuffix(strings.TrimPrefix(file, "templates/"), ".html")
		if strings.HasSuffix(base, "layout") || strings.HasPrefix(base, "_") {
			continue
		}
		layoutFile := "templates/layout.html"
		if strings.HasPrefix(base, "console_") {
			layoutFile = "templates/console_layout.html"
		}
		layout, err := fs.ReadFile(templateFiles, layoutFile)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		t, err := template.New("layout").Funcs(funcs).Parse(string(layout))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", layoutFile, err)
		}
		for _, f := range append(partials, file) {
			b, err := fs.ReadFile(templateFiles, f)
			if err != nil {
				return nil, err
			}
			if _, err := t.New(f).Parse(string(b)); err != nil {
				return nil, fmt.Errorf("%s: %w", f, err)
			}
		}
		out[base] = t
	}
	return out, nil
}

// render writes the template name with p as a 200 page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, name string, p *page) {
	s.renderStatus(w, r, http.StatusOK, name, p)
}

func (s *Server) renderStatus(w http.ResponseWriter, r *http.Request, code int, name string, p *page) {
	t, ok := s.tmpl[name]
	if !ok {
		s.log.Error("no template", "name", name)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
		s.log.Error("render", "template", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Language", string(p.Locale))
	w.WriteHeader(code)
	w.Write(buf.Bytes())
}

// NoIndex asks search engines not to index the page (search results).
func (p *page) NoIndex() bool { return p.noIndex }
