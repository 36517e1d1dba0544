package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/identity"
)

// Identity adapts DB to identity.Store.
type Identity struct{ db *DB }

// Identity returns the agents, sessions, tokens and audit store.
func (db *DB) Identity() *Identity { return &Identity{db} }

var _ identity.Store = (*Identity)(nil)

const agentColumns = `a.id, a.email, a.name, a.role, a.languages, a.open_cap, a.must_change_password, a.totp_secret,
	a.disabled, a.created_at, a.last_seen_at`

// recoveryLeft counts an agent's unused recovery codes beside its row.
const recoveryLeft = `(SELECT COUNT(*) FROM agent_recovery_codes c WHERE c.agent_id = a.id AND c.used_at = 0)`

const credentialColumns = `a.password_hash, a.totp_pending, a.totp_last_step, a.failed_signins, a.locked_until`

// agentScan collects the columns of agentColumns (and optionally the
// credentials) before they become an identity.Agent.
type agentScan struct {
	a                        identity.Agent
	langs, secret            string
	mustChange, disabled     int
	created, seen            int64
	hash, pending            string
	lastStep                 int64
	failed                   int
	locked                   int64
	recoveryLeft             int
	withCreds, withRecovered bool
}

func (s *agentScan) dest() []any {
	d := []any{&s.a.ID, &s.a.Email, &s.a.Name, &s.a.Role, &s.langs, &s.a.OpenCap, &s.mustChange, &s.secret,
		&s.disabled, &s.created, &s.seen}
	if s.withRecovered {
		d = append(d, &s.recoveryLeft)
	}
	if s.withCreds {
		d = append(d, &s.hash, &s.pending, &s.lastStep, &s.failed, &s.locked)
	}
	return d
}

func (s *agentScan) agent() identity.Agent {
	a := s.a
	a.Languages, _ = identity.ParseLanguages(s.langs)
	a.MustChangePassword, a.Disabled = s.mustChange == 1, s.disabled == 1
	a.TOTPEnabled = s.secret != ""
	a.CreatedAt, a.LastSeenAt = fromMS(s.created), fromMS(s.seen)
	a.RecoveryLeft = s.recoveryLeft
	return a
}

func (s *agentScan) record(sl *sealer) identity.AgentRecord {
	r := identity.AgentRecord{Agent: s.agent()}
	r.PasswordHash = s.hash
	var err error
	if r.TOTPSecret, err = sl.open(s.secret, colTOTPSecret); err != nil {
		r.TOTPUnreadable = true
	}
	// An enrolment in progress that cannot be read is simply started again.
	r.TOTPPending, _ = sl.open(s.pending, colTOTPPending)
	r.TOTPLastStep, r.FailedSignins, r.LockedUntil = s.lastStep, s.failed, fromMS(s.locked)
	return r
}

// Column names, bound into the sealed values of those columns.
const (
	colTOTPSecret  = "agents.totp_secret"
	colTOTPPending = "agents.totp_pending"
)

// totpSecretValue is what the totp_secret column gets for rec: its secret
// sealed, or, while the secret key cannot open what is stored (raw), that
// value unchanged, so that no update quietly removes a second factor.
func (s *Identity) totpSecretValue(rec *identity.AgentRecord, raw string) string {
	if rec.TOTPUnreadable && rec.TOTPSecret == nil {
		return raw
	}
	return s.db.seal.seal(rec.TOTPSecret, colTOTPSecret)
}

func insertAudit(ctx context.Context, db *DB, tx *sql.Tx, entries []identity.Entry) error {
	for _, e := range entries {
		data := []byte("{}")
		if len(e.Data) > 0 {
			var err error
			if data, err = json.Marshal(e.Data); err != nil {
				return err
			}
		}
		at := e.At
		if at.IsZero() {
			at = db.now()
		}
		if _, err := tx.ExecContext(ctx, db.d.q(`INSERT INTO audit_log (agent_id, action, target, data, ip, user_agent, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`), e.AgentID, e.Action, e.Target, string(data), e.IP, e.UserAgent, ms(at)); err != nil {
			return err
		}
	}
	return nil
}

func isUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	m := err.Error()
	return strings.Contains(m, "UNIQUE constraint failed") || strings.Contains(m, "SQLSTATE 23505")
}

// CreateAgent implements identity.Store.
func (s *Identity) CreateAgent(ctx context.Context, rec *identity.AgentRecord, audit func(id int64) []identity.Entry) error {
	err := s.db.inTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, s.db.d.q(`SELECT COUNT(*) FROM agents WHERE email = ?`), rec.Email).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return desk.Errorf(desk.KindConflict, "agent_exists", "")
		}
		now := ms(s.db.now())
		err := tx.QueryRowContext(ctx, s.db.d.q(`INSERT INTO agents (email, name, role, languages, open_cap, password_hash,
			must_change_password, totp_secret, totp_pending, totp_last_step, failed_signins, locked_until, disabled,
			created_at, updated_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
			rec.Email, rec.Name, string(rec.Role), identity.FormatLanguages(rec.Languages), rec.OpenCap, rec.PasswordHash,
			bool2int(rec.MustChangePassword), s.totpSecretValue(rec, ""), s.db.seal.seal(rec.TOTPPending, colTOTPPending), rec.TOTPLastStep,
			rec.FailedSignins, ms(rec.LockedUntil), bool2int(rec.Disabled), ms(rec.CreatedAt), now, ms(rec.LastSeenAt)).Scan(&rec.ID)
		if err != nil {
			return err
		}
		if audit == nil {
			return nil
		}
		return insertAudit(ctx, s.db, tx, audit(rec.ID))
	})
	if isUniqueViolation(err) {
		return desk.Errorf(desk.KindConflict, "agent_exists", "%v", err)
	}
	return err
}

func (s *Identity) agentRecord(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, where string, arg any) (identity.AgentRecord, error) {
	sc := agentScan{withCreds: true, withRecovered: true}
	err := q.QueryRowContext(ctx, s.db.d.q(`SELECT `+agentColumns+`, `+recoveryLeft+`, `+credentialColumns+`
		FROM agents a WHERE `+where), arg).Scan(sc.dest()...)
	if err != nil {
		return identity.AgentRecord{}, notFound(err)
	}
	return sc.record(s.db.seal), nil
}

func (s *Identity) recoveryCodes(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, agentID int64) ([]string, error) {
	rows, err := q.QueryContext(ctx, s.db.d.q(`SELECT code_hash FROM agent_recovery_codes WHERE agent_id = ? AND used_at = 0
		ORDER BY code_hash`), agentID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var h string
		if err := rows.Scan(&h); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// AgentRecord implements identity.Store.
func (s *Identity) AgentRecord(ctx context.Context, id int64) (identity.AgentRecord, error) {
	var rec identity.AgentRecord
	err := s.db.inReadTx(ctx, func(tx *sql.Tx) error {
		var err error
		if rec, err = s.agentRecord(ctx, tx, "a.id = ?", id); err != nil {
			return err
		}
		rec.RecoveryCodes, err = s.recoveryCodes(ctx, tx, id)
		return err
	})
	return rec, err
}

// AgentRecordByEmail implements identity.Store.
func (s *Identity) AgentRecordByEmail(ctx context.Context, email string) (identity.AgentRecord, error) {
	var rec identity.AgentRecord
	err := s.db.inReadTx(ctx, func(tx *sql.Tx) error {
		var err error
		if rec, err = s.agentRecord(ctx, tx, "a.email = ?", email); err != nil {
			return err
		}
		rec.RecoveryCodes, err = s.recoveryCodes(ctx, tx, rec.ID)
		return err
	})
	return rec, err
}

func (s *Identity) listAgents(ctx context.Context, where string, args ...any) ([]identity.Agent, error) {
	rows, err := s.db.read.QueryContext(ctx, s.db.d.q(`SELECT `+agentColumns+`, `+recoveryLeft+` FROM agents a `+where), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []identity.Agent
	for rows.Next() {
		sc := agentScan{withRecovered: true}
		if err := rows.Scan(sc.dest()...); err != nil {
			return nil, err
		}
		out = append(out, sc.agent())
	}
	return out, rows.Err()
}

// Agents implements identity.Store.
func (s *Identity) Agents(ctx context.Context) ([]identity.Agent, error) {
	return s.listAgents(ctx, `ORDER BY a.name, a.id`)
}

// OnlineAgents implements identity.Store.
func (s *Identity) OnlineAgents(ctx context.Context, since time.Time) ([]identity.Agent, error) {
	return s.listAgents(ctx, `WHERE a.last_seen_at >= ? AND a.last_seen_at > 0 AND a.disabled = 0 ORDER BY a.id`, ms(since))
}

// UpdateAgent implements identity.Store.
func (s *Identity) UpdateAgent(ctx context.Context, id int64, fn func(rec *identity.AgentRecord) (identity.AgentChange, error)) (identity.AgentRecord, error) {
	var out identity.AgentRecord
	err := s.db.inTx(ctx, func(tx *sql.Tx) error {
		lock := ""
		if s.db.d.postgres {
			lock = " FOR UPDATE" // SQLite's immediate transaction already holds the write lock
		}
		sc := agentScan{withCreds: true}
		err := tx.QueryRowContext(ctx, s.db.d.q(`SELECT `+agentColumns+`, `+credentialColumns+` FROM agents a WHERE a.id = ?`+lock), id).Scan(sc.dest()...)
		if err != nil {
			return notFound(err)
		}
		rec := sc.record(s.db.seal)
		if rec.RecoveryCodes, err = s.recoveryCodes(ctx, tx, id); err != nil {
			return err
		}
		rec.RecoveryLeft = len(rec.RecoveryCodes)
		ch, err := fn(&rec)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, s.db.d.q(`UPDATE agents SET name = ?, role = ?, languages = ?, open_cap = ?, password_hash = ?,
			must_change_password = ?, totp_secret = ?, totp_pending = ?, totp_last_step = ?, failed_signins = ?, locked_until = ?,
			disabled = ?, updated_at = ?, last_seen_at = ? WHERE id = ?`),
			rec.Name, string(rec.Role), identity.FormatLanguages(rec.Languages), rec.OpenCap, rec.PasswordHash,
			bool2int(rec.MustChangePassword), s.totpSecretValue(&rec, sc.secret), s.db.seal.seal(rec.TOTPPending, colTOTPPending), rec.TOTPLastStep,
			rec.FailedSignins, ms(rec.LockedUntil), bool2int(rec.Disabled), s.db.millis(), ms(rec.LastSeenAt), id)
		if err != nil {
			return err
		}
		if ch.RecoveryCodes != nil {
			if _, err := tx.ExecContext(ctx, s.db.d.q(`DELETE FROM agent_recovery_codes WHERE agent_id = ?`), id); err != nil {
				return err
			}
			for _, h := range ch.RecoveryCodes {
				if _, err := tx.ExecContext(ctx, s.db.d.q(`INSERT INTO agent_recovery_codes (agent_id, code_hash) VALUES (?, ?)`), id, h); err != nil {
					return err
				}
			}
			rec.RecoveryCodes = append([]string(nil), ch.RecoveryCodes...)
		}
		if ch.UseRecoveryCode != "" {
			res, err := tx.ExecContext(ctx, s.db.d.q(`UPDATE agent_recovery_codes SET used_at = ? WHERE agent_id = ? AND code_hash = ? AND used_at = 0`),
				s.db.millis(), id, ch.UseRecoveryCode)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n != 1 {
				return desk.Errorf(desk.KindConflict, "recovery_code_used", "recovery code already used")
			}
			rest := rec.RecoveryCodes[:0:0]
			for _, h := range rec.RecoveryCodes {
				if h != ch.UseRecoveryCode {
					rest = append(rest, h)
				}
			}
			rec.RecoveryCodes = rest
		}
		rec.RecoveryLeft = len(rec.RecoveryCodes)
		if ch.EndSessions {
			if _, err := tx.ExecContext(ctx, s.db.d.q(`DELETE FROM agent_sessions WHERE agent_id = ? AND token_hash <> ?`), id, ch.KeepSession); err != nil {
				return err
			}
		}
		out = rec
		return insertAudit(ctx, s.db, tx, ch.Audit)
	})
	return out, err
}

// UnreadableSecondFactors counts the agents whose enrolled second factor
// the secret key does not open (the server was given another key); the
// server reports them when it starts.
func (s *Identity) UnreadableSecondFactors(ctx context.Context) (int, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT totp_secret FROM agents WHERE totp_secret <> ''`)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return 0, err
		}
		if _, err := s.db.seal.open(v, colTOTPSecret); err != nil {
			n++
		}
	}
	return n, rows.Err()
}

// TouchAgent implements identity.Store.
func (s *Identity) TouchAgent(ctx context.Context, id int64, at time.Time) error {
	return s.db.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, s.db.d.q(`UPDATE agents SET last_seen_at = ? WHERE id = ?`), ms(at), id)
		return err
	})
}

// CreateSession implements identity.Store.
func (s *Identity) CreateSession(ctx context.Context, sess identity.Session, replaces string, audit []identity.Entry) error {
	return s.db.inTx(ctx, func(tx *sql.Tx) error {
		if replaces != "" {
			if _, err := tx.ExecContext(ctx, s.db.d.q(`DELETE FROM agent_sessions WHERE token_hash = ?`), replaces); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, s.db.d.q(`INSERT INTO agent_sessions (token_hash, agent_id, stage, created_at, last_seen_at,
			expires_at, ip, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
			sess.TokenHash, sess.AgentID, string(sess.Stage), ms(sess.CreatedAt), ms(sess.LastSeenAt), ms(sess.ExpiresAt),
			sess.IP, sess.UserAgent)
		if err != nil {
			return err
		}
		return insertAudit(ctx, s.db, tx, audit)
	})
}

// Session implements identity.Store.
func (s *Identity) Session(ctx context.Context, tokenHash string) (identity.Session, identity.Agent, error) {
	var sess identity.Session
	var stage string
	var created, seen, expires int64
	sc := agentScan{withRecovered: true}
	dest := append([]any{&sess.TokenHash, &sess.AgentID, &stage, &created, &seen, &expires, &sess.IP, &sess.UserAgent}, sc.dest()...)
	err := s.db.readRow(ctx, `SELECT s.token_hash, s.agent_id, s.stage, s.created_at, s.last_seen_at,
		s.expires_at, s.ip, s.user_agent, `+agentColumns+`, `+recoveryLeft+`
		FROM agent_sessions s JOIN agents a ON a.id = s.agent_id WHERE s.token_hash = ?`, tokenHash).Scan(dest...)
	if err != nil {
		return identity.Session{}, identity.Agent{}, notFound(err)
	}
	sess.Stage = identity.Stage(stage)
	sess.CreatedAt, sess.LastSeenAt, sess.ExpiresAt = fromMS(created), fromMS(seen), fromMS(expires)
	return sess, sc.agent(), nil
}

// TouchSession implements identity.Store.
func (s *Identity) TouchSession(ctx context.Context, tokenHash string, at time.Time) error {
	return s.db.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, s.db.d.q(`UPDATE agent_sessions SET last_seen_at = ? WHERE token_hash = ?`), ms(at), tokenHash)
		return err
	})
}

// DeleteSession implements identity.Store.
func (s *Identity) DeleteSession(ctx context.Context, tokenHash string, audit []identity.Entry) error {
	return s.db.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, s.db.d.q(`DELETE FROM agent_sessions WHERE token_hash = ?`), tokenHash); err != nil {
			return err
		}
		return insertAudit(ctx, s.db, tx, audit)
	})
}

// DeleteExpiredSessions implements identity.Store.
func (s *Identity) DeleteExpiredSessions(ctx context.Context, now, idleBefore time.Time) (int, error) {
	var n int64
	err := s.db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.db.d.q(`DELETE FROM agent_sessions WHERE expires_at <= ? OR last_seen_at < ?`), ms(now), ms(idleBefore))
		if err != nil {
			return err
		}
		n, _ = res.RowsAffected()
		return nil
	})
	return int(n), err
}

const tokenColumns = `t.id, t.agent_id, t.name, t.scopes, t.prefix, t.token_hash, t.created_at, t.last_used_at, t.revoked_at`

type tokenScan struct {
	t                      identity.APIToken
	scopes                 string
	created, used, revoked int64
}

func (s *tokenScan) dest() []any {
	return []any{&s.t.ID, &s.t.AgentID, &s.t.Name, &s.scopes, &s.t.Prefix, &s.t.TokenHash, &s.created, &s.used, &s.revoked}
}

func (s *tokenScan) token() identity.APIToken {
	t := s.t
	t.Scopes, _ = identity.ParseScopes(s.scopes)
	t.CreatedAt, t.LastUsedAt, t.RevokedAt = fromMS(s.created), fromMS(s.used), fromMS(s.revoked)
	return t
}

// CreateToken implements identity.Store.
func (s *Identity) CreateToken(ctx context.Context, t *identity.APIToken, audit func(id int64) []identity.Entry) error {
	return s.db.inTx(ctx, func(tx *sql.Tx) error {
		scopes := make([]string, len(t.Scopes))
		for i, sc := range t.Scopes {
			scopes[i] = string(sc)
		}
		err := tx.QueryRowContext(ctx, s.db.d.q(`INSERT INTO api_tokens (agent_id, name, scopes, prefix, token_hash, created_at)
			VALUES (?, ?, ?, ?, ?, ?) RETURNING id`), t.AgentID, t.Name, strings.Join(scopes, " "), t.Prefix, t.TokenHash,
			ms(t.CreatedAt)).Scan(&t.ID)
		if err != nil {
			return err
		}
		if audit == nil {
			return nil
		}
		return insertAudit(ctx, s.db, tx, audit(t.ID))
	})
}

// Token implements identity.Store.
func (s *Identity) Token(ctx context.Context, id int64) (identity.APIToken, error) {
	var sc tokenScan
	err := s.db.read.QueryRowContext(ctx, s.db.d.q(`SELECT `+tokenColumns+` FROM api_tokens t WHERE t.id = ?`), id).Scan(sc.dest()...)
	if err != nil {
		return identity.APIToken{}, notFound(err)
	}
	return sc.token(), nil
}

// Tokens implements identity.Store.
func (s *Identity) Tokens(ctx context.Context, agentID int64) ([]identity.APIToken, error) {
	rows, err := s.db.read.QueryContext(ctx, s.db.d.q(`SELECT `+tokenColumns+` FROM api_tokens t WHERE t.agent_id = ? ORDER BY t.id DESC`), agentID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []identity.APIToken
	for rows.Next() {
		var sc tokenScan
		if err := rows.Scan(sc.dest()...); err != nil {
			return nil, err
		}
		out = append(out, sc.token())
	}
	return out, rows.Err()
}

// TokenByHash implements identity.Store.
func (s *Identity) TokenByHash(ctx context.Context, hash string) (identity.APIToken, identity.Agent, error) {
	var ts tokenScan
	as := agentScan{withRecovered: true}
	err := s.db.readRow(ctx, `SELECT `+tokenColumns+`, `+agentColumns+`, `+recoveryLeft+`
		FROM api_tokens t JOIN agents a ON a.id = t.agent_id WHERE t.token_hash = ?`, hash).Scan(append(ts.dest(), as.dest()...)...)
	if err != nil {
		return identity.APIToken{}, identity.Agent{}, notFound(err)
	}
	return ts.token(), as.agent(), nil
}

// RevokeToken implements identity.Store.
func (s *Identity) RevokeToken(ctx context.Context, id int64, at time.Time, audit []identity.Entry) error {
	return s.db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.db.d.q(`UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at = 0`), ms(at), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			var exists int
			if err := tx.QueryRowContext(ctx, s.db.d.q(`SELECT COUNT(*) FROM api_tokens WHERE id = ?`), id).Scan(&exists); err != nil {
				return err
			}
			if exists == 0 {
				return desk.ErrNotFound
			}
			return desk.Errorf(desk.KindConflict, "token_revoked", "")
		}
		return insertAudit(ctx, s.db, tx, audit)
	})
}

// TouchToken implements identity.Store.
func (s *Identity) TouchToken(ctx context.Context, id int64, at time.Time) error {
	return s.db.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, s.db.d.q(`UPDATE api_tokens SET last_used_at = ? WHERE id = ?`), ms(at), id)
		return err
	})
}

// AddAudit implements identity.Store.
func (s *Identity) AddAudit(ctx context.Context, entries ...identity.Entry) error {
	return s.db.inTx(ctx, func(tx *sql.Tx) error { return insertAudit(ctx, s.db, tx, entries) })
}

// AuditLog implements identity.Store.
func (s *Identity) AuditLog(ctx context.Context, f identity.AuditFilter) ([]identity.Entry, error) {
	var where []string
	var args []any
	if f.AgentID != 0 {
		where, args = append(where, "l.agent_id = ?"), append(args, f.AgentID)
	}
	// substr counts characters on both engines, as len([]rune) does.
	if f.Action != "" {
		where, args = append(where, "substr(l.action, 1, ?) = ?"), append(args, len([]rune(f.Action)), f.Action)
	}
	if f.Target != "" {
		where, args = append(where, "substr(l.target, 1, ?) = ?"), append(args, len([]rune(f.Target)), f.Target)
	}
	if !f.From.IsZero() {
		where, args = append(where, "l.created_at >= ?"), append(args, ms(f.From))
	}
	if !f.To.IsZero() {
		where, args = append(where, "l.created_at < ?"), append(args, ms(f.To))
	}
	if f.Before > 0 {
		where, args = append(where, "l.id < ?"), append(args, f.Before)
	}
	q := `SELECT l.id, l.agent_id, l.action, l.target, l.data, l.ip, l.user_agent, l.created_at,
		COALESCE(a.name, ''), COALESCE(a.email, '') FROM audit_log l LEFT JOIN agents a ON a.id = l.agent_id`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY l.id DESC LIMIT ?"
	args = append(args, f.Limit+1)
	rows, err := s.db.read.QueryContext(ctx, s.db.d.q(q), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []identity.Entry
	for rows.Next() {
		var e identity.Entry
		var data string
		var at int64
		if err := rows.Scan(&e.ID, &e.AgentID, &e.Action, &e.Target, &data, &e.IP, &e.UserAgent, &at, &e.AgentName, &e.AgentEmail); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(data), &e.Data); err != nil {
			return nil, errors.Join(errors.New("audit data"), err)
		}
		e.At = fromMS(at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// CountAudit implements identity.Store.
func (s *Identity) CountAudit(ctx context.Context, action, ip, target string, since time.Time) (int, error) {
	q := `SELECT COUNT(*) FROM audit_log WHERE action = ? AND created_at >= ?`
	args := []any{action, ms(since)}
	if ip != "" {
		q, args = q+" AND ip = ?", append(args, ip)
	}
	if target != "" {
		q, args = q+" AND target = ?", append(args, target)
	}
	var n int
	err := s.db.read.QueryRowContext(ctx, s.db.d.q(q), args...).Scan(&n)
	return n, err
}
