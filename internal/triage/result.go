package triage

import (
	"slices"
	"strconv"
	"strings"
)

// Classify triages one request. It never fails: text that matches nothing
// is S4 with a reason saying so.
func (c *Classifier) Classify(in Input) Result {
	a := c.scratch.Get().(*analysis)
	defer c.scratch.Put(a)
	c.analyze(a, in.Subject, in.Body)
	res := c.lexicon(a, in)
	c.secondOpinion(a, c.model, &res)
	return res
}

// lexicon is the verdict of the lexicon alone on an analyzed request.
func (c *Classifier) lexicon(a *analysis, in Input) Result {
	outs := c.evaluate(a)

	type firedRule struct {
		ri   int
		term string
	}
	var firedRules []firedRule
	askedRule := -1
	a.s1Dismissed, a.s1Refused = false, false
	for ri := range c.rules {
		st := outs[ri].result()
		if c.rules[ri].level == S1 && (st == asked || st == negated) {
			a.s1Dismissed = true
		}
		if a.refused && c.rules[ri].refusable && st == fired {
			a.s1Refused = true
			continue // "they asked for my phrase; I didn't send it": told, not done
		}
		switch st {
		case fired:
			firedRules = append(firedRules, firedRule{ri, outs[ri].term})
		case asked:
			if askedRule < 0 || c.rules[ri].level < c.rules[askedRule].level {
				askedRule = ri
			}
		}
	}
	// Most urgent first; within a level, the rule order of the lexicon.
	slices.SortStableFunc(firedRules, func(x, y firedRule) int {
		return int(c.rules[x.ri].level) - int(c.rules[y.ri].level)
	})

	res := Result{Severity: S4}
	exposed := exposedKinds(in.Exposed, a.markers)
	if len(exposed) > 0 {
		res.Severity = S1
		res.Topic = "phrase-exposed"
		res.Reasons = append(res.Reasons, Reason{Code: "secret_exposed", Params: map[string]string{"kinds": strings.Join(exposed, ",")}})
	}
	problem := res.Severity < S4 || len(firedRules) > 0 && c.rules[firedRules[0].ri].level < S4
	var seen []string
	for _, f := range firedRules {
		r := &c.rules[f.ri]
		if r.level == S4 && problem {
			continue // thanks and wishes do not explain a real problem
		}
		if slices.Contains(seen, r.code) {
			continue
		}
		seen = append(seen, r.code)
		res.Severity = min(res.Severity, r.level)
		if res.Topic == "" {
			res.Topic = c.topicOf(a, f.ri)
		}
		var params map[string]string
		if f.term != "" && r.level < S4 {
			params = map[string]string{"term": f.term}
		}
		res.Reasons = append(res.Reasons, Reason{Code: r.code, Params: params})
	}

	amount := max(in.AmountUSD, textAmountUSD(a.text))
	if amount >= c.large && res.Severity <= S3 {
		reason := Reason{Code: "amount_at_risk", Params: map[string]string{
			"amount": formatUSD(amount), "threshold": formatUSD(c.large)}}
		if res.Severity == S3 {
			res.Severity = S2
			res.Reasons = slices.Insert(res.Reasons, 0, reason)
		} else {
			res.Reasons = append(res.Reasons, reason)
		}
	}
	if in.Urgent && res.Severity >= S3 {
		// One level up, never above S2: urgency is the requester's word, the
		// lexicon's S1 is kept for what the text shows.
		res.Severity--
		res.Reasons = slices.Insert(res.Reasons, 0, Reason{Code: "requester_urgent"})
	}

	if res.Topic == "" && askedRule >= 0 {
		res.Topic = c.topicOf(a, askedRule)
	}
	if res.Topic == "" {
		res.Topic = c.hintedTopic(a)
	}
	if onlyContext(res.Reasons) {
		switch {
		case askedRule >= 0 && c.rules[askedRule].level <= S2:
			res.Reasons = append(res.Reasons, Reason{Code: "question_about", Params: map[string]string{"term": outs[askedRule].askedTerm}})
		case a.question || askedRule >= 0:
			res.Reasons = append(res.Reasons, Reason{Code: "how_to_question"})
		default:
			res.Reasons = append(res.Reasons, Reason{Code: "general_inquiry"})
		}
	}

	res.Category = in.Category
	topicCat := TopicCategory(res.Topic)
	switch {
	case res.Severity == S1 && topicCat == Security:
		res.Category = Security
	case !res.Category.Valid():
		res.Category = topicCat
		if res.Category == "" {
			res.Category = Other
		}
	}
	return res
}

// onlyContext reports whether no reason yet says what the request is about
// (urgency alone does not).
func onlyContext(rs []Reason) bool {
	for _, r := range rs {
		if r.Code != "requester_urgent" {
			return false
		}
	}
	return true
}

func (c *Classifier) topicOf(a *analysis, ri int) string {
	for i, tids := range c.refine[ri] {
		for _, id := range tids {
			if id >= 0 && a.has(id) {
				return c.rules[ri].refine[i].topic
			}
		}
	}
	return c.rules[ri].topic
}

// hintedTopic scores topics by the words present, for requests no rule
// explains (how-to questions mostly).
func (c *Classifier) hintedTopic(a *analysis) string {
	scores := make([]int, len(c.hints))
	for _, h := range a.hits {
		for _, r := range c.refs[h.id] {
			if r.kind == refHint {
				scores[r.a] += c.hints[r.a].weight
			}
		}
	}
	best, bestScore := "", 0
	total := map[string]int{}
	for i, s := range scores {
		if s == 0 {
			continue
		}
		t := c.hints[i].topic
		total[t] += s
		if total[t] > bestScore {
			best, bestScore = t, total[t]
		}
	}
	return best
}

// exposedKinds merges the redactor's kinds with markers found in the text.
func exposedKinds(given, markers []string) []string {
	var out []string
	for _, k := range append(slices.Clip(given), markers...) {
		k = strings.TrimSpace(k)
		if k != "" && !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

// formatUSD writes 25000 as "25,000".
func formatUSD(v float64) string {
	s := strconv.FormatFloat(v, 'f', 0, 64)
	if len(s) <= 3 {
		return s
	}
	var b strings.Builder
	pre := len(s) % 3
	if pre > 0 {
		b.WriteString(s[:pre])
	}
	for i := pre; i < len(s); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}
