package kb

import (
	"html"
	"html/template"
	"sort"
	"strings"
	"unicode/utf8"
)

// snippetRunes is the length of a result snippet.
const snippetRunes = 160

// Snippet is an excerpt of an article around the words of a query, as plain
// text and as HTML with the matches in <mark>.
type Snippet struct {
	Text string
	HTML template.HTML
}

// passage is a sentence or short paragraph of an article, with its
// lower-case form, split once when the article is loaded.
type passage struct {
	text, lower string
}

func splitPassages(plain string) []passage {
	segs := segments(plain)
	out := make([]passage, len(segs))
	for i, s := range segs {
		out[i] = passage{s, strings.ToLower(s)}
	}
	return out
}

// makeSnippet picks the passage that holds the most distinct query terms
// and marks them. terms come from the locale's analyzer: stems for Latin
// words, bigrams for CJK, so a plain substring test finds their
// occurrences in the original text.
func makeSnippet(ps []passage, fallback string, terms []string) Snippet {
	best, bestScore := "", 0
	for _, p := range ps {
		score := 0
		for _, t := range terms {
			if strings.Contains(p.lower, t) {
				score++
			}
		}
		if score > bestScore {
			best, bestScore = p.text, score
		}
	}
	if best == "" {
		best = fallback
	}
	best = clip(best, terms)
	return Snippet{Text: best, HTML: highlight(best, terms)}
}

// segments splits text into lines and long lines into sentences.
func segments(plain string) []string {
	var out []string
	for _, line := range strings.Split(plain, "\n") {
		if utf8.RuneCountInString(line) <= snippetRunes {
			out = append(out, line)
			continue
		}
		start := 0
		for i, r := range line {
			if r == '。' || r == '！' || r == '？' || ((r == '.' || r == '!' || r == '?') && i+1 < len(line) && line[i+1] == ' ') {
				end := i + utf8.RuneLen(r)
				out = append(out, strings.TrimSpace(line[start:end]))
				start = end
			}
		}
		if s := strings.TrimSpace(line[start:]); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// clip shortens s to about snippetRunes runes, keeping the first match in view.
func clip(s string, terms []string) string {
	if utf8.RuneCountInString(s) <= snippetRunes {
		return s
	}
	low := strings.ToLower(s)
	first := -1
	for _, t := range terms {
		if i := strings.Index(low, t); i >= 0 && (first < 0 || i < first) {
			first = i
		}
	}
	runes := []rune(s)
	startRune := 0
	if first > 0 && len(low) == len(s) {
		startRune = max(0, utf8.RuneCountInString(s[:first])-snippetRunes/4)
	}
	endRune := min(len(runes), startRune+snippetRunes)
	out := string(runes[startRune:endRune])
	if startRune > 0 {
		out = "…" + out
	}
	if endRune < len(runes) {
		out += "…"
	}
	return out
}

// highlight escapes s and wraps every occurrence of a term in <mark>.
func highlight(s string, terms []string) template.HTML {
	low := strings.ToLower(s)
	if len(low) != len(s) {
		// Lower-casing changed byte lengths (rare scripts): offsets would not
		// line up, so show the text without marks rather than mark it wrongly.
		return template.HTML(html.EscapeString(s))
	}
	type span struct{ start, end int }
	var spans []span
	for _, t := range terms {
		if t == "" {
			continue
		}
		for from := 0; ; {
			i := strings.Index(low[from:], t)
			if i < 0 {
				break
			}
			spans = append(spans, span{from + i, from + i + len(t)})
			from += i + len(t)
		}
	}
	if len(spans) == 0 {
		return template.HTML(html.EscapeString(s))
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	merged := spans[:1]
	for _, sp := range spans[1:] {
		last := &merged[len(merged)-1]
		if sp.start <= last.end {
			last.end = max(last.end, sp.end)
		} else {
			merged = append(merged, sp)
		}
	}
	var b strings.Builder
	prev := 0
	for _, sp := range merged {
		b.WriteString(html.EscapeString(s[prev:sp.start]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(s[sp.start:sp.end]))
		b.WriteString("</mark>")
		prev = sp.end
	}
	b.WriteString(html.EscapeString(s[prev:]))
	return template.HTML(b.String())
}
