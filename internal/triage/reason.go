package triage

import (
	"strings"

	"github.com/walletdesk/walletdesk/internal/desk"
)

// Reason is one rule that contributed to a Result. Code is stable and safe
// to store, count and match on; Params holds the values the sentence uses
// ("term": the lexicon word that matched, "amount": a USD figure). Params
// never holds user text beyond a lexicon word, so a reason is safe to log.
type Reason struct {
	Code   string            `json:"code"`
	Params map[string]string `json:"params,omitempty"`
}

// Message renders the reason as a plain sentence for the requester in
// locale ("en", "zh-CN", "ja" and their aliases); other locales get English.
func (r Reason) Message(locale string) string {
	l, ok := desk.ParseLocale(locale)
	if !ok {
		l = desk.English
	}
	t := messageTemplate(r.Code)
	msg := t.en
	switch l {
	case desk.Chinese:
		msg = t.zh
	case desk.Japanese:
		msg = t.ja
	}
	if msg == "" {
		msg = messageTemplate("general_inquiry").pick(l)
	}
	if !strings.Contains(msg, "{") {
		return msg
	}
	return fill(msg, r.Params, l)
}

// fill replaces {name} by the parameter, quoted the way the locale quotes a
// word the user wrote; a missing parameter leaves a neutral word.
func fill(msg string, params map[string]string, l desk.Locale) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(msg, '{')
		if i < 0 {
			b.WriteString(msg)
			return b.String()
		}
		j := strings.IndexByte(msg[i:], '}')
		if j < 0 {
			b.WriteString(msg)
			return b.String()
		}
		b.WriteString(msg[:i])
		name := msg[i+1 : i+j]
		v := params[name]
		switch name {
		case "term":
			if v == "" {
				v = "…"
			}
			switch l {
			case desk.Japanese:
				v = "「" + v + "」"
			default:
				v = "“" + v + "”"
			}
		case "amount", "threshold":
			if v == "" {
				v = "?"
			}
		}
		b.WriteString(v)
		msg = msg[i+j+1:]
	}
}

type template struct{ en, zh, ja string }

func (t template) pick(l desk.Locale) string {
	switch l {
	case desk.Chinese:
		return t.zh
	case desk.Japanese:
		return t.ja
	}
	return t.en
}
