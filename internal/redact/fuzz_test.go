package redact

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzRedact checks that Redact never panics, keeps valid UTF-8 valid, is
// idempotent, and that a phrase or key planted into the random text (at a
// word boundary, with a label) does not survive.
func FuzzRedact(f *testing.F) {
	for _, s := range []string{"", "seed: ", "私钥：", "0x", "{\"crypto\":{\"ciphertext\":\"", "助记词", "1. ", "[redacted: recovery phrase]",
		"I want to transfer my token", "这是我的第一个钱包", "復元フレーズ：", "xprv", "\xff\xfe", "private key 0x"} {
		f.Add(s, uint64(1))
	}
	r := New()
	lists := sourceLists()
	f.Fuzz(func(t *testing.T, s string, seed uint64) {
		res := r.Redact(s)
		if utf8.ValidString(s) && !utf8.ValidString(res.Text) {
			t.Fatalf("invalid UTF-8 out of valid input %q", s)
		}
		if again := r.Redact(res.Text); again.Text != res.Text {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, res.Text, again.Text)
		}
		if !utf8.ValidString(s) {
			return
		}
		rng := rand.New(rand.NewPCG(seed, 1))
		var words []string
		list := lists[langEnglish]
		for range 12 {
			words = append(words, list[rng.IntN(len(list))])
		}
		phrase := strings.Join(words, " ")
		planted := s + "\nmy recovery phrase: " + phrase + "\n"
		out := r.Redact(planted).Text
		if strings.Contains(out, phrase) || strings.Contains(out, words[4]+" "+words[5]+" "+words[6]) {
			t.Fatalf("planted phrase survived in %q", out)
		}
		key := "private key: 4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"
		if out := r.Redact(s + "\n" + key + "\n").Text; strings.Contains(out, "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318") {
			t.Fatalf("planted key survived in %q", out)
		}
	})
}
