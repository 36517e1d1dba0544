package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/store"
)

func TestLocaleNegotiation(t *testing.T) {
	e := newTestEnv(t, Config{})
	cases := []struct {
		name string
		path string
		hdr  []string
		want string
	}{
		{"default", "/", nil, "/en/"},
		{"accept-language ja", "/", []string{"Accept-Language", "ja-JP,ja;q=0.9"}, "/ja/"},
		{"accept-language zh", "/", []string{"Accept-Language", "zh-CN,zh;q=0.9,en;q=0.5"}, "/zh-CN/"},
		{"cookie beats header", "/", []string{"Accept-Language", "ja", "Cookie", "wd_locale=zh-CN"}, "/zh-CN/"},
		{"explicit beats cookie", "/?locale=ja", []string{"Cookie", "wd_locale=zh-CN"}, "/ja/"},
		{"unsupported header", "/", []string{"Accept-Language", "de-DE"}, "/en/"},
	}
	for _, tc := range cases {
		r := e.do(t, "GET", tc.path, "", tc.hdr...)
		if r.code != http.StatusFound || r.header.Get("Location") != tc.want {
			t.Errorf("%s: %d %q, want redirect to %q", tc.name, r.code, r.header.Get("Location"), tc.want)
		}
	}
	// Visiting a locale's pages remembers it.
	r := e.do(t, "GET", "/ja/", "")
	if !strings.Contains(r.header.Get("Set-Cookie"), "wd_locale=ja") {
		t.Errorf("visiting /ja/ did not set the locale cookie: %q", r.header.Get("Set-Cookie"))
	}
}

func TestPagesRenderInEveryLocale(t *testing.T) {
	e := newTestEnv(t, Config{})
	for _, loc := range desk.Locales {
		p := "/" + string(loc)
		for _, path := range []string{p + "/", p + "/categories/transactions", p + "/articles/speed-up-cancel",
			p + "/search?q=" + url.QueryEscape("gas"), p + "/search?q=", p + "/search?q=zzqqxxnothing"} {
			r := e.do(t, "GET", path, "")
			if r.code != http.StatusOK {
				t.Errorf("%s: %d", path, r.code)
				continue
			}
			if !strings.Contains(r.body, `<html lang="`+string(loc)+`">`) {
				t.Errorf("%s: wrong html lang", path)
			}
			// A raw message key in the page means a missing translation.
			for _, key := range e.srv.cat.Keys() {
				if strings.Contains(r.body, ">"+key+"<") || strings.Contains(r.body, `"`+key+`"`) {
					t.Errorf("%s: shows raw message key %q", path, key)
				}
			}
			if !strings.Contains(r.body, e.srv.cat.T(loc, "site.never_ask")) {
				t.Errorf("%s: the never-ask notice is missing", path)
			}
		}
	}
}

func TestArticlePage(t *testing.T) {
	e := newTestEnv(t, Config{})
	r := e.do(t, "GET", "/ja/articles/speed-up-cancel", "")
	if r.code != 200 {
		t.Fatalf("%d", r.code)
	}
	for _, want := range []string{`class="callout callout-important"`, `<ol>`, `hreflang="zh-CN" href="/zh-CN/articles/speed-up-cancel"`,
		`data-feedback="/api/v1/kb/articles/speed-up-cancel/feedback"`, `action="/ja/articles/speed-up-cancel/feedback"`} {
		if !strings.Contains(r.body, want) {
			t.Errorf("article page lacks %q", want)
		}
	}
	if r := e.do(t, "GET", "/ja/articles/no-such-article", ""); r.code != 404 || !strings.Contains(r.body, "お探しのページが見つかりませんでした") {
		t.Errorf("missing article: %d, localized page expected", r.code)
	}
	if r := e.do(t, "GET", "/fr/articles/speed-up-cancel", ""); r.code != 404 {
		t.Errorf("unsupported locale prefix: %d", r.code)
	}
}

func TestSecurityHeaders(t *testing.T) {
	e := newTestEnv(t, Config{})
	for _, path := range []string{"/en/", "/api/v1/kb/search?q=gas", "/healthz"} {
		r := e.do(t, "GET", path, "")
		csp := r.header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
			t.Errorf("%s: CSP %q", path, csp)
		}
		if r.header.Get("X-Content-Type-Options") != "nosniff" || r.header.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s: missing headers %v", path, r.header)
		}
	}
	// No inline script anywhere: every <script> has a src.
	r := e.do(t, "GET", "/zh-CN/articles/wallet-stolen", "")
	if strings.Contains(r.body, "<script>") || strings.Contains(r.body, "onclick=") {
		t.Error("inline script in a page")
	}
	// Hashed static URLs are immutable; unknown hashes 404.
	i := strings.Index(r.body, "/static/")
	j := strings.Index(r.body[i:], `"`)
	asset := r.body[i : i+j]
	if a := e.do(t, "GET", asset, ""); a.code != 200 || !strings.Contains(a.header.Get("Cache-Control"), "immutable") {
		t.Errorf("asset %s: %d %q", asset, a.code, a.header.Get("Cache-Control"))
	}
	if a := e.do(t, "GET", "/static/000000000000/app.css", ""); a.code != 404 {
		t.Errorf("stale asset URL: %d", a.code)
	}
}

func TestNoJSFeedbackFlow(t *testing.T) {
	e := newTestEnv(t, Config{})
	form := url.Values{"helpful": {"no"}, "comment": {"missing the part about nonce. my phrase is abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"}}
	r := e.do(t, "POST", "/en/articles/speed-up-cancel/feedback", form.Encode(), "Content-Type", "application/x-www-form-urlencoded")
	if r.code != http.StatusSeeOther || r.header.Get("Location") != "/en/articles/speed-up-cancel?voted=no#feedback" {
		t.Fatalf("vote: %d %q %s", r.code, r.header.Get("Location"), r.body)
	}
	page := e.do(t, "GET", "/en/articles/speed-up-cancel?voted=no", "")
	if !strings.Contains(page.body, "If you still need help") {
		t.Error("the page does not thank the reader")
	}
	fb := e.feedback(t)
	if len(fb) != 1 || fb[0].Helpful || fb[0].Locale != "en" || strings.Contains(fb[0].Comment, "abandon") || !strings.Contains(fb[0].Comment, "[redacted: recovery phrase]") {
		t.Fatalf("stored feedback %+v", fb)
	}
	if r := e.do(t, "POST", "/en/articles/speed-up-cancel/feedback", "helpful=maybe", "Content-Type", "application/x-www-form-urlencoded"); r.code != 422 {
		t.Errorf("bad vote: %d", r.code)
	}
	if len(e.feedback(t)) != 1 {
		t.Error("a bad vote changed something")
	}
}

func (e *testEnv) feedback(t testing.TB) []store.FeedbackRecord {
	t.Helper()
	fb, err := e.db.KB().RecentFeedback(context.Background(), 100)
	if err != nil {
		t.Fatal(err)
	}
	return fb
}
