package kb

import (
	"context"
	"math"
	"unicode"

	"github.com/blevesearch/bleve/v2"

	"github.com/walletdesk/walletdesk/internal/desk"
)

// unknownShare measures how much of a query the help center has never
// heard of: the IDF-weighted share of its terms that occur in no article
// (neither exactly nor, for Latin words, within typo distance). "best
// pizza" is mostly unknown (pizza weighs far more than best); "speeed up"
// is known (speeed is a typo of speed). A query that is mostly unknown has
// no answer here, even if a common word of it matches some article weakly.
func (ix *Index) unknownShare(ctx context.Context, loc desk.Locale, text string) float64 {
	li := ix.get(loc)
	adv, err := li.idx.Advanced()
	if err != nil {
		return 0
	}
	r, err := adv.Reader()
	if err != nil {
		return 0
	}
	defer r.Close()
	n, _ := r.DocCount()
	if n == 0 {
		return 1
	}
	var known, total float64
	seen := map[string]bool{}
	for _, tok := range li.text.Analyze([]byte(text)) {
		term := string(tok.Term)
		if seen[term] {
			continue
		}
		seen[term] = true
		var df uint64
		for _, f := range []string{fieldTitle, fieldKeywords, fieldBody} {
			tfr, err := r.TermFieldReader(ctx, tok.Term, f, false, false, false)
			if err != nil {
				continue
			}
			df = max(df, tfr.Count())
			tfr.Close()
		}
		idf := math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
		total += idf
		if df > 0 || (isLatinWord(term) && ix.fuzzyKnown(ctx, li, term)) {
			known += idf
		}
	}
	if total == 0 {
		return 0
	}
	return 1 - known/total
}

func isLatinWord(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Latin, r) {
			return false
		}
	}
	return s != ""
}

// fuzzyKnown reports whether some indexed term lies within typo distance
// of term.
func (ix *Index) fuzzyKnown(ctx context.Context, li *localeIndex, term string) bool {
	fz := fuzziness(term)
	if fz == 0 {
		return false
	}
	dq := bleve.NewDisjunctionQuery()
	for _, f := range []string{fieldTitle, fieldKeywords, fieldBody} {
		q := bleve.NewFuzzyQuery(term)
		q.SetField(f)
		q.SetFuzziness(fz)
		q.SetPrefix(1)
		dq.AddQuery(q)
	}
	req := bleve.NewSearchRequestOptions(dq, 0, 0, false)
	res, err := li.idx.SearchInContext(ctx, req)
	return err == nil && res.Total > 0
}
