package identity

import (
	"strconv"
	"time"
)

// Entry is one row of the audit log: who did what to what, from where.
// AgentID is 0 for actions without a signed-in agent (a failed sign-in with
// an unknown address, the command line).
type Entry struct {
	ID        int64
	AgentID   int64
	Action    string // dotted verb: "signin.success", "ticket.reply", "article.publish"
	Target    string // "kind:id": "agent:3", "ticket:120", "article:wallet-stolen/ja"
	Data      map[string]any
	IP        string
	UserAgent string
	At        time.Time
	// AgentName and AgentEmail are filled when listing, for display.
	AgentName  string
	AgentEmail string
}

// Actions this package records. Other packages use their own names with
// the same shape (noun.verb).
const (
	ActionSignIn         = "signin.success"
	ActionSignInFailure  = "signin.failure"
	ActionSignOut        = "signout"
	ActionTOTPEnroll     = "totp.enroll"
	ActionTOTPReset      = "totp.reset"
	ActionRecoveryUsed   = "totp.recovery_used"
	ActionPasswordChange = "password.change"
	ActionPasswordReset  = "password.reset"
	ActionAgentCreate    = "agent.create"
	ActionAgentUpdate    = "agent.update"
	ActionTokenCreate    = "token.create"
	ActionTokenRevoke    = "token.revoke"
)

// AgentTarget and TokenTarget name targets in the audit log.
func AgentTarget(id int64) string { return "agent:" + strconv.FormatInt(id, 10) }
func TokenTarget(id int64) string { return "token:" + strconv.FormatInt(id, 10) }

// AuditFilter selects audit rows. Empty fields do not filter. Action and
// Target match as prefixes: "signin." finds every sign-in event, "ticket:"
// every ticket action ("ticket:12" also finds ticket 120; the listing
// shows the exact target).
type AuditFilter struct {
	AgentID  int64
	Action   string
	Target   string
	From, To time.Time // From inclusive, To exclusive
	Before   int64     // paging cursor: entries with a smaller ID
	Limit    int       // 50 when 0, at most 200
}

// AuditPage is one page of the log, newest first. Next is the cursor for
// the following page, 0 at the end.
type AuditPage struct {
	Entries []Entry
	Next    int64
}

const (
	defaultAuditLimit = 50
	maxAuditLimit     = 200
	maxUserAgent      = 256
	maxAuditText      = 200
)

// clip shortens s to at most n bytes without cutting a character.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && n < len(s) && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}
