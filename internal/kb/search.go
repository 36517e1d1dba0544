package kb

import (
	"context"
	"strings"
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"
)

// Search limits.
const (
	DefaultLimit = 10
	MaxLimit     = 50
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
// Results, when nothing matched: the articles nearest to the query by
// looser matching, or the most useful starting points.
type SearchResponse struct {
	Query   string
	Locale  desk.Locale
	Results []Result
	Closest []*Entry
}

// Search runs q for a reader in loc. Results in loc come first; when the
// query is written in another script (a Japanese reader typing English, an
// English reader typing Chinese) the matching locale is searched too, and
// its results follow. A query that finds nothing is recorded for editors.
// q must already be redacted.
func (s *Service) Search(ctx context.Context, q string, loc desk.Locale, limit int) (SearchResponse, error) {
	start := time.Now()
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, MaxLimit)
	pq := parseQuery(q, s.synonyms, loc)
	resp := SearchResponse{Query: q, Locale: loc}
	if pq.empty() {
		return resp, nil
	}
	seen := map[string]bool{}
	for _, l := range searchLocales(loc, pq) {
		if len(resp.Results) >= limit {
			break
		}
		lpq := pq
		if l != loc {
			lpq = parseQuery(q, s.synonyms, l)
		}
		hits, err := s.index.run(ctx, l, lpq, limit, false)
		if err != nil {
			return resp, err
		}
		terms := s.index.terms(l, pq.text)
		for _, h := range trim(hits) {
			if seen[h.slug] || len(resp.Results) >= limit {
				continue
			}
			e := s.entry(Key{h.slug, l})
			if e == nil {
				continue
			}
			seen[h.slug] = true
			resp.Results = append(resp.Results, Result{Entry: e, Score: h.score, Snippet: makeSnippet(e.Plain, e.Summary, terms)})
		}
	}
	if len(resp.Results) == 0 {
		resp.Closest = s.closest(ctx, loc, pq)
		if err := s.store.RecordSearchMiss(ctx, loc, pq.text); err != nil {
			s.log.Warn("record search miss", "err", err)
		}
	}
	if s.observe != nil {
		s.observe.ObserveSearch("search", loc, time.Since(start), len(resp.Results))
	}
	return resp, nil
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
		hits, err := s.index.run(ctx, l, pq, limit, true)
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
		s.observe.ObserveSearch("suggest", loc, time.Since(start), len(out))
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

// closest finds something to offer when a search found nothing: each
// word of the query alone with typo tolerance, and failing that the
// contact-support and first getting-started articles.
func (s *Service) closest(ctx context.Context, loc desk.Locale, pq parsedQuery) []*Entry {
	var out []*Entry
	seen := map[string]bool{}
	for _, w := range strings.Fields(pq.text) {
		wq := parseQuery(w, s.synonyms, loc)
		if len(wq.latin) == 1 && fuzziness(wq.latin[0]) == 0 && len(wq.latin[0]) >= 3 {
			wq.latin = nil // too short for typo tolerance; exact only
		}
		hits, err := s.index.run(ctx, loc, wq, 3, false)
		if err != nil {
			break
		}
		for _, h := range hits {
			if e := s.entry(Key{h.slug, loc}); e != nil && !seen[h.slug] && len(out) < 5 {
				seen[h.slug] = true
				out = append(out, e)
			}
		}
	}
	for _, slug := range []string{"contact-support", "transaction-pending", "import-phrase-errors"} {
		if len(out) >= 5 {
			break
		}
		if e := s.entryOrEnglish(slug, loc); e != nil && !seen[slug] {
			seen[slug] = true
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
