package triage

import (
	"strings"
	"unicode/utf8"
)

// normalize folds what users type into one form the lexicon is written in:
// ASCII lower case, full-width ASCII to half-width (Ｕ Ｓ Ｄ Ｔ, ？, ！), curly
// quotes to straight ones, hyphens and underscores to spaces ("look-alike",
// "12-word"), and runs of blanks to one space. Line breaks are kept: they end a
// sentence. Redaction markers are cut out and their kinds appended to kinds.
func normalize(dst []byte, s string, kinds []string) ([]byte, []string) {
	space := true // no leading space
	valid := utf8.ValidString(s)
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			j := i + 1
			for j < len(s) && ('a' <= s[j] && s[j] <= 'z' || '0' <= s[j] && s[j] <= '9') {
				j++
			}
			dst = append(dst, s[i:j]...)
			space = false
			i = j
			continue
		case c == ' ':
			if !space {
				dst = append(dst, ' ')
				space = true
			}
			i++
			continue
		case c < utf8.RuneSelf:
			i++
			switch {
			case c == '[' && hasFoldPrefix(s[i:], "redacted"):
				end := strings.IndexByte(s[i:], ']')
				if end < 0 {
					end = len(s) - i
				}
				kinds = append(kinds, markerKind(s[i+len("redacted"):i+end]))
				i += end + 1
				dst = newline(dst)
				space = true
			case c >= 'A' && c <= 'Z':
				dst = append(dst, c+'a'-'A')
				space = false
			case c == '\n':
				dst = newline(dst)
				space = true
			case c == '\t' || c == '\r' || c == '\v' || c == '\f' || c == '-' || c == '_':
				if !space {
					dst = append(dst, ' ')
					space = true
				}
			case c < ' ' || c == 0x7f:
				// control characters carry nothing
			default:
				dst = append(dst, c)
				space = false
			}
			continue
		case valid && !rewritten(s, i):
			// Only a few runes are rewritten; a run of other runes of valid
			// text is copied as is.
			j := i + runeLen(c)
			for j < len(s) && s[j] >= utf8.RuneSelf && !rewritten(s, j) {
				j += runeLen(s[j])
			}
			dst = append(dst, s[i:j]...)
			i = j
			space = false
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
			c := byte(r - 0xFEE0)
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c == '-' || c == '_' {
				if !space {
					dst = append(dst, ' ')
					space = true
				}
				continue
			}
			dst = append(dst, c)
			space = false
		case r == 0x3000 || r == 0xA0 || r == 0x2002 || r == 0x2003 || r == 0x2009 || r == 0x200B:
			if !space {
				dst = append(dst, ' ')
				space = true
			}
		case r == '\u2018' || r == '\u2019' || r == '\u02BC':
			dst = append(dst, '\'')
			space = false
		case r == '\u201C' || r == '\u201D':
			dst = append(dst, '"')
			space = false
		case r == '\u2028' || r == '\u2029':
			dst = newline(dst)
			space = true
		case r == utf8.RuneError && n == 1:
			// invalid byte: dropped so terms never match across it
		default:
			dst = utf8.AppendRune(dst, r)
			space = false
		}
	}
	return dst, kinds
}

// rewritten reports whether the rune of valid text starting at s[i] is one
// normalize changes: U+00A0, U+02BC, U+2000-U+203F, U+3000, U+FF00-U+FF7F.
func rewritten(s string, i int) bool {
	if i+1 >= len(s) {
		return false
	}
	switch s[i] {
	case 0xC2:
		return s[i+1] == 0xA0
	case 0xCA:
		return s[i+1] == 0xBC
	case 0xE2:
		return s[i+1] == 0x80
	case 0xE3:
		return s[i+1] == 0x80 && i+2 < len(s) && s[i+2] == 0x80
	case 0xEF:
		return s[i+1] == 0xBC || s[i+1] == 0xBD
	}
	return false
}

// newline ends a line without a blank before it.
func newline(dst []byte) []byte {
	if n := len(dst); n > 0 && dst[n-1] == ' ' {
		dst = dst[:n-1]
	}
	return append(dst, '\n')
}

// runeLen is the length of the UTF-8 sequence a lead byte announces, 0 for
// a byte that cannot lead one.
func runeLen(lead byte) int {
	switch {
	case lead >= 0xC2 && lead <= 0xDF:
		return 2
	case lead >= 0xE0 && lead <= 0xEF:
		return 3
	case lead >= 0xF0 && lead <= 0xF4:
		return 4
	}
	return 0
}

func hasFoldPrefix(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// markerKind turns the label of "[redacted: recovery phrase]" into the kind
// names the redact package reports ("recovery_phrase"). Anything else a user
// typed between the brackets becomes "secret", so no free text reaches a
// Reason.
func markerKind(label string) string {
	label = strings.ToLower(strings.Trim(label, " :\t"))
	label = strings.ReplaceAll(label, " ", "_")
	if label == "" || len(label) > 32 {
		return "secret"
	}
	for i := 0; i < len(label); i++ {
		if c := label[i]; (c < 'a' || c > 'z') && c != '_' {
			return "secret"
		}
	}
	return label
}

// isWordByte reports whether c continues an ASCII word, for term boundaries.
func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '\''
}

// segment is a clause: a stretch of text between punctuation or a contrast
// word ("but", "但是", "けど"), inside a sentence.
type segment struct {
	start, end int32
	sentence   int32 // index of the sentence the clause belongs to
	subject    bool  // the clause comes from the subject line
}

// punctTable marks the bytes segmentText must look at: ASCII punctuation
// that ends a clause or a sentence, and the lead bytes of 。 … 「」『』
// (full-width punctuation was folded to ASCII by normalize).
type punctTable [256]bool

func newPunctTable() *punctTable {
	var t punctTable
	for _, c := range []byte("\n!?;.,:()") {
		t[c] = true
	}
	t[0xE2], t[0xE3] = true, true
	return &t
}

// segmentText cuts text into clauses; those starting before subjectEnd are
// marked as the subject's. Sentences end at . ! ? ; 。 … and line breaks;
// clauses also at commas (、 too), colons, brackets, ellipses and at the
// extra break positions given (contrast words found by the lexicon, sorted).
// A full stop inside a number or a domain ("1.5 ETH", "opensea.io") and a
// thousands separator ("15,000") do not end anything.
func segmentText(dst []segment, text string, subjectEnd int, breaks []int32, punct *punctTable) []segment {
	start := 0
	sentence := int32(0)
	emit := func(end int, endsSentence bool) {
		if end > start {
			dst = append(dst, segment{start: int32(start), end: int32(end), sentence: sentence, subject: start < subjectEnd})
		}
		if endsSentence && len(dst) > 0 && dst[len(dst)-1].sentence == sentence {
			sentence++
		}
	}
	bi := 0
	for i := 0; i < len(text); i++ {
		// Skip to the next byte of interest or contrast word.
		for bi < len(breaks) && int(breaks[bi]) < i {
			bi++
		}
		limit := len(text)
		if bi < len(breaks) {
			limit = int(breaks[bi])
		}
		for i < limit && !punct[text[i]] {
			i++
		}
		if i >= len(text) {
			break
		}
		if i == limit {
			if i > start {
				emit(i, false)
				start = i
			}
			for bi < len(breaks) && int(breaks[bi]) <= i {
				bi++
			}
			if !punct[text[i]] {
				continue
			}
		}
		switch c := text[i]; c {
		case '\n', '!', '?', ';':
			emit(i, true)
			start = i + 1
		case '.':
			switch {
			case i+1 < len(text) && text[i+1] == '.':
				// An ellipsis pauses ("sent to TJx9... that i did not make"):
				// a clause ends, the sentence goes on.
				emit(i, false)
				for i+1 < len(text) && text[i+1] == '.' {
					i++
				}
				start = i + 1
			case i+1 >= len(text) || text[i+1] == ' ' || text[i+1] == '\n' || text[i+1] >= utf8.RuneSelf:
				emit(i, true)
				start = i + 1
			}
		case ',':
			if i > 0 && isDigit(text[i-1]) && i+3 < len(text) && isDigit(text[i+1]) && isDigit(text[i+2]) && isDigit(text[i+3]) {
				continue // a thousands separator: 15,000
			}
			emit(i, false)
			start = i + 1
		case ':', '(', ')':
			emit(i, false)
			start = i + 1
		case 0xE2, 0xE3:
			if i+2 >= len(text) || text[i+1] != 0x80 {
				continue
			}
			switch t := text[i+2]; {
			case c == 0xE3 && t == 0x82: // 。
				emit(i, true)
				start = i + 3
			case c == 0xE2 && t == 0xA6, c == 0xE3 && t == 0x81: // … 、
				emit(i, false)
				start = i + 3
			case c == 0xE3 && t >= 0x8C && t <= 0x8F: // 「」『』
				emit(i, false)
				start = i + 3
			}
		}
	}
	emit(len(text), true)
	return dst
}
