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
//
// A run stays open while every token counted (all but list numbers) is in
// its list, so it needs no bookkeeping while it goes on: it ends at the
// last token counted, and holds the tokens counted since it opened. Only
// the runs that open or end at a token, and weak members, are handled one
// language at a time; Chinese text goes on in both Chinese lists at most
// characters.
func (d *detector) findRuns(langs langMask, out []run) []run {
	toks := d.toks
	var first, opened [numLangs]int // an open run's first token, and count then
	var streak [numLangs]int        // weak members in a row
	var open, streaking langMask    // streaking: streak is not 0
	prev, count := -1, 0            // the last token counted, and how many were
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
			if l := lowBit(m); count-opened[l] >= minCandidate {
				out = append(out, run{l, first[l], prev})
			}
		}
		open &^= ending
		if strong&streaking != 0 {
			for m := strong & streaking; m != 0; m &= m - 1 {
				streak[lowBit(m)] = 0
			}
			streaking &^= strong
		}
		if weak != 0 {
			streaking |= weak
			for m := weak; m != 0; m &= m - 1 {
				l := lowBit(m)
				streak[l]++
				// Chinese is judged by blocks of touching characters
				// (judgeHanBlock), whose words the prose score weighs;
				// cutting a run where a few random characters form words
				// would lose the phrase around them.
				if bit := langMask(1) << l; streak[l] >= maxWeakStreak && open&bit != 0 && bit&hanLangs == 0 {
					if count-opened[l] >= minCandidate {
						out = append(out, run{l, first[l], prev})
					}
					open &^= bit
				}
			}
		}
		for m := member &^ open; m != 0; m &= m - 1 {
			l := lowBit(m)
			first[l], opened[l] = i, count
		}
		if member != 0 {
			open |= member
			prev, count = i, count+1
		}
	}
	for m := open; m != 0; m &= m - 1 {
		if l := lowBit(m); count-opened[l] >= minCandidate {
			out = append(out, run{l, first[l], prev})
		}
	}
	return out
}

func lowBit(m langMask) lang { return lang(bits.TrailingZeros16(uint16(m))) }

// phrase is the stretch of a run that judge takes for a phrase, in the
// run's language. It is not a span: small enough to live in registers,
// it costs nothing to return on the common path, where nothing is found.
type phrase struct {
	start, end int // byte offsets
	words      int
}

// span is the phrase, in language l, as a span to redact.
func (p phrase) span(l lang) span {
	return span{start: p.start, end: p.end, kind: RecoveryPhrase, words: p.words, lang: langNames[l]}
}

// phraseContext is what the rest of the text says about phrases.
type phraseContext struct {
	labelled bool // a phrase label outside the run, in this message (or the conversation)
}

// judge trims a run to its strong ends and decides whether it is a phrase.
func (d *detector) judge(r run, ctx phraseContext) (phrase, bool) {
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
	adjacent := labelInside
	for i := r.first; i < first; i++ {
		if toks[i].label&labelPhrase != 0 && toks[i].mask&bit == 0 {
			adjacent = true
		}
	}
	if toks[r.first].kind == tHan {
		if s, ok, handled := d.judgeHanBlock(r, first, last, adjacent, ctx); handled {
			return s, ok
		}
	}
	if last-first+1 < minAdjacent-1 {
		return phrase{}, false
	}
	if pieces := d.numberingPieces(first, last); len(pieces) > 1 {
		// Numbered words followed (or preceded) by plain words: a list of
		// items and a sentence, not one phrase. Judge each part alone.
		var out phrase
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
	return d.evaluate(r.l, first, last, adjacent, ctx)
}

// judgeHanBlock decides runs of unspaced Chinese (handled is false for
// characters written apart). The unit is the block of touching list
// characters: a partial phrase must be the whole block, set off by a
// label, a separator or characters of no list. Only a full phrase may
// touch prose at either end ("…是<phrase>请帮我看看"); the ends trimmed as
// prose are then left out. Judging the cores of prose blocks as partial
// phrases would give every sentence several chances to look random.
func (d *detector) judgeHanBlock(r run, first, last int, adjacent bool, ctx phraseContext) (p phrase, ok, handled bool) {
	toks := d.toks
	bit := langMask(1) << r.l
	if first > last {
		first, last = r.first, r.last
	}
	if !d.touchingAny(first, last) && !(first > 0 && toks[first].joined && toks[first-1].kind == tHan) &&
		!(last+1 < len(toks) && toks[last+1].joined && toks[last+1].kind == tHan) {
		return phrase{}, false, false
	}
	// The block runs back to the label that introduces it, and over any
	// other label: random characters form 交易 or 取引 now and then.
	ef, el := first, last
	for ef > 0 && toks[ef].joined && toks[ef-1].kind == tHan && toks[ef-1].mask&bit != 0 && toks[ef-1].label&labelPhrase == 0 {
		ef--
	}
	for el+1 < len(toks) && toks[el+1].kind == tHan && toks[el+1].joined && toks[el+1].mask&bit != 0 && toks[el+1].label&labelPhrase == 0 {
		el++
	}
	first, last = max(first, ef), min(last, el)
	core := ef
	if ef > 0 && ef < el && isCopula(toks[ef].r) && toks[ef-1].label&labelPhrase != 0 && toks[ef].joined {
		// "助记词是…": the copula introduces the block; it is judged
		// without it and redacted with it.
		core++
		first = max(first, core)
	}
	if !d.introducedHan(core) && !d.labelNear(core, el, false) && !d.wholeHanLine(core, el) {
		// No context in which the block or any part of it could be a
		// phrase (evaluateHan): most of a Chinese paragraph.
		return phrase{}, false, true
	}
	whole := func(p phrase) phrase {
		p.start, p.end = int(toks[ef].start), int(toks[el].end)
		return p
	}
	if s, ok := d.evaluate(r.l, core, el, adjacent, ctx); ok {
		return whole(s), true, true
	}
	for _, e := range [...][2]int{{core, last}, {first, el}, {first, last}} {
		if e != [2]int{core, el} && e[1]-e[0]+1 >= minUnlabelled {
			if s, ok := d.evaluate(r.l, e[0], e[1], adjacent, ctx); ok {
				// The ends left out as prose may be phrase characters
				// that happen to form a word: they go with it.
				return whole(s), true, true
			}
		}
	}
	return phrase{}, false, true
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
func (d *detector) evaluate(l lang, first, last int, adjacent bool, ctx phraseContext) (phrase, bool) {
	toks := d.toks
	bit := langMask(1) << l
	strong, labelWords, total, touching, soft := 0, 0, 0, 0, false
	var seps separators
	for i := first; i <= last; i++ {
		tk := &toks[i]
		if tk.kind == tNum {
			continue
		}
		if total > 0 {
			seps.add(tk.soft)
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
	if touching > 0 {
		return d.evaluateHan(l, first, last, total, soft, ctx)
	}
	weak := total - strong - labelWords
	if weak*3 > total {
		return phrase{}, false
	}
	labelled := ctx.labelled || d.phraseLabelOutside(first, last)
	if !adjacent && d.labelNear(first, last, true) {
		adjacent = true
	}
	ok := false
	switch {
	case adjacent:
		ok = total >= minAdjacent && strong >= 3
	case labelled:
		ok = total >= minLabelled && strong >= minLabelled-2
	default:
		// Label words ("phrase", "seed") inside are phrase words here.
		ok = strong+labelWords >= minUnlabelled && strong >= minUnlabelled-2
	}
	if !ok || total < minUnlabelled && (seps.mixed() || l == langEnglish && d.grammarHeavy(first, last, total)) {
		// Commas between some words and not others, or words that
		// sentences lean on, make a sentence ("If you own several
		// wallets, make sure this paper..."). A full phrase's worth of
		// words is kept whatever it looks like.
		return phrase{}, false
	}
	return phrase{start: int(toks[first].start), end: int(toks[last].end), words: total}, true
}

// separators tallies the gaps between the words of a run: plain, or
// holding a comma or the like (soft).
type separators struct {
	soft, plain     int
	plainBeforeSoft bool // a plain gap before the first soft one
	plainAfterSoft  bool // a plain gap after the last soft one
}

func (s *separators) add(soft bool) {
	switch {
	case soft:
		s.soft++
		s.plainAfterSoft = false
	default:
		s.plain++
		s.plainBeforeSoft = s.plainBeforeSoft || s.soft == 0
		s.plainAfterSoft = s.soft > 0
	}
}

// mixed reports a few commas (or the like) between words of a run that
// otherwise has plain spaces, before and after them: a sentence's
// punctuation. A phrase keeps one separator; only the words at its
// edges, a label or the sentence around it ("phrase hope, analyst, ...,
// volcano please check"), may be set off differently.
func (s *separators) mixed() bool {
	return s.soft > 0 && s.soft < s.plain && s.plainBeforeSoft && s.plainAfterSoft
}

// evaluateHan applies the thresholds to Chinese written without spaces,
// where prose is the danger. A phrase has no commas inside. A label
// introduces it when only a colon, a space, a line break or 是 stands
// between them ("助记词：…"); a label with other words or a comma between
// ("助记词或私钥，也从不…", "你的助记词，正在用…") is the sentence going
// on, after which the characters count only as a full phrase; a label far
// away counts only for a line of its own. Whether the characters read as
// prose is the prose score's call (hanprose.go), calibrated against random
// phrases; a label word inside (random characters form 交易 or 单词 now and
// then) is a common word like any other there.
func (d *detector) evaluateHan(l lang, first, last, total int, soft bool, ctx phraseContext) (phrase, bool) {
	if soft {
		return phrase{}, false
	}
	// The run's own sense of a label nearby (judge) is not used: the
	// label must introduce this very block.
	need := minUnlabelled
	switch {
	case d.introducedHan(first):
		need = minAdjacent
	case !d.wholeHanLine(first, last):
		if !d.labelNear(first, last, false) {
			return phrase{}, false
		}
	case ctx.labelled || d.phraseLabelOutside(first, last):
		need = minLabelled
	}
	if total < need || d.hanProse(first, last) >= proseLimit(total) {
		return phrase{}, false
	}
	return phrase{start: int(d.toks[first].start), end: int(d.toks[last].end), words: total}, true
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
	i := int(d.toks[first].start)
	for i > 0 && (d.s[i-1] == ' ' || d.s[i-1] == '\t') {
		i--
	}
	if i >= 3 && d.s[i-3:i] == "\u3000" {
		return d.wholeHanLineSlow(first, last)
	}
	if i > 0 && d.s[i-1] >= utf8.RuneSelf {
		return false
	}
	j := int(d.toks[last].end)
	for j < len(d.s) && (d.s[j] == ' ' || d.s[j] == '\t') {
		j++
	}
	if j+3 <= len(d.s) && d.s[j:j+3] == "\u3000" {
		return d.wholeHanLineSlow(first, last)
	}
	return j == len(d.s) || d.s[j] < utf8.RuneSelf
}

// wholeHanLineSlow is wholeHanLine when ideographic spaces surround the
// characters.
func (d *detector) wholeHanLineSlow(first, last int) bool {
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
		if touching(i) && toks[i-1].starts && t.word(toks[i-1].r, toks[i].r) {
			toks[i-1].linked, toks[i].linked, toks[i].word = true, true, true
		}
	}
	for i := 1; i < len(toks); i++ {
		if !touching(i) {
			continue
		}
		a, b := toks[i-1].particle, toks[i].particle
		if a && (b || toks[i].linked) || b && toks[i-1].linked {
			toks[i-1].linked, toks[i].linked = true, true
		}
	}
}

func bigramKey(a, b rune) uint64 { return uint64(a)<<32 | uint64(uint32(b)) }
