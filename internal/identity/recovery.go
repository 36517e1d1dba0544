package identity

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"strings"
)

// Recovery codes stand in for the second factor when the phone is lost.
// Each is 80 random bits written as 16 base32 characters in groups of four
// (xxxx-xxxx-xxxx-xxxx), works once, and is stored as a SHA-256 hash: at
// 80 bits a fast hash is already beyond offline guessing.
const recoveryCodeCount = 10

var recoveryEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// newRecoveryCodes returns the codes to show once and their hashes to store.
func newRecoveryCodes() (codes, hashes []string) {
	for range recoveryCodeCount {
		b := make([]byte, 10)
		rand.Read(b)
		s := strings.ToLower(recoveryEncoding.EncodeToString(b))
		code := s[0:4] + "-" + s[4:8] + "-" + s[8:12] + "-" + s[12:16]
		codes = append(codes, code)
		hashes = append(hashes, hashRecoveryCode(code))
	}
	return codes, hashes
}

// normalizeRecoveryCode accepts what a person types: any case, with or
// without dashes and spaces. ok is false when it cannot be a code.
func normalizeRecoveryCode(s string) (string, bool) {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r == '-' || r == ' ' || r == '\t' || r == '\u3000':
		case (r >= 'a' && r <= 'z') || (r >= '2' && r <= '7'):
			b.WriteRune(r)
		default:
			return "", false
		}
		if b.Len() > 16 {
			return "", false
		}
	}
	c := b.String()
	if len(c) != 16 {
		return "", false
	}
	return c[0:4] + "-" + c[4:8] + "-" + c[8:12] + "-" + c[12:16], true
}

func hashRecoveryCode(code string) string {
	sum := sha256.Sum256([]byte("walletdesk recovery code\x00" + code))
	return hex.EncodeToString(sum[:])
}
