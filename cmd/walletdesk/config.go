package main

import (
	"flag"
	"fmt"
	"strings"
	"time"
)

// Config is everything the binary can be told, from flags and their
// WALLETDESK_* environment twins (a flag given on the command line wins).
type Config struct {
	Addr        string
	DataDir     string
	DatabaseURL string
	// SecretKeyFile holds the key that seals secrets in the database;
	// empty: secret.key in the data directory, created when missing.
	SecretKeyFile string
	RateLimit     bool
	TrustProxy    bool
	Secure        bool
	LogLevel      string
	LogFormat     string
	Grace         time.Duration
}

// envName is the environment twin of a flag: --database-url -> WALLETDESK_DATABASE_URL.
func envName(flagName string) string {
	return "WALLETDESK_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// storeFlags registers the flags every subcommand that touches the
// database shares, so that `user add` or `kb import` point at the same
// data as `serve`.
func storeFlags(fs *flag.FlagSet, c *Config) {
	fs.StringVar(&c.DataDir, "data", "./walletdesk-data", "data directory (SQLite database, search index)")
	fs.StringVar(&c.DatabaseURL, "database", "", "PostgreSQL URL (postgres://...); empty uses SQLite in the data directory")
	fs.StringVar(&c.SecretKeyFile, "secret-key-file", "", "file with the hex key that seals agents' TOTP secrets; empty: secret.key in the data directory, created when missing")
}

func serveFlags(fs *flag.FlagSet, c *Config) {
	storeFlags(fs, c)
	fs.StringVar(&c.Addr, "addr", "127.0.0.1:8080", "address to listen on")
	c.RateLimit = true
	fs.Var((*onOff)(&c.RateLimit), "rate-limit", "per-IP and per-address rate limits: on or off (off for benchmarks)")
	fs.Var((*onOff)(&c.TrustProxy), "trust-proxy", "take the client address from X-Forwarded-For")
	fs.Var((*onOff)(&c.Secure), "secure-cookies", "mark cookies Secure and send HSTS (behind HTTPS)")
	fs.StringVar(&c.LogLevel, "log-level", "info", "debug, info, warn or error")
	fs.StringVar(&c.LogFormat, "log-format", "text", "text or json")
	fs.DurationVar(&c.Grace, "shutdown-grace", 10*time.Second, "time in-flight requests get to finish on SIGTERM")
}

// aliases are extra environment names documented in the design
// (WALLETDESK_DATABASE_URL for --database).
var aliases = map[string][]string{
	"database": {"WALLETDESK_DATABASE_URL"},
}

// parse reads args into fs, first applying environment values for every
// flag not given on the command line. Bad environment values are errors,
// not silently ignored.
func parse(fs *flag.FlagSet, args []string, getenv func(string) string) error {
	if err := fs.Parse(args); err != nil {
		return err
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	var err error
	fs.VisitAll(func(f *flag.Flag) {
		if given[f.Name] || err != nil {
			return
		}
		names := append([]string{envName(f.Name)}, aliases[f.Name]...)
		for _, n := range names {
			v := getenv(n)
			if v == "" {
				continue
			}
			if e := f.Value.Set(v); e != nil {
				err = fmt.Errorf("%s=%q: %v", n, v, e)
			}
			return
		}
	})
	return err
}

// onOff is a boolean flag that also takes on/off and yes/no, on the
// command line (--rate-limit=off) as in the environment.
type onOff bool

func (b *onOff) IsBoolFlag() bool { return true }

func (b *onOff) String() string {
	if b != nil && *b {
		return "on"
	}
	return "off"
}

func (b *onOff) Set(v string) error {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "on", "yes", "y", "true", "1", "enabled":
		*b = true
	case "off", "no", "n", "false", "0", "disabled":
		*b = false
	default:
		return fmt.Errorf("use on or off")
	}
	return nil
}
