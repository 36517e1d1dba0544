package triage

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The spelling generators below let one lexicon entry cover the ways users
// write it: Japanese conjugation and particles, English contractions.

// jaDid spells a Japanese verb in the forms that say it was done, from its
// masu stem and te form (教え, 教えて): 教えました, 教えた, 教えてしまった,
// 教えちゃった, 教えていた, 教えてた. No form ends inside a negation
// (教えていません, 教えちゃだめ), which is judged as usual.
func jaDid(masu, te string) []string {
	stem, last := te[:len(te)-len("て")], "た"
	if strings.HasSuffix(te, "で") {
		last = "だ"
	}
	cha := "ちゃ"
	if last == "だ" {
		cha = "じゃ"
	}
	return []string{masu + "まし", stem + last, te + "しま", stem + cha + "っ", stem + cha + "い", te + "いた",
		te + "います", te + "いました", te + "いる", te + "た"}
}

// jaAsked spells the request forms of the same verb (教えてください,
// 教えていただけますか, 教えてほしい): asking someone to do it, not doing it.
// They hide the shorter done forms inside them (教えていた in 教えていただ).
func jaAsked(te string) []string {
	return []string{te + "いただ", te + "くださ", te + "下さ", te + "ほしい", te + "もらえ", te + "くれ"}
}

// japaneseVariants spells a Japanese verb ending the other ways users
// write it, so that one entry covers the plain and polite forms and the
// progressive: 教えてしまった / 教えてしまいました, 反映されない / 反映されません /
// 反映されていない / 反映されていません / 反映されてない. Stems that change
// before ません (届かない, 届きません) are listed by hand.
func japaneseVariants(term string) []string {
	var out []string
	for _, p := range [][2]string{{"しまっ", "しまい"}, {"しまい", "しまっ"}, {"ちゃっ", "ちゃい"}, {"ちゃい", "ちゃっ"}} {
		if stem, ok := strings.CutSuffix(term, p[0]); ok {
			return append(out, stem+p[1])
		}
	}
	progressive := []string{"ていない", "ていません", "てない", "てません", "ておらず", "ていなかった", "てなかった"}
	for _, suf := range progressive {
		if stem, ok := strings.CutSuffix(term, suf); ok {
			for _, other := range progressive {
				if other != suf {
					out = append(out, stem+other)
				}
			}
			return out
		}
	}
	for _, suf := range []string{"ない", "ません"} {
		stem, ok := strings.CutSuffix(term, suf)
		if !ok || !ichidanStem(stem) {
			continue
		}
		for _, other := range []string{"ない", "ません", "ていない", "ていません", "てない", "ず", "ておらず", "なかった"} {
			if other != suf {
				out = append(out, stem+other)
			}
		}
		return out
	}
	return nil
}

// suruParticle spells a Japanese noun+する term with the particle users put
// between them: 入金されない as 入金がされない and 入金はされない, 承認した as
// 承認をした. The noun is two or more kanji; the verb starts with さ or し.
func suruParticle(term string) []string {
	i, n := 0, 0
	for _, r := range term {
		if !unicode.Is(unicode.Han, r) {
			break
		}
		i += utf8.RuneLen(r)
		n++
	}
	if n < 2 || i >= len(term) {
		return nil
	}
	noun, verb := term[:i], term[i:]
	switch {
	case strings.HasPrefix(verb, "さ"):
		return []string{noun + "が" + verb, noun + "は" + verb, noun + "も" + verb}
	case strings.HasPrefix(verb, "し"):
		return []string{noun + "を" + verb}
	}
	return nil
}

// shortKatakana reports whether term is a katakana word of at most three
// runes: such a word is often the tail of a longer one (コイン in ビットコイン).
func shortKatakana(term string) bool {
	n := 0
	for _, r := range term {
		if !isKatakana(r) {
			return false
		}
		n++
	}
	return n <= 3
}

func isKatakana(r rune) bool { return r >= 'ァ' && r <= 'ヺ' || r == 'ー' }

// ichidanStem reports whether a verb stem takes ない and ません unchanged
// (されない/されません, できない/できません, 見えない/見えません).
func ichidanStem(stem string) bool {
	r, _ := utf8.DecodeLastRuneInString(stem)
	return strings.ContainsRune("えけせてねへめれげぜでべぺきみいり", r)
}

// contractionVariants spells an English negative contraction the other ways
// users type it: "hasn't" as "hasnt" and "has not", "can't" as "cant" and
// "cannot" or "can not".
func contractionVariants(term string) []string {
	i := strings.Index(term, "n't")
	if i < 0 {
		return nil
	}
	head, tail := term[:i], term[i+3:]
	full := head + " not"
	switch {
	case strings.HasSuffix(head, "ca"): // can't
		return []string{head + "nt" + tail, head + "nnot" + tail, head + "n not" + tail}
	case strings.HasSuffix(head, "wo"): // won't
		full = head[:len(head)-2] + "will not"
	}
	return []string{head + "nt" + tail, full + tail}
}

// typoVariants spells the longest word of an English term (six letters or
// more) with one slip inside it, the way hurried users type: two letters
// swapped (drianed, hakced), one dropped (privte, recovry) or doubled
// (stollen). The first letter is kept: it is rarely wrong, and keeping it
// keeps the variants from landing on other words.
func typoVariants(term string) []string {
	start, end := 0, 0
	for i := 0; i < len(term); {
		j := i
		for j < len(term) && term[j] >= 'a' && term[j] <= 'z' {
			j++
		}
		if j-i > end-start {
			start, end = i, j
		}
		i = j + 1
	}
	w := term[start:end]
	if len(w) < 6 {
		return nil
	}
	var out []string
	seen := map[string]bool{w: true}
	emit := func(v string) {
		if !seen[v] {
			seen[v] = true
			out = append(out, term[:start]+v+term[end:])
		}
	}
	for i := 1; i < len(w); i++ {
		if i+1 < len(w) {
			emit(w[:i] + w[i+1:i+2] + w[i:i+1] + w[i+2:]) // swap i, i+1
		}
		if i < len(w)-1 {
			emit(w[:i] + w[i+1:]) // drop i
		}
		emit(w[:i+1] + w[i:]) // double i
	}
	return out
}
