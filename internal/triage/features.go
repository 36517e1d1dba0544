package triage

import (
	"slices"
	"unicode"
	"unicode/utf8"
)

// The second opinion (model.go) reads a request as a bag of hashed
// features rather than as words of a lexicon, so that wording nobody wrote
// down still resembles wording somebody did: character n-grams of one to
// four runes for Chinese and Japanese (no word boundaries to rely on), of
// three for Latin script (typos and inflections share most of them; four
// added nothing in cross-validation and cost a third of the time), and Latin
// words and word pairs. Training (model_train_test.go)
// and Classify share this one extractor, so a model reads text exactly the
// way it was trained to.
//
// A bag of n-grams cannot tell "my wallet was hacked" from "my wallet was
// not hacked", nor from "if my wallet was hacked". The words that follow a
// negation (up to negatedWords Latin words, or negatedRunes Chinese
// characters after 没/未/差点) or a hypothesis (the rest of the clause:
// "if", "suppose", 如果, 假如, 万一, もし) are hashed apart, so that the
// model learns what a denied or imagined event weighs.

const (
	minLatinGram = 3 // shorter Latin n-grams are in every text and say nothing
	maxDigitRun  = 3 // "3000" and "12000" read alike: an amount, not a value
	negatedWords = 3
	negatedRunes = 4
)

// Seeds keep the hash spaces of the feature kinds apart.
const (
	seedWord    uint64 = 0x9ae16a3b2f90404f
	seedPair    uint64 = 0xc3a5c85c97cb3127
	seedNegated uint64 = 0x84222325cbf29ce4 // under a negation
	seedHypo    uint64 = 0x2f90404f9ae16a3b // under a hypothesis
	fnvOffset   uint64 = 0xcbf29ce484222325
	fnvPrime    uint64 = 0x100000001b3
	mixConstant uint64 = 0x9e3779b97f4a7c15
)

// Salts tell n-grams of different lengths apart.
const (
	salt1 uint64 = 0x8ebc6af09c88c6e3
	salt2 uint64 = 0x589965cc75374cc3
	salt3 uint64 = 0x1d8e4e27c47d124f
	salt4 uint64 = 0xd6e8feb86659fd93
)

// features is the scratch of one extraction; its slices are reused.
type features struct {
	hashes []uint64 // one per feature occurrence, in text order (extracted without a model)
	ends   []int32  // features [ends[i-1], ends[i]) come from sentence i
	sums   []int32  // per sentence, the model's weight sum
	scored bool     // sums are set: extracted with a model
}

// extract fills f with the features of text, already normalized (lower-case
// ASCII, full-width folded: see normalize): their hashes, or, given model
// m, the sums of their weights per sentence (nothing is stored). It runs
// on every request the lexicon does not place S1, so it is one loop with a
// fast path for runs of ASCII letters: the n-grams ending at a rune are
// rolling polynomial hashes, each length updated from the one a rune
// shorter.
func (f *features) extract(text string, m *model) {
	f.hashes, f.ends, f.sums = f.hashes[:0], f.ends[:0], f.sums[:0]
	f.more(text, m)
}

// more extracts the features of text after those already in f, as the
// sentences that follow them (with the same model, or none, as before).
func (f *features) more(text string, m *model) {
	var (
		hs []uint64
		ws *[1 << modelBits]int8
		nh int
	)
	if n := len(f.ends); n > 0 {
		nh = int(f.ends[n-1])
	}
	if m != nil {
		ws = m.weights
	} else {
		hs = slices.Grow(f.hashes, 4*len(text)+4)
		hs = hs[:cap(hs)]
	}
	var sum, sentence int32 // the weights so far, and when the sentence began
	ends, sums := f.ends, f.sums
	var (
		g1, g2, g3, g4 uint64 // the n-grams of one to four runes ending here
		np             int    // runes read in this sentence, up to 4
		ascii          int    // ASCII runes in a row, ending here
		word           uint64 // FNV-1a of the Latin word being read
		inWord         bool
		wordStart      int
		negWord        bool   // the word is under a negation
		prevWord       uint64 // the word before it in the sentence, for pairs
		hasPrev        bool
		digits         int  // digits in a row
		negLeft        int  // Latin words still under a negation
		negRunes       int  // Chinese characters still under a negation
		hypo           bool // the clause is a hypothesis
		prev           rune // the rune before, in this sentence
	)
	for i := 0; i <= len(text); {
		if i < len(text) && latinByte(text[i]) {
			// The fast path: a run of ASCII letters and digits, most of
			// any Latin text, with only the state a word changes.
			if !inWord {
				word, inWord, wordStart, negWord = fnvOffset, true, i, negLeft > 0
			}
			var seed uint64
			if negWord {
				seed = seedNegated
			} else if hypo {
				seed = seedHypo
			}
			for ; i < len(text) && latinByte(text[i]); i++ {
				r := uint64(text[i])
				switch {
				case r >= '0' && r <= '9':
					r = '0'
					if digits++; digits > maxDigitRun {
						continue
					}
				case r >= 'A' && r <= 'Z':
					r += 'a' - 'A'
					digits = 0
				default:
					digits = 0
				}
				word = (word ^ r) * fnvPrime
				// Only g3 and shorter: a Latin 4-gram is not a feature
				// (the slow path derives its g4 from this g3).
				g3, g2, g1 = g2*fnvPrime+r, g1*fnvPrime+r, r
				np = min(np+1, 4)
				ascii++
				if np >= 2 && ascii < 2 {
					nh, sum = put(hs, ws, nh, sum, mix(g2^salt2^seed))
				}
				if np >= 3 {
					nh, sum = put(hs, ws, nh, sum, mix(g3^salt3^seed))
				}
				prev = rune(r)
			}
			continue
		}
		var r rune
		size := 1
		if i == len(text) {
			r = '\n' // the end of the text ends the last sentence
		} else if r = rune(text[i]); r >= utf8Self {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		k := runeKind(r)
		if k == kindEnd && r == '.' && i+1 < len(text) && text[i+1] != ' ' && text[i+1] != '\n' {
			k = kindGap // "1.5", "opensea.io": a gap, not the end of a sentence
		}
		if k != kindLetter && inWord {
			// The Latin word ends: its features, then what it opens.
			seed := seedWord
			switch {
			case negWord:
				seed = seedNegated
				negLeft--
			case hypo:
				seed = seedHypo
			}
			nh, sum = put(hs, ws, nh, sum, mix(word^seed))
			if hasPrev {
				nh, sum = put(hs, ws, nh, sum, mix((prevWord*fnvPrime)^word^seedPair))
			}
			prevWord, hasPrev, inWord = word, true, false
			switch w := text[wordStart:i]; {
			case negator(w):
				negLeft = negatedWords
			case w == "but":
				negLeft, hypo = 0, false
			case w == "if" || w == "suppose" || w == "supposing" || w == "hypothetically" || w == "whether":
				hypo = true
			}
		}
		var seed uint64 // of the n-grams ending at r, by the scope r is in
		emit := true
		switch k {
		case kindEnd, kindGap:
			digits = 0
			if r != ' ' {
				negLeft, negRunes, hypo = 0, 0, false // a clause ends
			}
			r = ' ' // one space stands for any gap
			emit = np > 0 && prev != ' '
		case kindCJK:
			digits = 0
			if negRunes > 0 {
				seed = seedNegated
				negRunes--
			} else if hypo {
				seed = seedHypo
			}
			switch {
			case r == '没' || r == '未' || r == '点' && prev == '差': // 差点: almost
				negRunes = negatedRunes
			case r == 'し' && prev == 'も', hypoPair(prev, r): // もし; 如果, 假如, 万一, 要是, 假设
				hypo = true
			}
		default: // a Latin letter or a digit
			if r >= '0' && r <= '9' {
				r = '0'
				if digits++; digits > maxDigitRun {
					i += size
					continue
				}
			} else {
				digits = 0
				switch {
				case r >= 'A' && r <= 'Z':
					r += 'a' - 'A'
				case r >= utf8Self:
					r = unicode.ToLower(r)
				}
			}
			if !inWord {
				word, inWord, wordStart, negWord = fnvOffset, true, i, negLeft > 0
			}
			word = (word ^ uint64(r)) * fnvPrime
			if negWord {
				seed = seedNegated
			} else if hypo {
				seed = seedHypo
			}
		}
		if emit { // the n-grams ending at r
			g4, g3, g2, g1 = g3*fnvPrime+uint64(r), g2*fnvPrime+uint64(r), g1*fnvPrime+uint64(r), uint64(r)
			np = min(np+1, 4)
			if r < utf8Self {
				ascii++
			} else {
				ascii = 0
			}
			if ascii < 1 {
				nh, sum = put(hs, ws, nh, sum, mix(g1^salt1^seed))
			}
			if np >= 2 && ascii < 2 {
				nh, sum = put(hs, ws, nh, sum, mix(g2^salt2^seed))
			}
			if np >= 3 {
				nh, sum = put(hs, ws, nh, sum, mix(g3^salt3^seed))
			}
			if np >= 4 && ascii < 4 {
				nh, sum = put(hs, ws, nh, sum, mix(g4^salt4^seed))
			}
			prev = r
		}
		if k == kindEnd {
			hasPrev, np, ascii, prev = false, 0, 0, 0
			g1, g2, g3, g4 = 0, 0, 0, 0
			if n := len(ends); n == 0 || int(ends[n-1]) != nh {
				ends = append(ends, int32(nh))
				sums = append(sums, sum-sentence)
				sentence = sum
			}
		}
		i += size
	}
	f.ends, f.sums, f.scored = ends, sums, m != nil
	if m == nil {
		f.hashes = hs[:nh]
	}
}

// put gives the feature of hash h to the sum of its weights (with a
// model's weights ws) or to the hashes hs (without), and counts it.
func put(hs []uint64, ws *[1 << modelBits]int8, nh int, sum int32, h uint64) (int, int32) {
	if ws != nil {
		return nh + 1, sum + int32(ws[h>>(64-modelBits)])
	}
	hs[nh] = h
	return nh + 1, sum
}

// latinByte reports whether c is an ASCII letter, digit or apostrophe: a
// byte of a Latin word.
func latinByte(c byte) bool {
	return c-'a' < 26 || c-'0' < 10 || c-'A' < 26 || c == '\''
}

// hypoPair reports whether two Chinese characters open a hypothesis.
func hypoPair(a, b rune) bool {
	switch {
	case a == '如' && b == '果', a == '假' && (b == '如' || b == '设'), a == '万' && b == '一', a == '要' && b == '是':
		return true
	}
	return false
}

// negator reports whether the Latin word w negates what follows it.
func negator(w string) bool {
	switch w {
	case "not", "no", "never", "nothing", "none", "nobody", "without", "almost", "nearly", "didn't", "didnt",
		"don't", "dont", "doesn't", "doesnt", "wasn't", "wasnt", "weren't", "werent", "isn't", "isnt",
		"haven't", "havent", "hasn't", "hasnt", "won't", "wont", "neither", "nor":
		return true
	}
	return false
}

// mix spreads the bits of a hash so that its top bits index the model.
func mix(h uint64) uint64 {
	h ^= h >> 32
	return h * mixConstant
}

const utf8Self = 0x80

type kind uint8

const (
	kindLetter kind = iota // Latin letters and digits: words
	kindCJK                // Han, kana, Hangul: read as characters
	kindGap                // spaces and punctuation inside a sentence
	kindEnd                // punctuation that ends a sentence
)

func runeKind(r rune) kind {
	if r < utf8Self {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '\'':
			return kindLetter
		case r == '\n', r == '.', r == '!', r == '?', r == ';':
			return kindEnd
		case r >= 'A' && r <= 'Z':
			return kindLetter // normalize lower-cases them; raw text may not be
		}
		return kindGap
	}
	switch {
	case r == '。' || r == '！' || r == '？' || r == '…':
		return kindEnd
	case r >= 0x3040 && r <= 0x30FF, // kana (ー included)
		r >= 0x3400 && r <= 0x4DBF, r >= 0x4E00 && r <= 0x9FFF, r >= 0xF900 && r <= 0xFAFF, // Han
		r >= 0xAC00 && r <= 0xD7AF, // Hangul
		r >= 0xFF66 && r <= 0xFF9F: // half-width katakana
		return kindCJK
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		return kindLetter
	}
	return kindGap
}
