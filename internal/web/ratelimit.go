package web

import (
	"context"
	"hash/maphash"
	"math"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/walletdesk/walletdesk/internal/desk"
)

// limitClass is a named rate: reads of the API, writes (feedback, requests),
// and so on. Each client address has one bucket per class.
type limitClass struct {
	name  string
	rate  rate.Limit
	burst int
}

var (
	classAPIRead = limitClass{"api_read", 20, 60}
	classWrite   = limitClass{"write", 1, 10}
	// classTriage serves the request form, which asks again as the
	// requester types (debounced in the page).
	classTriage = limitClass{"triage", 3, 30}
	// classCreate bounds new requests per address: a person opens a few;
	// a script opening dozens is refused with Retry-After.
	classCreate = limitClass{"create", 0.2, 5}
	// classDiagnose bounds transaction checks: each one calls chain nodes.
	classDiagnose = limitClass{"diagnose", 0.5, 10}
)

// limiter keeps token buckets per (class, client). Buckets live in shards
// to keep lock contention low under load, and idle buckets are swept.
type limiter struct {
	enabled bool
	seed    maphash.Seed
	shards  [64]limitShard
	now     func() time.Time
}

type limitShard struct {
	mu      sync.Mutex
	buckets map[string]*bucket
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

func newLimiter(enabled bool) *limiter {
	l := &limiter{enabled: enabled, seed: maphash.MakeSeed(), now: time.Now}
	for i := range l.shards {
		l.shards[i].buckets = map[string]*bucket{}
	}
	return l
}

// allow takes one token for key in class; when refused it says how long to
// wait.
func (l *limiter) allow(c limitClass, key string) (bool, time.Duration) {
	if !l.enabled {
		return true, 0
	}
	k := c.name + "|" + key
	sh := &l.shards[maphash.String(l.seed, k)%uint64(len(l.shards))]
	now := l.now()
	sh.mu.Lock()
	b := sh.buckets[k]
	if b == nil {
		b = &bucket{lim: rate.NewLimiter(c.rate, c.burst)}
		sh.buckets[k] = b
	}
	b.seen = now
	r := b.lim.ReserveN(now, 1)
	sh.mu.Unlock()
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return false, d
	}
	return true, 0
}

// run sweeps buckets idle for ten minutes (they would be full again anyway).
func (l *limiter) run(ctx context.Context) {
	t := time.NewTicker(time.Minute)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			cutoff := l.now().Add(-10 * time.Minute)
			for i := range l.shards {
				sh := &l.shards[i]
				sh.mu.Lock()
				for k, b := range sh.buckets {
					if b.seen.Before(cutoff) {
						delete(sh.buckets, k)
					}
				}
				sh.mu.Unlock()
			}
		}
	}
}

// clientIP is the address a request comes from: the peer, or with
// TrustProxy the last address the proxy appended to X-Forwarded-For.
func (s *Server) clientIP(r *http.Request) string {
	if s.cfg.TrustProxy {
		if xff := r.Header.Get("X-Forwarded-For"); xff != "" {
			parts := strings.Split(xff, ",")
			if ip := strings.TrimSpace(parts[len(parts)-1]); net.ParseIP(ip) != nil {
				return ip
			}
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// limit refuses requests over the class's rate with 429 and Retry-After.
func (s *Server) limit(c limitClass, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ok, wait := s.limits.allow(c, s.clientIP(r)); !ok {
			s.metrics.rateLimited.WithLabelValues(c.name).Inc()
			w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
			s.fail(w, r, desk.Errorf(desk.KindRateLimited, "rate_limited", ""))
			return
		}
		next.ServeHTTP(w, r)
	})
}
