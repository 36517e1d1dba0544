package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

type createdTicket struct {
	ID          int64  `json:"id"`
	AccessToken string `json:"access_token"`
	Status      string `json:"status"`
	Severity    string `json:"severity"`
	Reasons     []struct{ Code, Message string }
	URL         string   `json:"url"`
	Redacted    []string `json:"redacted"`
}

type ticketDoc struct {
	ID       int64  `json:"id"`
	Subject  string `json:"subject"`
	Status   string `json:"status"`
	Severity string `json:"severity"`
	SLA      map[string]any
	Messages []struct {
		ID         int64  `json:"id"`
		Author     string `json:"author"`
		Body       string `json:"body"`
		Redactions []struct{ Kind string }
	} `json:"messages"`
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

const testPhrase = "legal winner thank year wave sausage worth useful legal winner thank yellow"

func TestAPITicketLifecycle(t *testing.T) {
	e := newTestEnv(t, Config{})
	cases := []struct {
		locale, subject, body, wantSev, replyWord string
	}{
		{"en", "stuck transfer", "my USDT transfer on ethereum has been pending for hours", "S3", "automatic"},
		{"zh-CN", "被盗", "我的币被别人转走了，钱包里的USDT全没了", "S1", "扫币"},
		{"ja", "保留中", "送金が保留中のままです", "S3", "リクエスト"},
	}
	for _, tc := range cases {
		r := e.do(t, "POST", "/api/v1/tickets", mustJSON(map[string]any{"email": "u@example.com", "subject": tc.subject, "body": tc.body, "locale": tc.locale}))
		if r.code != http.StatusCreated {
			t.Fatalf("%s: create %d %s", tc.locale, r.code, r.body)
		}
		var c createdTicket
		r.json(t, &c)
		if c.ID == 0 || len(c.AccessToken) < 40 || c.Severity != tc.wantSev || c.Status != "new" || len(c.Reasons) == 0 || c.Reasons[0].Message == "" ||
			!strings.HasPrefix(c.URL, "/"+tc.locale+"/requests/") {
			t.Fatalf("%s: created %+v", tc.locale, c)
		}
		var doc ticketDoc
		g := e.do(t, "GET", "/api/v1/tickets/"+strconv.FormatInt(c.ID, 10), "", "Authorization", "Bearer "+c.AccessToken)
		g.json(t, &doc)
		if g.code != 200 || doc.ID != c.ID || len(doc.Messages) != 2 || doc.Messages[0].Author != "requester" || doc.Messages[1].Author != "system" {
			t.Fatalf("%s: read %d %+v", tc.locale, g.code, doc)
		}
		if strings.Contains(doc.Messages[1].Body, "](kb:") {
			t.Errorf("%s: the API leaks kb: links instead of URLs", tc.locale)
		}
		// A wrong token is a 404, exactly like a missing ticket.
		for _, hdr := range [][]string{{"Authorization", "Bearer " + c.AccessToken + "x"}, {"Authorization", "Basic abc"}, {}} {
			r := e.do(t, "GET", "/api/v1/tickets/"+strconv.FormatInt(c.ID, 10), "", hdr...)
			var ae apiErr
			r.json(t, &ae)
			if r.code != 404 || ae.Error.Code != "not_found" || strings.Contains(r.body, tc.subject) {
				t.Errorf("%s: wrong token got %d %s", tc.locale, r.code, r.body)
			}
		}
		// Reply.
		rp := e.do(t, "POST", "/api/v1/tickets/"+strconv.FormatInt(c.ID, 10)+"/messages", `{"body":"any news?"}`, "Authorization", "Bearer "+c.AccessToken)
		rp.json(t, &doc)
		if rp.code != 201 || len(doc.Messages) != 3 || doc.Messages[2].Body != "any news?" {
			t.Errorf("%s: reply %d %s", tc.locale, rp.code, rp.body)
		}
		if r := e.do(t, "POST", "/api/v1/tickets/"+strconv.FormatInt(c.ID, 10)+"/messages", `{"body":"x"}`, "Authorization", "Bearer nope"); r.code != 404 {
			t.Errorf("%s: reply with a wrong token: %d", tc.locale, r.code)
		}
	}
}

func TestAPITicketWithPhrase(t *testing.T) {
	e := newTestEnv(t, Config{})
	r := e.do(t, "POST", "/api/v1/tickets", mustJSON(map[string]any{"email": "p@example.com", "subject": "import failed " + testPhrase,
		"body": "my phrase is " + testPhrase + " please help", "locale": "en"}))
	if r.code != 201 || strings.Contains(r.body, "sausage") {
		t.Fatalf("create: %d %s", r.code, r.body)
	}
	var c createdTicket
	r.json(t, &c)
	if c.Severity != "S1" || len(c.Redacted) == 0 || c.Reasons[0].Code != "secret_exposed" {
		t.Fatalf("created %+v", c)
	}
	g := e.do(t, "GET", "/api/v1/tickets/"+strconv.FormatInt(c.ID, 10), "", "Authorization", "Bearer "+c.AccessToken)
	if strings.Contains(g.body, "sausage") || !strings.Contains(g.body, `"kind":"recovery_phrase"`) || !strings.Contains(g.body, "known to others") {
		t.Fatalf("read back: %s", g.body)
	}
	page := e.do(t, "GET", c.URL, "")
	if page.code != 200 || strings.Contains(page.body, "sausage") || !strings.Contains(page.body, `class="redaction"`) ||
		!strings.Contains(page.body, "We removed what looked like a secret") {
		t.Errorf("request page: %d", page.code)
	}
}

func TestAPITicketValidationIsLocalizedAndChangesNothing(t *testing.T) {
	e := newTestEnv(t, Config{})
	cases := []struct {
		body   map[string]any
		status int
		field  string
		msg    string
	}{
		{map[string]any{"subject": "s", "body": "b", "locale": "ja"}, 422, "email", "この項目は必須です。"},
		{map[string]any{"email": "x", "subject": "s", "body": "b", "locale": "zh-CN"}, 422, "email", "请填写有效的邮箱地址。"},
		{map[string]any{"email": "a@b.co", "subject": "s", "body": "b"}, 422, "locale", "This field is required."},
		{map[string]any{"email": "a@b.co", "subject": "s", "body": "b", "locale": "en", "chain": "ethereum", "tx_hash": strings.Repeat("a", 64)}, 422, "tx_hash", "Transaction hashes on this network start with 0x. If you copied a private key by mistake, do not send it."},
		{map[string]any{"email": "a@b.co", "subject": "s", "body": "b", "locale": "en", "amount_usd": "lots"}, 422, "amount_usd", ""},
		{map[string]any{"email": "a@b.co", "subject": "s", "body": "b", "locale": "en", "unknown": 1}, 422, "", ""},
	}
	for _, tc := range cases {
		r := e.do(t, "POST", "/api/v1/tickets", mustJSON(tc.body))
		var ae apiErr
		r.json(t, &ae)
		if r.code != tc.status || (tc.field != "" && ae.Error.Fields[tc.field] == "") || (tc.msg != "" && ae.Error.Fields[tc.field] != tc.msg) {
			t.Errorf("%v: %d %+v", tc.body, r.code, ae)
		}
	}
	if n, _ := e.db.Tickets().CountByEmailSince(t.Context(), "a@b.co", time.Time{}); n != 0 {
		t.Errorf("invalid requests created %d tickets", n)
	}
}

func TestAPITriagePreviewStoresNothing(t *testing.T) {
	e := newTestEnv(t, Config{})
	r := e.do(t, "POST", "/api/v1/triage", mustJSON(map[string]any{"subject": "wallet drained", "body": "all my ETH was sent to an address I do not know, my wallet is empty", "locale": "en", "amount_usd": 500}))
	var out struct {
		Severity          string
		Emergency         bool
		Reasons           []struct{ Code, Message string }
		Suggested         []string
		SuggestedArticles []struct{ Slug, Title, URL string } `json:"suggested_articles"`
	}
	r.json(t, &out)
	if r.code != 200 || out.Severity != "S1" || !out.Emergency || len(out.Reasons) == 0 || !contains(out.Suggested, "wallet-stolen") {
		t.Fatalf("triage: %d %s", r.code, r.body)
	}
	r = e.do(t, "POST", "/api/v1/triage", mustJSON(map[string]any{"subject": "how", "body": "how do I keep my recovery phrase safe?", "locale": "en"}))
	r.json(t, &out)
	if out.Severity != "S4" || out.Emergency {
		t.Errorf("a how-to question: %s", r.body)
	}
	if n, _ := e.db.Tickets().CountByEmailSince(t.Context(), "u@example.com", time.Time{}); n != 0 {
		t.Errorf("triage stored %d tickets", n)
	}
}

func TestRequestFormNoJS(t *testing.T) {
	e := newTestEnv(t, Config{})
	page := e.do(t, "GET", "/ja/requests/new", "")
	if page.code != 200 || !strings.Contains(page.body, "リカバリーフレーズ、秘密鍵、パスワードは") || !strings.Contains(page.body, `name="website"`) {
		t.Fatalf("form page: %d", page.code)
	}
	// Invalid: the form comes back with localized field errors and the
	// typed text, minus the phrase.
	bad := url.Values{"email": {"nope"}, "subject": {"助けて"}, "body": {"フレーズは " + testPhrase + " です"}}
	r := e.do(t, "POST", "/ja/requests", bad.Encode(), "Content-Type", "application/x-www-form-urlencoded")
	if r.code != 422 || !strings.Contains(r.body, "正しいメールアドレスを入力してください。") || strings.Contains(r.body, "sausage") || !strings.Contains(r.body, "助けて") {
		t.Fatalf("invalid form: %d", r.code)
	}
	good := url.Values{"email": {"ja@example.com"}, "subject": {"資産が勝手に送金された"}, "body": {"知らないアドレスにUSDTが送金されていました。ウォレットが空です。"}, "category": {"security"}}
	r = e.do(t, "POST", "/ja/requests", good.Encode(), "Content-Type", "application/x-www-form-urlencoded")
	if r.code != http.StatusSeeOther || !strings.Contains(r.header.Get("Location"), "token=") {
		t.Fatalf("submit: %d %q", r.code, r.header.Get("Location"))
	}
	loc := r.header.Get("Location")
	p := e.do(t, "GET", loc, "")
	for _, want := range []string{"リクエスト #", "この専用リンクを保存してください", `data-severity="S1"`, "今すぐ、次の順番で対応してください", "15 分以内"} {
		if !strings.Contains(p.body, want) {
			t.Errorf("request page lacks %q", want)
		}
	}
	if p.header.Get("Cache-Control") != "no-store" {
		t.Error("the private page may be cached")
	}
	// Reply through the form.
	u, _ := url.Parse(loc)
	id := strings.TrimPrefix(u.Path, "/ja/requests/")
	reply := url.Values{"token": {u.Query().Get("token")}, "body": {"アドレスは 0x" + strings.Repeat("1", 40) + " です"}}
	r = e.do(t, "POST", "/ja/requests/"+id+"/reply", reply.Encode(), "Content-Type", "application/x-www-form-urlencoded")
	if r.code != http.StatusSeeOther {
		t.Fatalf("reply: %d %s", r.code, r.body)
	}
	p = e.do(t, "GET", strings.Split(r.header.Get("Location"), "#")[0], "")
	if !strings.Contains(p.body, "0x"+strings.Repeat("1", 40)) {
		t.Error("the reply (with an address, which is not a secret) is not shown")
	}
	// The honeypot answers like success and stores nothing.
	trap := url.Values{"email": {"bot@example.com"}, "subject": {"buy"}, "body": {"cheap"}, "website": {"http://spam"}}
	r = e.do(t, "POST", "/ja/requests", trap.Encode(), "Content-Type", "application/x-www-form-urlencoded")
	if n, _ := e.db.Tickets().CountByEmailSince(t.Context(), "bot@example.com", time.Time{}); r.code != http.StatusSeeOther || n != 0 {
		t.Errorf("honeypot: %d, %d tickets", r.code, n)
	}
}

func TestCreationRateLimits(t *testing.T) {
	e := newTestEnv(t, Config{RateLimit: true})
	var last response
	for i := 0; i < 8; i++ {
		last = e.do(t, "POST", "/api/v1/tickets", mustJSON(map[string]any{"email": "r" + strconv.Itoa(i) + "@example.com", "subject": "s", "body": "how do I receive", "locale": "en"}))
		if last.code == 429 {
			break
		}
	}
	if last.code != 429 || last.header.Get("Retry-After") == "" {
		t.Fatalf("per-IP creation limit: %d %v", last.code, last.header)
	}
	// Per email, independent of the IP limit.
	off := newTestEnv(t, Config{RateLimit: false})
	for i := 0; i < 6; i++ {
		last = off.do(t, "POST", "/api/v1/tickets", mustJSON(map[string]any{"email": "same@example.com", "subject": "s", "body": "how do I receive", "locale": "zh-CN"}))
	}
	var ae apiErr
	last.json(t, &ae)
	if last.code != 429 || ae.Error.Code != "too_many_requests_email" || last.header.Get("Retry-After") != "600" || !strings.Contains(ae.Error.Message, "一小时") {
		t.Errorf("per-email limit: %d %s %v", last.code, last.body, last.header)
	}
}
