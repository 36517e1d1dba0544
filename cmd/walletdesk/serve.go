package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/walletdesk/walletdesk/content"
	"github.com/walletdesk/walletdesk/internal/chain"
	"github.com/walletdesk/walletdesk/internal/i18n"
	"github.com/walletdesk/walletdesk/internal/identity"
	"github.com/walletdesk/walletdesk/internal/kb"
	"github.com/walletdesk/walletdesk/internal/redact"
	"github.com/walletdesk/walletdesk/internal/store"
	"github.com/walletdesk/walletdesk/internal/ticket"
	"github.com/walletdesk/walletdesk/internal/triage"
	"github.com/walletdesk/walletdesk/internal/web"
)

func newLogger(c Config, e env) (*slog.Logger, error) {
	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(c.LogLevel)); err != nil {
		return nil, fmt.Errorf("log level %q: %w", c.LogLevel, err)
	}
	opts := &slog.HandlerOptions{Level: lvl}
	switch strings.ToLower(c.LogFormat) {
	case "json":
		return slog.New(slog.NewJSONHandler(e.stderr, opts)), nil
	case "text", "":
		return slog.New(slog.NewTextHandler(e.stderr, opts)), nil
	}
	return nil, fmt.Errorf("log format %q: use text or json", c.LogFormat)
}

func openStore(ctx context.Context, c Config) (*store.DB, error) {
	cfg := store.Config{DataDir: c.DataDir, DatabaseURL: c.DatabaseURL}
	// Refuse a bad location before the key file is created beside it.
	if err := cfg.CheckLocation(); err != nil {
		return nil, err
	}
	key, err := secretKey(c)
	if err != nil {
		return nil, err
	}
	cfg.SecretKey = key
	return store.Open(ctx, cfg)
}

// app is the wired application.
type app struct {
	db       *store.DB
	index    *kb.Index
	kb       *kb.Service
	tickets  *ticket.Service
	chain    *chain.Diagnoser
	web      *web.Server
	identity *identity.Service
	queue    *queueParts
	log      *slog.Logger
}

func (a *app) close() {
	a.queue.close()
	if a.index != nil {
		a.index.Close()
	}
	if a.db != nil {
		a.db.Close()
	}
}

// build opens everything serve needs. On an empty database it loads the
// built-in help center.
func build(ctx context.Context, c Config, e env, log *slog.Logger) (*app, error) {
	a := &app{log: log}
	chains, err := chain.ParseEnv(e.environ())
	if err != nil {
		return nil, fmt.Errorf("chain configuration: %w", err)
	}
	if a.db, err = openStore(ctx, c); err != nil {
		return nil, err
	}
	if a.index, err = kb.OpenIndex(filepath.Join(c.DataDir, "search")); err != nil {
		a.close()
		return nil, err
	}
	syn, err := kb.LoadSynonyms(content.FS())
	if err != nil {
		a.close()
		return nil, err
	}
	cat, err := i18n.Load()
	if err != nil {
		a.close()
		return nil, err
	}
	reg := prometheus.NewRegistry()
	// The secret detector's and the triage lexicon's tables take the longest
	// to build; they build on the other core while the help center loads.
	var redactor *redact.Redactor
	var classifier *triage.Classifier
	var tables sync.WaitGroup
	tables.Go(func() { redactor = redact.New() })
	tables.Go(func() { classifier = triage.New(triage.Config{}) })
	a.kb = kb.NewService(kb.Options{Store: a.db.KB(), Index: a.index, Synonyms: syn, Logger: log})
	seeded, err := a.kb.Seed(ctx, content.FS())
	if err == nil {
		err = a.kb.Load(ctx)
	}
	tables.Wait()
	if err != nil {
		a.close()
		return nil, fmt.Errorf("load the help center: %w", err)
	}
	if seeded {
		log.Info("loaded the built-in help center into an empty database", "articles", a.kb.Total())
	}
	tcfg := ticket.Config{}
	if !c.RateLimit {
		tcfg.MaxPerEmailPerHour = -1 // "rate limits off" covers the per-address one too
	}
	a.tickets = ticket.NewService(tcfg, a.db.Tickets(), redactor, classifier, a.kb, log)
	a.chain, err = chain.New(ctx, chains, a.db.Chain(), chain.Options{Logger: log})
	if err != nil {
		a.close()
		return nil, fmt.Errorf("chain diagnostics: %w", err)
	}
	a.tickets.SetTxChecker(a.chain)
	a.identity = identity.NewService(identity.Config{}, a.db.Identity(), log)
	if n, err := a.db.Identity().UnreadableSecondFactors(ctx); err != nil {
		a.close()
		return nil, err
	} else if n > 0 {
		log.Error("the secret key does not open the second factor of some agents: they can sign in only with a recovery code until the key is restored or their factor is reset",
			"agents", n, "key", secretKeyPath(c))
	}
	if a.queue, err = buildQueue(ctx, c.DataDir, a.db, a.tickets, redactor, a.kb, a.identity, log); err != nil {
		a.close()
		return nil, err
	}
	a.web, err = web.New(web.Config{RateLimit: c.RateLimit, TrustProxy: c.TrustProxy, Secure: c.Secure}, web.Deps{
		KB: a.kb, Tickets: a.tickets, Chain: a.chain, Catalog: cat, Redactor: redactor, Logger: log, Registry: reg, Content: content.FS(),
		Ready: a.db.Ping, Identity: a.identity,
		Editor: kb.NewEditor(a.kb, a.db.KB()), Analytics: a.db.Analytics(),
		Queue: a.queue.queue, Macros: a.queue.macros, QueueData: a.queue.data,
	})
	if err != nil {
		a.close()
		return nil, err
	}
	a.kb.SetObserver(a.web.Observer())
	return a, nil
}

func cmdServe(ctx context.Context, args []string, e env) error {
	var c Config
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	serveFlags(fs, &c)
	if err := parse(fs, args, e.getenv); err != nil {
		return err
	}
	log, err := newLogger(c, e)
	if err != nil {
		return err
	}
	start := time.Now()
	a, err := build(ctx, c, e, log)
	if err != nil {
		return err
	}
	defer a.close()
	// Start-up allocates far more than the server keeps (the word tables of
	// the secret detector, the triage automaton, migrations); give it back
	// to the system now rather than whenever the scavenger gets to it.
	debug.FreeOSMemory()
	ln, err := net.Listen("tcp", c.Addr)
	if err != nil {
		return err
	}
	log.Info("walletdesk ready", "addr", ln.Addr().String(), "database", a.db.Engine(),
		"articles", a.kb.Total(), "chains", strings.Join(a.chain.Chains(), ","), "rate_limit", c.RateLimit,
		"startup", time.Since(start).Round(time.Millisecond))
	errc := make(chan error, 2)
	go func() { errc <- a.kb.Run(ctx, 5*time.Second) }()
	go a.identity.Run(ctx)
	go func() { errc <- a.tickets.RunJobs(ctx) }()
	a.queue.run(ctx)
	err = a.web.Run(ctx, ln, c.Grace)
	log.Info("walletdesk stopped")
	if errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

func cmdMigrate(ctx context.Context, args []string, e env) error {
	var c Config
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	storeFlags(fs, &c)
	if err := parse(fs, args, e.getenv); err != nil {
		return err
	}
	db, err := openStore(ctx, c)
	if err != nil {
		return err
	}
	defer db.Close()
	fmt.Fprintf(e.stdout, "database (%s) is up to date\n", db.Engine())
	return nil
}
