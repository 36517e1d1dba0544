package redact

import "strings"

// englishGrammarWords are the words of the English list that ordinary
// sentences lean on: pronouns, auxiliaries, quantifiers, adverbs of time
// and place. A random phrase draws one of them about once in 37 words;
// an English sentence that happens to be made of list words ("you have
// more than one wallet, you") is full of them.
const englishGrammarWords = `that have you this they say will one all there what about when make can like
	just know into other then now only also any because very more much such own same few must need still
	again never always before between during across around behind above below near next`

// grammarHeavy reports that the English run first..last reads as a
// sentence: at least half its words, and at least four, are grammar
// words. Random phrases of 6 to 11 words do so less than once in 25,000.
func (d *detector) grammarHeavy(first, last, total int) bool {
	need := max(4, (total+1)/2)
	n := 0
	for i := first; i <= last; i++ {
		tk := &d.toks[i]
		if tk.kind != tWord {
			continue
		}
		if d.t.grammar[strings.ToLower(d.s[tk.start:tk.end])] {
			n++
		}
	}
	return n >= need
}
