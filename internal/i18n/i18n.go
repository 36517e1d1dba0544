// Package i18n holds the user-interface message catalogs (one JSON file per
// locale, embedded) and locale negotiation. Article text is not here: the
// help center's content is localized as whole articles in package kb.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"golang.org/x/text/language"

	"github.com/walletdesk/walletdesk/internal/desk"
)

// Each locale's catalog is the union of the JSON files in messages/<locale>/:
// one file per surface (help center, requests, console...), so that a key
// is defined once and a surface's strings live together.
//
//go:embed messages
var files embed.FS

// Catalog maps message keys to text per locale. It is immutable after Load.
type Catalog struct {
	msgs    map[desk.Locale]map[string]string
	matcher language.Matcher
	tags    []desk.Locale
}

// Load reads the embedded catalogs and checks that every locale has exactly
// the keys English has, so that a missing translation fails at start (and
// in tests), not in front of a user.
func Load() (*Catalog, error) {
	c := &Catalog{msgs: map[desk.Locale]map[string]string{}}
	for _, loc := range desk.Locales {
		m := map[string]string{}
		names, err := fs.Glob(files, "messages/"+string(loc)+"/*.json")
		if err != nil || len(names) == 0 {
			return nil, fmt.Errorf("catalog %s: no message files", loc)
		}
		for _, name := range names {
			b, err := files.ReadFile(name)
			if err != nil {
				return nil, err
			}
			part := map[string]string{}
			if err := json.Unmarshal(b, &part); err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			for k, v := range part {
				if _, dup := m[k]; dup {
					return nil, fmt.Errorf("%s: key %q is defined twice", name, k)
				}
				m[k] = v
			}
		}
		c.msgs[loc] = m
	}
	var problems []string
	for _, loc := range desk.Locales[1:] {
		problems = append(problems, diff(c.msgs[desk.English], c.msgs[loc], "en", string(loc))...)
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		return nil, fmt.Errorf("message catalogs disagree:\n  %s", strings.Join(problems, "\n  "))
	}
	tags := []language.Tag{language.English, language.SimplifiedChinese, language.Japanese}
	c.matcher = language.NewMatcher(tags)
	c.tags = []desk.Locale{desk.English, desk.Chinese, desk.Japanese}
	return c, nil
}

func diff(a, b map[string]string, an, bn string) []string {
	var out []string
	for k := range a {
		if _, ok := b[k]; !ok {
			out = append(out, fmt.Sprintf("%s lacks %q", bn, k))
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			out = append(out, fmt.Sprintf("%s lacks %q", an, k))
		}
	}
	return out
}

// T returns the message key in loc, formatted with args (fmt verbs; use
// %[n]s to reorder). An unknown key returns the key itself, which tests
// catch; it never panics in front of a user.
func (c *Catalog) T(loc desk.Locale, key string, args ...any) string {
	m := c.msgs[loc]
	if m == nil {
		m = c.msgs[desk.DefaultLocale]
	}
	s, ok := m[key]
	if !ok {
		return key
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// Has reports whether key exists.
func (c *Catalog) Has(key string) bool {
	_, ok := c.msgs[desk.DefaultLocale][key]
	return ok
}

// Keys returns every key, sorted.
func (c *Catalog) Keys() []string {
	var keys []string
	for k := range c.msgs[desk.DefaultLocale] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// FromAcceptLanguage picks the best supported locale for an Accept-Language
// header; ok is false when nothing in it is supported (then the caller
// falls through to its default).
func (c *Catalog) FromAcceptLanguage(header string) (desk.Locale, bool) {
	if header == "" {
		return "", false
	}
	prefs, _, err := language.ParseAcceptLanguage(header)
	if err != nil || len(prefs) == 0 {
		return "", false
	}
	_, idx, conf := c.matcher.Match(prefs...)
	if conf == language.No {
		return "", false
	}
	// The matcher returns tags such as zh-Hans-u-rg-cnzzzz; the index into
	// our own list is what identifies the locale.
	return c.tags[idx], true
}
