package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"golang.org/x/term"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/identity"
	"github.com/walletdesk/walletdesk/internal/store"
)

const userUsage = `Usage:
  walletdesk user add --email E --name N --role ROLE [--languages en,ja] [--cap 20]
  walletdesk user list
  walletdesk user disable --email E      (signs them out everywhere)
  walletdesk user enable --email E
  walletdesk user reset-totp --email E   (lost phone: they enrol again)
  walletdesk user set-password --email E (forgotten password)
Roles: admin, supervisor, agent, editor. Passwords are read from a prompt
without echo, or from the first line of stdin when it is not a terminal;
never from a flag, which would leave them in shell history and ps.
Every subcommand takes --data / --database like serve.
`

// openIdentity opens the store and the identity service the way serve
// does, so that a CLI command sees and changes the same data.
func openIdentity(ctx context.Context, c Config) (*store.DB, *identity.Service, error) {
	db, err := openStore(ctx, c)
	if err != nil {
		return nil, nil, err
	}
	return db, identity.NewService(identity.Config{}, db.Identity(), nil), nil
}

func cmdUser(ctx context.Context, args []string, e env) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(e.stdout, userUsage)
		return nil
	}
	sub, args := args[0], args[1:]
	var c Config
	fs := flag.NewFlagSet("user "+sub, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	storeFlags(fs, &c)
	email := fs.String("email", "", "the agent's email address")
	var name, role, langs *string
	var capacity *int
	if sub == "add" {
		name = fs.String("name", "", "display name")
		role = fs.String("role", "", "admin, supervisor, agent or editor")
		langs = fs.String("languages", "en", "locales the agent answers in, comma-separated (en, zh-CN, ja)")
		capacity = fs.Int("cap", identity.DefaultOpenCap, "most open requests automatic assignment gives them")
	}
	if err := parse(fs, args, e.getenv); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("user %s: unexpected argument %q (a password is never a flag)", sub, fs.Arg(0))
	}
	if sub != "list" && sub != "add" && sub != "disable" && sub != "enable" && sub != "reset-totp" && sub != "set-password" {
		fmt.Fprint(e.stderr, userUsage)
		return fmt.Errorf("user: unknown command %q", sub)
	}
	if sub != "list" && *email == "" {
		return fmt.Errorf("user %s: --email is required", sub)
	}
	db, svc, err := openIdentity(ctx, c)
	if err != nil {
		return err
	}
	defer db.Close()
	by := identity.SystemActor()
	switch sub {
	case "list":
		return userList(ctx, svc, e)
	case "add":
		ls, ok := identity.ParseLanguages(*langs)
		if !ok {
			return fmt.Errorf("user add: --languages %q: use en, zh-CN, ja", *langs)
		}
		pw, err := readNewPassword(e, *email)
		if err != nil {
			return err
		}
		a, err := svc.CreateAgent(ctx, by, identity.NewAgent{Email: *email, Name: *name, Role: identity.Role(*role),
			Languages: ls, OpenCap: *capacity}, pw)
		if err != nil {
			return explain(err)
		}
		fmt.Fprintf(e.stdout, "added %s <%s> (%s), id %d\n", a.Name, a.Email, a.Role, a.ID)
		if a.Role.NeedsTOTP() {
			fmt.Fprintln(e.stdout, "two-step verification is set up at the first sign-in at /console/login")
		}
		return nil
	}
	a, err := svc.AgentByEmail(ctx, *email)
	if err != nil {
		return explain(err)
	}
	switch sub {
	case "disable", "enable":
		off := sub == "disable"
		if _, err := svc.UpdateAgent(ctx, by, a.ID, identity.AgentUpdate{Disabled: &off}); err != nil {
			return explain(err)
		}
		fmt.Fprintf(e.stdout, "%sd %s\n", sub, a.Email)
	case "reset-totp":
		if err := svc.ResetTOTP(ctx, by, a.ID); err != nil {
			return explain(err)
		}
		fmt.Fprintf(e.stdout, "two-step verification of %s was reset; their sessions ended\n", a.Email)
	case "set-password":
		pw, err := readNewPassword(e, a.Email)
		if err != nil {
			return err
		}
		if err := svc.SetPassword(ctx, by, a.ID, pw); err != nil {
			return explain(err)
		}
		fmt.Fprintf(e.stdout, "password of %s was set; their sessions ended\n", a.Email)
	}
	return nil
}

func userList(ctx context.Context, svc *identity.Service, e env) error {
	as, err := svc.Agents(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tEMAIL\tNAME\tROLE\tLANGUAGES\tCAP\tTOTP\tSTATUS\tLAST SEEN")
	for _, a := range as {
		totp, status, seen := "off", "active", "-"
		if a.TOTPEnabled {
			totp = fmt.Sprintf("on (%d codes)", a.RecoveryLeft)
		}
		if a.Disabled {
			status = "disabled"
		} else if a.MustChangePassword {
			status = "invited"
		}
		if !a.LastSeenAt.IsZero() {
			seen = a.LastSeenAt.UTC().Format("2006-01-02 15:04")
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\n", a.ID, a.Email, a.Name, a.Role,
			identity.FormatLanguages(a.Languages), a.OpenCap, totp, status, seen)
	}
	return tw.Flush()
}

// explain turns domain errors into a line a person at a terminal can act on.
func explain(err error) error {
	var de *desk.Error
	if !errors.As(err, &de) {
		return err
	}
	switch {
	case de.Kind == desk.KindNotFound:
		return errors.New("no agent with that email")
	case len(de.Fields) > 0:
		var parts []string
		for f, c := range de.Fields {
			parts = append(parts, f+": "+strings.ReplaceAll(c, "_", " "))
		}
		return errors.New(strings.Join(parts, "; "))
	}
	return errors.New(strings.ReplaceAll(de.Code, "_", " "))
}

// readNewPassword reads a password: twice without echo from a terminal, or
// the first line of stdin otherwise (scripts, tests). The policy is
// checked before anything is written.
func readNewPassword(e env, email string) (string, error) {
	var pw string
	if f, ok := e.stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(e.stderr, "Password (at least 12 characters): ")
		a, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(e.stderr)
		if err != nil {
			return "", err
		}
		fmt.Fprint(e.stderr, "Password again: ")
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(e.stderr)
		if err != nil {
			return "", err
		}
		if string(a) != string(b) {
			return "", errors.New("the two passwords differ")
		}
		pw = string(a)
	} else {
		line, err := bufio.NewReader(io.LimitReader(e.stdin, 4096)).ReadString('\n')
		if err != nil && !(errors.Is(err, io.EOF) && line != "") {
			return "", errors.New("no password on stdin (give it as the first line)")
		}
		pw = strings.TrimRight(line, "\r\n")
	}
	if err := identity.CheckPassword(pw, email); err != nil {
		return "", explain(err)
	}
	return pw, nil
}
