package store_test

import (
	"context"
	"reflect"
	"sync"
	"testing"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/kb"
	"github.com/walletdesk/walletdesk/internal/store"
	"github.com/walletdesk/walletdesk/internal/store/storetest"
)

var editor = kb.Author{ID: "agent-7", Name: "Editor Seven"}

// revise returns an EditArticle callback recording rev on top of whatever
// is there (the domain's base check is left out on purpose).
func revise(rev kb.Revision, seen *kb.EditState) func(kb.EditState) (*kb.Revision, error) {
	return func(cur kb.EditState) (*kb.Revision, error) {
		if seen != nil {
			*seen = cur
		}
		r := rev
		r.Base = cur.Head.Number
		return &r, nil
	}
}

func contentVersion(t *testing.T, s *store.KB) int64 {
	t.Helper()
	v, err := s.ContentVersion(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestKBEditRevisions(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			s := e.Open(t).KB()
			k := kb.Key{Slug: "a", Locale: desk.English}
			a := article("a", desk.English, "A")
			a.Status = kb.Draft
			v0 := contentVersion(t, s)

			// Created unpublished: no reader change, no content version.
			var seen kb.EditState
			res, err := s.EditArticle(ctx, k, revise(kb.Revision{Article: a, Action: kb.ActionCreate, Live: true, Author: editor}, &seen))
			if err != nil || seen.Exists() || !res.Changed || res.Version.Number != 1 || res.ContentVersion != 0 {
				t.Fatalf("create: %+v %v (saw %+v)", res, err, seen)
			}
			if contentVersion(t, s) != v0 {
				t.Fatal("an unpublished article moved the content version")
			}

			// Published: the row changes and the content version moves.
			a.Status = kb.Published
			res, err = s.EditArticle(ctx, k, revise(kb.Revision{Article: a, Action: kb.ActionPublish, Live: true, Author: editor}, nil))
			if err != nil || res.Version.Number != 2 || res.ContentVersion != v0+1 || res.Article.Version != 2 || res.Article.Status != kb.Published {
				t.Fatalf("publish: %+v %v", res, err)
			}

			// A draft beside it: the row stays, the history grows.
			d := a
			d.Title, d.Status, d.Order, d.Date = "A draft", kb.Draft, 9, "2027-01-02"
			d.Keywords, d.Related = []string{"k1", "k2", "k3"}, []string{"r1"}
			res, err = s.EditArticle(ctx, k, revise(kb.Revision{Article: d, Action: kb.ActionEdit, Author: editor,
				Source: kb.SourceRef{Locale: desk.Chinese, Version: 4}, Note: "why"}, nil))
			if err != nil || res.Version.Number != 3 || res.ContentVersion != 0 || res.Article.Title != "A" {
				t.Fatalf("draft: %+v %v", res, err)
			}
			st, err := s.EditState(ctx, k)
			if err != nil || st.Article.Title != "A" || st.Article.Version != 2 || st.Head.Number != 3 || st.Draft == nil || st.Draft.Title != "A draft" {
				t.Fatalf("state with a draft: %+v %v", st, err)
			}
			arts, _ := s.Articles(ctx)
			if len(arts) != 1 || arts[0].Title != "A" || arts[0].Version != 2 {
				t.Fatalf("readers' articles %+v", arts)
			}

			// Versions keep everything, author and provenance included.
			v, err := s.ArticleVersion(ctx, k, 3)
			if err != nil {
				t.Fatal(err)
			}
			want := d
			want.Version = 3
			want.UpdatedAt = v.Article.UpdatedAt
			if !reflect.DeepEqual(v.Article, want) || v.Author != editor || v.Source != (kb.SourceRef{Locale: desk.Chinese, Version: 4}) ||
				v.Note != "why" || v.Action != kb.ActionEdit || v.Status != kb.Draft || v.Base != 2 {
				t.Fatalf("version 3: %+v\nwant %+v", v, want)
			}
			vs, err := s.Versions(ctx, k)
			if err != nil || len(vs) != 3 || vs[0].Number != 3 || vs[2].Action != kb.ActionCreate {
				t.Fatalf("versions %+v %v", vs, err)
			}
			if _, err := s.ArticleVersion(ctx, k, 4); !desk.IsNotFound(err) {
				t.Fatalf("missing version: %v", err)
			}
			if _, err := s.EditState(ctx, kb.Key{Slug: "b", Locale: desk.English}); !desk.IsNotFound(err) {
				t.Fatalf("missing article: %v", err)
			}
			if _, err := s.Versions(ctx, kb.Key{Slug: "b", Locale: desk.English}); !desk.IsNotFound(err) {
				t.Fatalf("versions of a missing article: %v", err)
			}

			// An error from the callback changes nothing; nil is a no-op.
			boom := desk.Invalid("x", nil)
			if _, err := s.EditArticle(ctx, k, func(kb.EditState) (*kb.Revision, error) { return nil, boom }); err != boom {
				t.Fatalf("callback error: %v", err)
			}
			res, err = s.EditArticle(ctx, k, func(kb.EditState) (*kb.Revision, error) { return nil, nil })
			if err != nil || res.Changed || res.Version.Number != 3 {
				t.Fatalf("no-op: %+v %v", res, err)
			}

			// Unpublishing moves the content version again.
			d.Status = kb.Draft
			res, err = s.EditArticle(ctx, k, revise(kb.Revision{Article: d, Action: kb.ActionUnpublish, Live: true, Author: editor}, nil))
			if err != nil || res.ContentVersion != v0+2 || res.Article.Status != kb.Draft {
				t.Fatalf("unpublish: %+v %v", res, err)
			}
		})
	}
}

// Concurrent writers that all think they are on top: the store lets one
// version exist per number and turns the losers into conflicts, so no
// change is lost silently.
func TestKBEditConcurrentWriters(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			s := e.Open(t).KB()
			k := kb.Key{Slug: "race", Locale: desk.English}
			base := article("race", desk.English, "R")
			if _, err := s.EditArticle(ctx, k, revise(kb.Revision{Article: base, Action: kb.ActionCreate, Live: true, Author: editor}, nil)); err != nil {
				t.Fatal(err)
			}
			const n = 8
			var wg sync.WaitGroup
			errs := make([]error, n)
			for i := range n {
				wg.Add(1)
				go func() {
					defer wg.Done()
					a := base
					a.Title = string(rune('a' + i))
					_, errs[i] = s.EditArticle(ctx, k, revise(kb.Revision{Article: a, Action: kb.ActionEdit, Live: i%2 == 0, Author: editor}, nil))
				}()
			}
			wg.Wait()
			ok := 0
			for _, err := range errs {
				switch desk.ErrorKind(err) {
				case "":
					ok++
				case desk.KindConflict:
				default:
					t.Fatalf("race: %v", err)
				}
			}
			vs, err := s.Versions(ctx, k)
			if err != nil {
				t.Fatal(err)
			}
			if len(vs) != ok+1 || ok == 0 {
				t.Fatalf("%d successes, %d versions", ok, len(vs))
			}
			for i, v := range vs {
				if v.Number != len(vs)-i {
					t.Fatalf("version numbers %+v", vs)
				}
			}
		})
	}
}

func TestKBEditCreateRace(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			s := e.Open(t).KB()
			k := kb.Key{Slug: "twin", Locale: desk.English}
			var wg sync.WaitGroup
			errs := make([]error, 4)
			for i := range errs {
				wg.Add(1)
				go func() {
					defer wg.Done()
					_, errs[i] = s.EditArticle(ctx, k, func(cur kb.EditState) (*kb.Revision, error) {
						if cur.Exists() {
							return nil, desk.Errorf(desk.KindConflict, kb.CodeArticleExists, "")
						}
						return &kb.Revision{Article: article("twin", desk.English, "T"), Action: kb.ActionCreate, Live: true, Author: editor}, nil
					})
				}()
			}
			wg.Wait()
			ok := 0
			for _, err := range errs {
				if err == nil {
					ok++
				} else if desk.ErrorKind(err) != desk.KindConflict {
					t.Fatalf("create race: %v", err)
				}
			}
			if ok != 1 {
				t.Fatalf("%d creates succeeded", ok)
			}
		})
	}
}

func TestKBEditTranslationFacts(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			s := e.Open(t).KB()
			en, ja := article("t", desk.English, "Title"), article("t", desk.Japanese, "タイトル")
			if _, err := s.ImportArticles(ctx, []kb.Article{en, ja, article("u", desk.English, "U")}, "kb import"); err != nil {
				t.Fatal(err)
			}
			facts, err := s.TranslationFacts(ctx, "t")
			if err != nil || len(facts) != 2 {
				t.Fatalf("facts %+v %v", facts, err)
			}
			byLoc := map[desk.Locale]kb.TranslationFacts{}
			for _, f := range facts {
				byLoc[f.Key.Locale] = f
			}
			fe, fj := byLoc[desk.English], byLoc[desk.Japanese]
			// The import recorded the Japanese text as made from English version 1.
			if fj.Head.Source != (kb.SourceRef{Locale: desk.English, Version: 1}) || fj.SourceTextHash != en.TextHash() ||
				fe.TextHash != en.TextHash() || fe.Head.Source != (kb.SourceRef{}) || fe.Head.Action != kb.ActionImport ||
				fe.Head.Author.Name != "kb import" || fj.Title != "タイトル" || fj.Version != 1 {
				t.Fatalf("facts en %+v ja %+v", fe, fj)
			}
			all, err := s.TranslationFacts(ctx, "")
			if err != nil || len(all) != 3 {
				t.Fatalf("all facts: %d %v", len(all), err)
			}

			// A draft above the English article, then an import: the import
			// comes after the draft, and the next translation import points
			// at the imported English version.
			k := kb.Key{Slug: "t", Locale: desk.English}
			d := en
			d.Title, d.Status = "Draft", kb.Draft
			if _, err := s.EditArticle(ctx, k, revise(kb.Revision{Article: d, Action: kb.ActionEdit, Author: editor}, nil)); err != nil {
				t.Fatal(err)
			}
			en2, ja2 := en, ja
			en2.Body, ja2.Body = "new body\n", "新しい本文\n"
			st, err := s.ImportArticles(ctx, []kb.Article{en2, ja2}, "kb import")
			if err != nil || st.Updated != 2 {
				t.Fatalf("import over a draft: %+v %v", st, err)
			}
			es, err := s.EditState(ctx, k)
			if err != nil || es.Head.Number != 3 || es.Article.Version != 3 || es.Draft != nil || es.Article.Body != "new body\n" {
				t.Fatalf("after import: %+v %v", es, err)
			}
			facts, _ = s.TranslationFacts(ctx, "t")
			for _, f := range facts {
				if f.Key.Locale == desk.Japanese && (f.Head.Source.Version != 3 || f.SourceTextHash != en2.TextHash()) {
					t.Fatalf("re-imported translation %+v", f)
				}
			}

			// Source locales and slugs.
			if err := s.SetSourceLocale(ctx, "t", desk.Japanese, editor); err != nil {
				t.Fatal(err)
			}
			if err := s.SetSourceLocale(ctx, "t", desk.Chinese, editor); err != nil {
				t.Fatal(err)
			}
			src, err := s.SourceLocales(ctx, "")
			if err != nil || len(src) != 1 || src["t"] != desk.Chinese {
				t.Fatalf("sources %v %v", src, err)
			}
			if one, _ := s.SourceLocales(ctx, "u"); len(one) != 0 {
				t.Fatalf("source of u: %v", one)
			}
			ex, err := s.ExistingSlugs(ctx, []string{"t", "u", "nope"})
			if err != nil || !ex["t"] || !ex["u"] || ex["nope"] {
				t.Fatalf("existing %v %v", ex, err)
			}
		})
	}
}
