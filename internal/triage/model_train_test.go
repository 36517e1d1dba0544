package triage

import (
	"math"
	"path/filepath"
	"slices"
	"testing"
)

// Training of the second opinion. It lives in a test file so that none of
// it is in the binary; TestGenerateModel runs it (go generate) and checks
// that the embedded model is what the committed data gives.

// trainingSets are the sets the model learns from: every labelled set of
// testdata (blind4.jsonl and blind5.jsonl each joined after its first run,
// see the README). The shared dev set is left out on purpose: it is outside
// the repository, and the model must be reproducible from the repository
// alone.
var trainingSets = []string{"cases.jsonl", "holdout.jsonl", "blind.jsonl", "blind2.jsonl", "blind3.jsonl", "blind4.jsonl", "blind5.jsonl"}

// trainParams are the choices of the regression. They were compared by
// cross-validation on the training sets (see TestSecondOpinionCrossValidation).
type trainParams struct {
	epochs    int     // passes over the data
	rate      float64 // AdaGrad step
	l2        float64 // ridge penalty per update
	posWeight float64 // weight of an S1 example against a non-S1 one
	folds     int     // k of the k-fold cross-validation
	seed      uint64  // order of the examples in each pass
	// Thresholds are the smallest that keep, on held-out folds, the share of
	// non-S1 requests raised to S1 at or under these rates.
	maxRaise, maxRaiseQuestion float64
}

var defaultTrainParams = trainParams{
	epochs: 30, rate: 0.5, l2: 1e-4, posWeight: 1.5, folds: 10, seed: 1,
	maxRaise: 0.03, maxRaiseQuestion: 0.005,
}

// example is one labelled request as the model sees it.
type example struct {
	ec      evalCase
	s1      bool
	idx     []uint32  // distinct buckets
	val     []float64 // count/sqrt(features), per bucket
	lex     Result    // the lexicon's verdict alone
	asks    bool      // the lexicon reads a question (the stricter threshold)
	refused bool      // the lexicon reads a refusal: never raised
}

func loadTrainingCases(t *testing.T) []evalCase {
	var all []evalCase
	for _, f := range trainingSets {
		for _, ec := range loadCases(t, filepath.Join("testdata", f)) {
			ec.Set = f
			all = append(all, ec)
		}
	}
	return all
}

// examples extracts the features of each case as Classify would.
func examples(c *Classifier, cases []evalCase) []example {
	a := new(analysis)
	out := make([]example, 0, len(cases))
	for _, ec := range cases {
		in := Input{Subject: ec.Subject, Body: ec.Body, Locale: ec.Locale, Category: Category(ec.Category),
			AmountUSD: ec.AmountUSD, Urgent: ec.Urgent, Exposed: ec.Exposed}
		c.analyze(a, in.Subject, in.Body)
		lex := c.lexicon(a, in)
		a.feat.read(a.text, nil)
		counts := map[uint32]int{}
		for _, h := range a.feat.hashes {
			counts[uint32(h>>(64-modelBits))]++
		}
		e := example{ec: ec, s1: ec.Expect == "S1", lex: lex, asks: strictReading(a, lex.Reasons), refused: a.s1Refused}
		for k := range counts {
			e.idx = append(e.idx, k)
		}
		slices.Sort(e.idx) // map order is random; the sums must not be
		norm := math.Sqrt(float64(len(a.feat.hashes)))
		for _, k := range e.idx {
			e.val = append(e.val, float64(counts[k])/norm)
		}
		out = append(out, e)
	}
	return out
}

// train fits a logistic regression by AdaGrad and quantizes it to int8.
// Everything is deterministic: a fixed example order from a seeded
// generator, sums in a fixed order, products rounded before they are added
// (an explicit conversion forbids fused multiply-add), and an exp of our
// own, so the same data gives the same bytes on any machine.
func train(exs []example, p trainParams) *model {
	n := 1 << modelBits
	w := make([]float64, n)
	g := make([]float64, n)
	var bias, gBias float64
	order := make([]int, len(exs))
	for i := range order {
		order[i] = i
	}
	rng := p.seed
	for range p.epochs {
		for i := len(order) - 1; i > 0; i-- { // Fisher-Yates
			rng = splitmix(rng)
			j := int(rng % uint64(i+1))
			order[i], order[j] = order[j], order[i]
		}
		for _, k := range order {
			e := &exs[k]
			z := bias
			for i, f := range e.idx {
				z += float64(w[f] * e.val[i])
			}
			y, weight := 0.0, 1.0
			if e.s1 {
				y, weight = 1, p.posWeight
			}
			d := float64((sigmoid(z) - y) * weight)
			for i, f := range e.idx {
				grad := float64(d*e.val[i]) + float64(p.l2*w[f])
				g[f] += float64(grad * grad)
				w[f] -= float64(p.rate * grad / math.Sqrt(g[f]+1e-8))
			}
			gBias += float64(d * d)
			bias -= float64(p.rate * d / math.Sqrt(gBias+1e-8))
		}
	}
	var top float64
	for _, v := range w {
		top = max(top, math.Abs(v))
	}
	scale := top / 127
	if scale == 0 {
		scale = 1
	}
	q := new([1 << modelBits]int8)
	for i, v := range w {
		q[i] = int8(max(-127, min(127, math.Round(v/scale))))
	}
	return &model{window: modelWindow, bias: float32(bias), scale: float32(scale),
		raise: float32(math.Inf(1)), raiseQuestion: float32(math.Inf(1)), weights: q}
}

// modelWindow is the most features a window holds: more than any training
// request has (about 400 bytes), so that what the model learnt whole it
// also reads whole.
const modelWindow = 1200

func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	z := x
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

func sigmoid(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + exp(-z))
	}
	e := exp(z)
	return e / (1 + e)
}

// exp is e^x for x <= 0, by range reduction to [-ln2/2, ln2/2] and a
// Taylor series: plain IEEE arithmetic, identical on every platform
// (math.Exp has assembly variants that may differ in the last bit).
func exp(x float64) float64 {
	if x < -700 {
		return 0
	}
	k := math.Round(x / math.Ln2)
	r := float64(x - float64(k*math.Ln2))
	sum, term := 1.0, 1.0
	for i := 1; i <= 14; i++ {
		term = float64(term*r) / float64(i)
		sum += term
	}
	return math.Ldexp(sum, int(k))
}

// crossValidate trains on k-1 folds and scores the held-out fold, for
// every fold: the logits are what the model says of requests it never saw.
// Fold i holds every k-th example, so each fold mixes every set, locale and
// level.
func crossValidate(exs []example, p trainParams) []float32 {
	logits := make([]float32, len(exs))
	var f features
	for fold := range p.folds {
		var in []example
		for i, e := range exs {
			if i%p.folds != fold {
				in = append(in, e)
			}
		}
		m := train(in, p)
		for i := fold; i < len(exs); i += p.folds {
			logits[i] = scoreCase(m, &f, exs[i].ec)
		}
	}
	return logits
}

// scoreCase is the logit the model gives a case, through the same path as
// Classify (quantized weights, windows).
func scoreCase(m *model, f *features, ec evalCase) float32 {
	buf, _ := normalize(nil, ec.Subject, nil)
	buf = append(buf, '\n')
	buf, _ = normalize(buf, ec.Body, nil)
	f.read(string(buf), m)
	return m.logit(f)
}

// thresholds picks the smallest logits that keep the held-out false
// alarms under the rates of p: among non-S1 requests, the share raised to
// S1 when the lexicon reads a statement, and, much lower, when it reads a
// question.
func thresholds(exs []example, logits []float32, p trainParams) (raise, raiseQuestion float32) {
	pick := func(question bool, rate float64) float32 {
		var neg []float32
		for i, e := range exs {
			if !e.s1 && e.lex.Severity != S1 && !e.refused && e.asks == question {
				neg = append(neg, logits[i])
			}
		}
		if len(neg) == 0 {
			return float32(math.Inf(1))
		}
		slices.Sort(neg)
		allowed := int(math.Floor(rate * float64(len(neg))))
		// The threshold sits just above the (allowed+1)-th highest negative.
		t := neg[len(neg)-1-allowed]
		return math.Nextafter32(t, float32(math.Inf(1)))
	}
	raise = pick(false, p.maxRaise)
	raiseQuestion = max(pick(true, p.maxRaiseQuestion), raise)
	return raise, raiseQuestion
}

// buildModel is the whole generator: features, cross-validated
// thresholds, and the final model trained on every example.
func buildModel(c *Classifier, cases []evalCase, p trainParams) (*model, []example, []float32) {
	exs := examples(c, cases)
	logits := crossValidate(exs, p)
	m := train(exs, p)
	m.raise, m.raiseQuestion = thresholds(exs, logits, p)
	return m, exs, logits
}
