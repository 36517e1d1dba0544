package store

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"strings"

	"github.com/walletdesk/walletdesk/internal/desk"
)

// SecretKeySize is the length of Config.SecretKey: an AES-256 key.
const SecretKeySize = 32

// sealPrefix marks a value sealed with the secret key (version 1:
// AES-256-GCM, a random 96-bit nonce before the ciphertext, base64).
const sealPrefix = "v1:"

// sealer encrypts the few secrets the server must be able to read back
// (agents' TOTP seeds) with a key kept outside the database, so that a
// copy of the database alone does not give away anyone's second factor.
// What the server only has to recognise (passwords, tokens) is hashed
// instead.
type sealer struct{ aead cipher.AEAD }

func newSealer(key []byte) (*sealer, error) {
	if len(key) != SecretKeySize {
		return nil, desk.Errorf(desk.KindInvalid, "config_secret_key", "the secret key must be %d bytes, not %d", SecretKeySize, len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &sealer{aead: aead}, nil
}

// seal encrypts b for the column named by what (authenticated, so a value
// cannot be moved to another column); nil seals to "".
func (s *sealer) seal(b []byte, what string) string {
	if b == nil {
		return ""
	}
	nonce := make([]byte, s.aead.NonceSize())
	rand.Read(nonce)
	return sealPrefix + base64.RawStdEncoding.EncodeToString(s.aead.Seal(nonce, nonce, b, []byte(what)))
}

var errUnsealable = errors.New("sealed with another secret key, or damaged")

// open decrypts a value of seal; "" opens to nil.
func (s *sealer) open(v, what string) ([]byte, error) {
	if v == "" {
		return nil, nil
	}
	raw, err := base64.RawStdEncoding.DecodeString(strings.TrimPrefix(v, sealPrefix))
	if !strings.HasPrefix(v, sealPrefix) || err != nil || len(raw) < s.aead.NonceSize() {
		return nil, errUnsealable
	}
	n := s.aead.NonceSize()
	b, err := s.aead.Open(nil, raw[:n], raw[n:], []byte(what))
	if err != nil {
		return nil, errUnsealable
	}
	return b, nil
}
