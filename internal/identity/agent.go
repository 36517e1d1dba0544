package identity

import (
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/walletdesk/walletdesk/internal/desk"
)

// DefaultOpenCap is how many open requests automatic assignment gives one
// agent at most, unless the agent's own cap says otherwise.
const DefaultOpenCap = 20

// Agent is a person who works in the console. It carries no secret: what
// proves who they are lives in Credentials.
type Agent struct {
	ID        int64
	Email     string // lower-cased, unique
	Name      string
	Role      Role
	Languages []desk.Locale // locales the agent answers in, for assignment
	OpenCap   int           // most open requests assignment gives them
	// TOTPEnabled says a second factor is enrolled; RecoveryLeft is how
	// many unused recovery codes remain.
	TOTPEnabled  bool
	RecoveryLeft int
	// MustChangePassword is set for an invited agent until they choose
	// their own password.
	MustChangePassword bool
	Disabled           bool
	CreatedAt          time.Time
	LastSeenAt         time.Time // last console activity; zero after sign-out
}

// Can reports whether the agent may do p: an enabled agent whose role
// grants it.
func (a *Agent) Can(p Permission) bool { return a != nil && !a.Disabled && a.Role.Can(p) }

// Speaks reports whether the agent answers in loc.
func (a *Agent) Speaks(loc desk.Locale) bool {
	for _, l := range a.Languages {
		if l == loc {
			return true
		}
	}
	return false
}

// Credentials are the secrets and throttling state of an agent. They stay
// inside this package and the store.
type Credentials struct {
	PasswordHash string
	TOTPSecret   []byte // nil until enrolled
	// TOTPUnreadable: a second factor is enrolled, but the server's secret
	// key does not open it (another key, or a lost one). Sign-in then
	// fails closed, except with a recovery code, until the key is
	// restored or an admin resets the factor.
	TOTPUnreadable bool
	TOTPPending    []byte // secret shown during enrolment, not yet confirmed
	TOTPLastStep   int64  // last accepted time step: a code is never accepted twice
	RecoveryCodes  []string
	// FailedSignins counts consecutive failures (password or second
	// factor); LockedUntil refuses sign-in until then.
	FailedSignins int
	LockedUntil   time.Time
}

// AgentRecord is an agent with its credentials, as the store keeps it.
// RecoveryCodes holds the hashes of the unused codes.
type AgentRecord struct {
	Agent
	Credentials
}

// AgentChange is what an update adds beside the agent's new state, all in
// one transaction.
type AgentChange struct {
	Audit []Entry
	// RecoveryCodes, when not nil, replaces every recovery code (hashes).
	RecoveryCodes []string
	// UseRecoveryCode marks one code (hash) used.
	UseRecoveryCode string
	// EndSessions deletes every session of the agent (password change,
	// second factor reset, disabling) except KeepSession (a token hash).
	EndSessions bool
	KeepSession string
}

// NewAgent is what creating an agent takes.
type NewAgent struct {
	Email     string
	Name      string
	Role      Role
	Languages []desk.Locale
	OpenCap   int // 0 means DefaultOpenCap
}

// NormalizeEmail lower-cases and trims an address; ok is false when it is
// not a plain address (no display name, one @, a dot-free local part is
// fine, a domain is required).
func NormalizeEmail(s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" || len(s) > 254 || strings.ContainsAny(s, " <>\"\r\n\t") {
		return "", false
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" {
		return "", false
	}
	local, domain, ok := strings.Cut(s, "@")
	if !ok || local == "" || domain == "" || strings.Contains(domain, "@") {
		return "", false
	}
	return s, true
}

// ParseLanguages reads a comma-separated list of locales ("en,ja").
// Duplicates are dropped; an unknown locale is an error.
func ParseLanguages(s string) ([]desk.Locale, bool) {
	var out []desk.Locale
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		l, ok := desk.ParseLocale(part)
		if !ok {
			return nil, false
		}
		dup := false
		for _, x := range out {
			dup = dup || x == l
		}
		if !dup {
			out = append(out, l)
		}
	}
	return out, true
}

// FormatLanguages is the inverse of ParseLanguages.
func FormatLanguages(ls []desk.Locale) string {
	parts := make([]string, len(ls))
	for i, l := range ls {
		parts[i] = string(l)
	}
	return strings.Join(parts, ",")
}

// validate checks and normalizes a new agent, collecting every problem.
func (n *NewAgent) validate() error {
	fields := map[string]string{}
	if e, ok := NormalizeEmail(n.Email); ok {
		n.Email = e
	} else {
		fields["email"] = "email_invalid"
	}
	n.Name = strings.TrimSpace(n.Name)
	switch {
	case n.Name == "":
		fields["name"] = "required"
	case utf8.RuneCountInString(n.Name) > 100:
		fields["name"] = "too_long"
	}
	if !n.Role.Valid() {
		fields["role"] = "role_invalid"
	}
	for _, l := range n.Languages {
		if !l.Valid() {
			fields["languages"] = "locale_unsupported"
		}
	}
	if len(n.Languages) == 0 {
		n.Languages = []desk.Locale{desk.English}
	}
	if n.OpenCap == 0 {
		n.OpenCap = DefaultOpenCap
	}
	if n.OpenCap < 0 || n.OpenCap > 1000 {
		fields["open_cap"] = "limit_range"
	}
	if len(fields) > 0 {
		return desk.Invalid("invalid_input", fields)
	}
	return nil
}
