// Package kbtest gives tests of other packages the built-in help center
// on a real store, as the server runs it.
package kbtest

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/walletdesk/walletdesk/content"
	"github.com/walletdesk/walletdesk/internal/kb"
	"github.com/walletdesk/walletdesk/internal/store"
)

// BuiltIn loads the built-in articles into db, indexes them under dir
// (a fresh temporary directory when dir is "") and returns the service,
// ready to search. The index is closed when the test ends.
func BuiltIn(t testing.TB, db *store.DB, dir string) *kb.Service {
	t.Helper()
	ctx := context.Background()
	if dir == "" {
		dir = t.TempDir()
	}
	ix, err := kb.OpenIndex(filepath.Join(dir, "search"))
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
	return svc
}
