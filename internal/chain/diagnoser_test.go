package chain

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"
)

func TestDiagnoseInputErrors(t *testing.T) {
	ctx := context.Background()
	empty, err := New(ctx, nil, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if empty.Configured() || len(empty.Chains()) != 0 {
		t.Error("nothing configured, yet Configured")
	}
	_, err = empty.Diagnose(ctx, Request{Hash: "0x" + strings.Repeat("ab", 32)})
	if desk.ErrorKind(err) != desk.KindUnavailable || desk.ErrorCode(err) != "chain_not_configured" {
		t.Fatalf("unconfigured: %v", err)
	}

	// Nodes that are never reachable: validation must fail before any call.
	d, err := New(ctx, []Config{
		{Name: "ethereum", Kind: KindEVM, URL: "http://127.0.0.1:1"},
		{Name: "tron", Kind: KindTronGrid, URL: "http://127.0.0.1:1"},
	}, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(d.Chains(), ","); got != "ethereum,tron" {
		t.Errorf("chains %s", got)
	}
	evmHash := "0x" + strings.Repeat("ab", 32)
	cases := []struct {
		req   Request
		field string
		code  string
	}{
		{Request{Hash: "hello"}, "hash", "hash_format"},
		{Request{Hash: "0x1234"}, "hash", "hash_format"},
		{Request{Chain: "solana", Hash: evmHash}, "chain", "chain_unknown"},
		{Request{Chain: "ethereum", Hash: strings.Repeat("ab", 32)}, "hash", "hash_format"},
		{Request{Chain: "tron", Hash: evmHash}, "hash", "hash_format"},
		{Request{Chain: "ethereum", Hash: evmHash, Address: "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"}, "address", "address_format"},
		{Request{Hash: evmHash, Address: "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"}, "address", "address_format"},
		{Request{Chain: "tron", Hash: strings.Repeat("ab", 32), Address: "http://169.254.169.254/"}, "address", "address_format"},
	}
	for _, c := range cases {
		_, err := d.Diagnose(ctx, c.req)
		var de *desk.Error
		if !errors.As(err, &de) || de.Kind != desk.KindInvalid || de.Fields[c.field] != c.code {
			t.Errorf("%+v: %v, want %s=%s", c.req, err, c.field, c.code)
		}
	}
	// A bare 64-hex id cannot be checked when only EVM chains are configured.
	onlyEVM, _ := New(ctx, []Config{{Name: "ethereum", Kind: KindEVM, URL: "http://127.0.0.1:1"}}, nil, Options{})
	_, err = onlyEVM.Diagnose(ctx, Request{Hash: strings.Repeat("ab", 32)})
	if desk.ErrorCode(err) != "chain_not_configured" {
		t.Errorf("txid without Bitcoin/TRON chains: %v", err)
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	ctx := context.Background()
	for _, cfgs := range [][]Config{
		{{Name: "Ethereum", Kind: KindEVM, URL: "http://x"}},
		{{Name: "eth", Kind: "cosmos", URL: "http://x"}},
		{{Name: "eth", Kind: KindEVM, URL: "gopher://x"}},
		{{Name: "eth", Kind: KindEVM, URL: "http://x"}, {Name: "eth", Kind: KindEVM, URL: "http://y"}},
	} {
		if _, err := New(ctx, cfgs, nil, Options{}); desk.ErrorKind(err) != desk.KindInvalid {
			t.Errorf("%+v: %v", cfgs, err)
		}
	}
}

func TestCacheSingleFlight(t *testing.T) {
	now := time.Unix(0, 0)
	var mu sync.Mutex
	c := newCache(30*time.Second, time.Second, func() time.Time { mu.Lock(); defer mu.Unlock(); return now })
	var runs atomic.Int32
	release := make(chan struct{})
	fn := func(context.Context) (result, error) {
		runs.Add(1)
		<-release
		return result{hash: "h"}, nil
	}
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if r, err := c.do(context.Background(), "k", fn); err != nil || r.hash != "h" {
				t.Errorf("%v %v", r, err)
			}
		}()
	}
	// A caller that gives up does not cancel the shared work.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := c.do(ctx, "k", fn); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled caller: %v", err)
	}
	time.Sleep(20 * time.Millisecond)
	close(release)
	wg.Wait()
	if runs.Load() != 1 {
		t.Fatalf("%d runs for one key", runs.Load())
	}
	c.do(context.Background(), "k", fn)
	if runs.Load() != 1 {
		t.Errorf("not served from cache")
	}
	mu.Lock()
	now = now.Add(31 * time.Second)
	mu.Unlock()
	c.do(context.Background(), "k", fn)
	if runs.Load() != 2 {
		t.Errorf("expired entry served")
	}

	// Errors are not cached; panics become errors.
	fails := 0
	bad := func(context.Context) (result, error) { fails++; return result{}, errors.New("node down") }
	c.do(context.Background(), "e", bad)
	c.do(context.Background(), "e", bad)
	if fails != 2 {
		t.Errorf("an error was cached")
	}
	_, err := c.do(context.Background(), "p", func(context.Context) (result, error) { panic("boom") })
	if desk.ErrorKind(err) != desk.KindInternal {
		t.Errorf("panic: %v", err)
	}
}

func TestCacheBounded(t *testing.T) {
	c := newCache(time.Hour, time.Second, time.Now)
	for i := 0; i < maxCacheEntries+10; i++ {
		c.do(context.Background(), string(rune(i)), func(context.Context) (result, error) { return result{}, nil })
	}
	if n := len(c.entries); n > maxCacheEntries {
		t.Errorf("%d entries", n)
	}
}
