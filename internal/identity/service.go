package identity

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"
)

// Config tunes sign-in and sessions. Zero fields take the defaults.
type Config struct {
	// Issuer names the service in authenticator apps.
	Issuer   string
	Password PasswordParams
	// IdleTimeout ends a session without activity; AbsoluteTimeout ends
	// any session; PendingTimeout bounds the steps between password and a
	// full session (second factor, enrolment, new password).
	IdleTimeout     time.Duration
	AbsoluteTimeout time.Duration
	PendingTimeout  time.Duration
	// MaxFailures consecutive failures lock an account for LockFor; each
	// further MaxFailures doubles the lock, up to MaxLock.
	MaxFailures int
	LockFor     time.Duration
	MaxLock     time.Duration
	// MaxFailuresPerIP failed sign-ins from one address within IPWindow
	// refuse further attempts from it, whatever the account.
	MaxFailuresPerIP int
	IPWindow         time.Duration
	// TouchEvery bounds presence and session activity writes to one per
	// agent (or session) per interval.
	TouchEvery time.Duration
}

func (c *Config) defaults() {
	if c.Issuer == "" {
		c.Issuer = "walletdesk"
	}
	if c.Password.Time == 0 || c.Password.Memory == 0 || c.Password.Threads == 0 {
		c.Password = DefaultPasswordParams
	}
	set := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	set(&c.IdleTimeout, 30*time.Minute)
	set(&c.AbsoluteTimeout, 12*time.Hour)
	set(&c.PendingTimeout, 10*time.Minute)
	set(&c.LockFor, 15*time.Minute)
	set(&c.MaxLock, 24*time.Hour)
	set(&c.IPWindow, 15*time.Minute)
	set(&c.TouchEvery, time.Minute)
	if c.MaxFailures <= 0 {
		c.MaxFailures = 5
	}
	if c.MaxFailuresPerIP <= 0 {
		c.MaxFailuresPerIP = 30
	}
}

// Client is where a request comes from, for throttling and the audit log.
type Client struct {
	IP        string
	UserAgent string
}

// Actor is who performs an administrative action. Agent is the signed-in
// agent; System marks the command line, which has the database anyway and
// may do everything. An Actor with neither may do nothing.
type Actor struct {
	Agent  *Agent
	System bool
	Client
}

// SystemActor is the command line.
func SystemActor() Actor { return Actor{System: true, Client: Client{UserAgent: "walletdesk cli"}} }

// AgentActor is a signed-in agent acting from a client.
func AgentActor(a *Agent, c Client) Actor { return Actor{Agent: a, Client: c} }

func (a Actor) can(p Permission) bool { return a.System || a.Agent.Can(p) }

func (a Actor) id() int64 {
	if a.Agent != nil {
		return a.Agent.ID
	}
	return 0
}

func (a Actor) entry(action, target string, data map[string]any, at time.Time) Entry {
	if a.System {
		if data == nil {
			data = map[string]any{}
		}
		data["via"] = "cli"
	}
	return Entry{AgentID: a.id(), Action: action, Target: target, Data: data,
		IP: a.IP, UserAgent: clip(a.UserAgent, maxUserAgent), At: at}
}

// Service is the identity domain.
type Service struct {
	cfg   Config
	store Store
	log   *slog.Logger
	now   func() time.Time

	dummyOnce sync.Once
	dummy     string // a hash to verify against for unknown addresses

	mu      sync.Mutex
	touched map[int64]time.Time // agent -> last presence write
}

// NewService wires a Service.
func NewService(cfg Config, st Store, log *slog.Logger) *Service {
	cfg.defaults()
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Service{cfg: cfg, store: st, log: log, now: time.Now, touched: map[int64]time.Time{}}
}

// SetClock replaces the clock; tests use it to expire sessions and locks.
func (s *Service) SetClock(now func() time.Time) { s.now = now }

// Config returns the effective configuration (defaults applied).
func (s *Service) Config() Config { return s.cfg }

func (s *Service) dummyHash() string {
	s.dummyOnce.Do(func() { s.dummy = HashPassword("walletdesk timing equalizer", s.cfg.Password) })
	return s.dummy
}

var errForbidden = desk.Errorf(desk.KindForbidden, "forbidden", "")

// Run removes expired sessions every few minutes until ctx ends. Expired
// sessions are refused when used anyway; this only keeps the table small.
func (s *Service) Run(ctx context.Context) error {
	t := time.NewTicker(5 * time.Minute)
	defer t.Stop()
	for {
		now := s.now()
		if n, err := s.store.DeleteExpiredSessions(ctx, now, now.Add(-s.cfg.IdleTimeout)); err != nil && ctx.Err() == nil {
			s.log.Warn("delete expired sessions", "err", err)
		} else if n > 0 {
			s.log.Debug("deleted expired sessions", "n", n)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}
