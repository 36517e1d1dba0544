package redact

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestProseLimit checks the calibration of proseLimit against its null
// hypothesis: characters drawn uniformly from one Chinese list, as a phrase
// is. It may fail when the lexicon grows (more chance words in random
// pairs) or a limit is lowered; then recalibrate from the tail this test
// logs.
func TestProseLimit(t *testing.T) {
	lists := sourceLists()
	samples := 100000
	if testing.Short() {
		samples = 20000
	}
	rng := rand.New(rand.NewPCG(41, 43))
	sc := &scratch{}
	const allowed = 3e-5 // the limits aim at 5e-6; the bound leaves room for sampling noise
	var b strings.Builder
	for _, n := range []int{6, 7, 9, 12, 15, 18, 21, 24} {
		over := 0
		for k := range samples {
			list := lists[langChineseSimplified+lang(k%2)]
			b.Reset()
			for range n {
				b.WriteString(list[rng.IntN(len(list))])
			}
			d := testRedactor.newDetector(b.String(), sc, false)
			d.linkHan()
			if d.hanProse(0, len(d.toks)-1) >= proseLimit(n) {
				over++
			}
		}
		rate := float64(over) / float64(samples)
		t.Logf("n=%2d: %d of %d random phrases score as prose (%.1e)", n, over, samples, rate)
		if rate > allowed {
			t.Errorf("n=%d: %.1e of random phrases pass for prose, want <= %.0e", n, rate, allowed)
		}
	}
}

// TestCharScoreFollowsFrequency: the lists are ordered by frequency, so
// the first characters are the particles of ordinary prose.
func TestCharScoreFollowsFrequency(t *testing.T) {
	tb := testRedactor.t
	score := func(r rune) int { return int(tb.hanScore[r-hanBase]) }
	for _, l := range []lang{langChineseSimplified, langChineseTraditional} {
		list := sourceLists()[l]
		for _, k := range [][2]int{{0, 2047}, {5, 1500}, {50, 1000}, {100, 600}} {
			common, _ := utf8.DecodeRuneInString(list[k[0]])
			rare, _ := utf8.DecodeRuneInString(list[k[1]])
			if score(common) <= score(rare) {
				t.Errorf("score(%c) = %d <= score(%c) = %d", common, score(common), rare, score(rare))
			}
		}
		first, _ := utf8.DecodeRuneInString(list[0])
		last, _ := utf8.DecodeRuneInString(list[2047])
		if score(first) <= 0 || score(last) >= 0 {
			t.Errorf("score(%c) = %d, score(%c) = %d: want the most common > 0 > the rarest", first, score(first), last, score(last))
		}
	}
	// Traditional forms of lexicon words are derived, not written.
	if !tb.pairLinked('錢', '包') || !tb.pairLinked('轉', '賬') || !tb.pairLinked('钱', '包') {
		t.Error("lexicon words are not linked in both scripts")
	}
	if tb.pairLinked('婚', '江') {
		t.Error("a random pair is linked")
	}
}

func TestIntroducedHan(t *testing.T) {
	cases := []struct {
		text, run string
		want      bool
	}{
		{"助记词：婚江鲜盐", "婚江鲜盐", true},
		{"我的助记词是婚江鲜盐", "婚江鲜盐", true},
		{"助记词如下：\n婚江鲜盐", "婚江鲜盐", true},
		{"助记词 婚江鲜盐", "婚江鲜盐", true},
		{"seed phrase: 婚江鲜盐", "婚江鲜盐", true},
		{"助记词婚江鲜盐", "婚江鲜盐", false},
		{"助记词，婚江鲜盐", "婚江鲜盐", false},
		{"助记词或私钥，婚江鲜盐", "婚江鲜盐", false},
		{"助记词“失效”，婚江鲜盐", "婚江鲜盐", false},
		{"没有标签：婚江鲜盐", "婚江鲜盐", false},
	}
	sc := &scratch{}
	for _, c := range cases {
		d := testRedactor.newDetector(c.text, sc, false)
		d.needCJKLabels()
		at := strings.Index(c.text, c.run)
		first := -1
		for i, tk := range d.toks {
			if int(tk.start) == at {
				first = i
			}
		}
		if first < 0 {
			t.Fatalf("%q: no token at %d", c.text, at)
		}
		if got := d.introducedHan(first); got != c.want {
			t.Errorf("introducedHan(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

// Chinese written without spaces, in the contexts the main generator does
// not cover. A separate generator, so that the main one's cases stay the
// same from one change to the next.
var (
	hanPhraseTemplates = []struct {
		tmpl     string
		min, max int // phrase lengths that must be caught there
	}{
		{"助记词：%s", 6, 24},
		{"我的助记词是%s", 6, 24},
		{"我的助记词如下：\n%s\n谢谢", 6, 24},
		{"助记词\n%s", 6, 24},
		{"助记词 %s 请帮我看看", 6, 24},
		{"请帮我看看这个助记词：%s，导入一直失败", 6, 24},
		{"我的助记词，%s", 12, 24},
		{"助记词%s", 12, 24},
		{"%s", 12, 24},
		{"导入失败了\n%s\n是不是哪里抄错了", 12, 24},
		{"关于助记词的问题。我昨天又试了一次。\n%s", 9, 24},
		{"我的助記詞：%s", 6, 24},
		{"助記詞如下\n%s", 6, 24},
		{"%s\n請幫我看看", 12, 24},
	}
	// The same labels followed by ordinary words; %s is a clause.
	hanProseTemplates = []string{"助记词：%s", "我的助记词是%s", "助记词 %s", "助记词\n%s", "助记词，%s", "私钥：%s", "我的助记词%s", "助記詞：%s", "我的助記詞是%s", "%s"}
)

// hanClauses splits the Chinese sentence banks and the hand-written
// mention corpora into clauses.
func hanClauses(t testing.TB) []string {
	var texts []string
	texts = append(texts, proseZH...)
	texts = append(texts, proseZHTW...)
	texts = append(texts, clausesZH...)
	for _, c := range mentionSentences(t) {
		if strings.HasPrefix(c.where, "mentions-zh") {
			texts = append(texts, c.text)
		}
	}
	var out []string
	for _, s := range texts {
		for _, c := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune("，。？！：；、\n（）“”「」 ,.?!:", r) }) {
			if utf8.RuneCountInString(c) >= 4 {
				out = append(out, c)
			}
		}
	}
	return out
}

func TestGeneratedHan(t *testing.T) {
	n := 4000
	if testing.Short() {
		n = 800
	}
	rng := rand.New(rand.NewPCG(genSeed(), 7))
	lists := sourceLists()
	leaks := 0
	for range n {
		tp := hanPhraseTemplates[rng.IntN(len(hanPhraseTemplates))]
		l := langChineseSimplified
		if strings.ContainsAny(tp.tmpl, "詞幫") {
			l = langChineseTraditional
		}
		words := make([]string, tp.min+rng.IntN(tp.max-tp.min+1))
		for i := range words {
			words[i] = lists[l][rng.IntN(len(lists[l]))]
		}
		c := genCase{
			name: fmt.Sprintf("han/%d/%q", len(words), tp.tmpl), secret: true, kind: RecoveryPhrase, words: words,
			text: fmt.Sprintf(tp.tmpl, strings.Join(words, "")), context: fmt.Sprintf(tp.tmpl, ""),
		}
		if msg := checkGen(testRedactor, c); msg != "" {
			if leaks++; leaks <= 10 {
				t.Errorf("%s: %s", c.name, msg)
			}
		}
	}
	clauses := hanClauses(t)
	// Every clause after every label: an adversarial set (clauses about
	// the weekend or the train right after "助记词："), so a few short
	// clauses whose words the lexicon lacks may still read as random.
	fps, total := 0, 0
	var fpList []string
	for _, cl := range clauses {
		for _, tmpl := range hanProseTemplates {
			total++
			in := fmt.Sprintf(tmpl, cl)
			if out := testRedactor.Redact(in).Text; out != in {
				fps++
				fpList = append(fpList, fmt.Sprintf("%q -> %q", in, out))
			}
		}
	}
	t.Logf("han: %d phrases (%d missed or leaked), %d label+clause texts from %d clauses (%d false positives)", n, leaks, total, len(clauses), fps)
	if float64(fps) > 0.005*float64(total) {
		t.Errorf("%d false positives of %d, want <= 0.5%%:\n%s", fps, total, strings.Join(fpList[:min(len(fpList), 20)], "\n"))
	}
}
