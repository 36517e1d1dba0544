package ticketsearch

import (
	"context"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/walletdesk/walletdesk/internal/ticket"
)

// MaxQueryRunes bounds the work one query can cause.
const MaxQueryRunes = 200

// Search returns the ids of the tickets holding every term of q, most
// relevant first (BM25), at most limit of them, among the tickets in one
// of statuses (any status when empty). A one-character CJK query, which
// bigrams cannot match, looks at subjects only. The status is the one of
// the last sync: callers that need it exact check it again.
func (ix *Index) Search(ctx context.Context, q string, statuses []ticket.Status, limit int) ([]int64, error) {
	if limit <= 0 {
		return nil, nil
	}
	if utf8.RuneCountInString(q) > MaxQueryRunes {
		q = string([]rune(q)[:MaxQueryRunes])
	}
	bq := ix.build(q)
	if bq == nil {
		return nil, nil
	}
	if f := statusFilter(statuses); f != nil {
		bq = bleve.NewConjunctionQuery(bq, f)
	}
	req := bleve.NewSearchRequestOptions(bq, limit, 0, false)
	res, err := ix.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	out := make([]int64, 0, len(res.Hits))
	for _, h := range res.Hits {
		id, err := strconv.ParseInt(h.ID, 10, 64)
		if err == nil {
			out = append(out, id)
		}
	}
	return out, nil
}

// build turns q into a conjunction over its analyzed terms. nil: nothing
// to find.
func (ix *Index) build(q string) query.Query {
	if _, ok := singleCJK(q); ok {
		toks := ix.unigram.Analyze([]byte(strings.TrimSpace(q)))
		if len(toks) != 1 {
			return nil
		}
		t := bleve.NewTermQuery(string(toks[0].Term))
		t.SetField(fieldSubjectUni)
		return t
	}
	seen := map[string]bool{}
	var terms []string
	for _, tok := range ix.text.Analyze([]byte(q)) {
		t := string(tok.Term)
		if !seen[t] {
			seen[t] = true
			terms = append(terms, t)
		}
	}
	if len(terms) == 0 {
		return nil
	}
	var all []query.Query
	for _, t := range terms {
		tq := bleve.NewTermQuery(t)
		tq.SetField(fieldText)
		all = append(all, tq)
	}
	if len(all) == 1 {
		return all[0]
	}
	return bleve.NewConjunctionQuery(all...)
}

// statusFilter matches tickets in one of statuses (nil: any). The queue's
// default set is one term. A filter must not move the ranking, so it
// weighs nothing.
func statusFilter(statuses []ticket.Status) query.Query {
	if len(statuses) == 0 {
		return nil
	}
	var q query.Query
	if sameSet(statuses, ticket.ActiveStatuses) {
		t := bleve.NewTermQuery("yes")
		t.SetField(fieldActive)
		t.SetBoost(0)
		q = t
	} else {
		var sq []query.Query
		for _, st := range statuses {
			t := bleve.NewTermQuery(string(st))
			t.SetField(fieldStatus)
			t.SetBoost(0)
			sq = append(sq, t)
		}
		q = bleve.NewDisjunctionQuery(sq...)
	}
	return q
}

func sameSet(a, b []ticket.Status) bool {
	in := func(x ticket.Status, set []ticket.Status) bool {
		for _, y := range set {
			if x == y {
				return true
			}
		}
		return false
	}
	for _, x := range a {
		if !in(x, b) {
			return false
		}
	}
	for _, x := range b {
		if !in(x, a) {
			return false
		}
	}
	return true
}

// singleCJK reports whether q, trimmed, is one Han or kana character.
func singleCJK(q string) (string, bool) {
	q = strings.TrimSpace(q)
	r, n := utf8.DecodeRuneInString(q)
	if n == 0 || n != len(q) {
		return "", false
	}
	if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) {
		return q, true
	}
	return "", false
}
