package chain

import (
	"strings"
	"testing"
)

func TestHashFormats(t *testing.T) {
	evm := "0x" + strings.Repeat("aB", 32)
	txid := strings.Repeat("c3", 32)
	cases := []struct {
		kind Kind
		in   string
		want string // "" = invalid
	}{
		{KindEVM, evm, strings.ToLower(evm)},
		{KindEVM, "  " + evm + "\n", strings.ToLower(evm)},
		{KindEVM, "0X" + txid, "0x" + txid},
		{KindEVM, txid, ""},      // no prefix
		{KindEVM, evm[:65], ""},  // short
		{KindEVM, evm + "0", ""}, // long
		{KindEVM, "0x" + strings.Repeat("g", 64), ""},
		{KindEsplora, txid, txid},
		{KindEsplora, strings.ToUpper(txid), txid},
		{KindEsplora, "0x" + txid, ""}, // Bitcoin ids have no prefix
		{KindTronGrid, txid, txid},
		{KindTronGrid, "0x" + txid, ""},
		{KindTronGrid, txid[:63] + "z", ""},
		{KindTronGrid, "", ""},
	}
	for _, c := range cases {
		got, ok := normalizeHash(c.kind, c.in)
		if ok != (c.want != "") || got != c.want {
			t.Errorf("%s %q: got %q ok=%v, want %q", c.kind, c.in, got, ok, c.want)
		}
	}
}

func TestAddressFormats(t *testing.T) {
	cases := []struct {
		kind Kind
		in   string
		ok   bool
	}{
		// EIP-55: all lower, all upper, correct mixed case pass; a wrong mixed case fails.
		{KindEVM, "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", true},
		{KindEVM, "0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED", true},
		{KindEVM, "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", true},
		{KindEVM, "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", false},
		{KindEVM, "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beae", false},
		{KindEVM, "5aaeb6053f3e94c9b9a09f33669435e7ef1beaed00", false},
		// TRON: base58check with version 0x41.
		{KindTronGrid, "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", true},
		{KindTronGrid, "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u", false}, // checksum
		{KindTronGrid, "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2", false}, // a Bitcoin address
		{KindTronGrid, "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6", false},
		// Bitcoin: BIP173/BIP350 vectors and base58 classics.
		{KindEsplora, "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2", true},
		{KindEsplora, "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", true},
		{KindEsplora, "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", true},
		{KindEsplora, "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", true},
		{KindEsplora, "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7", true},
		{KindEsplora, "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0", true},
		{KindEsplora, "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5", false},                     // checksum
		{KindEsplora, "bc1qW508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", false},                     // mixed case
		{KindEsplora, "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd", false}, // bech32 (not m) for v1
		{KindEsplora, "bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs", true},                            // v2, BIP350 vector
		{KindEsplora, "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", false},
	}
	for _, c := range cases {
		if _, ok := normalizeAddress(c.kind, c.in); ok != c.ok {
			t.Errorf("%s %q: ok=%v, want %v", c.kind, c.in, ok, c.ok)
		}
	}
}

func FuzzHashAndAddress(f *testing.F) {
	for _, s := range []string{
		"0x" + strings.Repeat("ab", 32), strings.Repeat("cd", 32), "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t",
		"bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
		"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "", "1", "bc1", "0x", "\x00\xff",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, k := range []Kind{KindEVM, KindEsplora, KindTronGrid} {
			if h, ok := normalizeHash(k, s); ok {
				// A valid hash is canonical: lower-case hex, fixed length,
				// and normalizing it again changes nothing.
				if h != strings.ToLower(h) || !isHex(strings.TrimPrefix(h, "0x")) {
					t.Fatalf("%s hash %q -> %q not canonical", k, s, h)
				}
				if again, ok := normalizeHash(k, h); !ok || again != h {
					t.Fatalf("%s hash %q not stable", k, h)
				}
			}
			if a, ok := normalizeAddress(k, s); ok {
				if again, ok := normalizeAddress(k, a); !ok || again != a {
					t.Fatalf("%s address %q -> %q not stable", k, s, a)
				}
				if strings.ContainsAny(a, " /?#:@") {
					t.Fatalf("%s address %q has URL characters", k, a)
				}
			}
		}
	})
}
