// Package storetest gives tests real databases: a fresh SQLite file, and
// a fresh PostgreSQL schema. PostgreSQL comes from WALLETDESK_TEST_POSTGRES_URL
// when set (CI starts a server), or else from a throwaway cluster this
// package starts itself when a PostgreSQL installation is found, so that
// `go test ./...` covers both engines wherever PostgreSQL is installed.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/walletdesk/walletdesk/internal/store"
)

// Engine is one database a test suite runs on.
type Engine struct {
	Name string
	Open func(t testing.TB) *store.DB
}

// Engines returns SQLite and, when available, PostgreSQL. With
// WALLETDESK_REQUIRE_POSTGRES set, a missing PostgreSQL fails the test
// instead of narrowing the run to SQLite.
func Engines(t testing.TB) []Engine {
	es := []Engine{{Name: "sqlite", Open: OpenSQLite}}
	if base, err := postgresURL(); err == nil {
		es = append(es, Engine{Name: "postgres", Open: func(t testing.TB) *store.DB { return openPostgres(t, base) }})
	} else if os.Getenv("WALLETDESK_REQUIRE_POSTGRES") != "" {
		t.Fatalf("PostgreSQL required: %v", err)
	} else {
		t.Logf("PostgreSQL tests skipped: %v", err)
	}
	return es
}

// SecretKey is the key tests seal secrets with.
var SecretKey = []byte("walletdesk tests, not a secret!!")

// OpenSQLite opens a migrated SQLite database in a temporary directory.
func OpenSQLite(t testing.TB) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), store.Config{DataDir: t.TempDir(), SecretKey: SecretKey})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// PostgresURL returns the URL of a fresh, empty schema for this test, or
// skips the test when PostgreSQL is not available.
func PostgresURL(t testing.TB) string {
	t.Helper()
	base, err := postgresURL()
	if err != nil {
		if os.Getenv("WALLETDESK_REQUIRE_POSTGRES") != "" {
			t.Fatalf("PostgreSQL required: %v", err)
		}
		t.Skipf("PostgreSQL not available: %v", err)
	}
	return freshSchema(t, base)
}

func openPostgres(t testing.TB, base string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), store.Config{DatabaseURL: freshSchema(t, base), SecretKey: SecretKey})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// freshSchema creates a schema with a random name and returns a URL whose
// connections use it, so tests never see each other's rows.
func freshSchema(t testing.TB, base string) string {
	t.Helper()
	b := make([]byte, 6)
	rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		a, err := sql.Open("pgx", base)
		if err == nil {
			a.Exec("DROP SCHEMA " + schema + " CASCADE")
			a.Close()
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

var (
	pgOnce sync.Once
	pgURL  string
	pgErr  error
)

func postgresURL() (string, error) {
	pgOnce.Do(func() {
		if u := os.Getenv("WALLETDESK_TEST_POSTGRES_URL"); u != "" {
			pgURL = u
			return
		}
		pgURL, pgErr = startCluster()
	})
	return pgURL, pgErr
}

// startCluster runs initdb and postgres from a Debian-style installation in
// a temporary directory on a free port. The server stops with the test
// binary: it is started with a parent-death watchdog (see stopWhenParentExits).
func startCluster() (string, error) {
	bin, err := findPostgresBin()
	if err != nil {
		return "", err
	}
	dir, err := os.MkdirTemp("", "walletdesk-pg")
	if err != nil {
		return "", err
	}
	port, err := freePort()
	if err != nil {
		return "", err
	}
	asPostgres := func(name string, args ...string) *exec.Cmd {
		if os.Geteuid() == 0 {
			// initdb refuses to run as root.
			return exec.Command("runuser", append([]string{"-u", "postgres", "--", filepath.Join(bin, name)}, args...)...)
		}
		return exec.Command(filepath.Join(bin, name), args...)
	}
	if os.Geteuid() == 0 {
		if _, err := user.Lookup("postgres"); err != nil {
			return "", fmt.Errorf("running as root and no postgres user: %w", err)
		}
		exec.Command("chown", "postgres", dir).Run()
	}
	data := filepath.Join(dir, "data")
	if out, err := asPostgres("initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8").CombinedOutput(); err != nil {
		return "", fmt.Errorf("initdb: %v: %s", err, out)
	}
	cmd := asPostgres("postgres", "-D", data, "-p", strconv.Itoa(port), "-k", dir, "-c", "listen_addresses=127.0.0.1",
		"-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=200")
	if err := cmd.Start(); err != nil {
		return "", fmt.Errorf("start postgres: %w", err)
	}
	stopWhenParentExits(cmd, dir)
	u := fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", port)
	deadline := time.Now().Add(30 * time.Second)
	for {
		db, _ := sql.Open("pgx", u)
		err := db.Ping()
		db.Close()
		if err == nil {
			return u, nil
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			return "", fmt.Errorf("postgres did not start: %v", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func findPostgresBin() (string, error) {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Strings(dirs)
	for i := len(dirs) - 1; i >= 0; i-- {
		if _, err := os.Stat(filepath.Join(dirs[i], "initdb")); err == nil {
			return dirs[i], nil
		}
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	return "", fmt.Errorf("no PostgreSQL installation found (set WALLETDESK_TEST_POSTGRES_URL or install postgresql)")
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// stopWhenParentExits kills the cluster and removes its files once this
// test process is gone. A test binary has no reliable exit hook, so a small
// shell watchdog polls for the parent.
func stopWhenParentExits(cmd *exec.Cmd, dir string) {
	script := fmt.Sprintf("while kill -0 %d 2>/dev/null; do sleep 1; done; kill %d 2>/dev/null; sleep 2; kill -9 %d 2>/dev/null; rm -rf %s",
		os.Getpid(), cmd.Process.Pid, cmd.Process.Pid, shellQuote(dir))
	w := exec.Command("sh", "-c", script)
	w.Start()
	go w.Wait()
	go cmd.Wait()
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }
