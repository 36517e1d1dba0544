package triage

import (
	"math"
	"strings"
	"unicode/utf8"
)

// textAmountUSD returns the largest amount at stake written in normalized
// text, in US dollars: dollars and dollar stablecoins ("$25,000", "12k usdt",
// "2万u", "两万多u", "1万ドル", "usdt transfer 10.5k"), yen and yuan at fixed
// rates ("300万円", "5万元"), bitcoin at a floor ("1.5btc"); 0 when there is
// none. Other coins are not priced: a classifier must not depend on a
// market feed, and a fiat rate is only needed to the nearest tenth for a
// threshold.
func textAmountUSD(text string) float64 {
	han := strings.Contains(text, "万") || strings.Contains(text, "千") || strings.Contains(text, "萬")
	best := 0.0
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c >= '0' && c <= '9' && (i == 0 || !isWordByte(text[i-1])):
			v, j := parseNumber(text, i)
			v, j = multiplied(text, j, v)
			if rate := currencyAfter(text, j); rate > 0 {
				best = max(best, toUSD(v, rate))
			} else if rate == 0 && dollarBefore(text, i) {
				best = max(best, v)
			}
			i = max(j, i+1)
		case han && (c == 0xE4 || c == 0xE5 || c == 0xE9): // the lead bytes of 一…十, 两, 零
			r, n := utf8.DecodeRuneInString(text[i:])
			if d := hanDigit(r); d >= 0 {
				v, j := parseHanNumber(text, i)
				if rate := currencyAfter(text, j); rate > 0 {
					best = max(best, toUSD(v, rate))
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

// multiplied applies a multiplier written right after the number ("12k",
// "1.5万", "2万5千") and returns where the amount ends.
func multiplied(text string, j int, v float64) (float64, int) {
	k := j
	for k < len(text) && text[k] == ' ' {
		k++
	}
	rest := text[k:]
	switch {
	case hasUnit(rest, "k"):
		return v * 1e3, k + 1
	case hasUnit(rest, "m"):
		return v * 1e6, k + 1
	case hasUnit(rest, "w"):
		return v * 1e4, k + 1
	case strings.HasPrefix(rest, "亿"):
		return v * 1e8, k + len("亿")
	case strings.HasPrefix(rest, "千"):
		return v * 1e3, k + len("千")
	case strings.HasPrefix(rest, "万"), strings.HasPrefix(rest, "萬"):
		v, k = v*1e4, k+len("万")
		// 2万5千, 1万2000: the thousands that follow belong to the same amount.
		if k < len(text) && text[k] >= '0' && text[k] <= '9' {
			w, e := parseNumber(text, k)
			if strings.HasPrefix(text[e:], "千") {
				return v + w*1e3, e + len("千")
			}
			if w < 1e4 && e-k == 4 {
				return v + w, e
			}
		}
		return v, k
	}
	return v, j
}

// hasUnit reports whether s starts with the one-letter multiplier u as a
// word of its own, or glued to a currency ("12k", "12kusdt", not "5 min").
func hasUnit(s, u string) bool {
	if !strings.HasPrefix(s, u) {
		return false
	}
	if len(s) == len(u) || !isWordByte(s[len(u)]) {
		return true
	}
	return currencyAfter(s, len(u)) > 0
}

// currencyAfter returns how many units of the currency written at text[j:]
// make a dollar (1 for dollars and stablecoins), 0 when none is written,
// and -1 when another unit is ("5 eth", "2 hours").
func currencyAfter(text string, j int) float64 {
	rest := strings.TrimLeft(text[j:], " ")
	for _, skip := range []string{"多", "余", "+", "个"} {
		rest = strings.TrimLeft(strings.TrimPrefix(rest, skip), " ")
	}
	for _, cur := range currencies() {
		if !strings.HasPrefix(rest, cur.word) {
			continue
		}
		if cur.word[0] < utf8.RuneSelf && len(rest) > len(cur.word) && isWordByte(rest[len(cur.word)]) {
			continue
		}
		return cur.perUSD
	}
	for _, u := range otherUnits() {
		if strings.HasPrefix(rest, u) && (u[0] >= utf8.RuneSelf || len(rest) == len(u) || !isWordByte(rest[len(u)])) {
			return -1
		}
	}
	return 0
}

// otherUnits are what else a number counts: coins, time, words, confirmations.
func otherUnits() []string {
	return []string{
		"eth", "btc", "bnb", "trx", "sol", "matic", "pol", "doge", "xrp", "ada", "dot", "ton", "shib", "pepe",
		"ltc", "bch", "avax", "arb", "op", "sats", "sat", "gwei", "token", "tokens", "coin", "coins", "nft", "nfts",
		"word", "words", "hour", "hours", "hrs", "hr", "h", "min", "mins", "minute", "minutes", "sec", "seconds",
		"day", "days", "week", "weeks", "month", "months", "confirmation", "confirmations", "block", "blocks",
		"times", "energy", "bandwidth", "%", "个", "枚", "小时", "分钟", "天", "次", "時間", "分", "日", "回", "秒",
	}
}

// dollarBefore reports whether a dollar word stands just before the number,
// at most two words back ("$12,000", "usdt transfer 10.5k").
func dollarBefore(text string, i int) bool {
	before := strings.TrimRight(text[:i], " ")
	if strings.HasSuffix(before, "$") {
		return true
	}
	for range 2 {
		k := len(before)
		for k > 0 && isWordByte(before[k-1]) {
			k--
		}
		word := before[k:]
		if word == "" {
			return false
		}
		switch word {
		case "usd", "usdt", "usdc", "dollars", "dai":
			return true
		}
		before = strings.TrimRight(before[:k], " ")
	}
	return false
}

// toUSD converts v units of a currency with the given units per dollar. A
// coin's rate is below one (0.0001 BTC a dollar): multiplying by its
// whole dollar value keeps 1.2 BTC at 12,000, not 11,999.999….
func toUSD(v, perUSD float64) float64 {
	if perUSD < 1 {
		return v * math.Round(1/perUSD)
	}
	return v / perUSD
}

type currency struct {
	word   string
	perUSD float64
}

// currencies lists the currency words after an amount. Yen and yuan use
// round rates (150 and 7.2 per dollar): the threshold needs no more.
// Bitcoin is the one coin with a value, and it is a floor, not a price:
// 1 BTC has not been worth less than 10,000 USD since 2020, so 1 BTC or
// more is a large amount whatever the day's price ("1.2 BTC unconfirmed").
func currencies() []currency {
	return []currency{
		{"usdt", 1}, {"usdc", 1}, {"usd", 1}, {"busd", 1}, {"fdusd", 1}, {"tusd", 1}, {"dai", 1},
		{"dollars", 1}, {"dollar", 1}, {"bucks", 1}, {"u", 1}, {"美元", 1}, {"美金", 1}, {"刀", 1},
		{"米ドル", 1}, {"ドル", 1}, {"ユーエスディー", 1},
		{"円", 150}, {"jpy", 150}, {"yen", 150}, {"日元", 150},
		{"元", 7.2}, {"人民币", 7.2}, {"块", 7.2}, {"rmb", 7.2}, {"cny", 7.2},
		{"btc", 1.0 / 10000}, {"bitcoin", 1.0 / 10000}, {"比特币", 1.0 / 10000}, {"ビットコイン", 1.0 / 10000},
	}
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
