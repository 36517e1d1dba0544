package chain

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/walletdesk/walletdesk/internal/desk"
)

// Every locale has every English key with the same placeholders, so that
// no user sees English by accident or a "?" for a missing number.
func TestCatalogsComplete(t *testing.T) {
	for _, loc := range desk.Locales {
		cat := catalogs[loc]
		for key, en := range messagesEN {
			tmpl, ok := cat[key]
			if !ok {
				t.Errorf("%s: missing %q", loc, key)
				continue
			}
			want, got := placeholders(en), placeholders(tmpl)
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(slices.Compact(want), slices.Compact(got)) {
				t.Errorf("%s %q: placeholders %v, English has %v", loc, key, got, want)
			}
		}
		for key := range cat {
			if _, ok := messagesEN[key]; !ok {
				t.Errorf("%s: %q is not an English key", loc, key)
			}
		}
	}
}

// Every template key the code uses exists (keys are string literals in
// newFact/variant calls).
func TestCodeKeysHaveMessages(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	re := regexp.MustCompile(`(newFact|variant)\("([a-z0-9_]+)"(?:, "([a-z0-9_]+)")?`)
	reMap := regexp.MustCompile(`map\[bool\]string\{true: "([a-z0-9_]+)", false: "([a-z0-9_]+)"\}`)
	found := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			key := m[2]
			if m[1] == "variant" {
				if m[3] == "" {
					continue // the key is computed; reMap below checks the usual form
				}
				key = m[3]
			}
			found++
			if _, ok := messagesEN[key]; !ok {
				t.Errorf("%s uses %q, which has no message", f, key)
			}
		}
		for _, m := range reMap.FindAllStringSubmatch(string(b), -1) {
			for _, key := range m[1:] {
				found++
				if _, ok := messagesEN[key]; !ok {
					t.Errorf("%s uses %q, which has no message", f, key)
				}
			}
		}
	}
	if found < 40 {
		t.Fatalf("found only %d keys: the pattern no longer matches the code", found)
	}
}

func TestRender(t *testing.T) {
	data := map[string]any{"nonce": uint64(41), "energy_used": int64(130285), "chains": []string{"bsc", "ethereum"}}
	cases := []struct {
		loc  desk.Locale
		key  string
		want string
	}{
		{desk.English, "unblock_earlier", "First speed up or cancel nonce ?; this one follows on its own."},
		{desk.English, "fill_nonce", "First send a transaction with nonce ? (or cancel it: 0 to your own address with nonce ?); the waiting ones follow on their own."},
		{desk.Chinese, "not_found", "已检查的网络（bsc、ethereum）都找不到这笔交易。它可能从未广播、已从交易池过期，或者哈希有输入错误。"},
		{desk.English, "not_found", "None of the checked networks (bsc, ethereum) knows this transaction. It was never broadcast, it expired from the pool, or the hash has a typo."},
		{desk.Locale("ko"), "check_again", "Check again in a minute or two."},
		{desk.English, "no_such_key", "no_such_key"},
	}
	for _, c := range cases {
		if got := render(c.loc, c.key, data); got != c.want {
			t.Errorf("%s %s:\n got %q\nwant %q", c.loc, c.key, got, c.want)
		}
	}
	got := render(desk.English, "tron_next_time", map[string]any{"energy_used": int64(130285), "free_bandwidth": 600, "transfer_bandwidth": 345})
	if !strings.Contains(got, "this one used 130,285") || !strings.Contains(got, "600 free bandwidth") {
		t.Errorf("grouping: %q", got)
	}
}
