package triage

import (
	"slices"
	"strings"
	"sync"
)

// Input is one request as the requester wrote it, after redaction.
type Input struct {
	Subject, Body string   // redacted text; may contain "[redacted: …]" markers
	Category      Category // the requester's pick, may be ""
	AmountUSD     float64  // amount at risk, 0 when not given
	Locale        string   // the requester's locale; not needed to classify: every language's lexicon reads every text
	Exposed       []string // kinds the redactor removed: any one makes the request S1
	Urgent        bool     // the requester marked it urgent
}

// Result is the triage of one request.
type Result struct {
	Severity Severity
	Category Category // the requester's pick, or Security when the text reports an S1 security event
	Topic    string   // the help-center slug it is most likely about, or ""
	Reasons  []Reason // at least one, most important first
}

// Config tunes a Classifier. The zero value uses the defaults.
type Config struct {
	LargeAmountUSD float64 // an S3 problem at or above this many USD becomes S2; default 10000
}

// DefaultLargeAmountUSD is the DESIGN.md threshold of a large amount.
const DefaultLargeAmountUSD = 10000

// Classifier holds the compiled lexicon. It is immutable after New and safe
// for concurrent use.
type Classifier struct {
	large float64
	m     *matcher
	terms []string
	lens  []int32
	flags []termFlag
	cues  []uint16 // per term, the cues it carries (1 << cue)
	refs  [][]ref
	rrefs [numScopes][][]ref // per scope and term, only its rule and veto refs (the hot loop of evaluate)
	punct *punctTable
	rules []rule
	hints []topicHint
	// refine[r] holds, per refinement of rule r, the term ids that trigger it.
	refine [][][]int32
	// scratch recycles *analysis between requests: Classify is called for
	// every form keystroke and API call.
	scratch sync.Pool
	model   *model // the second opinion; nil in the lexicon alone (newLexicon)
}

type termFlag uint8

const (
	wordStart termFlag = 1 << iota // an ASCII word starts the term: the byte before must not continue it
	wordEnd                        // an ASCII word ends the term: the byte after must not continue it
	weak                           // only context (a topic hint, a veto): it hides nothing
	cueOnly                        // only a cue: any longer term hides it ("not" in "not showing")
	hides                          // it means something else than every term inside it (钱包 is not 钱, "not sure if")
	kanaStart                      // a short katakana word: the rune before must not be katakana (ナンス in バイナンス)
	context                        // only the setting of an event (a party, a place, a veto): a negation around it hides nothing
	negates                        // a negation inside changes the events and cues it contains ("never sent", "未经授权")
)

type refKind uint8

const (
	refRule   refKind = iota // a, b: rule index, group
	refVeto                  // a: rule index
	refCue                   // a: cue
	refHint                  // a: hint index
	refRefine                // a: rule index
)

type ref struct {
	kind refKind
	a, b int16
}

// New compiles the lexicon.
func New(cfg Config) *Classifier {
	c := newLexicon(cfg)
	m, err := parseModel(s1ModelFile)
	if err != nil {
		panic(err) // the embedded file: every test run checks it
	}
	c.model = m
	return c
}

// newLexicon compiles the lexicon alone, without the second opinion: what
// the model's generator works with.
func newLexicon(cfg Config) *Classifier {
	c := &Classifier{large: cfg.LargeAmountUSD, rules: rules(), hints: topicHints()}
	c.scratch.New = func() any { return new(analysis) }
	c.punct = newPunctTable()
	if c.large <= 0 {
		c.large = DefaultLargeAmountUSD
	}
	ids := map[string]int32{}
	var addOne func(term string, r ref) int32
	add := func(term string, r ref) int32 {
		if t, ok := strings.CutSuffix(term, "~"); ok {
			term = t
			for _, alt := range typoVariants(term) {
				addOne(alt, r)
			}
		}
		for _, alt := range japaneseVariants(term) {
			addOne(alt, r)
			for _, p := range suruParticle(alt) {
				addOne(p, r)
			}
		}
		for _, p := range suruParticle(term) {
			addOne(p, r)
		}
		for _, alt := range contractionVariants(term) {
			addOne(alt, r)
		}
		return addOne(term, r)
	}
	addOne = func(term string, r ref) int32 {
		norm, _ := normalize(nil, term, nil)
		key := strings.TrimSpace(string(norm))
		prefix := strings.HasSuffix(key, "*")
		key = strings.TrimSuffix(key, "*")
		if key == "" {
			return -1
		}
		id, ok := ids[key]
		if !ok {
			id = int32(len(c.terms))
			ids[key] = id
			c.terms = append(c.terms, key)
			c.lens = append(c.lens, int32(len(key)))
			var f termFlag
			if isWordByte(key[0]) {
				f |= wordStart
			}
			if isWordByte(key[len(key)-1]) && !prefix {
				f |= wordEnd
			}
			if shortKatakana(key) {
				f |= kanaStart
			}
			c.flags = append(c.flags, f)
			c.refs = append(c.refs, nil)
		}
		if !slices.Contains(c.refs[id], r) {
			c.refs[id] = append(c.refs[id], r)
		}
		return id
	}
	for ri, r := range c.rules {
		for g, group := range r.groups {
			for _, t := range group {
				add(t, ref{kind: refRule, a: int16(ri), b: int16(g)})
			}
		}
		for _, t := range r.veto {
			add(t, ref{kind: refVeto, a: int16(ri)})
		}
		var refs [][]int32
		for _, rf := range r.refine {
			var tids []int32
			for _, t := range rf.terms {
				tids = append(tids, add(t, ref{kind: refRefine, a: int16(ri)}))
			}
			refs = append(refs, tids)
		}
		c.refine = append(c.refine, refs)
	}
	for cu := cue(0); cu < numCues; cu++ {
		for _, t := range cueWords(cu) {
			add(t, ref{kind: refCue, a: int16(cu)})
		}
	}
	for hi, h := range c.hints {
		for _, t := range h.terms {
			add(t, ref{kind: refHint, a: int16(hi)})
		}
	}
	c.m = newMatcher(c.terms, denseBytes)
	for sc := range c.rrefs {
		c.rrefs[sc] = make([][]ref, len(c.terms))
	}
	for id, refs := range c.refs {
		for _, r := range refs {
			if r.kind == refRule || r.kind == refVeto {
				sc := c.rules[r.a].scope
				c.rrefs[sc][id] = append(c.rrefs[sc][id], r)
			}
		}
	}
	c.cues = make([]uint16, len(c.terms))
	for id, refs := range c.refs {
		for _, r := range refs {
			if r.kind == refCue {
				c.cues[id] |= 1 << r.a
			}
		}
	}
	for id, refs := range c.refs {
		c.flags[id] |= weak | cueOnly | context
		for _, r := range refs {
			if r.kind == refRule || r.kind == refCue {
				c.flags[id] &^= weak
			}
			if r.kind != refCue {
				c.flags[id] &^= cueOnly
			}
			if r.kind == refCue && r.a == int16(cueNeutral) {
				c.flags[id] |= hides
			}
			if r.kind == refRule && r.b == 0 || r.kind == refCue && r.a != int16(cueNeutral) {
				c.flags[id] &^= context // an event or a cue: what a negation changes
			}
		}
	}
	// A term with a negation inside ("never sent", "未经授权", "承認されない")
	// means something else than the event terms it contains.
	var scratch []hit
	for id, t := range c.terms {
		if c.flags[id]&(weak|hides) != 0 || c.hasCue(int32(id), cueRefuse) {
			continue // a refusal ("I didn't send it") marks the request; it hides no denial
		}
		scratch = c.m.scan(scratch[:0], t, c.lens)
		for _, h := range scratch {
			if int(h.id) != id && (c.hasCue(h.id, cueNeg) || c.hasCue(h.id, cueNegAfter)) && c.atBoundary(t, h) {
				c.flags[id] |= negates
				break
			}
		}
	}
	return c
}
