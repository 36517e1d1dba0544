package redact

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tyler-smith/go-bip39/wordlists"
	"golang.org/x/text/unicode/norm"
)

// lang indexes the BIP39 wordlists. Portuguese has a slot but no list: no Go
// module served to this project ships it (see README.md); its phrases are
// caught only by the labelled fallback in phrase.go.
type lang uint8

const (
	langEnglish lang = iota
	langSpanish
	langFrench
	langItalian
	langCzech
	langPortuguese
	langJapanese
	langKorean
	langChineseSimplified
	langChineseTraditional
	numLangs
)

// langMask is a set of languages, one bit per lang.
type langMask uint16

// Flags kept in the Han table beside the list bits.
const (
	hanFunction langMask = 1 << 15 // a Chinese particle or pronoun
	hanStarts   langMask = 1 << 14 // first character of a lexicon bigram
	hanFlags             = hanFunction | hanStarts
)

const (
	latinLangs = 1<<langEnglish | 1<<langSpanish | 1<<langFrench | 1<<langItalian | 1<<langCzech | 1<<langPortuguese
	hanLangs   = 1<<langChineseSimplified | 1<<langChineseTraditional
)

var langNames = [numLangs]string{
	"english", "spanish", "french", "italian", "czech", "portuguese",
	"japanese", "korean", "chinese_simplified", "chinese_traditional",
}

// sourceLists returns the official lists as shipped by the module, in NFKD.
func sourceLists() [numLangs][]string {
	var l [numLangs][]string
	l[langEnglish] = wordlists.English
	l[langSpanish] = wordlists.Spanish
	l[langFrench] = wordlists.French
	l[langItalian] = wordlists.Italian
	l[langCzech] = wordlists.Czech
	l[langJapanese] = wordlists.Japanese
	l[langKorean] = wordlists.Korean
	l[langChineseSimplified] = wordlists.ChineseSimplified
	l[langChineseTraditional] = wordlists.ChineseTraditional
	return l
}

// entry is what one folded token means: which lists hold it as a word, which
// hold a word it abbreviates or mistypes (same first four letters), and
// which labels it is part of.
type entry struct {
	mask  langMask
	weak  langMask
	label labelFlags
}

const hanBase, hanEnd = 0x3400, 0xA000 // CJK Extension A and Unified Ideographs

// tables holds every lookup structure; built once by New, read-only after.
type tables struct {
	words    map[string]entry
	prefix   map[uint32]langMask      // 4-letter folded (ASCII) prefixes of Latin-script words
	index    [numLangs]map[string]int // folded word -> position, for checksums
	han      []langMask               // rune-hanBase -> Chinese lists holding it, plus hanFunction and hanStarts
	hanScore []int8                   // rune-hanBase -> how much more often prose uses it than a phrase (see hanprose.go)
	pairs    []uint64                 // the lexicon words' pairs of characters, a hash set (hanprose.go)
	pairHash uint                     // 64 - log2(len(pairs)): the shift of pairSlot
	maxKey   int                      // longest key in bytes
	maxASCII int                      // longest ASCII key in bytes
	bloom    []uint64                 // filter over ASCII keys of words (see mayHold)
	cjk      map[rune][]int           // first rune -> indices in cjkLabels
	stop     map[string]bool          // function words, for the labelled fallback
	grammar  map[string]bool          // English list words that sentences lean on (grammar.go)
	cjkBits  [16]uint64               // filter: bit r%1024 set when some label starts with r
}

func buildTables() *tables {
	t := &tables{
		words:    make(map[string]entry, 40000),
		prefix:   make(map[uint32]langMask, 12000),
		han:      make([]langMask, hanEnd-hanBase),
		hanScore: make([]int8, hanEnd-hanBase),
	}
	lists := sourceLists()
	for l, list := range lists {
		bit := langMask(1) << l
		t.index[l] = make(map[string]int, 3*len(list))
		for i, w := range list {
			if bit&hanLangs != 0 {
				t.index[l][w] = i
				r, _ := utf8.DecodeRuneInString(w)
				if r >= hanBase && r < hanEnd {
					t.han[r-hanBase] |= bit
				}
				continue
			}
			for _, v := range variants(w) {
				e := t.words[v]
				e.mask |= bit
				t.words[v] = e
				if _, ok := t.index[l][v]; !ok {
					t.index[l][v] = i
				}
				t.maxKey = max(t.maxKey, len(v))
				if isASCIILower(v) {
					t.maxASCII = max(t.maxASCII, len(v))
				}
			}
			if f := foldString(w); bit&latinLangs != 0 && len(f) >= 4 && isASCIILower(f[:4]) {
				t.prefix[pack4(f)] |= bit
			}
		}
	}
	t.buildHan(lists)
	t.grammar = make(map[string]bool)
	for _, w := range strings.Fields(englishGrammarWords) {
		t.grammar[w] = true
	}
	t.stop = make(map[string]bool)
	for _, w := range strings.Fields(stopWordList) {
		t.stop[w] = true
	}
	t.cjk = make(map[rune][]int)
	for i, lb := range cjkLabels {
		r, n := utf8.DecodeRuneInString(lb.text)
		if n != 3 || !isHan(r) && !isWordRune(r) {
			panic("redact: the tokenizer would never see the CJK label " + lb.text + " start (labels.go)")
		}
		t.cjk[r] = append(t.cjk[r], i)
		t.cjkBits[r&1023>>6] |= 1 << (r & 63)
	}
	for _, lb := range latinLabels {
		e := t.words[lb.word]
		e.label |= lb.flags
		t.words[lb.word] = e
		t.maxASCII = max(t.maxASCII, len(lb.word))
	}
	t.bloom = make([]uint64, bloomBits/64)
	for k := range t.words {
		if isASCIILower(k) {
			h := asciiHash(k)
			t.bloom[h/64%(bloomBits/64)] |= 1 << (h % 64)
		}
	}
	return t
}

// variants are the keys under which a list word (NFKD) is found: folded
// (lower case, Latin accents dropped, NFC so kana and Hangul are composed),
// and NFC with accents kept, so that ordinary NFC input hits without
// normalising.
func variants(w string) []string {
	if isASCIILower(w) {
		return []string{w} // every form of a lower-case ASCII word is itself
	}
	a := foldString(w)
	b := norm.NFC.String(strings.ToLower(w))
	c := norm.NFKD.String(a)
	out := []string{a}
	if b != a {
		out = append(out, b)
	}
	if c != a && c != b {
		out = append(out, c)
	}
	return out
}

// foldString is fold for building tables.
func foldString(s string) string { return string(fold(nil, s)) }

// fold appends the lookup key of s to dst: NFKD, Latin combining accents
// removed (kana voicing marks are kept: they change the word), lower case,
// then NFC.
func fold(dst []byte, s string) []byte {
	if ascii(s) {
		// NFKD and NFC leave ASCII alone and it has no accents to drop.
		for i := 0; i < len(s); i++ {
			c := s[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
		}
		return dst
	}
	var tmp [128]byte
	d := norm.NFKD.AppendString(tmp[:0], s)
	start := len(dst)
	for i := 0; i < len(d); {
		r, n := utf8.DecodeRune(d[i:])
		i += n
		if r >= 0x300 && r <= 0x36F {
			continue
		}
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
	}
	if !norm.NFC.IsNormal(dst[start:]) {
		c := norm.NFC.Append(nil, dst[start:]...)
		dst = append(dst[:start], c...)
	}
	return dst
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// hanInfo returns the table flags of r.
func (t *tables) hanInfo(r rune) langMask {
	if r >= hanBase && r < hanEnd {
		return t.han[r-hanBase]
	}
	return 0
}

// bloomBits sizes the filter that spares most prose words a map lookup:
// about 12,000 ASCII keys set under a fifth of the bits.
const bloomBits = 1 << 16

// mayHold reports whether the ASCII lower-case key may be in words.
func (t *tables) mayHold(key string) bool {
	h := asciiHash(key)
	return t.bloom[h/64%(bloomBits/64)]&(1<<(h%64)) != 0
}

func asciiHash(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * 16777619
	}
	return h ^ h>>16
}

func isASCIILower(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// pack4 packs the first four bytes of s.
func pack4[T string | []byte](s T) uint32 {
	return uint32(s[0])<<24 | uint32(s[1])<<16 | uint32(s[2])<<8 | uint32(s[3])
}
