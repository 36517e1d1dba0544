package triage

import "strings"

// Severity orders requests for agents; S1 is the most urgent. The meaning of
// each level is the triage contract in DESIGN.md.
type Severity int

const (
	S1 Severity = 1 // assets are being lost or a secret is exposed, now
	S2 Severity = 2 // funds inaccessible or in limbo, or a large amount at stake
	S3 Severity = 3 // a concrete problem, no funds at risk
	S4 Severity = 4 // how-to, information, feedback
)

func (s Severity) String() string {
	switch s {
	case S1:
		return "S1"
	case S2:
		return "S2"
	case S3:
		return "S3"
	case S4:
		return "S4"
	}
	return "S?"
}

// Valid reports whether s is one of S1..S4.
func (s Severity) Valid() bool { return s >= S1 && s <= S4 }

// ParseSeverity accepts "S1".."S4" in any case, with surrounding space.
func ParseSeverity(v string) (Severity, bool) {
	v = strings.TrimSpace(v)
	if len(v) != 2 || (v[0] != 'S' && v[0] != 's') || v[1] < '1' || v[1] > '4' {
		return 0, false
	}
	return Severity(v[1] - '0'), true
}
