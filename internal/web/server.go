package web

import (
	"context"
	"errors"
	"html/template"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/walletdesk/walletdesk/internal/i18n"
	"github.com/walletdesk/walletdesk/internal/identity"
	"github.com/walletdesk/walletdesk/internal/kb"
	"github.com/walletdesk/walletdesk/internal/ticket"
)

// Config is the HTTP side of the configuration.
type Config struct {
	// RateLimit enables per-IP rate limits (WALLETDESK_RATE_LIMIT=off disables).
	RateLimit bool
	// TrustProxy takes the client address from X-Forwarded-For (set only
	// behind a proxy that overwrites it).
	TrustProxy bool
	// MaxBodyBytes bounds a JSON or form body.
	MaxBodyBytes int64
	// Secure marks cookies Secure (HTTPS deployments).
	Secure bool
}

// Deps are the services the handlers use.
type Deps struct {
	KB       *kb.Service
	Catalog  *i18n.Catalog
	Redactor Redactor
	Ready    func(context.Context) error // nil error when the server can serve
	Logger   *slog.Logger
	Registry *prometheus.Registry
	Content  ContentFiles
	Identity *identity.Service // nil: no console, no agent API
	Tickets  *ticket.Service
	Chain    TxDiagnoser // nil or unconfigured: the check says it is not set up
	// Editor edits help-center articles in the console; Analytics feeds its
	// self-service page. Either nil: those pages are not served.
	Editor    *kb.Editor
	Analytics Analytics
	// Queue, Macros and QueueData serve the agents' queue, request view,
	// macros, live updates and agent API (console_queue*.go); Queue nil:
	// none of them.
	Queue     *ticket.Queue
	Macros    *ticket.Macros
	QueueData QueueData
}

// Server holds what handlers share.
type Server struct {
	cfg     Config
	kb      *kb.Service
	tickets *ticket.Service
	chain   TxDiagnoser
	cat     *i18n.Catalog
	redact  Redactor
	ready   func(context.Context) error
	log     *slog.Logger
	metrics *metrics
	tmpl    map[string]*template.Template
	assets  *assets
	media   ContentFiles
	limits  *limiter
	// identity signs agents in; origin refuses cross-site unsafe console requests.
	identity *identity.Service
	origin   *http.CrossOriginProtection
	handler  http.Handler
	// editor and analytics serve the article and analytics pages.
	editor    *kb.Editor
	analytics Analytics
	// queue serves the queue pages, live updates and the agent API.
	queue *queueDeps
}

// New builds the server: parses templates (a broken template fails here,
// not on a request), hashes static assets and assembles the routes.
func New(cfg Config, d Deps) (*Server, error) {
	if d.KB == nil || d.Catalog == nil || d.Redactor == nil || d.Tickets == nil {
		return nil, errors.New("web: KB, Catalog, Redactor and Tickets are required")
	}
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = 64 << 10
	}
	if d.Logger == nil {
		d.Logger = slog.New(slog.DiscardHandler)
	}
	if d.Registry == nil {
		d.Registry = prometheus.NewRegistry()
	}
	if d.Ready == nil {
		d.Ready = func(context.Context) error { return nil }
	}
	s := &Server{
		cfg: cfg, kb: d.KB, tickets: d.Tickets, chain: d.Chain, cat: d.Catalog, redact: d.Redactor, ready: d.Ready, log: d.Logger,
		metrics: newMetrics(d.Registry), media: d.Content,
		limits:   newLimiter(cfg.RateLimit),
		identity: d.Identity, origin: http.NewCrossOriginProtection(),
		editor: d.Editor, analytics: d.Analytics,
		queue: newQueueDeps(d),
	}
	var err error
	if s.assets, err = loadAssets(); err != nil {
		return nil, err
	}
	if s.tmpl, err = s.parseTemplates(); err != nil {
		return nil, err
	}
	s.handler = s.routes()
	return s, nil
}

// Handler returns the root handler.
func (s *Server) Handler() http.Handler { return s.handler }

// Observer returns the search observer that feeds the metrics.
func (s *Server) Observer() kb.Observer { return s.metrics }

// Run serves on ln until ctx ends, then shuts down gracefully: in-flight
// requests get up to grace to finish.
func (s *Server) Run(ctx context.Context, ln net.Listener, grace time.Duration) error {
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       20 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    32 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	go s.limits.run(ctx)
	srv.RegisterOnShutdown(s.queue.shutdown) // live event streams never go idle by themselves
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	err := srv.Shutdown(sctx)
	if e := <-errc; e != nil && !errors.Is(e, http.ErrServerClosed) {
		err = errors.Join(err, e)
	}
	return err
}
