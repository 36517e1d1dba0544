package chain

import (
	"math/big"
	"testing"
)

func TestFormatAmounts(t *testing.T) {
	cases := []struct {
		name string
		got  string
		want string
	}{
		{"gwei 25.123456789", formatGwei(big.NewInt(25_123_456_789)), "25.12"},
		{"gwei 1 wei", formatGwei(big.NewInt(1)), "0.000000001"},
		{"gwei 0.001", formatGwei(big.NewInt(1_000_000)), "0.001"},
		{"gwei 1.5", formatGwei(big.NewInt(1_500_000_000)), "1.5"},
		{"gwei 150.37", formatGwei(big.NewInt(150_370_000_000)), "150.4"},
		{"gwei 12345.6", formatGwei(big.NewInt(12_345_600_000_000)), "12,346"},
		{"gwei 0", formatGwei(big.NewInt(0)), "0"},
		{"gwei half up", formatGwei(big.NewInt(1_234_500_000)), "1.235"},
		// Advice rounds up so that following it never falls short.
		{"gwei up", formatGweiUp(big.NewInt(1_449_843_750)), "1.45"},
		{"gwei up exact", formatGweiUp(big.NewInt(3_000_000_000)), "3"},
		{"gwei up tiny", formatGweiUp(big.NewInt(1_000_001)), "0.001001"},
		{"native fee", formatNative(big.NewInt(58_078_125_000_000)), "0.0000580781"},
		{"native 1 ETH", formatNative(new(big.Int).Exp(big.NewInt(10), big.NewInt(18), nil)), "1"},
		{"native large", formatNative(new(big.Int).Mul(big.NewInt(1_234_567), new(big.Int).Exp(big.NewInt(10), big.NewInt(18), nil))), "1,234,567"},
		{"trx exact", formatTRX(10_345_000), "10.345"},
		{"trx small", formatTRX(1), "0.000001"},
		{"trx up", formatTRXUp(13_028_500), "13.03"},
		{"trx up exact", formatTRXUp(13_000_000), "13"},
		{"rate", formatRate(2.0), "2"},
		{"rate decimals", formatRate(87.882), "87.9"},
		{"rate ceil noise", formatRate(ceilRate(0.1 * 3)), "0.3"},
		{"rate ceil", formatRate(ceilRate(25.9591)), "26"},
		{"int grouping", formatInt(130285), "130,285"},
		{"int small", formatInt(600), "600"},
		{"int negative", formatInt(-1234567), "-1,234,567"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s: %q, want %q", c.name, c.got, c.want)
		}
	}
}

func TestSpeedUpFees(t *testing.T) {
	m := market{baseFee: big.NewInt(30e9), tipLow: big.NewInt(1e9), tipMid: big.NewInt(2e9)}
	cases := []struct {
		name            string
		maxFee, tip     int64
		wantMax, wantTp int64
	}{
		// Cheap tip: the market median wins; max fee covers 2 × base + tip.
		{"market wins", 20e9, 1e8, 62e9, 2e9},
		// Generous old fees: 10% above each, rounded up.
		{"bump wins", 100e9, 5e9, 110e9, 5_500_000_000},
		// A zero tip still has to rise.
		{"zero tip", 70e9, 0, 77e9, 2e9},
	}
	for _, c := range cases {
		mx, tp := speedUpFees(big.NewInt(c.maxFee), big.NewInt(c.tip), m)
		if mx.Int64() != c.wantMax || tp.Int64() != c.wantTp {
			t.Errorf("%s: max %s tip %s, want %d %d", c.name, mx, tp, c.wantMax, c.wantTp)
		}
	}
	// With no market tip above it, a 1 wei tip becomes 2 wei, never 1.
	mx, tp := speedUpFees(big.NewInt(1), big.NewInt(1), market{baseFee: new(big.Int), tipLow: new(big.Int), tipMid: new(big.Int)})
	if tp.Int64() != 2 || mx.Int64() != 2 {
		t.Errorf("tiny fees: %s %s", mx, tp)
	}
}

func TestMedian(t *testing.T) {
	v := []*big.Int{big.NewInt(5), big.NewInt(1), big.NewInt(9), big.NewInt(3)}
	if got := median(v); got.Int64() != 5 {
		t.Errorf("median %s", got)
	}
	if v[0].Int64() != 5 {
		t.Errorf("median reordered its input")
	}
}
