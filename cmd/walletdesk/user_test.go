package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/walletdesk/walletdesk/internal/identity"
	"github.com/walletdesk/walletdesk/internal/store"
)

// cli runs a user or token subcommand in-process against data.
func cli(t *testing.T, data, stdin string, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	e := env{getenv: func(string) string { return "" }, stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb}
	args = append(args[:2:2], append([]string{"--data", data}, args[2:]...)...)
	var err error
	switch args[0] {
	case "user":
		err = cmdUser(context.Background(), args[1:], e)
	case "token":
		err = cmdToken(context.Background(), args[1:], e)
	}
	return out.String(), errb.String(), err
}

func TestUserCommands(t *testing.T) {
	data := t.TempDir()
	out, _, err := cli(t, data, "correct horse battery\n", "user", "add", "--email", "Lead@Example.com", "--name", "Lead", "--role", "admin", "--languages", "en,ja")
	if err != nil || !strings.Contains(out, "added Lead <lead@example.com> (admin)") || !strings.Contains(out, "two-step") {
		t.Fatalf("add: %v %q", err, out)
	}
	cases := []struct {
		name, stdin string
		args        []string
		want        string
	}{
		{"short password", "short\n", []string{"--email", "a@example.com", "--name", "A", "--role", "agent"}, "password: password too short"},
		{"password is the email", "a.long.one@example.com\n", []string{"--email", "a.long.one@example.com", "--name", "A", "--role", "agent"}, "password is email"},
		{"no password", "", []string{"--email", "a@example.com", "--name", "A", "--role", "agent"}, "no password on stdin"},
		{"password as an argument", "", []string{"--email", "a@example.com", "--name", "A", "--role", "agent", "hunter2hunter2"}, "never a flag"},
		{"unknown role", "correct horse battery\n", []string{"--email", "a@example.com", "--name", "A", "--role", "root"}, "role: role invalid"},
		{"unknown language", "correct horse battery\n", []string{"--email", "a@example.com", "--name", "A", "--role", "agent", "--languages", "fr"}, "--languages"},
		{"duplicate", "correct horse battery\n", []string{"--email", "LEAD@example.com", "--name", "A", "--role", "agent"}, "agent exists"},
	}
	for _, c := range cases {
		_, _, err := cli(t, data, c.stdin, append([]string{"user", "add"}, c.args...)...)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
	if _, _, err := cli(t, data, "another good password\r\n", "user", "add", "--email", "ana@example.com", "--name", "Ana", "--role", "agent"); err != nil {
		t.Fatal(err)
	}
	out, _, err = cli(t, data, "", "user", "list")
	if err != nil || strings.Count(out, "\n") != 3 || !strings.Contains(out, "en,ja") {
		t.Errorf("list: %v\n%s", err, out)
	}

	key, err := secretKey(Config{DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(context.Background(), store.Config{DataDir: data, SecretKey: key})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	svc := identity.NewService(identity.Config{}, db.Identity(), nil)
	ctx := context.Background()
	// The CRLF line from a Windows pipe is the password without its line end.
	if in, err := svc.SignIn(ctx, "ana@example.com", "another good password", identity.Client{}); err != nil || in.Stage != identity.StageFull {
		t.Fatalf("sign in with the piped password: %v", err)
	}
	if _, _, err := cli(t, data, "", "user", "disable", "--email", "ana@example.com"); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.SignIn(ctx, "ana@example.com", "another good password", identity.Client{}); err == nil {
		t.Error("a disabled agent signed in")
	}
	cli(t, data, "", "user", "enable", "--email", "ana@example.com")
	if _, _, err := cli(t, data, "a brand new password\n", "user", "set-password", "--email", "ana@example.com"); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.SignIn(ctx, "ana@example.com", "a brand new password", identity.Client{}); err != nil {
		t.Errorf("after enable and set-password: %v", err)
	}
	if _, _, err := cli(t, data, "", "user", "reset-totp", "--email", "nobody@example.com"); err == nil || !strings.Contains(err.Error(), "no agent") {
		t.Errorf("reset-totp of nobody: %v", err)
	}
	if _, _, err := cli(t, data, "", "user", "reset-totp", "--email", "lead@example.com"); err != nil {
		t.Errorf("reset-totp: %v", err)
	}
	page, _ := svc.AuditLog(ctx, identity.AuditFilter{Action: "agent.update"})
	if len(page.Entries) != 2 || page.Entries[0].Data["via"] != "cli" {
		t.Errorf("CLI changes in the audit log: %+v", page.Entries)
	}

	// Tokens: the secret alone on the last line of stdout.
	out, errOut, err := cli(t, data, "", "token", "create", "--email", "ana@example.com", "--name", "crm", "--scope", "tickets:read,tickets:write")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	secret := lines[len(lines)-1]
	if err != nil || !strings.HasPrefix(secret, "wdt_") || strings.Contains(secret, " ") || !strings.Contains(errOut, "shown only now") {
		t.Fatalf("token create: %v %q %q", err, out, errOut)
	}
	tok, owner, err := svc.AuthenticateToken(ctx, secret)
	if err != nil || owner.Email != "ana@example.com" || !tok.Has(identity.ScopeTicketsWrite) {
		t.Fatalf("printed token does not authenticate: %v", err)
	}
	if _, _, err := cli(t, data, "", "token", "create", "--email", "ana@example.com", "--scope", "admin"); err == nil {
		t.Error("unknown scope accepted")
	}
	out, _, _ = cli(t, data, "", "token", "list", "--email", "ana@example.com")
	if !strings.Contains(out, "crm") || !strings.Contains(out, tok.Prefix) || strings.Contains(out, secret) {
		t.Errorf("token list: %s", out)
	}
	if _, _, err := cli(t, data, "", "token", "revoke", "--id", "1"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := svc.AuthenticateToken(ctx, secret); err == nil {
		t.Error("revoked token still works")
	}
}
