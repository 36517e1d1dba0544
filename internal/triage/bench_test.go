package triage

import (
	"strings"
	"syscall"
	"testing"
	"time"
)

// cpuTime is the process's user+system CPU time. On a shared machine the
// wall-clock ns/op includes waiting for a CPU; cpu-ns/op does not.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// fill2KB repeats parts to exactly 2,048 bytes.
func fill2KB(parts []string) string {
	var b strings.Builder
	for b.Len() < 2048 {
		for _, p := range parts {
			b.WriteString(p)
		}
	}
	return b.String()[:2048]
}

// benchClassify measures c.Classify(in), in wall time and in CPU time.
func benchClassify(b *testing.B, c *Classifier, in Input) {
	b.SetBytes(int64(len(in.Body)))
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		c.Classify(in)
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
}

// body2KB is a long, rambling request of about 2 KB, mixing languages, with
// the event buried in the middle: the realistic worst case for the scanner.
func body2KB() string {
	parts := []string{
		"Hello, I have been using the wallet for two years and never had a problem. ",
		"Yesterday I tried to send some USDT to my exchange account on TRON, the fee was high but ok. ",
		"我平时很少动这个钱包，里面主要是USDT和一点ETH。 ",
		"Then this morning I opened the app and my balance was zero, there are two outgoing transfers I never made. ",
		"昨日までは残高がありました。自分では何も操作していません。 ",
		"I did not share my seed phrase with anyone and I keep it on paper at home. ",
		"Could you please check what happened and tell me what I should do now? ",
	}
	return fill2KB(parts)
}

func BenchmarkClassify2KB(b *testing.B) {
	c := New(Config{})
	in := Input{Subject: "Funds missing", Body: body2KB(), Locale: "en"}
	if res := c.Classify(in); res.Severity != S1 {
		b.Fatalf("benchmark body classified %v", res.Severity)
	}
	benchClassify(b, c, in)
}

// body2KBNoS1 is as long and as mixed, but the lexicon finds no S1 in it,
// so the second opinion reads all of it: the worst case for Classify.
func body2KBNoS1() string {
	parts := []string{
		"Hello, I have been using the wallet for two years and never had a problem with it. ",
		"Yesterday I tried to send some USDT to my friend on TRON, the fee was higher than usual. ",
		"我平时很少动这个钱包，里面主要是USDT和一点ETH，转账一直显示等待中。 ",
		"The transfer has now been pending for three hours and the explorer does not show it yet. ",
		"送金がまだ保留中のままです。ガス代の設定が低すぎたのかもしれません。 ",
		"I also noticed the token list does not show my USDC after the last update of the app. ",
		"Could you please check what happened and tell me whether I should speed it up or cancel it? ",
	}
	return fill2KB(parts)
}

func BenchmarkClassify2KBModel(b *testing.B) {
	c := New(Config{})
	in := Input{Subject: "Transfer pending", Body: body2KBNoS1(), Locale: "en"}
	if res := c.Classify(in); res.Severity == S1 {
		b.Fatalf("benchmark body classified %v %v", res.Severity, codes(res.Reasons))
	}
	benchClassify(b, c, in)
}

// BenchmarkSecondOpinion2KB is the model's share of the above.
func BenchmarkSecondOpinion2KB(b *testing.B) {
	c := New(Config{})
	a := new(analysis)
	c.analyze(a, "Transfer pending", body2KBNoS1())
	start := cpuTime()
	for b.Loop() {
		a.feat.read(a.text, c.model)
		c.model.logit(&a.feat)
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
}

func BenchmarkClassifyShort(b *testing.B) {
	c := New(Config{})
	in := Input{Subject: "被盗", Body: "我的币被别人转走了", Locale: "zh-CN"}
	b.ReportAllocs()
	for b.Loop() {
		c.Classify(in)
	}
}

func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		New(Config{})
	}
}
