// Package ticketsearch is the agents' full-text index over ticket subjects
// and messages (public replies and internal notes, all stored redacted).
// It uses the help center's analysis: CJK runs become overlapping
// two-character terms, so a two-character Chinese word (转账, 助记) or a
// kana word matches inside longer text without a dictionary, and Latin
// words are lower-cased and stemmed.
//
// The index is derived data kept by each replica for itself: it tails new
// messages by id from the database, re-indexing the tickets they belong to,
// and it is rebuilt from the database when missing.
package ticketsearch
