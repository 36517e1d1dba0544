package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// server counts what it receives.
type server struct {
	mu      sync.Mutex
	hits    int
	paths   map[string]int
	auth    map[string]int
	bodies  map[string]int
	methods map[string]int
}

func newServer(t *testing.T, handle func(w http.ResponseWriter, r *http.Request)) (*server, *httptest.Server) {
	s := &server{paths: map[string]int{}, auth: map[string]int{}, bodies: map[string]int{}, methods: map[string]int{}}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		s.mu.Lock()
		s.hits++
		s.paths[r.URL.RequestURI()]++
		s.auth[r.Header.Get("Authorization")]++
		s.bodies[string(b)]++
		s.methods[r.Method]++
		s.mu.Unlock()
		if handle != nil {
			handle(w, r)
			return
		}
		io.WriteString(w, `{"ok":true}`)
	}))
	t.Cleanup(ts.Close)
	return s, ts
}

func TestRunsExactlyNWithHeadersAndTemplates(t *testing.T) {
	s, ts := newServer(t, nil)
	var out bytes.Buffer
	code, err := mainErr(context.Background(), []string{"-n", "300", "-c", "7", "-H", "Authorization: Bearer abc", "-json",
		ts.URL + "/a?page={seq}", ts.URL + "/b/{rand:5-9}"}, &out, io.Discard)
	if err != nil || code != 0 {
		t.Fatalf("code %d, %v\n%s", code, err, out.String())
	}
	if s.hits != 300 || s.auth["Bearer abc"] != 300 {
		t.Errorf("hits %d, with auth %d", s.hits, s.auth["Bearer abc"])
	}
	seqs, rands := 0, 0
	for p, n := range s.paths {
		switch {
		case strings.HasPrefix(p, "/a?page="):
			v, _ := strconv.Atoi(strings.TrimPrefix(p, "/a?page="))
			if n != 1 || v < 1 || v > 300 || v%2 != 1 {
				t.Errorf("%s seen %d times", p, n)
			}
			seqs++
		case strings.HasPrefix(p, "/b/"):
			v, _ := strconv.Atoi(strings.TrimPrefix(p, "/b/"))
			if v < 5 || v > 9 {
				t.Errorf("rand out of range: %s", p)
			}
			rands += n
		default:
			t.Errorf("unexpected path %s", p)
		}
	}
	if seqs != 150 || rands != 150 {
		t.Errorf("the two URLs got %d and %d requests", seqs, rands)
	}
	var rep jsonReport
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Requests != 300 || rep.Status["200"] != 300 || rep.Non2xx != 0 || rep.Errors != 0 || rep.Concurrency != 7 || rep.Targets != 2 {
		t.Errorf("report %+v", rep)
	}
	if !(rep.P50 <= rep.P90 && rep.P90 <= rep.P99 && rep.P99 <= rep.Max) || rep.Max <= 0 || rep.PerSecond <= 0 {
		t.Errorf("latencies %+v", rep)
	}
}

func TestCountsFailures(t *testing.T) {
	var n int
	var mu sync.Mutex
	_, ts := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		n++
		odd := n%2 == 1
		mu.Unlock()
		if odd {
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
		io.WriteString(w, "ok")
	})
	var out bytes.Buffer
	code, err := mainErr(context.Background(), []string{"-n", "100", "-c", "4", ts.URL}, &out, io.Discard)
	if err != nil || code != 1 {
		t.Fatalf("code %d, %v", code, err)
	}
	if !strings.Contains(out.String(), "200: 50, 429: 50") || !strings.Contains(out.String(), "non-2xx   50, errors 0") {
		t.Errorf("report:\n%s", out.String())
	}

	// A server that is gone: transport errors, counted and sampled.
	ts.Close()
	out.Reset()
	code, _ = mainErr(context.Background(), []string{"-n", "10", "-c", "2", "-timeout", "2s", ts.URL}, &out, io.Discard)
	if code != 1 || !strings.Contains(out.String(), "errors 10") || !strings.Contains(out.String(), "error     ") {
		t.Errorf("code %d, report:\n%s", code, out.String())
	}
}

func TestDurationAndBody(t *testing.T) {
	s, ts := newServer(t, nil)
	dir := t.TempDir()
	body := filepath.Join(dir, "body.json")
	os.WriteFile(body, []byte(`{"body":"hi"}`), 0o600)
	urls := filepath.Join(dir, "urls.txt")
	os.WriteFile(urls, []byte("# queue pages\n"+ts.URL+"/q?x=1\n\n"+ts.URL+"/q?x=2\n"), 0o600)
	start := time.Now()
	code, err := mainErr(context.Background(), []string{"-d", "300ms", "-c", "3", "-X", "post", "-body", "@" + body, "-urls", urls}, io.Discard, io.Discard)
	took := time.Since(start)
	if err != nil || code != 0 {
		t.Fatalf("code %d, %v", code, err)
	}
	if took < 300*time.Millisecond || took > 5*time.Second {
		t.Errorf("ran %s for -d 300ms", took)
	}
	if s.hits == 0 || s.methods["POST"] != s.hits || s.bodies[`{"body":"hi"}`] != s.hits || s.paths["/q?x=1"] == 0 || s.paths["/q?x=2"] == 0 {
		t.Errorf("hits %d methods %v bodies %v paths %v", s.hits, s.methods, s.bodies, s.paths)
	}
}

func TestBodiesCycle(t *testing.T) {
	s, ts := newServer(t, nil)
	bodies := filepath.Join(t.TempDir(), "bodies.jsonl")
	os.WriteFile(bodies, []byte("{\"n\":1}\n# comment\n{\"n\":2}\n{\"n\":3}\n"), 0o600)
	code, err := mainErr(context.Background(), []string{"-n", "30", "-c", "4", "-X", "POST", "-bodies", bodies, ts.URL}, io.Discard, io.Discard)
	if err != nil || code != 0 {
		t.Fatalf("code %d, %v", code, err)
	}
	for _, b := range []string{`{"n":1}`, `{"n":2}`, `{"n":3}`} {
		if s.bodies[b] != 10 {
			t.Errorf("body %s sent %d times, want 10 (all: %v)", b, s.bodies[b], s.bodies)
		}
	}
	if _, _, err := parseFlags([]string{"-body", "x", "-bodies", bodies, ts.URL}, io.Discard); err == nil {
		t.Error("-body with -bodies accepted")
	}
}

func TestFlagsAreBounded(t *testing.T) {
	for _, args := range [][]string{
		{},                      // no URL
		{"http://10.0.0.5/"},    // not loopback
		{"http://example.com/"}, // not loopback
		{"ftp://127.0.0.1/"},    // not http
		{"-n", "0", "-d", "0", "http://127.0.0.1/x?{bogus}"},
		{"http://127.0.0.1/{rand:9-1}"},
		{"http://127.0.0.1/{seq"},
		{"-n", "20000000", "http://127.0.0.1/"},
		{"-c", "0", "http://127.0.0.1/"},
		{"-c", "5000", "http://127.0.0.1/"},
		{"-d", "2h", "http://127.0.0.1/"},
		{"-n", "5", "-d", "1s", "http://127.0.0.1/"},
		{"-timeout", "0s", "http://127.0.0.1/"},
		{"-H", "no colon", "http://127.0.0.1/"},
	} {
		if _, _, err := parseFlags(args, io.Discard); err == nil {
			t.Errorf("%q accepted", args)
		}
	}
	for _, ok := range []string{"http://127.0.0.1:8080/", "http://localhost/x", "http://[::1]:9/", "https://127.9.9.9/{seq}"} {
		if _, _, err := parseFlags([]string{ok}, io.Discard); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
}

func TestHistogramQuantiles(t *testing.T) {
	h := newHistogram()
	// 1..1000 µs exact, then 1000 values spread to 1 s.
	for i := 1; i <= 1000; i++ {
		h.add(time.Duration(i) * time.Microsecond)
	}
	r := rand.New(rand.NewPCG(1, 2))
	var big []time.Duration
	for i := 0; i < 1000; i++ {
		d := time.Millisecond + time.Duration(r.Int64N(int64(time.Second)))
		big = append(big, d)
		h.add(d)
	}
	if got := h.quantile(0.25); got != 500*time.Microsecond {
		t.Errorf("p25 %s", got)
	}
	// p99 is the 1980th of 2000: the 980th of the large values.
	sorted := append([]time.Duration(nil), big...)
	for i := range sorted {
		for j := i + 1; j < len(sorted); j++ {
			if sorted[j] < sorted[i] {
				sorted[i], sorted[j] = sorted[j], sorted[i]
			}
		}
	}
	want := sorted[979]
	got := h.quantile(0.99)
	if got < want || float64(got) > float64(want)*1.011 {
		t.Errorf("p99 %s, want %s within 1%%", got, want)
	}
	if h.quantile(1) != sorted[999] || h.max != sorted[999] {
		t.Errorf("max %s %s, want %s", h.quantile(1), h.max, sorted[999])
	}
	o := newHistogram()
	o.add(2 * time.Hour) // beyond the last bucket: still counted, max exact
	h.merge(o)
	if h.n != 2001 || h.max != 2*time.Hour {
		t.Errorf("merge: n %d max %s", h.n, h.max)
	}
}
