// Command wdload is a small, bounded load generator for this machine: it
// sends N requests (or runs for a duration) from C concurrent clients to
// loopback URLs and reports throughput, latency percentiles and status
// codes. It serves the HTTP benchmarks in docs/benchmarks.md.
//
//	wdload -n 20000 -c 16 -H 'Authorization: Bearer TOKEN' http://127.0.0.1:8080/api/v1/agent/tickets
//	wdload -d 30s -c 16 -urls queries.txt
//	wdload -n 5000 'http://127.0.0.1:8080/api/v1/tickets/{rand:1-50000}'
//
// A URL may hold {seq} (the request number, from 1) and {rand:LO-HI}.
// Requests cycle through the URLs given, and through the bodies of -bodies. Only loopback hosts are accepted.
// The exit status is 1 when any request failed or answered outside 2xx.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"sort"
	"strings"
	"time"
)

// Bounds: the tool measures a server on this machine, it is not a flood.
const (
	maxRequests    = 10_000_000
	maxDuration    = time.Hour
	maxConcurrency = 1024
	maxBody        = 10 << 20
)

type headerFlag http.Header

func (h headerFlag) String() string { return "" }

func (h headerFlag) Set(v string) error {
	name, value, ok := strings.Cut(v, ":")
	name = strings.TrimSpace(name)
	if !ok || name == "" {
		return fmt.Errorf("header %q: want Name: value", v)
	}
	http.Header(h).Add(name, strings.TrimSpace(value))
	return nil
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	code, err := mainErr(ctx, os.Args[1:], os.Stdout, os.Stderr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "wdload:", err)
	}
	os.Exit(code)
}

func mainErr(ctx context.Context, args []string, out, usage io.Writer) (int, error) {
	p, asJSON, err := parseFlags(args, usage)
	if errors.Is(err, flag.ErrHelp) {
		return 2, nil
	}
	if err != nil {
		return 2, err
	}
	res := run(ctx, p, newClient(p))
	if asJSON {
		err = writeJSON(out, p, res)
	} else {
		writeText(out, p, res)
	}
	if err != nil {
		return 1, err
	}
	if res.Errors > 0 || res.non2xx() > 0 {
		return 1, nil
	}
	return 0, nil
}

func parseFlags(args []string, usage io.Writer) (plan, bool, error) {
	fs := flag.NewFlagSet("wdload", flag.ContinueOnError)
	fs.SetOutput(usage)
	fs.Usage = func() {
		fmt.Fprintln(usage, "usage: wdload [-n N | -d DURATION] [-c C] [-H 'Name: value']... [-X METHOD] [-body TEXT|@FILE | -bodies FILE] [-json] URL... | -urls FILE")
		fs.PrintDefaults()
	}
	n := fs.Int64("n", 0, "requests to send (default 1000 when -d is not set)")
	d := fs.Duration("d", 0, "run for this long instead of a request count")
	c := fs.Int("c", 16, "concurrent clients")
	urls := fs.String("urls", "", "file with one URL per line (# comments)")
	method := fs.String("X", http.MethodGet, "request method")
	body := fs.String("body", "", "request body, or @file")
	bodies := fs.String("bodies", "", "file with one request body per line; requests cycle through them")
	timeout := fs.Duration("timeout", 10*time.Second, "per-request timeout")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	header := headerFlag(http.Header{})
	fs.Var(header, "H", "request header 'Name: value' (repeatable)")
	if err := fs.Parse(args); err != nil {
		return plan{}, false, err
	}
	p := plan{requests: *n, duration: *d, concurrency: *c, method: strings.ToUpper(*method), header: http.Header(header), timeout: *timeout}
	switch {
	case *n < 0 || *n > maxRequests:
		return p, false, fmt.Errorf("-n must be between 1 and %d", maxRequests)
	case *d < 0 || *d > maxDuration:
		return p, false, fmt.Errorf("-d must be at most %s", maxDuration)
	case *n > 0 && *d > 0:
		return p, false, errors.New("give -n or -d, not both")
	case *c < 1 || *c > maxConcurrency:
		return p, false, fmt.Errorf("-c must be between 1 and %d", maxConcurrency)
	case *timeout <= 0:
		return p, false, errors.New("-timeout must be positive")
	case *body != "" && *bodies != "":
		return p, false, errors.New("give -body or -bodies, not both")
	}
	if p.requests == 0 && p.duration == 0 {
		p.requests = 1000
	}
	raw := fs.Args()
	if *urls != "" {
		lines, err := readLines(*urls)
		if err != nil {
			return p, false, err
		}
		raw = append(raw, lines...)
	}
	if len(raw) == 0 {
		return p, false, errors.New("no URL: give one or more, or -urls FILE")
	}
	for _, r := range raw {
		t, err := parseTarget(r)
		if err != nil {
			return p, false, err
		}
		p.targets = append(p.targets, t)
	}
	if *body != "" {
		b := []byte(*body)
		if strings.HasPrefix(*body, "@") {
			var err error
			if b, err = readLimited(strings.TrimPrefix(*body, "@"), maxBody); err != nil {
				return p, false, err
			}
		}
		p.bodies = [][]byte{b}
	}
	if *bodies != "" {
		lines, err := readLines(*bodies)
		if err != nil {
			return p, false, err
		}
		if len(lines) == 0 {
			return p, false, fmt.Errorf("%s: no body", *bodies)
		}
		for _, l := range lines {
			p.bodies = append(p.bodies, []byte(l))
		}
	}
	return p, *asJSON, nil
}

func readLimited(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err == nil && int64(len(b)) > limit {
		err = fmt.Errorf("%s: larger than %d bytes", path, limit)
	}
	return b, err
}

func readLines(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	return out, sc.Err()
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func rate(res *result) float64 {
	if res.Elapsed <= 0 {
		return 0
	}
	return float64(res.Requests) / res.Elapsed.Seconds()
}

func writeText(w io.Writer, p plan, res *result) {
	more := ""
	if len(p.targets) > 1 {
		more = fmt.Sprintf(" (+%d more)", len(p.targets)-1)
	}
	fmt.Fprintf(w, "target    %s %s%s\n", p.method, p.targets[0].raw, more)
	fmt.Fprintf(w, "requests  %d in %s, %d clients: %.1f req/s\n", res.Requests, res.Elapsed.Round(time.Millisecond), p.concurrency, rate(res))
	h := res.Latency
	fmt.Fprintf(w, "latency   p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms\n",
		ms(h.quantile(.5)), ms(h.quantile(.9)), ms(h.quantile(.99)), ms(h.max))
	codes := make([]int, 0, len(res.Status))
	for code := range res.Status {
		codes = append(codes, code)
	}
	sort.Ints(codes)
	var parts []string
	for _, code := range codes {
		parts = append(parts, fmt.Sprintf("%d: %d", code, res.Status[code]))
	}
	fmt.Fprintf(w, "status    %s\n", strings.Join(parts, ", "))
	fmt.Fprintf(w, "non-2xx   %d, errors %d, read %d bytes\n", res.non2xx(), res.Errors, res.BytesRead)
	for _, e := range res.ErrorLog {
		fmt.Fprintf(w, "error     %s\n", e)
	}
}

type jsonReport struct {
	Target      string           `json:"target"`
	Targets     int              `json:"targets"`
	Method      string           `json:"method"`
	Concurrency int              `json:"concurrency"`
	Requests    int64            `json:"requests"`
	Seconds     float64          `json:"seconds"`
	PerSecond   float64          `json:"req_per_s"`
	P50         float64          `json:"p50_ms"`
	P90         float64          `json:"p90_ms"`
	P99         float64          `json:"p99_ms"`
	Max         float64          `json:"max_ms"`
	Status      map[string]int64 `json:"status"`
	Non2xx      int64            `json:"non_2xx"`
	Errors      int64            `json:"errors"`
	ErrorLog    []string         `json:"error_samples,omitempty"`
}

func writeJSON(w io.Writer, p plan, res *result) error {
	st := map[string]int64{}
	for code, c := range res.Status {
		st[fmt.Sprint(code)] = c
	}
	h := res.Latency
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(jsonReport{Target: p.targets[0].raw, Targets: len(p.targets), Method: p.method, Concurrency: p.concurrency,
		Requests: res.Requests, Seconds: res.Elapsed.Seconds(), PerSecond: rate(res),
		P50: ms(h.quantile(.5)), P90: ms(h.quantile(.9)), P99: ms(h.quantile(.99)), Max: ms(h.max),
		Status: st, Non2xx: res.non2xx(), Errors: res.Errors, ErrorLog: res.ErrorLog})
}
