package kb

import (
	"context"
	"math"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
	"golang.org/x/text/width"

	"github.com/walletdesk/walletdesk/internal/desk"
)

// Field weights. A word in the title or in the keywords (which editors fill
// with the words users type) says far more about an article than the same
// word somewhere in its body.
const (
	boostTitle    = 4.0
	boostKeywords = 3.0
	boostSummary  = 1.5
	boostBody     = 1.0
	// Typo-tolerant and synonym matches count, but less than what was typed.
	boostFuzzy   = 0.35
	boostSynonym = 0.6
	// postingsBudget bounds, per field, how many postings one query may
	// scan. A term found in many articles (的, ない, wallet) barely moves
	// BM25 scores, yet scanning its postings is most of a query's cost on a
	// large help center. Terms are admitted rarest first (typed words before
	// synonyms) until the budget is spent; the rarest term is always
	// admitted. On a help center of a few hundred articles every term fits.
	postingsBudget = 1200
)

// maxQueryRunes bounds the work one query can cause.
const maxQueryRunes = 200

var scoredFields = []struct {
	name  string
	boost float64
}{{fieldTitle, boostTitle}, {fieldKeywords, boostKeywords}, {fieldSummary, boostSummary}, {fieldBody, boostBody}}

// parsedQuery is a user query prepared once and run against one or more
// locale indexes.
type parsedQuery struct {
	text       string   // normalized: width-folded, lower-cased, trimmed
	latin      []string // Latin-script words
	expansions []string // synonyms of what the query names
	singleCJK  bool     // one CJK character: bigrams cannot match it
	scripts    scriptSet
}

type scriptSet struct{ han, kana, hangul, latin bool }

// normalizeQuery folds full-width forms to ASCII (ＵＳＤＴ -> usdt) and
// half-width katakana to full width, lower-cases, collapses spaces and cuts
// the query to maxQueryRunes.
func normalizeQuery(q string) string {
	q = width.Fold.String(q)
	q = strings.ToLower(q)
	q = strings.Join(strings.Fields(q), " ")
	if utf8.RuneCountInString(q) > maxQueryRunes {
		q = string([]rune(q)[:maxQueryRunes])
	}
	return q
}

func parseQuery(raw string, syn *Synonyms, loc desk.Locale) parsedQuery {
	pq := parsedQuery{text: normalizeQuery(raw)}
	cjkCount := 0
	var word strings.Builder
	flush := func() {
		if word.Len() > 0 {
			pq.latin = append(pq.latin, word.String())
			word.Reset()
		}
	}
	for _, r := range pq.text {
		switch {
		case unicode.Is(unicode.Han, r):
			pq.scripts.han = true
			cjkCount++
			flush()
		case unicode.In(r, unicode.Hiragana, unicode.Katakana):
			pq.scripts.kana = true
			cjkCount++
			flush()
		case unicode.Is(unicode.Hangul, r):
			pq.scripts.hangul = true
			flush()
		case unicode.Is(unicode.Latin, r):
			pq.scripts.latin = true
			word.WriteRune(r)
		case unicode.IsDigit(r) && word.Len() > 0:
			word.WriteRune(r)
		default:
			flush()
		}
	}
	flush()
	pq.singleCJK = cjkCount == 1
	if syn != nil {
		pq.expansions = syn.Expand(loc, pq.text)
	}
	return pq
}

func (pq parsedQuery) empty() bool { return strings.TrimSpace(pq.text) == "" }

// fuzziness gives the edit distance tolerated for a word: none for short
// words, where one edit turns "gas" into "was", one for ordinary words and
// two for long ones.
func fuzziness(word string) int {
	switch n := utf8.RuneCountInString(word); {
	case n >= 9:
		return 2
	case n >= 5:
		return 1
	}
	return 0
}

// term is one analyzed query term with its document frequency per field.
type term struct {
	text    string
	df      uint64            // in any field: max over fields
	fieldDF map[string]uint64 // per field
	synonym bool              // added by the query, not typed: synonyms and typo corrections
	fuzzy   bool              // a typo correction
}

// plan is what a query becomes against one locale's index: the terms worth
// scoring, the words to match with typo tolerance, and how much of the
// query the index has never seen.
type plan struct {
	terms   []term
	prefix  []term   // suggestions: the commonest indexed words the word being typed may become
	uni     []string // single CJK characters (one-character queries)
	unknown float64  // IDF-weighted share of query terms found in no article
	typed   []string // every analyzed term of what was typed, for highlighting
	// admit says, per field, which terms the query scores on (see
	// postingsBudget).
	admit map[string]map[string]bool
}

// Long queries (a pasted paragraph) keep their most informative terms:
// each term costs a searcher per field, and the rarest terms decide the
// ranking anyway.
const (
	maxTypedTerms   = 32
	maxSynonymTerms = 8
)

func rarest(terms []term) []term {
	var typed, syn []term
	for _, t := range terms {
		if t.synonym {
			syn = append(syn, t)
		} else {
			typed = append(typed, t)
		}
	}
	cut := func(ts []term, n int) []term {
		if len(ts) <= n {
			return ts
		}
		sort.SliceStable(ts, func(i, j int) bool { return ts[i].df < ts[j].df })
		return ts[:n]
	}
	return append(cut(typed, maxTypedTerms), cut(syn, maxSynonymTerms)...)
}

// admitTerms spends each field's postings budget on the rarest terms.
func admitTerms(terms []term) map[string]map[string]bool {
	out := make(map[string]map[string]bool, len(scoredFields))
	for _, f := range scoredFields {
		order := make([]term, 0, len(terms))
		for _, t := range terms {
			if t.fieldDF[f.name] > 0 {
				order = append(order, t)
			}
		}
		cost := func(t term) uint64 {
			if t.synonym {
				return 2 * t.fieldDF[f.name]
			}
			return t.fieldDF[f.name]
		}
		sort.Slice(order, func(i, j int) bool { return cost(order[i]) < cost(order[j]) })
		admitted := map[string]bool{}
		var spent uint64
		for i, t := range order {
			if i > 0 && spent+t.fieldDF[f.name] > postingsBudget {
				break
			}
			spent += t.fieldDF[f.name]
			admitted[t.text] = true
		}
		out[f.name] = admitted
	}
	return out
}

// makePlan analyzes pq with the locale's analyzer and looks up each term's
// document frequency, which decides what the query scores on.
func (ix *Index) makePlan(ctx context.Context, li *localeIndex, pq parsedQuery, suggest bool) (plan, error) {
	var p plan
	adv, err := li.idx.Advanced()
	if err != nil {
		return p, err
	}
	r, err := adv.Reader()
	if err != nil {
		return p, err
	}
	defer r.Close()
	n, err := r.DocCount()
	if err != nil || n == 0 {
		return p, err
	}
	seen := map[string]bool{}
	var all []term
	add := func(text string, synonym bool) {
		for _, tok := range li.text.Analyze([]byte(text)) {
			t := string(tok.Term)
			if seen[t] {
				continue
			}
			seen[t] = true
			fdf, df := li.stats.get(ctx, r, t)
			all = append(all, term{text: t, df: df, fieldDF: fdf, synonym: synonym})
		}
	}
	add(pq.text, false)
	typed := len(all)
	for _, t := range all {
		p.typed = append(p.typed, t.text)
	}
	for _, e := range pq.expansions {
		add(e, true)
	}

	// Unknown share, over what was typed. Latin words unknown to the index
	// count as known when the index holds a word within typo distance.
	var known, total float64
	for _, t := range all[:typed] {
		w := idf(n, t.df)
		total += w
		switch {
		case t.df > 0:
			known += w
		case isLatinWord(t.text) && fuzziness(t.text) > 0:
			// A typo: score on the indexed words within edit distance.
			if cands := nearTerms(r, t.text); len(cands) > 0 {
				known += w
				for _, c := range cands {
					if !seen[c] {
						seen[c] = true
						fdf, df := li.stats.get(ctx, r, c)
						all = append(all, term{text: c, df: df, fieldDF: fdf, synonym: true, fuzzy: true})
					}
				}
			}
		}
	}
	if total > 0 {
		p.unknown = 1 - known/total
	}

	for _, t := range all {
		if t.df > 0 {
			p.terms = append(p.terms, t)
		}
	}
	p.terms = rarest(p.terms)
	p.admit = admitTerms(p.terms)
	if suggest && len(pq.latin) > 0 {
		last := pq.latin[len(pq.latin)-1]
		if strings.HasSuffix(pq.text, last) && utf8.RuneCountInString(last) >= 2 {
			p.prefix = prefixTerms(ctx, r, li, last)
		}
	}
	if pq.singleCJK {
		for _, r := range pq.text {
			if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) {
				p.uni = append(p.uni, string(r))
			}
		}
	}
	return p, nil
}

// termStats caches document frequencies per term: queries repeat the same
// terms (the same bigrams, the same words) far more than the index changes,
// and each lookup is one dictionary probe per field.
type termStats struct {
	m sync.Map // term -> termStat
	n atomic.Int64
}

type termStat struct {
	fields map[string]uint64
	max    uint64
}

// maxCachedTerms bounds the cache; past it, it starts over.
const maxCachedTerms = 200000

func (ts *termStats) get(ctx context.Context, r index.IndexReader, t string) (map[string]uint64, uint64) {
	if v, ok := ts.m.Load(t); ok {
		st := v.(termStat)
		return st.fields, st.max
	}
	st := termStat{fields: make(map[string]uint64, len(scoredFields))}
	for _, f := range scoredFields {
		tfr, err := r.TermFieldReader(ctx, []byte(t), f.name, false, false, false)
		if err != nil {
			return st.fields, st.max // not cached: a transient failure must not stick
		}
		c := tfr.Count()
		tfr.Close()
		st.fields[f.name] = c
		st.max = max(st.max, c)
	}
	if ts.n.Add(1) > maxCachedTerms {
		ts.clear()
	}
	ts.m.Store(t, st)
	return st.fields, st.max
}

func (ts *termStats) clear() {
	ts.m.Clear()
	ts.n.Store(0)
}

func idf(n, df uint64) float64 {
	return math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
}

func isLatinWord(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Latin, r) {
			return false
		}
	}
	return s != ""
}

// maxPrefixTerms bounds the completions of the word being typed: a short
// prefix of a large help center has hundreds, and the commonest few are
// the likely ones.
const maxPrefixTerms = 8

// maxPrefixScan bounds the dictionary entries read per field for them, so
// that a one-letter prefix of a large help center stays cheap.
const maxPrefixScan = 512

// prefixTerms lists the commonest indexed words (of titles and keywords)
// that start with prefix.
func prefixTerms(ctx context.Context, r index.IndexReader, li *localeIndex, prefix string) []term {
	count := map[string]uint64{}
	for _, f := range []string{fieldTitle, fieldKeywords} {
		d, err := r.FieldDictPrefix(f, []byte(prefix))
		if err != nil {
			continue
		}
		for i := 0; i < maxPrefixScan; i++ {
			e, err := d.Next()
			if err != nil || e == nil {
				break
			}
			count[e.Term] += e.Count
		}
		d.Close()
	}
	words := make([]string, 0, len(count))
	for w := range count {
		words = append(words, w)
	}
	sort.Slice(words, func(i, j int) bool {
		if count[words[i]] != count[words[j]] {
			return count[words[i]] > count[words[j]]
		}
		return words[i] < words[j]
	})
	var out []term
	for i := 0; i < len(words) && i < maxPrefixTerms; i++ {
		fdf, df := li.stats.get(ctx, r, words[i])
		out = append(out, term{text: words[i], df: df, fieldDF: fdf, synonym: true})
	}
	return out
}

// maxNearTerms bounds how many indexed words a typo may stand for.
const maxNearTerms = 4

// nearTerms lists indexed words within typo distance of t (same first
// letter: a typo rarely changes it), closest and most common first. The
// dictionaries are walked with a Levenshtein automaton, which is far
// cheaper than a fuzzy query per field.
func nearTerms(r index.IndexReader, t string) []string {
	fr, ok := r.(index.IndexReaderFuzzy)
	if !ok {
		return nil
	}
	first, _ := utf8.DecodeRuneInString(t)
	type cand struct {
		term  string
		dist  uint8
		count uint64
	}
	best := map[string]cand{}
	for _, f := range []string{fieldTitle, fieldKeywords, fieldBody} {
		d, err := fr.FieldDictFuzzy(f, t, fuzziness(t), string(first))
		if err != nil {
			continue
		}
		for i := 0; i < 64; i++ {
			e, err := d.Next()
			if err != nil || e == nil {
				break
			}
			c := best[e.Term]
			if c.term == "" || e.EditDistance < c.dist {
				c.dist = e.EditDistance
			}
			c.term, c.count = e.Term, c.count+e.Count
			best[e.Term] = c
		}
		d.Close()
	}
	list := make([]cand, 0, len(best))
	for _, c := range best {
		if c.term != t {
			list = append(list, c)
		}
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].dist != list[j].dist {
			return list[i].dist < list[j].dist
		}
		if list[i].count != list[j].count {
			return list[i].count > list[j].count
		}
		return list[i].term < list[j].term
	})
	var out []string
	for i := 0; i < len(list) && i < maxNearTerms; i++ {
		out = append(out, list[i].term)
	}
	return out
}

// build turns the plan into a bleve query: per field, a disjunction of the
// terms (each article scores by how many it holds, BM25-weighted), and over
// fields a disjunction with the field weights. Suggestions look at titles
// and keywords only.
func (p plan) build(suggest bool) query.Query {
	fields := scoredFields
	if suggest {
		fields = fields[:2]
	}
	var qs []query.Query
	for _, f := range fields {
		for _, t := range p.terms {
			if !p.admit[f.name][t.text] {
				continue
			}
			tq := bleve.NewTermQuery(t.text)
			tq.SetField(f.name)
			switch {
			case t.fuzzy:
				tq.SetBoost(f.boost * boostFuzzy)
			case t.synonym:
				tq.SetBoost(f.boost * boostSynonym)
			default:
				tq.SetBoost(f.boost)
			}
			qs = append(qs, tq)
		}
		for _, t := range p.prefix {
			if t.fieldDF[f.name] == 0 {
				continue
			}
			tq := bleve.NewTermQuery(t.text)
			tq.SetField(f.name)
			tq.SetBoost(f.boost * 0.5)
			qs = append(qs, tq)
		}
	}
	for _, u := range p.uni {
		t := bleve.NewTermQuery(u)
		t.SetField(fieldHeadUni)
		t.SetBoost(boostTitle)
		qs = append(qs, t)
	}
	if len(qs) == 0 {
		return bleve.NewMatchNoneQuery()
	}
	return bleve.NewDisjunctionQuery(qs...)
}

type hit struct {
	slug  string
	score float64
}

// run plans and executes pq on one locale's index.
func (ix *Index) run(ctx context.Context, loc desk.Locale, pq parsedQuery, limit int, suggest bool) ([]hit, plan, error) {
	li := ix.get(loc)
	p, err := ix.makePlan(ctx, li, pq, suggest)
	if err != nil {
		return nil, p, err
	}
	req := bleve.NewSearchRequestOptions(p.build(suggest), limit, 0, false)
	res, err := li.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, p, err
	}
	hits := make([]hit, 0, len(res.Hits))
	for _, h := range res.Hits {
		hits = append(hits, hit{slug: h.ID, score: h.Score})
	}
	return hits, p, nil
}
