package ticket

import (
	"math"
	"net/mail"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/triage"
)

// Chains a requester may name. EVM chains share hash and address formats.
var (
	evmChains   = map[string]bool{"ethereum": true, "bsc": true, "polygon": true, "arbitrum": true, "optimism": true, "base": true, "avalanche": true}
	otherChains = map[string]bool{"bitcoin": true, "tron": true, "solana": true, "other": true}
)

// Chains lists the chain names the request form offers.
func Chains() []string {
	return []string{"ethereum", "bsc", "polygon", "arbitrum", "optimism", "base", "avalanche", "bitcoin", "tron", "solana", "other"}
}

var (
	hex64      = regexp.MustCompile(`^[0-9a-fA-F]{64}$`)
	evmHash    = regexp.MustCompile(`^0x[0-9a-fA-F]{64}$`)
	evmAddr    = regexp.MustCompile(`^0x[0-9a-fA-F]{40}$`)
	tronAddr   = regexp.MustCompile(`^T[1-9A-HJ-NP-Za-km-z]{33}$`)
	btcAddr    = regexp.MustCompile(`^([13][1-9A-HJ-NP-Za-km-z]{25,34}|(bc1|tb1)[02-9ac-hj-np-z]{11,71})$`)
	base58Any  = regexp.MustCompile(`^[1-9A-HJ-NP-Za-km-z]{32,90}$`)
	genericRef = regexp.MustCompile(`^[0-9A-Za-z]{8,128}$`)
)

// Draft is a new request as submitted, before redaction.
type Draft struct {
	Email     string
	Subject   string
	Body      string
	Locale    desk.Locale
	Category  triage.Category
	AmountUSD float64
	Chain     string
	TxHash    string
	Address   string
	Urgent    bool
}

// normalize trims and lower-cases what has one canonical form.
func (d *Draft) normalize() {
	d.Email = strings.ToLower(strings.TrimSpace(d.Email))
	d.Subject = strings.TrimSpace(d.Subject)
	d.Body = strings.TrimSpace(d.Body)
	d.Chain = strings.ToLower(strings.TrimSpace(d.Chain))
	d.TxHash = strings.TrimSpace(d.TxHash)
	d.Address = strings.TrimSpace(d.Address)
}

// validate checks every field and reports all problems at once, each as a
// code the web layer localizes.
func (d Draft) validate() error {
	f := map[string]string{}
	switch {
	case d.Email == "":
		f["email"] = "required"
	case len(d.Email) > MaxEmailBytes:
		f["email"] = "too_long"
	default:
		a, err := mail.ParseAddress(d.Email)
		if err != nil || a.Address != d.Email || !strings.Contains(d.Email[strings.LastIndexByte(d.Email, '@'):], ".") {
			f["email"] = "email_invalid"
		}
	}
	checkText(f, "subject", d.Subject, MaxSubjectRunes)
	checkText(f, "body", d.Body, MaxBodyRunes)
	if !d.Locale.Valid() {
		f["locale"] = "locale_unsupported"
	}
	if d.Category != "" && !d.Category.Valid() {
		f["category"] = "invalid"
	}
	if math.IsNaN(d.AmountUSD) || d.AmountUSD < 0 || d.AmountUSD > 1e12 {
		f["amount_usd"] = "amount_invalid"
	}
	if d.Chain != "" && !evmChains[d.Chain] && !otherChains[d.Chain] {
		f["chain"] = "chain_unknown"
	}
	if d.TxHash != "" {
		if code := checkHash(d.Chain, d.TxHash); code != "" {
			f["tx_hash"] = code
		}
	}
	if d.Address != "" {
		if code := checkAddress(d.Chain, d.Address); code != "" {
			f["address"] = code
		}
	}
	if len(f) > 0 {
		return desk.Invalid("invalid_input", f)
	}
	return nil
}

func checkText(f map[string]string, field, s string, max int) {
	switch {
	case s == "":
		f[field] = "required"
	case !utf8.ValidString(s):
		f[field] = "invalid"
	case utf8.RuneCountInString(s) > max:
		f[field] = "too_long"
	}
}

// checkHash validates a transaction hash for chain ("" when the chain is
// not given: any known format). A bare 64-hex string on an EVM chain is
// refused: EVM hashes are written with 0x, and bare 64-hex is how wallets
// export private keys.
func checkHash(chain, h string) string {
	switch {
	case evmChains[chain]:
		if evmHash.MatchString(h) {
			return ""
		}
		if hex64.MatchString(h) {
			return "hash_without_0x"
		}
		return "hash_format"
	case chain == "bitcoin" || chain == "tron":
		if hex64.MatchString(h) {
			return ""
		}
		return "hash_format"
	case chain == "solana":
		if base58Any.MatchString(h) {
			return ""
		}
		return "hash_format"
	case chain == "":
		if evmHash.MatchString(h) || hex64.MatchString(h) {
			return ""
		}
		return "hash_format"
	}
	if genericRef.MatchString(h) || evmHash.MatchString(h) {
		return ""
	}
	return "hash_format"
}

func checkAddress(chain, a string) string {
	ok := false
	switch {
	case evmChains[chain]:
		ok = evmAddr.MatchString(a)
	case chain == "tron":
		ok = tronAddr.MatchString(a)
	case chain == "bitcoin":
		ok = btcAddr.MatchString(a)
	case chain == "solana":
		ok = base58Any.MatchString(a) && len(a) <= 44
	default:
		ok = evmAddr.MatchString(a) || tronAddr.MatchString(a) || btcAddr.MatchString(a) || (len(a) <= 128 && genericRef.MatchString(a))
	}
	if ok {
		return ""
	}
	return "address_format"
}
