package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSecretKeyFile(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	k1, err := secretKey(Config{DataDir: data})
	if err != nil || len(k1) != 32 {
		t.Fatalf("first use: %d bytes, %v", len(k1), err)
	}
	path := filepath.Join(data, "secret.key")
	st, err := os.Stat(path)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v %v", st.Mode(), err)
	}
	k2, err := secretKey(Config{DataDir: data})
	if err != nil || !bytes.Equal(k1, k2) {
		t.Errorf("second use gave another key (%v)", err)
	}
	// Named by --secret-key-file: read, never created.
	named := filepath.Join(t.TempDir(), "shared.key")
	if _, err := secretKey(Config{DataDir: data, SecretKeyFile: named}); err == nil {
		t.Error("a missing named key file was accepted")
	}
	if _, err := os.Stat(named); err == nil {
		t.Error("a missing named key file was created")
	}
	os.WriteFile(named, []byte("  "+strings.Repeat("ab", 32)+"\n"), 0o600)
	if k, err := secretKey(Config{DataDir: data, SecretKeyFile: named}); err != nil || k[0] != 0xab {
		t.Errorf("named key: %x %v", k, err)
	}
	for _, bad := range []string{"", "not hex", strings.Repeat("ab", 31), strings.Repeat("ab", 33)} {
		os.WriteFile(named, []byte(bad), 0o600)
		if _, err := secretKey(Config{SecretKeyFile: named}); err == nil || !strings.Contains(err.Error(), "64 characters") {
			t.Errorf("%q: %v", bad, err)
		}
	}
}
