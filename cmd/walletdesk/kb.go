package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/walletdesk/walletdesk/internal/kb"
)

func cmdKB(ctx context.Context, args []string, e env) error {
	if len(args) == 0 {
		return errors.New("kb: say import DIR or export DIR")
	}
	sub, args := args[0], args[1:]
	var c Config
	fs := flag.NewFlagSet("kb "+sub, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	storeFlags(fs, &c)
	author := fs.String("author", "kb import", "name recorded in the version history")
	if err := parse(fs, args, e.getenv); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("kb %s: give exactly one directory", sub)
	}
	dir := fs.Arg(0)
	switch sub {
	case "import":
		return kbImport(ctx, c, dir, *author, e)
	case "export":
		return kbExport(ctx, c, dir, e)
	}
	return fmt.Errorf("kb: unknown command %q (import or export)", sub)
}

// contentRoot accepts either the content directory (holding kb/) or the kb
// directory itself (holding <locale>/).
func contentRoot(dir string) (fs.FS, error) {
	if st, err := os.Stat(filepath.Join(dir, "kb")); err == nil && st.IsDir() {
		return os.DirFS(dir), nil
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("%s is not a directory", dir)
	}
	parent := filepath.Dir(filepath.Clean(dir))
	if filepath.Base(filepath.Clean(dir)) == "kb" {
		return os.DirFS(parent), nil
	}
	return nil, fmt.Errorf("%s holds no kb/ directory", dir)
}

func kbImport(ctx context.Context, c Config, dir, author string, e env) error {
	root, err := contentRoot(dir)
	if err != nil {
		return err
	}
	arts, err := kb.LoadFS(root)
	if err != nil {
		return err
	}
	if len(arts) == 0 {
		return fmt.Errorf("%s: no articles found under kb/<locale>/", dir)
	}
	db, err := openStore(ctx, c)
	if err != nil {
		return err
	}
	defer db.Close()
	svc := kb.NewService(kb.Options{Store: db.KB()})
	st, err := svc.Import(ctx, arts, author, func(done, total int) {
		fmt.Fprintf(e.stderr, "\rimporting articles: %d/%d", done, total)
	})
	fmt.Fprintln(e.stderr)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "imported %d articles: %d created, %d updated, %d unchanged\n",
		len(arts), st.Created, st.Updated, st.Unchanged)
	return nil
}

func kbExport(ctx context.Context, c Config, dir string, e env) error {
	db, err := openStore(ctx, c)
	if err != nil {
		return err
	}
	defer db.Close()
	arts, err := db.KB().Articles(ctx)
	if err != nil {
		return err
	}
	for _, a := range arts {
		b, err := kb.Format(a)
		if err != nil {
			return err
		}
		p := filepath.Join(dir, "kb", string(a.Locale), a.Slug+".md")
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return err
		}
	}
	fmt.Fprintf(e.stdout, "exported %d articles to %s\n", len(arts), filepath.Join(dir, "kb"))
	return nil
}
