package kb

import (
	"context"
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"
)

// Search limits.
const (
	DefaultLimit = 10
	MaxLimit     = 50
	// A search is confident when less than maxUnknownShare of the query
	// (IDF-weighted) is foreign to the help center (see plan.unknown). BM25
	// scores cannot serve: their scale moves with the query's length and
	// with the corpus. Tuned on testdata/search-eval.jsonl, where it flags
	// most off-topic queries and about one answerable query in ten (mostly
	// CJK, where bigrams across word boundaries look unknown); a flagged
	// search still shows its results, with the way to reach a person.
	maxUnknownShare = 0.5
	// relativeFloor drops hits scoring under this share of the best hit:
	// with OR matching, a common bigram (ない, 的) matches many articles
	// weakly, and those tails are noise, not answers.
	relativeFloor = 0.12
)

// Result is one article found by a search.
type Result struct {
	Entry   *Entry
	Score   float64
	Snippet Snippet
}

// SearchResponse is what a search returns. Closest is filled, instead of
// Results, when nothing matched: the most useful starting points. Confident
// is false when the results are weak guesses (the query is mostly about
// something the help center does not cover); such searches are recorded for
// editors like those that found nothing.
type SearchResponse struct {
	Query     string
	Locale    desk.Locale
	Results   []Result
	Closest   []*Entry
	Confident bool
}

// Search runs q for a reader in loc. Results in loc come first; when the
// query is written in another script (a Japanese reader typing English, an
// English reader typing Chinese) the matching locale is searched too, and
// its results follow. A query that finds nothing is recorded for editors.
// q must already be redacted.
func (s *Service) Search(ctx context.Context, q string, loc desk.Locale, limit int) (SearchResponse, error) {
	start := time.Now()
	resp, pq, err := s.find(ctx, q, loc, limit, true)
	if err != nil || pq.empty() {
		return resp, err
	}
	if len(resp.Results) == 0 {
		resp.Closest = s.startingPoints(loc)
	}
	if !resp.Confident {
		if err := s.store.RecordSearchMiss(ctx, loc, pq.text, len(resp.Results)); err != nil {
			s.log.Warn("record search miss", "err", err)
		}
	}
	if s.observe != nil {
		s.observe.ObserveSearch("search", loc, time.Since(start), len(resp.Results), resp.Confident)
	}
	return resp, nil
}

// find runs a search without recording anything.
func (s *Service) find(ctx context.Context, q string, loc desk.Locale, limit int, snippets bool) (SearchResponse, parsedQuery, error) {
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, MaxLimit)
	pq := parseQuery(q, s.synonyms, loc)
	resp := SearchResponse{Query: q, Locale: loc}
	if pq.empty() {
		return resp, pq, nil
	}
	seen := map[string]bool{}
	unknown := 0.0
	for _, l := range searchLocales(loc, pq) {
		if len(resp.Results) >= limit {
			break
		}
		lpq := pq
		if l != loc {
			lpq = parseQuery(q, s.synonyms, l)
		}
		hits, p, err := s.index.run(ctx, l, lpq, limit, false)
		if err != nil {
			return resp, pq, err
		}
		if l == loc {
			unknown = p.unknown
		}
		for _, h := range trim(hits) {
			if seen[h.slug] || len(resp.Results) >= limit {
				continue
			}
			e := s.entry(Key{h.slug, l})
			if e == nil {
				continue
			}
			seen[h.slug] = true
			res := Result{Entry: e, Score: h.score}
			if snippets {
				res.Snippet = makeSnippet(e.render().passages, e.Summary, p.typed)
			}
			resp.Results = append(resp.Results, res)
		}
	}
	resp.Confident = len(resp.Results) > 0 && unknown < maxUnknownShare
	return resp, pq, nil
}

// relatedRunes is how much of a request Related reads: the subject and the
// start of the body say what it is about; the rest adds cost, not signal.
const relatedRunes = 100

// Related returns up to n articles about text, for suggestions next to a
// request; nothing when the search is not confident. It records nothing.
func (s *Service) Related(ctx context.Context, text string, loc desk.Locale, n int) []desk.ArticleRef {
	if r := []rune(text); len(r) > relatedRunes {
		text = string(r[:relatedRunes])
	}
	resp, _, err := s.find(ctx, text, loc, n, false)
	if err != nil || !resp.Confident {
		return nil
	}
	out := make([]desk.ArticleRef, 0, len(resp.Results))
	for _, r := range resp.Results {
		out = append(out, desk.ArticleRef{Slug: r.Entry.Slug, Title: r.Entry.Title, URL: r.Entry.URL})
	}
	return out
}

// Lookup returns a reference to a published article in loc (or English).
func (s *Service) Lookup(slug string, loc desk.Locale) (desk.ArticleRef, bool) {
	e := s.entryOrEnglish(slug, loc)
	if e == nil {
		return desk.ArticleRef{}, false
	}
	return desk.ArticleRef{Slug: e.Slug, Title: e.Title, URL: e.URL}, true
}

// RelatedTo returns the articles the front matter of slug lists as related,
// in loc (or English).
func (s *Service) RelatedTo(slug string, loc desk.Locale) []desk.ArticleRef {
	e := s.entryOrEnglish(slug, loc)
	if e == nil {
		return nil
	}
	var out []desk.ArticleRef
	for _, r := range e.Article.Related {
		if re := s.entryOrEnglish(r, loc); re != nil {
			out = append(out, desk.ArticleRef{Slug: re.Slug, Title: re.Title, URL: re.URL})
		}
	}
	return out
}

// Suggest returns up to limit article titles for a partial query, for the
// as-you-type list. It searches titles and keywords only and treats the
// last word as a prefix.
func (s *Service) Suggest(ctx context.Context, q string, loc desk.Locale, limit int) ([]*Entry, error) {
	start := time.Now()
	if limit <= 0 || limit > 10 {
		limit = 6
	}
	pq := parseQuery(q, s.synonyms, loc)
	var out []*Entry
	if pq.empty() {
		return out, nil
	}
	seen := map[string]bool{}
	for _, l := range searchLocales(loc, pq) {
		hits, _, err := s.index.run(ctx, l, pq, limit, true)
		if err != nil {
			return nil, err
		}
		for _, h := range trim(hits) {
			if e := s.entry(Key{h.slug, l}); e != nil && !seen[h.slug] && len(out) < limit {
				seen[h.slug] = true
				out = append(out, e)
			}
		}
		if len(out) >= limit {
			break
		}
	}
	if s.observe != nil {
		s.observe.ObserveSearch("suggest", loc, time.Since(start), len(out), len(out) > 0)
	}
	return out, nil
}

// searchLocales orders the indexes to search: the reader's locale, then the
// locale the query's script points to when it differs.
func searchLocales(loc desk.Locale, pq parsedQuery) []desk.Locale {
	out := []desk.Locale{loc}
	add := func(l desk.Locale) {
		for _, x := range out {
			if x == l {
				return
			}
		}
		out = append(out, l)
	}
	switch {
	case pq.scripts.kana:
		add(desk.Japanese)
	case pq.scripts.han:
		if loc != desk.Japanese {
			add(desk.Chinese)
		}
	case pq.scripts.latin:
		add(desk.English)
	}
	return out
}

func trim(hits []hit) []hit {
	if len(hits) == 0 {
		return hits
	}
	floor := hits[0].score * relativeFloor
	out := hits[:0]
	for _, h := range hits {
		if h.score >= floor {
			out = append(out, h)
		}
	}
	return out
}

// startingPoints are offered when a search found nothing at all: how to
// reach a person, and the two problems users search for most.
func (s *Service) startingPoints(loc desk.Locale) []*Entry {
	var out []*Entry
	for _, slug := range []string{"contact-support", "transaction-pending", "import-phrase-errors", "wallet-stolen"} {
		if e := s.entryOrEnglish(slug, loc); e != nil {
			out = append(out, e)
		}
	}
	return out
}

func (s *Service) entry(k Key) *Entry {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.articles[k]
}

func (s *Service) entryOrEnglish(slug string, loc desk.Locale) *Entry {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.lookup(slug, loc)
}
