package identity

import (
	"testing"
	"time"
)

// Codes come from people's keyboards, hashes from the database: neither
// may panic, and a malformed value never verifies.
func FuzzMatchTOTP(f *testing.F) {
	for _, s := range []string{"123456", "１２３ ４５６", "", "abcd-efgh-ijkl-mnop", "\x00\xff", "1234567"} {
		f.Add(s)
	}
	secret := []byte("12345678901234567890")
	now := time.Unix(1234567890, 0)
	f.Fuzz(func(t *testing.T, code string) {
		if step, ok := matchTOTP(secret, code, now, 0); ok {
			if d := step - totpStep(now); d < -1 || d > 1 {
				t.Fatalf("accepted step %d away", d)
			}
			if normalizeDigits(code) != hotp(secret, step, 6) {
				t.Fatalf("%q accepted without matching", code)
			}
		}
		if c, ok := normalizeRecoveryCode(code); ok {
			if len(c) != 19 {
				t.Fatalf("normalized %q to %q", code, c)
			}
			if again, ok := normalizeRecoveryCode(c); !ok || again != c {
				t.Fatalf("not idempotent: %q", c)
			}
		}
	})
}

func FuzzParseHash(f *testing.F) {
	f.Add(HashPassword("correct horse battery staple", cheap))
	f.Add("$argon2id$v=19$m=65536,t=2,p=2$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5a2V5")
	f.Add("$argon2id$v=19$m=1,t=1,p=1$$")
	f.Fuzz(func(t *testing.T, s string) {
		h, err := parseHash(s)
		if err != nil {
			return
		}
		if h.params.Memory > maxMemory || h.params.Time > maxTime || h.params.Threads > maxThreads || h.params.Threads == 0 {
			t.Fatalf("accepted unbounded parameters %+v", h.params)
		}
	})
}
