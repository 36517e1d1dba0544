package web

import "github.com/walletdesk/walletdesk/internal/redact"

// Redactor removes secrets from inbound text before anything else sees it.
type Redactor interface {
	Redact(text string) redact.Result
}
