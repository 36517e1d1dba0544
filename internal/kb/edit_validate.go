package kb

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/walletdesk/walletdesk/internal/desk"
)

// Field codes of an invalid edit: desk.Error.Fields maps a field (slug,
// locale, category, title, summary, keywords, body, related, order, date,
// note, base, source_version, author) to one of these.
const (
	CodeInvalidArticle = "invalid_article" // the error's own code
	CodeRequired       = "required"
	CodeInvalid        = "invalid"     // malformed (slug, related slug, date)
	CodeUnsupported    = "unsupported" // locale
	CodeUnknown        = "unknown"     // category
	CodeTooLong        = "too_long"
	CodeTooMany        = "too_many"
	CodeTooLarge       = "too_large" // body (the article must fit an export file)
	CodeNotFound       = "not_found" // related slug, source version
	CodeSelf           = "self"      // an article related to itself
	CodeOutOfRange     = "out_of_range"
)

// Limits of what the editor accepts, beside those Validate shares with
// imports (title, summary, keyword count, file size).
const (
	maxSlugRunes    = 80
	maxKeywordRunes = 80
	maxRelated      = 20
	maxNoteRunes    = 500
	maxOrder        = 1_000_000
)

func invalid(fields map[string]string) error { return desk.Invalid(CodeInvalidArticle, fields) }

// normalizeArticle cleans what a form sends: valid UTF-8, one-line title,
// summary and keywords, Unix line ends, the trimming Parse applies, so that
// an accepted article survives kb export and import unchanged.
func normalizeArticle(a Article) Article {
	a.Slug = strings.TrimSpace(a.Slug)
	a.Category = Category(strings.TrimSpace(string(a.Category)))
	a.Title = oneLine(a.Title)
	a.Summary = oneLine(a.Summary)
	a.Date = strings.TrimSpace(a.Date)
	kw := make([]string, len(a.Keywords))
	for i, k := range a.Keywords {
		kw[i] = oneLine(k)
	}
	a.Keywords = cleanList(kw)
	rel := make([]string, len(a.Related))
	for i, r := range a.Related {
		rel[i] = strings.TrimSpace(r)
	}
	a.Related = cleanList(rel)
	body := strings.ToValidUTF8(a.Body, "\uFFFD")
	body = strings.ReplaceAll(body, "\r\n", "\n")
	body = strings.Map(func(r rune) rune {
		switch {
		case r == '\r':
			return '\n'
		case r == '\n' || r == '\t':
			return r
		case unicode.IsControl(r) || r == '\uFEFF':
			return -1
		}
		return r
	}, body)
	a.Body = strings.TrimSpace(body) + "\n"
	a.Version, a.UpdatedAt = 0, time.Time{}
	return a
}

// oneLine turns any run of spaces and control characters into one space.
func oneLine(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == '\uFEFF' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// checkArticle returns the field errors of a normalized article (empty
// when valid). Related slugs are checked against the store separately.
func checkArticle(a Article) map[string]string {
	f := map[string]string{}
	switch {
	case a.Slug == "":
		f["slug"] = CodeRequired
	case utf8.RuneCountInString(a.Slug) > maxSlugRunes:
		f["slug"] = CodeTooLong
	case !slugPattern.MatchString(a.Slug):
		f["slug"] = CodeInvalid
	}
	if !a.Locale.Valid() {
		f["locale"] = CodeUnsupported
	}
	if !a.Category.Valid() {
		f["category"] = CodeUnknown
	}
	switch n := utf8.RuneCountInString(a.Title); {
	case n == 0:
		f["title"] = CodeRequired
	case n > maxTitleRunes:
		f["title"] = CodeTooLong
	}
	if utf8.RuneCountInString(a.Summary) > maxSummaryRunes {
		f["summary"] = CodeTooLong
	}
	if len(a.Keywords) > maxKeywords {
		f["keywords"] = CodeTooMany
	}
	for _, k := range a.Keywords {
		if utf8.RuneCountInString(k) > maxKeywordRunes {
			f["keywords"] = CodeTooLong
		}
	}
	if len(a.Related) > maxRelated {
		f["related"] = CodeTooMany
	}
	for _, r := range a.Related {
		switch {
		case !slugPattern.MatchString(r):
			f["related"] = CodeInvalid
		case r == a.Slug:
			f["related"] = CodeSelf
		}
	}
	if a.Order < -maxOrder || a.Order > maxOrder {
		f["order"] = CodeOutOfRange
	}
	if a.Date != "" {
		if _, err := time.Parse("2006-01-02", a.Date); err != nil {
			f["date"] = CodeInvalid
		}
	}
	switch {
	case strings.TrimSpace(a.Body) == "":
		f["body"] = CodeRequired
	case len(a.Body) > maxArticleBytes:
		f["body"] = CodeTooLarge
	case len(f) == 0:
		// The article must fit one file of kb export, front matter included.
		a.Status = Published
		if b, err := Format(a); err != nil || len(b) > maxArticleBytes {
			f["body"] = CodeTooLarge
		}
	}
	return f
}

func checkAuthor(who Author, fields map[string]string) {
	if strings.TrimSpace(who.Name) == "" && strings.TrimSpace(who.ID) == "" {
		fields["author"] = CodeRequired
	}
}

func authorOnly(who Author) error {
	f := map[string]string{}
	checkAuthor(who, f)
	if len(f) > 0 {
		return invalid(f)
	}
	return nil
}

// TextHash identifies the words a translator translates (title, summary
// and body): a translation is outdated when the source's text changed
// since the version it was made from. Keywords, related articles and
// ordering are per locale and do not make a translation outdated.
func (a Article) TextHash() string {
	h := sha256.New()
	for _, s := range []string{a.Title, a.Summary, a.Body} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// sameContent compares what an edit can change, status aside.
func sameContent(a, b Article) bool {
	a.Status, b.Status = Published, Published
	return a.Hash() == b.Hash()
}
