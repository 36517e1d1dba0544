package triage

// Category is the topic group a requester picks on the request form.
type Category string

const (
	AccountAccess Category = "account_access"
	Transactions  Category = "transactions"
	Security      Category = "security"
	Other         Category = "other"
)

// Valid reports whether c is one of the four form categories.
func (c Category) Valid() bool {
	switch c {
	case AccountAccess, Transactions, Security, Other:
		return true
	}
	return false
}

// Topics returns the help-center slugs of DESIGN.md that Classify may return
// as Result.Topic.
func Topics() []string {
	return []string{
		"create-wallet", "backup-recovery-phrase", "import-wallet", "receive-crypto",
		"send-crypto", "connect-dapp", "hardware-wallet",
		"import-phrase-errors", "lost-recovery-phrase", "forgot-password",
		"different-address-after-import",
		"transaction-pending", "speed-up-cancel", "transaction-failed",
		"transaction-not-found", "network-fees", "insufficient-gas", "tron-resources",
		"wrong-network", "exchange-deposit-missing", "token-not-showing",
		"bitcoin-unconfirmed", "swap-failed",
		"wallet-stolen", "phrase-exposed", "token-approvals", "phishing-signatures",
		"fake-support-scams", "verify-official-channels", "address-poisoning",
		"contact-support",
	}
}

// IsTopic reports whether slug is a help-center topic Classify may return.
func IsTopic(slug string) bool { return slug != "" && TopicCategory(slug) != "" }

// TopicCategory returns the form category a help-center slug belongs to, ""
// for an unknown slug.
func TopicCategory(slug string) Category {
	switch slug {
	case "create-wallet", "connect-dapp", "hardware-wallet", "contact-support":
		return Other
	case "backup-recovery-phrase", "wallet-stolen", "phrase-exposed", "token-approvals",
		"phishing-signatures", "fake-support-scams", "verify-official-channels",
		"address-poisoning":
		return Security
	case "import-wallet", "import-phrase-errors", "lost-recovery-phrase", "forgot-password",
		"different-address-after-import":
		return AccountAccess
	case "receive-crypto", "send-crypto", "transaction-pending", "speed-up-cancel",
		"transaction-failed", "transaction-not-found", "network-fees", "insufficient-gas",
		"tron-resources", "wrong-network", "exchange-deposit-missing", "token-not-showing",
		"bitcoin-unconfirmed", "swap-failed":
		return Transactions
	}
	return ""
}
