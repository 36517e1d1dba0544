package identity

import (
	"context"

	"github.com/walletdesk/walletdesk/internal/desk"
)

var errAlreadyEnrolled = desk.Errorf(desk.KindConflict, "totp_enrolled", "")

// Enrollment is what the enrolment page shows: the secret as text (to type
// into an app) and as an otpauth:// URI (for the QR code).
type Enrollment struct {
	Secret     []byte
	SecretText string
	URI        string
}

// BeginEnrollment returns the pending secret of the session's agent,
// creating one the first time, so that reloading the page shows the same
// QR code the phone may already have scanned. It is confirmed only by a
// valid code (CompleteEnrollment). An agent who has a second factor must
// have it reset first.
func (s *Service) BeginEnrollment(ctx context.Context, token string) (Enrollment, error) {
	sess, a, err := s.Session(ctx, token)
	if err != nil {
		return Enrollment{}, err
	}
	if sess.Stage != StageEnroll && sess.Stage != StageFull {
		return Enrollment{}, errWrongStage
	}
	if a.TOTPEnabled {
		return Enrollment{}, errAlreadyEnrolled
	}
	rec, err := s.store.UpdateAgent(ctx, a.ID, func(r *AgentRecord) (AgentChange, error) {
		if r.TOTPPending == nil {
			r.TOTPPending = NewTOTPSecret()
		}
		return AgentChange{}, nil
	})
	if err != nil {
		return Enrollment{}, err
	}
	return Enrollment{Secret: rec.TOTPPending, SecretText: EncodeSecret(rec.TOTPPending),
		URI: TOTPURI(s.cfg.Issuer, rec.Email, rec.TOTPPending)}, nil
}

// CompleteEnrollment confirms the pending secret with a code from the app,
// enables the second factor and returns ten recovery codes, to be shown
// once. The session is replaced by a new one (returned).
func (s *Service) CompleteEnrollment(ctx context.Context, token, code string, c Client) (SignIn, []string, error) {
	sess, a, err := s.Session(ctx, token)
	if err != nil {
		return SignIn{}, nil, err
	}
	if sess.Stage != StageEnroll && sess.Stage != StageFull {
		return SignIn{}, nil, errWrongStage
	}
	if a.TOTPEnabled {
		return SignIn{}, nil, errAlreadyEnrolled
	}
	now := s.now().UTC()
	codes, hashes := newRecoveryCodes()
	ok := false
	rec, err := s.store.UpdateAgent(ctx, a.ID, func(r *AgentRecord) (AgentChange, error) {
		if r.TOTPPending == nil || r.TOTPSecret != nil {
			return AgentChange{}, nil
		}
		step, match := matchTOTP(r.TOTPPending, code, now, 0)
		if !match {
			return AgentChange{}, nil
		}
		ok = true
		r.TOTPSecret, r.TOTPPending, r.TOTPLastStep = r.TOTPPending, nil, step
		return AgentChange{RecoveryCodes: hashes, Audit: []Entry{{AgentID: a.ID, Action: ActionTOTPEnroll, Target: AgentTarget(a.ID),
			IP: c.IP, UserAgent: clip(c.UserAgent, maxUserAgent), At: now}}}, nil
	})
	if err != nil {
		return SignIn{}, nil, err
	}
	if !ok {
		return SignIn{}, nil, errCodeInvalid
	}
	stage := nextStage(rec, true)
	var audit []Entry
	if stage == StageFull && sess.Stage != StageFull {
		audit = []Entry{{AgentID: a.ID, Action: ActionSignIn, Target: AgentTarget(a.ID), Data: map[string]any{"factor": "totp_enrolment"},
			IP: c.IP, UserAgent: clip(c.UserAgent, maxUserAgent), At: now}}
	}
	in, err := s.openSession(ctx, rec.Agent, stage, sess.TokenHash, c, audit)
	if err != nil {
		return SignIn{}, nil, err
	}
	return in, codes, nil
}
