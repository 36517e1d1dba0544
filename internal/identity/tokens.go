package identity

import (
	"context"
	"strings"

	"github.com/walletdesk/walletdesk/internal/desk"
)

// CreateToken makes a personal API token for agent agentID (oneself, or
// anyone with PermTokenManageAll). The secret is returned once; only its
// hash is stored.
func (s *Service) CreateToken(ctx context.Context, by Actor, agentID int64, name string, scopes []Scope) (APIToken, string, error) {
	if !(by.Agent != nil && by.Agent.ID == agentID && !by.Agent.Disabled) && !by.can(PermTokenManageAll) {
		return APIToken{}, "", errForbidden
	}
	owner, err := s.Agent(ctx, agentID)
	if err != nil {
		return APIToken{}, "", err
	}
	if owner.Disabled {
		return APIToken{}, "", desk.Errorf(desk.KindConflict, "agent_disabled", "")
	}
	name, err = validateToken(name, scopes, owner)
	if err != nil {
		return APIToken{}, "", err
	}
	secret, hash := newSecretToken(apiTokenPrefix)
	now := s.now().UTC()
	t := APIToken{AgentID: agentID, Name: name, Scopes: scopes, Prefix: secret[:len(apiTokenPrefix)+6], TokenHash: hash, CreatedAt: now}
	err = s.store.CreateToken(ctx, &t, func(id int64) []Entry {
		return []Entry{by.entry(ActionTokenCreate, TokenTarget(id), map[string]any{
			"owner": agentID, "name": name, "scopes": formatScopes(scopes)}, now)}
	})
	if err != nil {
		return APIToken{}, "", err
	}
	return t, secret, nil
}

// Tokens lists an agent's tokens (oneself, or anyone with
// PermTokenManageAll), revoked ones included.
func (s *Service) Tokens(ctx context.Context, by Actor, agentID int64) ([]APIToken, error) {
	if !(by.Agent != nil && by.Agent.ID == agentID) && !by.can(PermTokenManageAll) {
		return nil, errForbidden
	}
	return s.store.Tokens(ctx, agentID)
}

// RevokeToken ends a token at once. Its owner may revoke it, and so may
// whoever has PermTokenManageAll. Revoking is recorded, never a delete.
func (s *Service) RevokeToken(ctx context.Context, by Actor, id int64) error {
	t, err := s.store.Token(ctx, id)
	if err != nil {
		return err
	}
	if !(by.Agent != nil && by.Agent.ID == t.AgentID) && !by.can(PermTokenManageAll) {
		// Not the caller's token: the same answer as a missing one.
		return desk.ErrNotFound
	}
	now := s.now().UTC()
	return s.store.RevokeToken(ctx, id, now, []Entry{by.entry(ActionTokenRevoke, TokenTarget(id),
		map[string]any{"owner": t.AgentID, "name": t.Name}, now)})
}

var errTokenInvalid = desk.Errorf(desk.KindUnauthorized, "token_invalid", "")

// AuthenticateToken returns the token a bearer secret opens and its owner.
// A revoked token or a disabled owner is refused like an unknown token.
// Use is recorded at most once per TouchEvery.
func (s *Service) AuthenticateToken(ctx context.Context, secret string) (APIToken, Agent, error) {
	if !strings.HasPrefix(secret, apiTokenPrefix) || len(secret) > 128 {
		return APIToken{}, Agent{}, errTokenInvalid
	}
	t, a, err := s.store.TokenByHash(ctx, HashToken(secret))
	if desk.IsNotFound(err) {
		return APIToken{}, Agent{}, errTokenInvalid
	}
	if err != nil {
		return APIToken{}, Agent{}, err
	}
	if !t.Active() || a.Disabled {
		return APIToken{}, Agent{}, errTokenInvalid
	}
	now := s.now().UTC()
	if now.Sub(t.LastUsedAt) >= s.cfg.TouchEvery {
		if err := s.store.TouchToken(ctx, t.ID, now); err != nil {
			s.log.Warn("record token use", "token", t.ID, "err", err)
		}
		t.LastUsedAt = now
	}
	return t, a, nil
}
