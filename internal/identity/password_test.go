package identity

import (
	"strings"
	"testing"

	"github.com/walletdesk/walletdesk/internal/desk"
)

// cheap keeps tests fast; the format and the checks do not depend on cost.
var cheap = PasswordParams{Time: 1, Memory: 64, Threads: 1}

func TestHashAndVerify(t *testing.T) {
	h := HashPassword("correct horse battery staple", cheap)
	if !strings.HasPrefix(h, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatalf("encoding %q", h)
	}
	if !VerifyPassword("correct horse battery staple", h) {
		t.Error("right password refused")
	}
	for _, wrong := range []string{"", "correct horse battery stapl", "Correct horse battery staple", "correct horse battery staple "} {
		if VerifyPassword(wrong, h) {
			t.Errorf("wrong password %q accepted", wrong)
		}
	}
	if h2 := HashPassword("correct horse battery staple", cheap); h2 == h {
		t.Error("same hash twice: salt not random")
	}
}

func TestVerifyRefusesMalformedHashes(t *testing.T) {
	good := HashPassword("correct horse battery staple", cheap)
	parts := strings.Split(good, "$")
	cases := map[string]string{
		"empty":           "",
		"bcrypt":          "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
		"argon2i":         strings.Replace(good, "argon2id", "argon2i", 1),
		"old version":     strings.Replace(good, "v=19", "v=16", 1),
		"missing param":   strings.Replace(good, ",p=1", "", 1),
		"huge memory":     strings.Replace(good, "m=64", "m=99999999", 1),
		"zero time":       strings.Replace(good, "t=1", "t=0", 1),
		"unknown param":   strings.Replace(good, "p=1", "p=1,x=2", 1),
		"bad salt":        "$" + strings.Join([]string{parts[1], parts[2], parts[3], "!!!", parts[5]}, "$"),
		"short key":       "$" + strings.Join([]string{parts[1], parts[2], parts[3], parts[4], "AAAA"}, "$"),
		"trailing fields": good + "$x",
	}
	for name, h := range cases {
		if VerifyPassword("correct horse battery staple", h) {
			t.Errorf("%s: accepted %q", name, h)
		}
	}
}

func TestNeedsRehash(t *testing.T) {
	h := HashPassword("correct horse battery staple", cheap)
	if needsRehash(h, cheap) {
		t.Error("same parameters need no rehash")
	}
	if !needsRehash(h, PasswordParams{Time: 2, Memory: 64, Threads: 1}) {
		t.Error("raised time cost should rehash")
	}
	if !needsRehash(h, PasswordParams{Time: 1, Memory: 128, Threads: 1}) {
		t.Error("raised memory should rehash")
	}
	if !needsRehash("garbage", cheap) {
		t.Error("a malformed hash should be replaced")
	}
}

func TestCheckPassword(t *testing.T) {
	cases := []struct {
		pw, email, field string
	}{
		{"short", "a@example.com", "password_too_short"},
		{"elevenchars", "a@example.com", "password_too_short"},
		{"twelve chars", "a@example.com", ""},
		{"密码密码密码密码密码密码", "a@example.com", ""}, // 12 characters, 36 bytes
		{"Ana.Long@Example.com", "ana.long@example.com", "password_is_email"},
		{strings.Repeat("x", 1025), "a@example.com", "too_long"},
	}
	for _, c := range cases {
		err := CheckPassword(c.pw, c.email)
		got := ""
		var de *desk.Error
		if err != nil {
			if !errorAs(err, &de) {
				t.Fatalf("%q: %v is not a desk error", c.pw, err)
			}
			got = de.Fields["password"]
		}
		if got != c.field {
			t.Errorf("%q: field code %q, want %q", c.pw, got, c.field)
		}
	}
}

func TestRandomPassword(t *testing.T) {
	seen := map[string]bool{}
	for range 50 {
		p := randomPassword()
		if len(p) != 20 || seen[p] || CheckPassword(p, "x@example.com") != nil {
			t.Fatalf("one-time password %q", p)
		}
		if strings.ContainsAny(p, "0O1lI") {
			t.Errorf("look-alike character in %q", p)
		}
		seen[p] = true
	}
}
