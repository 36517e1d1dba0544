package main

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/walletdesk/walletdesk/internal/store"
)

// secretKeyName is the key's file in the data directory when
// --secret-key-file does not name another.
const secretKeyName = "secret.key"

// secretKey reads the key that seals the secrets the database keeps
// (agents' TOTP seeds): hex in a file of its own, so that the database and
// its backups alone give none of them away. The default file in the data
// directory is created on first use; a file named by --secret-key-file must
// exist, since replicas of one database have to share it.
func secretKey(c Config) ([]byte, error) {
	path, create := secretKeyPath(c), c.SecretKeyFile == ""
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) && create {
		return createSecretKey(path)
	}
	if err != nil {
		return nil, fmt.Errorf("secret key: %w", err)
	}
	key, err := hex.DecodeString(strings.TrimSpace(string(b)))
	if err != nil || len(key) != store.SecretKeySize {
		return nil, fmt.Errorf("secret key %s: want %d bytes in hex (%d characters)", path, store.SecretKeySize, 2*store.SecretKeySize)
	}
	return key, nil
}

func secretKeyPath(c Config) string {
	if c.SecretKeyFile != "" {
		return c.SecretKeyFile
	}
	return filepath.Join(c.DataDir, secretKeyName)
}

func createSecretKey(path string) ([]byte, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("secret key: %w", err)
	}
	key := make([]byte, store.SecretKeySize)
	rand.Read(key)
	// O_EXCL: a CLI command started beside a first-starting server must not
	// write a second key over the first.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return secretKey(Config{SecretKeyFile: path})
	}
	if err != nil {
		return nil, fmt.Errorf("secret key: %w", err)
	}
	if _, err := fmt.Fprintln(f, hex.EncodeToString(key)); err != nil {
		f.Close()
		return nil, fmt.Errorf("secret key: %w", err)
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("secret key: %w", err)
	}
	return key, nil
}
