package triage

import (
	"slices"
	"unicode/utf8"
)

// reviewCode is the reason given when the model, not the lexicon, makes a
// request S1: the text may describe a loss in words the lexicon does not
// know, so a person reads it now rather than in a day.
const reviewCode = "possible_loss_review"

// secondOpinion raises res to S1 when the lexicon placed it S2-S4 and model
// m reads the text as an S1 request. A lexicon S1 is never touched, and
// nothing is ever lowered. The model's likeliest false alarms are requests
// full of S1 words that the lexicon has understood otherwise: a how-to
// question about an S1 topic ("how do I keep my phrase safe?"), a denial
// ("nothing was stolen, I just can't find my USDC"), thanks and feature
// requests, and an import error: the user typed their own phrase into the
// wallet app ("'invalid mnemonic' when I type my 12 words"), which the model
// takes for a phrase typed into a site. There the model must be much surer.
//
// A refusal ("someone asked for my phrase; I didn't send it", 我没发) is
// the one reading the model is not asked about: it leaves the object out,
// so no n-gram shows what was refused, and the model takes the request for
// the secret as the secret given.
func (c *Classifier) secondOpinion(a *analysis, m *model, res *Result) {
	if m == nil || res.Severity == S1 || a.s1Refused {
		return
	}
	a.feat.read(a.text, m)
	limit := m.raise
	if strictReading(a, res.Reasons) {
		limit = m.raiseQuestion
	}
	if m.logit(&a.feat) < limit {
		return
	}
	res.Severity = S1
	res.Reasons = slices.Insert(res.Reasons, 0, Reason{Code: reviewCode})
}

// The model reads at most modelHead bytes from the start of a request (the
// subject and how the story begins) and modelTail bytes from its end (how it
// ends: "and this morning it was all gone"). The lexicon reads everything;
// the cap keeps Classify of a 2 KB request under 50 µs. Requests in the
// training sets are all shorter than the cap.
const (
	modelHead = 768
	modelTail = 256
)

// read extracts what the model reads of text: all of it, or its head and
// its tail.
func (f *features) read(text string, m *model) {
	if len(text) <= modelHead+modelTail {
		f.extract(text, m)
		return
	}
	f.extract(text[:runeStart(text, modelHead)], m)
	f.more(text[runeStart(text, len(text)-modelTail):], m)
}

// runeStart moves i back to the start of the rune it falls in.
func runeStart(s string, i int) int {
	for i > 0 && i < len(s) && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}

// strictReading reports whether the lexicon has read the request as
// something other than an S1 event in so many words: an S4 pattern (a
// question, thanks, a wish), the user's own phrase rejected on import, or
// an S1 event it read as denied or asked about.
func strictReading(a *analysis, rs []Reason) bool {
	if a.s1Dismissed {
		return true
	}
	for _, r := range rs {
		switch r.Code {
		case "question_about", "how_to_question", "feedback", "feature_request", "import_error":
			return true
		}
	}
	return false
}
