package chain

import (
	"encoding/hex"
	"errors"
	"math/big"
	"strings"
	"unicode/utf8"

	"github.com/ethereum/go-ethereum/rpc"
)

var (
	selectorError = []byte{0x08, 0xc3, 0x79, 0xa0} // Error(string)
	selectorPanic = []byte{0x4e, 0x48, 0x7b, 0x71} // Panic(uint256)
)

// maxReasonLen bounds a revert reason shown to a user; contracts may return
// anything.
const maxReasonLen = 200

// decodeRevert turns ABI revert data into a readable reason: the string of
// Error(string), "panic 0x11" for Panic(uint256), "" when it is neither (a
// custom error needs the contract's ABI).
func decodeRevert(data []byte) string {
	switch {
	case len(data) >= 4 && string(data[:4]) == string(selectorError):
		return decodeABIString(data[4:])
	case len(data) == 36 && string(data[:4]) == string(selectorPanic):
		code := new(big.Int).SetBytes(data[4:])
		if !code.IsUint64() {
			return ""
		}
		return "panic 0x" + code.Text(16)
	}
	return ""
}

// decodeABIString decodes a single ABI-encoded dynamic string argument,
// rejecting offsets and lengths that point outside the data.
func decodeABIString(b []byte) string {
	if len(b) < 64 {
		return ""
	}
	off := new(big.Int).SetBytes(b[:32])
	if !off.IsUint64() || off.Uint64() > uint64(len(b)-32) {
		return ""
	}
	o := off.Uint64()
	n := new(big.Int).SetBytes(b[o : o+32])
	if !n.IsUint64() || n.Uint64() > uint64(len(b))-o-32 {
		return ""
	}
	return cleanReason(string(b[o+32 : o+32+n.Uint64()]))
}

// cleanReason keeps printable text only and bounds its length.
func cleanReason(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "")
	}
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)
	s = strings.TrimSpace(s)
	if len(s) > maxReasonLen {
		cut := maxReasonLen
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}

// revertReason extracts a reason from an eth_call error: first the error
// data (hex revert payload), then the "execution reverted: <reason>" text
// that some nodes give without data. ok is false when err is not a revert.
func revertReason(err error) (reason string, ok bool) {
	if err == nil {
		return "", false
	}
	var de rpc.DataError
	if errors.As(err, &de) {
		if s, isStr := de.ErrorData().(string); isStr {
			if b, herr := hex.DecodeString(strings.TrimPrefix(s, "0x")); herr == nil {
				if r := decodeRevert(b); r != "" {
					return r, true
				}
			}
		}
	}
	msg := err.Error()
	if i := strings.Index(msg, "execution reverted"); i >= 0 {
		rest := strings.TrimPrefix(msg[i+len("execution reverted"):], ":")
		return cleanReason(rest), true
	}
	if strings.Contains(msg, "revert") {
		return "", true
	}
	return "", false
}
