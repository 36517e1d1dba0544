package redact

import "crypto/sha256"

const base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

// base58Index maps an ASCII byte to its digit value, or -1.
func base58Digit(c byte) int {
	switch {
	case c >= '1' && c <= '9':
		return int(c - '1')
	case c >= 'A' && c <= 'H':
		return int(c-'A') + 9
	case c >= 'J' && c <= 'N':
		return int(c-'J') + 17
	case c >= 'P' && c <= 'Z':
		return int(c-'P') + 22
	case c >= 'a' && c <= 'k':
		return int(c-'a') + 33
	case c >= 'm' && c <= 'z':
		return int(c-'m') + 44
	}
	return -1
}

func isBase58(s string) bool {
	for i := 0; i < len(s); i++ {
		if base58Digit(s[i]) < 0 {
			return false
		}
	}
	return true
}

// base58CheckPayload decodes s and verifies its four-byte double-SHA256
// checksum, returning the payload without it. s is short (a key), so the
// quadratic big-number conversion costs nothing.
func base58CheckPayload(s string) ([]byte, bool) {
	var buf [128]byte
	out := buf[:0]
	for i := 0; i < len(s); i++ {
		carry := base58Digit(s[i])
		if carry < 0 {
			return nil, false
		}
		for j := len(out) - 1; j >= 0; j-- {
			carry += int(out[j]) * 58
			out[j] = byte(carry)
			carry >>= 8
		}
		for carry > 0 {
			if len(out) == cap(out) {
				return nil, false
			}
			out = append(out, 0)
			copy(out[1:], out[:len(out)-1])
			out[0] = byte(carry)
			carry >>= 8
		}
	}
	zeros := 0
	for zeros < len(s) && s[zeros] == '1' {
		zeros++
	}
	full := make([]byte, zeros+len(out))
	copy(full[zeros:], out)
	if len(full) < 5 {
		return nil, false
	}
	payload, sum := full[:len(full)-4], full[len(full)-4:]
	h1 := sha256.Sum256(payload)
	h2 := sha256.Sum256(h1[:])
	if h2[0] != sum[0] || h2[1] != sum[1] || h2[2] != sum[2] || h2[3] != sum[3] {
		return nil, false
	}
	return payload, true
}
