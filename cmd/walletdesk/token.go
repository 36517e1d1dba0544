package main

import (
	"context"
	"flag"
	"fmt"
	"text/tabwriter"

	"github.com/walletdesk/walletdesk/internal/identity"
)

const tokenUsage = `Usage:
  walletdesk token create --email E [--name N] [--scope tickets:read,tickets:write]
  walletdesk token list --email E
  walletdesk token revoke --id N
create prints the token alone on its last line; it is shown only then.
Every subcommand takes --data / --database like serve.
`

func cmdToken(ctx context.Context, args []string, e env) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(e.stdout, tokenUsage)
		return nil
	}
	sub, args := args[0], args[1:]
	var c Config
	fs := flag.NewFlagSet("token "+sub, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	storeFlags(fs, &c)
	email := fs.String("email", "", "the owner's email address")
	name := fs.String("name", "cli", "a name to recognise the token by")
	scope := fs.String("scope", "tickets:read", "scopes, comma-separated: "+scopeList())
	id := fs.Int64("id", 0, "token id (revoke)")
	if err := parse(fs, args, e.getenv); err != nil {
		return err
	}
	switch sub {
	case "create", "list":
		if *email == "" {
			return fmt.Errorf("token %s: --email is required", sub)
		}
	case "revoke":
		if *id <= 0 {
			return fmt.Errorf("token revoke: --id is required")
		}
	default:
		fmt.Fprint(e.stderr, tokenUsage)
		return fmt.Errorf("token: unknown command %q", sub)
	}
	db, svc, err := openIdentity(ctx, c)
	if err != nil {
		return err
	}
	defer db.Close()
	by := identity.SystemActor()
	if sub == "revoke" {
		if err := svc.RevokeToken(ctx, by, *id); err != nil {
			return explain(err)
		}
		fmt.Fprintf(e.stdout, "revoked token %d\n", *id)
		return nil
	}
	a, err := svc.AgentByEmail(ctx, *email)
	if err != nil {
		return explain(err)
	}
	if sub == "list" {
		ts, err := svc.Tokens(ctx, by, a.ID)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNAME\tPREFIX\tSCOPES\tCREATED\tLAST USED\tSTATUS")
		for _, t := range ts {
			used, st := "-", "active"
			if !t.LastUsedAt.IsZero() {
				used = t.LastUsedAt.UTC().Format("2006-01-02 15:04")
			}
			if !t.Active() {
				st = "revoked " + t.RevokedAt.UTC().Format("2006-01-02")
			}
			fmt.Fprintf(tw, "%d\t%s\t%s…\t%v\t%s\t%s\t%s\n", t.ID, t.Name, t.Prefix, t.Scopes,
				t.CreatedAt.UTC().Format("2006-01-02"), used, st)
		}
		return tw.Flush()
	}
	scopes, ok := identity.ParseScopes(*scope)
	if !ok {
		return fmt.Errorf("token create: --scope %q: use %s", *scope, scopeList())
	}
	t, secret, err := svc.CreateToken(ctx, by, a.ID, *name, scopes)
	if err != nil {
		return explain(err)
	}
	fmt.Fprintf(e.stderr, "created token %d %q for %s with %v; it is shown only now:\n", t.ID, t.Name, a.Email, t.Scopes)
	fmt.Fprintln(e.stdout, secret)
	return nil
}

func scopeList() string {
	s := ""
	for i, sc := range identity.Scopes {
		if i > 0 {
			s += ", "
		}
		s += string(sc)
	}
	return s
}
