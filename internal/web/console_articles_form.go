package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/kb"
)

// articleForm is the editor's form as the editor typed it. A refused
// change renders these values back unchanged, so that nothing typed is
// lost to a validation error or a conflict.
type articleForm struct {
	Slug          string
	Locale        string
	Category      string
	Title         string
	Summary       string
	Keywords      string // one per line: keywords may hold spaces ("送金 詰まり")
	Related       string // slugs, separated by commas, spaces or lines
	Order         string
	Date          string
	Body          string
	Note          string
	Base          int // the version the text started from
	SourceVersion int // translations: the source version shown beside the text
}

func formFromArticle(a kb.Article) articleForm {
	return articleForm{
		Slug: a.Slug, Locale: string(a.Locale), Category: string(a.Category), Title: a.Title, Summary: a.Summary,
		Keywords: strings.Join(a.Keywords, "\n"), Related: strings.Join(a.Related, ", "),
		Order: strconv.Itoa(a.Order), Date: a.Date, Body: a.Body,
	}
}

// readArticleForm reads the editor's fields from a parsed form post.
func readArticleForm(r *http.Request) articleForm {
	v := r.PostFormValue
	f := articleForm{
		Slug: strings.TrimSpace(v("slug")), Locale: strings.TrimSpace(v("locale")), Category: v("category"), Title: v("title"), Summary: v("summary"),
		Keywords: v("keywords"), Related: v("related"), Order: v("order"), Date: v("date"), Body: v("body"),
		Note: v("note"),
	}
	// A malformed number reads as -1, which kb refuses with a field error
	// (base) or which names no version (source_version).
	f.Base = formInt(v("base"))
	f.SourceVersion = formInt(v("source_version"))
	return f
}

func formInt(s string) int {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}

// article turns the form into an article for kb, with the field codes of
// what cannot even be parsed (kb validates the rest).
func (f articleForm) article() (kb.Article, map[string]string) {
	bad := map[string]string{}
	a := kb.Article{
		Slug: f.Slug, Locale: desk.Locale(f.Locale), Category: kb.Category(f.Category), Title: f.Title,
		Summary: f.Summary, Date: f.Date, Body: f.Body,
		Keywords: strings.Split(f.Keywords, "\n"),
		Related: strings.FieldsFunc(f.Related, func(r rune) bool {
			return r == ',' || r == '，' || r == '、' || r == ' ' || r == '\n' || r == '\r' || r == '\t'
		}),
	}
	if o := strings.TrimSpace(f.Order); o != "" {
		n, err := strconv.Atoi(o)
		if err != nil {
			bad["order"] = kb.CodeInvalid
		}
		a.Order = n
	}
	return a, bad
}

// sameText reports whether the form holds what a holds, as far as the
// editor can change it.
func (f articleForm) sameText(a kb.Article) bool {
	g := formFromArticle(a)
	clean := func(s string) string { return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n")) }
	for _, p := range [][2]string{{f.Category, g.Category}, {f.Title, g.Title}, {f.Summary, g.Summary},
		{f.Keywords, g.Keywords}, {f.Related, g.Related}, {f.Order, g.Order}, {f.Date, g.Date}, {f.Body, g.Body}} {
		if clean(p[0]) != clean(p[1]) {
			return false
		}
	}
	return true
}

// authorOf is the signed-in agent as kb records an author.
func authorOf(r *http.Request) kb.Author {
	a := agentFrom(r)
	return kb.Author{ID: strconv.FormatInt(a.ID, 10), Name: a.Name}
}

func articleTarget(k kb.Key) string { return "article:" + k.Slug + "/" + string(k.Locale) }

// articleKey reads {slug} and {locale} from the path; a locale we do not
// serve is a page that does not exist.
func articleKey(r *http.Request) (kb.Key, bool) {
	loc, ok := desk.ParseLocale(r.PathValue("locale"))
	if !ok || string(loc) != r.PathValue("locale") {
		return kb.Key{}, false
	}
	return kb.Key{Slug: r.PathValue("slug"), Locale: loc}, true
}

func articleURL(k kb.Key) string { return "/console/articles/" + k.Slug + "/" + string(k.Locale) }

// articleConflict is what the editor sees when someone else changed the
// article first (or, creating, when it already exists).
type articleConflict struct {
	Code    string
	Current kb.VersionInfo
	When    string
	Action  string // localized
}

// articleProblem sorts a refused change into what the page shows: field
// messages and a summary for invalid input, the newer version for a
// conflict. Other errors (not found, internal) are returned for
// consoleFail.
type articleProblem struct {
	Status   int
	Message  string
	Fields   map[string]string
	Conflict *articleConflict
}

func (s *Server) articleProblem(r *http.Request, err error) (articleProblem, error) {
	loc := s.locale(r)
	switch desk.ErrorKind(err) {
	case desk.KindInvalid:
		var de *desk.Error
		errors.As(err, &de)
		return articleProblem{Status: http.StatusUnprocessableEntity, Message: s.cat.T(loc, "console.articles.invalid"),
			Fields: s.articleFieldMessages(loc, de.Fields)}, nil
	case desk.KindConflict:
		cur, ok := kb.CurrentVersion(err)
		if !ok {
			return articleProblem{}, err
		}
		c := &articleConflict{Code: desk.ErrorCode(err), Current: cur, When: consoleTime(cur.CreatedAt),
			Action: s.cat.T(loc, "console.articles.action."+string(cur.Action))}
		msg := s.cat.T(loc, "console.articles.conflict.stale")
		if c.Code == kb.CodeArticleExists {
			msg = s.cat.T(loc, "console.articles.conflict.exists")
		}
		return articleProblem{Status: http.StatusConflict, Message: msg, Conflict: c}, nil
	}
	return articleProblem{}, err
}

// articleFieldMessages localizes kb's field codes: a message for the
// field and code when there is one ("related" + "not_found"), else one
// for the code.
func (s *Server) articleFieldMessages(loc desk.Locale, fields map[string]string) map[string]string {
	out := make(map[string]string, len(fields))
	for f, code := range fields {
		key := "console.articles.err." + f + "." + code
		if !s.cat.Has(key) {
			key = "console.articles.code." + code
		}
		if !s.cat.Has(key) {
			key = "field.invalid"
		}
		out[f] = s.cat.T(loc, key)
	}
	return out
}

// consoleTime formats a time the way console pages show it (UTC, like
// the audit log).
func consoleTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02 15:04")
}
