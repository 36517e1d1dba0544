package redact

import "strings"

// keyCandidate is a long ASCII alphanumeric run that may be a key.
type keyCandidate struct {
	start, end int
	kind       Kind
	hex        bool // 64 hex digits: a key only with key context
	prefixed   bool // written with 0x
	sure       bool // checksum verified: a key whatever the context
}

// extendedPrefixes start serialized BIP32 private keys (mainnet, testnet and
// the SLIP-132 script-type variants).
var extendedPrefixes = [...]string{"xprv", "yprv", "zprv", "tprv", "uprv", "vprv", "Yprv", "Zprv", "Uprv", "Vprv"}

// minKeyLen is the shortest key: a WIF key has 51 characters.
const minKeyLen = 51

// appendKeyCandidates scans the word s[from:to] for ASCII alphanumeric runs
// shaped like keys (a key may touch kana or Hangul: "秘密鍵は5Kb8...です").
func appendKeyCandidates(out []keyCandidate, s string, from, to int) []keyCandidate {
	for i := from; i < to; {
		if !isASCIIAlnum(s[i]) {
			i++
			continue
		}
		j := i
		for j < to && isASCIIAlnum(s[j]) {
			j++
		}
		if j-i >= minKeyLen {
			if c, ok := classifyKey(s[i:j]); ok {
				c.start += i
				c.end += i
				out = append(out, c)
			}
		}
		i = j
	}
	return out
}

func classifyKey(w string) (keyCandidate, bool) {
	c := keyCandidate{end: len(w)}
	h := w
	if len(h) == 66 && (h[:2] == "0x" || h[:2] == "0X") {
		h, c.prefixed = h[2:], true
	}
	if len(h) == 64 && isHex(h) {
		c.kind, c.hex = PrivateKey, true
		return c, true
	}
	for _, p := range extendedPrefixes {
		if strings.HasPrefix(w, p) && len(w) >= 100 && len(w) <= 115 && isBase58(w) {
			// The prefix and the length are unmistakable: a mistyped key
			// (bad checksum) is still a secret.
			c.kind, c.sure = ExtendedKey, true
			return c, true
		}
	}
	if (len(w) == 51 && (w[0] == '5' || w[0] == '9') || len(w) == 52 && (w[0] == 'K' || w[0] == 'L' || w[0] == 'c')) && isBase58(w) {
		c.kind = PrivateKey
		if p, ok := base58CheckPayload(w); ok && (len(p) == 33 || len(p) == 34 && p[33] == 1) && (p[0] == 0x80 || p[0] == 0xEF) {
			c.sure = true
		}
		return c, true
	}
	return c, false
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// keyContext looks for the nearest key or transaction label around a
// candidate: up to keyWindowBefore bytes before it, else keyWindowAfter
// bytes after it ("... is my private key").
const keyWindowBefore, keyWindowAfter = 64, 24

func (d *detector) keyContext(c keyCandidate) labelFlags {
	best, bestEnd := labelFlags(0), -1
	for _, h := range d.labels {
		if h.flags&(labelKey|labelTx) == 0 || h.end > c.start || c.start-h.end > keyWindowBefore {
			continue
		}
		if h.end > bestEnd && !d.keyBetween(h.end, c.start) && !sentenceEnd(d.s[h.end:c.start]) {
			best, bestEnd = h.flags&(labelKey|labelTx), h.end
		}
	}
	if best != 0 {
		return best
	}
	bestStart := len(d.s) + 1
	for _, h := range d.labels {
		if h.flags&(labelKey|labelTx) == 0 || h.start < c.end || h.start-c.end > keyWindowAfter ||
			strings.ContainsAny(d.s[c.end:h.start], "\"'[]{}()\n") {
			continue
		}
		if h.start < bestStart && !d.keyBetween(c.end, h.start) && !sentenceEnd(d.s[c.end:h.start]) {
			best, bestStart = h.flags&(labelKey|labelTx), h.start
		}
	}
	return best
}

// sentenceEnd reports a sentence boundary in the gap between a label and a
// key: a label in another sentence says nothing about this string.
func sentenceEnd(gap string) bool {
	return strings.Contains(gap, ". ") || strings.Contains(gap, ".\n") || strings.ContainsAny(gap, "?!。？！")
}

// keyBetween reports another key candidate between two offsets: a label
// belongs to the nearest candidate only.
func (d *detector) keyBetween(from, to int) bool {
	for _, k := range d.keys {
		if k.start >= from && k.end <= to {
			return true
		}
	}
	return false
}

// judgeKey decides whether a candidate is a secret. A checksum-valid WIF or
// any extended private key is one whatever the context. 64 hex digits are a
// key only when the nearest label says key: a transaction hash looks the
// same, is shared all the time, and is far more common in support text, so
// a bare 64-hex string (with or without 0x) is left alone.
func (d *detector) judgeKey(c keyCandidate) bool {
	if c.sure {
		return true
	}
	ctx := d.keyContext(c)
	return ctx&labelKey != 0 && ctx&labelTx == 0
}
