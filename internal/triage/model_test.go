package triage

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
)

var updateModel = flag.Bool("update-model", false, "retrain the second opinion from testdata and write s1model.bin")

// built is the generator's output, computed once per test binary: the
// training takes about a second.
var built struct {
	once   sync.Once
	m      *model
	exs    []example
	logits []float32 // held-out logits, one per example
}

func buildOnce(t *testing.T) (*model, []example, []float32) {
	t.Helper()
	cases := loadTrainingCases(t)
	built.once.Do(func() {
		built.m, built.exs, built.logits = buildModel(newLexicon(Config{}), cases, defaultTrainParams)
	})
	return built.m, built.exs, built.logits
}

// TestGenerateModel is the go generate step. With -update-model it writes
// s1model.bin; without, it checks that the embedded model is exactly what
// the committed training data and code give, so a change to either that
// was not followed by go generate fails here.
func TestGenerateModel(t *testing.T) {
	m, _, _ := buildOnce(t)
	file := m.encode()
	if *updateModel {
		if err := os.WriteFile("s1model.bin", file, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote s1model.bin: %d bytes, raise at P(S1) >= %.3f, questions at >= %.3f",
			len(file), probability(m.raise), probability(m.raiseQuestion))
		return
	}
	if !bytes.Equal(file, []byte(s1ModelFile)) {
		t.Fatalf("s1model.bin is not what testdata gives (%d bytes embedded, %d regenerated): run go generate ./internal/triage",
			len(s1ModelFile), len(file))
	}
}

func TestEmbeddedModel(t *testing.T) {
	m, err := parseModel(s1ModelFile)
	if err != nil {
		t.Fatal(err)
	}
	if New(Config{}).model == nil {
		t.Fatal("New did not load the embedded model")
	}
	if m.raiseQuestion < m.raise {
		t.Errorf("a question needs a lower score (%v) than a statement (%v)", m.raiseQuestion, m.raise)
	}
	if got := len(s1ModelFile); got > 128<<10 {
		t.Errorf("model is %d bytes, want at most 128 KiB", got)
	}
	for _, bad := range []string{"", "WDS1", strings.Repeat("x", 40), s1ModelFile[:len(s1ModelFile)-1]} {
		if _, err := parseModel(bad); err == nil {
			t.Errorf("parseModel accepted a %d-byte file", len(bad))
		}
	}
	wrongVersion := []byte(s1ModelFile)
	wrongVersion[4]++
	if _, err := parseModel(string(wrongVersion)); err == nil {
		t.Error("parseModel accepted a model trained on other features")
	}
}

// cvScore is the lexicon and the held-out model together, on one group of
// training examples.
type cvScore struct {
	n, correct, s1, caught, s4, s4to1 int
	modelS1, modelCaught              int // the model alone, at the statement threshold
	raisedWrongly                     int // non-S1 requests the model raised
}

func (s cvScore) String() string {
	return fmt.Sprintf("accuracy %.3f (%d/%d), S1 recall %.3f (%d/%d), S4->S1 %d/%d (%.1f%%), non-S1 raised %d; model alone: S1 recall %.3f (%d/%d)",
		float64(s.correct)/float64(max(s.n, 1)), s.correct, s.n,
		float64(s.caught)/float64(max(s.s1, 1)), s.caught, s.s1,
		s.s4to1, s.s4, 100*float64(s.s4to1)/float64(max(s.s4, 1)), s.raisedWrongly,
		float64(s.modelCaught)/float64(max(s.modelS1, 1)), s.modelCaught, s.modelS1)
}

// combinedHeldOut scores each example as Classify would with a model that
// never saw it: the lexicon's verdict, raised when the held-out logit
// passes the threshold that applies.
func combinedHeldOut(m *model, exs []example, logits []float32, keep func(example) bool) cvScore {
	var s cvScore
	for i, e := range exs {
		if !keep(e) {
			continue
		}
		want, _ := ParseSeverity(e.ec.Expect)
		got := e.lex.Severity
		limit := m.raise
		if e.asks {
			limit = m.raiseQuestion
		}
		if got != S1 && !e.refused && logits[i] >= limit {
			got = S1
			if want != S1 {
				s.raisedWrongly++
			}
		}
		s.n++
		if got == want {
			s.correct++
		}
		if want == S1 {
			s.s1++
			if got == S1 {
				s.caught++
			}
			s.modelS1++
			if logits[i] >= m.raise {
				s.modelCaught++
			}
		}
		if want == S4 {
			s.s4++
			if got == S1 {
				s.s4to1++
			}
		}
	}
	return s
}

// TestSecondOpinionCrossValidation reports the k-fold figures the
// thresholds were chosen on and holds the agreed floors: on held-out
// folds, lexicon and model together catch at least 97% of S1 requests and
// raise at most 2% of S4 requests to S1.
//
// The lexicon was tuned on these very sets, so the combined recall here is
// mostly the lexicon's; "model alone" is the figure that says what the
// model adds on wording it has not seen. The honest estimate is the first
// run of blind4.jsonl, before it joined the training sets (recorded in
// testdata/README.md).
func TestSecondOpinionCrossValidation(t *testing.T) {
	m, exs, logits := buildOnce(t)
	t.Logf("%d-fold cross-validation on %d requests; raise at P(S1) >= %.3f, questions at >= %.3f",
		defaultTrainParams.folds, len(exs), probability(m.raise), probability(m.raiseQuestion))
	all := combinedHeldOut(m, exs, logits, func(example) bool { return true })
	t.Logf("all: %v", all)
	for _, loc := range []string{"en", "zh-CN", "ja"} {
		t.Logf("%s: %v", loc, combinedHeldOut(m, exs, logits, func(e example) bool { return e.ec.Locale == loc }))
	}
	for _, set := range trainingSets {
		t.Logf("%s: %v", set, combinedHeldOut(m, exs, logits, func(e example) bool { return e.ec.Set == set }))
	}
	if r := float64(all.caught) / float64(all.s1); r < 0.97 {
		t.Errorf("held-out S1 recall %.3f < 0.97", r)
	}
	if r := float64(all.s4to1) / float64(all.s4); r > 0.02 {
		t.Errorf("held-out S4->S1 %.3f > 0.02", r)
	}
	if testing.Verbose() {
		for i, e := range exs {
			limit := m.raise
			if e.asks {
				limit = m.raiseQuestion
			}
			if e.ec.Expect != "S1" && e.lex.Severity != S1 && !e.refused && logits[i] >= limit {
				t.Logf("  raised %s (P=%.2f): %q / %q", e.ec.Expect, probability(logits[i]), e.ec.Subject, e.ec.Body)
			}
		}
	}
}

// Classify adds weights up as it extracts; training keeps the hashes. Both
// must give the same logit, or the thresholds picked on one would not hold
// for the other.
func TestScoredExtractionMatchesHashes(t *testing.T) {
	c := New(Config{})
	texts := []string{body2KB(), body2KBNoS1(), "", "...", "a", "被", strings.Repeat("x ", 3000), strings.Repeat("钱包被盗。", 400)}
	for _, ec := range loadTrainingCases(t) {
		texts = append(texts, ec.Subject+"\n"+ec.Body)
	}
	var f, g features
	for _, s := range texts {
		text, _ := normalize(nil, s, nil)
		f.extract(string(text), c.model)
		g.extract(string(text), nil)
		if a, b := c.model.logit(&f), c.model.logit(&g); a != b || len(f.ends) != len(g.ends) {
			t.Fatalf("%.40q: scored %v, from hashes %v", s, a, b)
		}
	}
}

// TestSecondOpinionOnMechanismCases measures the model where it is most
// likely to be wrong: the hand-written S2-S4 requests of the mechanism
// tables, full of S1 words, none of them in the training sets. The model
// may raise a few of them (the held-out rate the thresholds allow is 3%
// of statements); more is a regression. It must never miss an S1 the
// lexicon catches (it cannot: it never lowers).
func TestSecondOpinionOnMechanismCases(t *testing.T) {
	c := New(Config{})
	var notS1, raised int
	for _, table := range allMechanismCases() {
		for _, tc := range table {
			if tc.want == S1 {
				continue
			}
			notS1++
			res := c.Classify(Input{Subject: tc.subject, Body: tc.body})
			if res.Severity == S1 && res.Reasons[0].Code == reviewCode {
				raised++
				t.Logf("raised for review (want %v): %q / %q", tc.want, tc.subject, tc.body)
			}
		}
	}
	t.Logf("the model raised %d of %d non-S1 mechanism cases", raised, notS1)
	if float64(raised) > 0.05*float64(notS1) {
		t.Errorf("the model raised %d of %d non-S1 mechanism cases (> 5%%)", raised, notS1)
	}
}

// uniformModel is a model whose every feature has the same weight: its
// logit is the same for every text of many features, so the thresholds
// decide alone. It tests the combination without the trained weights.
func uniformModel(w int8, raise, raiseQuestion float32) *model {
	m := &model{window: modelWindow, scale: 1, raise: raise, raiseQuestion: raiseQuestion,
		weights: new([1 << modelBits]int8)}
	for i := range m.weights {
		m.weights[i] = w
	}
	return m
}

// classifyWith is Classify with another second opinion.
func classifyWith(c *Classifier, m *model, in Input) Result {
	a := new(analysis)
	c.analyze(a, in.Subject, in.Body)
	res := c.lexicon(a, in)
	c.secondOpinion(a, m, &res)
	return res
}

func TestSecondOpinionCombination(t *testing.T) {
	c := New(Config{})
	sure := uniformModel(100, 0, 1e9)          // raises every statement, never a question
	alarmed := uniformModel(100, 0, 0)         // raises everything it may
	calm := uniformModel(-100, -1e9+1, -1e9+1) // the lowest odds, still at the thresholds
	tests := []struct {
		name    string
		m       *model
		body    string
		want    Severity
		raised  bool
		comment string
	}{
		{"statement raised", sure, "the app shows a blank page when I open the swap screen", S1, true, ""},
		{"question kept", sure, "how do I add a custom token to my wallet?", S4, false, "a how-to needs the question threshold"},
		{"question raised when sure enough", alarmed, "how do I add a custom token to my wallet?", S1, true, ""},
		{"denial kept", sure, "my wallet was not hacked, I only want to export my history", S4, false, "a denied S1 event needs the question threshold"},
		{"refusal never raised", alarmed, "someone on telegram asked for my phrase, I refused and blocked him. just letting you know", S4, false, ""},
		{"thanks kept", sure, "thank you, the article solved it", S4, false, "thanks need the question threshold"},
		{"lexicon S1 untouched", calm, "someone drained my wallet last night", S1, false, ""},
		{"at the threshold", calm, "the app shows a blank page when I open the swap screen", S1, true, "logit >= raise raises"},
	}
	for _, tc := range tests {
		res := classifyWith(c, tc.m, Input{Body: tc.body})
		if res.Severity != tc.want {
			t.Errorf("%s: got %v %v, want %v (%s)", tc.name, res.Severity, codes(res.Reasons), tc.want, tc.comment)
		}
		if got := len(res.Reasons) > 0 && res.Reasons[0].Code == reviewCode; got != tc.raised {
			t.Errorf("%s: review reason %v, want %v: %v", tc.name, got, tc.raised, codes(res.Reasons))
		}
	}
	// Empty text: no features, the bias alone, never NaN.
	if res := classifyWith(c, calm, Input{}); res.Severity != S1 || res.Reasons[0].Code != reviewCode {
		t.Errorf("empty text with a bias at the threshold: %v %v", res.Severity, codes(res.Reasons))
	}
	if res := classifyWith(c, uniformModel(0, 1, 1), Input{}); res.Severity != S4 {
		t.Errorf("empty text below the threshold: %v %v", res.Severity, codes(res.Reasons))
	}
}

// The second opinion only ever raises, and leaves a lexicon S1 exactly as
// it was.
func TestSecondOpinionNeverLowers(t *testing.T) {
	lex, full := newLexicon(Config{}), New(Config{})
	cases := loadTrainingCases(t)
	cases = append(cases, loadCases(t, filepath.Join(sharedEvalDir(), "triage-dev.jsonl"))...)
	for _, ec := range cases {
		in := Input{Subject: ec.Subject, Body: ec.Body, AmountUSD: ec.AmountUSD, Urgent: ec.Urgent, Exposed: ec.Exposed, Category: Category(ec.Category)}
		a, b := lex.Classify(in), full.Classify(in)
		switch {
		case a.Severity == S1 && !reflect.DeepEqual(a, b):
			t.Errorf("%q: lexicon S1 changed: %v -> %v", ec.Body, codes(a.Reasons), codes(b.Reasons))
		case b.Severity > a.Severity:
			t.Errorf("%q: lowered %v -> %v", ec.Body, a.Severity, b.Severity)
		case b.Severity != a.Severity && (b.Severity != S1 || b.Reasons[0].Code != reviewCode || !reflect.DeepEqual(a.Reasons, b.Reasons[1:])):
			t.Errorf("%q: raised without the review reason first: %v -> %v", ec.Body, codes(a.Reasons), codes(b.Reasons))
		}
	}
}
