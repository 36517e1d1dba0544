package kb

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/walletdesk/walletdesk/internal/desk"
)

func TestNormalizeArticle(t *testing.T) {
	a := normalizeArticle(Article{
		Slug: " send-crypto ", Locale: desk.English, Category: " transactions ",
		Title: "  Send\r\n  crypto\t now ", Summary: "One\u0000two", Date: " 2026-11-20 ",
		Keywords: []string{" stuck ", "", "stuck", "not\narrived"},
		Related:  []string{" a ", "a", ""},
		Body:     "\ufeff\r\n1. Open\r\n2. Tap\rDone\x07\n\n", Version: 7,
	})
	want := Article{Slug: "send-crypto", Locale: desk.English, Category: Transactions, Title: "Send crypto now",
		Summary: "One two", Date: "2026-11-20", Keywords: []string{"stuck", "not arrived"}, Related: []string{"a"},
		Body: "1. Open\n2. Tap\nDone\n"}
	if a.Hash() != want.Hash() || a.Version != 0 {
		t.Fatalf("normalized to %+v", a)
	}
}

// FuzzNormalizeArticle: whatever a form sends, normalizing is stable, and
// an article the editor accepts survives kb export and import unchanged.
func FuzzNormalizeArticle(f *testing.F) {
	f.Add("Send crypto", "Short answer.", "stuck,pending", "1. Open\n2. Send\n", "2026-11-20")
	f.Add("转账一直在打包中", "先别慌", "打包中,卡住", "> [!IMPORTANT]\n> 我们绝不会索要助记词。\n", "")
	f.Add("- leading dash", "key: value", "\"quoted\",'single'", "---\nnot front matter\n---\n", "2026-02-30")
	f.Add("#title", "[link](kb:x)", "a\x00b,\u2028", "<script>x</script>", "2026-1-1")
	f.Fuzz(func(t *testing.T, title, summary, keywords, body, date string) {
		in := Article{Slug: "fuzzed", Locale: desk.Japanese, Category: Support, Title: title, Summary: summary,
			Keywords: strings.Split(keywords, ","), Body: body, Date: date}
		a := normalizeArticle(in)
		if b := normalizeArticle(a); b.Hash() != a.Hash() {
			t.Fatalf("normalize is not stable: %+v -> %+v", a, b)
		}
		for _, s := range append([]string{a.Title, a.Summary, a.Body}, a.Keywords...) {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8 %q", s)
			}
		}
		if len(checkArticle(a)) > 0 {
			return
		}
		a.Status = Published
		file, err := Format(a)
		if err != nil {
			t.Fatalf("format: %v", err)
		}
		back, err := Parse(file)
		if err != nil {
			t.Fatalf("an accepted article does not parse back: %v\n%s", err, file)
		}
		if back.Hash() != a.Hash() {
			t.Fatalf("export/import changed the article:\n%+v\n%+v", a, back)
		}
	})
}
