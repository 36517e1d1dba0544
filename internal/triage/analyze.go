package triage

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// analysis is one request's text cut into clauses with every lexicon hit.
// Its slices are reused between requests through Classifier.scratch.
type analysis struct {
	text       string
	hits       []hit     // sorted by start; none hidden inside a longer one
	clauses    []segment // in text order
	clauseHits []int32   // clauseHits[i]: index of the first hit of clause i; one extra at the end
	cues       []uint16  // per clause, the cues present (1 << cue)
	present    []uint64  // bitset of term ids present anywhere
	markers    []string  // kinds of redaction markers in the text
	question   bool      // the text asks something
	refused    bool      // a refusal and no sign that the contact goes on
	// Set by Classifier.lexicon: it met an S1 event and read it as denied,
	// asked about or hypothetical (s1Dismissed), or met a request for a
	// secret that the requester refused (s1Refused).
	s1Dismissed, s1Refused bool

	buf    []byte
	breaks []int32
	eval   evalScratch
	feat   features // the second opinion's, filled only when it is asked
}

func (c *Classifier) analyze(a *analysis, subject, body string) {
	buf := slices.Grow(a.buf[:0], len(subject)+len(body)+2)
	markers := a.markers[:0]
	buf, markers = normalize(buf, subject, markers)
	buf = append(buf, '\n')
	subjectEnd := len(buf)
	buf, markers = normalize(buf, body, markers)
	a.buf, a.markers, a.question = buf, markers, false
	a.text = string(buf)
	a.hits = c.keep(a.text, c.m.scan(a.hits[:0], a.text, c.lens))

	a.breaks = a.breaks[:0]
	for _, h := range a.hits {
		if c.hasCue(h.id, cueBreak) {
			a.breaks = append(a.breaks, h.start)
		}
	}
	a.clauses = segmentText(a.clauses[:0], a.text, subjectEnd, a.breaks, c.punct)

	a.clauseHits = resize(a.clauseHits, len(a.clauses)+1)
	a.cues = resize(a.cues, len(a.clauses))
	a.present = resize(a.present, (len(c.terms)+63)/64)
	k := 0
	for i, cl := range a.clauses {
		// A hit in the gap before a clause (on punctuation) goes with it.
		a.clauseHits[i] = int32(k)
		for k < len(a.hits) && a.hits[k].start < cl.end {
			h := a.hits[k]
			a.present[h.id/64] |= 1 << (h.id % 64)
			a.cues[i] |= c.cues[h.id]
			k++
		}
	}
	a.clauseHits[len(a.clauses)] = int32(k)
	a.hits = a.hits[:k] // hits after the last clause are on trailing punctuation only
	// A subject line with a question mark is a question ("Hacked?"); the body
	// decides whether it happened.
	if strings.IndexByte(a.text[:subjectEnd], '?') >= 0 {
		for i, cl := range a.clauses {
			if cl.subject {
				a.cues[i] |= 1 << cueQuestion
			}
		}
	}
	var all uint16
	for _, cl := range a.cues {
		all |= cl
	}
	a.question = all&(1<<cueQuestion) != 0
	a.refused = all&(1<<cueRefuse) != 0 && all&(1<<cueOngoing) == 0
	for i := 0; i < len(a.text) && !a.question; i++ {
		a.question = a.text[i] == '?'
	}
}

// resize returns s with length n, all zero, reusing its array when it can.
func resize[T any](s []T, n int) []T {
	s = slices.Grow(s[:0], n)[:n]
	clear(s)
	return s
}

// keep drops hits that break an English word ("hack" in "shacked") and hits
// a longer hit hides: a cue inside a term ("not" in "not showing"), or an
// event inside a term that negates it ("sent" in "never sent", "授权" in
// "未经授权"). The setting of an event stays (the party in 给别人, the
// contract in 不认识的合约). Other overlapping terms are all kept: "stolen"
// in "was stolen" counts for theft as well as for a stolen phrase.
func (c *Classifier) keep(text string, hs []hit) []hit {
	out := hs[:0]
	for _, h := range hs {
		if c.atBoundary(text, h) {
			out = append(out, h)
		}
	}
	// The scan reports hits by end; a term is at most maxTermLen long, so
	// they are nearly sorted by start and an insertion sort is linear.
	for i := 1; i < len(out); i++ {
		h := out[i]
		j := i
		for j > 0 && (out[j-1].start > h.start || out[j-1].start == h.start && out[j-1].end < h.end) {
			out[j] = out[j-1]
			j--
		}
		out[j] = h
	}
	// Sorted by start, a hit is inside an earlier one exactly when that one
	// ends at or after it; running maxima say whether such a hit exists.
	kept := out[:0]
	endStrong, endHiding, endNegating := int32(-1), int32(-1), int32(-1)
	for _, h := range out {
		f := c.flags[h.id]
		if h.end <= endHiding || h.end <= endNegating && f&context == 0 || f&cueOnly != 0 && h.end <= endStrong {
			continue
		}
		kept = append(kept, h)
		if f&weak == 0 {
			endStrong = max(endStrong, h.end)
		}
		if f&hides != 0 {
			endHiding = max(endHiding, h.end)
		}
		if f&negates != 0 {
			endNegating = max(endNegating, h.end)
		}
	}
	return kept
}

// maxTermLen bounds the length of a lexicon term.
const maxTermLen = 96

// atBoundary reports whether hit h of text respects English word edges.
func (c *Classifier) atBoundary(text string, h hit) bool {
	f := c.flags[h.id]
	if f&wordStart != 0 && h.start > 0 && isWordByte(text[h.start-1]) && !openingQuote(text, int(h.start)-1) {
		return false
	}
	if f&wordEnd != 0 && int(h.end) < len(text) && isWordByte(text[h.end]) && !clitic(text[h.end:]) {
		return false
	}
	if f&kanaStart != 0 && h.start > 0 {
		if r, _ := utf8.DecodeLastRuneInString(text[:h.start]); isKatakana(r) {
			return false
		}
	}
	return true
}

func (c *Classifier) hasCue(id int32, cu cue) bool { return c.cues[id]&(1<<cu) != 0 }

func (a *analysis) has(id int32) bool { return a.present[id/64]&(1<<(id%64)) != 0 }

// status of one occurrence of an event term.
type status uint8

const (
	absent  status = iota
	negated        // "I did not share my phrase"
	asked          // a question or hypothesis about the event
	fired          // the event is reported
)

// judge decides whether hit k (an event term of rule r, in clause cl) is
// reported, asked about or denied.
func (c *Classifier) judge(a *analysis, r *rule, cl, k int) status {
	if r.neg && c.negatedAt(a, r, cl, k) {
		return negated
	}
	cues := a.cues[cl]
	has := func(cu cue) bool { return cues&(1<<cu) != 0 }
	switch {
	case has(cueHypo), has(cueCond) && a.sentenceHas(cl, cueQuestion):
		return asked // "if", or スマホを盗まれたら、…盗まれますか
	case (r.victim || r.hearsay) && has(cueOther) && !has(cueMine) && !a.sentenceHas(cl, cueRecent):
		// A friend's loss or the news: the requester asks what to do. A
		// relative's wallet emptied this morning is a case to work now.
		return asked
	case (r.victim || r.hearsay) && has(cueGeneric) && !has(cueReport):
		return asked // "is stolen crypto recoverable in general?"
	case r.victim && has(cueTrust) && !has(cueReport):
		return asked // "are services that get stolen crypto back legit?"
	case has(cuePrevent) && !has(cueReport):
		return asked
	case !r.state && has(cueQuestion) && !has(cueReport) && !(r.victim && has(cueMine)):
		// "How do I get my stolen funds back?" reports a theft; "will support
		// ask me for my phrase?" asks about a scam.
		return asked
	}
	return fired
}

// sentenceHas reports whether a clause of the sentence of clause cl has the
// cue: 妻が今朝、家族のウォレットが空に… puts the time a comma away.
func (a *analysis) sentenceHas(cl int, cu cue) bool {
	s := a.clauses[cl].sentence
	for i := cl; i >= 0 && a.clauses[i].sentence == s; i-- {
		if a.cues[i]&(1<<cu) != 0 {
			return true
		}
	}
	for i := cl + 1; i < len(a.clauses) && a.clauses[i].sentence == s; i++ {
		if a.cues[i]&(1<<cu) != 0 {
			return true
		}
	}
	return false
}

// negatedAt looks for a negation close before the term (English within
// three words, Chinese within the rule's window of characters) or right
// after it (Japanese: 盗まれていない).
func (c *Classifier) negatedAt(a *analysis, r *rule, cl, k int) bool {
	h := a.hits[k]
	lo, hi := int(a.clauseHits[cl]), int(a.clauseHits[cl+1])
	for j := k - 1; j >= lo; j-- {
		n := a.hits[j]
		if !c.hasCue(n.id, cueNeg) || n.end > h.start {
			continue
		}
		gap := a.text[n.end:h.start]
		if a.text[n.start] < utf8.RuneSelf {
			if words(gap) <= 3 {
				return true
			}
		} else if utf8.RuneCountInString(gap) <= max(r.negWindow, 1) {
			return true
		}
	}
	for j := k + 1; j < hi; j++ {
		n := a.hits[j]
		if n.start < h.end || !c.hasCue(n.id, cueNegAfter) {
			continue
		}
		if gap := a.text[h.end:n.start]; utf8.RuneCountInString(gap) <= 3 || kanaTail(gap) {
			return true
		}
		break
	}
	return false
}

// kanaTail reports whether gap, between a Japanese verb stem and a
// negation, is only the inflection and particles in hiragana (盗まれ|たとか|
// ではない, 送金され|たわけ|ではない): the negation still applies to the verb.
func kanaTail(gap string) bool {
	n := 0
	for _, r := range gap {
		if r < 'ぁ' || r > 'ゖ' {
			return false
		}
		n++
	}
	return n <= 6
}

// openingQuote reports whether the apostrophe at text[i] opens a quotation
// ("must pay 'tax' to withdraw") rather than continuing a word ("didn't").
func openingQuote(text string, i int) bool {
	return text[i] == '\'' && (i == 0 || !isWordByte(text[i-1]))
}

// clitic reports whether s starts with an English clitic that ends the word
// before it: "he's asking", "they're", "someone'd", "wallet's".
func clitic(s string) bool {
	if s[0] != '\'' {
		return false
	}
	if len(s) == 1 || !isWordByte(s[1]) {
		return true // a closing quote: 'tax'
	}
	for _, c := range [...]string{"'s", "'re", "'ll", "'ve", "'d"} {
		if strings.HasPrefix(s, c) && (len(s) == len(c) || !isWordByte(s[len(c)])) {
			return true
		}
	}
	return false
}

// words counts the ASCII words in s.
func words(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); i++ {
		w := isWordByte(s[i])
		if w && !in {
			n++
		}
		in = w
	}
	return n
}
