package kb

import (
	"context"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"regexp"
	"sort"
	"sync"
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"
)

// Observer receives search measurements (the web layer feeds Prometheus).
type Observer interface {
	ObserveSearch(kind string, loc desk.Locale, d time.Duration, results int, confident bool)
}

// Service is the help center: it keeps published articles rendered in
// memory (they are few and read on every page), answers searches from the
// index, and writes feedback and missed searches through the Store.
type Service struct {
	store    Store
	index    *Index
	render   *Renderer
	synonyms *Synonyms
	observe  Observer
	log      *slog.Logger

	// loadMu keeps a full Load and an edit's applyEdit from interleaving.
	loadMu sync.Mutex

	mu       sync.RWMutex
	articles map[Key]*Entry
	byLocale map[desk.Locale][]*Entry // category order, then Order, then title
	version  int64
}

// Entry is a published article. It is rendered on first use: a restart
// with an up-to-date index then renders nothing, and an article nobody
// opens is never rendered.
type Entry struct {
	Article
	URL string

	renderer *Renderer
	once     sync.Once
	rendered Rendered
	passages []passage
}

func newEntry(a Article, r *Renderer) *Entry {
	return &Entry{Article: a, URL: ArticleURL(a.Locale, a.Slug), renderer: r}
}

func (e *Entry) render() *Entry {
	e.once.Do(func() {
		e.rendered = e.renderer.Render(e.Article)
		e.passages = splitPassages(e.rendered.Plain)
	})
	return e
}

// HTML is the sanitized article body.
func (e *Entry) HTML() template.HTML { return e.render().rendered.HTML }

// Headings lists the article's h2 sections.
func (e *Entry) Headings() []Heading { return e.render().rendered.Headings }

// Plain is the article's text, one block per line.
func (e *Entry) Plain() string { return e.render().rendered.Plain }

// Options configure a Service.
type Options struct {
	Store    Store
	Index    *Index
	Synonyms *Synonyms
	Observer Observer
	Logger   *slog.Logger
}

// NewService builds a Service; call Load before serving.
func NewService(o Options) *Service {
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Synonyms == nil {
		o.Synonyms = &Synonyms{}
	}
	return &Service{
		store: o.Store, index: o.Index, render: NewRenderer(), synonyms: o.Synonyms,
		observe: o.Observer, log: o.Logger,
		articles: map[Key]*Entry{}, byLocale: map[desk.Locale][]*Entry{},
	}
}

// Seed imports the built-in content when the store holds no article at all,
// so that a new installation starts with a working help center. A store
// that already has articles (possibly edited) is left alone.
func (s *Service) Seed(ctx context.Context, content fs.FS) (bool, error) {
	existing, err := s.store.Articles(ctx)
	if err != nil {
		return false, err
	}
	if len(existing) > 0 {
		return false, nil
	}
	arts, err := LoadFS(content)
	if err != nil {
		return false, err
	}
	if _, err := s.Import(ctx, arts, "built-in content", nil); err != nil {
		return false, err
	}
	return true, nil
}

// importBatch bounds one import transaction.
const importBatch = 100

// Import creates or updates arts in batches, calling progress after each.
func (s *Service) Import(ctx context.Context, arts []Article, author string, progress func(done, total int)) (ImportStats, error) {
	var total ImportStats
	for i := 0; i < len(arts); i += importBatch {
		batch := arts[i:min(i+importBatch, len(arts))]
		st, err := s.store.ImportArticles(ctx, batch, author)
		if err != nil {
			return total, err
		}
		total.Created += st.Created
		total.Updated += st.Updated
		total.Unchanged += st.Unchanged
		if progress != nil {
			progress(i+len(batch), len(arts))
		}
	}
	return total, nil
}

// Load reads published articles, renders them, and rebuilds the search
// index when it does not reflect the current content version.
func (s *Service) Load(ctx context.Context) error {
	s.loadMu.Lock()
	defer s.loadMu.Unlock()
	version, err := s.store.ContentVersion(ctx)
	if err != nil {
		return err
	}
	all, err := s.store.Articles(ctx)
	if err != nil {
		return err
	}
	entries := make(map[Key]*Entry, len(all))
	byLocale := map[desk.Locale][]*Entry{}
	for _, a := range all {
		if a.Status != Published {
			continue
		}
		e := newEntry(a, s.render)
		entries[a.Key()] = e
		byLocale[a.Locale] = append(byLocale[a.Locale], e)
	}
	for _, list := range byLocale {
		sortEntries(list)
	}
	if s.index.Version() != version || version == 0 {
		start := time.Now()
		docs := make([]Doc, 0, len(entries))
		for _, e := range entries {
			docs = append(docs, e.doc())
		}
		if err := s.index.Rebuild(docs, version); err != nil {
			return err
		}
		s.log.Info("search index rebuilt", "articles", len(docs), "version", version, "took", time.Since(start).Round(time.Millisecond))
	}
	s.mu.Lock()
	s.articles, s.byLocale, s.version = entries, byLocale, version
	s.mu.Unlock()
	return nil
}

// Refresh reloads when the content version moved (another replica or the
// CLI changed articles).
func (s *Service) Refresh(ctx context.Context) error {
	v, err := s.store.ContentVersion(ctx)
	if err != nil {
		return err
	}
	s.mu.RLock()
	cur := s.version
	s.mu.RUnlock()
	if v == cur {
		return nil
	}
	return s.Load(ctx)
}

// Run refreshes the help center every interval until ctx ends.
func (s *Service) Run(ctx context.Context, interval time.Duration) error {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
			if err := s.Refresh(ctx); err != nil && ctx.Err() == nil {
				s.log.Warn("help center refresh failed", "err", err)
			}
		}
	}
}

func (e *Entry) doc() Doc {
	return Doc{Key: e.Key(), Title: e.Title, Keywords: e.Keywords, Summary: e.Summary, Body: e.Plain()}
}

func sortEntries(list []*Entry) {
	rank := map[Category]int{}
	for i, c := range Categories {
		rank[c] = i
	}
	sort.Slice(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if rank[a.Category] != rank[b.Category] {
			return rank[a.Category] < rank[b.Category]
		}
		if a.Order != b.Order {
			return a.Order < b.Order
		}
		return a.Title < b.Title
	})
}

// View is an article as a reader gets it.
type View struct {
	*Entry
	Requested desk.Locale // the locale asked for
	FellBack  bool        // true when shown in another locale because the requested one is missing
	Related   []*Entry
}

// Article returns a published article in loc, or in English (then another
// locale) when loc has no translation.
func (s *Service) Article(ctx context.Context, slug string, loc desk.Locale) (View, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	try := append([]desk.Locale{loc}, desk.Locales...)
	for _, l := range try {
		if e, ok := s.articles[Key{slug, l}]; ok {
			v := View{Entry: e, Requested: loc, FellBack: l != loc}
			for _, r := range e.Article.Related {
				if re := s.lookup(r, loc); re != nil {
					v.Related = append(v.Related, re)
				}
			}
			return v, nil
		}
	}
	return View{}, desk.ErrNotFound
}

func (s *Service) lookup(slug string, loc desk.Locale) *Entry {
	if e, ok := s.articles[Key{slug, loc}]; ok {
		return e
	}
	return s.articles[Key{slug, desk.DefaultLocale}]
}

// Has reports whether a published article exists under slug in any locale.
func (s *Service) Has(slug string) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, l := range desk.Locales {
		if _, ok := s.articles[Key{slug, l}]; ok {
			return true
		}
	}
	return false
}

// CategoryView is one category of the home page.
type CategoryView struct {
	Category Category
	Articles []*Entry
}

// Categories lists the categories of loc with their articles; articles that
// exist only in English fill the gaps.
func (s *Service) Categories(loc desk.Locale) []CategoryView {
	s.mu.RLock()
	defer s.mu.RUnlock()
	seen := map[string]bool{}
	var list []*Entry
	for _, e := range s.byLocale[loc] {
		seen[e.Slug] = true
		list = append(list, e)
	}
	for _, e := range s.byLocale[desk.DefaultLocale] {
		if !seen[e.Slug] {
			list = append(list, e)
		}
	}
	sortEntries(list)
	var out []CategoryView
	for _, c := range Categories {
		cv := CategoryView{Category: c}
		for _, e := range list {
			if e.Category == c {
				cv.Articles = append(cv.Articles, e)
			}
		}
		if len(cv.Articles) > 0 {
			out = append(out, cv)
		}
	}
	return out
}

// Feedback validates and records a reader's vote. comment must already be
// redacted.
func (s *Service) Feedback(ctx context.Context, f Feedback) error {
	if !f.Locale.Valid() {
		return desk.Invalid("invalid_input", map[string]string{"locale": "locale_unsupported"})
	}
	if len([]rune(f.Comment)) > MaxCommentRunes {
		return desk.Invalid("invalid_input", map[string]string{"comment": "too_long"})
	}
	s.mu.RLock()
	_, ok := s.articles[Key{f.Slug, f.Locale}]
	s.mu.RUnlock()
	if !ok {
		return desk.ErrNotFound
	}
	return s.store.AddFeedback(ctx, f)
}

// MaxCommentRunes bounds a feedback comment.
const MaxCommentRunes = 2000

// Count returns how many articles are published in loc.
func (s *Service) Count(loc desk.Locale) int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.byLocale[loc])
}

// Total returns how many articles are published across locales.
func (s *Service) Total() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.articles)
}

// Version returns the content version in memory.
func (s *Service) Version() int64 {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.version
}

func (s *Service) String() string { return fmt.Sprintf("kb.Service(v%d)", s.Version()) }

// SetObserver sets where search measurements go (set before serving).
func (s *Service) SetObserver(o Observer) { s.observe = o }

// RenderMarkdown renders a Markdown text that is not an article (an agent's
// reply, an automatic reply) with the same pipeline and sanitizer, kb:
// links resolved in loc.
func (s *Service) RenderMarkdown(body string, loc desk.Locale) template.HTML {
	return s.render.Render(Article{Locale: loc, Body: body}).HTML
}

// kbLink matches the kb:slug links of Markdown text.
var kbLink = regexp.MustCompile(`\]\(kb:([a-z0-9-]+)(#[^)\s]*)?\)`)

// ResolveLinks rewrites kb:slug links in Markdown to site URLs in loc, for
// API clients that render Markdown themselves.
func ResolveLinks(body string, loc desk.Locale) string {
	return kbLink.ReplaceAllStringFunc(body, func(m string) string {
		sub := kbLink.FindStringSubmatch(m)
		return "](" + ArticleURL(loc, sub[1]) + sub[2] + ")"
	})
}
