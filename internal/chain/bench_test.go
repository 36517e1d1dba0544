package chain

import (
	"context"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"
)

// BenchmarkDiagnoseCached measures the path most requests take: validation,
// a cache hit, and localization.
func BenchmarkDiagnoseCached(b *testing.B) {
	d, err := New(context.Background(), []Config{{Name: "ethereum", Kind: KindEVM, URL: "http://127.0.0.1:1"}}, nil, Options{CacheTTL: time.Hour})
	if err != nil {
		b.Fatal(err)
	}
	hash := "0x" + strings.Repeat("ab", 32)
	r := result{chain: "ethereum", hash: hash, status: StatusPending}
	r.find(newFact("tip_below_market", map[string]any{"tip_gwei": "0.0001", "market_tip_gwei": "3", "low_tip_gwei": "2", "blocks": 20}))
	r.advise(newFact("speed_up", map[string]any{"nonce": uint64(41), "max_fee_gwei": "55", "tip_gwei": "3", "base_fee_gwei": "25.1"}))
	d.cache.do(context.Background(), "ethereum|"+hash+"|", func(context.Context) (result, error) { return r, nil })
	req := Request{Chain: "ethereum", Hash: hash, Locale: "zh-CN"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := d.Diagnose(context.Background(), req); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRender(b *testing.B) {
	data := map[string]any{"nonce": uint64(41), "max_fee_gwei": "55", "tip_gwei": "3", "base_fee_gwei": "25.1"}
	b.ReportAllocs()
	for b.Loop() {
		render(desk.Japanese, "speed_up", data)
	}
}

func BenchmarkFormatGwei(b *testing.B) {
	v := big.NewInt(25_123_456_789)
	b.ReportAllocs()
	for b.Loop() {
		formatGwei(v)
	}
}
