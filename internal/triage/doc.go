// Package triage decides how urgent a support request is (S1..S4), which
// help-center topic it is most likely about, and why, from the request text
// alone. It is pure: no I/O, no clock, no globals; the same input always gives
// the same result, so a requester and an agent can be shown the same reasons.
//
// The classifier is a lexicon of events in English, simplified Chinese and
// Japanese (mixed text included) read clause by clause, so that reporting an
// event ("my wallet was drained") is told apart from asking about it ("what
// should I do if my wallet gets drained?"), from a negation ("I did not share
// my phrase") and from a hypothesis ("如果助记词丢了").
//
// A rule is a set of word groups that must meet within a clause, a sentence
// or the whole request. Beyond meeting, a rule may ask for word order (the
// agent of a Chinese passive before its verb: 被人转走, the object of 把
// before its verb), and one word never fills two groups. The lexicon is
// written once per meaning and spelled out by generators: Japanese verbs in
// every form that says they were done (教えていた, 送っちゃった), with the
// particle users put inside a suru-verb (入金がされない) and the negative ず;
// English contractions, clitics (he's) and one-letter slips of the words
// that decide an S1 (drianed, stollen). What is said around an event decides
// whether it counts: a negation (Japanese after a tail of particles:
// 盗まれたとかではない), a question, an intention (我想把…), hearsay or a
// friend's loss (unless it happened this morning), a question whether a
// recovery service is legit, a refusal (我没发) that ends a request for a
// phrase, and funds said to be still there.
//
// A lexicon keeps meeting new wording: each fresh evaluation set found S1
// requests it missed. A second opinion that generalizes over wording
// follows it (model.go, features.go, second_opinion.go): a logistic
// regression over hashed character n-grams and Latin words, trained on the
// evaluation sets by go generate and embedded, gives the odds that a
// request is S1. When the lexicon says S2-S4 and the odds are high, the
// request becomes S1 with the reason possible_loss_review, so that a person
// looks at it now; much higher odds are needed when the lexicon reads a
// question, thanks, a denial or the user's own phrase rejected on import,
// and a refusal is never raised. The model never lowers anything.
package triage
