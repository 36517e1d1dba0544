package triage

import "unicode/utf8"

// outcome is what one rule found in one request.
type outcome struct {
	subject, body   status // best status seen in the subject line and in the body
	term, askedTerm string // the event term that fired, and one that was only asked about
}

// evalScratch is the per-request working memory of evaluate.
type evalScratch struct {
	out     []outcome
	mask    []uint8 // per rule, the groups seen in the current span
	vetoed  []bool
	first1  []int32 // first group-1 term, for distinct1
	two1    []bool
	firstID []int32 // first term that set a group, so that one word never fills two groups
	twoIDs  []bool
	touched []int
}

// evaluate runs every rule over its scope (clauses or sentences).
func (c *Classifier) evaluate(a *analysis) []outcome {
	e := &a.eval
	n := len(c.rules)
	e.out, e.mask, e.vetoed = resize(e.out, n), resize(e.mask, n), resize(e.vetoed, n)
	e.first1, e.two1 = resize(e.first1, n), resize(e.two1, n)
	e.firstID, e.twoIDs = resize(e.firstID, n), resize(e.twoIDs, n)
	out, mask, vetoed, first1, two1 := e.out, e.mask, e.vetoed, e.first1, e.two1
	firstID, twoIDs := e.firstID, e.twoIDs
	touched := e.touched[:0]
	defer func() { e.touched = touched }()

	for sc := range numScopes {
		for i := 0; i < len(a.clauses); {
			j := i + 1
			switch sc {
			case inSentence:
				for j < len(a.clauses) && a.clauses[j].sentence == a.clauses[i].sentence {
					j++
				}
			case inRequest:
				j = len(a.clauses)
			}
			lo, hi := int(a.clauseHits[i]), int(a.clauseHits[j])
			touched = touched[:0]
			for k := lo; k < hi; k++ {
				id := a.hits[k].id
				for _, rf := range c.rrefs[sc][id] {
					if mask[rf.a] == 0 && !vetoed[rf.a] {
						touched = append(touched, int(rf.a))
						first1[rf.a] = -1
						firstID[rf.a] = -1
					}
					if rf.kind == refVeto {
						vetoed[rf.a] = true
						continue
					}
					mask[rf.a] |= 1 << rf.b
					if firstID[rf.a] < 0 {
						firstID[rf.a] = id
					} else if firstID[rf.a] != id {
						twoIDs[rf.a] = true
					}
					if rf.b == 1 {
						if first1[rf.a] < 0 {
							first1[rf.a] = id
						} else if first1[rf.a] != id {
							two1[rf.a] = true
						}
					}
				}
			}
			for _, ri := range touched {
				r := &c.rules[ri]
				full := mask[ri] == uint8(1<<len(r.groups))-1 && (len(r.groups) == 1 || twoIDs[ri])
				if full && !vetoed[ri] && (!r.distinct1 || two1[ri]) {
					c.judgeSpan(a, ri, i, j, &out[ri])
				}
				mask[ri], vetoed[ri], two1[ri], twoIDs[ri] = 0, false, false, false
			}
			i = j
		}
	}
	return out
}

// judgeSpan judges every event term of rule ri in clauses [from, to).
func (c *Classifier) judgeSpan(a *analysis, ri, from, to int, o *outcome) {
	r := &c.rules[ri]
	for cl := from; cl < to; cl++ {
		for k := int(a.clauseHits[cl]); k < int(a.clauseHits[cl+1]); k++ {
			h := a.hits[k]
			if !c.isEvent(h.id, ri) || r.lead > 0 && !c.ledBy(a, ri, cl, k) {
				continue
			}
			st := c.judge(a, r, cl, k)
			term := c.terms[h.id]
			if a.clauses[cl].subject {
				o.subject = max(o.subject, st)
			} else {
				o.body = max(o.body, st)
			}
			switch {
			case st == fired && o.term == "":
				o.term = term
			case st == asked && o.askedTerm == "":
				o.askedTerm = term
			}
		}
	}
}

func (c *Classifier) isEvent(id int32, ri int) bool { return c.inGroup(id, ri, 0) }

func (c *Classifier) inGroup(id int32, ri, g int) bool {
	for _, rf := range c.refs[id] {
		if rf.kind == refRule && int(rf.a) == ri && int(rf.b) == g {
			return true
		}
	}
	return false
}

// ledBy reports whether the event hit k of rule ri has a term of the rule's
// lead group before it in its clause, close enough: the agent of a passive
// (被人转走, 誰かに移され), the object of 把 (把助记词给了), the subject of an
// English verb (someone swapped).
func (c *Classifier) ledBy(a *analysis, ri, cl, k int) bool {
	r := &c.rules[ri]
	h := a.hits[k]
	for j := k - 1; j >= int(a.clauseHits[cl]); j-- {
		n := a.hits[j]
		if n.end > h.start || !c.inGroup(n.id, ri, r.lead) {
			continue
		}
		gap := a.text[n.end:h.start]
		if a.text[n.start] < utf8.RuneSelf && a.text[h.start] < utf8.RuneSelf {
			if words(gap) <= r.leadGap {
				return true
			}
		} else if utf8.RuneCountInString(gap) <= r.leadGap {
			return true
		}
	}
	return false
}

// result folds the outcomes into a status per rule: a subject line that
// only names what the body asks about ("Hacked?" over "what should I do if my
// wallet gets hacked?") is a title, not a report.
func (o outcome) result() status {
	if o.body == fired {
		return fired
	}
	if o.subject == fired {
		if o.body == asked || o.body == negated {
			return o.body
		}
		return fired
	}
	return max(o.subject, o.body)
}
