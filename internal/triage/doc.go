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
package triage
