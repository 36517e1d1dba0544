package ticket

import (
	"context"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/triage"
)

// Assign gives a ticket to an agent (by is the agent who does it; the
// caller checks that the assignee exists).
func (s *Service) Assign(ctx context.Context, id, to, by int64) (Ticket, error) {
	if to <= 0 {
		return Ticket{}, desk.Invalid("invalid_input", map[string]string{"assignee": "required"})
	}
	return s.Edit(ctx, id, by, Edit{Assign: to})
}

// Unassign returns a ticket to the unassigned pool.
func (s *Service) Unassign(ctx context.Context, id, by int64) (Ticket, error) {
	return s.Edit(ctx, id, by, Edit{Unassign: true})
}

// OnCreate registers fn to be told of every ticket Create commits; the
// assigner uses it so that a new S1 is assigned at once. fn must not
// block. Without it, tickets wait for the next assignment round.
func (s *Service) OnCreate(fn func(Ticket)) { s.created = fn }

// Candidate is an online agent as automatic assignment sees them.
type Candidate struct {
	ID        int64
	Locales   []desk.Locale // languages they answer in
	OpenCount int           // open tickets assigned to them now
	Cap       int           // most open tickets assignment gives them; 0: no cap
}

func (c *Candidate) speaks(loc desk.Locale) bool {
	for _, l := range c.Locales {
		if l == loc {
			return true
		}
	}
	return false
}

func (c *Candidate) underCap() bool { return c.Cap <= 0 || c.OpenCount < c.Cap }

// Agents says who can take tickets now (package identity).
type Agents interface {
	Online(ctx context.Context) ([]Candidate, error)
}

// RotationStore keeps the assignment rotation (package store), so that it
// survives restarts and is shared by replicas.
type RotationStore interface {
	// Turns returns each agent's last turn; an agent who never had one is
	// absent (turn 0).
	Turns(ctx context.Context) (map[int64]int64, error)
	// TakeTurn gives agent the newest turn and returns it.
	TakeTurn(ctx context.Context, agentID int64, at time.Time) (int64, error)
}

// AssignerConfig tunes automatic assignment.
type AssignerConfig struct {
	// Interval between rounds, which pick up tickets left waiting when
	// nobody was available; 10 s when zero.
	Interval time.Duration
	// Scan bounds how many unassigned tickets one round looks at; 2000
	// when zero.
	Scan int
	// Gap is the least time between rounds that new tickets ask for, so
	// that a burst of requests does not turn into a burst of rounds; 1 s
	// when zero. A new S1 never waits for it.
	Gap time.Duration
}

// Assigner gives unassigned new and open tickets to online agents who
// speak the ticket's language and are under their cap, taking turns (the
// agent whose last turn is oldest goes next). An S1 goes at once to the
// least loaded available agent, a speaker of its language if one is free,
// and, rather than wait, to someone over their cap. Each assignment is an
// event ("assigned", actor "system").
type Assigner struct {
	svc    *Service
	queue  QueueStore
	agents Agents
	rot    RotationStore
	cfg    AssignerConfig
	log    *slog.Logger
	kick   chan struct{} // a new ticket
	urgent chan struct{} // a new S1
	mu     sync.Mutex    // one round at a time
}

// NewAssigner wires an Assigner and registers it for new tickets.
func NewAssigner(svc *Service, q QueueStore, agents Agents, rot RotationStore, cfg AssignerConfig, log *slog.Logger) *Assigner {
	if cfg.Interval <= 0 {
		cfg.Interval = 10 * time.Second
	}
	if cfg.Scan <= 0 {
		cfg.Scan = 2000
	}
	if cfg.Gap <= 0 {
		cfg.Gap = time.Second
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	a := &Assigner{svc: svc, queue: q, agents: agents, rot: rot, cfg: cfg, log: log,
		kick: make(chan struct{}, 1), urgent: make(chan struct{}, 1)}
	svc.OnCreate(a.Notify)
	return a
}

// Notify asks for a round: at once for an S1, within Gap otherwise. It
// never blocks.
func (a *Assigner) Notify(t Ticket) {
	ch := a.kick
	if t.Severity == triage.S1 {
		ch = a.urgent
	}
	select {
	case ch <- struct{}{}:
	default: // a round is already due
	}
}

// Run assigns in rounds, on Notify and every Interval, until ctx ends.
func (a *Assigner) Run(ctx context.Context) error {
	t := time.NewTicker(a.cfg.Interval)
	defer t.Stop()
	for {
		if n, err := a.AssignWaiting(ctx); err != nil && ctx.Err() == nil {
			a.log.Warn("automatic assignment failed", "err", err)
		} else if n > 0 {
			a.log.Info("tickets assigned", "count", n)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		case <-a.urgent:
		case <-a.kick:
			// Let more new tickets gather, unless an S1 arrives.
			gap := time.NewTimer(a.cfg.Gap)
			select {
			case <-ctx.Done():
				gap.Stop()
				return nil
			case <-gap.C:
			case <-a.urgent:
				gap.Stop()
			}
		}
	}
}

// AssignWaiting runs one round over the unassigned tickets, in queue order
// (S1 first), and returns how many it assigned.
func (a *Assigner) AssignWaiting(ctx context.Context) (int, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	online, err := a.agents.Online(ctx)
	if err != nil || len(online) == 0 {
		return 0, err
	}
	cands := make([]*Candidate, len(online))
	for i := range online {
		cands[i] = &online[i]
	}
	turns, err := a.rot.Turns(ctx)
	if err != nil {
		return 0, err
	}
	assigned, scanned := 0, 0
	var after *QueueKey
	for scanned < a.cfg.Scan {
		rows, err := a.queue.QueuePage(ctx, QueueQuery{Statuses: []Status{New, Open}, Assignee: Unassigned, After: after, Limit: min(200, a.cfg.Scan-scanned)})
		if err != nil {
			return assigned, err
		}
		for _, r := range rows {
			c, rule := pickAgent(cands, turns, r.Severity, r.Locale)
			if c == nil {
				continue
			}
			ok, err := a.svc.autoAssign(ctx, r.ID, c.ID, rule)
			if err != nil {
				return assigned, err
			}
			if !ok {
				continue // someone (another replica, an agent) was quicker
			}
			assigned++
			c.OpenCount++
			turn, err := a.rot.TakeTurn(ctx, c.ID, a.svc.now())
			if err != nil {
				return assigned, err
			}
			turns[c.ID] = turn
		}
		scanned += len(rows)
		if len(rows) == 0 || !anyUnderCap(cands) {
			break
		}
		k := rows[len(rows)-1].Key()
		after = &k
	}
	return assigned, nil
}

func anyUnderCap(cands []*Candidate) bool {
	for _, c := range cands {
		if c.underCap() {
			return true
		}
	}
	return false
}

// pickAgent chooses who gets a ticket, and says by which rule.
func pickAgent(cands []*Candidate, turns map[int64]int64, sev triage.Severity, loc desk.Locale) (*Candidate, string) {
	if sev == triage.S1 {
		tiers := []struct {
			rule string
			ok   func(c *Candidate) bool
		}{
			{"s1_first_available", func(c *Candidate) bool { return c.speaks(loc) && c.underCap() }},
			{"s1_any_language", (*Candidate).underCap},
			{"s1_over_cap", func(c *Candidate) bool { return c.speaks(loc) }},
			{"s1_anyone", func(*Candidate) bool { return true }},
		}
		for _, tier := range tiers {
			var best *Candidate
			for _, c := range cands {
				if tier.ok(c) && (best == nil || lessLoaded(c, best, turns)) {
					best = c
				}
			}
			if best != nil {
				return best, tier.rule
			}
		}
		return nil, ""
	}
	var best *Candidate
	for _, c := range cands {
		if c.speaks(loc) && c.underCap() && (best == nil || earlierTurn(c, best, turns)) {
			best = c
		}
	}
	return best, "round_robin"
}

func earlierTurn(a, b *Candidate, turns map[int64]int64) bool {
	if turns[a.ID] != turns[b.ID] {
		return turns[a.ID] < turns[b.ID]
	}
	if a.OpenCount != b.OpenCount {
		return a.OpenCount < b.OpenCount
	}
	return a.ID < b.ID
}

func lessLoaded(a, b *Candidate, turns map[int64]int64) bool {
	if a.OpenCount != b.OpenCount {
		return a.OpenCount < b.OpenCount
	}
	return earlierTurn(a, b, turns)
}

// autoAssign gives an unassigned new or open ticket to agent; false when
// the ticket no longer waits (assigned meanwhile, or moved on).
func (s *Service) autoAssign(ctx context.Context, id, agent int64, rule string) (bool, error) {
	now := s.now()
	done := false
	_, err := s.store.UpdateTicket(ctx, id, func(t *Ticket, _ Message) (Change, error) {
		if t.Assignee != 0 || (t.Status != New && t.Status != Open) {
			return Change{}, nil
		}
		done = true
		t.Assignee, t.UpdatedAt = agent, now
		return Change{Events: []Event{{Actor: "system", Kind: "assigned", CreatedAt: now,
			Data: map[string]string{"to": strconv.FormatInt(agent, 10), "rule": rule}}}}, nil
	})
	if desk.IsNotFound(err) {
		return false, nil
	}
	return done, err
}
