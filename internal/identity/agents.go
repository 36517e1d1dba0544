package identity

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/walletdesk/walletdesk/internal/desk"
)

// CreateAgent adds an agent with a password they chose (the command line
// creates the first admin this way).
func (s *Service) CreateAgent(ctx context.Context, by Actor, n NewAgent, password string) (Agent, error) {
	if !by.can(PermAgentManage) {
		return Agent{}, errForbidden
	}
	if err := n.validate(); err != nil {
		return Agent{}, err
	}
	if err := CheckPassword(password, n.Email); err != nil {
		return Agent{}, err
	}
	return s.createAgent(ctx, by, n, HashPassword(password, s.cfg.Password), false)
}

// InviteAgent adds an agent with a random one-time password, returned
// here to be shown once. The agent must choose their own password at first
// sign-in (and enrol a second factor when the role requires one).
func (s *Service) InviteAgent(ctx context.Context, by Actor, n NewAgent) (Agent, string, error) {
	if !by.can(PermAgentManage) {
		return Agent{}, "", errForbidden
	}
	if err := n.validate(); err != nil {
		return Agent{}, "", err
	}
	pw := randomPassword()
	a, err := s.createAgent(ctx, by, n, HashPassword(pw, s.cfg.Password), true)
	if err != nil {
		return Agent{}, "", err
	}
	return a, pw, nil
}

func (s *Service) createAgent(ctx context.Context, by Actor, n NewAgent, hash string, mustChange bool) (Agent, error) {
	now := s.now().UTC()
	rec := AgentRecord{
		Agent: Agent{Email: n.Email, Name: n.Name, Role: n.Role, Languages: n.Languages, OpenCap: n.OpenCap,
			MustChangePassword: mustChange, CreatedAt: now},
		Credentials: Credentials{PasswordHash: hash},
	}
	err := s.store.CreateAgent(ctx, &rec, func(id int64) []Entry {
		return []Entry{by.entry(ActionAgentCreate, AgentTarget(id), map[string]any{
			"email": n.Email, "role": string(n.Role), "languages": FormatLanguages(n.Languages), "invited": mustChange,
		}, now)}
	})
	if err != nil {
		return Agent{}, err
	}
	return rec.Agent, nil
}

// Agent returns one agent.
func (s *Service) Agent(ctx context.Context, id int64) (Agent, error) {
	rec, err := s.store.AgentRecord(ctx, id)
	return rec.Agent, err
}

// AgentByEmail returns the agent with that address (any case).
func (s *Service) AgentByEmail(ctx context.Context, email string) (Agent, error) {
	e, ok := NormalizeEmail(email)
	if !ok {
		return Agent{}, desk.ErrNotFound
	}
	rec, err := s.store.AgentRecordByEmail(ctx, e)
	return rec.Agent, err
}

// Agents lists every agent, disabled ones included.
func (s *Service) Agents(ctx context.Context) ([]Agent, error) { return s.store.Agents(ctx) }

// AgentUpdate says what to change; nil fields stay as they are.
type AgentUpdate struct {
	Name      *string
	Role      *Role
	Languages []desk.Locale // nil keeps; empty is refused
	OpenCap   *int
	Disabled  *bool
}

// UpdateAgent changes an agent's profile, role or enabled state. Agents
// may change their own name and languages; everything else, and anything
// about another agent, needs PermAgentManage. An admin cannot demote or
// disable themselves, so that the desk always keeps one admin who can act.
func (s *Service) UpdateAgent(ctx context.Context, by Actor, id int64, u AgentUpdate) (Agent, error) {
	self := by.Agent != nil && by.Agent.ID == id
	admin := by.can(PermAgentManage)
	if !admin && !(self && u.Role == nil && u.OpenCap == nil && u.Disabled == nil) {
		return Agent{}, errForbidden
	}
	fields := map[string]string{}
	if u.Name != nil {
		n := strings.TrimSpace(*u.Name)
		if n == "" {
			fields["name"] = "required"
		} else if utf8.RuneCountInString(n) > 100 {
			fields["name"] = "too_long"
		}
		u.Name = &n
	}
	if u.Role != nil && !u.Role.Valid() {
		fields["role"] = "role_invalid"
	}
	if u.Languages != nil {
		if len(u.Languages) == 0 {
			fields["languages"] = "required"
		}
		for _, l := range u.Languages {
			if !l.Valid() {
				fields["languages"] = "locale_unsupported"
			}
		}
	}
	if u.OpenCap != nil && (*u.OpenCap < 0 || *u.OpenCap > 1000) {
		fields["open_cap"] = "limit_range"
	}
	if self && !by.System && ((u.Role != nil && *u.Role != RoleAdmin && by.Agent.Role == RoleAdmin) || (u.Disabled != nil && *u.Disabled)) {
		return Agent{}, desk.Errorf(desk.KindConflict, "agent_self_lockout", "")
	}
	if len(fields) > 0 {
		return Agent{}, desk.Invalid("invalid_input", fields)
	}
	now := s.now().UTC()
	rec, err := s.store.UpdateAgent(ctx, id, func(rec *AgentRecord) (AgentChange, error) {
		changed := map[string]any{}
		var ch AgentChange
		if u.Name != nil && *u.Name != rec.Name {
			changed["name"], rec.Name = *u.Name, *u.Name
		}
		if u.Role != nil && *u.Role != rec.Role {
			changed["role"] = map[string]any{"from": string(rec.Role), "to": string(*u.Role)}
			rec.Role = *u.Role
		}
		if u.Languages != nil && FormatLanguages(u.Languages) != FormatLanguages(rec.Languages) {
			changed["languages"], rec.Languages = FormatLanguages(u.Languages), u.Languages
		}
		if u.OpenCap != nil && *u.OpenCap != rec.OpenCap {
			changed["open_cap"], rec.OpenCap = *u.OpenCap, *u.OpenCap
		}
		if u.Disabled != nil && *u.Disabled != rec.Disabled {
			changed["disabled"], rec.Disabled = *u.Disabled, *u.Disabled
			if rec.Disabled {
				ch.EndSessions = true
				rec.LastSeenAt = time.Time{} // no longer online for assignment
			}
		}
		if len(changed) > 0 {
			ch.Audit = []Entry{by.entry(ActionAgentUpdate, AgentTarget(id), changed, now)}
		}
		return ch, nil
	})
	if err == nil && rec.Disabled {
		s.forgetTouch(id)
	}
	return rec.Agent, err
}

// SetPassword replaces an agent's password (the command line's reset for
// a forgotten password). Every session of the agent ends.
func (s *Service) SetPassword(ctx context.Context, by Actor, id int64, password string) error {
	if !by.can(PermAgentManage) {
		return errForbidden
	}
	rec, err := s.store.AgentRecord(ctx, id)
	if err != nil {
		return err
	}
	if err := CheckPassword(password, rec.Email); err != nil {
		return err
	}
	hash := HashPassword(password, s.cfg.Password)
	now := s.now().UTC()
	_, err = s.store.UpdateAgent(ctx, id, func(rec *AgentRecord) (AgentChange, error) {
		rec.PasswordHash, rec.MustChangePassword = hash, false
		rec.FailedSignins, rec.LockedUntil = 0, time.Time{}
		return AgentChange{EndSessions: true, Audit: []Entry{by.entry(ActionPasswordReset, AgentTarget(id), nil, now)}}, nil
	})
	return err
}

// ResetTOTP removes an agent's second factor and recovery codes (a lost
// phone). Every session of the agent ends; admins and supervisors enrol
// again at their next sign-in.
func (s *Service) ResetTOTP(ctx context.Context, by Actor, id int64) error {
	if !by.can(PermAgentManage) {
		return errForbidden
	}
	now := s.now().UTC()
	_, err := s.store.UpdateAgent(ctx, id, func(rec *AgentRecord) (AgentChange, error) {
		rec.TOTPSecret, rec.TOTPPending, rec.TOTPLastStep, rec.TOTPUnreadable = nil, nil, 0, false
		return AgentChange{EndSessions: true, RecoveryCodes: []string{},
			Audit: []Entry{by.entry(ActionTOTPReset, AgentTarget(id), nil, now)}}, nil
	})
	return err
}
