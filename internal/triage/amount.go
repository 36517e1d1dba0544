package triage

import (
	"strings"
	"unicode/utf8"
)

// textAmountUSD returns the largest amount in US dollars or dollar
// stablecoins written in normalized text ("$25,000", "12k usdt", "2万u",
// "两万多u", "1万ドル"), 0 when there is none. Other coins are not priced: a
// classifier must not depend on a market feed.
func textAmountUSD(text string) float64 {
	han := strings.Contains(text, "万") || strings.Contains(text, "千") || strings.Contains(text, "萬")
	best := 0.0
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c >= '0' && c <= '9' && (i == 0 || !isWordByte(text[i-1])):
			v, j := parseNumber(text, i)
			if isDollarAmount(text, i, j) {
				best = max(best, scaled(text, j, v))
			}
			i = max(j, i+1)
		case han && (c == 0xE4 || c == 0xE5 || c == 0xE9): // the lead bytes of 一…十, 两, 零
			r, n := utf8.DecodeRuneInString(text[i:])
			if d := hanDigit(r); d >= 0 {
				v, j := parseHanNumber(text, i)
				if isDollarAmount(text, i, j) {
					best = max(best, v)
				}
				i = max(j, i+n)
				continue
			}
			i += n
		default:
			// Jump to the next digit or Chinese numeral lead byte.
			j := strings.IndexAny(text[i+1:], "0123456789")
			if han {
				j = i + 1 // Chinese numerals: walk rune by rune
			} else if j < 0 {
				return best
			} else {
				j += i + 1
			}
			i = j
		}
	}
	return best
}

// parseNumber reads "25,000.50" at text[i:], returning its value and where it
// ends, multiplier suffix ("k", "万") included.
func parseNumber(text string, i int) (float64, int) {
	v := 0.0
	j := i
	for j < len(text) {
		c := text[j]
		switch {
		case c >= '0' && c <= '9':
			v = v*10 + float64(c-'0')
			j++
			continue
		case c == ',' && isDigits(text, j+1, 3) && !isDigits(text, j+4, 1):
			j++
			continue
		case c == '.' && j+1 < len(text) && text[j+1] >= '0' && text[j+1] <= '9':
			j++
			scale := 0.1
			for j < len(text) && text[j] >= '0' && text[j] <= '9' {
				v += float64(text[j]-'0') * scale
				scale /= 10
				j++
			}
		}
		break
	}
	return v, j
}

func isDigits(text string, at, n int) bool {
	if at+n > len(text) {
		return false
	}
	for k := at; k < at+n; k++ {
		if text[k] < '0' || text[k] > '9' {
			return false
		}
	}
	return true
}

// scaled applies a multiplier written right after the number.
func scaled(text string, j int, v float64) float64 {
	rest := strings.TrimLeft(text[j:], " ")
	switch {
	case strings.HasPrefix(rest, "k") && !wordAfter(rest, 1):
		return v * 1e3
	case strings.HasPrefix(rest, "m") && !wordAfter(rest, 1):
		return v * 1e6
	case strings.HasPrefix(rest, "w") && !wordAfter(rest, 1):
		return v * 1e4
	case strings.HasPrefix(rest, "万"), strings.HasPrefix(rest, "萬"):
		return v * 1e4
	case strings.HasPrefix(rest, "千"):
		return v * 1e3
	case strings.HasPrefix(rest, "亿"):
		return v * 1e8
	}
	return v
}

func wordAfter(s string, at int) bool {
	if at >= len(s) {
		return false
	}
	rest := s[at:]
	for _, cur := range dollarWords() {
		if strings.HasPrefix(rest, cur) || strings.HasPrefix(strings.TrimLeft(rest, " "), cur) {
			return false
		}
	}
	return isWordByte(s[at])
}

// isDollarAmount reports whether the number text[i:j] is in dollars: "$" or
// "usd" just before, or a dollar word just after (past a multiplier and
// "多"/"more than" fillers).
func isDollarAmount(text string, i, j int) bool {
	before := strings.TrimRight(text[:i], " ")
	if strings.HasSuffix(before, "$") || strings.HasSuffix(before, "usd") || strings.HasSuffix(before, "usdt") ||
		strings.HasSuffix(before, "usdc") {
		return true
	}
	rest := strings.TrimLeft(text[j:], " ")
	for _, skip := range []string{"k", "m", "w", "万", "萬", "千", "亿", "多", "余"} {
		if strings.HasPrefix(rest, skip) {
			rest = strings.TrimLeft(rest[len(skip):], " ")
		}
	}
	for _, cur := range dollarWords() {
		if strings.HasPrefix(rest, cur) {
			if cur[0] < utf8.RuneSelf && len(rest) > len(cur) && isWordByte(rest[len(cur)]) {
				continue
			}
			return true
		}
	}
	return false
}

func dollarWords() []string {
	return []string{"usdt", "usdc", "usd", "busd", "fdusd", "tusd", "dai", "dollars", "dollar", "bucks",
		"u", "美元", "美金", "刀", "ドル", "米ドル", "ユーエスディー"}
}

func hanDigit(r rune) int {
	switch r {
	case '零':
		return 0
	case '一':
		return 1
	case '二', '两':
		return 2
	case '三':
		return 3
	case '四':
		return 4
	case '五':
		return 5
	case '六':
		return 6
	case '七':
		return 7
	case '八':
		return 8
	case '九':
		return 9
	case '十':
		return 10
	}
	return -1
}

// parseHanNumber reads small Chinese numerals with 十/百/千/万 ("两万",
// "十万", "五千", "三十万") at text[i:].
func parseHanNumber(text string, i int) (float64, int) {
	total, section, digit := 0.0, 0.0, 0.0
	j := i
	seen := false
	for j < len(text) {
		r, n := utf8.DecodeRuneInString(text[j:])
		d := hanDigit(r)
		switch {
		case d >= 0 && d < 10:
			digit = float64(d)
		case r == '十':
			if digit == 0 {
				digit = 1
			}
			section += digit * 10
			digit = 0
		case r == '百':
			section += digit * 100
			digit = 0
		case r == '千':
			section += digit * 1000
			digit = 0
		case r == '万' || r == '萬':
			total += (section + digit) * 1e4
			section, digit = 0, 0
		default:
			if !seen {
				return 0, j
			}
			return total + section + digit, j
		}
		seen = true
		j += n
	}
	return total + section + digit, j
}
