package desk

import "strings"

// Locale is a BCP 47 tag among the supported ones ("en", "zh-CN", "ja").
type Locale string

const (
	English  Locale = "en"
	Chinese  Locale = "zh-CN"
	Japanese Locale = "ja"
)

// Locales lists the supported locales in the order they are offered to users.
var Locales = []Locale{English, Chinese, Japanese}

// DefaultLocale is used when nothing better is known.
const DefaultLocale = English

// ParseLocale accepts a supported locale in any case, and common aliases
// ("zh", "zh-Hans", "zh_CN", "ja-JP", "en-US"). ok is false for anything else.
func ParseLocale(s string) (Locale, bool) {
	t := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), "_", "-"))
	switch {
	case t == "":
		return "", false
	case t == "en" || strings.HasPrefix(t, "en-"):
		return English, true
	case t == "zh" || t == "zh-cn" || t == "zh-hans" || strings.HasPrefix(t, "zh-hans-") || t == "zh-sg":
		return Chinese, true
	case t == "ja" || strings.HasPrefix(t, "ja-"):
		return Japanese, true
	}
	return "", false
}

// Valid reports whether l is one of Locales.
func (l Locale) Valid() bool {
	for _, s := range Locales {
		if l == s {
			return true
		}
	}
	return false
}

func (l Locale) String() string { return string(l) }

// ArticleRef points at a help-center article, for packages that suggest
// articles without depending on the help center.
type ArticleRef struct {
	Slug  string
	Title string
	URL   string
}
