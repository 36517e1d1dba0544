package main

import (
	"bytes"
	"context"
	"io"
	"math/rand/v2"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// plan is one load run.
type plan struct {
	targets     []*target // requests cycle through them
	requests    int64     // stop after this many (0: run for duration)
	duration    time.Duration
	concurrency int
	method      string
	bodies      [][]byte // request i sends bodies[i mod len]; none: no body
	header      http.Header
	timeout     time.Duration
}

// result is what a run measured.
type result struct {
	Requests  int64
	Elapsed   time.Duration
	Latency   *histogram
	Status    map[int]int64
	Errors    int64    // transport errors and timeouts (no status)
	ErrorLog  []string // the first few, for the report
	BytesRead int64
}

func (r *result) non2xx() int64 {
	var n int64
	for code, c := range r.Status {
		if code < 200 || code > 299 {
			n += c
		}
	}
	return n
}

const keptErrors = 5

// run sends the plan's requests from concurrency clients, each waiting for
// its answer before sending the next (a closed loop, as people using the
// console do), and stops after the request count or the duration.
func run(ctx context.Context, p plan, client *http.Client) *result {
	var next atomic.Int64
	var stop atomic.Bool
	if p.duration > 0 {
		t := time.AfterFunc(p.duration, func() { stop.Store(true) })
		defer t.Stop()
	}
	type local struct {
		h      *histogram
		status map[int]int64
		errs   int64
		log    []string
		bytes  int64
	}
	locals := make([]*local, p.concurrency)
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < p.concurrency; w++ {
		l := &local{h: newHistogram(), status: map[int]int64{}}
		locals[w] = l
		wg.Add(1)
		go func(seed uint64) {
			defer wg.Done()
			r := rand.New(rand.NewPCG(seed, seed*0x9e3779b97f4a7c15))
			for ctx.Err() == nil && !stop.Load() {
				seq := next.Add(1)
				if p.requests > 0 && seq > p.requests {
					return
				}
				t := p.targets[(seq-1)%int64(len(p.targets))]
				began := time.Now()
				code, n, err := do(ctx, client, p, t.expand(seq, r), p.body(seq))
				l.h.add(time.Since(began))
				l.bytes += n
				if err != nil {
					l.errs++
					if len(l.log) < keptErrors {
						l.log = append(l.log, err.Error())
					}
					continue
				}
				l.status[code]++
			}
		}(uint64(w + 1))
	}
	wg.Wait()
	res := &result{Elapsed: time.Since(start), Latency: newHistogram(), Status: map[int]int64{}}
	for _, l := range locals {
		res.Latency.merge(l.h)
		for code, c := range l.status {
			res.Status[code] += c
		}
		res.Errors += l.errs
		res.BytesRead += l.bytes
		for _, e := range l.log {
			if len(res.ErrorLog) < keptErrors {
				res.ErrorLog = append(res.ErrorLog, e)
			}
		}
	}
	res.Requests = int64(res.Latency.n)
	return res
}

// body is what request seq sends, nil for none.
func (p plan) body(seq int64) []byte {
	if len(p.bodies) == 0 {
		return nil
	}
	return p.bodies[(seq-1)%int64(len(p.bodies))]
}

func do(ctx context.Context, client *http.Client, p plan, url string, b []byte) (int, int64, error) {
	var body io.Reader
	if b != nil {
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, p.method, url, body)
	if err != nil {
		return 0, 0, err
	}
	for k, vs := range p.header {
		req.Header[k] = vs
	}
	if h := p.header.Get("Host"); h != "" {
		req.Host = h
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, 0, err
	}
	// Read to the end so the connection is reused.
	n, err := io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, n, err
}

// newClient keeps one connection per client open to the server.
func newClient(p plan) *http.Client {
	tr := &http.Transport{
		Proxy:               nil, // loopback only: never through a proxy
		MaxIdleConns:        p.concurrency,
		MaxIdleConnsPerHost: p.concurrency,
		MaxConnsPerHost:     p.concurrency,
		IdleConnTimeout:     30 * time.Second,
		DisableCompression:  true,
	}
	return &http.Client{Transport: tr, Timeout: p.timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}
