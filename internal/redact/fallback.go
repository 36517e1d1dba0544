package redact

import (
	"strings"
	"unicode/utf8"
)

// fallback catches a labelled phrase in a list this package does not hold
// (Portuguese, see README.md; or any list added to BIP39 later): a phrase
// label followed, within a few tokens, by twelve or more plain words in a
// row with no function word among them. Prose after a label ("my recovery
// phrase is lost and I need...") always has function words.
func (d *detector) fallback() []span {
	var out []span
	toks := d.toks
	for _, li := range d.labelToks {
		if toks[li].label&labelPhrase == 0 {
			continue
		}
		k := li + 1
		for skipped := 0; k < len(toks) && skipped < 3 && !toks[k].brk && (toks[k].label != 0 || d.stopWord(k) || toks[k].kind == tNum); k++ {
			if toks[k].kind != tNum {
				skipped++
			}
		}
		first, last, n := -1, -1, 0
		for ; k < len(toks); k++ {
			tk := &toks[k]
			if tk.brk && n > 0 {
				break
			}
			if tk.kind == tNum {
				continue
			}
			w := d.s[tk.start:tk.end]
			if tk.kind != tWord || !isLatin(w) || utf8.RuneCountInString(w) < 3 || utf8.RuneCountInString(w) > 12 || d.stopWord(k) {
				break
			}
			if first < 0 {
				first = k
			}
			last = k
			n++
		}
		if n >= minUnlabelled && n <= 24 {
			out = append(out, span{start: int(toks[first].start), end: int(toks[last].end), kind: RecoveryPhrase, words: n})
		}
	}
	return out
}

// stopWord reports a function word; the words are all letters, so only a
// word token can be one (Chinese prose is full of tokens that cannot).
func (d *detector) stopWord(k int) bool {
	return d.toks[k].kind == tWord && d.t.stop[d.lower(k)]
}

func (d *detector) lower(k int) string {
	return strings.ToLower(d.s[d.toks[k].start:d.toks[k].end])
}

// stopWordList are function words of languages written in Latin script.
const stopWordList = `the and is are was were to of in it my i you a an for on with that this not but or be
		have has had do does did can could will would should please help what why how when where so if at by from we me
		he she they them his her their our your its am been there then than as just also very too all any some no yes
		here now lost stolen gone safe still again because about into out up down over after before
		e o os as um uma de da do dos das em no na nos nas que não nao para por com se mas meu minha é foi eu ele ela
		el la los las y en es mi lo un una le les des et est je mon ma il di che non per con sono ho ha mia mio
		und der die das ist ich nicht mit`
