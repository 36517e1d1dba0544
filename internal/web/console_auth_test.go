package web

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/i18n"
	"github.com/walletdesk/walletdesk/internal/identity"
	"github.com/walletdesk/walletdesk/internal/kb"
	"github.com/walletdesk/walletdesk/internal/redact"
	"github.com/walletdesk/walletdesk/internal/store"
	"github.com/walletdesk/walletdesk/internal/store/storetest"
	"github.com/walletdesk/walletdesk/internal/ticket"
	"github.com/walletdesk/walletdesk/internal/triage"
)

type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

type consoleEnv struct {
	srv   *Server
	ts    *httptest.Server
	id    *identity.Service
	clock *fakeClock
}

const testPassword = "a long enough password"

// newConsoleEnv runs the web server with an identity service on a fake
// clock over a real SQLite store (the help center stays empty: the
// console does not need it).
func newConsoleEnv(t *testing.T) *consoleEnv {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	db, err := store.Open(ctx, store.Config{DataDir: dir, SecretKey: storetest.SecretKey})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	clock := &fakeClock{t: time.Now().UTC()}
	db.SetClock(clock.now)
	ix, err := kb.OpenIndex(dir + "/search")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	kbs := kb.NewService(kb.Options{Store: db.KB(), Index: ix})
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	red := redact.New()
	tickets := ticket.NewService(ticket.Config{}, db.Tickets(), red, triage.New(triage.Config{}), kbs, nil)
	ids := identity.NewService(identity.Config{Password: identity.PasswordParams{Time: 1, Memory: 64, Threads: 1}}, db.Identity(), nil)
	ids.SetClock(clock.now)
	s, err := New(Config{RateLimit: false}, Deps{KB: kbs, Tickets: tickets, Catalog: cat, Redactor: red, Ready: db.Ping, Identity: ids})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return &consoleEnv{srv: s, ts: ts, id: ids, clock: clock}
}

func (e *consoleEnv) agent(t *testing.T, email string, role identity.Role) identity.Agent {
	t.Helper()
	a, err := e.id.CreateAgent(context.Background(), identity.SystemActor(),
		identity.NewAgent{Email: email, Name: "Name of " + email, Role: role, Languages: []desk.Locale{desk.English}}, testPassword)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// browser is a cookie-keeping client that does not follow redirects.
type browser struct {
	t    *testing.T
	e    *consoleEnv
	c    *http.Client
	csrf string // last CSRF token seen on a page
}

func (e *consoleEnv) browser(t *testing.T) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, e: e, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

var csrfInput = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

type resp struct {
	code int
	loc  string
	body string
	hdr  http.Header
}

func (b *browser) do(method, path string, form url.Values, hdr ...string) resp {
	b.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, b.e.ts.URL+path, body)
	if err != nil {
		b.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	res, err := b.c.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	r := resp{code: res.StatusCode, loc: res.Header.Get("Location"), body: string(raw), hdr: res.Header}
	if m := csrfInput.FindStringSubmatch(r.body); m != nil {
		b.csrf = m[1]
	}
	return r
}

func (b *browser) get(path string) resp { b.t.Helper(); return b.do("GET", path, nil) }

// post sends a form with the current CSRF token (unless form sets csrf).
func (b *browser) post(path string, form url.Values, hdr ...string) resp {
	b.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if _, ok := form["csrf"]; !ok {
		form.Set("csrf", b.csrf)
	}
	return b.do("POST", path, form, hdr...)
}

// signIn goes through the sign-in pages; secret answers a TOTP step.
func (b *browser) signIn(email string, secret []byte) resp {
	b.t.Helper()
	b.get("/console/login")
	r := b.post("/console/login", url.Values{"email": {email}, "password": {testPassword}})
	if r.code != http.StatusSeeOther {
		b.t.Fatalf("sign in %s: %d %s", email, r.code, r.body)
	}
	if r.loc == "/console/login/totp" {
		b.get("/console/login/totp")
		b.e.clock.add(30 * time.Second) // a code not used before
		r = b.post("/console/login/totp", url.Values{"code": {identity.TOTPCode(secret, b.e.clock.now())}})
	}
	if r.loc == "/console/enroll" {
		b.get("/console/enroll")
		b.t.Fatalf("%s must enrol first", email)
	}
	if r.code == http.StatusSeeOther && strings.HasPrefix(r.loc, "/console/") {
		b.get(r.loc) // pick up the new session's CSRF token
	}
	return r
}

var secretText = regexp.MustCompile(`id="totp-secret" class="c-secret">([A-Z2-7 ]+)<`)

// enrolled signs in an admin or supervisor, enrols TOTP through the pages
// and returns the secret.
func (b *browser) enrol(email string) []byte {
	b.t.Helper()
	b.get("/console/login")
	r := b.post("/console/login", url.Values{"email": {email}, "password": {testPassword}})
	if r.loc != "/console/enroll" {
		b.t.Fatalf("sign in %s: %d %q", email, r.code, r.loc)
	}
	page := b.get("/console/enroll")
	m := secretText.FindStringSubmatch(page.body)
	if m == nil || !strings.Contains(page.body, `src="data:image/png;base64,`) {
		b.t.Fatalf("enrol page without secret or QR code: %s", page.body)
	}
	secret, ok := identity.DecodeSecret(m[1])
	if !ok {
		b.t.Fatalf("secret %q", m[1])
	}
	r = b.post("/console/enroll", url.Values{"code": {identity.TOTPCode(secret, b.e.clock.now())}})
	if r.code != http.StatusOK || strings.Count(r.body, "<li><code>") != 10 {
		b.t.Fatalf("enrol: %d %s", r.code, r.body)
	}
	return secret
}

// route is one console route and what a request to it sends.
type route struct {
	method, path string
	form         url.Values
}

var consoleRoutesUnderTest = []route{
	{"GET", "/console/", nil},
	{"GET", "/console/account", nil},
	{"POST", "/console/account/profile", url.Values{"name": {"X"}, "languages": {"en"}}},
	{"POST", "/console/account/tokens", url.Values{"name": {"x"}, "scope": {"tickets:read"}}},
	{"POST", "/console/account/tokens/1/revoke", url.Values{}},
	{"GET", "/console/audit", nil},
	{"GET", "/console/agents", nil},
	{"POST", "/console/agents", url.Values{"email": {"new@example.com"}, "name": {"New"}, "role": {"admin"}}},
	{"POST", "/console/agents/1", url.Values{"role": {"agent"}, "languages": {"en"}}},
	{"POST", "/console/agents/1/reset-totp", url.Values{}},
}

func TestConsoleSignedOut(t *testing.T) {
	e := newConsoleEnv(t)
	e.agent(t, "lead@example.com", identity.RoleAdmin)
	b := e.browser(t)
	for _, rt := range consoleRoutesUnderTest {
		r := b.do(rt.method, rt.path, rt.form)
		if r.code != http.StatusSeeOther || !strings.HasPrefix(r.loc, "/console/login") || strings.Contains(r.body, "lead@example.com") {
			t.Errorf("%s %s signed out: %d -> %q", rt.method, rt.path, r.code, r.loc)
		}
	}
	if r := b.get("/console/audit?agent=1"); r.loc != "/console/login?next=%2Fconsole%2Faudit%3Fagent%3D1" {
		t.Errorf("next parameter: %q", r.loc)
	}
	r := b.get("/console/api/queue")
	if r.code != http.StatusUnauthorized || !strings.Contains(r.body, `"code":"session_expired"`) {
		t.Errorf("console API signed out: %d %s", r.code, r.body)
	}
	for _, p := range []string{"/console/login/totp", "/console/enroll", "/console/password"} {
		if r := b.get(p); r.code != http.StatusSeeOther || r.loc != "/console/login" {
			t.Errorf("GET %s without a session: %d %q", p, r.code, r.loc)
		}
	}
	if r := b.get("/console/login"); r.code != http.StatusOK || !strings.Contains(r.body, `id="login-form"`) ||
		r.hdr.Get("Cache-Control") != "no-store" {
		t.Errorf("login page: %d %v", r.code, r.hdr)
	}
	// The sign-in form itself needs its double-submit token.
	if r := b.post("/console/login", url.Values{"csrf": {"forged"}, "email": {"lead@example.com"}, "password": {testPassword}}); r.code != http.StatusForbidden {
		t.Errorf("sign-in with a forged token: %d", r.code)
	}
	fresh := e.browser(t)
	if r := fresh.do("POST", "/console/login", url.Values{"email": {"lead@example.com"}, "password": {testPassword}}); r.code != http.StatusForbidden {
		t.Errorf("sign-in without the form's token: %d", r.code)
	}
}

func TestConsoleRoles(t *testing.T) {
	e := newConsoleEnv(t)
	lead := e.agent(t, "lead@example.com", identity.RoleAdmin)
	e.agent(t, "sup@example.com", identity.RoleSupervisor)
	e.agent(t, "ana@example.com", identity.RoleAgent)
	e.agent(t, "ed@example.com", identity.RoleEditor)
	admin := e.browser(t)
	admin.enrol("lead@example.com")
	sup := e.browser(t)
	sup.enrol("sup@example.com")
	agent := e.browser(t)
	agent.signIn("ana@example.com", nil)
	editor := e.browser(t)
	editor.signIn("ed@example.com", nil)

	allowed := map[string]map[string]bool{ // path -> role -> allowed
		"/console/audit":  {"admin": true, "supervisor": true},
		"/console/agents": {"admin": true},
	}
	for name, b := range map[string]*browser{"admin": admin, "supervisor": sup, "agent": agent, "editor": editor} {
		for path, roles := range allowed {
			r := b.get(path)
			want := http.StatusForbidden
			if roles[name] {
				want = http.StatusOK
			}
			if r.code != want {
				t.Errorf("%s GET %s: %d, want %d", name, path, r.code, want)
			}
			if want == http.StatusForbidden && strings.Contains(r.body, "lead@example.com") {
				t.Errorf("%s GET %s: a refusal shows data", name, path)
			}
		}
		for _, rt := range consoleRoutesUnderTest {
			if rt.method != "POST" || !strings.HasPrefix(rt.path, "/console/agents") || name == "admin" {
				continue
			}
			b.get("/console/account")
			if r := b.post(rt.path, rt.form); r.code != http.StatusForbidden {
				t.Errorf("%s POST %s: %d, want 403", name, rt.path, r.code)
			}
		}
		if r := b.get("/console/account"); r.code != http.StatusOK {
			t.Errorf("%s account page: %d", name, r.code)
		}
		if r := b.get("/console/"); r.code != http.StatusOK || !strings.Contains(r.body, `id="queue-page"`) {
			t.Errorf("%s home: %d", name, r.code)
		}
	}
	// The nav shows only what the role may open.
	home := agent.get("/console/")
	if strings.Contains(home.body, `href="/console/audit"`) || strings.Contains(home.body, `href="/console/agents"`) {
		t.Error("agent nav links to pages the role cannot open")
	}
	if home := admin.get("/console/"); !strings.Contains(home.body, `href="/console/agents"`) {
		t.Error("admin nav lacks agents")
	}
	// An agent cannot revoke someone else's token: not found, not revoked.
	_, _, err := e.id.CreateToken(context.Background(), identity.SystemActor(), lead.ID, "ci", []identity.Scope{identity.ScopeTicketsRead})
	if err != nil {
		t.Fatal(err)
	}
	agent.get("/console/account")
	if r := agent.post("/console/account/tokens/1/revoke", nil); r.code != http.StatusNotFound {
		t.Errorf("agent revoking an admin's token: %d", r.code)
	}
}

func TestConsoleCSRF(t *testing.T) {
	e := newConsoleEnv(t)
	e.agent(t, "ana@example.com", identity.RoleAgent)
	e.agent(t, "bo@example.com", identity.RoleAgent)
	ana := e.browser(t)
	ana.signIn("ana@example.com", nil)
	bo := e.browser(t)
	bo.signIn("bo@example.com", nil)
	form := func(csrf string) url.Values {
		return url.Values{"csrf": {csrf}, "name": {"ci"}, "scope": {"tickets:read"}}
	}
	cases := []struct {
		name string
		form url.Values
		hdr  []string
		want int
	}{
		{"missing", url.Values{"name": {"ci"}, "scope": {"tickets:read"}, "csrf": {""}}, nil, http.StatusForbidden},
		{"wrong", form("nope"), nil, http.StatusForbidden},
		{"another session's", form(bo.csrf), nil, http.StatusForbidden},
		{"cross-site", form(ana.csrf), []string{"Sec-Fetch-Site", "cross-site"}, http.StatusForbidden},
		{"foreign origin", form(ana.csrf), []string{"Origin", "https://evil.example"}, http.StatusForbidden},
		{"header instead of field", url.Values{"csrf": {""}, "name": {"ci"}, "scope": {"tickets:read"}}, []string{"X-CSRF-Token", ana.csrf}, http.StatusOK},
		{"right", form(ana.csrf), []string{"Sec-Fetch-Site", "same-origin"}, http.StatusOK},
	}
	for _, c := range cases {
		r := ana.do("POST", "/console/account/tokens", c.form, c.hdr...)
		if r.code != c.want {
			t.Errorf("%s: %d, want %d", c.name, r.code, c.want)
		}
		if c.want == http.StatusForbidden && strings.Contains(r.body, "wdt_") {
			t.Errorf("%s: a refused request created a token", c.name)
		}
	}
	toks, _ := e.id.Tokens(context.Background(), identity.SystemActor(), 1)
	if len(toks) != 2 {
		t.Errorf("%d tokens created, want 2 (only the accepted requests)", len(toks))
	}
	// Sign-out is a state change too.
	if r := ana.do("POST", "/console/logout", url.Values{"csrf": {"nope"}}); r.code != http.StatusForbidden {
		t.Errorf("sign-out with a wrong token: %d", r.code)
	}
	if r := ana.get("/console/account"); r.code != http.StatusOK {
		t.Errorf("still signed in after a forged sign-out: %d", r.code)
	}
}

func TestConsoleSessionExpiry(t *testing.T) {
	e := newConsoleEnv(t)
	e.agent(t, "ana@example.com", identity.RoleAgent)
	b := e.browser(t)
	b.signIn("ana@example.com", nil)
	e.clock.add(29 * time.Minute)
	if r := b.get("/console/account"); r.code != http.StatusOK {
		t.Fatalf("after 29 idle minutes: %d", r.code)
	}
	e.clock.add(31 * time.Minute)
	if r := b.get("/console/account"); r.code != http.StatusSeeOther || !strings.HasPrefix(r.loc, "/console/login") {
		t.Errorf("after 31 idle minutes: %d %q", r.code, r.loc)
	}
	if r := b.get("/console/api/queue"); r.code != http.StatusUnauthorized {
		t.Errorf("API after expiry: %d", r.code)
	}
	// Absolute timeout, however active.
	b2 := e.browser(t)
	b2.signIn("ana@example.com", nil)
	for i := 0; i < 35; i++ {
		e.clock.add(20 * time.Minute)
		if r := b2.get("/console/account"); r.code != http.StatusOK {
			t.Fatalf("active session refused after %d minutes: %d", (i+1)*20, r.code)
		}
	}
	e.clock.add(20 * time.Minute) // 12 h
	if r := b2.get("/console/account"); r.code != http.StatusSeeOther {
		t.Errorf("past the absolute timeout: %d", r.code)
	}
	// A POST with an expired session changes nothing.
	if r := b2.post("/console/account/tokens", url.Values{"name": {"x"}, "scope": {"tickets:read"}}); r.code != http.StatusSeeOther {
		t.Errorf("POST after expiry: %d", r.code)
	}
}

func TestConsoleLockedAccount(t *testing.T) {
	e := newConsoleEnv(t)
	e.agent(t, "ana@example.com", identity.RoleAgent)
	b := e.browser(t)
	b.get("/console/login")
	for i := 1; i <= 5; i++ {
		r := b.post("/console/login", url.Values{"email": {"ana@example.com"}, "password": {"not the password"}})
		want := http.StatusUnauthorized
		if i == 5 {
			want = http.StatusTooManyRequests
		}
		if r.code != want {
			t.Fatalf("attempt %d: %d, want %d", i, r.code, want)
		}
	}
	r := b.post("/console/login", url.Values{"email": {"ana@example.com"}, "password": {testPassword}})
	if r.code != http.StatusTooManyRequests || r.hdr.Get("Retry-After") == "" || r.hdr.Get("Set-Cookie") != "" && strings.Contains(r.hdr.Get("Set-Cookie"), sessionCookie+"=") {
		t.Errorf("right password on a locked account: %d %v", r.code, r.hdr)
	}
	if r := b.get("/console/account"); r.code != http.StatusSeeOther {
		t.Errorf("a locked sign-in opened a session: %d", r.code)
	}
	// Unknown address and wrong password read the same.
	u := e.browser(t)
	u.get("/console/login")
	unknown := u.post("/console/login", url.Values{"email": {"nobody@example.com"}, "password": {"not the password"}})
	wrong := e.browser(t)
	wrong.get("/console/login")
	e.agent(t, "bo@example.com", identity.RoleAgent)
	bad := wrong.post("/console/login", url.Values{"email": {"bo@example.com"}, "password": {"not the password"}})
	msg := regexp.MustCompile(`role="alert">([^<]+)<`)
	if unknown.code != bad.code || msg.FindString(unknown.body) != msg.FindString(bad.body) || msg.FindString(bad.body) == "" {
		t.Errorf("unknown address %d %q vs wrong password %d %q", unknown.code, msg.FindString(unknown.body), bad.code, msg.FindString(bad.body))
	}
	e.clock.add(16 * time.Minute)
	if r := b.signIn("ana@example.com", nil); r.loc != "/console/" {
		t.Errorf("after the lock: %d %q", r.code, r.loc)
	}
}

func TestConsoleSignInWithTOTP(t *testing.T) {
	e := newConsoleEnv(t)
	e.agent(t, "lead@example.com", identity.RoleAdmin)
	b := e.browser(t)
	b.get("/console/login")
	r := b.post("/console/login", url.Values{"email": {"LEAD@example.com"}, "password": {testPassword}})
	if r.loc != "/console/enroll" {
		t.Fatalf("admin without TOTP went to %q", r.loc)
	}
	// Pending enrolment reaches nothing else.
	for _, p := range []string{"/console/", "/console/account", "/console/agents"} {
		if r := b.get(p); r.code != http.StatusSeeOther || r.loc != "/console/enroll" {
			t.Errorf("GET %s while enrolment is pending: %d %q", p, r.code, r.loc)
		}
	}
	if r := b.get("/console/login/totp"); r.loc != "/console/enroll" {
		t.Errorf("TOTP page during enrolment: %q", r.loc)
	}
	page := b.get("/console/enroll")
	secret, _ := identity.DecodeSecret(secretText.FindStringSubmatch(page.body)[1])
	if r := b.post("/console/enroll", url.Values{"code": {"12345"}}); r.code != http.StatusUnauthorized || !strings.Contains(r.body, `id="totp-secret"`) {
		t.Errorf("wrong enrolment code: %d", r.code)
	}
	b.get("/console/enroll")
	r = b.post("/console/enroll", url.Values{"code": {identity.TOTPCode(secret, e.clock.now())}})
	if r.code != http.StatusOK || !strings.Contains(r.body, `id="recovery-codes"`) || !strings.Contains(r.body, `href="/console/"`) {
		t.Fatalf("enrolment: %d %s", r.code, r.body)
	}
	codes := regexp.MustCompile(`<li><code>([a-z2-7-]{19})</code></li>`).FindAllStringSubmatch(r.body, -1)
	if len(codes) != 10 {
		t.Fatalf("%d recovery codes shown", len(codes))
	}
	if r := b.get("/console/"); r.code != http.StatusOK {
		t.Fatalf("home after enrolment: %d", r.code)
	}
	if r := b.get("/console/enroll"); r.loc != "/console/account" {
		t.Errorf("enrol again: %q", r.loc)
	}
	// Sign out, then in with a code, landing on the page asked for.
	b.get("/console/account")
	if r := b.post("/console/logout", nil); r.code != http.StatusSeeOther || r.loc != "/console/login" {
		t.Fatalf("sign-out: %d %q", r.code, r.loc)
	}
	if r := b.get("/console/"); r.code != http.StatusSeeOther {
		t.Fatalf("signed out but home answers %d", r.code)
	}
	b.get("/console/login?next=/console/audit")
	r = b.post("/console/login", url.Values{"email": {"lead@example.com"}, "password": {testPassword}, "next": {"/console/audit"}})
	if r.loc != "/console/login/totp?next=%2Fconsole%2Faudit" {
		t.Fatalf("second sign-in went to %q", r.loc)
	}
	if r := b.get("/console/account"); r.loc != "/console/login/totp" {
		t.Errorf("account page before the second factor: %d %q", r.code, r.loc)
	}
	b.get(r.loc)
	if r := b.post("/console/login/totp", url.Values{"code": {"000000x"}, "next": {"/console/audit"}}); r.code != http.StatusUnauthorized {
		t.Errorf("bad code: %d", r.code)
	}
	e.clock.add(30 * time.Second)
	r = b.post("/console/login/totp", url.Values{"code": {identity.TOTPCode(secret, e.clock.now())}, "next": {"/console/audit"}})
	if r.code != http.StatusSeeOther || r.loc != "/console/audit" {
		t.Fatalf("second factor: %d %q", r.code, r.loc)
	}
	// A recovery code on another sign-in.
	b2 := e.browser(t)
	b2.get("/console/login")
	b2.post("/console/login", url.Values{"email": {"lead@example.com"}, "password": {testPassword}})
	b2.get("/console/login/totp")
	if r := b2.post("/console/login/totp", url.Values{"code": {strings.ToUpper(codes[0][1])}}); r.loc != "/console/" {
		t.Errorf("recovery code: %d %q", r.code, r.loc)
	}
	if r := b2.get("/console/account"); !strings.Contains(r.body, "Unused recovery codes: 9") {
		t.Error("account page does not show 9 codes left")
	}
	// Open redirects are refused.
	for _, next := range []string{"//evil.example/", "https://evil.example/", "/console/\\evil", "/help"} {
		if got := safeNext(next); got != "/console/" {
			t.Errorf("next %q kept as %q", next, got)
		}
	}
	if got := safeNext("/console/audit?agent=2"); got != "/console/audit?agent=2" {
		t.Errorf("a console page was not kept: %q", got)
	}
}

func TestConsoleInviteAndAudit(t *testing.T) {
	e := newConsoleEnv(t)
	e.agent(t, "lead@example.com", identity.RoleAdmin)
	admin := e.browser(t)
	admin.enrol("lead@example.com")
	admin.get("/console/agents")
	r := admin.post("/console/agents", url.Values{"email": {"New@Example.com"}, "name": {"Nova"}, "role": {"agent"}, "languages": {"ja", "zh-CN"}})
	m := regexp.MustCompile(`id="one-time-password">([A-Za-z0-9]{20})<`).FindStringSubmatch(r.body)
	if r.code != http.StatusOK || m == nil {
		t.Fatalf("invite: %d %s", r.code, r.body)
	}
	if again := admin.get("/console/agents"); strings.Contains(again.body, m[1]) {
		t.Error("the one-time password is shown twice")
	}
	dup := admin.post("/console/agents", url.Values{"email": {"new@example.com"}, "name": {"Nova"}, "role": {"agent"}, "languages": {"ja"}})
	if dup.code != http.StatusConflict {
		t.Errorf("duplicate invite: %d", dup.code)
	}
	nb := e.browser(t)
	nb.get("/console/login")
	r = nb.post("/console/login", url.Values{"email": {"new@example.com"}, "password": {m[1]}})
	if r.loc != "/console/password" {
		t.Fatalf("invited agent went to %q", r.loc)
	}
	nb.get("/console/password")
	if r := nb.post("/console/password", url.Values{"password": {"nova's own password"}, "confirm": {"nova's own passw0rd"}}); r.code != http.StatusUnprocessableEntity {
		t.Errorf("mismatched confirmation: %d", r.code)
	}
	r = nb.post("/console/password", url.Values{"password": {"nova's own password"}, "confirm": {"nova's own password"}})
	if r.loc != "/console/" {
		t.Fatalf("after choosing a password: %d %q", r.code, r.loc)
	}
	nb.get("/console/")
	// Japanese console for the new agent.
	ja := nb.get("/console/account?locale=ja")
	if !strings.Contains(ja.body, "アカウント") || !strings.Contains(ja.hdr.Get("Set-Cookie"), consoleLocaleCookie+"=ja") {
		t.Errorf("ja console: %v", ja.hdr)
	}
	if again := nb.get("/console/account"); !strings.Contains(again.body, `lang="ja"`) {
		t.Error("console locale not remembered")
	}
	// The audit log shows who did what, filtered.
	page := admin.get("/console/audit?action=agent.")
	if page.code != http.StatusOK || !strings.Contains(page.body, "agent.create") || strings.Contains(page.body, "signin.success") {
		t.Errorf("audit filtered by action: %d", page.code)
	}
	page = admin.get("/console/audit?action=signin.success")
	if strings.Count(page.body, "<code>signin.success</code>") != 2 {
		t.Errorf("sign-ins in the audit log: %d", strings.Count(page.body, "<code>signin.success</code>"))
	}
	if page := admin.get("/console/audit?from=yesterday"); page.code != http.StatusOK || !strings.Contains(page.body, "2026-01-31") {
		t.Errorf("bad date: %d", page.code)
	}
	// Disable the new agent: their session ends.
	admin.get("/console/agents")
	if r := admin.post("/console/agents/2", url.Values{"role": {"agent"}, "languages": {"ja"}, "disabled": {"on"}, "open_cap": {"5"}}); r.loc != "/console/agents?done=saved" {
		t.Fatalf("disable: %d %q %s", r.code, r.loc, r.body)
	}
	if r := nb.get("/console/"); r.code != http.StatusSeeOther {
		t.Errorf("disabled agent's session: %d", r.code)
	}
	// An admin cannot lock themselves out.
	admin.get("/console/agents")
	if r := admin.post("/console/agents/1", url.Values{"role": {"agent"}, "languages": {"en"}}); r.code != http.StatusConflict {
		t.Errorf("self-demotion: %d", r.code)
	}
}

func TestConsolePagesInEveryLocale(t *testing.T) {
	e := newConsoleEnv(t)
	e.agent(t, "lead@example.com", identity.RoleAdmin)
	b := e.browser(t)
	b.enrol("lead@example.com")
	b.get("/console/account")
	b.post("/console/account/tokens", url.Values{"name": {"ci"}, "scope": {"tickets:read"}})
	cat := e.srv.cat
	for _, l := range desk.Locales {
		for _, p := range []string{"/console/", "/console/account", "/console/audit", "/console/agents", "/console/password", "/console/enroll"} {
			r := b.get(p + "?locale=" + string(l))
			if r.code != http.StatusOK && r.code != http.StatusSeeOther {
				t.Errorf("%s %s: %d", l, p, r.code)
			}
			for _, k := range cat.Keys() {
				if strings.HasPrefix(k, "console.") && strings.Contains(r.body, k+"<") || strings.Contains(r.body, ">"+k) {
					t.Errorf("%s %s shows the raw key %s", l, p, k)
				}
			}
			if strings.Contains(r.body, "ZgotmplZ") || strings.Contains(r.body, "%!") {
				t.Errorf("%s %s: template escaping or format error", l, p)
			}
		}
	}
	anon := e.browser(t)
	for _, l := range desk.Locales {
		r := anon.get("/console/login?locale=" + string(l))
		if r.code != http.StatusOK || !strings.Contains(r.body, cat.T(l, "console.login.title")) {
			t.Errorf("%s login page: %d", l, r.code)
		}
	}
}

func TestRequireAPIToken(t *testing.T) {
	e := newConsoleEnv(t)
	ctx := context.Background()
	ana := e.agent(t, "ana@example.com", identity.RoleAgent)
	lead := e.agent(t, "lead@example.com", identity.RoleAdmin)
	sys := identity.SystemActor()
	_, readOnly, _ := e.id.CreateToken(ctx, sys, ana.ID, "ro", []identity.Scope{identity.ScopeTicketsRead})
	_, readWrite, _ := e.id.CreateToken(ctx, sys, ana.ID, "rw", []identity.Scope{identity.ScopeTicketsRead, identity.ScopeTicketsWrite})
	rt, revoked, _ := e.id.CreateToken(ctx, sys, ana.ID, "old", []identity.Scope{identity.ScopeTicketsRead})
	e.id.RevokeToken(ctx, sys, rt.ID)
	_, leads, _ := e.id.CreateToken(ctx, sys, lead.ID, "lead", []identity.Scope{identity.ScopeTicketsWrite})

	var seen *identity.Agent
	h := e.srv.requireAPIToken(identity.ScopeTicketsWrite, func(w http.ResponseWriter, r *http.Request) {
		seen = agentFrom(r)
		if apiTokenFrom(r) == nil {
			t.Error("no token in the context")
		}
		w.Write([]byte(`{"tickets":[]}`))
	})
	call := func(auth string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("POST", "/api/v1/agent/tickets/1/messages", nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		rec := httptest.NewRecorder()
		seen = nil
		h.ServeHTTP(rec, req)
		return rec
	}
	cases := []struct {
		name, auth string
		want       int
	}{
		{"none", "", 401},
		{"basic", "Basic YTpi", 401},
		{"unknown", "Bearer wdt_unknown", 401},
		{"a session token", "Bearer wds_abc", 401},
		{"revoked", "Bearer " + revoked, 401},
		{"missing scope", "Bearer " + readOnly, 403},
		{"scoped", "Bearer " + readWrite, 200},
		{"lower-case scheme", "bearer " + readWrite, 200},
		{"admin", "Bearer " + leads, 200},
	}
	for _, c := range cases {
		rec := call(c.auth)
		if rec.Code != c.want {
			t.Errorf("%s: %d, want %d (%s)", c.name, rec.Code, c.want, rec.Body)
		}
		if c.want != 200 && (seen != nil || strings.Contains(rec.Body.String(), "tickets")) {
			t.Errorf("%s: handler ran", c.name)
		}
		if c.want == 401 && !strings.HasPrefix(rec.Header().Get("WWW-Authenticate"), "Bearer") {
			t.Errorf("%s: no WWW-Authenticate", c.name)
		}
		if c.want != 200 && !strings.Contains(rec.Body.String(), `"error":{"code":`) {
			t.Errorf("%s: error body %s", c.name, rec.Body)
		}
	}
	if call("Bearer " + readWrite); seen == nil || seen.ID != ana.ID {
		t.Errorf("agent in context: %+v", seen)
	}
	// The owner's role limits the token: demoted to editor, write is refused.
	ed := identity.RoleEditor
	if _, err := e.id.UpdateAgent(ctx, sys, ana.ID, identity.AgentUpdate{Role: &ed}); err != nil {
		t.Fatal(err)
	}
	if rec := call("Bearer " + readWrite); rec.Code != 403 {
		t.Errorf("token of an agent demoted to editor: %d", rec.Code)
	}
	off := true
	e.id.UpdateAgent(ctx, sys, ana.ID, identity.AgentUpdate{Disabled: &off})
	if rec := call("Bearer " + readWrite); rec.Code != 401 {
		t.Errorf("token of a disabled agent: %d", rec.Code)
	}
}
