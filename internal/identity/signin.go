package identity

import (
	"context"
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"
)

// Sign-in answers the same for an unknown address, a wrong password and a
// disabled account, and takes about the same time (a password hash is
// verified in every case), so that it tells nobody which addresses exist.
var (
	errInvalidCredentials = desk.Errorf(desk.KindUnauthorized, "invalid_credentials", "")
	errSessionExpired     = desk.Errorf(desk.KindUnauthorized, "session_expired", "")
	errWrongStage         = desk.Errorf(desk.KindForbidden, "session_stage", "")
	errCodeInvalid        = desk.Errorf(desk.KindUnauthorized, "totp_invalid", "")
	errTOTPUnreadable     = desk.Errorf(desk.KindUnavailable, "totp_unreadable",
		"the server's secret key does not open this agent's second factor: restore the key, or reset the factor")
)

func (s *Service) locked(until time.Time) error {
	return &desk.Error{Kind: desk.KindRateLimited, Code: "signin_locked", RetryAfter: until.Sub(s.now()).Round(time.Second)}
}

// lockFor is how long an account stays locked after its failures-th
// consecutive failure: nothing below MaxFailures, then LockFor doubling
// with every further MaxFailures, capped at MaxLock.
func (s *Service) lockFor(failures int) time.Duration {
	if failures < s.cfg.MaxFailures || failures%s.cfg.MaxFailures != 0 {
		return 0
	}
	d := s.cfg.LockFor
	for k := failures/s.cfg.MaxFailures - 1; k > 0 && d < s.cfg.MaxLock; k-- {
		d *= 2
	}
	return min(d, s.cfg.MaxLock)
}

func failureEntry(agentID int64, target, reason string, c Client, at time.Time) Entry {
	return Entry{AgentID: agentID, Action: ActionSignInFailure, Target: target, Data: map[string]any{"reason": reason},
		IP: c.IP, UserAgent: clip(c.UserAgent, maxUserAgent), At: at}
}

// SignIn checks an address and password. On success it opens a session
// whose stage says what is still needed: the second factor, a new password,
// enrolment, or nothing (StageFull).
func (s *Service) SignIn(ctx context.Context, email, password string, c Client) (SignIn, error) {
	now := s.now().UTC()
	if n, err := s.store.CountAudit(ctx, ActionSignInFailure, c.IP, "", now.Add(-s.cfg.IPWindow)); err != nil {
		return SignIn{}, err
	} else if c.IP != "" && n >= s.cfg.MaxFailuresPerIP {
		return SignIn{}, s.locked(now.Add(s.cfg.IPWindow))
	}
	addr, ok := NormalizeEmail(email)
	var rec AgentRecord
	var err error
	if ok {
		rec, err = s.store.AgentRecordByEmail(ctx, addr)
		if err != nil && !desk.IsNotFound(err) {
			return SignIn{}, err
		}
	}
	if !ok || err != nil {
		return SignIn{}, s.unknownAddress(ctx, addr, password, c, now)
	}
	target := AgentTarget(rec.ID)
	if rec.LockedUntil.After(now) {
		VerifyPassword(password, s.dummyHash()) // same work as any attempt
		s.store.AddAudit(ctx, failureEntry(rec.ID, target, "locked", c, now))
		return SignIn{}, s.locked(rec.LockedUntil)
	}
	good := VerifyPassword(password, rec.PasswordHash)
	if !good || rec.Disabled {
		reason := "password"
		if good {
			reason = "disabled"
		}
		return SignIn{}, s.fail(ctx, rec.ID, reason, c, now)
	}
	var rehash string
	if needsRehash(rec.PasswordHash, s.cfg.Password) {
		rehash = HashPassword(password, s.cfg.Password)
	}
	rec, err = s.store.UpdateAgent(ctx, rec.ID, func(r *AgentRecord) (AgentChange, error) {
		// With a second factor still to come, the failure count stands:
		// otherwise whoever has the password could guess codes forever,
		// a few between each password entry.
		if r.TOTPSecret == nil {
			r.FailedSignins = 0
		}
		if rehash != "" {
			r.PasswordHash = rehash
		}
		return AgentChange{}, nil
	})
	if err != nil {
		return SignIn{}, err
	}
	stage := nextStage(rec, false)
	var audit []Entry
	if stage == StageFull {
		audit = append(audit, Entry{AgentID: rec.ID, Action: ActionSignIn, Target: target, Data: map[string]any{"factor": "password"},
			IP: c.IP, UserAgent: clip(c.UserAgent, maxUserAgent), At: now})
	}
	return s.openSession(ctx, rec.Agent, stage, "", c, audit)
}

// unknownAddress spends the time a real check would and counts the failure
// against the address too, so that locking does not reveal which addresses
// exist either.
func (s *Service) unknownAddress(ctx context.Context, addr, password string, c Client, now time.Time) error {
	VerifyPassword(password, s.dummyHash())
	target := ""
	if addr != "" {
		target = "email:" + clip(addr, maxAuditText)
	}
	if target != "" {
		n, err := s.store.CountAudit(ctx, ActionSignInFailure, "", target, now.Add(-s.cfg.LockFor))
		if err != nil {
			return err
		}
		if n >= s.cfg.MaxFailures {
			s.store.AddAudit(ctx, failureEntry(0, target, "locked", c, now))
			return s.locked(now.Add(s.cfg.LockFor))
		}
	}
	if err := s.store.AddAudit(ctx, failureEntry(0, target, "unknown_email", c, now)); err != nil {
		return err
	}
	return errInvalidCredentials
}

// fail counts a failed step against the account, locking it when the
// count reaches a multiple of MaxFailures, and returns the error to show.
func (s *Service) fail(ctx context.Context, id int64, reason string, c Client, now time.Time) error {
	var lockedUntil time.Time
	_, err := s.store.UpdateAgent(ctx, id, func(r *AgentRecord) (AgentChange, error) {
		r.FailedSignins++
		if d := s.lockFor(r.FailedSignins); d > 0 {
			r.LockedUntil = now.Add(d)
			lockedUntil = r.LockedUntil
		}
		data := failureEntry(id, AgentTarget(id), reason, c, now)
		if !lockedUntil.IsZero() {
			data.Data["locked_until"] = lockedUntil.Format(time.RFC3339)
		}
		return AgentChange{Audit: []Entry{data}}, nil
	})
	if err != nil {
		return err
	}
	if !lockedUntil.IsZero() {
		return s.locked(lockedUntil)
	}
	if reason == "totp" || reason == "recovery" {
		return errCodeInvalid
	}
	return errInvalidCredentials
}

// nextStage is what an agent still owes after the steps passed so far.
func nextStage(rec AgentRecord, secondFactorDone bool) Stage {
	switch {
	case (rec.TOTPSecret != nil || rec.TOTPUnreadable) && !secondFactorDone:
		return StageTOTP
	case rec.MustChangePassword:
		return StagePassword
	case rec.Role.NeedsTOTP() && rec.TOTPSecret == nil:
		return StageEnroll
	}
	return StageFull
}

// openSession creates a session of the given stage, replacing the one with
// the hash replaces (a new token at every step defeats session fixation).
func (s *Service) openSession(ctx context.Context, a Agent, stage Stage, replaces string, c Client, audit []Entry) (SignIn, error) {
	now := s.now().UTC()
	token, hash := newSecretToken(sessionPrefix)
	life := s.cfg.PendingTimeout
	if stage == StageFull {
		life = s.cfg.AbsoluteTimeout
	}
	sess := Session{TokenHash: hash, AgentID: a.ID, Stage: stage, CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(life),
		IP: c.IP, UserAgent: clip(c.UserAgent, maxUserAgent)}
	if err := s.store.CreateSession(ctx, sess, replaces, audit); err != nil {
		return SignIn{}, err
	}
	return SignIn{Token: token, Stage: stage, Agent: a, Expires: sess.ExpiresAt}, nil
}

// Session returns the session a cookie token opens and its agent, with the
// stage in force: a full session of an agent whose role now requires a
// second factor that is missing counts as StageEnroll. Expired sessions
// and sessions of disabled agents are deleted and refused. The request
// counts as activity: it keeps the session from idling out.
func (s *Service) Session(ctx context.Context, token string) (Session, Agent, error) {
	return s.session(ctx, token, true)
}

// BackgroundSession is Session for what a page does on its own (the live
// queue's event stream reconnecting): it does not count as activity, so a
// console left open in a tab still idles out.
func (s *Service) BackgroundSession(ctx context.Context, token string) (Session, Agent, error) {
	return s.session(ctx, token, false)
}

func (s *Service) session(ctx context.Context, token string, active bool) (Session, Agent, error) {
	if token == "" || len(token) > 128 {
		return Session{}, Agent{}, errSessionExpired
	}
	hash := HashToken(token)
	sess, a, err := s.store.Session(ctx, hash)
	if desk.IsNotFound(err) {
		return Session{}, Agent{}, errSessionExpired
	}
	if err != nil {
		return Session{}, Agent{}, err
	}
	now := s.now().UTC()
	if a.Disabled || !now.Before(sess.ExpiresAt) || now.Sub(sess.LastSeenAt) >= s.cfg.IdleTimeout {
		if err := s.store.DeleteSession(ctx, hash, nil); err != nil {
			return Session{}, Agent{}, err
		}
		return Session{}, Agent{}, errSessionExpired
	}
	if sess.Stage == StageFull && a.Role.NeedsTOTP() && !a.TOTPEnabled {
		sess.Stage = StageEnroll
	}
	if active && now.Sub(sess.LastSeenAt) >= s.cfg.TouchEvery {
		if err := s.store.TouchSession(ctx, hash, now); err != nil {
			return Session{}, Agent{}, err
		}
		sess.LastSeenAt = now
	}
	return sess, a, nil
}

// SecondFactor completes a StageTOTP session with a TOTP code or, when the
// phone is lost, one of the recovery codes.
func (s *Service) SecondFactor(ctx context.Context, token, code string, c Client) (SignIn, error) {
	sess, a, err := s.Session(ctx, token)
	if err != nil {
		return SignIn{}, err
	}
	if sess.Stage != StageTOTP {
		return SignIn{}, errWrongStage
	}
	now := s.now().UTC()
	if rec, err := s.store.AgentRecord(ctx, a.ID); err != nil {
		return SignIn{}, err
	} else if rec.LockedUntil.After(now) {
		return SignIn{}, s.locked(rec.LockedUntil)
	}
	factor, unreadable := "", false
	rec, err := s.store.UpdateAgent(ctx, a.ID, func(r *AgentRecord) (AgentChange, error) {
		if r.TOTPSecret == nil && !r.TOTPUnreadable {
			return AgentChange{}, nil // reset meanwhile: fails below
		}
		unreadable = r.TOTPUnreadable
		if r.TOTPSecret != nil {
			if step, ok := matchTOTP(r.TOTPSecret, code, now, r.TOTPLastStep); ok {
				r.TOTPLastStep, r.FailedSignins, factor = step, 0, "totp"
				return AgentChange{}, nil
			}
		}
		if rc, ok := normalizeRecoveryCode(code); ok {
			h := hashRecoveryCode(rc)
			for _, have := range r.RecoveryCodes {
				if have == h {
					r.FailedSignins, factor = 0, "recovery"
					return AgentChange{UseRecoveryCode: h, Audit: []Entry{{AgentID: r.ID, Action: ActionRecoveryUsed,
						Target: AgentTarget(r.ID), Data: map[string]any{"left": len(r.RecoveryCodes) - 1},
						IP: c.IP, UserAgent: clip(c.UserAgent, maxUserAgent), At: now}}}, nil
				}
			}
		}
		return AgentChange{}, nil
	})
	if err != nil {
		return SignIn{}, err
	}
	if factor == "" && unreadable {
		return SignIn{}, errTOTPUnreadable
	}
	if factor == "" {
		reason := "totp"
		if _, ok := normalizeRecoveryCode(code); ok {
			reason = "recovery"
		}
		return SignIn{}, s.fail(ctx, a.ID, reason, c, now)
	}
	stage := nextStage(rec, true)
	var audit []Entry
	if stage == StageFull {
		audit = []Entry{{AgentID: a.ID, Action: ActionSignIn, Target: AgentTarget(a.ID), Data: map[string]any{"factor": factor},
			IP: c.IP, UserAgent: clip(c.UserAgent, maxUserAgent), At: now}}
	}
	return s.openSession(ctx, rec.Agent, stage, sess.TokenHash, c, audit)
}

// SignOut ends the session (and the agent's presence).
func (s *Service) SignOut(ctx context.Context, token string, c Client) error {
	sess, a, err := s.Session(ctx, token)
	if err != nil {
		return nil // nothing to end
	}
	now := s.now().UTC()
	err = s.store.DeleteSession(ctx, sess.TokenHash, []Entry{{AgentID: a.ID, Action: ActionSignOut, Target: AgentTarget(a.ID),
		IP: c.IP, UserAgent: clip(c.UserAgent, maxUserAgent), At: now}})
	if err != nil {
		return err
	}
	s.forgetTouch(a.ID)
	return s.store.TouchAgent(ctx, a.ID, time.Time{})
}

// ChangePassword sets a new password for the session's agent. A full
// session must give the current password; a StagePassword session (just
// signed in with a one-time password) need not. Every other session of the
// agent ends, and the caller gets a new session token.
func (s *Service) ChangePassword(ctx context.Context, token, current, next string, c Client) (SignIn, error) {
	sess, a, err := s.Session(ctx, token)
	if err != nil {
		return SignIn{}, err
	}
	if sess.Stage != StageFull && sess.Stage != StagePassword {
		return SignIn{}, errWrongStage
	}
	rec, err := s.store.AgentRecord(ctx, a.ID)
	if err != nil {
		return SignIn{}, err
	}
	if sess.Stage == StageFull && !VerifyPassword(current, rec.PasswordHash) {
		return SignIn{}, desk.Invalid("invalid_input", map[string]string{"current": "password_wrong"})
	}
	if err := CheckPassword(next, a.Email); err != nil {
		return SignIn{}, err
	}
	if VerifyPassword(next, rec.PasswordHash) {
		return SignIn{}, desk.Invalid("invalid_input", map[string]string{"password": "password_unchanged"})
	}
	hash := HashPassword(next, s.cfg.Password)
	now := s.now().UTC()
	rec, err = s.store.UpdateAgent(ctx, a.ID, func(r *AgentRecord) (AgentChange, error) {
		r.PasswordHash, r.MustChangePassword = hash, false
		return AgentChange{EndSessions: true, Audit: []Entry{{AgentID: a.ID, Action: ActionPasswordChange, Target: AgentTarget(a.ID),
			IP: c.IP, UserAgent: clip(c.UserAgent, maxUserAgent), At: now}}}, nil
	})
	if err != nil {
		return SignIn{}, err
	}
	stage := nextStage(rec, true)
	var audit []Entry
	if stage == StageFull && sess.Stage != StageFull {
		audit = []Entry{{AgentID: a.ID, Action: ActionSignIn, Target: AgentTarget(a.ID), Data: map[string]any{"factor": "new_password"},
			IP: c.IP, UserAgent: clip(c.UserAgent, maxUserAgent), At: now}}
	}
	return s.openSession(ctx, rec.Agent, stage, "", c, audit)
}
