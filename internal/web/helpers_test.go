package web

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/walletdesk/walletdesk/content"
	"github.com/walletdesk/walletdesk/internal/i18n"
	"github.com/walletdesk/walletdesk/internal/kb"
	"github.com/walletdesk/walletdesk/internal/kb/kbtest"
	"github.com/walletdesk/walletdesk/internal/redact"
	"github.com/walletdesk/walletdesk/internal/store"
	"github.com/walletdesk/walletdesk/internal/store/storetest"
	"github.com/walletdesk/walletdesk/internal/ticket"
	"github.com/walletdesk/walletdesk/internal/triage"
)

type testEnv struct {
	srv *Server
	ts  *httptest.Server
	db  *store.DB
	kb  *kb.Service
}

// newTestEnv runs the web server over a real SQLite store and the
// built-in help center.
func newTestEnv(t testing.TB, cfg Config) *testEnv {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	db, err := store.Open(ctx, store.Config{DataDir: dir, SecretKey: storetest.SecretKey})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	svc := kbtest.BuiltIn(t, db, dir)
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	red := redact.New()
	tickets := ticket.NewService(ticket.Config{}, db.Tickets(), red, triage.New(triage.Config{}), svc, nil)
	s, err := New(cfg, Deps{KB: svc, Tickets: tickets, Catalog: cat, Redactor: red, Content: content.FS(), Ready: db.Ping})
	if err != nil {
		t.Fatal(err)
	}
	svc.SetObserver(s.Observer())
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return &testEnv{srv: s, ts: ts, db: db, kb: svc}
}

type response struct {
	code   int
	header http.Header
	body   string
}

func (e *testEnv) do(t testing.TB, method, path string, body string, hdr ...string) response {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, e.ts.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	if body != "" && req.Header.Get("Content-Type") == "" {
		req.Header.Set("Content-Type", "application/json")
	}
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return response{code: resp.StatusCode, header: resp.Header, body: string(b)}
}

func (r response) json(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(r.body), v); err != nil {
		t.Fatalf("response is not JSON (%v): %s", err, r.body)
	}
}

type apiErr struct {
	Error struct {
		Code    string            `json:"code"`
		Message string            `json:"message"`
		Fields  map[string]string `json:"fields"`
	} `json:"error"`
}
