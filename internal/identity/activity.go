package identity

import (
	"context"
	"strings"
	"time"
)

// Audit appends one entry to the audit log. Its time is now when zero;
// long texts are clipped. Callers record every agent action this way
// (ticket replies, article edits, macro changes...).
func (s *Service) Audit(ctx context.Context, e Entry) error {
	if e.At.IsZero() {
		e.At = s.now().UTC()
	}
	e.Action = clip(strings.TrimSpace(e.Action), 64)
	e.Target = clip(e.Target, maxAuditText)
	e.UserAgent = clip(e.UserAgent, maxUserAgent)
	e.IP = clip(e.IP, 64)
	return s.store.AddAudit(ctx, e)
}

// AuditLog returns one page of the audit log, newest first. Reading it is
// PermAuditRead's business: callers check the permission.
func (s *Service) AuditLog(ctx context.Context, f AuditFilter) (AuditPage, error) {
	if f.Limit <= 0 {
		f.Limit = defaultAuditLimit
	}
	f.Limit = min(f.Limit, maxAuditLimit)
	f.Action = clip(strings.TrimSpace(f.Action), 64)
	f.Target = clip(strings.TrimSpace(f.Target), maxAuditText)
	es, err := s.store.AuditLog(ctx, f)
	if err != nil {
		return AuditPage{}, err
	}
	var p AuditPage
	if len(es) > f.Limit {
		es = es[:f.Limit]
		p.Next = es[len(es)-1].ID
	}
	p.Entries = es
	return p, nil
}

// Online lists enabled agents with console activity since a time, for
// automatic assignment (which still checks role, languages and caps).
func (s *Service) Online(ctx context.Context, since time.Time) ([]Agent, error) {
	return s.store.OnlineAgents(ctx, since)
}

// Touch records that an agent is active in the console. Writes are
// throttled to one per agent per TouchEvery (per process), so calling it
// on every request is cheap.
func (s *Service) Touch(ctx context.Context, agentID int64) error {
	now := s.now().UTC()
	s.mu.Lock()
	last, ok := s.touched[agentID]
	fresh := ok && now.Sub(last) < s.cfg.TouchEvery && !now.Before(last)
	if !fresh {
		s.touched[agentID] = now
	}
	s.mu.Unlock()
	if fresh {
		return nil
	}
	return s.store.TouchAgent(ctx, agentID, now)
}

func (s *Service) forgetTouch(agentID int64) {
	s.mu.Lock()
	delete(s.touched, agentID)
	s.mu.Unlock()
}
