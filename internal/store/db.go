package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver
)

// Config selects and tunes the database.
type Config struct {
	// DataDir holds the SQLite database when DatabaseURL is empty.
	DataDir string
	// DatabaseURL selects PostgreSQL ("postgres://..."); empty means SQLite.
	DatabaseURL string
	// MaxConns bounds the reader pool (SQLite) or the whole pool (PostgreSQL).
	MaxConns int
	// SecretKey (SecretKeySize bytes) seals the secrets the server must
	// read back, such as agents' TOTP seeds. Every replica of one database
	// needs the same key.
	SecretKey []byte
}

// DB is a migrated database. SQLite gets one writer connection (SQLite
// serializes writers anyway; one connection avoids SQLITE_BUSY storms) and a
// pool of read-only connections, which WAL lets run beside the writer.
// PostgreSQL uses one pool for both.
type DB struct {
	write *sql.DB
	read  *sql.DB
	d     *dialect
	now   func() time.Time
	seal  *sealer
	// stmts caches prepared statements of the write pool: the hot write
	// paths run the same few statements, and parsing SQL each time was a
	// third of a ticket insert.
	stmts sync.Map // query -> *sql.Stmt
	// readStmts caches prepared reads that run on every request (a session
	// or token lookup, a ticket by id).
	readStmts sync.Map // query -> *sql.Stmt
}

// CheckLocation reports a database location Open would refuse, without
// touching anything, so that a caller can check it before preparing more.
func (cfg Config) CheckLocation() error {
	switch {
	case cfg.DatabaseURL != "":
		if !strings.HasPrefix(cfg.DatabaseURL, "postgres://") && !strings.HasPrefix(cfg.DatabaseURL, "postgresql://") {
			return desk.Errorf(desk.KindInvalid, "config_database_url", "database URL must start with postgres://")
		}
	case cfg.DataDir == "":
		return desk.Errorf(desk.KindInvalid, "config_data_dir", "no data directory and no database URL")
	}
	return nil
}

// Open connects, applies the pragmas and the pending migrations.
func Open(ctx context.Context, cfg Config) (*DB, error) {
	if err := cfg.CheckLocation(); err != nil {
		return nil, err
	}
	if cfg.MaxConns <= 0 {
		cfg.MaxConns = max(4, 2*runtime.NumCPU())
	}
	sl, err := newSealer(cfg.SecretKey)
	if err != nil {
		return nil, err
	}
	var db *DB
	if cfg.DatabaseURL != "" {
		db, err = openPostgres(cfg)
	} else {
		db, err = openSQLite(cfg)
	}
	if err != nil {
		return nil, err
	}
	db.seal = sl
	if err := db.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := db.prepareHot(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

func openSQLite(cfg Config) (*DB, error) {
	if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
		return nil, fmt.Errorf("create data dir: %w", err)
	}
	path := filepath.Join(cfg.DataDir, "walletdesk.db")
	// busy_timeout must come before journal_mode: switching to WAL takes a
	// lock, and another process (a CLI subcommand beside the server) may hold it.
	common := "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)"
	w, err := sql.Open("sqlite", "file:"+escapePath(path)+"?"+common+"&_txlock=immediate")
	if err != nil {
		return nil, err
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxIdleTime(0)
	r, err := sql.Open("sqlite", "file:"+escapePath(path)+"?"+common+"&_pragma=query_only(1)")
	if err != nil {
		w.Close()
		return nil, err
	}
	r.SetMaxOpenConns(cfg.MaxConns)
	r.SetMaxIdleConns(cfg.MaxConns)
	// Create the file and switch to WAL through the writer before any reader
	// opens it read-only.
	if err := w.Ping(); err != nil {
		w.Close()
		r.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	return &DB{write: w, read: r, d: &dialect{name: "sqlite"}, now: time.Now}, nil
}

func escapePath(p string) string {
	return (&url.URL{Path: p}).EscapedPath()
}

func openPostgres(cfg Config) (*DB, error) {
	p, err := sql.Open("pgx", cfg.DatabaseURL)
	if err != nil {
		return nil, err
	}
	p.SetMaxOpenConns(cfg.MaxConns * 2)
	p.SetMaxIdleConns(cfg.MaxConns * 2)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := p.PingContext(ctx); err != nil {
		p.Close()
		return nil, fmt.Errorf("connect postgres: %w", err)
	}
	return &DB{write: p, read: p, d: &dialect{name: "postgres", postgres: true}, now: time.Now}, nil
}

// Close releases both pools.
func (db *DB) Close() error {
	for _, m := range []*sync.Map{&db.stmts, &db.readStmts} {
		m.Range(func(_, v any) bool {
			v.(*sql.Stmt).Close()
			return true
		})
	}
	err := db.write.Close()
	if db.read != db.write {
		err = errors.Join(err, db.read.Close())
	}
	return err
}

// Engine names the engine in use: "sqlite" or "postgres".
func (db *DB) Engine() string { return db.d.name }

// Ping checks that the database answers; /healthz uses it.
func (db *DB) Ping(ctx context.Context) error { return db.read.PingContext(ctx) }

// SetClock replaces the clock; tests use it to control time.
func (db *DB) SetClock(now func() time.Time) { db.now = now }

func (db *DB) millis() int64 { return db.now().UnixMilli() }

// inTx runs fn in a write transaction and commits, so that a method either
// changes everything it meant to or nothing.
func (db *DB) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// inReadTx runs fn in a read-only transaction so that it sees one snapshot.
func (db *DB) inReadTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: !db.d.postgres})
	if err != nil {
		return fmt.Errorf("begin read: %w", err)
	}
	defer tx.Rollback()
	return fn(tx)
}

// hotStatements are the writes every request makes; they are prepared on
// the write pool when the database opens. (Preparing later, inside a
// transaction, could wait forever for SQLite's single write connection,
// which that very transaction holds.)
var hotStatements = []string{insertTicketSQL, insertMessageSQL, insertEventSQL, summarizeSQL}

func (db *DB) prepareHot(ctx context.Context) error {
	for _, q := range hotStatements {
		st, err := db.write.PrepareContext(ctx, db.d.q(q))
		if err != nil {
			return fmt.Errorf("prepare: %w", err)
		}
		db.stmts.Store(q, st)
	}
	return nil
}

// readRow runs a one-row read written with ? placeholders on the reader
// pool, prepared on first use and kept.
func (db *DB) readRow(ctx context.Context, query string, args ...any) *sql.Row {
	q := db.d.q(query)
	if v, ok := db.readStmts.Load(q); ok {
		return v.(*sql.Stmt).QueryRowContext(ctx, args...)
	}
	st, err := db.read.PrepareContext(ctx, q)
	if err != nil {
		return db.read.QueryRowContext(ctx, q, args...)
	}
	if prev, loaded := db.readStmts.LoadOrStore(q, st); loaded {
		st.Close()
		st = prev.(*sql.Stmt)
	}
	return st.QueryRowContext(ctx, args...)
}

// txExec runs a statement written with ? placeholders in tx, with its
// prepared form when it is one of hotStatements.
func (db *DB) txExec(ctx context.Context, tx *sql.Tx, query string, args ...any) (sql.Result, error) {
	if v, ok := db.stmts.Load(query); ok {
		return tx.StmtContext(ctx, v.(*sql.Stmt)).ExecContext(ctx, args...)
	}
	return tx.ExecContext(ctx, db.d.q(query), args...)
}

// txQueryRow runs a one-row query written with ? placeholders in tx, with
// its prepared form when it is one of hotStatements.
func (db *DB) txQueryRow(ctx context.Context, tx *sql.Tx, query string, args ...any) *sql.Row {
	if v, ok := db.stmts.Load(query); ok {
		return tx.StmtContext(ctx, v.(*sql.Stmt)).QueryRowContext(ctx, args...)
	}
	return tx.QueryRowContext(ctx, db.d.q(query), args...)
}

func bool2int(b bool) int {
	if b {
		return 1
	}
	return 0
}

// notFound turns sql.ErrNoRows into desk.ErrNotFound.
func notFound(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return desk.ErrNotFound
	}
	return err
}
