package web

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

var (
	fuzzOnce sync.Once
	fuzzEnv  *testEnv
)

// FuzzAPIDecoders posts arbitrary bodies to every JSON endpoint that takes
// one. Whatever arrives, the answer is a 2xx or a client error in the
// documented shape: never a 5xx, never a panic.
func FuzzAPIDecoders(f *testing.F) {
	seeds := []string{
		`{"email":"a@b.co","subject":"s","body":"b","locale":"en"}`,
		`{"subject":"s","body":"b","locale":"zh-CN","amount_usd":1e308}`,
		`{"locale":"ja","helpful":true,"comment":"\u0000"}`,
		`{"hash":"0x` + strings.Repeat("a", 64) + `","locale":"en"}`,
		`{"body":"` + strings.Repeat("x", 100) + `"}`,
		`[]`, `null`, `{`, `{"email":{"a":1}}`, `{"amount_usd":"NaN"}`, "\xff\xfe",
	}
	for _, s := range seeds {
		for _, path := range []int{0, 1, 2, 3, 4} {
			f.Add(path, s)
		}
	}
	fuzzOnce.Do(func() { fuzzEnv = newTestEnv(f, Config{}) })
	e := fuzzEnv
	paths := []string{"/api/v1/tickets", "/api/v1/triage", "/api/v1/kb/articles/send-crypto/feedback",
		"/api/v1/diagnose/tx", "/api/v1/tickets/1/messages"}
	f.Fuzz(func(t *testing.T, which int, body string) {
		if which < 0 {
			which = -which
		}
		path := paths[which%len(paths)]
		req := httptest.NewRequest("POST", path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer fuzz")
		rec := httptest.NewRecorder()
		e.srv.Handler().ServeHTTP(rec, req)
		if rec.Code >= 500 && !(rec.Code == http.StatusServiceUnavailable && path == "/api/v1/diagnose/tx") {
			t.Fatalf("%s %q: %d %s", path, body, rec.Code, rec.Body.String())
		}
		if rec.Code >= 400 {
			var ae apiErr
			if err := json.Unmarshal(rec.Body.Bytes(), &ae); err != nil || ae.Error.Code == "" || ae.Error.Message == "" {
				t.Fatalf("%s %q: error not in the documented shape: %d %s", path, body, rec.Code, rec.Body.String())
			}
		}
	})
}
