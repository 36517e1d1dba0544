package chain

import (
	"encoding/hex"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// abiError encodes Error(reason) the way Solidity does.
func abiError(reason string) []byte {
	b, _ := hex.DecodeString("08c379a0" +
		"0000000000000000000000000000000000000000000000000000000000000020")
	n := make([]byte, 32)
	n[31] = byte(len(reason))
	b = append(b, n...)
	padded := make([]byte, (len(reason)+31)/32*32)
	copy(padded, reason)
	return append(b, padded...)
}

type dataErr struct {
	msg  string
	data any
}

func (e dataErr) Error() string  { return e.msg }
func (e dataErr) ErrorData() any { return e.data }
func (e dataErr) ErrorCode() int { return 3 }

func TestDecodeRevert(t *testing.T) {
	panic11, _ := hex.DecodeString("4e487b71" + strings.Repeat("0", 62) + "11")
	cases := []struct {
		name string
		in   []byte
		want string
	}{
		{"error string", abiError("Ownable: caller is not the owner"), "Ownable: caller is not the owner"},
		{"control characters dropped", abiError("bad\x00\nthing"), "badthing"},
		{"panic overflow", panic11, "panic 0x11"},
		{"custom error", []byte{0xde, 0xad, 0xbe, 0xef}, ""},
		{"truncated", abiError("hello")[:40], ""},
		{"empty", nil, ""},
	}
	for _, c := range cases {
		if got := decodeRevert(c.in); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
	long := decodeRevert(abiError(strings.Repeat("é", 150)))
	if !utf8.ValidString(long) || len(long) > maxReasonLen+len("…") {
		t.Errorf("long reason not bounded on a rune boundary: %d bytes", len(long))
	}
}

func TestRevertReason(t *testing.T) {
	cases := []struct {
		name   string
		err    error
		reason string
		ok     bool
	}{
		{"data", dataErr{"execution reverted", "0x" + hex.EncodeToString(abiError("nope"))}, "nope", true},
		{"message only", errors.New("execution reverted: Pausable: paused"), "Pausable: paused", true},
		{"custom error data", dataErr{"execution reverted", "0xdeadbeef"}, "", true},
		{"not a revert", errors.New("missing trie node"), "", false},
		{"nil", nil, "", false},
	}
	for _, c := range cases {
		r, ok := revertReason(c.err)
		if r != c.reason || ok != c.ok {
			t.Errorf("%s: %q %v, want %q %v", c.name, r, ok, c.reason, c.ok)
		}
	}
}

func FuzzDecodeRevert(f *testing.F) {
	f.Add(abiError("reason"))
	f.Add([]byte{0x08, 0xc3, 0x79, 0xa0})
	f.Add(append([]byte{0x08, 0xc3, 0x79, 0xa0}, make([]byte, 64)...))
	f.Fuzz(func(t *testing.T, b []byte) {
		r := decodeRevert(b)
		if !utf8.ValidString(r) || len(r) > maxReasonLen+len("…") {
			t.Fatalf("reason %q", r)
		}
		for _, c := range r {
			if c < 0x20 {
				t.Fatalf("control character in %q", r)
			}
		}
	})
}
