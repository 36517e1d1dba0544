package chain

import (
	"crypto/sha256"
	"strings"

	"github.com/ethereum/go-ethereum/common"
)

// Hash formats: EVM hashes are 0x + 64 hex; Bitcoin and TRON ids are 64 hex
// without a prefix. Validation happens before any node is asked, so a bad
// hash never costs a request.

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// normalizeEVMHash returns the lower-case form of an EVM transaction hash.
func normalizeEVMHash(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if len(s) != 66 || (s[:2] != "0x" && s[:2] != "0X") || !isHex(s[2:]) {
		return "", false
	}
	return "0x" + strings.ToLower(s[2:]), true
}

// normalizeTxID returns the lower-case form of a Bitcoin or TRON txid.
func normalizeTxID(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if len(s) != 64 || !isHex(s) {
		return "", false
	}
	return strings.ToLower(s), true
}

// normalizeHash validates hash for kind.
func normalizeHash(kind Kind, hash string) (string, bool) {
	if kind == KindEVM {
		return normalizeEVMHash(hash)
	}
	return normalizeTxID(hash)
}

// normalizeEVMAddress accepts 0x + 40 hex; a mixed-case address must carry a
// valid EIP-55 checksum (a wrong one usually means a typo). The result is
// lower-case.
func normalizeEVMAddress(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if len(s) != 42 || (s[:2] != "0x" && s[:2] != "0X") || !isHex(s[2:]) {
		return "", false
	}
	body := s[2:]
	if body != strings.ToLower(body) && body != strings.ToUpper(body) {
		if common.HexToAddress(s).Hex()[2:] != body {
			return "", false
		}
	}
	return "0x" + strings.ToLower(body), true
}

// validTronAddress accepts the base58check form (T..., 34 characters,
// version byte 0x41).
func validTronAddress(s string) bool {
	if len(s) != 34 || s[0] != 'T' {
		return false
	}
	payload, ok := base58Check(s)
	return ok && len(payload) == 21 && payload[0] == 0x41
}

// validBitcoinAddress accepts base58check P2PKH/P2SH (mainnet and testnet
// versions) and bech32/bech32m segwit addresses (bc, tb, bcrt): an Esplora
// endpoint may serve any of these networks.
func validBitcoinAddress(s string) bool {
	if len(s) < 14 || len(s) > 90 {
		return false
	}
	lower := strings.ToLower(s)
	if strings.HasPrefix(lower, "bc1") || strings.HasPrefix(lower, "tb1") || strings.HasPrefix(lower, "bcrt1") {
		return validSegwitAddress(s)
	}
	payload, ok := base58Check(s)
	if !ok || len(payload) != 21 {
		return false
	}
	switch payload[0] {
	case 0x00, 0x05, 0x6f, 0xc4:
		return true
	}
	return false
}

// normalizeAddress validates addr for kind and returns the form used in
// comparisons (lower-case for EVM and bech32; base58 is case-sensitive).
func normalizeAddress(kind Kind, addr string) (string, bool) {
	addr = strings.TrimSpace(addr)
	switch kind {
	case KindEVM:
		return normalizeEVMAddress(addr)
	case KindTronGrid:
		return addr, validTronAddress(addr)
	case KindEsplora:
		if !validBitcoinAddress(addr) {
			return "", false
		}
		if l := strings.ToLower(addr); strings.HasPrefix(l, "bc1") || strings.HasPrefix(l, "tb1") || strings.HasPrefix(l, "bcrt1") {
			return l, true
		}
		return addr, true
	}
	return "", false
}

const base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

// base58Decode decodes Bitcoin-alphabet base58. Inputs are short (addresses),
// so the quadratic schoolbook conversion is fine; callers bound the length.
func base58Decode(s string) ([]byte, bool) {
	if len(s) == 0 || len(s) > 64 {
		return nil, false
	}
	var out []byte // big-endian, without the leading zero bytes
	for i := 0; i < len(s); i++ {
		d := strings.IndexByte(base58Alphabet, s[i])
		if d < 0 {
			return nil, false
		}
		carry := d
		for j := len(out) - 1; j >= 0; j-- {
			carry += int(out[j]) * 58
			out[j] = byte(carry)
			carry >>= 8
		}
		for carry > 0 {
			out = append([]byte{byte(carry)}, out...)
			carry >>= 8
		}
	}
	zeros := 0
	for zeros < len(s) && s[zeros] == '1' {
		zeros++
	}
	return append(make([]byte, zeros), out...), true
}

// base58Check decodes s and verifies its 4-byte double-SHA256 checksum.
func base58Check(s string) ([]byte, bool) {
	b, ok := base58Decode(s)
	if !ok || len(b) < 5 {
		return nil, false
	}
	payload, sum := b[:len(b)-4], b[len(b)-4:]
	h := sha256.Sum256(payload)
	h = sha256.Sum256(h[:])
	if string(h[:4]) != string(sum) {
		return nil, false
	}
	return payload, true
}

const bech32Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"

func bech32Polymod(values []byte) uint32 {
	gen := [5]uint32{0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3}
	chk := uint32(1)
	for _, v := range values {
		top := chk >> 25
		chk = (chk&0x1ffffff)<<5 ^ uint32(v)
		for i := 0; i < 5; i++ {
			if (top>>i)&1 == 1 {
				chk ^= gen[i]
			}
		}
	}
	return chk
}

// validSegwitAddress checks a BIP173/BIP350 address: charset, single case,
// checksum constant matching the witness version, and program length.
func validSegwitAddress(s string) bool {
	if strings.ToLower(s) != s && strings.ToUpper(s) != s {
		return false
	}
	s = strings.ToLower(s)
	sep := strings.LastIndexByte(s, '1')
	if sep < 1 || sep+7 > len(s) {
		return false
	}
	hrp, data := s[:sep], s[sep+1:]
	values := make([]byte, 0, len(hrp)*2+1+len(data))
	for i := 0; i < len(hrp); i++ {
		values = append(values, hrp[i]>>5)
	}
	values = append(values, 0)
	for i := 0; i < len(hrp); i++ {
		values = append(values, hrp[i]&31)
	}
	for i := 0; i < len(data); i++ {
		d := strings.IndexByte(bech32Charset, data[i])
		if d < 0 {
			return false
		}
		values = append(values, byte(d))
	}
	const bech32Const, bech32mConst = 1, 0x2bc830a3
	chk := bech32Polymod(values)
	words := values[len(values)-len(data) : len(values)-6]
	if len(words) < 1 {
		return false
	}
	version := words[0]
	if version > 16 || (version == 0) != (chk == bech32Const) || (version != 0) != (chk == bech32mConst) {
		return false
	}
	prog, ok := convertBits5to8(words[1:])
	if !ok || len(prog) < 2 || len(prog) > 40 {
		return false
	}
	return version != 0 || len(prog) == 20 || len(prog) == 32
}

func convertBits5to8(in []byte) ([]byte, bool) {
	var acc, bits uint32
	var out []byte
	for _, v := range in {
		acc = acc<<5 | uint32(v)
		bits += 5
		for bits >= 8 {
			bits -= 8
			out = append(out, byte(acc>>bits))
		}
		acc &= 1<<bits - 1
	}
	if bits >= 5 || acc != 0 {
		return nil, false
	}
	return out, true
}
