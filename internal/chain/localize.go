package chain

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/walletdesk/walletdesk/internal/desk"
)

// catalogs maps a locale to its message templates. A template names data
// values in braces: {nonce}; {energy|n} groups thousands. Every key exists
// in English; other locales fall back to it (a test keeps them complete).
var catalogs = map[desk.Locale]map[string]string{
	desk.English:  messagesEN,
	desk.Chinese:  messagesZH,
	desk.Japanese: messagesJA,
}

// listSep joins lists (chain names) the way each language writes them.
var listSep = map[desk.Locale]string{desk.English: ", ", desk.Chinese: "、", desk.Japanese: "、"}

// render fills the template key of loc with data.
func render(loc desk.Locale, key string, data map[string]any) string {
	tmpl, ok := catalogs[loc][key]
	if !ok {
		loc = desk.English
		tmpl, ok = messagesEN[key]
	}
	if !ok {
		return key
	}
	var b strings.Builder
	for {
		open := strings.IndexByte(tmpl, '{')
		if open < 0 {
			b.WriteString(tmpl)
			break
		}
		end := strings.IndexByte(tmpl[open:], '}')
		if end < 0 {
			b.WriteString(tmpl)
			break
		}
		b.WriteString(tmpl[:open])
		name, format, _ := strings.Cut(tmpl[open+1:open+end], "|")
		b.WriteString(formatValue(loc, data[name], format))
		tmpl = tmpl[open+end+1:]
	}
	return b.String()
}

func formatValue(loc desk.Locale, v any, format string) string {
	grouped := format == "n"
	switch x := v.(type) {
	case nil:
		return "?"
	case string:
		return x
	case []string:
		return strings.Join(x, listSep[loc])
	case int:
		return formatInteger(int64(x), grouped)
	case int64:
		return formatInteger(x, grouped)
	case uint64:
		if grouped {
			return groupDigits(strconv.FormatUint(x, 10))
		}
		return strconv.FormatUint(x, 10)
	}
	return fmt.Sprint(v)
}

func formatInteger(n int64, grouped bool) string {
	if grouped {
		return formatInt(n)
	}
	return strconv.FormatInt(n, 10)
}

// placeholders lists the names a template uses; tests compare locales.
func placeholders(tmpl string) []string {
	var out []string
	for {
		open := strings.IndexByte(tmpl, '{')
		if open < 0 {
			return out
		}
		end := strings.IndexByte(tmpl[open:], '}')
		if end < 0 {
			return out
		}
		name, _, _ := strings.Cut(tmpl[open+1:open+end], "|")
		out = append(out, name)
		tmpl = tmpl[open+end+1:]
	}
}
