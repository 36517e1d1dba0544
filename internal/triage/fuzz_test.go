package triage

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzClassify feeds arbitrary text: Classify must never panic, always give
// a level in 1..4 with at least one reason and a known topic, and always S1
// when a secret was redacted.
func FuzzClassify(f *testing.F) {
	seeds := []string{
		"", "my wallet was drained", "我的币被别人转走了", "資産が勝手に送金された",
		"how do I keep my phrase safe?", "I did NOT share my phrase", "[redacted: recovery phrase]",
		"[redacted", "$", "$12,000,", "1.5万u", "两万多", "十万", "...", "，，，", "？?",
		"not not not hacked", "没有没有被盗", "盗まれていないない", "\xff\xfe被盗", "ＵＳＤＴ　被盗",
		strings.Repeat("stuck ", 300), strings.Repeat("被盗了，", 200), "didn't\u2019t", "9" + strings.Repeat("9", 400) + " usdt",
		"2万5千usdt", "1万9999u", "300万円", "$15k worth", "usdt usdt 9k", "万万万千", "1万", "转9",
		"友達に秘密鍵を教えていたら", "入金がされず", "バイナンス", "he's still asking", "drianed", "stollen",
		"把把把助记词给", "被被被转", "wasnt me.", "i didn't do it。我没发", "有人说把助记词发给客服",
		strings.Repeat("a", 2000) + " my wallet was emptied", strings.Repeat("钱", 300) + "被盗了", "\xe4\xb8" + strings.Repeat("x", 800),
		"if not didn't suppose 如果没有差点もし", "1.5.6...7", "''x'", "A B C D E F G H I J",
	}
	for i, s := range seeds {
		f.Add("subject", s, float64(i*1000), i%2 == 0, i%5 == 0)
	}
	c, lex := New(Config{}), newLexicon(Config{})
	f.Fuzz(func(t *testing.T, subject, body string, amount float64, urgent, exposed bool) {
		in := Input{Subject: subject, Body: body, AmountUSD: amount, Urgent: urgent}
		if exposed {
			in.Exposed = []string{"recovery_phrase"}
		}
		res := c.Classify(in)
		// The second opinion only raises, to S1, saying so first.
		if alone := lex.Classify(in); res.Severity != alone.Severity &&
			(res.Severity != S1 || res.Reasons[0].Code != reviewCode || alone.Severity == S1) {
			t.Fatalf("lexicon %v %v, with the model %v %v", alone.Severity, codes(alone.Reasons), res.Severity, codes(res.Reasons))
		}
		if !res.Severity.Valid() {
			t.Fatalf("severity %d", res.Severity)
		}
		if len(res.Reasons) == 0 {
			t.Fatal("no reason")
		}
		if exposed && res.Severity != S1 {
			t.Fatalf("exposed but %v", res.Severity)
		}
		if res.Topic != "" && !IsTopic(res.Topic) {
			t.Fatalf("topic %q", res.Topic)
		}
		if !res.Category.Valid() {
			t.Fatalf("category %q", res.Category)
		}
		for _, r := range res.Reasons {
			for _, loc := range []string{"en", "zh-CN", "ja"} {
				if m := r.Message(loc); m == "" || !utf8.ValidString(m) {
					t.Fatalf("reason %s in %s: %q", r.Code, loc, m)
				}
			}
			// Reasons may be logged: they carry lexicon words and numbers, never the text.
			for k, v := range r.Params {
				if k == "term" && len(v) > maxTermLen {
					t.Fatalf("term param too long: %q", v)
				}
			}
		}
		// Urgency never lowers.
		if urgent {
			in.Urgent = false
			if plain := c.Classify(in); res.Severity > plain.Severity {
				t.Fatalf("urgent %v, plain %v", res.Severity, plain.Severity)
			}
		}
	})
}
