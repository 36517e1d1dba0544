package kb_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/walletdesk/walletdesk/content"
	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/kb"
	"github.com/walletdesk/walletdesk/internal/kb/kbtest"
	"github.com/walletdesk/walletdesk/internal/store"
	"github.com/walletdesk/walletdesk/internal/store/storetest"
)

var (
	alice = kb.Author{ID: "agent-1", Name: "Alice"}
	bob   = kb.Author{ID: "agent-2", Name: "Bob"}
)

// helpCenter is one replica: a Service with its own index on a shared store.
func helpCenter(t *testing.T, db *store.DB) *kb.Service {
	t.Helper()
	return kbtest.BuiltIn(t, db, "")
}

// onEngines runs fn on the built-in help center, on SQLite and PostgreSQL.
func onEngines(t *testing.T, fn func(t *testing.T, db *store.DB, svc *kb.Service, ed *kb.Editor)) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			db := e.Open(t)
			svc := helpCenter(t, db)
			fn(t, db, svc, kb.NewEditor(svc, db.KB()))
		})
	}
}

var (
	pendingEN = kb.Key{Slug: "transaction-pending", Locale: desk.English}
	pendingJA = kb.Key{Slug: "transaction-pending", Locale: desk.Japanese}
	pendingZH = kb.Key{Slug: "transaction-pending", Locale: desk.Chinese}
)

func open(t *testing.T, ed *kb.Editor, k kb.Key) kb.Working {
	t.Helper()
	w, err := ed.Open(context.Background(), k)
	if err != nil {
		t.Fatalf("open %v: %v", k, err)
	}
	return w
}

func save(t *testing.T, ed *kb.Editor, who kb.Author, c kb.Change) kb.VersionInfo {
	t.Helper()
	v, err := ed.Save(context.Background(), who, c)
	if err != nil {
		t.Fatalf("save %s/%s: %v", c.Article.Slug, c.Article.Locale, err)
	}
	return v
}

// found reports whether a search for q in loc lists k.
func found(t *testing.T, svc *kb.Service, q string, loc desk.Locale, k kb.Key) bool {
	t.Helper()
	resp, err := svc.Search(context.Background(), q, loc, 10)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range resp.Results {
		if r.Entry.Key() == k {
			return true
		}
	}
	return false
}

func TestPublishedEditIsSearchableAtOnce(t *testing.T) {
	onEngines(t, func(t *testing.T, db *store.DB, svc *kb.Service, ed *kb.Editor) {
		ctx := context.Background()
		other := helpCenter(t, db) // a second replica on the same database
		const word = "quokkafrobnicator"
		if found(t, svc, word, desk.English, pendingEN) {
			t.Fatalf("%q found before the edit", word)
		}
		before := svc.Version()
		w := open(t, ed, pendingEN)
		a := w.Article
		a.Title = "My transfer is stuck (updated)"
		a.Body += "\nIf the quokkafrobnicator shows, wait for the next block.\n"
		v := save(t, ed, alice, kb.Change{Article: a, Base: w.Base, Publish: true})
		if v.Number != w.Base+1 || v.Action != kb.ActionEdit || v.Status != kb.Published || v.Author != alice {
			t.Fatalf("version %+v after base %d", v, w.Base)
		}
		if !found(t, svc, word, desk.English, pendingEN) {
			t.Fatal("the published edit is not found by search in this replica")
		}
		view, err := svc.Article(ctx, pendingEN.Slug, desk.English)
		if err != nil || view.Title != a.Title || !strings.Contains(string(view.HTML()), word) {
			t.Fatalf("reader sees %q (%v)", view.Title, err)
		}
		if svc.Version() != before+1 {
			t.Errorf("cache version %d -> %d", before, svc.Version())
		}
		if cv, _ := db.KB().ContentVersion(ctx); cv != svc.Version() {
			t.Errorf("cache at %d, store at %d", svc.Version(), cv)
		}
		if found(t, other, word, desk.English, pendingEN) {
			t.Fatal("the other replica changed before refreshing")
		}
		if err := other.Refresh(ctx); err != nil {
			t.Fatal(err)
		}
		if !found(t, other, word, desk.English, pendingEN) {
			t.Fatal("the other replica does not find the edit after Refresh")
		}
		// Refresh has nothing to reload: the cache is at the store's version.
		if err := svc.Refresh(ctx); err != nil || !found(t, svc, word, desk.English, pendingEN) {
			t.Fatalf("after refresh: %v", err)
		}
	})
}

func TestReadersNeverSeeADraft(t *testing.T) {
	onEngines(t, func(t *testing.T, db *store.DB, svc *kb.Service, ed *kb.Editor) {
		ctx := context.Background()
		const word = "zebrafinchdraft"
		w := open(t, ed, pendingEN)
		liveTitle := w.Article.Title
		a := w.Article
		a.Title = "Draft title nobody may read"
		a.Body += "\nThe " + word + " paragraph.\n"
		d := save(t, ed, alice, kb.Change{Article: a, Base: w.Base})
		if d.Status != kb.Draft || d.Action != kb.ActionEdit {
			t.Fatalf("draft version %+v", d)
		}
		readerSeesLive := func(svc *kb.Service) {
			t.Helper()
			view, err := svc.Article(ctx, pendingEN.Slug, desk.English)
			if err != nil || view.Title != liveTitle {
				t.Fatalf("reader sees %q (%v), want the live %q", view.Title, err, liveTitle)
			}
			if found(t, svc, word, desk.English, pendingEN) {
				t.Fatal("search finds the draft")
			}
		}
		readerSeesLive(svc)
		readerSeesLive(helpCenter(t, db)) // a fresh replica loading from the store
		arts, err := db.KB().Articles(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range arts {
			if x.Key() == pendingEN && x.Title != liveTitle {
				t.Fatalf("the exported article is the draft: %q", x.Title)
			}
		}
		w2 := open(t, ed, pendingEN)
		if !w2.Draft || w2.Article.Title != a.Title || w2.Base != d.Number || w2.LiveVersion != w.Base {
			t.Fatalf("working copy %+v", w2)
		}
		p, err := ed.Publish(ctx, bob, pendingEN, w2.Base)
		if err != nil || p.Action != kb.ActionPublish || p.Number != d.Number+1 {
			t.Fatalf("publish: %+v %v", p, err)
		}
		if !found(t, svc, word, desk.English, pendingEN) {
			t.Fatal("the published draft is not found")
		}
		if view, _ := svc.Article(ctx, pendingEN.Slug, desk.English); view.Title != a.Title {
			t.Fatalf("after publish reader sees %q", view.Title)
		}
		// Publishing again changes nothing.
		again, err := ed.Publish(ctx, bob, pendingEN, p.Number)
		if err != nil || again.Number != p.Number {
			t.Fatalf("second publish: %+v %v", again, err)
		}
	})
}

func TestNewArticleDraftPublishUnpublish(t *testing.T) {
	onEngines(t, func(t *testing.T, db *store.DB, svc *kb.Service, ed *kb.Editor) {
		ctx := context.Background()
		k := kb.Key{Slug: "staking-rewards", Locale: desk.English}
		const word = "validatorpenguin"
		a := kb.Article{Slug: k.Slug, Locale: k.Locale, Category: kb.GettingStarted, Title: "Where are my staking rewards?",
			Summary: "Rewards arrive each epoch.", Keywords: []string{"staking", "rewards"},
			Body: "1. Open the " + word + " tab.\n2. Wait one epoch.\n", Related: []string{"network-fees"}}
		c := save(t, ed, alice, kb.Change{Article: a})
		if c.Number != 1 || c.Action != kb.ActionCreate || c.Status != kb.Draft {
			t.Fatalf("created %+v", c)
		}
		if svc.Has(k.Slug) || found(t, svc, word, desk.English, k) {
			t.Fatal("readers see a new draft")
		}
		p, err := ed.Publish(ctx, alice, k, c.Number)
		if err != nil {
			t.Fatal(err)
		}
		if !svc.Has(k.Slug) || !found(t, svc, word, desk.English, k) {
			t.Fatal("the published article is not visible")
		}
		if cats := svc.Categories(desk.English); !inCategory(cats, kb.GettingStarted, k.Slug) {
			t.Fatal("the published article is missing from its category")
		}
		u, err := ed.Unpublish(ctx, bob, k, p.Number)
		if err != nil || u.Action != kb.ActionUnpublish || u.Status != kb.Draft {
			t.Fatalf("unpublish: %+v %v", u, err)
		}
		if svc.Has(k.Slug) || found(t, svc, word, desk.English, k) || inCategory(svc.Categories(desk.English), kb.GettingStarted, k.Slug) {
			t.Fatal("an unpublished article is still visible")
		}
		if _, err := svc.Article(ctx, k.Slug, desk.English); !desk.IsNotFound(err) {
			t.Fatalf("reading an unpublished article: %v", err)
		}
		h, err := ed.History(ctx, k)
		if err != nil {
			t.Fatal(err)
		}
		var actions []kb.Action
		for _, v := range h.Versions {
			actions = append(actions, v.Action)
		}
		if len(actions) != 3 || actions[0] != kb.ActionUnpublish || actions[2] != kb.ActionCreate || h.Live != 0 || h.Head != u.Number {
			t.Fatalf("history %+v", h)
		}
		if h.Versions[1].Author != alice || h.Versions[0].Author != bob || h.Versions[0].CreatedAt.IsZero() {
			t.Fatalf("authors %+v", h.Versions)
		}
		// Nothing is lost: the content is still there and can come back.
		if _, err := ed.Publish(ctx, alice, k, u.Number); err != nil || !found(t, svc, word, desk.English, k) {
			t.Fatalf("republish: %v", err)
		}
	})
}

func inCategory(cats []kb.CategoryView, c kb.Category, slug string) bool {
	for _, cv := range cats {
		for _, e := range cv.Articles {
			if cv.Category == c && e.Slug == slug {
				return true
			}
		}
	}
	return false
}

func TestUnpublishedTranslationFallsBack(t *testing.T) {
	onEngines(t, func(t *testing.T, db *store.DB, svc *kb.Service, ed *kb.Editor) {
		ctx := context.Background()
		view, err := svc.Article(ctx, pendingJA.Slug, desk.Japanese)
		if err != nil {
			t.Fatal(err)
		}
		title := view.Title
		if !found(t, svc, title, desk.Japanese, pendingJA) {
			t.Fatalf("the Japanese title %q does not find its article", title)
		}
		w := open(t, ed, pendingJA)
		if _, err := ed.Unpublish(ctx, alice, pendingJA, w.Base); err != nil {
			t.Fatal(err)
		}
		if found(t, svc, title, desk.Japanese, pendingJA) {
			t.Fatal("search still finds the unpublished translation")
		}
		view, err = svc.Article(ctx, pendingJA.Slug, desk.Japanese)
		if err != nil || !view.FellBack || view.Locale != desk.English {
			t.Fatalf("reader of the unpublished translation gets %v %v (fell back %v)", view.Locale, err, view.FellBack)
		}
	})
}

func TestStaleEditConflicts(t *testing.T) {
	onEngines(t, func(t *testing.T, db *store.DB, svc *kb.Service, ed *kb.Editor) {
		ctx := context.Background()
		w := open(t, ed, pendingEN)
		first := w.Article
		first.Summary = "Alice's summary."
		won := save(t, ed, alice, kb.Change{Article: first, Base: w.Base, Publish: true})
		second := w.Article
		second.Summary = "Bob's summary."
		for _, base := range []int{w.Base, won.Number + 1} {
			_, err := ed.Save(ctx, bob, kb.Change{Article: second, Base: base, Publish: true})
			if desk.ErrorKind(err) != desk.KindConflict || desk.ErrorCode(err) != kb.CodeStaleVersion {
				t.Fatalf("base %d: %v", base, err)
			}
			cur, ok := kb.CurrentVersion(err)
			if !ok || cur.Number != won.Number || cur.Author != alice {
				t.Fatalf("conflict carries %+v %v", cur, ok)
			}
		}
		if _, err := ed.Publish(ctx, bob, pendingEN, w.Base); desk.ErrorKind(err) != desk.KindConflict {
			t.Fatalf("stale publish: %v", err)
		}
		if _, err := ed.Save(ctx, bob, kb.Change{Article: second}); desk.ErrorCode(err) != kb.CodeArticleExists {
			t.Fatalf("create over an existing article: %v", err)
		}
		if view, _ := svc.Article(ctx, pendingEN.Slug, desk.English); view.Summary != first.Summary {
			t.Fatalf("reader sees %q", view.Summary)
		}
		h, _ := ed.History(ctx, pendingEN)
		if h.Head != won.Number {
			t.Fatalf("a refused edit was recorded: head %d", h.Head)
		}

		// Editors on several replicas racing from one base: one wins.
		w = open(t, ed, pendingEN)
		const n = 6
		var wg sync.WaitGroup
		errs := make([]error, n)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				a := w.Article
				a.Summary = strings.Repeat("x", i+1)
				_, errs[i] = kb.NewEditor(svc, db.KB()).Save(ctx, bob, kb.Change{Article: a, Base: w.Base, Publish: true})
			}()
		}
		wg.Wait()
		ok := 0
		for _, err := range errs {
			switch {
			case err == nil:
				ok++
			case desk.ErrorKind(err) == desk.KindConflict:
				if cur, has := kb.CurrentVersion(err); !has || cur.Number != w.Base+1 {
					t.Errorf("race loser told %+v", cur)
				}
			default:
				t.Errorf("race: %v", err)
			}
		}
		h, _ = ed.History(ctx, pendingEN)
		if ok != 1 || h.Head != w.Base+1 {
			t.Fatalf("%d of %d racing edits succeeded, head %d", ok, n, h.Head)
		}
	})
}

func status(t *testing.T, ed *kb.Editor, slug string) map[desk.Locale]kb.LocaleStatus {
	t.Helper()
	s, err := ed.Status(context.Background(), slug)
	if err != nil {
		t.Fatal(err)
	}
	out := map[desk.Locale]kb.LocaleStatus{}
	for _, l := range s.Locales {
		out[l.Locale] = l
	}
	return out
}

func wantStates(t *testing.T, ed *kb.Editor, slug string, want map[desk.Locale]kb.TranslationState) {
	t.Helper()
	got := status(t, ed, slug)
	for loc, st := range want {
		if got[loc].State != st {
			t.Errorf("%s/%s is %s, want %s", slug, loc, got[loc].State, st)
		}
	}
}

func TestTranslationStatus(t *testing.T) {
	onEngines(t, func(t *testing.T, db *store.DB, svc *kb.Service, ed *kb.Editor) {
		ctx := context.Background()
		slug := pendingEN.Slug
		fresh := map[desk.Locale]kb.TranslationState{desk.English: kb.StateSource, desk.Chinese: kb.StateUpToDate, desk.Japanese: kb.StateUpToDate}
		wantStates(t, ed, slug, fresh)

		// Keywords are per locale: changing them does not outdate translations.
		w := open(t, ed, pendingEN)
		a := w.Article
		a.Keywords = append(a.Keywords, "slowpoke")
		v := save(t, ed, alice, kb.Change{Article: a, Base: w.Base, Publish: true})
		wantStates(t, ed, slug, fresh)

		// Unpublishing and publishing the source again keeps its text.
		u, err := ed.Unpublish(ctx, alice, pendingEN, v.Number)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ed.Publish(ctx, alice, pendingEN, u.Number); err != nil {
			t.Fatal(err)
		}
		wantStates(t, ed, slug, fresh)

		// A new paragraph in the source outdates both translations.
		w = open(t, ed, pendingEN)
		a = w.Article
		a.Body += "\nA new step.\n"
		save(t, ed, alice, kb.Change{Article: a, Base: w.Base, Publish: true})
		wantStates(t, ed, slug, map[desk.Locale]kb.TranslationState{desk.Chinese: kb.StateOutdated, desk.Japanese: kb.StateOutdated})

		// The translator opens the Japanese article, sees the new source, updates.
		wj := open(t, ed, pendingJA)
		if wj.Source == nil || wj.Source.Body != a.Body || wj.MadeFrom.Locale != desk.English {
			t.Fatalf("the translator sees source %+v, made from %+v", wj.Source, wj.MadeFrom)
		}
		ja := wj.Article
		ja.Body += "\n新しい手順。\n"
		jv := save(t, ed, bob, kb.Change{Article: ja, Base: wj.Base, Publish: true, SourceVersion: wj.Source.Version})
		if jv.Source != (kb.SourceRef{Locale: desk.English, Version: wj.Source.Version}) {
			t.Fatalf("translation recorded source %+v", jv.Source)
		}
		st := status(t, ed, slug)
		if st[desk.Japanese].State != kb.StateUpToDate || st[desk.Chinese].State != kb.StateOutdated ||
			st[desk.Japanese].MadeFrom != wj.Source.Version || st[desk.Japanese].UpdatedBy != bob {
			t.Fatalf("after the Japanese update: %+v", st)
		}

		// A Chinese update made from an older source version stays outdated.
		wz := open(t, ed, pendingZH)
		zh := wz.Article
		zh.Summary += "。"
		save(t, ed, bob, kb.Change{Article: zh, Base: wz.Base, Publish: true, SourceVersion: 1})
		wantStates(t, ed, slug, map[desk.Locale]kb.TranslationState{desk.Chinese: kb.StateOutdated})
		_, err = ed.Save(ctx, bob, kb.Change{Article: zh, Base: wz.Base + 1, SourceVersion: 999})
		if desk.ErrorKind(err) != desk.KindInvalid || fieldCode(err, "source_version") != kb.CodeNotFound {
			t.Fatalf("unknown source version: %v", err)
		}

		// A new slug: missing translations, then one made from the source.
		nk := kb.Key{Slug: "gas-station", Locale: desk.English}
		save(t, ed, alice, kb.Change{Article: kb.Article{Slug: nk.Slug, Locale: desk.English, Category: kb.Transactions,
			Title: "Gas station", Body: "Buy gas.\n"}, Publish: true})
		wantStates(t, ed, nk.Slug, map[desk.Locale]kb.TranslationState{desk.English: kb.StateSource,
			desk.Chinese: kb.StateMissing, desk.Japanese: kb.StateMissing})
		wn := open(t, ed, kb.Key{Slug: nk.Slug, Locale: desk.Japanese})
		if wn.Base != 0 || wn.Source == nil || wn.Source.Title != "Gas station" || wn.Article.Category != kb.Transactions {
			t.Fatalf("a missing translation opens as %+v", wn)
		}
		tr := wn.Article
		tr.Title, tr.Body = "ガスステーション", "ガスを買う。\n"
		save(t, ed, bob, kb.Change{Article: tr, Publish: true, SourceVersion: wn.Source.Version})
		wantStates(t, ed, nk.Slug, map[desk.Locale]kb.TranslationState{desk.Japanese: kb.StateUpToDate, desk.Chinese: kb.StateMissing})

		// A slug first written in Japanese translates from Japanese.
		jk := kb.Key{Slug: "ja-first", Locale: desk.Japanese}
		save(t, ed, bob, kb.Change{Article: kb.Article{Slug: jk.Slug, Locale: desk.Japanese, Category: kb.Support,
			Title: "日本語から", Body: "本文。\n"}, Publish: true})
		ss, err := ed.Status(ctx, jk.Slug)
		if err != nil || ss.Source != desk.Japanese {
			t.Fatalf("source of a Japanese-first slug: %+v %v", ss, err)
		}
		// The source can be changed per slug.
		if err := ed.SetSource(ctx, alice, slug, desk.Japanese); err != nil {
			t.Fatal(err)
		}
		wantStates(t, ed, slug, map[desk.Locale]kb.TranslationState{desk.Japanese: kb.StateSource, desk.English: kb.StateOutdated})
		if err := ed.SetSource(ctx, alice, nk.Slug, desk.Chinese); !desk.IsNotFound(err) {
			t.Fatalf("source in a missing locale: %v", err)
		}

		builtIn, err := kb.LoadFS(content.FS())
		if err != nil {
			t.Fatal(err)
		}
		slugs := map[string]bool{}
		for _, a := range builtIn {
			slugs[a.Slug] = true
		}
		all, err := ed.Overview(ctx)
		if err != nil || len(all) != len(slugs)+2 {
			t.Fatalf("overview: %d slugs, %v", len(all), err)
		}
		for _, s := range all {
			if len(s.Locales) != len(desk.Locales) || s.Title == "" {
				t.Fatalf("overview entry %+v", s)
			}
		}
	})
}

func fieldCode(err error, field string) string {
	var de *desk.Error
	if errors.As(err, &de) {
		return de.Fields[field]
	}
	return ""
}

func TestSaveValidation(t *testing.T) {
	onEngines(t, func(t *testing.T, db *store.DB, svc *kb.Service, ed *kb.Editor) {
		ctx := context.Background()
		valid := kb.Article{Slug: "new-topic", Locale: desk.English, Category: kb.Security, Title: "A title",
			Summary: "A summary.", Body: "Some words.\n", Related: []string{"wallet-stolen"}, Date: "2026-11-20"}
		cases := []struct {
			name  string
			edit  func(a *kb.Article)
			who   kb.Author
			field string
			code  string
		}{
			{"empty slug", func(a *kb.Article) { a.Slug = " " }, alice, "slug", kb.CodeRequired},
			{"slug with spaces", func(a *kb.Article) { a.Slug = "New Topic" }, alice, "slug", kb.CodeInvalid},
			{"slug too long", func(a *kb.Article) { a.Slug = strings.Repeat("a", 81) }, alice, "slug", kb.CodeTooLong},
			{"locale", func(a *kb.Article) { a.Locale = "fr" }, alice, "locale", kb.CodeUnsupported},
			{"category", func(a *kb.Article) { a.Category = "misc" }, alice, "category", kb.CodeUnknown},
			{"no title", func(a *kb.Article) { a.Title = " \n\t" }, alice, "title", kb.CodeRequired},
			{"long title", func(a *kb.Article) { a.Title = strings.Repeat("字", 201) }, alice, "title", kb.CodeTooLong},
			{"long summary", func(a *kb.Article) { a.Summary = strings.Repeat("s", 601) }, alice, "summary", kb.CodeTooLong},
			{"empty body", func(a *kb.Article) { a.Body = "\n \n" }, alice, "body", kb.CodeRequired},
			{"huge body", func(a *kb.Article) { a.Body = strings.Repeat("long line of text\n", 20000) }, alice, "body", kb.CodeTooLarge},
			{"unknown related", func(a *kb.Article) { a.Related = []string{"wallet-stolen", "no-such-topic"} }, alice, "related", kb.CodeNotFound},
			{"malformed related", func(a *kb.Article) { a.Related = []string{"Wallet Stolen"} }, alice, "related", kb.CodeInvalid},
			{"related to itself", func(a *kb.Article) { a.Related = []string{"new-topic"} }, alice, "related", kb.CodeSelf},
			{"too many keywords", func(a *kb.Article) {
				for i := range 81 {
					a.Keywords = append(a.Keywords, "k"+strconv.Itoa(i))
				}
			}, alice, "keywords", kb.CodeTooMany},
			{"date", func(a *kb.Article) { a.Date = "2026-13-01" }, alice, "date", kb.CodeInvalid},
			{"order", func(a *kb.Article) { a.Order = 5_000_000 }, alice, "order", kb.CodeOutOfRange},
			{"no author", func(a *kb.Article) {}, kb.Author{}, "author", kb.CodeRequired},
		}
		for _, c := range cases {
			a := valid
			a.Related = append([]string(nil), valid.Related...)
			c.edit(&a)
			_, err := ed.Save(ctx, c.who, kb.Change{Article: a, Publish: true})
			if desk.ErrorKind(err) != desk.KindInvalid || desk.ErrorCode(err) != kb.CodeInvalidArticle || fieldCode(err, c.field) != c.code {
				t.Errorf("%s: %v, want %s=%s", c.name, err, c.field, c.code)
			}
		}
		if _, err := ed.History(ctx, kb.Key{Slug: "new-topic", Locale: desk.English}); !desk.IsNotFound(err) {
			t.Fatalf("a refused article was stored: %v", err)
		}
		// Raw HTML needs no check: it is saved and dropped at render.
		a := valid
		a.Body = "Before.\n\n<script>alert(1)</script>\n\n<b>bold</b> after.\n"
		save(t, ed, alice, kb.Change{Article: a, Publish: true})
		view, err := svc.Article(ctx, a.Slug, desk.English)
		if err != nil || strings.Contains(string(view.HTML()), "<script") || !strings.Contains(string(view.HTML()), "Before.") {
			t.Fatalf("rendered %q %v", view.HTML(), err)
		}
	})
}

func TestHistoryDiffRestore(t *testing.T) {
	onEngines(t, func(t *testing.T, db *store.DB, svc *kb.Service, ed *kb.Editor) {
		ctx := context.Background()
		w := open(t, ed, pendingEN)
		orig := w.Article
		a := orig
		a.Title = "Stuck transfer"
		e1 := save(t, ed, alice, kb.Change{Article: a, Base: w.Base, Publish: true, Note: "shorter title"})
		b := a
		b.Body = strings.Replace(b.Body, "\n", "\nAn inserted line.\n", 1)
		e2 := save(t, ed, bob, kb.Change{Article: b, Base: e1.Number})
		h, err := ed.History(ctx, pendingEN)
		if err != nil {
			t.Fatal(err)
		}
		if h.Head != e2.Number || h.Live != e1.Number || len(h.Versions) != e2.Number ||
			h.Versions[0].Number != e2.Number || h.Versions[0].Status != kb.Draft || h.Versions[1].Note != "shorter title" ||
			h.Versions[len(h.Versions)-1].Action != kb.ActionImport || h.Versions[len(h.Versions)-1].Author.Name != "built-in content" {
			t.Fatalf("history %+v", h)
		}
		v1, err := ed.Version(ctx, pendingEN, 1)
		if err != nil || v1.Article.Title != orig.Title || v1.Article.Body != orig.Body || v1.Article.Order != orig.Order {
			t.Fatalf("version 1: %+v %v", v1.Article, err)
		}
		if _, err := ed.Version(ctx, pendingEN, 99); !desk.IsNotFound(err) {
			t.Fatalf("missing version: %v", err)
		}
		d, err := ed.Diff(ctx, pendingEN, 1, e2.Number)
		if err != nil {
			t.Fatal(err)
		}
		var fields []string
		for _, f := range d.Fields {
			fields = append(fields, f.Field)
		}
		if strings.Join(fields, ",") != "title,status" || d.Fields[0].Old != orig.Title || d.Fields[0].New != "Stuck transfer" {
			t.Fatalf("changed fields %+v", d.Fields)
		}
		var ins []string
		for _, l := range d.Body {
			if l.Op != kb.OpEqual {
				ins = append(ins, string(l.Op)+":"+l.Text)
			}
		}
		if len(ins) != 1 || ins[0] != "insert:An inserted line." {
			t.Fatalf("body changes %v", ins)
		}

		r, err := ed.Restore(ctx, alice, pendingEN, 1, e2.Number, true)
		if err != nil || r.Action != kb.ActionRestore || r.RestoredFrom != 1 || r.Number != e2.Number+1 {
			t.Fatalf("restore: %+v %v", r, err)
		}
		view, _ := svc.Article(ctx, pendingEN.Slug, desk.English)
		if view.Title != orig.Title || view.Body != orig.Body {
			t.Fatalf("after restore reader sees %q", view.Title)
		}
		if wr := open(t, ed, pendingEN); wr.Draft || wr.Base != r.Number {
			t.Fatalf("the restore did not replace the draft: %+v", wr)
		}
		if _, err := ed.Restore(ctx, alice, pendingEN, 1, e2.Number, true); desk.ErrorKind(err) != desk.KindConflict {
			t.Fatalf("stale restore: %v", err)
		}
	})
}

func TestImportAfterEdits(t *testing.T) {
	onEngines(t, func(t *testing.T, db *store.DB, svc *kb.Service, ed *kb.Editor) {
		ctx := context.Background()
		w := open(t, ed, pendingEN)
		a := w.Article
		a.Title = "Edited in the console"
		e := save(t, ed, alice, kb.Change{Article: a, Base: w.Base, Publish: true})
		a.Title = "A draft on top"
		d := save(t, ed, alice, kb.Change{Article: a, Base: e.Number})
		arts, err := kb.LoadFS(content.FS())
		if err != nil {
			t.Fatal(err)
		}
		st, err := svc.Import(ctx, arts, "kb import", nil)
		if err != nil || st.Updated != 1 || st.Unchanged != len(arts)-1 {
			t.Fatalf("import: %+v %v", st, err)
		}
		h, err := ed.History(ctx, pendingEN)
		if err != nil || h.Head != d.Number+1 || h.Versions[0].Action != kb.ActionImport || h.Versions[0].Author.Name != "kb import" || h.Live != h.Head {
			t.Fatalf("history after import %+v %v", h, err)
		}
		if err := svc.Refresh(ctx); err != nil {
			t.Fatal(err)
		}
		view, _ := svc.Article(ctx, pendingEN.Slug, desk.English)
		if view.Title == a.Title || view.Title == "Edited in the console" {
			t.Fatalf("after import reader sees %q", view.Title)
		}
		wantStates(t, ed, pendingEN.Slug, map[desk.Locale]kb.TranslationState{desk.Japanese: kb.StateUpToDate})
	})
}
