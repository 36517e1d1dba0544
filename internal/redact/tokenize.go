package redact

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

type tokKind uint8

const (
	tWord  tokKind = iota // letters of any script but Han
	tHan                  // one Han character (Chinese words are single characters)
	tNum                  // digits only: list numbering, amounts
	tOther                // letters mixed with digits, and the like
)

// token is a word of the input with what the tables say about it. Every
// pass walks the tokens: mind the padding when adding a field (28 bytes).
type token struct {
	start, end int32
	kind       tokKind
	joined     bool // nothing separates it from the previous token
	brk        bool // a hard break (sentence end, marker) precedes it
	soft       bool // a comma, colon or semicolon precedes it
	linked     bool // Han: part of ordinary Chinese prose (common word, particles)
	word       bool // Han: forms a lexicon word with the previous token, which it touches
	mask       langMask
	weak       langMask // abbreviates or mistypes a word of these lists (never one of mask's)
	label      labelFlags
	r          rune // Han: the character
	ascii      bool // weak not computed yet (see weakASCII)
	particle   bool // Han: a particle or pronoun (hanFunction), read by linkHan
	starts     bool // Han: the first character of some lexicon word (hanStarts)
}

// scratch is per-call working memory.
type scratch struct {
	toks      []token
	key       []byte
	keys      []keyCandidate
	labelToks []int      // detector.labelToks
	labels    []labelHit // detector.labels
	runs      []run      // candidate runs (detect)
	pieces    []run      // pieces of one Chinese run (detect)
	labelAt   []int      // where a CJK label may start (findCJKLabels)
	invalid   bool       // tokenize met bytes that are not UTF-8
}

// tokenize splits s into tokens, skipping marker spans, and classifies them.
// As it decodes every rune outside the markers (which are ASCII), it also
// checks that s is UTF-8 (sc.invalid says it is not, and then the tokens
// mean nothing) and notes in sc.labelAt where a CJK label may start: no
// other pass over the text needs to decode it again.
func (t *tables) tokenize(s string, markers []span, sc *scratch) []token {
	toks := sc.toks[:0]
	sc.keys, sc.labelAt, sc.invalid = sc.keys[:0], sc.labelAt[:0], false
	lastEnd, mi, brk, soft := -1, 0, false, false
	for i := 0; i < len(s); {
		if mi < len(markers) && i >= markers[mi].start {
			i = max(i, markers[mi].end)
			mi++
			brk, lastEnd = true, -1
			continue
		}
		c := s[i]
		if c < utf8.RuneSelf && !isASCIIAlnum(c) {
			switch c {
			case '?', '!':
				brk = true
			case '.':
				// A full stop after a word ends a sentence; after a number
				// it is list numbering ("1. word").
				if i > 0 && isASCIILetter(s[i-1]) && (i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\n' || isASCIILetter(s[i+1])) {
					brk = true
				}
			case ',', ';', ':':
				soft = true
			}
			i++
			continue
		}
		r, n, han := rune(c), 1, false
		switch {
		case c >= 0xE0 && c < 0xF0 && i+2 < len(s) && valid3(c, s[i+1], s[i+2]):
			// Three bytes (CJK): decoded directly.
			r, n = rune(c&0x0F)<<12|rune(s[i+1]&0x3F)<<6|rune(s[i+2]&0x3F), 3
			han = r >= 0x4E00 && r <= 0x9FFF // the common block
		case c >= utf8.RuneSelf:
			r, n = utf8.DecodeRuneInString(s[i:])
			sc.invalid = sc.invalid || r == utf8.RuneError && n == 1
		}
		// Beyond ASCII and the common Han block, CJK punctuation first:
		// the Han and word tests would rule it out only with Unicode table
		// lookups.
		if !han && c >= utf8.RuneSelf {
			switch r {
			case '？', '！', '。':
				brk = true
				i += n
				continue
			case '，', '、', '；', '：':
				soft = true
				i += n
				continue
			}
			han = isHan(r)
		}
		switch {
		case han:
			// Filled in place: a token literal is built on the stack a
			// field at a time and then copied in wide loads, which stall
			// on those narrow stores; this is the loop's hottest line.
			toks = append(toks, token{})
			tk := &toks[len(toks)-1]
			tk.start, tk.end, tk.kind, tk.r = int32(i), int32(i+n), tHan, r
			tk.joined, tk.brk, tk.soft = lastEnd == i, brk, soft
			info := t.hanInfo(r)
			tk.mask, tk.particle, tk.starts = info&^hanFlags, info&hanFunction != 0, info&hanStarts != 0
			if t.mayStartLabel(r) {
				sc.labelAt = append(sc.labelAt, i)
			}
			brk, soft, lastEnd = false, false, i+n
			i += n
		case c < utf8.RuneSelf || isWordRune(r):
			j, f := scanWord(s, i)
			toks = append(toks, token{start: int32(i), end: int32(j), joined: lastEnd == i, brk: brk, soft: soft})
			t.classify(s[i:j], f, &toks[len(toks)-1], sc)
			if f&fNonASCII != 0 {
				sc.labelAt = t.appendLabelStarts(sc.labelAt, s, i, j)
			}
			if j-i >= minKeyLen {
				sc.keys = appendKeyCandidates(sc.keys, s, i, j)
			}
			brk, soft, lastEnd = false, false, j
			i = j
		default:
			i += n
		}
	}
	sc.toks = toks
	return toks
}

// valid3 reports whether c, b1, b2 encode a rune in three bytes, as
// UTF-8 allows it: no overlong form, no surrogate.
func valid3(c, b1, b2 byte) bool {
	lo, hi := byte(0x80), byte(0xBF)
	switch c {
	case 0xE0:
		lo = 0xA0
	case 0xED:
		hi = 0x9F
	}
	return lo <= b1 && b1 <= hi && b2&0xC0 == 0x80
}

func isASCIIAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// isHan reports a Chinese character. It is small enough to be inlined for
// the common cases, tested first: a call per character shows in Chinese
// text.
func isHan(r rune) bool {
	switch {
	case r < 0x2E80:
		return false
	case r >= 0x4E00 && r <= 0x9FFF:
		return true
	}
	return isRareHan(r)
}

func isRareHan(r rune) bool {
	switch {
	case r >= 0x3400 && r <= 0x4DBF:
		return true
	case r >= 0x3040 && r <= 0x30FF, r >= 0xAC00 && r <= 0xD7A3:
		return false // kana, Hangul
	}
	return unicode.Is(unicode.Han, r)
}

func isWordRune(r rune) bool {
	if r >= 0x3040 && r <= 0x30FF || r >= 0xAC00 && r <= 0xD7A3 {
		return r != 0x30FB && r != 0x30A0 // kana and Hangul, but the middle dot and the double hyphen
	}
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r)
}

// scanWord returns the end of the word starting at i: letters, marks and
// digits of any script but Han, with inner apostrophes ("don't").
func scanWord(s string, i int) (int, wordFlags) {
	start := i
	var f wordFlags
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c >= 'a' && c <= 'z':
				f |= fLetter
			case c >= 'A' && c <= 'Z':
				f |= fLetter | fUpper
			case c >= '0' && c <= '9':
				f |= fDigit
			case c == '\'' && i+1 < len(s) && i > 0 && isASCIILetter(s[i+1]) && isASCIILetter(s[i-1]):
			default:
				return i, f
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) || isHan(r) {
			return i, f
		}
		// Katakana then hiragana: a label or loanword, then a word
		// ("シードフレーズはにしき").
		if r >= 0x3041 && r <= 0x309F && i > start {
			if p, _ := utf8.DecodeLastRuneInString(s[:i]); p >= 0x30A0 && p <= 0x30FF {
				return i, f
			}
		}
		f |= fNonASCII
		if unicode.IsDigit(r) {
			f |= fDigit
		} else {
			f |= fLetter
		}
		i += n
	}
	return i, f
}

// wordFlags say what a word is made of.
type wordFlags uint8

const (
	fLetter wordFlags = 1 << iota
	fDigit
	fUpper    // an ASCII capital
	fNonASCII // any rune beyond ASCII
)

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// classify sets kind, lists and labels of a word token.
func (t *tables) classify(w string, f wordFlags, tk *token, sc *scratch) {
	letters, digits, upper, ascii := f&fLetter != 0, f&fDigit != 0, f&fUpper != 0, f&fNonASCII == 0
	switch {
	case digits && !letters:
		tk.kind = tNum
		return
	case digits:
		tk.kind = tOther
		return
	}
	tk.kind = tWord
	tk.ascii = ascii
	var key []byte
	switch {
	case ascii:
		if len(w) < 2 || len(w) > t.maxASCII {
			return
		}
		if !upper {
			t.lookup(w, tk)
			return
		}
		key = sc.key[:0]
		for i := 0; i < len(w); i++ {
			c := w[i]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			key = append(key, c)
		}
	case len(w) > 3*t.maxKey:
		return
	case directKey(w):
		t.lookup(w, tk)
		if tk.mask != 0 || tk.label != 0 {
			return
		}
		if isKana(w) {
			t.lookupKana(w, tk)
			return
		}
		if !isLatin(w) {
			return
		}
		key = fold(sc.key[:0], w) // accents typed on a label ("clé")
	default:
		key = fold(sc.key[:0], w)
	}
	sc.key = key
	if ascii && !t.mayHold(string(key)) {
		return
	}
	e := t.words[string(key)] // no copy: the conversion is only a map key
	tk.mask, tk.label = e.mask, e.label
	if e.mask == 0 && !ascii && isKana(string(key)) {
		t.lookupKana(string(key), tk)
	}
	if !ascii && e.mask&latinLangs == 0 && len(key) >= 4 && len(key) <= 14 && isASCIILower(string(key[:4])) {
		tk.weak = t.prefix[pack4(key)] &^ e.mask
	}
}

// lookup fills the token's lists from a key that needs no folding. An
// ASCII word's weak lists are looked up only when a run reaches it (see
// weakASCII): most prose words never need them.
func (t *tables) lookup(key string, tk *token) {
	if tk.ascii && !t.mayHold(key) {
		return
	}
	e := t.words[key]
	tk.mask, tk.label = e.mask, e.label
	if !tk.ascii && e.mask&latinLangs == 0 && len(key) >= 4 && len(key) <= 14 && isASCIILower(key[:4]) {
		tk.weak = t.prefix[pack4(key)] &^ e.mask
	}
}

// japaneseParticles may be typed against the first or last word of a
// phrase ("シードフレーズは　にしき…わらうです").
var (
	kanaPrefixes = []string{"は", "が", "を", "の", "も", "に", "で", "と"}
	kanaSuffixes = []string{"です", "でした", "ですか", "だ", "でしょうか", "ですが"}
)

// lookupKana retries a kana word without a particle glued to it.
func (t *tables) lookupKana(w string, tk *token) {
	if len(w) < 9 { // a particle and a word of two kana at least
		return
	}
	for _, p := range kanaPrefixes {
		if rest, ok := strings.CutPrefix(w, p); ok && rest != "" {
			if e := t.words[rest]; e.mask != 0 {
				tk.mask = e.mask
				return
			}
		}
	}
	for _, p := range kanaSuffixes {
		if rest, ok := strings.CutSuffix(w, p); ok && rest != "" {
			if e := t.words[rest]; e.mask != 0 {
				tk.mask = e.mask
				return
			}
		}
	}
}

func isKana(w string) bool {
	for _, r := range w {
		if r < 0x3041 || r > 0x30FF {
			return false
		}
	}
	return true
}

func isLatin(w string) bool {
	for _, r := range w {
		if r >= 0x250 {
			return false
		}
	}
	return true
}

// weakASCII returns the lists an ASCII word abbreviates or mistypes.
func (t *tables) weakASCII(w string, mask langMask) langMask {
	if mask&latinLangs != 0 || len(w) < 4 || len(w) > 14 {
		return 0
	}
	var b [4]byte
	for i := range b {
		c := w[i] | 0x20
		if c < 'a' || c > 'z' {
			return 0
		}
		b[i] = c
	}
	return t.prefix[pack4(b[:])] &^ mask
}

// directKey reports whether a non-ASCII word can be looked up as typed:
// lower-case letters that the tables hold in this form (NFC Latin, Hangul
// syllables, kana). Anything else is folded first.
func directKey(w string) bool {
	for _, r := range w {
		switch {
		case r < 0x80:
			if r >= 'A' && r <= 'Z' {
				return false
			}
		case r >= 0xDF && r <= 0x24F:
			if !unicode.IsLower(r) {
				return false
			}
		case r >= 0xAC00 && r <= 0xD7A3, r >= 0x3041 && r <= 0x3096, r >= 0x30A1 && r <= 0x30FA, r == 0x30FC:
		default:
			return false
		}
	}
	return true
}
