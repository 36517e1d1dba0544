package kb_test

import (
	"context"
	"testing"

	"github.com/walletdesk/walletdesk/content"
	"github.com/walletdesk/walletdesk/internal/kb"
	"github.com/walletdesk/walletdesk/internal/store"
)

// newService builds a help center on a real SQLite store in a temporary
// directory, seeded with the built-in content.
func newService(t testing.TB) (*kb.Service, *store.DB) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	db, err := store.Open(ctx, store.Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ix, err := kb.OpenIndex(dir + "/search")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	syn, err := kb.LoadSynonyms(content.FS())
	if err != nil {
		t.Fatal(err)
	}
	svc := kb.NewService(kb.Options{Store: db.KB(), Index: ix, Synonyms: syn})
	if _, err := svc.Seed(ctx, content.FS()); err != nil {
		t.Fatal(err)
	}
	if err := svc.Load(ctx); err != nil {
		t.Fatal(err)
	}
	return svc, db
}
