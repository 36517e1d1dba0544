package web

import (
	"strconv"
	"strings"
	"testing"

	"github.com/walletdesk/walletdesk/internal/kb"
)

func TestArticleFormParsing(t *testing.T) {
	cases := []struct {
		name     string
		f        articleForm
		keywords []string
		related  []string
		order    int
		bad      map[string]string
	}{
		{"browser line ends and separators",
			articleForm{Keywords: "送金 詰まり\r\nstuck\r\n", Related: "speed-up-cancel，network-fees、 a-b\r\nc", Order: " 3 "},
			[]string{"送金 詰まり\r", "stuck\r", ""}, []string{"speed-up-cancel", "network-fees", "a-b", "c"}, 3, map[string]string{}},
		{"empty order is zero", articleForm{Order: ""}, []string{""}, nil, 0, map[string]string{}},
		{"negative order", articleForm{Order: "-7"}, []string{""}, nil, -7, map[string]string{}},
		{"words for an order", articleForm{Order: "first"}, []string{""}, nil, 0, map[string]string{"order": kb.CodeInvalid}},
	}
	for _, c := range cases {
		a, bad := c.f.article()
		if strings.Join(a.Keywords, "|") != strings.Join(c.keywords, "|") || strings.Join(a.Related, "|") != strings.Join(c.related, "|") ||
			a.Order != c.order || len(bad) != len(c.bad) || bad["order"] != c.bad["order"] {
			t.Errorf("%s: keywords %q related %q order %d bad %v", c.name, a.Keywords, a.Related, a.Order, bad)
		}
	}
	for in, want := range map[string]int{"": 0, "12": 12, " 4 ": 4, "x": -1, "9999999999999999999999": -1} {
		if got := formInt(in); got != want {
			t.Errorf("formInt(%q) = %d, want %d", in, got, want)
		}
	}
}

// FuzzArticleForm: whatever an editor's browser sends, parsing does not
// panic, related slugs carry no separators, a malformed order is refused,
// and an article put in the form reads back unchanged (keywords one per
// line, related slugs joined by commas).
func FuzzArticleForm(f *testing.F) {
	f.Add("送金 詰まり\r\nstuck", "a, b，c、d", "3", "タイトル")
	f.Add("", "", "", "")
	f.Add("\x00\xff", ",,, ,\t", "-0", " ")
	f.Add("k1\n\nk2", "x-y\r\nz", "+5", "t")
	f.Fuzz(func(t *testing.T, keywords, related, order, title string) {
		form := articleForm{Keywords: keywords, Related: related, Order: order, Title: title}
		a, bad := form.article()
		for _, r := range a.Related {
			if r == "" || strings.ContainsAny(r, ", \n\r\t，、") {
				t.Fatalf("related slug %q keeps a separator", r)
			}
		}
		o := strings.TrimSpace(order)
		if _, err := strconv.Atoi(o); (err != nil && o != "") != (bad["order"] != "") {
			t.Fatalf("order %q: bad %v", order, bad)
		}
		// What kb keeps of keywords: one-line, non-empty.
		var kw []string
		for _, k := range a.Keywords {
			if k = strings.TrimSpace(strings.ReplaceAll(k, "\r", "")); k != "" {
				kw = append(kw, k)
			}
		}
		in := kb.Article{Title: a.Title, Keywords: kw, Related: a.Related, Order: a.Order}
		out, bad := formFromArticle(in).article()
		var outKW []string
		for _, k := range out.Keywords {
			if k != "" {
				outKW = append(outKW, k)
			}
		}
		if len(bad) > 0 || strings.Join(outKW, "\x00") != strings.Join(kw, "\x00") ||
			strings.Join(out.Related, "\x00") != strings.Join(in.Related, "\x00") || out.Order != in.Order || out.Title != in.Title {
			t.Fatalf("round trip %+v -> %+v (%v)", in, out, bad)
		}
		if !formFromArticle(in).sameText(out) {
			t.Fatal("the form of an article differs from what it reads back as")
		}
	})
}
