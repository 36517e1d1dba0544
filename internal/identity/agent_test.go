package identity

import (
	"testing"

	"github.com/walletdesk/walletdesk/internal/desk"
)

func TestNormalizeEmail(t *testing.T) {
	cases := []struct {
		in, want string
		ok       bool
	}{
		{" Ana@Example.COM ", "ana@example.com", true},
		{"ops+desk@wallet.example", "ops+desk@wallet.example", true},
		{"Ana <ana@example.com>", "", false},
		{"ana@", "", false},
		{"@example.com", "", false},
		{"ana", "", false},
		{"a@b@c", "", false},
		{"", "", false},
		{"ana@example.com\nbcc: x@y", "", false},
	}
	for _, c := range cases {
		got, ok := NormalizeEmail(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("%q: %q %v, want %q %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestParseLanguages(t *testing.T) {
	got, ok := ParseLanguages("en, ja,zh,ja")
	if !ok || FormatLanguages(got) != "en,ja,zh-CN" {
		t.Errorf("got %v %v", got, ok)
	}
	if _, ok := ParseLanguages("en,fr"); ok {
		t.Error("fr accepted")
	}
	a := Agent{Languages: got}
	if !a.Speaks(desk.Chinese) || a.Speaks("ko") {
		t.Error("Speaks")
	}
}

func TestNewAgentValidation(t *testing.T) {
	n := NewAgent{Email: "Lead@Example.com", Name: "  Lead  ", Role: RoleAdmin}
	if err := n.validate(); err != nil {
		t.Fatal(err)
	}
	if n.Email != "lead@example.com" || n.Name != "Lead" || n.OpenCap != DefaultOpenCap || len(n.Languages) != 1 {
		t.Errorf("normalized %+v", n)
	}
	bad := NewAgent{Email: "x", Role: "root", OpenCap: -1}
	err := bad.validate()
	var de *desk.Error
	if !errorAs(err, &de) || de.Fields["email"] == "" || de.Fields["name"] == "" || de.Fields["role"] == "" || de.Fields["open_cap"] == "" {
		t.Errorf("every problem should be reported: %v", err)
	}
}

func TestRecoveryCodes(t *testing.T) {
	codes, hashes := newRecoveryCodes()
	if len(codes) != 10 || len(hashes) != 10 {
		t.Fatalf("%d codes", len(codes))
	}
	seen := map[string]bool{}
	for i, c := range codes {
		if len(c) != 19 || c[4] != '-' || seen[c] {
			t.Errorf("code %q", c)
		}
		seen[c] = true
		if hashRecoveryCode(c) != hashes[i] {
			t.Errorf("hash of %q", c)
		}
		typed := " " + c[0:4] + c[5:9] + " " + c[10:14] + "-" + c[15:]
		n, ok := normalizeRecoveryCode(typed)
		if !ok || n != c {
			t.Errorf("typed %q normalized to %q", typed, n)
		}
	}
	for _, bad := range []string{"", "123456", "abcd-efgh-ijkl-mno", "abcd-efgh-ijkl-mnop-q", "abcd-efgh-ijkl-mn01"} {
		if _, ok := normalizeRecoveryCode(bad); ok {
			t.Errorf("%q accepted as a recovery code", bad)
		}
	}
}

func TestLockGrowth(t *testing.T) {
	s := NewService(Config{}, nil, nil)
	cases := map[int]string{1: "0s", 4: "0s", 5: "15m0s", 6: "0s", 10: "30m0s", 15: "1h0m0s", 30: "8h0m0s", 40: "24h0m0s", 100: "24h0m0s"}
	for n, want := range cases {
		if got := s.lockFor(n).String(); got != want {
			t.Errorf("after %d failures: lock %s, want %s", n, got, want)
		}
	}
}

func TestCSRFTokenBoundToSession(t *testing.T) {
	a, b := CSRFToken("wds_one"), CSRFToken("wds_two")
	if a == b || a != CSRFToken("wds_one") || len(a) < 40 {
		t.Errorf("csrf tokens %q %q", a, b)
	}
}
