package kb_test

import (
	"context"
	"testing"

	"github.com/walletdesk/walletdesk/internal/kb"
	"github.com/walletdesk/walletdesk/internal/kb/kbtest"
	"github.com/walletdesk/walletdesk/internal/store"
	"github.com/walletdesk/walletdesk/internal/store/storetest"
)

// newService builds a help center on a real SQLite store in a temporary
// directory, seeded with the built-in content.
func newService(t testing.TB) (*kb.Service, *store.DB) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	db, err := store.Open(ctx, store.Config{DataDir: dir, SecretKey: storetest.SecretKey})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return kbtest.BuiltIn(t, db, dir), db
}
