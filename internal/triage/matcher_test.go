package triage

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// naiveHits is the obvious quadratic search the automaton must agree with.
func naiveHits(text string, terms []string) []hit {
	var out []hit
	for id, t := range terms {
		for i := 0; i+len(t) <= len(text); i++ {
			if text[i:i+len(t)] == t {
				out = append(out, hit{id: int32(id), start: int32(i), end: int32(i + len(t))})
			}
		}
	}
	return out
}

func sortHits(h []hit) {
	slices.SortFunc(h, func(a, b hit) int {
		if a.start != b.start {
			return int(a.start - b.start)
		}
		if a.end != b.end {
			return int(a.end - b.end)
		}
		return int(a.id - b.id)
	})
}

func TestMatcherAgreesWithNaiveSearch(t *testing.T) {
	tests := []struct {
		terms []string
		text  string
	}{
		{[]string{"he", "she", "his", "hers"}, "ushers and his shes"},
		{[]string{"被盗", "被盗了", "盗"}, "我的币被盗了，被盗"},
		{[]string{"a", "aa", "aaa"}, "aaaaa"},
		{[]string{"not", "not showing", "showing"}, "token not showing, not"},
		{[]string{"盗まれ", "まれ"}, "盗まれた、まれに"},
	}
	for _, tt := range tests {
		// Budget 0: only the root has a dense row, every other step takes
		// the sparse path; the default budget makes every state dense.
		for _, budget := range []int{0, denseBytes} {
			m := newMatcher(tt.terms, budget)
			lens := termLens(tt.terms)
			got := m.scan(nil, tt.text, lens)
			want := naiveHits(tt.text, tt.terms)
			sortHits(got)
			sortHits(want)
			if !slices.Equal(got, want) {
				t.Errorf("budget %d, terms %q in %q:\n got %v\nwant %v", budget, tt.terms, tt.text, got, want)
			}
		}
	}
}

func TestMatcherRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"a", "b", "c", "被", "盗"}
	word := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		return b.String()
	}
	for range 200 {
		var terms []string
		seen := map[string]bool{}
		for range 1 + r.IntN(12) {
			w := word(1 + r.IntN(4))
			if !seen[w] {
				seen[w] = true
				terms = append(terms, w)
			}
		}
		text := word(r.IntN(40))
		got := newMatcher(terms, r.IntN(2)*denseBytes).scan(nil, text, termLens(terms))
		want := naiveHits(text, terms)
		sortHits(got)
		sortHits(want)
		if !slices.Equal(got, want) {
			t.Fatalf("terms %q in %q:\n got %v\nwant %v", terms, text, got, want)
		}
	}
}

func termLens(terms []string) []int32 {
	l := make([]int32, len(terms))
	for i, t := range terms {
		l[i] = int32(len(t))
	}
	return l
}

// The sparse path must find what the dense table finds on the real lexicon.
func TestMatcherSparseAgreesOnLexicon(t *testing.T) {
	c := New(Config{})
	sparse := newMatcher(c.terms, 64<<10)
	text, _ := normalize(nil, body2KB()+" 我的钱包被盗了，助记词泄露。ウォレットがハッキングされました", nil)
	got := sparse.scan(nil, string(text), c.lens)
	want := c.m.scan(nil, string(text), c.lens)
	sortHits(got)
	sortHits(want)
	if !slices.Equal(got, want) || len(want) == 0 {
		t.Errorf("sparse %d hits, dense %d hits", len(got), len(want))
	}
}
