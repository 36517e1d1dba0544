package redact

import (
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Redactor finds and replaces secrets. It is immutable after New and safe
// for concurrent use.
type Redactor struct {
	t    *tables
	pool sync.Pool // *scratch
}

// New builds a Redactor; it indexes the wordlists (a few milliseconds), so
// build one per process and share it.
func New() *Redactor {
	r := &Redactor{t: buildTables()}
	r.pool.New = func() any { return &scratch{toks: make([]token, 0, 1024), key: make([]byte, 0, 128)} }
	return r
}

// span is a byte range of the input to replace (or, for markers, to leave).
type span struct {
	start, end int
	kind       Kind
	words      int
	lang       string
}

func inSpans(spans []span, i int) bool {
	for _, s := range spans {
		if i >= s.start && i < s.end {
			return true
		}
	}
	return false
}

// Redact replaces every secret in text with its kind's marker. Text with no
// secret comes back as the same string. Input that is not valid UTF-8 has
// its invalid bytes replaced with U+FFFD first, so the output is always
// valid UTF-8 (stored text must be).
func (r *Redactor) Redact(text string) Result {
	sc := r.pool.Get().(*scratch)
	defer r.pool.Put(sc)
	d := r.newDetector(text, sc, false)
	if sc.invalid {
		// The tokenizer checks the encoding as it decodes every rune: a
		// pass of its own cost as much as tokenizing Chinese text.
		text = strings.ToValidUTF8(text, "\uFFFD")
		d = r.newDetector(text, sc, false)
	}
	return assemble(text, d.detect())
}

// RedactFollowUp detects secrets split across two consecutive messages of
// one conversation: previous is the earlier message as stored (already
// redacted), text the new one. It returns previous, further redacted when a
// phrase started there and goes on in text (its Redactions list only what
// this call added), and the redacted new text. Context carries over: a label
// or a redacted phrase in previous lowers the bar for text.
func (r *Redactor) RedactFollowUp(previous, text string) (prev Result, next Result) {
	previous = strings.ToValidUTF8(previous, "\uFFFD")
	text = strings.ToValidUTF8(text, "\uFFFD")
	sc := r.pool.Get().(*scratch)
	defer r.pool.Put(sc)

	own := r.newDetector(text, sc, false).detect()

	const sep = "\n"
	joined := previous + sep + text
	boundary := len(previous) + len(sep)
	d := r.newDetector(joined, sc, true)
	d.prevHasPhraseMarker = strings.Contains(previous, RecoveryPhrase.Marker())
	d.boundary = boundary
	found := d.detect()

	var pspans []span
	nspans := own
	for _, s := range found {
		switch {
		case s.end <= len(previous):
			// Entirely in previous: it was judged when it was stored.
		case s.start >= boundary:
			s.start -= boundary
			s.end -= boundary
			nspans = append(nspans, s)
		default:
			// Crosses the boundary: split it in two.
			a, b := s, s
			a.end = trimRightSpace(previous, len(previous))
			b.start, b.end = 0, s.end-boundary
			a.words, b.words = d.wordsIn(s.start, len(previous)), d.wordsIn(boundary, s.end)
			if a.end > a.start {
				pspans = append(pspans, a)
			}
			nspans = append(nspans, b)
		}
	}
	if h, ok := d.headAfterMarker(); ok {
		h.start -= boundary
		h.end -= boundary
		nspans = append(nspans, h)
	}
	return assemble(previous, pspans), assemble(text, nspans)
}

func trimRightSpace(s string, end int) int {
	for end > 0 && (s[end-1] == ' ' || s[end-1] == '\n' || s[end-1] == '\t' || s[end-1] == '\r') {
		end--
	}
	return end
}

// assemble merges overlapping spans and builds the result. With no span it
// returns text itself.
func assemble(text string, spans []span) Result {
	if len(spans) == 0 {
		return Result{Text: text}
	}
	slices.SortFunc(spans, func(a, b span) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return b.end - a.end
	})
	merged := spans[:1]
	for _, s := range spans[1:] {
		m := &merged[len(merged)-1]
		if s.start < m.end {
			if s.end > m.end {
				m.end = s.end
			}
			if kindRank(s.kind) > kindRank(m.kind) {
				m.kind, m.lang = s.kind, s.lang
			}
			if s.kind == m.kind && s.words > m.words {
				m.words, m.lang = s.words, s.lang
			}
			continue
		}
		merged = append(merged, s)
	}
	size := len(text) // exactly: a marker may be longer than what it replaces
	for _, s := range merged {
		size += len(s.kind.Marker()) - (s.end - s.start)
	}
	var b strings.Builder
	b.Grow(size)
	res := Result{Redactions: make([]Redaction, 0, len(merged))}
	prev := 0
	for _, s := range merged {
		b.WriteString(text[prev:s.start])
		start := b.Len()
		b.WriteString(s.kind.Marker())
		rd := Redaction{Kind: s.kind, Start: start, End: b.Len()}
		if s.kind == RecoveryPhrase {
			rd.Words, rd.Language = s.words, s.lang
		}
		res.Redactions = append(res.Redactions, rd)
		prev = s.end
	}
	b.WriteString(text[prev:])
	res.Text = b.String()
	return res
}

// kindRank decides the kind of overlapping spans: the enclosing structure wins.
func kindRank(k Kind) int {
	switch k {
	case Keystore:
		return 3
	case ExtendedKey:
		return 2
	case PrivateKey:
		return 1
	}
	return 0
}

// findMarkers returns the markers already in s; they are left as they are
// and nothing inside them is read as a word or a label.
func findMarkers(s string) []span {
	var out []span
	for off := 0; ; {
		i := strings.Index(s[off:], markerPrefix)
		if i < 0 {
			return out
		}
		at := off + i
		off = at + len(markerPrefix)
		for _, k := range kinds {
			if m := k.Marker(); strings.HasPrefix(s[at:], m) {
				out = append(out, span{start: at, end: at + len(m), kind: k})
				off = at + len(m)
				break
			}
		}
	}
}

// detector holds one text under examination.
type detector struct {
	t         *tables
	sc        *scratch // pooled working memory
	s         string
	toks      []token
	markers   []span
	labelToks []int      // tokens carrying a label
	labels    []labelHit // every label, Latin and CJK, by position
	keys      []keyCandidate
	followUp  bool
	boundary  int // follow-up: offset where the new message starts
	cjkDone   bool
	linkDone  bool

	prevHasPhraseMarker bool
}

func (r *Redactor) newDetector(s string, sc *scratch, followUp bool) *detector {
	d := &detector{t: r.t, s: s, followUp: followUp, sc: sc}
	if strings.Contains(s, markerPrefix) {
		d.markers = findMarkers(s)
	}
	d.toks = r.t.tokenize(s, d.markers, sc)
	d.keys = sc.keys
	d.labelToks, d.labels = sc.labelToks[:0], sc.labels[:0]
	for i := range d.toks {
		if d.toks[i].label != 0 {
			d.labelToks = append(d.labelToks, i)
			d.labels = append(d.labels, labelHit{int(d.toks[i].start), int(d.toks[i].end), d.toks[i].label})
		}
	}
	sc.labelToks, sc.labels = d.labelToks, d.labels // grown, for the next call
	return d
}

// needCJKLabels finds CJK labels (once) and flags the tokens they cover.
func (d *detector) needCJKLabels() {
	if d.cjkDone {
		return
	}
	d.cjkDone = true
	n := len(d.labels)
	d.labels = findCJKLabels(d.s, d.t, d.sc.labelAt, d.labels)
	hits := d.labels[n:]
	if len(hits) == 0 {
		return
	}
	// The hits come in text order: one walk over the tokens places them all.
	i := 0
	for _, h := range hits {
		for i < len(d.toks) && int(d.toks[i].end) <= h.start {
			i++
		}
		for k := i; k < len(d.toks) && int(d.toks[k].start) < h.end; k++ {
			if d.toks[k].label == 0 {
				d.labelToks = append(d.labelToks, k)
			}
			d.toks[k].label |= h.flags
		}
	}
	d.sc.labelToks, d.sc.labels = d.labelToks, d.labels
}

// detect returns the spans of every secret in the text.
func (d *detector) detect() []span {
	var out []span
	out = append(out, findKeystores(d.s, d.markers)...)

	if len(d.keys) > 0 {
		d.needCJKLabels()
		for _, k := range d.keys {
			if d.judgeKey(k) {
				out = append(out, span{start: k.start, end: k.end, kind: k.kind})
			}
		}
	}

	runs := d.findRuns((1<<numLangs)-1, d.sc.runs[:0])
	defer func() { d.sc.runs = runs[:0] }()
	if len(runs) == 0 {
		return append(out, d.fallback()...)
	}
	d.needCJKLabels()
	hasHan := false
	for _, r := range runs {
		if (1<<r.l)&hanLangs != 0 {
			hasHan = true
		}
	}
	if hasHan {
		// Linking makes characters weak, and weak characters never cut a
		// Chinese run (findRuns): the runs found stand, judged after the
		// others.
		d.linkHan()
		runs = hanRunsLast(runs)
	}
	ctx := phraseContext{labelled: d.followUp && d.prevHasPhraseMarker}
	for _, r := range runs {
		if p, ok := d.judge(r, ctx); ok {
			out = append(out, p.span(r.l))
			continue
		}
		if (1<<r.l)&hanLangs != 0 {
			// A spaced phrase may touch a line of prose ("区块链技术\n1.婚
			// 2.江..."): judge the spaced stretches and the touching blocks
			// on their own.
			d.sc.pieces = d.hanPieces(r, d.sc.pieces[:0])
			for _, piece := range d.sc.pieces {
				if p, ok := d.judge(piece, ctx); ok {
					out = append(out, p.span(piece.l))
				}
			}
		}
	}
	return append(out, d.fallback()...)
}

// hanRunsLast moves the Chinese runs after the others, keeping the order
// within each group.
func hanRunsLast(runs []run) []run {
	n := len(runs)
	for _, r := range runs[:n] {
		if (1<<r.l)&hanLangs != 0 {
			runs = append(runs, r)
		}
	}
	kept := runs[:0]
	for _, r := range runs[:n] {
		if (1<<r.l)&hanLangs == 0 {
			kept = append(kept, r)
		}
	}
	return append(kept, runs[n:]...)
}

// hanPieces splits a Chinese run into blocks of touching characters and
// stretches of characters written apart.
func (d *detector) hanPieces(r run, out []run) []run {
	toks := d.toks
	spaced := func(i int) bool { // token i is not touching either neighbour
		return !(i > r.first && toks[i].joined && toks[i-1].kind == tHan) &&
			!(i < r.last && toks[i+1].joined && toks[i+1].kind == tHan)
	}
	start, startSpaced := r.first, spaced(r.first)
	for i := r.first + 1; i <= r.last+1; i++ {
		sp := false
		if i <= r.last {
			sp = spaced(i)
			if sp == startSpaced && (sp || toks[i].joined) {
				continue
			}
		}
		// Judging a piece reads words only within its ends (it is a
		// whole block, or characters touching none), so a piece too
		// short to be a run cannot be a phrase either.
		if n := i - start; n < r.last-r.first+1 && n >= minCandidate {
			out = append(out, run{r.l, start, i - 1})
		}
		start, startSpaced = i, sp
	}
	return out
}

// wordsIn counts word tokens between two offsets (follow-up splits).
func (d *detector) wordsIn(from, to int) int {
	n := 0
	for _, tk := range d.toks {
		if int(tk.start) >= from && int(tk.end) <= to && (tk.kind == tWord || tk.kind == tHan) {
			n++
		}
	}
	return n
}

// headAfterMarker handles a phrase whose first part was already redacted in
// the previous message: when previous ends with a phrase marker, three or
// more list words opening the new message are its remainder.
func (d *detector) headAfterMarker() (span, bool) {
	prev := strings.TrimRightFunc(d.s[:d.boundary], func(r rune) bool {
		return r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == ',' || r == utf8.RuneError
	})
	if !strings.HasSuffix(prev, RecoveryPhrase.Marker()) {
		return span{}, false
	}
	toks := d.toks
	i := 0
	for i < len(toks) && int(toks[i].start) < d.boundary {
		i++
	}
	for l := lang(0); l < numLangs; l++ {
		bit := langMask(1) << l
		first, last, n := -1, -1, 0
		for k := i; k < len(toks); k++ {
			tk := &toks[k]
			if tk.brk && k > i {
				break
			}
			if tk.kind == tNum {
				continue
			}
			if tk.mask&bit == 0 || tk.linked {
				break
			}
			if first < 0 {
				first = k
			}
			last = k
			n++
		}
		if n >= 3 {
			return span{start: int(toks[first].start), end: int(toks[last].end), kind: RecoveryPhrase, words: n, lang: langNames[l]}, true
		}
	}
	return span{}, false
}
