package redact

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWordlistsMatchBIP39 hashes the lists this package takes from its Go
// module, joined as the official files are (word + "\n"), and compares them
// with the pinned SHA256SUMS of bitcoin/bips. The directory comes from
// WALLETDESK_BIP39_DIR, by default the project's shared folder.
func TestWordlistsMatchBIP39(t *testing.T) {
	dir := os.Getenv("WALLETDESK_BIP39_DIR")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "bip39")
	}
	f, err := os.Open(filepath.Join(dir, "SHA256SUMS"))
	if err != nil {
		t.Skipf("no SHA256SUMS: %v", err)
	}
	defer f.Close()
	want := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) == 2 {
			want[strings.TrimSuffix(fields[1], ".txt")] = fields[0]
		}
	}
	if len(want) != 10 {
		t.Fatalf("SHA256SUMS lists %d files, want 10", len(want))
	}
	lists := sourceLists()
	for l := lang(0); l < numLangs; l++ {
		name := langNames[l]
		sum, ok := want[name]
		if !ok {
			t.Errorf("%s: not in SHA256SUMS", name)
			continue
		}
		if len(lists[l]) == 0 {
			// No served Go module ships Portuguese (see README.md).
			t.Logf("%s: no list in the module; phrases caught by the labelled fallback only", name)
			continue
		}
		if len(lists[l]) != 2048 {
			t.Errorf("%s: %d words, want 2048", name, len(lists[l]))
		}
		h := sha256.New()
		for _, w := range lists[l] {
			h.Write([]byte(w + "\n"))
		}
		if got := hex.EncodeToString(h.Sum(nil)); got != sum {
			t.Errorf("%s: sha256 %s, want %s", name, got, sum)
		}
	}
}
