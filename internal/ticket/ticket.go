package ticket

import (
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/triage"
)

// Status is where a ticket stands. The flow is new -> open -> pending ->
// solved -> closed; a requester's reply reopens a pending or solved one.
type Status string

const (
	New     Status = "new"
	Open    Status = "open"
	Pending Status = "pending" // waiting for the requester
	Solved  Status = "solved"
	Closed  Status = "closed"
)

// Statuses lists every status in flow order.
var Statuses = []Status{New, Open, Pending, Solved, Closed}

// Valid reports whether s is a known status.
func (s Status) Valid() bool {
	for _, x := range Statuses {
		if s == x {
			return true
		}
	}
	return false
}

// Author says who wrote a message.
type Author string

const (
	Requester Author = "requester"
	Agent     Author = "agent"
	System    Author = "system"
)

// Ticket is one support request.
type Ticket struct {
	ID        int64
	Subject   string
	Status    Status
	Severity  triage.Severity
	Category  triage.Category
	Topic     string // help-center slug the request is most likely about
	Reasons   []triage.Reason
	Locale    desk.Locale
	Email     string
	Urgent    bool
	AmountUSD float64
	Chain     string
	TxHash    string
	Address   string
	// TokenHash is the SHA-256 of the requester's access token; the token
	// itself is shown once and never stored.
	TokenHash string
	SLA       SLA
	Assignee  int64 // agent id, 0 when unassigned
	CreatedAt time.Time
	UpdatedAt time.Time
}

// SLA holds the due times of a ticket and when they were met.
type SLA struct {
	FirstResponseDue time.Time
	FirstResponseAt  time.Time // zero until an agent's first public reply
	Policy           string    // e.g. "15m, 24/7" (for display)
}

// Message is one entry of a ticket's conversation.
type Message struct {
	ID         int64
	TicketID   int64
	Author     Author
	AgentID    int64 // for agent messages
	Internal   bool  // an agents-only note; never shown to the requester
	Body       string
	Redactions []string // kinds of secrets removed from Body
	CreatedAt  time.Time
}

// Event records a change to a ticket: who, what, when. Nothing changes
// without one.
type Event struct {
	ID        int64
	TicketID  int64
	Actor     string // "requester", "system", "agent:<id>"
	Kind      string // created, message_added, status_changed, severity_changed, redacted, ...
	Data      map[string]string
	CreatedAt time.Time
}

// Limits on what a requester can send.
const (
	MaxSubjectRunes = 200
	MaxBodyRunes    = 10000
	MaxEmailBytes   = 254
)
