package redact

import (
	"math/bits"
	"strings"
	"unicode/utf8"
)

// Thresholds, in phrase words. A phrase has 12 to 24 words; a user who
// pastes part of one has still exposed it, so fewer words suffice when the
// text says what they are.
const (
	minUnlabelled = 12          // no label anywhere: a full phrase's worth of list words in a row
	minLabelled   = 9           // a phrase label somewhere in the message
	minAdjacent   = 6           // a phrase label right before (or after) the words
	minCandidate  = minAdjacent // runs shorter than this are never looked at again
	maxWeakStreak = 3           // this many weak members in a row end a run
)

// run is a stretch of tokens that could be a phrase in one language.
type run struct {
	l           lang
	first, last int // token indices, inclusive
}

// findRuns returns the maximal runs of tokens that belong to one list,
// skipping list numbers, for the languages in langs.
func (d *detector) findRuns(langs langMask, out []run) []run {
	toks := d.toks
	var first, last, streak, members [numLangs]int
	var open langMask
	for i := range toks {
		tk := &toks[i]
		var strong, weak langMask
		if tk.ascii && open&latinLangs != 0 {
			tk.weak, tk.ascii = d.t.weakASCII(d.s[tk.start:tk.end], tk.mask), false
		}
		if tk.kind == tWord || tk.kind == tHan {
			strong, weak = tk.mask&langs, tk.weak&langs
			if tk.linked {
				weak |= strong
				strong = 0
			}
		} else if tk.kind == tNum && !tk.brk {
			continue
		}
		member := strong | weak
		if open == 0 && member == 0 {
			continue
		}
		ending := open &^ member
		if tk.brk {
			ending = open
		}
		for m := ending; m != 0; m &= m - 1 {
			l := lowBit(m)
			if members[l] >= minCandidate {
				out = append(out, run{l, first[l], last[l]})
			}
		}
		open &^= ending
		for m := member; m != 0; m &= m - 1 {
			l := lowBit(m)
			bit := langMask(1) << l
			if weak&bit != 0 {
				streak[l]++
				if streak[l] >= maxWeakStreak && open&bit != 0 {
					if members[l] >= minCandidate {
						out = append(out, run{l, first[l], last[l]})
					}
					open &^= bit
				}
			} else {
				streak[l] = 0
			}
			if open&bit == 0 {
				open |= bit
				first[l], members[l] = i, 0
			}
			last[l] = i
			members[l]++
		}
	}
	for m := open; m != 0; m &= m - 1 {
		l := lowBit(m)
		if members[l] >= minCandidate {
			out = append(out, run{l, first[l], last[l]})
		}
	}
	return out
}

func lowBit(m langMask) lang { return lang(bits.TrailingZeros16(uint16(m))) }

// phraseContext is what the rest of the text says about phrases.
type phraseContext struct {
	labelled bool // a phrase label outside the run, in this message (or the conversation)
}

// judge trims a run to its strong ends and decides whether it is a phrase.
func (d *detector) judge(r run, ctx phraseContext) (span, bool) {
	toks := d.toks
	bit := langMask(1) << r.l
	isStrong := func(i int) bool {
		tk := &toks[i]
		return tk.kind != tNum && tk.mask&bit != 0 && !tk.linked && tk.label&labelPhrase == 0
	}
	first, last := r.first, r.last
	labelInside := false
	// A phrase label followed by a colon ("seed: ...", "my seed phrase:")
	// introduces the phrase and is not part of it, even inside a run that
	// began earlier ("...restart the phone\nseed:\nsymptom bird...").
	// Otherwise a label word may be a phrase word ("seed" is one) and stays.
	for i := first; i < last; i++ {
		if toks[i].label&labelPhrase != 0 && (d.colonBetween(i, i+1) || toks[i+1].label&labelPhrase != 0 && i+2 <= last && d.colonBetween(i+1, i+2)) {
			first, labelInside = i+1, true
		}
	}
	for first <= last && toks[first].label&labelPhrase != 0 && first < last && toks[first+1].label&labelPhrase != 0 {
		first++
	}
	for first <= last && !isStrong(first) && !(toks[first].label != 0 && toks[first].mask&bit != 0 && !toks[first].linked) {
		first++
	}
	for last >= first && (toks[last].kind == tNum || toks[last].mask&bit == 0 || toks[last].linked) {
		last--
	}
	if last-first+1 < minAdjacent-1 {
		return span{}, false
	}
	adjacent := labelInside
	for i := r.first; i < first; i++ {
		if toks[i].label&labelPhrase != 0 && toks[i].mask&bit == 0 {
			adjacent = true
		}
	}
	if pieces := d.numberingPieces(first, last); len(pieces) > 1 {
		// Numbered words followed (or preceded) by plain words: a list of
		// items and a sentence, not one phrase. Judge each part alone.
		var out span
		found := false
		for k, p := range pieces {
			if s, ok := d.evaluate(r.l, p[0], p[1], adjacent && k == 0, ctx); ok {
				if !found {
					out = s
				} else {
					out.end, out.words = s.end, out.words+s.words
				}
				found = true
			}
		}
		return out, found
	}
	if toks[first].kind == tHan && d.touchingAny(first, last) {
		// Unspaced Chinese: characters trimmed at the ends as prose
		// ("不管", "很都给") may be phrase words; try the whole block of
		// touching list characters first.
		ef, el := first, last
		for ef > 0 && toks[ef].joined && toks[ef-1].kind == tHan && toks[ef-1].mask&bit != 0 && toks[ef-1].label == 0 {
			ef--
		}
		for el+1 < len(toks) && toks[el+1].kind == tHan && toks[el+1].joined && toks[el+1].mask&bit != 0 && toks[el+1].label == 0 {
			el++
		}
		for _, e := range [...][2]int{{ef, el}, {ef, last}, {first, el}} {
			if e != [2]int{first, last} {
				if s, ok := d.evaluate(r.l, e[0], e[1], adjacent, ctx); ok {
					return s, true
				}
			}
		}
	}
	return d.evaluate(r.l, first, last, adjacent, ctx)
}

// numberingPieces splits first..last where the words stop (or start) being
// numbered, when the run mixes numbered and plain gaps, and where the
// numbering starts again (two lists of items, not one phrase).
func (d *detector) numberingPieces(first, last int) [][2]int {
	toks := d.toks
	var words []int
	for i := first; i <= last; i++ {
		if toks[i].kind != tNum {
			words = append(words, i)
		}
	}
	if len(words) < 4 {
		return nil
	}
	numbered := make([]bool, len(words)) // gap before words[k] holds a number
	value := make([]int, len(words))
	n := 0
	for k := 1; k < len(words); k++ {
		numbered[k] = words[k]-words[k-1] > 1
		if numbered[k] {
			n++
			value[k] = d.number(words[k] - 1)
		}
	}
	plain := len(words) - 1 - n
	mixed := !(n < 2 || plain < 1 || n == 2 && plain == 1)
	var out [][2]int
	start := 0
	for k := 2; k < len(words); k++ {
		restart := numbered[k] && numbered[k-1] && value[k] != value[k-1]+1 && value[k] > 0
		if mixed && numbered[k] != numbered[k-1] || restart {
			out = append(out, [2]int{words[start], words[k-1]})
			start = k
		}
	}
	if len(out) == 0 {
		return nil
	}
	return append(out, [2]int{words[start], words[len(words)-1]})
}

// number returns the value of a short ASCII number token, or 0.
func (d *detector) number(i int) int {
	w := d.s[d.toks[i].start:d.toks[i].end]
	if len(w) > 3 {
		return 0
	}
	v := 0
	for j := 0; j < len(w); j++ {
		if w[j] < '0' || w[j] > '9' {
			return 0
		}
		v = v*10 + int(w[j]-'0')
	}
	return v
}

func isCopula(r rune) bool { return r == '是' || r == '为' || r == '為' }

func (d *detector) touchingAny(first, last int) bool {
	for i := first + 1; i <= last; i++ {
		if d.toks[i].kind == tHan && d.toks[i].joined && d.toks[i-1].kind == tHan {
			return true
		}
	}
	return false
}

// evaluate applies the thresholds to the tokens first..last of a run.
func (d *detector) evaluate(l lang, first, last int, adjacent bool, ctx phraseContext) (span, bool) {
	toks := d.toks
	bit := langMask(1) << l
	strong, labelWords, total, touching, soft := 0, 0, 0, 0, false
	for i := first; i <= last; i++ {
		tk := &toks[i]
		if tk.kind == tNum {
			continue
		}
		total++
		if tk.mask&bit != 0 && !tk.linked {
			if tk.label&labelPhrase == 0 {
				strong++
			} else {
				labelWords++
			}
		}
		if i > first && tk.kind == tHan && tk.joined && toks[i-1].kind == tHan {
			touching++
		}
		if i > first && tk.soft {
			soft = true
		}
	}
	weak := total - strong - labelWords
	if weak*3 > total {
		return span{}, false
	}
	if !adjacent && d.labelNear(first, last, touching == 0) {
		// Unspaced Chinese right after a label with nothing between
		// ("助记词区块链技术…") is usually the sentence going on; a phrase
		// follows a colon, a space, a line break or 是.
		adjacent = touching == 0 || !toks[first].joined || toks[first-1].kind == tHan && isCopula(toks[first-1].r)
	}
	labelled := ctx.labelled || d.phraseLabelOutside(first, last)
	if touching > 0 {
		// Chinese written without spaces: prose is the danger. A phrase
		// has no commas or labels inside and almost no linked characters;
		// a label far away counts only for a line of its own.
		if soft {
			return span{}, false
		}
		for i := first; i <= last; i++ {
			if toks[i].label != 0 {
				return span{}, false
			}
		}
		switch {
		case adjacent && weak > max(2, total/4), !adjacent && weak > max(2, total/6):
			return span{}, false
		case !adjacent && !d.wholeHanLine(first, last):
			return span{}, false
		}
	}
	ok := false
	switch {
	case adjacent:
		ok = total >= minAdjacent && strong >= 3
	case labelled:
		ok = total >= minLabelled && strong >= minLabelled-2
	default:
		// Label words ("phrase", "seed") inside are phrase words here.
		ok = strong+labelWords >= minUnlabelled && strong >= minUnlabelled-2 ||
			touching > 0 && total >= minUnlabelled && strong >= minUnlabelled-2
	}
	if !ok {
		return span{}, false
	}
	return span{
		start: int(toks[first].start), end: int(toks[last].end),
		kind: RecoveryPhrase, words: total, lang: langNames[l],
	}, true
}

// labelNear reports a phrase label just before the run (up to four tokens
// away, no hard break between) or just after it (up to three tokens).
func (d *detector) labelNear(first, last int, after bool) bool {
	toks := d.toks
	seen := 0
	for k := first - 1; k >= 0 && seen < 4; k-- {
		if toks[k+1].brk {
			break
		}
		if toks[k].label&labelPhrase != 0 {
			return true
		}
		if toks[k].kind != tNum {
			seen++
		}
	}
	seen = 0
	for k := last + 1; after && k < len(toks) && seen < 4; k++ {
		if toks[k].brk {
			break
		}
		if toks[k].label&labelPhrase != 0 {
			return true
		}
		if toks[k].kind != tNum {
			seen++
		}
	}
	return false
}

// phraseLabelOutside reports a phrase label anywhere in the text but inside
// the run itself (a phrase may contain the words "seed" or "phrase").
func (d *detector) phraseLabelOutside(first, last int) bool {
	for _, i := range d.labelToks {
		if (i < first || i > last) && d.toks[i].label&labelPhrase != 0 {
			return true
		}
	}
	return false
}

// wholeHanLine is the unlabelled rule for Chinese written without spaces:
// the characters stand alone, between line breaks, spaces or ASCII, not
// inside a sentence (prose with a few rare words in a row).
func (d *detector) wholeHanLine(first, last int) bool {
	before := strings.TrimRightFunc(d.s[:d.toks[first].start], func(r rune) bool { return r == ' ' || r == '\t' || r == '\u3000' })
	after := strings.TrimLeftFunc(d.s[d.toks[last].end:], func(r rune) bool { return r == ' ' || r == '\t' || r == '\u3000' })
	ok := func(r rune, size int) bool { return size == 0 || r < 0x80 }
	r1, n1 := utf8.DecodeLastRuneInString(before)
	r2, n2 := utf8.DecodeRuneInString(after)
	return ok(r1, n1) && ok(r2, n2)
}

// endsLine reports that token k is followed by a line break, white space,
// ASCII or the end of the text.
func (d *detector) endsLine(k int) bool {
	after := strings.TrimLeftFunc(d.s[d.toks[k].end:], func(r rune) bool { return r == ' ' || r == '\t' || r == '\u3000' })
	r, n := utf8.DecodeRuneInString(after)
	return n == 0 || r < 0x80
}

// colonBetween reports a colon between two tokens: what
// follows a label so punctuated is what it labels.
func (d *detector) colonBetween(a, b int) bool {
	return strings.ContainsAny(d.s[d.toks[a].end:d.toks[b].start], ":：=")
}

// linkHan marks the Han tokens that read as ordinary Chinese prose.
func (d *detector) linkHan() {
	toks, t := d.toks, d.t
	touching := func(i int) bool { // token i touches token i-1, both Han
		return toks[i].kind == tHan && toks[i-1].kind == tHan && toks[i].joined
	}
	for i := 1; i < len(toks); i++ {
		if touching(i) && t.hanInfo(toks[i-1].r)&hanStarts != 0 && t.bigrams[bigramKey(toks[i-1].r, toks[i].r)] {
			toks[i-1].linked, toks[i].linked = true, true
		}
	}
	for i := 1; i < len(toks); i++ {
		if !touching(i) {
			continue
		}
		a, b := t.hanInfo(toks[i-1].r)&hanFunction != 0, t.hanInfo(toks[i].r)&hanFunction != 0
		if a && (b || toks[i].linked) || b && toks[i-1].linked {
			toks[i-1].linked, toks[i].linked = true, true
		}
	}
}

func bigramKey(a, b rune) uint64 { return uint64(a)<<32 | uint64(uint32(b)) }
