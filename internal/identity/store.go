package identity

import (
	"context"
	"time"
)

// Store is what identity needs from persistence. Every method that takes
// audit entries writes them in the same transaction as the change, so that
// a change is never without its audit row. Missing records are
// desk.ErrNotFound.
type Store interface {
	// CreateAgent inserts rec (its Credentials included) and sets rec.ID;
	// an address already taken is a desk.KindConflict error.
	CreateAgent(ctx context.Context, rec *AgentRecord, audit func(id int64) []Entry) error
	// AgentRecord returns an agent with its credentials (unused recovery
	// code hashes included).
	AgentRecord(ctx context.Context, id int64) (AgentRecord, error)
	AgentRecordByEmail(ctx context.Context, email string) (AgentRecord, error)
	// Agents lists every agent by name.
	Agents(ctx context.Context) ([]Agent, error)
	// OnlineAgents lists enabled agents seen at or after since.
	OnlineAgents(ctx context.Context, since time.Time) ([]Agent, error)
	// UpdateAgent runs fn on the current record inside one transaction
	// (the row locked against concurrent updates), then writes the record
	// back with what the returned change asks. An error from fn changes
	// nothing and is returned as is.
	UpdateAgent(ctx context.Context, id int64, fn func(rec *AgentRecord) (AgentChange, error)) (AgentRecord, error)
	// TouchAgent records console activity (presence); a zero time clears it.
	TouchAgent(ctx context.Context, id int64, at time.Time) error

	// CreateSession inserts sess and, when replaces is not empty, deletes
	// the session with that token hash, in one transaction.
	CreateSession(ctx context.Context, sess Session, replaces string, audit []Entry) error
	// Session returns a session and its agent.
	Session(ctx context.Context, tokenHash string) (Session, Agent, error)
	TouchSession(ctx context.Context, tokenHash string, at time.Time) error
	DeleteSession(ctx context.Context, tokenHash string, audit []Entry) error
	// DeleteExpiredSessions removes sessions past their absolute end or
	// idle since before idleBefore.
	DeleteExpiredSessions(ctx context.Context, now, idleBefore time.Time) (int, error)

	// CreateToken inserts t and sets t.ID; audit gets the new ID.
	CreateToken(ctx context.Context, t *APIToken, audit func(id int64) []Entry) error
	Token(ctx context.Context, id int64) (APIToken, error)
	// Tokens lists an agent's tokens, newest first, revoked ones included.
	Tokens(ctx context.Context, agentID int64) ([]APIToken, error)
	// TokenByHash returns a token and its owner.
	TokenByHash(ctx context.Context, hash string) (APIToken, Agent, error)
	// RevokeToken sets the revocation time of a token not yet revoked; a
	// token already revoked is a desk.KindConflict error.
	RevokeToken(ctx context.Context, id int64, at time.Time, audit []Entry) error
	TouchToken(ctx context.Context, id int64, at time.Time) error

	// AddAudit appends entries to the audit log.
	AddAudit(ctx context.Context, entries ...Entry) error
	// AuditLog lists entries matching f, newest first, at most f.Limit+1
	// (the extra one tells the caller there is a next page).
	AuditLog(ctx context.Context, f AuditFilter) ([]Entry, error)
	// CountAudit counts entries of action since a time, from ip and/or
	// about target (empty strings do not filter).
	CountAudit(ctx context.Context, action, ip, target string, since time.Time) (int, error)
}
