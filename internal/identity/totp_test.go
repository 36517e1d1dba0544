package identity

import (
	"net/url"
	"strings"
	"testing"
	"time"
)

// RFC 6238, appendix B: the SHA-1 rows, 8 digits, secret "12345678901234567890".
func TestTOTPRFC6238Vectors(t *testing.T) {
	secret := []byte("12345678901234567890")
	cases := []struct {
		unix int64
		want string
	}{
		{59, "94287082"},
		{1111111109, "07081804"},
		{1111111111, "14050471"},
		{1234567890, "89005924"},
		{2000000000, "69279037"},
		{20000000000, "65353130"},
	}
	for _, c := range cases {
		tm := time.Unix(c.unix, 0).UTC()
		if got := hotp(secret, totpStep(tm), 8); got != c.want {
			t.Errorf("T=%d: 8-digit code %s, want %s", c.unix, got, c.want)
		}
		// Six digits are the same truncated value modulo 10^6.
		if got := TOTPCode(secret, tm); got != c.want[2:] {
			t.Errorf("T=%d: 6-digit code %s, want %s", c.unix, got, c.want[2:])
		}
	}
}

// RFC 4226, appendix D: HOTP values for counters 0..9.
func TestHOTPRFC4226Vectors(t *testing.T) {
	want := []string{"755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"}
	for i, w := range want {
		if got := hotp([]byte("12345678901234567890"), int64(i), 6); got != w {
			t.Errorf("counter %d: %s, want %s", i, got, w)
		}
	}
}

func TestMatchTOTPWindowAndReplay(t *testing.T) {
	secret := []byte("12345678901234567890")
	now := time.Unix(1111111111, 0)
	cur := totpStep(now)
	cases := []struct {
		name   string
		code   string
		last   int64
		ok     bool
		step   int64
		offset int64
	}{
		{"current", TOTPCode(secret, now), 0, true, cur, 0},
		{"previous step", TOTPCode(secret, now.Add(-30*time.Second)), 0, true, cur - 1, 0},
		{"next step", TOTPCode(secret, now.Add(30*time.Second)), 0, true, cur + 1, 0},
		{"two steps old", TOTPCode(secret, now.Add(-60*time.Second)), 0, false, 0, 0},
		{"two steps ahead", TOTPCode(secret, now.Add(60*time.Second)), 0, false, 0, 0},
		{"replayed", TOTPCode(secret, now), cur, false, 0, 0},
		{"older than last accepted", TOTPCode(secret, now.Add(-30*time.Second)), cur, false, 0, 0},
		{"newer than last accepted", TOTPCode(secret, now.Add(30*time.Second)), cur, true, cur + 1, 0},
		{"spaces and full width", "０５０ ４７１", 0, true, cur, 0},
		{"short", "14050", 0, false, 0, 0},
		{"letters", "14o5o4", 0, false, 0, 0},
		{"empty", "", 0, false, 0, 0},
	}
	for _, c := range cases {
		step, ok := matchTOTP(secret, c.code, now, c.last)
		if ok != c.ok || (ok && step != c.step) {
			t.Errorf("%s (%q): step %d ok %v, want step %d ok %v", c.name, c.code, step, ok, c.step, c.ok)
		}
	}
}

func TestSecretEncoding(t *testing.T) {
	s := NewTOTPSecret()
	if len(s) != 20 {
		t.Fatalf("secret of %d bytes", len(s))
	}
	enc := EncodeSecret(s)
	if strings.Contains(enc, "=") || len(enc) != 32 {
		t.Errorf("encoded %q", enc)
	}
	spaced := strings.ToLower(enc[:4] + " " + enc[4:])
	back, ok := DecodeSecret(spaced)
	if !ok || string(back) != string(s) {
		t.Errorf("round trip through %q failed", spaced)
	}
	if _, ok := DecodeSecret("not base32!"); ok {
		t.Error("garbage decoded")
	}
	if string(NewTOTPSecret()) == string(s) {
		t.Error("two secrets alike")
	}
}

func TestTOTPURI(t *testing.T) {
	secret := []byte("12345678901234567890")
	u, err := url.Parse(TOTPURI("Wallet Desk", "ana+ops@example.com", secret))
	if err != nil {
		t.Fatal(err)
	}
	if u.Scheme != "otpauth" || u.Host != "totp" {
		t.Errorf("scheme/host %s %s", u.Scheme, u.Host)
	}
	if u.Path != "/Wallet Desk:ana+ops@example.com" {
		t.Errorf("label %q", u.Path)
	}
	q := u.Query()
	if q.Get("secret") != "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ" || q.Get("issuer") != "Wallet Desk" ||
		q.Get("digits") != "6" || q.Get("period") != "30" || q.Get("algorithm") != "SHA1" {
		t.Errorf("query %v", q)
	}
}
