package identity

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"github.com/walletdesk/walletdesk/internal/desk"
)

// PasswordParams are the argon2id costs. They are written into every hash,
// so raising them later only affects new hashes, and a sign-in with an
// older hash re-hashes the password with the current costs.
type PasswordParams struct {
	Time    uint32 // passes over memory
	Memory  uint32 // KiB
	Threads uint8
}

// DefaultPasswordParams follow RFC 9106's memory-constrained choice
// (64 MiB), with two passes and two lanes: about 100 ms on one core of a
// small server, which bounds online guessing and makes offline guessing
// expensive.
var DefaultPasswordParams = PasswordParams{Time: 2, Memory: 64 << 10, Threads: 2}

const (
	minPasswordRunes = 12
	maxPasswordBytes = 1024 // argon2 takes any length; this bounds the work a request can ask for
	saltLen          = 16
	keyLen           = 32
)

// bounds on parameters read back from a stored hash, so that a corrupt or
// hostile row cannot make a sign-in allocate gigabytes.
const (
	maxTime    = 16
	maxMemory  = 1 << 20 // 1 GiB in KiB
	maxThreads = 16
)

// CheckPassword enforces the password policy: at least 12 characters, a
// bound on length, and not the agent's email address.
func CheckPassword(password, email string) error {
	switch {
	case utf8.RuneCountInString(password) < minPasswordRunes:
		return desk.Invalid("invalid_input", map[string]string{"password": "password_too_short"})
	case len(password) > maxPasswordBytes:
		return desk.Invalid("invalid_input", map[string]string{"password": "too_long"})
	case email != "" && strings.EqualFold(strings.TrimSpace(password), strings.TrimSpace(email)):
		return desk.Invalid("invalid_input", map[string]string{"password": "password_is_email"})
	}
	return nil
}

// HashPassword returns the encoded argon2id hash of password with a fresh
// salt: $argon2id$v=19$m=65536,t=2,p=2$<salt>$<key> (base64, no padding).
func HashPassword(password string, p PasswordParams) string {
	salt := make([]byte, saltLen)
	rand.Read(salt)
	key := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, keyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key))
}

// VerifyPassword reports whether password matches the encoded hash, in
// time that does not depend on how much of it matched. A malformed hash
// never matches.
func VerifyPassword(password, encoded string) bool {
	if len(password) > maxPasswordBytes {
		return false
	}
	h, err := parseHash(encoded)
	if err != nil {
		return false
	}
	key := argon2.IDKey([]byte(password), h.salt, h.params.Time, h.params.Memory, h.params.Threads, uint32(len(h.key)))
	return subtle.ConstantTimeCompare(key, h.key) == 1
}

// needsRehash reports whether a hash was made with weaker costs than p.
func needsRehash(encoded string, p PasswordParams) bool {
	h, err := parseHash(encoded)
	if err != nil {
		return true
	}
	return h.params.Time < p.Time || h.params.Memory < p.Memory || h.params.Threads < p.Threads
}

type passwordHash struct {
	params    PasswordParams
	salt, key []byte
}

var errBadHash = errors.New("malformed password hash")

// parseHash reads the PHC string format that HashPassword writes.
func parseHash(s string) (passwordHash, error) {
	var h passwordHash
	parts := strings.Split(s, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" || parts[2] != "v="+strconv.Itoa(argon2.Version) {
		return h, errBadHash
	}
	seen := 0
	for _, kv := range strings.Split(parts[3], ",") {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return h, errBadHash
		}
		n, err := strconv.ParseUint(v, 10, 32)
		if err != nil || n == 0 {
			return h, errBadHash
		}
		switch k {
		case "m":
			if n > maxMemory {
				return h, errBadHash
			}
			h.params.Memory, seen = uint32(n), seen|1
		case "t":
			if n > maxTime {
				return h, errBadHash
			}
			h.params.Time, seen = uint32(n), seen|2
		case "p":
			if n > maxThreads {
				return h, errBadHash
			}
			h.params.Threads, seen = uint8(n), seen|4
		default:
			return h, errBadHash
		}
	}
	if seen != 7 || h.params.Memory < 8*uint32(h.params.Threads) {
		return h, errBadHash
	}
	var err error
	if h.salt, err = base64.RawStdEncoding.Strict().DecodeString(parts[4]); err != nil || len(h.salt) < 8 {
		return h, errBadHash
	}
	if h.key, err = base64.RawStdEncoding.Strict().DecodeString(parts[5]); err != nil || len(h.key) < 16 || len(h.key) > 64 {
		return h, errBadHash
	}
	return h, nil
}

// randomPassword is a one-time password for an invited agent: 20
// characters from an alphabet without look-alikes (about 116 bits).
func randomPassword() string {
	const alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	const limit = 256 - 256%len(alphabet) // rejecting bytes above keeps every character equally likely
	out := make([]byte, 0, 20)
	buf := make([]byte, 32)
	for len(out) < cap(out) {
		rand.Read(buf)
		for _, c := range buf {
			if int(c) < limit && len(out) < cap(out) {
				out = append(out, alphabet[int(c)%len(alphabet)])
			}
		}
	}
	return string(out)
}
