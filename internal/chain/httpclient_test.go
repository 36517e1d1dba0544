package chain

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestRESTClientLimitsAndRedirects(t *testing.T) {
	var mu sync.Mutex
	var hits []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits = append(hits, r.URL.Path)
		mu.Unlock()
		switch r.URL.Path {
		case "/big":
			w.Write([]byte(strings.Repeat("x", 2048)))
		case "/exact":
			w.Write([]byte(strings.Repeat("x", 1024)))
		case "/redirect":
			http.Redirect(w, r, "/elsewhere", http.StatusFound)
		case "/slow":
			time.Sleep(300 * time.Millisecond)
		case "/missing":
			http.NotFound(w, r)
		case "/busy":
			w.WriteHeader(http.StatusTooManyRequests)
		}
	}))
	defer srv.Close()
	c := &restClient{base: srv.URL, hc: newHTTPClient(time.Second, 1024), timeout: 100 * time.Millisecond}
	ctx := context.Background()
	if _, err := c.do(ctx, http.MethodGet, "/big", nil); !errors.Is(err, errTooLarge) {
		t.Errorf("big body: %v", err)
	}
	if b, err := c.do(ctx, http.MethodGet, "/exact", nil); err != nil || len(b) != 1024 {
		t.Errorf("body at the limit: %d %v", len(b), err)
	}
	if _, err := c.do(ctx, http.MethodGet, "/redirect", nil); err == nil {
		t.Errorf("a redirect was followed or accepted")
	}
	if _, err := c.do(ctx, http.MethodGet, "/slow", nil); err == nil || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("slow: %v", err)
	}
	if _, err := c.do(ctx, http.MethodGet, "/missing", nil); !errors.Is(err, errNotFound) {
		t.Errorf("404: %v", err)
	}
	if _, err := c.do(ctx, http.MethodGet, "/busy", nil); !errors.Is(err, errRateLimited) {
		t.Errorf("429: %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	for _, h := range hits {
		if h == "/elsewhere" {
			t.Errorf("the redirect target was requested")
		}
	}
	_, err := c.do(ctx, http.MethodGet, "/x", nil)
	if err == nil {
		return
	}
	if strings.Contains(err.Error(), srv.URL) {
		t.Errorf("error echoes the URL: %v", err)
	}
}
