// Command walletdesk is the self-hosted support desk for self-custody
// wallets. This package only wires: it reads configuration, opens the
// store, builds the domain services and the web server, and runs them.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

const usage = `walletdesk: support desk for self-custody wallets

Usage:
  walletdesk serve   [--addr 127.0.0.1:8080] [--data DIR] [--database postgres://...]
  walletdesk migrate [--data DIR] [--database URL]
  walletdesk kb import DIR   load help-center articles (kb/<locale>/<slug>.md)
  walletdesk kb export DIR   write the help center out in the same layout
  walletdesk user add --email E --name N --role admin|supervisor|agent|editor [--languages en,ja]
                             (password from a prompt, or from stdin when it is not a terminal)
  walletdesk user list | disable | enable | reset-totp | set-password --email E
  walletdesk token create --email E [--name N] [--scope tickets:read,tickets:write]
  walletdesk token list --email E | token revoke --id N

Every flag has a WALLETDESK_* environment twin (--database-url: WALLETDESK_DATABASE_URL).
Run "walletdesk <command> -h" for the flags of a command.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], env{getenv: os.Getenv, environ: os.Environ, stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr})
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "walletdesk:", err)
		os.Exit(1)
	}
}

// env is how commands reach the outside world; tests pass their own.
type env struct {
	getenv  func(string) string
	environ func() []string
	stdin   io.Reader
	stdout  io.Writer
	stderr  io.Writer
}

func run(ctx context.Context, args []string, e env) error {
	cmd := "serve"
	if len(args) > 0 {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		return cmdServe(ctx, args, e)
	case "migrate":
		return cmdMigrate(ctx, args, e)
	case "user":
		return cmdUser(ctx, args, e)
	case "token":
		return cmdToken(ctx, args, e)
	case "kb":
		return cmdKB(ctx, args, e)
	case "help", "-h", "--help":
		fmt.Fprint(e.stdout, usage)
		return nil
	}
	fmt.Fprint(e.stderr, usage)
	return fmt.Errorf("unknown command %q", cmd)
}
