package redact

import "strings"

// findKeystores returns the spans of keystore JSON objects in s: objects
// that hold "ciphertext" and "kdf" (inside "crypto" or "Crypto"). The whole
// object goes, not only the ciphertext: with the address, salt and MAC an
// attacker can try passwords offline. An object cut short (a truncated
// paste) is redacted to the end of the text.
func findKeystores(s string, markers []span) []span {
	if !hasCiphertext(s) || !strings.Contains(s, "kdf") {
		return nil
	}
	var out []span
	for off := 0; off < len(s); {
		i := strings.Index(s[off:], "ciphertext")
		if i < 0 {
			break
		}
		at := off + i
		if inSpans(markers, at) {
			off = at + 1
			continue
		}
		start, end := enclosingObject(s, at)
		if start < 0 {
			start = lineStart(s, firstKeystoreField(s, at))
			end = lineEnd(s, lastKeystoreField(s, at))
		}
		if strings.Contains(s[start:end], "kdf") {
			out = append(out, span{start: start, end: end, kind: Keystore})
		}
		off = max(end, at+1)
	}
	return out
}

// hasCiphertext is a fast strings.Contains(s, "ciphertext"): it hops from
// one 'x' to the next, a rare letter in prose.
func hasCiphertext(s string) bool {
	for off := 8; off < len(s)-1; {
		i := strings.IndexByte(s[off:], 'x')
		if i < 0 {
			return false
		}
		at := off + i
		if at+2 <= len(s) && s[at-8:at+2] == "ciphertext" {
			return true
		}
		off = at + 1
	}
	return false
}

// enclosingObject returns the outermost JSON object around position at, or
// -1 when there is no opening brace before it. Braces inside JSON strings do
// not count.
func enclosingObject(s string, at int) (int, int) {
	depth, start := 0, -1
	// Walk back to find the outermost unclosed '{' before at.
	opens := []int{}
	inStr := false
	for i := 0; i < at; i++ {
		switch c := s[i]; {
		case inStr && c == '\\':
			i++
		case c == '"':
			inStr = !inStr
		case inStr:
		case c == '{':
			opens = append(opens, i)
		case c == '}':
			if len(opens) > 0 {
				opens = opens[:len(opens)-1]
			}
		}
	}
	if len(opens) == 0 {
		return -1, -1
	}
	start = opens[0]
	depth, inStr = 0, false
	for i := start; i < len(s); i++ {
		switch c := s[i]; {
		case inStr && c == '\\':
			i++
		case c == '"':
			inStr = !inStr
		case inStr:
		case c == '{':
			depth++
		case c == '}':
			depth--
			if depth == 0 {
				return start, i + 1
			}
		}
	}
	return start, len(s)
}

var keystoreFields = [...]string{"crypto", "Crypto", "cipher", "ciphertext", "cipherparams", "kdf", "kdfparams", "mac", "salt", "iv"}

func firstKeystoreField(s string, at int) int {
	first := at
	for _, f := range keystoreFields {
		if i := strings.Index(s, `"`+f+`"`); i >= 0 && i < first {
			first = i
		}
	}
	return first
}

func lastKeystoreField(s string, at int) int {
	last := at
	for _, f := range keystoreFields {
		if i := strings.LastIndex(s, `"`+f+`"`); i > last {
			last = i
		}
	}
	return last
}

func lineStart(s string, i int) int {
	return strings.LastIndexByte(s[:i], '\n') + 1
}

func lineEnd(s string, i int) int {
	if j := strings.IndexByte(s[i:], '\n'); j >= 0 {
		return i + j
	}
	return len(s)
}
