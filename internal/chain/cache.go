package chain

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"
)

// maxCacheEntries bounds memory: past it, expired entries go first, then
// arbitrary ones (a cache miss only costs node calls).
const maxCacheEntries = 10000

// cache keeps results for a TTL and runs one computation per key at a time,
// so a burst of identical requests (a user refreshing, an agent and the user
// looking together) makes one set of node calls.
type cache struct {
	ttl    time.Duration
	budget time.Duration
	now    func() time.Time

	mu      sync.Mutex
	entries map[string]cacheEntry
	calls   map[string]*flight
}

type cacheEntry struct {
	res     result
	expires time.Time
}

type flight struct {
	done chan struct{}
	res  result
	err  error
}

func newCache(ttl, budget time.Duration, now func() time.Time) *cache {
	return &cache{ttl: ttl, budget: budget, now: now, entries: map[string]cacheEntry{}, calls: map[string]*flight{}}
}

// do returns the cached result for key or computes it with fn. The work runs
// detached from the caller's cancellation (bounded by the budget) because
// other callers may be waiting for it; a caller that gives up just stops
// waiting. Errors are not cached.
func (c *cache) do(ctx context.Context, key string, fn func(context.Context) (result, error)) (result, error) {
	c.mu.Lock()
	if e, ok := c.entries[key]; ok && c.now().Before(e.expires) {
		c.mu.Unlock()
		return e.res, nil
	}
	f, ok := c.calls[key]
	if !ok {
		f = &flight{done: make(chan struct{})}
		c.calls[key] = f
		work, cancel := context.WithTimeout(context.WithoutCancel(ctx), c.budget)
		go func() {
			defer cancel()
			defer func() {
				if p := recover(); p != nil {
					f.err = &desk.Error{Kind: desk.KindInternal, Code: "internal", Err: fmt.Errorf("diagnosis panicked: %v", p)}
				}
				c.finish(key, f)
			}()
			f.res, f.err = fn(work)
		}()
	}
	c.mu.Unlock()
	select {
	case <-f.done:
		return f.res, f.err
	case <-ctx.Done():
		return result{}, ctx.Err()
	}
}

func (c *cache) finish(key string, f *flight) {
	c.mu.Lock()
	delete(c.calls, key)
	if f.err == nil && c.ttl > 0 {
		now := c.now()
		if len(c.entries) >= maxCacheEntries {
			c.prune(now)
		}
		c.entries[key] = cacheEntry{res: f.res, expires: now.Add(c.ttl)}
	}
	c.mu.Unlock()
	close(f.done)
}

// prune drops expired entries, then arbitrary ones down to half the bound.
func (c *cache) prune(now time.Time) {
	for k, e := range c.entries {
		if !now.Before(e.expires) {
			delete(c.entries, k)
		}
	}
	for k := range c.entries {
		if len(c.entries) < maxCacheEntries/2 {
			break
		}
		delete(c.entries, k)
	}
}
