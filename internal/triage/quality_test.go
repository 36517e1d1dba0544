package triage

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// evalCase is one line of a triage evaluation set.
type evalCase struct {
	Locale    string   `json:"locale"`
	Subject   string   `json:"subject"`
	Body      string   `json:"body"`
	Expect    string   `json:"expect"`
	Category  string   `json:"category,omitempty"`
	AmountUSD float64  `json:"amount_usd,omitempty"`
	Urgent    bool     `json:"urgent,omitempty"`
	Exposed   []string `json:"exposed,omitempty"`
	Mixed     bool     `json:"mixed,omitempty"`
	Batch     string   `json:"batch,omitempty"` // holdout: "" = every 4th case of the first set; "late".."late5" = written later, see TestQualityHoldout
	Set       string   `json:"-"`               // the file it came from, for reports
}

// sharedEvalDir holds the project's shared evaluation samples:
// WALLETDESK_EVAL_DIR, by default the shared folder beside the repository.
func sharedEvalDir() string {
	if d := os.Getenv("WALLETDESK_EVAL_DIR"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "..", "shared", "eval")
}

func loadCases(t *testing.T, path string) []evalCase {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		if os.IsNotExist(err) {
			t.Skipf("%s not present", path)
		}
		t.Fatal(err)
	}
	defer f.Close()
	var out []evalCase
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var c evalCase
		if err := json.Unmarshal([]byte(line), &c); err != nil {
			t.Fatalf("%s:%d: %v", path, n, err)
		}
		if _, ok := ParseSeverity(c.Expect); !ok {
			t.Fatalf("%s:%d: bad expect %q", path, n, c.Expect)
		}
		out = append(out, c)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// score is the confusion of one evaluation run.
type score struct {
	total, correct int
	byLocale       map[string][2]int // correct, total
	missedS1       []string
	falseS1        int // expected S4, got S1
	expectedS4     int
	wrong          []string
}

func runCases(c *Classifier, cases []evalCase) score {
	s := score{byLocale: map[string][2]int{}}
	for _, ec := range cases {
		want, _ := ParseSeverity(ec.Expect)
		res := c.Classify(Input{
			Subject: ec.Subject, Body: ec.Body, Locale: ec.Locale, Category: Category(ec.Category),
			AmountUSD: ec.AmountUSD, Urgent: ec.Urgent, Exposed: ec.Exposed,
		})
		loc := ec.Locale
		if ec.Mixed {
			loc += "+mixed"
		}
		lt := s.byLocale[loc]
		lt[1]++
		s.total++
		if want == S4 {
			s.expectedS4++
		}
		desc := fmt.Sprintf("[%s] want %v got %v %q / %q %v", ec.Locale, want, res.Severity, ec.Subject, ec.Body, codes(res.Reasons))
		if res.Severity == want {
			lt[0]++
			s.correct++
		} else {
			s.wrong = append(s.wrong, desc)
		}
		if want == S1 && res.Severity != S1 {
			s.missedS1 = append(s.missedS1, desc)
		}
		if want == S4 && res.Severity == S1 {
			s.falseS1++
		}
		s.byLocale[loc] = lt
	}
	return s
}

func codes(rs []Reason) []string {
	var out []string
	for _, r := range rs {
		s := r.Code
		if t := r.Params["term"]; t != "" {
			s += "(" + t + ")"
		}
		out = append(out, s)
	}
	return out
}

func (s score) report(t *testing.T, name string) {
	t.Helper()
	locs := make([]string, 0, len(s.byLocale))
	for l := range s.byLocale {
		locs = append(locs, l)
	}
	slices.Sort(locs)
	var parts []string
	for _, l := range locs {
		v := s.byLocale[l]
		parts = append(parts, fmt.Sprintf("%s %.3f (%d/%d)", l, float64(v[0])/float64(v[1]), v[0], v[1]))
	}
	t.Logf("%s: overall %.3f (%d/%d); %s; missed S1 %d; S4->S1 %d/%d",
		name, s.accuracy(), s.correct, s.total, strings.Join(parts, ", "), len(s.missedS1), s.falseS1, s.expectedS4)
	if testing.Verbose() {
		for _, w := range s.wrong {
			t.Log("  " + w)
		}
	}
}

func (s score) accuracy() float64 { return float64(s.correct) / float64(max(s.total, 1)) }

// check applies the quality bars: accuracy >= 0.9 overall and in each
// locale (mixed-language cases count with their locale; the issue asks
// 0.85), every S1 caught, S4 questions flagged S1 in at most 1% of S4 cases.
func (s score) check(t *testing.T, name string) {
	t.Helper()
	if s.accuracy() < 0.9 {
		t.Errorf("%s: accuracy %.3f < 0.9", name, s.accuracy())
	}
	perLocale := map[string][2]int{}
	for l, v := range s.byLocale {
		base, _, _ := strings.Cut(l, "+")
		p := perLocale[base]
		perLocale[base] = [2]int{p[0] + v[0], p[1] + v[1]}
	}
	for l, v := range perLocale {
		if acc := float64(v[0]) / float64(v[1]); acc < 0.9 {
			t.Errorf("%s: accuracy in %s %.3f < 0.9", name, l, acc)
		}
	}
	for _, m := range s.missedS1 {
		t.Errorf("%s: missed S1: %s", name, m)
	}
	if s.expectedS4 > 0 && float64(s.falseS1)/float64(s.expectedS4) > 0.01 {
		t.Errorf("%s: S4 cases flagged S1: %d of %d (> 1%%)", name, s.falseS1, s.expectedS4)
	}
}

func TestQualityDev(t *testing.T) {
	cases := loadCases(t, filepath.Join(sharedEvalDir(), "triage-dev.jsonl"))
	s := runCases(New(Config{}), cases)
	s.report(t, "shared dev set")
	s.check(t, "shared dev set")
}

func TestQualityOwnSet(t *testing.T) {
	checkSet(t, "cases", "own set", 300)
}

// checkSet runs testdata/file.jsonl, of at least minCases cases, against
// the bars of check.
func checkSet(t *testing.T, file, name string, minCases int) {
	t.Helper()
	cases := loadCases(t, filepath.Join("testdata", file+".jsonl"))
	if len(cases) < minCases {
		t.Errorf("%s has %d cases, want at least %d", name, len(cases), minCases)
	}
	s := runCases(New(Config{}), cases)
	s.report(t, name)
	s.check(t, name)
}

// TestQualityHoldout runs the cases kept aside from tuning. Batch "" is
// every 4th case of the set written before the lexicon; "late" to "late5"
// were each written after a round of changes, in new wording, and run once
// before the next round. Their first-run figures are the honest estimate of
// accuracy on unseen requests (recorded in the package report); the
// misses they revealed were fixed by class (word order, conjugation,
// contractions), so they no longer are unseen.
func TestQualityHoldout(t *testing.T) {
	cases := loadCases(t, filepath.Join("testdata", "holdout.jsonl"))
	c := New(Config{})
	batches := map[string][]evalCase{}
	for _, ec := range cases {
		batches[ec.Batch] = append(batches[ec.Batch], ec)
	}
	for _, b := range []string{"", "late", "late2", "late3", "late4", "late5"} {
		name := "holdout (every 4th case)"
		if b != "" {
			name = "holdout (" + b + ")"
		}
		runCases(c, batches[b]).report(t, name)
	}
	s := runCases(c, cases)
	s.report(t, "holdout (all)")
	s.check(t, "holdout (all)")
}

// TestQualityBlind runs blind.jsonl: written by a second engineer from the
// DESIGN.md severity table alone, before reading the lexicon, and run once
// before any change (first-run figures are in the package report).
func TestQualityBlind(t *testing.T) {
	checkSet(t, "blind", "blind", 450)
}

// TestQualityBlind2 runs blind2.jsonl: written after the changes that
// blind.jsonl prompted, in new wording, labelled from DESIGN.md alone, and
// run once before any further change (first-run figures in the package
// report).
func TestQualityBlind2(t *testing.T) {
	checkSet(t, "blind2", "blind2", 150)
}

// TestQualityBlind3 runs blind3.jsonl: written after the changes blind2
// prompted, in new wording, and run once before any further change. It is
// the last honest estimate on unseen requests (figures in the package
// report).
func TestQualityBlind3(t *testing.T) {
	checkSet(t, "blind3", "blind3", 0)
}

// TestQualityBlind4 runs blind4.jsonl: written before the second opinion
// existed, in new scenarios and wording, labelled from DESIGN.md alone. Its
// first run (lexicon alone, then with the model) is the honest estimate
// recorded in testdata/README.md; since then the model trains on it and
// the lexicon's false S1s on it were fixed by class, so it is a regression
// set. The lexicon still misses much of its S2/S3 wording (new exchanges,
// networks and errors), hence an accuracy floor below the other sets'.
func TestQualityBlind4(t *testing.T) {
	checkTunedBlindSet(t, "blind4", 240, 0.8)
}

// TestQualityBlind5 runs blind5.jsonl: written by a third engineer from
// DESIGN.md alone, without reading the lexicon or the earlier sets, in new
// scenarios (address poisoning, clipboard malware, "support" on the phone,
// pig-butchering, pasted phrases) and wording. Its first run is the honest
// estimate recorded in testdata/README.md; since then the model trains on
// it and its misses were fixed by class, so it is a regression set. The
// accuracy floor, 0.95, sits below what the fixed lexicon meets with models
// that never saw a case (0.995 by 10-fold cross-validation, 1.000 with the
// model of before blind5) and leaves room for retraining; 1.000 with the
// model trained on it says nothing.
func TestQualityBlind5(t *testing.T) {
	checkTunedBlindSet(t, "blind5", 180, 0.95)
}

// checkTunedBlindSet runs a blind set the model now trains on: every S1
// caught, at most 2% of S4 read as S1, accuracy at least floor. The
// lexicon alone is reported beside it.
func checkTunedBlindSet(t *testing.T, name string, minCases int, floor float64) {
	t.Helper()
	cases := loadCases(t, filepath.Join("testdata", name+".jsonl"))
	if len(cases) < minCases {
		t.Errorf("%s set has %d cases, want at least %d", name, len(cases), minCases)
	}
	runCases(newLexicon(Config{}), cases).report(t, name+", lexicon alone")
	s := runCases(New(Config{}), cases)
	s.report(t, name+", lexicon and model")
	for _, m := range s.missedS1 {
		t.Errorf("%s: missed S1: %s", name, m)
	}
	if r := float64(s.falseS1) / float64(s.expectedS4); r > 0.02 {
		t.Errorf("%s: S4 cases flagged S1: %d of %d (> 2%%)", name, s.falseS1, s.expectedS4)
	}
	if s.accuracy() < floor {
		t.Errorf("%s: accuracy %.3f < %.2f", name, s.accuracy(), floor)
	}
}
