package identity

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/walletdesk/walletdesk/internal/desk"
)

// Scope limits what an API token may do. A token never exceeds its owner's
// role: a scope is granted only when the role has the matching permission,
// and every request is checked against the owner's current role.
type Scope string

const (
	ScopeTicketsRead  Scope = "tickets:read"  // the queue and requests
	ScopeTicketsWrite Scope = "tickets:write" // replies, notes, status, severity, assignment
)

// Scopes lists every scope.
var Scopes = []Scope{ScopeTicketsRead, ScopeTicketsWrite}

// Permission is the role permission a scope needs.
func (s Scope) Permission() Permission {
	switch s {
	case ScopeTicketsRead:
		return PermTicketRead
	case ScopeTicketsWrite:
		return PermTicketReply
	}
	return ""
}

// Valid reports whether s is a known scope.
func (s Scope) Valid() bool { return s.Permission() != "" }

// ParseScopes reads scopes separated by commas or spaces. Duplicates are
// dropped; an unknown scope makes ok false.
func ParseScopes(s string) ([]Scope, bool) {
	var out []Scope
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }) {
		sc := Scope(strings.ToLower(f))
		if !sc.Valid() {
			return nil, false
		}
		dup := false
		for _, x := range out {
			dup = dup || x == sc
		}
		if !dup {
			out = append(out, sc)
		}
	}
	return out, true
}

// APIToken is a personal access token for the agent API. The secret is
// shown once at creation; the store keeps its hash.
type APIToken struct {
	ID         int64
	AgentID    int64
	Name       string
	Scopes     []Scope
	Prefix     string // the first characters, to recognise a token in a list
	TokenHash  string
	CreatedAt  time.Time
	LastUsedAt time.Time
	RevokedAt  time.Time
}

// Has reports whether the token carries scope sc.
func (t *APIToken) Has(sc Scope) bool {
	for _, x := range t.Scopes {
		if x == sc {
			return true
		}
	}
	return false
}

// Active reports whether the token has not been revoked.
func (t *APIToken) Active() bool { return t.RevokedAt.IsZero() }

func validateToken(name string, scopes []Scope, owner Agent) (string, error) {
	fields := map[string]string{}
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		fields["name"] = "required"
	case utf8.RuneCountInString(name) > 80:
		fields["name"] = "too_long"
	}
	if len(scopes) == 0 {
		fields["scopes"] = "required"
	}
	for _, sc := range scopes {
		if !sc.Valid() {
			fields["scopes"] = "scope_invalid"
		} else if !owner.Role.Can(sc.Permission()) {
			fields["scopes"] = "scope_not_allowed"
		}
	}
	if len(fields) > 0 {
		return "", desk.Invalid("invalid_input", fields)
	}
	return name, nil
}

func formatScopes(ss []Scope) string {
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = string(s)
	}
	return strings.Join(parts, " ")
}
