package chain

import (
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"
)

// Status is the outcome of a transaction as far as the nodes can tell.
type Status string

const (
	StatusConfirmed    Status = "confirmed"     // included and succeeded
	StatusFailed       Status = "failed"        // included, execution failed; the fee was paid
	StatusPending      Status = "pending"       // known to the node, not yet included
	StatusReplaced     Status = "replaced"      // its nonce was used by another transaction
	StatusDropped      Status = "dropped"       // gone from the pool, nonce still unused (or expired)
	StatusNotFound     Status = "not_found"     // no configured chain knows it
	StatusWrongNetwork Status = "wrong_network" // not on the asked chain, found on another one
)

// Finding is one fact about the transaction. Code is stable; Data holds the
// numbers behind Message (amounts in the smallest unit as decimal strings
// with a _wei/_sat/_sun suffix, and display strings beside them).
type Finding struct {
	Code    string         `json:"code"`
	Message string         `json:"message"`
	Data    map[string]any `json:"data,omitempty"`
}

// Advice is one thing to do. Data holds its numbers so that a wallet app can
// prefill, for example, a speed-up with the advised fees.
type Advice struct {
	Code    string         `json:"code"`
	Message string         `json:"message"`
	Data    map[string]any `json:"data,omitempty"`
}

// Diagnosis answers a Request.
type Diagnosis struct {
	Chain     string    `json:"chain"` // configured name where it was found (or the asked one)
	Hash      string    `json:"hash"`  // normalized (lower-case)
	Status    Status    `json:"status"`
	Findings  []Finding `json:"findings"`
	Advice    []Advice  `json:"advice"`
	Article   string    `json:"article,omitempty"` // help-center slug
	Locale    string    `json:"locale"`
	CheckedAt time.Time `json:"checked_at"`
}

// Request asks about one transaction. Chain and Address are optional.
type Request struct {
	Chain   string
	Hash    string
	Address string
	Locale  string
}

// fact is a finding or advice before localization: key picks the message
// template (a code may have several wordings), data fills it.
type fact struct {
	code string
	key  string
	data map[string]any
}

func newFact(code string, data map[string]any) fact { return fact{code: code, key: code, data: data} }

// variant is a fact whose wording differs from its code's default.
func variant(code, key string, data map[string]any) fact {
	return fact{code: code, key: key, data: data}
}

// result is a diagnosis before localization; the cache holds these.
type result struct {
	chain     string
	hash      string
	status    Status
	findings  []fact
	advice    []fact
	article   string
	checkedAt time.Time
}

func (r *result) find(f fact)   { r.findings = append(r.findings, f) }
func (r *result) advise(f fact) { r.advice = append(r.advice, f) }

func (r result) localize(loc desk.Locale) Diagnosis {
	d := Diagnosis{
		Chain: r.chain, Hash: r.hash, Status: r.status, Article: r.article,
		Locale: string(loc), CheckedAt: r.checkedAt,
		Findings: make([]Finding, 0, len(r.findings)),
		Advice:   make([]Advice, 0, len(r.advice)),
	}
	for _, f := range r.findings {
		d.Findings = append(d.Findings, Finding{Code: f.code, Message: render(loc, f.key, f.data), Data: copyData(f.data)})
	}
	for _, a := range r.advice {
		d.Advice = append(d.Advice, Advice{Code: a.code, Message: render(loc, a.key, a.data), Data: copyData(a.data)})
	}
	return d
}

// copyData keeps callers from mutating a cached result through a map.
func copyData(m map[string]any) map[string]any {
	if len(m) == 0 {
		return nil
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		if s, ok := v.([]string); ok {
			v = append([]string(nil), s...)
		}
		out[k] = v
	}
	return out
}
