package redact

// Redaction describes one replaced secret.
type Redaction struct {
	Kind       Kind
	Start, End int    // byte offsets of the marker in Result.Text
	Words      int    // number of phrase words removed (0 for keys)
	Language   string // wordlist language for phrases ("english", "chinese_simplified", ...), "" otherwise
}

// Result is redacted text and what was removed from it.
type Result struct {
	Text       string
	Redactions []Redaction
}

// Redacted reports whether any secret was replaced.
func (r Result) Redacted() bool { return len(r.Redactions) > 0 }

// Has reports whether a secret of kind k was replaced.
func (r Result) Has(k Kind) bool {
	for _, d := range r.Redactions {
		if d.Kind == k {
			return true
		}
	}
	return false
}
