package identity

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base32"
	"encoding/binary"
	"net/url"
	"strings"
	"time"
)

// TOTP per RFC 6238 with the parameters every authenticator app assumes:
// HMAC-SHA-1, 30-second steps from the Unix epoch, 6 digits. A code is
// accepted for the step before and after the current one, for clock drift
// and typing time.
const (
	totpPeriod    = 30
	totpDigits    = 6
	totpSkew      = 1
	totpSecretLen = 20 // 160 bits, the HMAC-SHA-1 block-friendly size RFC 4226 recommends
)

var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// NewTOTPSecret returns 20 random bytes.
func NewTOTPSecret() []byte {
	b := make([]byte, totpSecretLen)
	rand.Read(b)
	return b
}

// EncodeSecret is the base32 form authenticator apps take (no padding).
func EncodeSecret(secret []byte) string { return b32.EncodeToString(secret) }

// DecodeSecret reads a base32 secret, ignoring case, spaces and padding.
func DecodeSecret(s string) ([]byte, bool) {
	s = strings.ToUpper(strings.NewReplacer(" ", "", "-", "", "=", "").Replace(s))
	b, err := b32.DecodeString(s)
	if err != nil || len(b) == 0 {
		return nil, false
	}
	return b, true
}

// totpStep is the RFC 6238 counter for t.
func totpStep(t time.Time) int64 { return t.Unix() / totpPeriod }

// hotp is RFC 4226's HOTP value of counter with the given number of digits
// (RFC 6238 is HOTP over time steps).
func hotp(secret []byte, counter int64, digits int) string {
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], uint64(counter))
	m := hmac.New(sha1.New, secret)
	m.Write(msg[:])
	sum := m.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	v := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	mod := uint32(1)
	for range digits {
		mod *= 10
	}
	v %= mod
	out := make([]byte, digits)
	for i := digits - 1; i >= 0; i-- {
		out[i] = byte('0' + v%10)
		v /= 10
	}
	return string(out)
}

// TOTPCode is the 6-digit code for t. Tests (and the browser test, which
// plays the part of the phone) use it.
func TOTPCode(secret []byte, t time.Time) string { return hotp(secret, totpStep(t), totpDigits) }

// matchTOTP returns the step that code belongs to among now's step and its
// neighbours, provided that step is later than last (so that no code is
// accepted twice, even within its window). ok is false otherwise. Every
// candidate is compared, in constant time, so timing says nothing.
func matchTOTP(secret []byte, code string, now time.Time, last int64) (step int64, ok bool) {
	code = normalizeDigits(code)
	if len(code) != totpDigits {
		return 0, false
	}
	cur := totpStep(now)
	for s := cur - totpSkew; s <= cur+totpSkew; s++ {
		if hmac.Equal([]byte(hotp(secret, s, totpDigits)), []byte(code)) && s > last && !ok {
			step, ok = s, true
		}
	}
	return step, ok
}

// normalizeDigits drops spaces and dashes people type or paste inside a
// code ("123 456") and maps full-width digits (an IME in ja or zh-CN) to
// ASCII. Anything else is kept, so that it fails the comparison.
func normalizeDigits(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == ' ' || r == '-' || r == '\u3000' || r == '\t':
		case r >= '０' && r <= '９':
			b.WriteRune('0' + (r - '０'))
		default:
			b.WriteRune(r)
		}
		if b.Len() > 64 {
			break
		}
	}
	return b.String()
}

// TOTPURI is the otpauth:// URI an authenticator app reads from the QR
// code (the Key Uri Format of Google Authenticator, which others follow).
func TOTPURI(issuer, account string, secret []byte) string {
	label := url.PathEscape(issuer) + ":" + url.PathEscape(account)
	q := url.Values{}
	q.Set("secret", EncodeSecret(secret))
	q.Set("issuer", issuer)
	q.Set("algorithm", "SHA1")
	q.Set("digits", "6")
	q.Set("period", "30")
	return "otpauth://totp/" + label + "?" + q.Encode()
}
