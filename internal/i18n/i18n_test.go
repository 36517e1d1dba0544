package i18n

import (
	"testing"

	"github.com/walletdesk/walletdesk/internal/desk"
)

func TestCatalogsAgree(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range c.Keys() {
		for _, loc := range desk.Locales {
			if c.T(loc, k) == "" {
				t.Errorf("%s: %q is empty", loc, k)
			}
		}
	}
	if got := c.T(desk.Japanese, "search.results_for", "送金"); got != "「送金」の検索結果" {
		t.Errorf("formatted message = %q", got)
	}
	if got := c.T(desk.Chinese, "no.such.key"); got != "no.such.key" {
		t.Errorf("unknown key = %q", got)
	}
}

func TestDiffReportsMissingKeys(t *testing.T) {
	got := diff(map[string]string{"a": "1", "b": "2"}, map[string]string{"a": "1", "c": "3"}, "en", "ja")
	if len(got) != 2 {
		t.Fatalf("diff = %v", got)
	}
}

func TestFromAcceptLanguage(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		header string
		want   desk.Locale
		ok     bool
	}{
		{"ja-JP,ja;q=0.9,en;q=0.8", desk.Japanese, true},
		{"zh-CN,zh;q=0.9", desk.Chinese, true},
		{"zh-TW", desk.Chinese, true},
		{"fr-FR,en;q=0.5", desk.English, true},
		{"en-US", desk.English, true},
		{"de-DE", "", false},
		{"", "", false},
		{";;;garbage", "", false},
	}
	for _, tc := range cases {
		got, ok := c.FromAcceptLanguage(tc.header)
		if got != tc.want || ok != tc.ok {
			t.Errorf("%q: got %q %v, want %q %v", tc.header, got, ok, tc.want, tc.ok)
		}
	}
}
