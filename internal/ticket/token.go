package ticket

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
)

// newToken returns a requester access token (256 random bits, URL-safe)
// and the hash that is stored in its place.
func newToken() (token, hash string) {
	b := make([]byte, 32)
	rand.Read(b) // crypto/rand never fails on supported platforms
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, hashToken(token)
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// tokenMatches compares in constant time, so response timing does not
// reveal how much of a guessed token was right.
func tokenMatches(token, hash string) bool {
	h := hashToken(token)
	return subtle.ConstantTimeCompare([]byte(h), []byte(hash)) == 1
}
