package kb

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/walletdesk/walletdesk/internal/desk"
)

// Synonyms holds, per locale, groups of words users use for the same thing
// ("stuck, pending, unconfirmed"; "打包中, 未确认, 卡住"). A query that names
// one member is expanded with the others, at a lower weight than what was
// typed. Groups come from content/synonyms/<locale>.txt: one group per line,
// members separated by commas, # starts a comment.
type Synonyms struct {
	groups map[desk.Locale][][]string
}

// maxExpansions bounds how many extra terms one query may gain.
const maxExpansions = 16

// LoadSynonyms reads synonyms/<locale>.txt for every locale present in fsys.
func LoadSynonyms(fsys fs.FS) (*Synonyms, error) {
	s := &Synonyms{groups: map[desk.Locale][][]string{}}
	for _, loc := range desk.Locales {
		name := path.Join("synonyms", string(loc)+".txt")
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			continue
		}
		g, err := parseSynonyms(b)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		s.groups[loc] = g
	}
	return s, nil
}

func parseSynonyms(b []byte) ([][]string, error) {
	var groups [][]string
	sc := bufio.NewScanner(bytes.NewReader(b))
	n := 0
	for sc.Scan() {
		n++
		line, _, _ := strings.Cut(sc.Text(), "#")
		var g []string
		for _, m := range strings.Split(line, ",") {
			if m = normalizeQuery(m); m != "" {
				g = append(g, m)
			}
		}
		switch len(g) {
		case 0:
		case 1:
			return nil, fmt.Errorf("line %d: a group needs at least two members", n)
		default:
			groups = append(groups, g)
		}
	}
	return groups, sc.Err()
}

// Expand returns the members of every group that text names, minus what
// text already contains. text must be normalized (normalizeQuery). English
// groups also apply in other locales, since users mix English terms in.
func (s *Synonyms) Expand(loc desk.Locale, text string) []string {
	var out []string
	seen := map[string]bool{}
	add := func(groups [][]string) {
		for _, g := range groups {
			hit := false
			for _, m := range g {
				if containsTerm(text, m) {
					hit = true
					break
				}
			}
			if !hit {
				continue
			}
			for _, m := range g {
				if len(out) >= maxExpansions {
					return
				}
				if !seen[m] && !strings.Contains(text, m) {
					seen[m] = true
					out = append(out, m)
				}
			}
		}
	}
	add(s.groups[loc])
	if loc != desk.English {
		add(s.groups[desk.English])
	}
	return out
}

// containsTerm reports whether term occurs in text: anywhere for CJK terms
// (there are no spaces between CJK words), on word boundaries otherwise, so
// that "gas" does not fire inside "vegas".
func containsTerm(text, term string) bool {
	if hasCJK(term) {
		return strings.Contains(text, term)
	}
	for from := 0; ; {
		i := strings.Index(text[from:], term)
		if i < 0 {
			return false
		}
		start, end := from+i, from+i+len(term)
		if boundaryBefore(text, start) && boundaryAfter(text, end) {
			return true
		}
		from = start + 1
	}
}

func hasCJK(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
			return true
		}
	}
	return false
}

func boundaryBefore(s string, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r) || unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
}

func boundaryAfter(s string, i int) bool {
	if i >= len(s) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r) || unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
}
