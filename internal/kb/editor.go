package kb

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"
)

// Author is who made a change: an agent id and a display name from the
// caller (identity lives elsewhere). The CLI import has a name and no id.
type Author struct {
	ID   string
	Name string
}

// Action says what a version did.
type Action string

const (
	ActionImport    Action = "import"    // kb import or the built-in content
	ActionCreate    Action = "create"    // first version written in the console
	ActionEdit      Action = "edit"      // content changed (published at once, or kept as a draft)
	ActionPublish   Action = "publish"   // a draft or an unpublished article became visible
	ActionUnpublish Action = "unpublish" // removed from readers and search; nothing is deleted
	ActionRestore   Action = "restore"   // the content of an earlier version, as a new version
)

// SourceRef names the version of the source article (same slug, the slug's
// source locale) that a translation was made from. Zero for the source
// itself and for versions recorded before translations were tracked.
type SourceRef struct {
	Locale  desk.Locale
	Version int
}

// VersionInfo is one entry of an article's history, without its content.
type VersionInfo struct {
	Number       int
	Action       Action
	Status       Status // the article's status right after this version
	Author       Author
	CreatedAt    time.Time
	Base         int       // the version the change started from (0 for a new article or an import)
	Source       SourceRef // translations: the source version this text was made from
	RestoredFrom int       // ActionRestore: the version whose content came back
	Note         string
}

// Version is one version with its full content.
type Version struct {
	VersionInfo
	Article Article // Version and Status are the version's
}

// EditState is an article as the editor sees it. The article row holds
// what readers see while it is published; a draft saved beside a published
// article lives only in the history, as the latest version.
type EditState struct {
	Article Article     // the row: live content when published, else the working copy
	Head    VersionInfo // the latest version: every change must be based on it
	Draft   *Article    // the content of Head when it is a draft pending beside the live article
}

// Exists reports whether the article has been created.
func (st EditState) Exists() bool { return st.Head.Number > 0 }

// Working returns the content an editor continues from.
func (st EditState) Working() Article {
	if st.Draft != nil {
		return *st.Draft
	}
	return st.Article
}

// Revision is one change for the store to record: a new version numbered
// Head+1 holding Article, and, when Live, the new content of the article row.
type Revision struct {
	Article      Article // complete content; Status is the article's status after the change
	Action       Action
	Live         bool // false: a draft kept beside the published article, readers unaffected
	Author       Author
	Base         int
	Source       SourceRef
	RestoredFrom int
	Note         string
}

// EditResult is what the store did with a Revision.
type EditResult struct {
	Version VersionInfo // the new version, or the current head when nothing changed
	Article Article     // the article row after the change
	Changed bool        // a version was recorded
	// ContentVersion is the content version after the change when published
	// content changed (readers and search are affected), else 0.
	ContentVersion int64
}

// TranslationFacts is what translation status is computed from, per article.
type TranslationFacts struct {
	Key      Key
	Category Category
	Title    string // of the row
	Status   Status
	Version  int    // the row's version
	TextHash string // TextHash of the row's version; "" for versions recorded before hashes
	Head     VersionInfo
	// SourceTextHash is the TextHash of the source version Head.Source
	// names; "" when unknown.
	SourceTextHash string
}

// EditStore is what editing needs from persistence, beside Store.
type EditStore interface {
	// EditArticle reads the state of k (a zero EditState when it does not
	// exist) and calls fn inside one write transaction, then records the
	// Revision fn returns. fn must not do I/O. An error from fn changes
	// nothing; a nil Revision is a no-op. A concurrent change that slipped
	// in between yields a KindConflict error.
	EditArticle(ctx context.Context, k Key, fn func(cur EditState) (*Revision, error)) (EditResult, error)
	// EditState returns the state of k, or desk.ErrNotFound.
	EditState(ctx context.Context, k Key) (EditState, error)
	// Versions lists k's history, newest first, or desk.ErrNotFound.
	Versions(ctx context.Context, k Key) ([]VersionInfo, error)
	// ArticleVersion returns version n of k, or desk.ErrNotFound.
	ArticleVersion(ctx context.Context, k Key, n int) (Version, error)
	// TranslationFacts returns the facts of every article of slug, or of
	// every article when slug is "".
	TranslationFacts(ctx context.Context, slug string) ([]TranslationFacts, error)
	// SourceLocales returns the source locales set for slug (every slug when
	// slug is ""); a slug without one translates from English.
	SourceLocales(ctx context.Context, slug string) (map[string]desk.Locale, error)
	SetSourceLocale(ctx context.Context, slug string, loc desk.Locale, who Author) error
	// ExistingSlugs reports which of slugs name an article in any locale.
	ExistingSlugs(ctx context.Context, slugs []string) (map[string]bool, error)
}

// StaleError is the cause of a KindConflict error when a change was based
// on a version that is no longer the latest: Current is the latest.
type StaleError struct {
	Current VersionInfo
}

func (e *StaleError) Error() string {
	return fmt.Sprintf("article is at version %d (%s by %q)", e.Current.Number, e.Current.Action, e.Current.Author.Name)
}

// Conflict codes.
const (
	CodeStaleVersion  = "stale_version"  // the change was based on an older version
	CodeArticleExists = "article_exists" // a create for an article that exists
)

func staleError(code string, cur VersionInfo) error {
	return &desk.Error{Kind: desk.KindConflict, Code: code, Err: &StaleError{Current: cur}}
}

// CurrentVersion returns the latest version carried by a conflict error.
func CurrentVersion(err error) (VersionInfo, bool) {
	var se *StaleError
	if errors.As(err, &se) {
		return se.Current, true
	}
	return VersionInfo{}, false
}

// Editor creates, edits, translates, publishes and unpublishes articles.
// Changes that readers see go to the Service's cache and search index at
// once; other replicas pick them up through the content version. Use one
// Editor per Service.
type Editor struct {
	help  *Service
	store EditStore
	// mu orders this replica's writes and their cache updates, so that two
	// quick edits of one article cannot reach the cache in the wrong order.
	mu sync.Mutex
}

// NewEditor returns an Editor writing through st and updating help.
func NewEditor(help *Service, st EditStore) *Editor {
	return &Editor{help: help, store: st}
}

// Change is one edit from the console.
type Change struct {
	// Article is the new content; Slug and Locale name the article,
	// Status, Version and UpdatedAt are ignored.
	Article Article
	// Base is the version the editor started from (Working.Base); 0
	// creates the article.
	Base int
	// Publish makes the content visible at once; otherwise it is saved as
	// a draft (beside the live content when the article is published).
	Publish bool
	// SourceVersion is, for a translation, the source version the text was
	// translated from (Working.Source.Version); 0 means the current one.
	SourceVersion int
	Note          string
}

// Save records c as a new version.
func (e *Editor) Save(ctx context.Context, who Author, c Change) (VersionInfo, error) {
	a := normalizeArticle(c.Article)
	fields := checkArticle(a)
	checkAuthor(who, fields)
	if n := len([]rune(c.Note)); n > maxNoteRunes {
		fields["note"] = CodeTooLong
	}
	if c.Base < 0 {
		fields["base"] = CodeInvalid
	}
	if len(fields) > 0 {
		return VersionInfo{}, invalid(fields)
	}
	if err := e.checkRelated(ctx, a, fields); err != nil {
		return VersionInfo{}, err
	}
	src, newSource, err := e.sourceFor(ctx, a.Key())
	if err != nil {
		return VersionInfo{}, err
	}
	ref, err := e.sourceRef(ctx, a.Key(), src, c.SourceVersion, fields)
	if err != nil {
		return VersionInfo{}, err
	}
	if len(fields) > 0 {
		return VersionInfo{}, invalid(fields)
	}
	rev := Revision{Article: a, Action: ActionEdit, Author: who, Base: c.Base, Source: ref, Note: c.Note}
	info, err := e.write(ctx, a.Key(), func(cur EditState) (*Revision, error) {
		return planSave(cur, rev, c.Publish)
	})
	if err == nil && newSource {
		// The first article of a new slug written in another language than
		// English is what the others translate from.
		err = e.store.SetSourceLocale(ctx, a.Slug, a.Locale, who)
	}
	return info, err
}

// planSave turns a save into a Revision for the current state, or nil when
// nothing would change.
func planSave(cur EditState, rev Revision, publish bool) (*Revision, error) {
	if !cur.Exists() {
		if rev.Base != 0 {
			return nil, desk.ErrNotFound
		}
		rev.Action = ActionCreate
		rev.Live = true
		rev.Article.Status = Draft
		if publish {
			rev.Article.Status = Published
		}
		return &rev, nil
	}
	if rev.Base == 0 {
		return nil, staleError(CodeArticleExists, cur.Head)
	}
	if rev.Base != cur.Head.Number {
		return nil, staleError(CodeStaleVersion, cur.Head)
	}
	published := cur.Article.Status == Published
	sameAsWorking := sameContent(rev.Article, cur.Working())
	switch {
	case publish && sameAsWorking && published && cur.Draft == nil:
		return nil, nil
	case publish:
		if sameAsWorking {
			rev.Action = ActionPublish
		}
		rev.Live, rev.Article.Status = true, Published
	case sameAsWorking:
		return nil, nil
	case published:
		// A draft beside the live article: readers keep what they see.
		rev.Live, rev.Article.Status = false, Draft
	default:
		rev.Live, rev.Article.Status = true, Draft
	}
	return &rev, nil
}

// Publish makes the working copy of k visible: the pending draft, or the
// unpublished article. Publishing what is already live changes nothing.
func (e *Editor) Publish(ctx context.Context, who Author, k Key, base int) (VersionInfo, error) {
	if err := authorOnly(who); err != nil {
		return VersionInfo{}, err
	}
	return e.write(ctx, k, func(cur EditState) (*Revision, error) {
		if err := checkBase(cur, base); err != nil {
			return nil, err
		}
		if cur.Article.Status == Published && cur.Draft == nil {
			return nil, nil
		}
		a := cur.Working()
		a.Status = Published
		return &Revision{Article: a, Action: ActionPublish, Live: true, Author: who, Base: base, Source: cur.Head.Source}, nil
	})
}

// Unpublish removes k from readers and search. Nothing is deleted: the
// history stays, and the working copy (a pending draft included) stays
// editable and can be published again.
func (e *Editor) Unpublish(ctx context.Context, who Author, k Key, base int) (VersionInfo, error) {
	if err := authorOnly(who); err != nil {
		return VersionInfo{}, err
	}
	return e.write(ctx, k, func(cur EditState) (*Revision, error) {
		if err := checkBase(cur, base); err != nil {
			return nil, err
		}
		if cur.Article.Status != Published {
			return nil, nil
		}
		a := cur.Working()
		a.Status = Draft
		return &Revision{Article: a, Action: ActionUnpublish, Live: true, Author: who, Base: base, Source: cur.Head.Source}, nil
	})
}

// Restore records the content of version n as a new version, published at
// once or kept as a draft like any edit. A restored translation keeps the
// source version it was made from.
func (e *Editor) Restore(ctx context.Context, who Author, k Key, n, base int, publish bool) (VersionInfo, error) {
	if err := authorOnly(who); err != nil {
		return VersionInfo{}, err
	}
	old, err := e.store.ArticleVersion(ctx, k, n)
	if err != nil {
		return VersionInfo{}, err
	}
	a := normalizeArticle(old.Article)
	fields := map[string]string{}
	if err := e.checkRelated(ctx, a, fields); err != nil {
		return VersionInfo{}, err
	}
	rev := Revision{Article: a, Action: ActionRestore, Author: who, Base: base, Source: old.Source, RestoredFrom: n}
	return e.write(ctx, k, func(cur EditState) (*Revision, error) {
		if err := checkBase(cur, base); err != nil {
			return nil, err
		}
		r, err := planSave(cur, rev, publish)
		if r != nil {
			r.Action = ActionRestore
		}
		return r, err
	})
}

// write records one change and brings this replica's readers up to date.
func (e *Editor) write(ctx context.Context, k Key, plan func(cur EditState) (*Revision, error)) (VersionInfo, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	res, err := e.store.EditArticle(ctx, k, plan)
	if err != nil {
		if desk.ErrorKind(err) == desk.KindConflict {
			if _, ok := CurrentVersion(err); !ok {
				// A concurrent change won the race inside the store.
				if st, serr := e.store.EditState(ctx, k); serr == nil {
					return VersionInfo{}, staleError(desk.ErrorCode(err), st.Head)
				}
			}
		}
		return VersionInfo{}, err
	}
	if res.ContentVersion > 0 && e.help != nil {
		if err := e.help.applyEdit(res.Article, res.ContentVersion); err != nil {
			// Committed; Refresh reloads everything since the cache did not
			// move its version forward.
			e.help.log.Warn("help center: apply edit", "slug", k.Slug, "locale", k.Locale, "err", err)
		}
	}
	return res.Version, nil
}

func checkBase(cur EditState, base int) error {
	if !cur.Exists() {
		return desk.ErrNotFound
	}
	if base != cur.Head.Number {
		return staleError(CodeStaleVersion, cur.Head)
	}
	return nil
}

// Working is an article opened in the editor.
type Working struct {
	// Article is the working copy: the pending draft when there is one,
	// else the article. Zero but for Slug and Locale (and the structure
	// copied from the source) when the translation does not exist yet.
	Article Article
	// Base is the version the next change must be based on; 0 for a new
	// translation.
	Base        int
	LiveVersion int  // the version readers see; 0 when not published
	Draft       bool // the working copy is a draft pending beside the live article
	// Source is, for a translation, the source content to translate from
	// (its Version goes back in Change.SourceVersion); nil for the source.
	Source *Article
	// MadeFrom is the source version the working copy was translated from.
	MadeFrom SourceRef
}

// Open returns k for editing. A translation that does not exist yet opens
// empty, with the source to translate from; desk.ErrNotFound when neither
// exists.
func (e *Editor) Open(ctx context.Context, k Key) (Working, error) {
	if !k.Locale.Valid() {
		return Working{}, desk.ErrNotFound
	}
	st, err := e.store.EditState(ctx, k)
	if err != nil && !desk.IsNotFound(err) {
		return Working{}, err
	}
	var w Working
	if err == nil {
		w.Article, w.Base, w.Draft, w.MadeFrom = st.Working(), st.Head.Number, st.Draft != nil, st.Head.Source
		w.Article.Version = st.Head.Number
		if st.Article.Status == Published {
			w.LiveVersion = st.Article.Version
		}
	}
	src, _, serr := e.sourceFor(ctx, k)
	if serr != nil {
		return Working{}, serr
	}
	if src != k.Locale {
		sst, serr := e.store.EditState(ctx, Key{k.Slug, src})
		switch {
		case serr == nil:
			s := sst.Article
			w.Source = &s
		case !desk.IsNotFound(serr):
			return Working{}, serr
		}
	}
	if w.Base == 0 {
		if w.Source == nil {
			return Working{}, desk.ErrNotFound
		}
		w.Article = Article{Slug: k.Slug, Locale: k.Locale, Category: w.Source.Category,
			Related: append([]string(nil), w.Source.Related...), Order: w.Source.Order, Status: Draft}
	}
	return w, nil
}

// History is the list of versions of an article.
type History struct {
	Key      Key
	Head     int // the latest version: the base of the next change
	Live     int // the version readers see; 0 when unpublished
	Versions []VersionInfo
}

// History returns k's versions, newest first.
func (e *Editor) History(ctx context.Context, k Key) (History, error) {
	st, err := e.store.EditState(ctx, k)
	if err != nil {
		return History{}, err
	}
	vs, err := e.store.Versions(ctx, k)
	if err != nil {
		return History{}, err
	}
	h := History{Key: k, Head: st.Head.Number, Versions: vs}
	if st.Article.Status == Published {
		h.Live = st.Article.Version
	}
	return h, nil
}

// Version returns version n of k with its content.
func (e *Editor) Version(ctx context.Context, k Key, n int) (Version, error) {
	return e.store.ArticleVersion(ctx, k, n)
}

// Diff compares two versions of k.
func (e *Editor) Diff(ctx context.Context, k Key, from, to int) (Diff, error) {
	a, err := e.store.ArticleVersion(ctx, k, from)
	if err != nil {
		return Diff{}, err
	}
	b, err := e.store.ArticleVersion(ctx, k, to)
	if err != nil {
		return Diff{}, err
	}
	d := Compare(a.Article, b.Article)
	d.Key, d.From, d.To = k, from, to
	return d, nil
}

// SetSource makes loc the locale the other translations of slug are made
// from. The article must exist in loc.
func (e *Editor) SetSource(ctx context.Context, who Author, slug string, loc desk.Locale) error {
	if err := authorOnly(who); err != nil {
		return err
	}
	if !loc.Valid() {
		return invalid(map[string]string{"locale": CodeUnsupported})
	}
	if _, err := e.store.EditState(ctx, Key{slug, loc}); err != nil {
		return err
	}
	return e.store.SetSourceLocale(ctx, slug, loc, who)
}

// sourceFor returns the source locale of k's slug, and whether k would be
// the first article of a new slug in another language than English, which
// then becomes the source.
func (e *Editor) sourceFor(ctx context.Context, k Key) (desk.Locale, bool, error) {
	set, err := e.store.SourceLocales(ctx, k.Slug)
	if err != nil {
		return "", false, err
	}
	if l, ok := set[k.Slug]; ok {
		return l, false, nil
	}
	if k.Locale == desk.DefaultLocale {
		return desk.DefaultLocale, false, nil
	}
	exist, err := e.store.ExistingSlugs(ctx, []string{k.Slug})
	if err != nil {
		return "", false, err
	}
	if !exist[k.Slug] {
		return k.Locale, true, nil
	}
	return desk.DefaultLocale, false, nil
}

// sourceRef names the source version a translation is made from: the one
// the translator saw, or the source's current version.
func (e *Editor) sourceRef(ctx context.Context, k Key, src desk.Locale, asked int, fields map[string]string) (SourceRef, error) {
	if src == k.Locale {
		if asked != 0 {
			fields["source_version"] = CodeInvalid
		}
		return SourceRef{}, nil
	}
	st, err := e.store.EditState(ctx, Key{k.Slug, src})
	if desk.IsNotFound(err) {
		if asked != 0 {
			fields["source_version"] = CodeNotFound
		}
		return SourceRef{Locale: src}, nil
	}
	if err != nil {
		return SourceRef{}, err
	}
	if asked == 0 {
		return SourceRef{Locale: src, Version: st.Article.Version}, nil
	}
	if asked < 0 || asked > st.Head.Number {
		fields["source_version"] = CodeNotFound
	}
	return SourceRef{Locale: src, Version: asked}, nil
}

// checkRelated adds a field error when a related slug names no article.
func (e *Editor) checkRelated(ctx context.Context, a Article, fields map[string]string) error {
	if len(a.Related) > 0 {
		exist, err := e.store.ExistingSlugs(ctx, a.Related)
		if err != nil {
			return err
		}
		for _, r := range a.Related {
			if !exist[r] {
				fields["related"] = CodeNotFound
			}
		}
	}
	if len(fields) > 0 {
		return invalid(fields)
	}
	return nil
}
