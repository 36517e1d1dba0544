package store_test

import (
	"context"
	"fmt"
	"math/big"
	"testing"
	"time"

	"github.com/walletdesk/walletdesk/internal/chain"
	"github.com/walletdesk/walletdesk/internal/store/storetest"
)

func TestChainSaveAndRead(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			s := e.Open(t).Chain()
			name := fmt.Sprintf("eth_%d", time.Now().UnixNano())
			hash := fmt.Sprintf("0x%064x", time.Now().UnixNano())
			first := time.Date(2026, 11, 1, 10, 0, 0, 0, time.UTC)
			hugeFee, _ := new(big.Int).SetString("123456789012345678901234567890", 10) // beyond 64 bits
			rec := chain.TxRecord{
				Chain: name, Hash: hash, From: "0x00000000000000000000000000000000000000aa", To: "0x00000000000000000000000000000000000000bb",
				Nonce: 41, MaxFee: hugeFee, Tip: big.NewInt(1_500_000_000), GasLimit: 21000, Value: big.NewInt(7),
				FirstSeen: first, FirstBlock: 19_000_000, LastSeen: first, Status: chain.StatusPending,
			}
			if err := s.SaveTx(ctx, rec); err != nil {
				t.Fatalf("save: %v", err)
			}
			// A later sighting: new status and replacement, but it must not
			// overwrite what was first seen.
			later := rec
			later.FirstSeen, later.LastSeen = first.Add(time.Hour), first.Add(time.Hour)
			later.FirstBlock, later.Nonce = 19_000_300, 99
			later.Status, later.ReplacedBy = chain.StatusReplaced, "0xbeef"
			if err := s.SaveTx(ctx, later); err != nil {
				t.Fatalf("save again: %v", err)
			}
			// A sighting that does not know the replacement keeps it.
			again := later
			again.ReplacedBy, again.LastSeen = "", first.Add(2*time.Hour)
			if err := s.SaveTx(ctx, again); err != nil {
				t.Fatalf("save third: %v", err)
			}
			// Same hash on another chain is a separate record.
			other := rec
			other.Chain = name + "_b"
			other.FirstSeen = first.Add(time.Minute)
			if err := s.SaveTx(ctx, other); err != nil {
				t.Fatalf("save other chain: %v", err)
			}

			got, err := s.TxRecords(ctx, hash)
			if err != nil {
				t.Fatalf("read: %v", err)
			}
			if len(got) != 2 {
				t.Fatalf("got %d records, want 2", len(got))
			}
			g := got[0]
			if g.Chain != name || got[1].Chain != name+"_b" {
				t.Errorf("order: %s, %s", g.Chain, got[1].Chain)
			}
			if !g.FirstSeen.Equal(first) || g.FirstBlock != 19_000_000 || g.Nonce != 41 {
				t.Errorf("first sighting overwritten: seen %v block %d nonce %d", g.FirstSeen, g.FirstBlock, g.Nonce)
			}
			if !g.LastSeen.Equal(first.Add(2*time.Hour)) || g.Status != chain.StatusReplaced || g.ReplacedBy != "0xbeef" {
				t.Errorf("last sighting: %v %s %q", g.LastSeen, g.Status, g.ReplacedBy)
			}
			if g.MaxFee.Cmp(hugeFee) != 0 || g.Tip.Int64() != 1_500_000_000 || g.Value.Int64() != 7 || g.GasLimit != 21000 {
				t.Errorf("amounts: %v %v %v %d", g.MaxFee, g.Tip, g.Value, g.GasLimit)
			}
			if g.From != rec.From || g.To != rec.To {
				t.Errorf("addresses: %s %s", g.From, g.To)
			}

			none, err := s.TxRecords(ctx, "0x"+fmt.Sprintf("%064d", 0))
			if err != nil || len(none) != 0 {
				t.Errorf("unknown hash: %v, %d records", err, len(none))
			}
		})
	}
}

func TestChainSaveRejectsOutOfRange(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			err := e.Open(t).Chain().SaveTx(context.Background(), chain.TxRecord{Chain: "x", Hash: "0x1", Nonce: 1 << 63, Status: chain.StatusPending})
			if err == nil {
				t.Fatal("a nonce beyond int64 was accepted")
			}
		})
	}
}
