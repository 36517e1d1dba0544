package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/kb"
)

type searchResp struct {
	Query   string `json:"query"`
	Locale  string `json:"locale"`
	Results []struct {
		Slug, Locale, Title, Snippet, URL string
		SnippetHTML                       string  `json:"snippet_html"`
		Score                             float64 `json:"score"`
	} `json:"results"`
	Closest []struct{ Slug, Title, URL string } `json:"closest"`
}

func TestAPISearch(t *testing.T) {
	e := newTestEnv(t, Config{})
	cases := []struct {
		q, locale, want string
	}{
		{"转账好久没到账", "zh-CN", "transaction-pending"},
		{"导入钱包报错", "zh-CN", "import-phrase-errors"},
		{"送金が届かない", "ja", "transaction-pending"},
		{"speeed up my transfr", "en", "speed-up-cancel"},
		{"USDT 发错网络", "zh-CN", "wrong-network"},
	}
	for _, tc := range cases {
		var sr searchResp
		r := e.do(t, "GET", "/api/v1/kb/search?limit=3&locale="+tc.locale+"&q="+url.QueryEscape(tc.q), "")
		if r.code != 200 {
			t.Fatalf("%s: %d %s", tc.q, r.code, r.body)
		}
		r.json(t, &sr)
		if sr.Query != tc.q || sr.Locale != tc.locale || len(sr.Results) == 0 || len(sr.Results) > 3 {
			t.Fatalf("%s: %+v", tc.q, sr)
		}
		found := false
		for _, res := range sr.Results {
			found = found || res.Slug == tc.want
			if res.URL != "/"+res.Locale+"/articles/"+res.Slug || res.Title == "" || res.Snippet == "" || res.Score <= 0 {
				t.Errorf("%s: malformed result %+v", tc.q, res)
			}
		}
		if !found {
			t.Errorf("%s: %s not in top 3: %+v", tc.q, tc.want, sr.Results)
		}
	}
	// Highlighting marks the matched words and escapes the rest.
	var sr searchResp
	e.do(t, "GET", "/api/v1/kb/search?locale=en&q=nonce", "").json(t, &sr)
	if len(sr.Results) == 0 || !strings.Contains(sr.Results[0].SnippetHTML, "<mark>") {
		t.Errorf("no highlight: %+v", sr.Results)
	}
}

func TestAPISearchZeroResultsRecordedRedacted(t *testing.T) {
	e := newTestEnv(t, Config{})
	var sr searchResp
	r := e.do(t, "GET", "/api/v1/kb/search?locale=en&q=qqzzxxyy", "")
	r.json(t, &sr)
	if r.code != 200 || len(sr.Results) != 0 || len(sr.Closest) == 0 {
		t.Fatalf("zero-result search: %d %+v", r.code, sr)
	}
	// A pasted phrase is redacted before it is searched or recorded.
	phrase := "legal winner thank year wave sausage worth useful legal winner thank yellow"
	e.do(t, "GET", "/api/v1/kb/search?locale=en&q="+url.QueryEscape(phrase), "").json(t, &sr)
	if strings.Contains(sr.Query, "sausage") {
		t.Errorf("the API echoed a recovery phrase: %q", sr.Query)
	}
	misses, err := e.db.KB().SearchMisses(context.Background(), 10)
	if err != nil {
		t.Fatal(err)
	}
	var qs []string
	for _, m := range misses {
		qs = append(qs, m.Query)
		if strings.Contains(m.Query, "sausage") {
			t.Errorf("a recovery phrase was stored: %q", m.Query)
		}
	}
	if !contains(qs, "qqzzxxyy") {
		t.Errorf("zero-result query not recorded: %v", qs)
	}
	body := e.do(t, "GET", "/metrics", "").body
	if !strings.Contains(body, `walletdesk_search_zero_results_total{locale="en"}`) {
		t.Error("zero-result metric missing")
	}
	if strings.Contains(body, "qqzzxxyy") {
		t.Error("a query leaked into metric labels")
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestAPISearchErrors(t *testing.T) {
	e := newTestEnv(t, Config{})
	cases := []struct {
		path, field, code string
		status            int
		msgLang           string
	}{
		{"/api/v1/kb/search?locale=en", "q", "invalid_input", 422, "This field is required."},
		{"/api/v1/kb/search?locale=xx&q=gas", "locale", "invalid_input", 422, "This language is not supported."},
		{"/api/v1/kb/search?locale=ja&q=gas&limit=500", "limit", "invalid_input", 422, "1 から 50 までの数字を指定してください。"},
		{"/api/v1/kb/search?locale=zh-CN&q=" + strings.Repeat("长", 201), "q", "invalid_input", 422, "搜索内容太长。"},
		{"/api/v1/kb/articles/nope?locale=ja", "", "not_found", 404, ""},
		{"/api/v1/nothing-here", "", "not_found", 404, ""},
	}
	for _, tc := range cases {
		r := e.do(t, "GET", tc.path, "")
		var ae apiErr
		r.json(t, &ae)
		if r.code != tc.status || ae.Error.Code != tc.code || ae.Error.Message == "" {
			t.Errorf("%s: %d %+v", tc.path, r.code, ae)
		}
		if tc.field != "" && ae.Error.Fields[tc.field] != tc.msgLang {
			t.Errorf("%s: field %s message %q, want %q", tc.path, tc.field, ae.Error.Fields[tc.field], tc.msgLang)
		}
	}
}

func TestAPISuggest(t *testing.T) {
	e := newTestEnv(t, Config{})
	var out struct {
		Suggestions []struct{ Slug, Title, URL string } `json:"suggestions"`
	}
	for _, tc := range []struct{ q, loc, want string }{
		{"speed u", "en", "speed-up-cancel"},
		{"助记", "zh-CN", "import-phrase-errors"},
		{"ガス代", "ja", "network-fees"},
	} {
		e.do(t, "GET", "/api/v1/kb/suggest?locale="+tc.loc+"&q="+url.QueryEscape(tc.q), "").json(t, &out)
		var slugs []string
		for _, s := range out.Suggestions {
			slugs = append(slugs, s.Slug)
		}
		if !contains(slugs, tc.want) {
			t.Errorf("suggest %q: %v lacks %s", tc.q, slugs, tc.want)
		}
	}
	r := e.do(t, "GET", "/api/v1/kb/suggest?locale=en&q=", "")
	if r.code != 200 || !strings.Contains(r.body, `"suggestions":[]`) {
		t.Errorf("empty suggest: %d %s", r.code, r.body)
	}
}

func TestAPICategoriesAndArticleFallback(t *testing.T) {
	e := newTestEnv(t, Config{})
	var cats struct {
		Locale     string `json:"locale"`
		Categories []struct {
			Slug, Name string
			Articles   []struct{ Slug, Locale, Title string }
		} `json:"categories"`
	}
	e.do(t, "GET", "/api/v1/kb/categories?locale=ja", "").json(t, &cats)
	if cats.Locale != "ja" || len(cats.Categories) != 5 || cats.Categories[0].Name != "はじめに" {
		t.Fatalf("categories: %+v", cats)
	}
	total := 0
	for _, c := range cats.Categories {
		total += len(c.Articles)
	}
	if total != 31 {
		t.Errorf("%d articles listed, want 31", total)
	}
	// An article written only in English falls back, and says so.
	ctx := context.Background()
	_, err := e.kb.Import(ctx, []kb.Article{{Slug: "only-english", Locale: desk.English, Category: kb.Support, Title: "Only English",
		Body: "Body.\n", Status: kb.Published}}, "test", nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.kb.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	var art struct {
		Slug, Locale, Title, HTML string
		Requested                 string `json:"requested_locale"`
		FellBack                  bool   `json:"fell_back"`
	}
	e.do(t, "GET", "/api/v1/kb/articles/only-english?locale=zh-CN", "").json(t, &art)
	if !art.FellBack || art.Locale != "en" || art.Requested != "zh-CN" || art.Title != "Only English" {
		t.Errorf("fallback: %+v", art)
	}
	page := e.do(t, "GET", "/zh-CN/articles/only-english", "")
	if !strings.Contains(page.body, "这篇文章暂时没有你的语言版本") {
		t.Error("the page does not say it fell back")
	}
}

func TestAPIFeedback(t *testing.T) {
	e := newTestEnv(t, Config{})
	path := "/api/v1/kb/articles/transaction-pending/feedback"
	r := e.do(t, "POST", path, `{"locale":"ja","helpful":true,"comment":"わかりやすい"}`)
	if r.code != http.StatusCreated {
		t.Fatalf("vote: %d %s", r.code, r.body)
	}
	bad := []struct {
		body, field string
		status      int
	}{
		{`{"helpful":true}`, "locale", 422},
		{`{"locale":"fr","helpful":true}`, "locale", 422},
		{`{"locale":"en"}`, "helpful", 422},
		{`{"locale":"en","helpful":"yes"}`, "helpful", 422},
		{`{"locale":"en","helpful":true,"extra":1}`, "", 422},
		{`{"locale":"en","helpful":true}{}`, "", 422},
		{`not json`, "", 422},
		{`{"locale":"en","helpful":true,"comment":"` + strings.Repeat("a", 2001) + `"}`, "comment", 422},
		{`{"locale":"en","helpful":true,"comment":"` + strings.Repeat("a", 70000) + `"}`, "", 413},
	}
	for _, b := range bad {
		r := e.do(t, "POST", path, b.body)
		var ae apiErr
		r.json(t, &ae)
		if r.code != b.status || (b.field != "" && ae.Error.Fields[b.field] == "") {
			t.Errorf("%.60s: %d %+v", b.body, r.code, ae)
		}
	}
	if r := e.do(t, "POST", "/api/v1/kb/articles/nope/feedback", `{"locale":"en","helpful":true}`); r.code != 404 {
		t.Errorf("unknown article: %d", r.code)
	}
	fb := e.feedback(t)
	if len(fb) != 1 || fb[0].Locale != "ja" || !fb[0].Helpful || fb[0].Comment != "わかりやすい" {
		t.Errorf("bad input changed something: %+v", fb)
	}
}

func TestRateLimit(t *testing.T) {
	e := newTestEnv(t, Config{RateLimit: true})
	var limited response
	for i := 0; i < 200; i++ {
		r := e.do(t, "GET", "/api/v1/kb/suggest?locale=en&q=gas", "")
		if r.code == http.StatusTooManyRequests {
			limited = r
			break
		}
	}
	if limited.code != http.StatusTooManyRequests {
		t.Fatal("never rate limited")
	}
	var ae apiErr
	limited.json(t, &ae)
	if ae.Error.Code != "rate_limited" || limited.header.Get("Retry-After") == "" {
		t.Errorf("429 without code or Retry-After: %+v %v", ae, limited.header)
	}
	// With limits off, the same burst passes.
	off := newTestEnv(t, Config{RateLimit: false})
	for i := 0; i < 200; i++ {
		if r := off.do(t, "GET", "/api/v1/kb/suggest?locale=en&q=gas", ""); r.code != 200 {
			t.Fatalf("limits off but got %d", r.code)
		}
	}
}

func TestHealthAndMetrics(t *testing.T) {
	e := newTestEnv(t, Config{})
	if r := e.do(t, "GET", "/healthz", ""); r.code != 200 || !strings.Contains(r.body, `"ok"`) {
		t.Errorf("healthz: %d %s", r.code, r.body)
	}
	e.do(t, "GET", "/en/articles/send-crypto", "")
	e.do(t, "GET", "/api/v1/kb/search?locale=en&q=gas", "")
	m := e.do(t, "GET", "/metrics", "").body
	for _, want := range []string{`walletdesk_http_requests_total{code="200",method="GET",route="GET /en/articles/{slug}"}`,
		"walletdesk_http_request_duration_seconds_bucket", "walletdesk_search_duration_seconds"} {
		if !strings.Contains(m, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	e.db.Close()
	if r := e.do(t, "GET", "/healthz", ""); r.code != 503 {
		t.Errorf("healthz with the database closed: %d", r.code)
	}
}
