package redact

import (
	"math"
	"math/bits"
	"slices"
	"strings"
	"unicode/utf8"
)

// Telling Chinese prose from a phrase written without spaces.
//
// A phrase is characters drawn uniformly from one list of 2048. Prose draws
// the same characters with very unequal frequencies and joins them into
// words. Both differences are measurable against the list itself: the BIP39
// Chinese lists are ordered by frequency in ordinary text, and a random
// pair of list characters almost never forms a common word. hanProse
// scores a stretch of characters with the log-likelihood ratio of "prose"
// against "phrase"; proseLimit is the score that random phrases of that
// length reach only about once in a hundred thousand (TestProseLimitLeaks
// measures it), so a stretch scoring above it is spared as prose.

// Scores are in sixteenths of a natural log unit.
const (
	proseUnit = 16
	// wordScore is what two touching characters that form a lexicon word
	// are worth together: log(p_prose(word) / p_phrase(word)), with a
	// typical word frequency of 1 in 8,000 characters against 1 in
	// 2048² for a given pair of a phrase. Words of two very common
	// characters (会要, 是在) are worth their characters' scores, already
	// higher: the word adds nothing that their frequency has not said.
	wordScore = 6 * proseUnit
)

// charScore is log(p_prose(rank) / p_phrase) for the character of that
// rank: prose frequencies follow rank roughly as 1/(rank+10) (the top 10
// characters make about 13% of text, the top 1000 about 87%), a phrase
// character has probability 1/2048 whatever its rank.
func charScore(rank int) int8 {
	const norm = 5.33 // log((2048+10)/10), the normalising sum of 1/(rank+10)
	v := math.Log(2048/(norm*float64(rank+10))) * proseUnit
	return int8(math.Round(v))
}

// buildHan fills the Han tables: lists (done by the caller), scores,
// particles and the lexicon of common words.
func (t *tables) buildHan(lists [numLangs][]string) {
	simp, trad := lists[langChineseSimplified], lists[langChineseTraditional]
	// The two lists hold the same characters in the same order, in their
	// simplified and traditional forms: a word written in simplified
	// characters gives its traditional form for free.
	toTrad := make(map[rune]rune, len(simp))
	for _, list := range [...][]string{simp, trad} {
		for i, w := range list {
			r, _ := utf8.DecodeRuneInString(w)
			if r >= hanBase && r < hanEnd && t.hanScore[r-hanBase] == 0 {
				t.hanScore[r-hanBase] = charScore(i)
			}
		}
	}
	for i := range min(len(simp), len(trad)) {
		s, _ := utf8.DecodeRuneInString(simp[i])
		tr, _ := utf8.DecodeRuneInString(trad[i])
		toTrad[s] = tr
	}
	for _, r := range hanFunctionChars {
		if r >= hanBase && r < hanEnd {
			t.han[r-hanBase] |= hanFunction
		}
	}
	var pairs []uint64
	addPair := func(a, b rune) {
		if a >= hanBase && a < hanEnd {
			pairs = append(pairs, bigramKey(a, b))
			t.han[a-hanBase] |= hanStarts
		}
	}
	for _, lex := range [...]string{hanBigrams, hanWords} {
		for _, w := range strings.Fields(lex) {
			rs := []rune(w)
			for i := 0; i+1 < len(rs); i++ {
				a, b := rs[i], rs[i+1]
				addPair(a, b)
				ta, ok1 := toTrad[a]
				tb, ok2 := toTrad[b]
				if !ok1 {
					ta = a
				}
				if !ok2 {
					tb = b
				}
				if ok1 || ok2 {
					addPair(ta, tb)
				}
			}
		}
	}
	// The lexicon as a set of pairs: open addressing with linear probing,
	// at most half full, so that a lookup is one probe or two.
	slices.Sort(pairs)
	pairs = slices.Compact(pairs)
	size := 1
	for size < 2*len(pairs) {
		size *= 2
	}
	t.pairs, t.pairHash = make([]uint64, size), uint(64-bits.Len(uint(size-1)))
	for _, p := range pairs {
		i := t.pairSlot(p)
		for t.pairs[i] != 0 {
			i = (i + 1) & (len(t.pairs) - 1)
		}
		t.pairs[i] = p
	}
}

// pairSlot is where the lookup of pair key p starts (a Fibonacci hash).
func (t *tables) pairSlot(p uint64) int {
	return int((p * 0x9E3779B97F4A7C15) >> t.pairHash)
}

// word reports whether a then b is a lexicon word. Callers on a hot path
// first check that a starts a word at all (token.starts, hanStarts).
func (t *tables) word(a, b rune) bool {
	p := bigramKey(a, b)
	for i := t.pairSlot(p); ; i = (i + 1) & (len(t.pairs) - 1) {
		switch t.pairs[i] {
		case 0: // an empty slot
			return false
		case p:
			return true
		}
	}
}

// charScore is the score of one character (0 outside the tables).
func (t *tables) charScore(r rune) int {
	if r >= hanBase && r < hanEnd {
		return int(t.hanScore[r-hanBase])
	}
	return 0
}

// pairLinked reports whether two touching characters form a lexicon word.
// Any two particles touching (linkHan's other rule) would count 1,444
// pairs, as many chance hits as the whole lexicon, for little evidence:
// the particle pairs that prose is made of (我的, 是不, 了吗) are words of
// the lexicon.
func (t *tables) pairLinked(a, b rune) bool { return t.word(a, b) }

// hanProse scores the Han tokens first..last: the sum of their character
// scores, raised to wordScore for every touching pair that forms a word,
// plus finalBonus when the last is a particle that ends sentences.
func (d *detector) hanProse(first, last int) int {
	toks, t := d.toks, d.t
	score := 0
	for i := first; i <= last; i++ {
		tk := &toks[i]
		if tk.kind != tHan {
			continue
		}
		u := t.charScore(tk.r)
		score += u
		if i > first && tk.word {
			score += max(0, wordScore-u-t.charScore(toks[i-1].r))
		}
	}
	if toks[last].kind == tHan && strings.ContainsRune(hanFinalParticles, toks[last].r) {
		score += finalBonus
	}
	return score
}

// hanFinalParticles end sentences and clauses ("手续费也扣了", "是真的吗").
// A phrase ends with one of them about once in 230; a clause often does,
// several times more often than these characters appear elsewhere (which
// their character scores already count).
const hanFinalParticles = "了吗嗎呢吧啊呀嘛啦哦"

const finalBonus = 2 * proseUnit

// proseLimit is the prose score above which n characters are taken for
// prose: the score that about one random phrase of that length in 200,000
// reaches (TestProseLimit measures it). A random phrase's score falls with
// its length, so longer stretches need less evidence.
func proseLimit(n int) int {
	switch {
	case n <= 9:
		return 23 * proseUnit / 2
	case n <= 13:
		return 25 * proseUnit / 2
	case n <= 19:
		return 11 * proseUnit
	case n <= 22:
		return 19 * proseUnit / 2
	}
	return 9 * proseUnit
}

// hanIntroducers are the words that may stand between a phrase label and
// the phrase it introduces ("助记词是：…", "我的助记词如下").
var hanIntroducers = []string{"是", "为", "為", "如下", "是如下", "分别是", "分別是", "依次是", "就是", "是这些", "是這些", "是这个", "是這個"}

// introducerRunes are the characters of hanIntroducers, each once.
var introducerRunes = func() []rune {
	var rs []rune
	for _, w := range hanIntroducers {
		for _, r := range w {
			if !slices.Contains(rs, r) {
				rs = append(rs, r)
			}
		}
	}
	return rs
}()

// introducedHan reports that a phrase label introduces the Han stretch
// starting at token first: between the end of the nearest phrase label
// before it and the stretch there is white space, a colon or a quote
// mark, optionally with an introducer word, and nothing else. Nothing at
// all between them is the sentence going on ("助记词导入失败"), unless the
// stretch opens with 是.
func (d *detector) introducedHan(first int) bool {
	const maxGap = 48 // bytes: "是如下：" and a few spaces or line breaks
	start := int(d.toks[first].start)
	end := -1
	for k := first - 1; k >= 0 && int(d.toks[k].end) >= start-maxGap; k-- {
		tk := &d.toks[k]
		if tk.label&labelPhrase != 0 {
			end = int(tk.end)
			break
		}
		if tk.kind != tHan || !slices.Contains(introducerRunes, tk.r) {
			// A word no introducer holds stands between any label and
			// the stretch: the gap test below would fail on it.
			return false
		}
	}
	if end < 0 {
		return false
	}
	gap := d.s[end:start]
	if gap == "" {
		return isCopula(d.toks[first].r) && first+1 < len(d.toks) && d.toks[first+1].joined
	}
	var buf [24]byte
	rest := buf[:0]
	for _, r := range gap {
		switch r {
		case ' ', '\t', '\n', '\r', '\u3000', '\u00a0', ':', '：', '=', '"', '\'', '“', '”', '「', '」', '『', '』', '-', '—', '>', '*':
			continue
		}
		// Most gaps are prose: give up at its first character.
		if !slices.Contains(introducerRunes, r) || len(rest)+utf8.RuneLen(r) > len(buf) {
			return false
		}
		rest = utf8.AppendRune(rest, r)
	}
	if len(rest) == 0 {
		return true
	}
	for _, w := range hanIntroducers {
		if string(rest) == w {
			return true
		}
	}
	return false
}
