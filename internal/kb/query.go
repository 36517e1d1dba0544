package kb

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
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
)

// maxQueryRunes bounds the work one query can cause.
const maxQueryRunes = 200

// parsedQuery is a user query prepared once and run against one or more
// locale indexes.
type parsedQuery struct {
	text       string   // normalized: width-folded, lower-cased, trimmed
	latin      []string // Latin-script words, for typo tolerance
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

func match(text, field string, boost float64, fuzz int) query.Query {
	m := bleve.NewMatchQuery(text)
	m.SetField(field)
	m.SetBoost(boost)
	if fuzz > 0 {
		m.SetFuzziness(fuzz)
		m.SetPrefix(1) // the first letter of a typo is almost always right; this keeps fuzzy cheap
	}
	return m
}

// build makes the bleve query for a full search (all fields) or a
// suggestion (title and keywords only, last word as a prefix).
func (pq parsedQuery) build(suggest bool) query.Query {
	var qs []query.Query
	fields := []struct {
		name  string
		boost float64
	}{{fieldTitle, boostTitle}, {fieldKeywords, boostKeywords}, {fieldSummary, boostSummary}, {fieldBody, boostBody}}
	if suggest {
		fields = fields[:2]
	}
	for _, f := range fields {
		qs = append(qs, match(pq.text, f.name, f.boost, 0))
	}
	byFuzz := map[int][]string{}
	for _, w := range pq.latin {
		if fz := fuzziness(w); fz > 0 {
			byFuzz[fz] = append(byFuzz[fz], w)
		}
	}
	for fz, words := range byFuzz {
		joined := strings.Join(words, " ")
		for _, f := range fields {
			if f.name == fieldSummary {
				continue
			}
			qs = append(qs, match(joined, f.name, f.boost*boostFuzzy, fz))
		}
	}
	if len(pq.expansions) > 0 {
		exp := strings.Join(pq.expansions, " ")
		for _, f := range fields {
			if f.name == fieldSummary {
				continue
			}
			qs = append(qs, match(exp, f.name, f.boost*boostSynonym, 0))
		}
	}
	if suggest && len(pq.latin) > 0 {
		last := pq.latin[len(pq.latin)-1]
		if strings.HasSuffix(pq.text, last) && utf8.RuneCountInString(last) >= 2 {
			for _, f := range fields {
				p := bleve.NewPrefixQuery(last)
				p.SetField(f.name)
				p.SetBoost(f.boost * 0.5)
				qs = append(qs, p)
			}
		}
	}
	if pq.singleCJK {
		for _, r := range pq.text {
			if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) {
				t := bleve.NewTermQuery(string(r))
				t.SetField(fieldHeadUni)
				t.SetBoost(boostTitle)
				qs = append(qs, t)
			}
		}
	}
	return bleve.NewDisjunctionQuery(qs...)
}

type hit struct {
	slug  string
	score float64
}

// run executes pq on one locale's index.
func (ix *Index) run(ctx context.Context, loc desk.Locale, pq parsedQuery, limit int, suggest bool) ([]hit, error) {
	li := ix.get(loc)
	req := bleve.NewSearchRequestOptions(pq.build(suggest), limit, 0, false)
	req.Fields = nil
	req.SortBy([]string{"-_score", "_id"})
	res, err := li.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	hits := make([]hit, 0, len(res.Hits))
	for _, h := range res.Hits {
		hits = append(hits, hit{slug: h.ID, score: h.Score})
	}
	return hits, nil
}

// terms returns what the locale's analyzer makes of text, for highlighting.
func (ix *Index) terms(loc desk.Locale, text string) []string {
	li := ix.get(loc)
	var out []string
	seen := map[string]bool{}
	for _, tok := range li.text.Analyze([]byte(text)) {
		t := string(tok.Term)
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}
