package redact

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// evalCase is one row of the shared redaction set.
type evalCase struct {
	Kind           string   `json:"kind"`
	Locale         string   `json:"locale"`
	Text           string   `json:"text"`
	Secret         bool     `json:"secret"`
	MustNotContain []string `json:"must_not_contain"`
}

func sharedDir(t testing.TB, env, rel string) string {
	if v := os.Getenv(env); v != "" {
		return v
	}
	return filepath.Join("..", "..", "..", "shared", rel)
}

// leaked reports the must-not-contain words that survive in order in out:
// the secret's word sequence, not a single common word elsewhere.
func leaked(out string, words []string) string {
	if len(words) == 0 {
		return ""
	}
	// Any two consecutive secret words still next to each other is a leak,
	// and so is a single-word secret (a key) found anywhere.
	norm := strings.ToLower(out)
	if len(words) == 1 {
		if strings.Contains(norm, strings.ToLower(words[0])) {
			return words[0]
		}
		return ""
	}
	toks := splitWords(norm)
	for i := 0; i+1 < len(toks); i++ {
		for j := 0; j+1 < len(words); j++ {
			if toks[i] == strings.ToLower(words[j]) && toks[i+1] == strings.ToLower(words[j+1]) {
				return words[j] + " " + words[j+1]
			}
		}
	}
	return ""
}

// splitWords splits like a reader would: on anything that is not a letter,
// and each Han character alone.
func splitWords(s string) []string {
	var out []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, cur.String())
			cur.Reset()
		}
	}
	for _, r := range s {
		switch {
		case r >= 0x3400 && r < 0xA000:
			flush()
			out = append(out, string(r))
		case isWordRune(r):
			cur.WriteRune(r)
		default:
			flush()
		}
	}
	flush()
	return out
}

func TestSharedEvalSet(t *testing.T) {
	path := filepath.Join(sharedDir(t, "WALLETDESK_EVAL_DIR", "eval"), "redact-dev.jsonl")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("shared eval set not available: %v", err)
	}
	defer f.Close()
	r := New()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n := 0
	for sc.Scan() {
		var c evalCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatalf("bad row: %v", err)
		}
		n++
		checkCase(t, r, c)
	}
	if n == 0 {
		t.Fatal("empty eval set")
	}
}

func checkCase(t *testing.T, r *Redactor, c evalCase) bool {
	t.Helper()
	res := r.Redact(c.Text)
	if !utf8.ValidString(res.Text) {
		t.Errorf("%s: invalid UTF-8 output", c.Kind)
		return false
	}
	if !c.Secret {
		if res.Text != c.Text {
			t.Errorf("%s: false positive:\n in: %q\nout: %q", c.Kind, c.Text, res.Text)
			return false
		}
		return true
	}
	if !res.Redacted() {
		t.Errorf("%s: nothing redacted: %q", c.Kind, c.Text)
		return false
	}
	if w := leaked(res.Text, c.MustNotContain); w != "" {
		t.Errorf("%s: leaked %q:\n in: %q\nout: %q", c.Kind, w, c.Text, res.Text)
		return false
	}
	return true
}
