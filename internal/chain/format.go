package chain

import (
	"math"
	"math/big"
	"strconv"
	"strings"
)

// Display precision: enough significant digits to compare a fee with the
// market, not so many that the number is unreadable. Values that advise a
// minimum are rounded up, so that following the advice never falls short.

var (
	weiPerGwei = big.NewInt(1e9)
	sunPerTRX  = big.NewInt(1e6)
)

// formatGwei shows wei in gwei with 4 significant digits (at least to the
// unit): 25123456789 -> "25.12", 1000000 -> "0.001", 1 -> "0.000000001".
func formatGwei(wei *big.Int) string { return formatSig(wei, 9, 4, false) }

// formatGweiUp is formatGwei rounded up.
func formatGweiUp(wei *big.Int) string { return formatSig(wei, 9, 4, true) }

// formatNative shows wei as the native coin with 6 significant digits.
func formatNative(wei *big.Int) string { return formatSig(wei, 18, 6, false) }

// formatTRX shows sun as TRX, exactly (TRX has 6 decimals).
func formatTRX(sun int64) string { return formatSig(big.NewInt(sun), 6, 40, false) }

// formatTRXUp shows sun as TRX rounded up to 2 decimals, for advice.
func formatTRXUp(sun int64) string { return formatFixed(big.NewInt(sun), 6, 2, true) }

// formatSig formats v/10^decimals with sig significant digits (never fewer
// than the integer digits), trailing zeros trimmed.
func formatSig(v *big.Int, decimals, sig int, up bool) string {
	if v == nil {
		return "0"
	}
	digits := len(new(big.Int).Abs(v).String())
	keep := decimals - (digits - sig)
	keep = max(0, min(decimals, keep))
	return formatFixed(v, decimals, keep, up)
}

// formatFixed rounds v/10^decimals to keep decimals (half up, or up when up
// is set) and formats it with grouped thousands and trimmed zeros.
func formatFixed(v *big.Int, decimals, keep int, up bool) string {
	if v == nil {
		return "0"
	}
	neg := v.Sign() < 0
	a := new(big.Int).Abs(v)
	drop := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(decimals-keep)), nil)
	q, r := new(big.Int).QuoRem(a, drop, new(big.Int))
	if r.Sign() != 0 {
		if up && !neg {
			q.Add(q, big.NewInt(1))
		} else if !up && new(big.Int).Mul(r, big.NewInt(2)).Cmp(drop) >= 0 {
			q.Add(q, big.NewInt(1))
		}
	}
	s := q.String()
	if keep > 0 {
		if len(s) <= keep {
			s = strings.Repeat("0", keep-len(s)+1) + s
		}
		intPart, frac := s[:len(s)-keep], strings.TrimRight(s[len(s)-keep:], "0")
		s = groupDigits(intPart)
		if frac != "" {
			s += "." + frac
		}
	} else {
		s = groupDigits(s)
	}
	if neg && s != "0" {
		s = "-" + s
	}
	return s
}

// groupDigits inserts thousands separators into a string of digits.
func groupDigits(s string) string {
	if len(s) <= 3 {
		return s
	}
	var b strings.Builder
	head := len(s) % 3
	if head > 0 {
		b.WriteString(s[:head])
	}
	for i := head; i < len(s); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}

// formatInt groups an integer: 64285 -> "64,285".
func formatInt(n int64) string {
	if n < 0 {
		return "-" + groupDigits(strconv.FormatInt(-n, 10))
	}
	return groupDigits(strconv.FormatInt(n, 10))
}

// formatRate shows a sat/vB rate with one decimal, trimmed.
func formatRate(r float64) string {
	return strconv.FormatFloat(math.Round(r*10)/10, 'f', -1, 64)
}

// ceilRate rounds a sat/vB rate up to one decimal; the epsilon keeps binary
// noise (0.30000000000000004) from adding a tenth.
func ceilRate(r float64) float64 {
	return math.Ceil(r*10-1e-9) / 10
}

// mulPercentUp returns ceil(v * pct / 100).
func mulPercentUp(v *big.Int, pct int64) *big.Int {
	n := new(big.Int).Mul(v, big.NewInt(pct))
	q, r := n.QuoRem(n, big.NewInt(100), new(big.Int))
	if r.Sign() > 0 {
		q.Add(q, big.NewInt(1))
	}
	return q
}

func bigMax(a, b *big.Int) *big.Int {
	if a.Cmp(b) >= 0 {
		return a
	}
	return b
}

func bigInt(v int64) *big.Int { return big.NewInt(v) }
