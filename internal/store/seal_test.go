package store_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/base32"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/identity"
	"github.com/walletdesk/walletdesk/internal/store"
	"github.com/walletdesk/walletdesk/internal/store/storetest"
)

// TestTOTPSecretsSealedAtRest: the database alone does not give away a
// second factor, and a server with another key fails closed.
func TestTOTPSecretsSealedAtRest(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	open := func(key []byte) (*identity.Service, *clock, *store.DB) {
		db, err := store.Open(ctx, store.Config{DataDir: dir, SecretKey: key})
		if err != nil {
			t.Fatal(err)
		}
		svc, c := newIdentity(t, db)
		return svc, c, db
	}
	svc, c, db := open(storetest.SecretKey)
	ana := mustAgent(t, svc, "ana@example.com", identity.RoleAgent)
	secret, _, codes := enrol(t, svc, c, "ana@example.com")
	db.Close()

	// Not in any byte of the data directory, in any usual spelling.
	spellings := [][]byte{secret, []byte(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(secret))}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, _ := os.ReadFile(p)
		for _, s := range spellings {
			if bytes.Contains(b, s) {
				t.Errorf("%s holds the TOTP secret as %q", p, s)
			}
		}
		return nil
	})
	raw := rawSecret(t, dir, "ana@example.com")
	if !strings.HasPrefix(raw, "v1:") {
		t.Fatalf("stored as %q", raw)
	}

	// Another key: the password alone never completes sign-in, a TOTP code
	// says why it cannot be checked, and nothing is lost on the way.
	other := bytes.Repeat([]byte{9}, store.SecretKeySize)
	svc, c, db = open(other)
	if n, err := db.Identity().UnreadableSecondFactors(ctx); n != 1 || err != nil {
		t.Errorf("unreadable factors under another key: %d %v", n, err)
	}
	in, err := svc.SignIn(ctx, "ana@example.com", pw, client("10.0.0.3"))
	if err != nil || in.Stage != identity.StageTOTP {
		t.Fatalf("sign-in with an unreadable factor: %v %v", in.Stage, err)
	}
	c.add(30 * time.Second)
	if _, err := svc.SecondFactor(ctx, in.Token, identity.TOTPCode(secret, c.now()), client("10.0.0.3")); codeOf(err) != "totp_unreadable" {
		t.Fatalf("TOTP code under another key: %v", err)
	}
	if _, err := svc.UpdateAgent(ctx, identity.SystemActor(), ana.ID, identity.AgentUpdate{Name: ptr("Ana B.")}); err != nil {
		t.Fatal(err)
	}
	if got := rawSecret(t, dir, "ana@example.com"); got != raw {
		t.Fatalf("an update under another key rewrote the factor: %q", got)
	}
	// A recovery code still lets the agent in.
	if full, err := svc.SecondFactor(ctx, in.Token, codes[0], client("10.0.0.3")); err != nil || full.Stage != identity.StageFull {
		t.Fatalf("recovery code under another key: %v %v", full.Stage, err)
	}
	db.Close()

	// The right key again: the factor works as before.
	svc, c, db = open(storetest.SecretKey)
	if n, err := db.Identity().UnreadableSecondFactors(ctx); n != 0 || err != nil {
		t.Errorf("unreadable factors under the right key: %d %v", n, err)
	}
	in, _ = svc.SignIn(ctx, "ana@example.com", pw, client("10.0.0.3"))
	c.add(time.Minute)
	if full, err := svc.SecondFactor(ctx, in.Token, identity.TOTPCode(secret, c.now()), client("10.0.0.3")); err != nil || full.Stage != identity.StageFull {
		t.Fatalf("TOTP with the key restored: %v %v", full.Stage, err)
	}
	db.Close()

	// A lost key: an admin's reset clears the factor for a new enrolment.
	svc, _, db = open(other)
	if err := svc.ResetTOTP(ctx, identity.SystemActor(), ana.ID); err != nil {
		t.Fatal(err)
	}
	if in, err := svc.SignIn(ctx, "ana@example.com", pw, client("10.0.0.3")); err != nil || in.Stage != identity.StageFull {
		t.Errorf("after the reset: %v %v", in.Stage, err)
	}
	db.Close()

	if _, err := store.Open(ctx, store.Config{DataDir: dir, SecretKey: []byte("short")}); desk.ErrorCode(err) != "config_secret_key" {
		t.Errorf("a short key: %v", err)
	}
}

func ptr[T any](v T) *T { return &v }

// rawSecret reads the totp_secret column as the database holds it.
func rawSecret(t *testing.T, dir, email string) string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "walletdesk.db")+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v string
	if err := db.QueryRow(`SELECT totp_secret FROM agents WHERE email = ?`, email).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}
