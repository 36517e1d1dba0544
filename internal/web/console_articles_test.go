package web

import (
	"context"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/walletdesk/walletdesk/content"
	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/i18n"
	"github.com/walletdesk/walletdesk/internal/identity"
	"github.com/walletdesk/walletdesk/internal/kb"
	"github.com/walletdesk/walletdesk/internal/kb/kbtest"
	"github.com/walletdesk/walletdesk/internal/redact"
	"github.com/walletdesk/walletdesk/internal/store"
	"github.com/walletdesk/walletdesk/internal/store/storetest"
	"github.com/walletdesk/walletdesk/internal/ticket"
	"github.com/walletdesk/walletdesk/internal/triage"
)

// articlesEnv is a console over the built-in help center with the editor
// and the analytics wired, on a fake clock.
type articlesEnv struct {
	*consoleEnv
	db      *store.DB
	kb      *kb.Service
	editor  *kb.Editor
	tickets *ticket.Service
}

func newArticlesEnv(t *testing.T) *articlesEnv {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	db, err := store.Open(ctx, store.Config{DataDir: dir, SecretKey: storetest.SecretKey})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	clock := &fakeClock{t: time.Now().UTC()}
	db.SetClock(clock.now)
	kbs := kbtest.BuiltIn(t, db, dir)
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	red := redact.New()
	tickets := ticket.NewService(ticket.Config{}, db.Tickets(), red, triage.New(triage.Config{}), kbs, nil)
	tickets.SetClock(clock.now)
	ids := identity.NewService(identity.Config{Password: identity.PasswordParams{Time: 1, Memory: 64, Threads: 1}}, db.Identity(), nil)
	ids.SetClock(clock.now)
	ed := kb.NewEditor(kbs, db.KB())
	s, err := New(Config{}, Deps{KB: kbs, Tickets: tickets, Catalog: cat, Redactor: red, Ready: db.Ping, Identity: ids,
		Editor: ed, Analytics: db.Analytics(), Content: content.FS()})
	if err != nil {
		t.Fatal(err)
	}
	kbs.SetObserver(s.Observer())
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return &articlesEnv{consoleEnv: &consoleEnv{srv: s, ts: ts, id: ids, clock: clock}, db: db, kb: kbs, editor: ed, tickets: tickets}
}

// editorBrowser signs in a new editor (no second factor needed).
func (e *articlesEnv) editorBrowser(t *testing.T, email string) *browser {
	t.Helper()
	e.agent(t, email, identity.RoleEditor)
	b := e.browser(t)
	b.signIn(email, nil)
	return b
}

// values is the form a browser posts for f.
func (f articleForm) values(action string) url.Values {
	v := url.Values{"slug": {f.Slug}, "locale": {f.Locale}, "category": {f.Category}, "title": {f.Title},
		"summary": {f.Summary}, "keywords": {f.Keywords}, "related": {f.Related}, "order": {f.Order}, "date": {f.Date},
		"body": {f.Body}, "note": {f.Note}, "base": {strconv.Itoa(f.Base)}, "source_version": {strconv.Itoa(f.SourceVersion)}}
	if action != "" {
		v.Set("action", action)
	}
	return v
}

var (
	baseInput     = regexp.MustCompile(`name="base" value="(\d+)"`)
	bodyTextarea  = regexp.MustCompile(`(?s)<textarea id="body"[^>]*>(.*?)</textarea>`)
	titleInput    = regexp.MustCompile(`id="title" name="title" value="([^"]*)"`)
	sourceVersion = regexp.MustCompile(`name="source_version" value="(\d+)"`)
)

// openForm loads the editor page and reads its form back the way a
// browser would submit it unchanged.
func (b *browser) openForm(path string) (resp, articleForm) {
	b.t.Helper()
	r := b.get(path)
	if r.code != http.StatusOK {
		b.t.Fatalf("GET %s: %d %s", path, r.code, r.body)
	}
	k := strings.Split(strings.TrimPrefix(path, "/console/articles/"), "/")
	st, err := b.e.srv.editor.Open(context.Background(), kb.Key{Slug: k[0], Locale: desk.Locale(strings.SplitN(k[1], "?", 2)[0])})
	if err != nil {
		b.t.Fatal(err)
	}
	f := formFromArticle(st.Article)
	f.Base = atoi(b.t, baseInput.FindStringSubmatch(r.body))
	f.SourceVersion = atoi(b.t, sourceVersion.FindStringSubmatch(r.body))
	m := bodyTextarea.FindStringSubmatch(r.body)
	if m == nil || html.UnescapeString(m[1]) != f.Body {
		b.t.Fatalf("the editor's textarea does not hold the working copy")
	}
	return r, f
}

func atoi(t *testing.T, m []string) int {
	t.Helper()
	if m == nil {
		t.Fatal("value not found on the page")
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// publicPage fetches a reader's page with no cookies.
func (e *articlesEnv) publicPage(t *testing.T, path string) resp {
	t.Helper()
	return e.browser(t).get(path)
}

const pendingJA = "/console/articles/transaction-pending/ja"

func TestArticleSaveDraftThenPublish(t *testing.T) {
	e := newArticlesEnv(t)
	ed := e.editorBrowser(t, "ed@example.com")
	page, f := ed.openForm(pendingJA)
	if !strings.Contains(page.body, `id="source-body"`) || !strings.Contains(page.body, "Source: English") {
		t.Error("a translation opens without its source text beside it")
	}
	if f.Base == 0 || f.SourceVersion == 0 {
		t.Fatalf("form base %d, source version %d", f.Base, f.SourceVersion)
	}
	before := f.Base
	f.Body += "\n## 追記\n\nくじら送金の確認手順。\n"
	f.Note = "whale note"
	r := ed.post(pendingJA, f.values("save"))
	if r.code != http.StatusSeeOther || r.loc != pendingJA+"?done=saved" {
		t.Fatalf("save draft: %d %q %s", r.code, r.loc, r.body)
	}
	if pub := e.publicPage(t, "/ja/articles/transaction-pending"); strings.Contains(pub.body, "くじら送金") {
		t.Error("a draft reached readers")
	}
	page, g := ed.openForm(r.loc)
	if g.Base != before+1 || !strings.Contains(g.Body, "くじら送金") || !strings.Contains(page.body, "Draft waiting") {
		t.Errorf("after the draft: base %d (was %d)", g.Base, before)
	}
	if !strings.Contains(page.body, "Draft saved") {
		t.Error("no notice after saving")
	}
	// Publishing the draft as it is.
	r = ed.post(pendingJA, g.values("publish"))
	if r.code != http.StatusSeeOther || r.loc != pendingJA+"?done=published" {
		t.Fatalf("publish: %d %q", r.code, r.loc)
	}
	pub := e.publicPage(t, "/ja/articles/transaction-pending")
	if !strings.Contains(pub.body, "くじら送金の確認手順") {
		t.Error("the published text is not on the reader's page")
	}
	res, err := e.kb.Search(context.Background(), "くじら送金", desk.Japanese, 5)
	if err != nil || len(res.Results) == 0 || res.Results[0].Entry.Slug != "transaction-pending" {
		t.Errorf("search after publishing: %+v %v", res.Results, err)
	}
	// Every action is in the audit log, with who and what.
	log, err := e.id.AuditLog(context.Background(), identity.AuditFilter{Action: "article."})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, en := range log.Entries {
		got = append(got, en.Action+" "+en.Target+" "+en.AgentEmail)
	}
	want := []string{"article.publish article:transaction-pending/ja ed@example.com", "article.edit article:transaction-pending/ja ed@example.com"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("audit %q, want %q", got, want)
	}
	if v := log.Entries[1].Data["note"]; v != "whale note" {
		t.Errorf("audit data %v", log.Entries[1].Data)
	}
	// Saving unchanged text records nothing new.
	_, h := ed.openForm(pendingJA)
	if r := ed.post(pendingJA, h.values("save")); r.loc != pendingJA+"?done=unchanged" {
		t.Errorf("unchanged save: %q", r.loc)
	}
	if _, again := ed.openForm(pendingJA); again.Base != h.Base {
		t.Errorf("an unchanged save made version %d", again.Base)
	}
}

func TestArticleConflictKeepsText(t *testing.T) {
	e := newArticlesEnv(t)
	ana := e.editorBrowser(t, "ana@example.com")
	bo := e.editorBrowser(t, "bo@example.com")
	_, fa := ana.openForm(pendingJA)
	_, fb := bo.openForm(pendingJA)
	fa.Title = "アナの題名"
	if r := ana.post(pendingJA, fa.values("publish")); r.code != http.StatusSeeOther {
		t.Fatalf("first save: %d", r.code)
	}
	fb.Body = "ボブが書いた本文。ここは消えてはいけない。\n"
	r := bo.post(pendingJA, fb.values("publish"))
	if r.code != http.StatusConflict {
		t.Fatalf("stale save: %d", r.code)
	}
	if !strings.Contains(r.body, "ボブが書いた本文。ここは消えてはいけない。") {
		t.Error("the conflict page lost the editor's text")
	}
	if !strings.Contains(r.body, `id="conflict"`) || !strings.Contains(r.body, "Name of ana@example.com") {
		t.Errorf("the conflict does not say who changed the article: %s", r.body)
	}
	if m := baseInput.FindStringSubmatch(r.body); m == nil || m[1] != strconv.Itoa(fb.Base) {
		t.Error("the conflict page moved the base: a second click would overwrite silently")
	}
	if !strings.Contains(r.body, "/diff?from="+strconv.Itoa(fb.Base)+"&amp;to="+strconv.Itoa(fb.Base+1)) {
		t.Error("no link comparing the editor's base with the newer version")
	}
	pub := e.publicPage(t, "/ja/articles/transaction-pending")
	if strings.Contains(pub.body, "ボブが書いた") || !strings.Contains(pub.body, "アナの題名") {
		t.Error("the stale save reached readers")
	}
	// Taking the latest as the base keeps the text and lets the save through.
	r = bo.post(pendingJA, fb.values("rebase"))
	if r.code != http.StatusOK || !strings.Contains(r.body, "ボブが書いた本文") {
		t.Fatalf("rebase: %d", r.code)
	}
	fb.Base = atoi(t, baseInput.FindStringSubmatch(r.body))
	if fb.Base != fa.Base+1 {
		t.Errorf("rebased on %d, want %d", fb.Base, fa.Base+1)
	}
	if r := bo.post(pendingJA, fb.values("publish")); r.code != http.StatusSeeOther {
		t.Fatalf("save after rebase: %d %s", r.code, r.body)
	}
	if pub := e.publicPage(t, "/ja/articles/transaction-pending"); !strings.Contains(pub.body, "ボブが書いた") {
		t.Error("the deliberate save did not reach readers")
	}
}

func TestArticleValidationLocalized(t *testing.T) {
	e := newArticlesEnv(t)
	ed := e.editorBrowser(t, "ed@example.com")
	ed.get("/console/articles?locale=ja")
	_, f := ed.openForm(pendingJA)
	f.Title = ""
	f.Related = "speed-up-cancel, Not_A_Slug"
	f.Date = "2026-13-45"
	f.Body = "下書きの本文はそのまま残る。\n"
	r := ed.post(pendingJA, f.values("save"))
	if r.code != http.StatusUnprocessableEntity {
		t.Fatalf("invalid save: %d", r.code)
	}
	cat := e.srv.cat
	for field, key := range map[string]string{
		"title":   "console.articles.code.required",
		"related": "console.articles.err.related.invalid",
		"date":    "console.articles.err.date.invalid",
	} {
		want := `<p class="c-field-error" id="` + field + `-error">` + cat.T(desk.Japanese, key) + `</p>`
		if !strings.Contains(r.body, want) {
			t.Errorf("%s: no localized message %q", field, cat.T(desk.Japanese, key))
		}
		if !strings.Contains(r.body, `aria-describedby="`+field+`-error"`) {
			t.Errorf("%s: the field does not point at its message", field)
		}
	}
	if !strings.Contains(r.body, "下書きの本文はそのまま残る。") || !strings.Contains(r.body, "Not_A_Slug") {
		t.Error("refused input was not kept in the form")
	}
	if _, g := ed.openForm(pendingJA); g.Base != f.Base {
		t.Error("an invalid save recorded a version")
	}
	// Related slugs are checked against the articles once the rest is valid.
	_, f = ed.openForm(pendingJA)
	f.Related = "speed-up-cancel, no-such-article"
	r = ed.post(pendingJA, f.values("save"))
	if want := cat.T(desk.Japanese, "console.articles.err.related.not_found"); r.code != http.StatusUnprocessableEntity || !strings.Contains(r.body, want) {
		t.Errorf("unknown related slug: %d", r.code)
	}
	// A malformed order is refused before kb sees it.
	_, f = ed.openForm(pendingJA)
	f.Order = "first"
	if r := ed.post(pendingJA, f.values("save")); r.code != http.StatusUnprocessableEntity || !strings.Contains(r.body, cat.T(desk.Japanese, "console.articles.err.order.invalid")) {
		t.Errorf("bad order: %d", r.code)
	}
}

func TestArticleCreateTranslateAndList(t *testing.T) {
	e := newArticlesEnv(t)
	ed := e.editorBrowser(t, "ed@example.com")
	if r := ed.get("/console/articles/new"); r.code != http.StatusOK || !strings.Contains(r.body, `id="slug"`) {
		t.Fatalf("new article page: %d", r.code)
	}
	f := articleForm{Slug: "staking-basics", Locale: "en", Category: "getting-started", Title: "Staking basics",
		Summary: "What staking is.", Keywords: "staking\nstake rewards", Related: "network-fees", Order: "9", Date: "2026-03-01",
		Body: "## What it is\n\nLocking coins to help secure a network.\n"}
	r := ed.post("/console/articles", f.values("publish"))
	if r.code != http.StatusSeeOther || r.loc != "/console/articles/staking-basics/en?done=created" {
		t.Fatalf("create: %d %q %s", r.code, r.loc, r.body)
	}
	if pub := e.publicPage(t, "/en/articles/staking-basics"); pub.code != http.StatusOK || !strings.Contains(pub.body, "Locking coins") {
		t.Errorf("published new article: %d", pub.code)
	}
	// Creating it again is a conflict that keeps the text and links the existing one.
	f.Body = "second attempt text\n"
	r = ed.post("/console/articles", f.values("save"))
	if r.code != http.StatusConflict || !strings.Contains(r.body, "second attempt text") || !strings.Contains(r.body, `href="/console/articles/staking-basics/en"`) {
		t.Errorf("duplicate create: %d", r.code)
	}
	// The Japanese translation opens empty with the English source beside it.
	page, tf := ed.openForm("/console/articles/staking-basics/ja")
	if tf.Base != 0 || !strings.Contains(page.body, "Locking coins to help secure a network.") || tf.Category != "getting-started" {
		t.Errorf("new translation: base %d, category %q", tf.Base, tf.Category)
	}
	tf.Title, tf.Body = "ステーキングの基本", "## とは\n\nネットワークの安全のために通貨を預けること。\n"
	if r := ed.post("/console/articles/staking-basics/ja", tf.values("publish")); r.code != http.StatusSeeOther {
		t.Fatalf("translate: %d %s", r.code, r.body)
	}
	list := ed.get("/console/articles?q=staking")
	if strings.Count(list.body, `<tr id="row-`) != 1 || !strings.Contains(list.body, `href="/console/articles/staking-basics/zh-CN"`) {
		t.Errorf("filtered list: %s", list.body)
	}
	row := list.body[strings.Index(list.body, `id="row-staking-basics"`):]
	row = row[:strings.Index(row, "</tr>")]
	for _, want := range []string{"a-source", "a-up_to_date", "a-missing"} {
		if !strings.Contains(row, want) {
			t.Errorf("row lacks state %s: %s", want, row)
		}
	}
	// Changing the source makes the translation outdated.
	_, sf := ed.openForm("/console/articles/staking-basics/en")
	sf.Body += "\nA new paragraph.\n"
	ed.post("/console/articles/staking-basics/en", sf.values("publish"))
	outdated := ed.get("/console/articles?status=outdated&lang=ja")
	if !strings.Contains(outdated.body, `id="row-staking-basics"`) {
		t.Error("the outdated filter misses a translation whose source changed")
	}
	if strings.Contains(outdated.body, `id="row-transaction-pending"`) {
		t.Error("the outdated filter shows an up-to-date translation")
	}
	tp := ed.get("/console/articles/staking-basics/ja")
	if !strings.Contains(tp.body, `id="outdated"`) || !strings.Contains(tp.body, `/console/articles/staking-basics/en/diff?from=1&amp;to=2`) {
		t.Errorf("the outdated translation does not link the source's changes")
	}
	missing := ed.get("/console/articles?status=missing&lang=zh-CN&category=getting-started")
	if !strings.Contains(missing.body, `id="row-staking-basics"`) || strings.Contains(missing.body, `id="row-wallet-stolen"`) {
		t.Error("the missing filter is wrong")
	}
}

func TestArticleHistoryDiffRestoreUnpublish(t *testing.T) {
	e := newArticlesEnv(t)
	ed := e.editorBrowser(t, "ed@example.com")
	_, f := ed.openForm(pendingJA)
	orig := f.Body
	f.Body = strings.Replace(f.Body, "\n", "\n差し込んだ一行。\n", 1)
	ed.post(pendingJA, f.values("publish"))
	h := ed.get(pendingJA + "/history")
	if h.code != http.StatusOK || strings.Count(h.body, `<tr id="v`) < 2 || !strings.Contains(h.body, "Name of ed@example.com") {
		t.Fatalf("history: %d", h.code)
	}
	head := f.Base + 1
	d := ed.get(pendingJA + "/diff?from=" + strconv.Itoa(f.Base) + "&to=" + strconv.Itoa(head))
	if d.code != http.StatusOK || !regexp.MustCompile(`a-line a-insert".*差し込んだ一行。`).MatchString(d.body) || strings.Contains(d.body, "a-delete") {
		t.Errorf("diff: %d", d.code)
	}
	if r := ed.get(pendingJA + "/diff?from=999&to=1"); r.code != http.StatusNotFound {
		t.Errorf("diff with a missing version: %d", r.code)
	}
	if r := ed.get(pendingJA + "/versions/" + strconv.Itoa(f.Base)); r.code != http.StatusOK || !strings.Contains(r.body, `id="diff-latest"`) {
		t.Errorf("version page: %d", r.code)
	}
	// Restore the original as a draft: readers keep the published text.
	ed.get(pendingJA + "/history")
	r := ed.post(pendingJA+"/restore", url.Values{"version": {strconv.Itoa(f.Base)}, "base": {strconv.Itoa(head)}, "action": {"draft"}})
	if r.code != http.StatusSeeOther || r.loc != pendingJA+"?done=restored" {
		t.Fatalf("restore: %d %q %s", r.code, r.loc, r.body)
	}
	if pub := e.publicPage(t, "/ja/articles/transaction-pending"); !strings.Contains(pub.body, "差し込んだ一行。") {
		t.Error("a draft restore changed what readers see")
	}
	_, g := ed.openForm(pendingJA)
	if g.Body != orig || g.Base != head+1 {
		t.Errorf("restored working copy: base %d", g.Base)
	}
	// A restore on a stale base is refused with who changed it.
	ed.get(pendingJA + "/history")
	if r := ed.post(pendingJA+"/restore", url.Values{"version": {"1"}, "base": {strconv.Itoa(head)}, "action": {"publish"}}); r.code != http.StatusConflict || !strings.Contains(r.body, `id="conflict"`) {
		t.Errorf("stale restore: %d", r.code)
	}
	// Unpublish keeps unsaved text in the form.
	g.Body += "\nまだ保存していない文。\n"
	r = ed.post(pendingJA, g.values("unpublish"))
	if r.code != http.StatusOK || !strings.Contains(r.body, "まだ保存していない文。") || !strings.Contains(r.body, "unsaved changes are still") {
		t.Fatalf("unpublish with unsaved text: %d", r.code)
	}
	if pub := e.publicPage(t, "/ja/articles/transaction-pending"); strings.Contains(pub.body, "差し込んだ一行") || strings.Contains(pub.body, `<article class="article" lang="ja">`) {
		t.Error("readers still see the unpublished Japanese article")
	}
	res, _ := e.kb.Search(context.Background(), "差し込んだ一行", desk.Japanese, 5)
	for _, x := range res.Results {
		if x.Entry.Slug == "transaction-pending" && x.Entry.Locale == desk.Japanese {
			t.Error("search still finds the unpublished article")
		}
	}
	log, _ := e.id.AuditLog(context.Background(), identity.AuditFilter{Action: "article.unpublish"})
	if len(log.Entries) != 1 {
		t.Errorf("unpublish audit entries: %d", len(log.Entries))
	}
	log, _ = e.id.AuditLog(context.Background(), identity.AuditFilter{Action: "article.restore"})
	if len(log.Entries) != 1 || log.Entries[0].Data["restored_from"] == nil {
		t.Errorf("restore audit entries: %+v", log.Entries)
	}
}

func TestArticlePreviewIsSanitized(t *testing.T) {
	e := newArticlesEnv(t)
	ed := e.editorBrowser(t, "ed@example.com")
	ed.get(pendingJA)
	body := "> [!WARNING]\n> 秘密の言葉は誰にも教えない。\n\n<script>alert(1)</script>\n\n[link](javascript:alert(1)) [next](kb:speed-up-cancel)\n"
	r := ed.do("POST", "/console/articles/preview", url.Values{"body": {body}, "locale": {"ja"}}, "X-CSRF-Token", ed.csrf)
	if r.code != http.StatusOK || !strings.HasPrefix(r.hdr.Get("Content-Type"), "text/html") {
		t.Fatalf("preview: %d %v", r.code, r.hdr)
	}
	if strings.Contains(r.body, "<script") || strings.Contains(r.body, "javascript:") {
		t.Errorf("preview not sanitized: %s", r.body)
	}
	if !strings.Contains(r.body, "callout-warning") || !strings.Contains(r.body, `href="/ja/articles/speed-up-cancel"`) {
		t.Errorf("preview does not render like the help center: %s", r.body)
	}
	// Without JavaScript, the Preview button renders the whole page.
	_, f := ed.openForm(pendingJA)
	f.Body = "## プレビューだけ\n"
	p := ed.post(pendingJA, f.values("preview"))
	if p.code != http.StatusOK || !strings.Contains(p.body, `<h2 id="プレビューだけ">`) && !strings.Contains(p.body, "プレビューだけ</h2>") {
		t.Errorf("no-JS preview: %d", p.code)
	}
	if _, g := ed.openForm(pendingJA); g.Base != f.Base {
		t.Error("a preview recorded a version")
	}
}

// A large article (CJK, near kb's limit) fits through the form post,
// while the rest of the site keeps its small body limit.
func TestArticleLargeBody(t *testing.T) {
	e := newArticlesEnv(t)
	ed := e.editorBrowser(t, "ed@example.com")
	_, f := ed.openForm(pendingJA)
	f.Body = strings.Repeat("送金が届かないときの確認手順。\n", 4000) // ~180 KB of UTF-8, ~540 KB form-encoded
	if r := ed.post(pendingJA, f.values("save")); r.code != http.StatusSeeOther {
		t.Fatalf("large article: %d %.300s", r.code, r.body)
	}
	big := url.Values{"name": {strings.Repeat("x", 200<<10)}, "csrf": {ed.csrf}}
	if r := ed.do("POST", "/console/account/profile", big); r.code != http.StatusRequestEntityTooLarge {
		t.Errorf("other console forms lost their body limit: %d", r.code)
	}
}

// articleRoutes is every route articleRoutes registers, with a request
// that would succeed for an editor.
var articleRoutesUnderTest = []route{
	{"GET", "/console/articles", nil},
	{"GET", "/console/articles/new", nil},
	{"POST", "/console/articles", url.Values{"slug": {"x-new"}, "locale": {"en"}, "category": {"support"}, "title": {"X"}, "body": {"x"}}},
	{"POST", "/console/articles/preview", url.Values{"body": {"x"}, "locale": {"en"}}},
	{"GET", pendingJA, nil},
	{"POST", pendingJA, url.Values{"action": {"preview"}, "body": {"x"}}},
	{"POST", pendingJA + "/restore", url.Values{"version": {"1"}, "base": {"1"}}},
	{"POST", pendingJA + "/make-source", url.Values{}},
	{"GET", pendingJA + "/history", nil},
	{"GET", pendingJA + "/versions/1", nil},
	{"GET", pendingJA + "/diff?from=1&to=1", nil},
	{"GET", "/console/analytics", nil},
}

func TestArticleRoutesAuthorization(t *testing.T) {
	e := newArticlesEnv(t)
	e.agent(t, "ana@example.com", identity.RoleAgent)
	e.agent(t, "ed@example.com", identity.RoleEditor)
	anon := e.browser(t)
	agent := e.browser(t)
	agent.signIn("ana@example.com", nil)
	editor := e.browser(t)
	editor.signIn("ed@example.com", nil)
	versionsBefore := mustVersions(t, e, "transaction-pending", desk.Japanese)
	for _, rt := range articleRoutesUnderTest {
		name := rt.method + " " + rt.path
		// Signed out: to sign-in, nothing shown.
		r := anon.do(rt.method, rt.path, rt.form)
		if r.code != http.StatusSeeOther || !strings.HasPrefix(r.loc, "/console/login") || strings.Contains(r.body, "送金") {
			t.Errorf("%s signed out: %d %q", name, r.code, r.loc)
		}
		// Wrong role: an agent writes no articles and reads no analytics.
		if rt.method == "POST" {
			agent.get("/console/account")
			if r := agent.post(rt.path, clone(rt.form)); r.code != http.StatusForbidden {
				t.Errorf("%s as agent: %d", name, r.code)
			}
		} else {
			r := agent.get(rt.path)
			if r.code != http.StatusForbidden || strings.Contains(r.body, "送金") || strings.Contains(r.body, "search_misses") {
				t.Errorf("%s as agent: %d", name, r.code)
			}
		}
		// CSRF: an editor's post without the token is refused.
		if rt.method == "POST" {
			form := clone(rt.form)
			form.Set("csrf", "")
			if r := editor.do("POST", rt.path, form); r.code != http.StatusForbidden {
				t.Errorf("%s without CSRF: %d", name, r.code)
			}
			form.Set("csrf", editor.csrf)
			if r := editor.do("POST", rt.path, form, "Sec-Fetch-Site", "cross-site"); r.code != http.StatusForbidden {
				t.Errorf("%s cross-site: %d", name, r.code)
			}
		} else if r := editor.get(rt.path); r.code != http.StatusOK {
			t.Errorf("%s as editor: %d", name, r.code)
		}
	}
	if after := mustVersions(t, e, "transaction-pending", desk.Japanese); after != versionsBefore {
		t.Errorf("refused requests recorded versions: %d -> %d", versionsBefore, after)
	}
	if _, err := e.editor.Open(context.Background(), kb.Key{Slug: "x-new", Locale: desk.English}); !desk.IsNotFound(err) {
		t.Errorf("a refused create made an article: %v", err)
	}
	// An expired session is sent to sign in, and its posts change nothing.
	e.clock.add(31 * time.Minute)
	for _, rt := range articleRoutesUnderTest {
		r := editor.do(rt.method, rt.path, withCSRF(rt.form, editor.csrf))
		if r.code != http.StatusSeeOther || !strings.HasPrefix(r.loc, "/console/login") {
			t.Errorf("%s %s with an expired session: %d %q", rt.method, rt.path, r.code, r.loc)
		}
	}
	if after := mustVersions(t, e, "transaction-pending", desk.Japanese); after != versionsBefore {
		t.Error("an expired session changed an article")
	}
	// The nav shows the pages to those who may open them.
	editor.signIn("ed@example.com", nil)
	home := editor.get("/console/account")
	if !strings.Contains(home.body, `href="/console/articles"`) || !strings.Contains(home.body, `href="/console/analytics"`) {
		t.Error("editor nav lacks articles or analytics")
	}
	agent.signIn("ana@example.com", nil)
	if home := agent.get("/console/account"); strings.Contains(home.body, `href="/console/analytics"`) || strings.Contains(home.body, `href="/console/articles"`) {
		t.Error("agent nav links to article pages")
	}
}

func withCSRF(f url.Values, tok string) url.Values {
	if f == nil {
		return nil
	}
	out := clone(f)
	out.Set("csrf", tok)
	return out
}

func clone(f url.Values) url.Values {
	out := url.Values{}
	for k, v := range f {
		out[k] = append([]string(nil), v...)
	}
	return out
}

func mustVersions(t *testing.T, e *articlesEnv, slug string, loc desk.Locale) int {
	t.Helper()
	h, err := e.editor.History(context.Background(), kb.Key{Slug: slug, Locale: loc})
	if err != nil {
		t.Fatal(err)
	}
	return h.Head
}

func TestArticlePagesInEveryLocale(t *testing.T) {
	e := newArticlesEnv(t)
	ed := e.editorBrowser(t, "ed@example.com")
	_, f := ed.openForm(pendingJA)
	f.Body += "\n追記\n"
	ed.post(pendingJA, f.values("save"))
	cat := e.srv.cat
	pages := []string{"/console/articles", "/console/articles?status=outdated&lang=ja", "/console/articles/new", pendingJA,
		"/console/articles/staking/ja", pendingJA + "/history", pendingJA + "/versions/1",
		pendingJA + "/diff?from=1&to=" + strconv.Itoa(f.Base+1), "/console/analytics"}
	for _, l := range desk.Locales {
		for _, p := range pages {
			sep := "?"
			if strings.Contains(p, "?") {
				sep = "&"
			}
			r := ed.get(p + sep + "locale=" + string(l))
			want := http.StatusOK
			if p == "/console/articles/staking/ja" {
				want = http.StatusNotFound
			}
			if r.code != want {
				t.Errorf("%s %s: %d", l, p, r.code)
			}
			for _, k := range cat.Keys() {
				if (strings.HasPrefix(k, "console.articles.") || strings.HasPrefix(k, "console.analytics.")) && strings.Contains(r.body, k) {
					t.Errorf("%s %s shows the raw key %s", l, p, k)
				}
			}
			if m := regexp.MustCompile(`console\.(articles|analytics)\.[a-z_.]+`).FindString(r.body); m != "" {
				t.Errorf("%s %s shows an unknown key %s", l, p, m)
			}
			if strings.Contains(r.body, "ZgotmplZ") || strings.Contains(r.body, "%!") {
				t.Errorf("%s %s: template escaping or format error", l, p)
			}
			if l != desk.English && strings.Contains(r.body, ">Save draft<") {
				t.Errorf("%s %s is in English", l, p)
			}
		}
	}
}
