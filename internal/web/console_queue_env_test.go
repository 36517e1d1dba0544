package web

import (
	"bufio"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/walletdesk/walletdesk/content"
	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/i18n"
	"github.com/walletdesk/walletdesk/internal/identity"
	"github.com/walletdesk/walletdesk/internal/kb/kbtest"
	"github.com/walletdesk/walletdesk/internal/redact"
	"github.com/walletdesk/walletdesk/internal/store"
	"github.com/walletdesk/walletdesk/internal/store/storetest"
	"github.com/walletdesk/walletdesk/internal/ticket"
	"github.com/walletdesk/walletdesk/internal/ticketsearch"
	"github.com/walletdesk/walletdesk/internal/triage"
)

// queueEnv is the console with the queue wired as serve wires it: the
// built-in help center, the ticket search index (in memory), the starter
// macros, identity on a fake clock, over SQLite.
type queueEnv struct {
	*consoleEnv
	db      *store.DB
	tickets *ticket.Service
	index   *ticketsearch.Index
	macros  *ticket.Macros
}

type testQueueData struct {
	*store.Queue
	*store.Tickets
	*store.TicketTexts
}

func newQueueEnv(t *testing.T) *queueEnv {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	db, err := store.Open(ctx, store.Config{DataDir: dir, SecretKey: storetest.SecretKey})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	clock := &fakeClock{t: time.Now().UTC()}
	kbs := kbtest.BuiltIn(t, db, dir)
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	red := redact.New()
	tickets := ticket.NewService(ticket.Config{MaxPerEmailPerHour: -1}, db.Tickets(), red, triage.New(triage.Config{}), kbs, nil)
	ids := identity.NewService(identity.Config{Password: identity.PasswordParams{Time: 1, Memory: 64, Threads: 1}}, db.Identity(), nil)
	ids.SetClock(clock.now)
	ix, err := ticketsearch.Open(ticketsearch.Options{Source: db.TicketTexts()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	data := testQueueData{db.Queue(), db.Tickets(), db.TicketTexts()}
	macros := ticket.NewMacros(db.Macros(), red, kbs)
	if _, err := macros.Seed(ctx); err != nil {
		t.Fatal(err)
	}
	s, err := New(Config{}, Deps{KB: kbs, Tickets: tickets, Catalog: cat, Redactor: red, Ready: db.Ping, Identity: ids,
		Content: content.FS(), Logger: slog.New(slog.NewTextHandler(testLog{t}, &slog.HandlerOptions{Level: slog.LevelWarn})), Queue: ticket.NewQueue(data.Queue, ix), Macros: macros, QueueData: data})
	if err != nil {
		t.Fatal(err)
	}
	s.queue.live.poll = 50 * time.Millisecond
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	t.Cleanup(s.queue.shutdown)
	return &queueEnv{consoleEnv: &consoleEnv{srv: s, ts: ts, id: ids, clock: clock}, db: db, tickets: tickets, index: ix, macros: macros}
}

// request opens a request through the domain, as the public API does,
// from requester@example.com.
func (e *queueEnv) request(t *testing.T, subject, body string, loc desk.Locale) ticket.Created {
	t.Helper()
	return e.requestFrom(t, "requester@example.com", subject, body, loc)
}

func (e *queueEnv) requestFrom(t *testing.T, email, subject, body string, loc desk.Locale) ticket.Created {
	t.Helper()
	c, err := e.tickets.Create(context.Background(), ticket.Draft{Email: email, Subject: subject, Body: body, Locale: loc})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (e *queueEnv) sync(t *testing.T) {
	t.Helper()
	if _, err := e.index.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// signedIn creates an agent of role and signs them in (enrolling TOTP
// when the role needs it).
func (e *queueEnv) signedIn(t *testing.T, email string, role identity.Role) (*browser, identity.Agent) {
	t.Helper()
	a := e.agent(t, email, role)
	b := e.browser(t)
	if role.NeedsTOTP() {
		b.enrol(email)
		b.get("/console/")
	} else {
		b.signIn(email, nil)
	}
	return b, a
}

// token creates an API token for an agent.
func (e *queueEnv) token(t *testing.T, agentID int64, scopes ...identity.Scope) string {
	t.Helper()
	_, secret, err := e.id.CreateToken(context.Background(), identity.SystemActor(), agentID, "t"+strconv.Itoa(int(e.clock.now().UnixNano()%1e6)), scopes)
	if err != nil {
		t.Fatal(err)
	}
	return secret
}

// api calls the JSON API with a bearer token.
func (e *queueEnv) api(t *testing.T, method, path, token, body string) resp {
	t.Helper()
	var rd *strings.Reader
	if body != "" {
		rd = strings.NewReader(body)
	} else {
		rd = strings.NewReader("")
	}
	req, err := http.NewRequest(method, e.ts.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var b strings.Builder
	sc := bufio.NewReader(res.Body)
	buf := make([]byte, 32<<10)
	for {
		n, err := sc.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return resp{code: res.StatusCode, body: b.String(), hdr: res.Header, loc: res.Header.Get("Location")}
}

// testLog sends the server's warnings and errors to the test's log.
type testLog struct{ t *testing.T }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Helper()
	l.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

func decode(t *testing.T, r resp, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(r.body), v); err != nil {
		t.Fatalf("not JSON (%v): %d %s", err, r.code, r.body)
	}
}

// audited reports whether the audit log holds action on target.
func (e *queueEnv) audited(t *testing.T, action, target string) bool {
	t.Helper()
	p, err := e.id.AuditLog(context.Background(), identity.AuditFilter{Action: action, Target: target, Limit: 200})
	if err != nil {
		t.Fatal(err)
	}
	for _, en := range p.Entries {
		if en.Action == action && en.Target == target {
			return true
		}
	}
	return false
}

var rowIDs = regexp.MustCompile(`<li class="q-row[^"]*" id="t(\d+)"`)

// queueIDs lists the request ids of a queue page, in order.
func queueIDs(body string) []int64 {
	var out []int64
	for _, m := range rowIDs.FindAllStringSubmatch(body, -1) {
		id, _ := strconv.ParseInt(m[1], 10, 64)
		out = append(out, id)
	}
	return out
}

func form(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return v
}
