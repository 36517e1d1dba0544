package triage

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
)

func classify(c *Classifier, subject, body string) Result {
	return c.Classify(Input{Subject: subject, Body: body})
}

// The contract of DESIGN.md: a question about an event, a negation or a
// hypothesis is not the event; a report is, in every language.
func TestReportVersusQuestion(t *testing.T) {
	c := New(Config{})
	tests := []struct {
		body string
		want Severity
	}{
		// Questions about S1 topics are S4 (the brief's own examples first).
		{"how do I keep my phrase safe?", S4},
		{"what should I do if my wallet gets hacked?", S4},
		{"助记词应该怎么保存", S4},
		{"如果钱包被盗了应该怎么办？", S4},
		{"もしウォレットが盗まれたらどうすればいいですか", S4},
		{"Is it safe to share my seed phrase with support?", S4},
		{"How do scammers drain wallets? I want to protect mine", S4},
		{"怎样避免被黑客攻击？", S4},
		{"ハッキングされないためにはどうすればいいですか", S4},
		{"What is a sweeper bot?", S4},
		// Negations.
		{"I did NOT share my phrase", S4},
		{"没有泄露", S4},
		{"我没有把助记词告诉任何人", S4},
		{"秘密鍵は誰にも教えていません", S4},
		{"My wallet was not hacked", S4},
		{"I almost typed my seed phrase on a fake site but stopped", S4},
		// Someone else's loss, the news.
		{"My friend got scammed, how can I protect myself?", S4},
		{"听说有交易所被黑了，我的资产安全吗", S4},
		{"ニュースで取引所がハッキングされたと聞きました", S4},
		// Reports, including reports phrased with a question.
		{"my wallet was hacked what should I do", S1},
		{"钱包被黑了怎么办，ETH全被转走", S1},
		{"秘密鍵を教えてしまったのですが、どうすればいいですか", S1},
		{"How do I get my stolen funds back? A hacker took 1.2 ETH", S1},
		{"I never shared my phrase but my wallet was drained", S1},
		{"I did not share my phrase, but my funds were stolen anyway", S1},
		{"我没操作，币就被转走了", S1},
		{"盗まれたのではないかと心配です。残高がゼロです", S1},
		{"I gave my seed phrase to my brother to check the balance", S1},
		{"someone might have my seed phrase", S1},
		// Incidental words that are not events.
		{"The app drains my battery really fast", S4},
		{"Is there a hack to lower gas fees?", S4},
		{"the app told me to write down my recovery phrase, where should I keep it?", S4},
		{"I sent my friend my address so he can pay me", S4},
	}
	for _, tt := range tests {
		got := classify(c, "", tt.body)
		if got.Severity != tt.want {
			t.Errorf("%q: got %v %v, want %v", tt.body, got.Severity, codes(got.Reasons), tt.want)
		}
	}
}

func TestQuestionAboutS1ExplainsItself(t *testing.T) {
	c := New(Config{})
	res := classify(c, "Hacked?", "What should I do if my wallet gets hacked?")
	if res.Severity != S4 {
		t.Fatalf("got %v, want S4", res.Severity)
	}
	if res.Reasons[0].Code != "question_about" || res.Reasons[0].Params["term"] == "" {
		t.Errorf("reasons %v: want question_about with the term", codes(res.Reasons))
	}
	if res.Topic != "wallet-stolen" {
		t.Errorf("topic %q, want wallet-stolen", res.Topic)
	}
}

func TestExposedIsAlwaysS1(t *testing.T) {
	c := New(Config{})
	bodies := []string{"", "how do I add a custom token?", "thanks!", "我的转账卡住了", "[redacted: recovery phrase]"}
	kinds := [][]string{{"recovery_phrase"}, {"private_key"}, {"extended_private_key"}, {"keystore"}}
	for _, body := range bodies {
		for _, k := range kinds {
			res := c.Classify(Input{Body: body, Exposed: k, Category: Transactions})
			if res.Severity != S1 || res.Reasons[0].Code != "secret_exposed" || res.Topic != "phrase-exposed" {
				t.Errorf("%q %v: got %v %q %v", body, k, res.Severity, res.Topic, codes(res.Reasons))
			}
			if res.Category != Security {
				t.Errorf("%q %v: category %q, want security", body, k, res.Category)
			}
		}
	}
	// A marker alone is an exposure too, even if the caller lost Exposed.
	res := c.Classify(Input{Body: "please check [redacted: private key] thanks"})
	if res.Severity != S1 || res.Reasons[0].Params["kinds"] != "private_key" {
		t.Errorf("marker only: got %v %v", res.Severity, res.Reasons)
	}
}

func TestAmountLiftsS3Only(t *testing.T) {
	c := New(Config{})
	const stuck = "my transaction is stuck pending"
	tests := []struct {
		body   string
		amount float64
		want   Severity
	}{
		{stuck, 0, S3},
		{stuck, 9999.99, S3},
		{stuck, 10000, S2},
		{stuck + ", it is $12,000 of USDC", 0, S2},
		{"转了5万USDT一直没到账", 0, S2},
		{"2万USDTの送金が保留中です", 0, S2},
		{"how do I send USDT?", 50000, S4},
		{"my wallet was drained", 50000, S1},
		{"I lost my seed phrase", 50000, S2},
	}
	for _, tt := range tests {
		res := c.Classify(Input{Body: tt.body, AmountUSD: tt.amount})
		if res.Severity != tt.want {
			t.Errorf("%q $%v: got %v %v, want %v", tt.body, tt.amount, res.Severity, codes(res.Reasons), tt.want)
		}
		lifted := tt.want == S2 && strings.Contains(tt.body, "stuck") || strings.Contains(tt.body, "5万") || strings.Contains(tt.body, "2万")
		if lifted && res.Reasons[0].Code != "amount_at_risk" {
			t.Errorf("%q: first reason %v, want amount_at_risk", tt.body, codes(res.Reasons))
		}
	}
	low := New(Config{LargeAmountUSD: 500})
	if res := low.Classify(Input{Body: stuck, AmountUSD: 600}); res.Severity != S2 || res.Reasons[0].Params["threshold"] != "500" {
		t.Errorf("custom threshold: got %v %v", res.Severity, res.Reasons)
	}
}

func TestUrgentRaisesButNeverLowers(t *testing.T) {
	c := New(Config{})
	tests := []struct {
		body string
		want Severity
	}{
		{"please add dark mode", S3},
		{"token not showing", S2},
		{"USDT sent on the wrong network", S2},
		{"my wallet was drained", S1},
	}
	for _, tt := range tests {
		res := c.Classify(Input{Body: tt.body, Urgent: true})
		if res.Severity != tt.want {
			t.Errorf("%q urgent: got %v, want %v", tt.body, res.Severity, tt.want)
		}
		plain := c.Classify(Input{Body: tt.body})
		if res.Severity > plain.Severity {
			t.Errorf("%q: urgency lowered %v to %v", tt.body, plain.Severity, res.Severity)
		}
		raised := res.Severity < plain.Severity
		if raised != (len(res.Reasons) > 0 && res.Reasons[0].Code == "requester_urgent") {
			t.Errorf("%q: raised %v but reasons %v", tt.body, raised, codes(res.Reasons))
		}
	}
}

func TestCategory(t *testing.T) {
	c := New(Config{})
	tests := []struct {
		body string
		pick Category
		want Category
	}{
		{"Someone stole my crypto", Other, Security},                // S1 security overrides the pick
		{"All my USDT got transferred out", Transactions, Security}, // the same
		{"my transfer is stuck", Security, Security},                // the pick stands below S1
		{"my transfer is stuck", "", Transactions},                  // no pick: from the topic
		{"I forgot my app password", "", AccountAccess},
		{"hello", "", Other},
		{"hello", "bogus", Other},
	}
	for _, tt := range tests {
		res := c.Classify(Input{Body: tt.body, Category: tt.pick})
		if res.Category != tt.want {
			t.Errorf("%q pick %q: category %q, want %q (topic %q)", tt.body, tt.pick, res.Category, tt.want, res.Topic)
		}
	}
}

func TestTopics(t *testing.T) {
	tops := Topics()
	if len(tops) != 31 {
		t.Errorf("Topics() has %d slugs; DESIGN.md lists 31", len(tops))
	}
	seen := map[string]bool{}
	for _, s := range tops {
		if seen[s] || !IsTopic(s) || TopicCategory(s) == "" {
			t.Errorf("slug %q duplicated or without category", s)
		}
		seen[s] = true
	}
	c := New(Config{})
	for _, r := range c.rules {
		if r.topic != "" && !IsTopic(r.topic) {
			t.Errorf("rule %s: topic %q is not a help-center slug", r.code, r.topic)
		}
		for _, rf := range r.refine {
			if !IsTopic(rf.topic) {
				t.Errorf("rule %s: refinement topic %q is not a slug", r.code, rf.topic)
			}
		}
	}
	for _, h := range c.hints {
		if !IsTopic(h.topic) {
			t.Errorf("hint topic %q is not a slug", h.topic)
		}
	}
	tests := map[string]string{
		"How do I back up my recovery phrase?":                      "backup-recovery-phrase",
		"my BTC transaction is unconfirmed for 12 hours":            "bitcoin-unconfirmed",
		"I sent USDT on BEP20 but the exchange only supports TRC20": "wrong-network",
		"代币余额不显示":                                                   "token-not-showing",
		"Ledgerがアプリに繋がらない":                                          "hardware-wallet",
		"How do I cancel a transaction?":                            "speed-up-cancel",
		"怎么查看和取消代币授权":                                               "token-approvals",
	}
	for body, want := range tests {
		if got := classify(c, "", body).Topic; got != want {
			t.Errorf("%q: topic %q, want %q", body, got, want)
		}
	}
}

// Every reason a Classify can return has a sentence in the three locales,
// with its parameters filled.
func TestReasonMessages(t *testing.T) {
	c := New(Config{})
	codes := []string{"secret_exposed", "amount_at_risk", "requester_urgent", "question_about",
		"how_to_question", "general_inquiry", reviewCode}
	for _, r := range c.rules {
		codes = append(codes, r.code)
	}
	for _, code := range codes {
		r := Reason{Code: code, Params: map[string]string{"term": "hacked", "amount": "12,000", "threshold": "10,000"}}
		en, zh, ja := r.Message("en"), r.Message("zh-CN"), r.Message("ja")
		for loc, m := range map[string]string{"en": en, "zh-CN": zh, "ja": ja} {
			if m == "" || strings.ContainsAny(m, "{}") {
				t.Errorf("%s in %s: %q", code, loc, m)
			}
			if strings.Contains(messageTemplate(code).en, "{term}") && !strings.Contains(m, "hacked") {
				t.Errorf("%s in %s: term not shown: %q", code, loc, m)
			}
		}
		if en == zh || en == ja || zh == ja {
			t.Errorf("%s: a locale falls back to another", code)
		}
		if r.Message("fr") != en || r.Message("ja-JP") != ja || r.Message("zh") != zh {
			t.Errorf("%s: locale aliases or fallback wrong", code)
		}
	}
	if m := (Reason{Code: "theft_reported"}).Message("ja"); !strings.Contains(m, "「…」") {
		t.Errorf("missing term should leave a neutral word: %q", m)
	}
}

func TestEveryResultIsExplained(t *testing.T) {
	c := New(Config{})
	for _, path := range []string{"testdata/cases.jsonl", "testdata/holdout.jsonl"} {
		for _, ec := range loadCases(t, path) {
			res := c.Classify(Input{Subject: ec.Subject, Body: ec.Body, Exposed: ec.Exposed, Urgent: ec.Urgent, AmountUSD: ec.AmountUSD})
			if len(res.Reasons) == 0 || !res.Severity.Valid() || res.Topic != "" && !IsTopic(res.Topic) || !res.Category.Valid() {
				t.Errorf("%q: %+v", ec.Body, res)
			}
			// The most urgent reason comes first and matches the severity.
			if lv, ok := reasonLevel(c, res.Reasons[0].Code); ok && lv != res.Severity {
				t.Errorf("%q: severity %v but first reason %s is %v", ec.Body, res.Severity, res.Reasons[0].Code, lv)
			}
		}
	}
}

func reasonLevel(c *Classifier, code string) (Severity, bool) {
	switch code {
	case "secret_exposed":
		return S1, true
	case "amount_at_risk":
		return S2, true
	case "requester_urgent", "question_about", "how_to_question", "general_inquiry":
		return 0, false
	}
	for _, r := range c.rules {
		if r.code == code {
			return r.level, true
		}
	}
	return 0, false
}

func TestSeverityStrings(t *testing.T) {
	for _, s := range []Severity{S1, S2, S3, S4} {
		got, ok := ParseSeverity(s.String())
		if !ok || got != s {
			t.Errorf("round trip of %v: %v %v", s, got, ok)
		}
	}
	for _, in := range []string{"s2", " S3 "} {
		if _, ok := ParseSeverity(in); !ok {
			t.Errorf("ParseSeverity(%q) failed", in)
		}
	}
	for _, in := range []string{"", "S0", "S5", "2", "SS", "S12"} {
		if _, ok := ParseSeverity(in); ok {
			t.Errorf("ParseSeverity(%q) accepted", in)
		}
	}
	if Severity(9).String() != "S?" {
		t.Error("invalid severity should print S?")
	}
}

func TestTextAmount(t *testing.T) {
	tests := map[string]float64{
		"lost $25,000 today":        25000,
		"12k usdt":                  12000,
		"sent 1.5万u":                15000,
		"两万多u被转走":                   20000,
		"十万usdt":                    100000,
		"2万usdtの送金":                 20000,
		"15000ドル分":                  15000,
		"usd 300":                   300,
		"3000 dollars and 5 eth":    3000,
		"2 hours ago, 24 words":     0,
		"0x55d398326f99059ff775485": 0,
		"5 min":                     0,
		"tx 1,234,567 usdc":         1234567,
	}
	for in, want := range tests {
		if got := textAmountUSD(in); got != want {
			t.Errorf("textAmountUSD(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestNormalize(t *testing.T) {
	got, kinds := normalize(nil, "ＵＳＤＴ  Stolen！\u3000Look-alike [redacted: Private Key] ok", nil)
	if string(got) != "usdt stolen! look alike\nok" {
		t.Errorf("normalize: %q", got)
	}
	if !slices.Equal(kinds, []string{"private_key"}) {
		t.Errorf("kinds %v", kinds)
	}
}

func TestContractionVariants(t *testing.T) {
	tests := map[string][]string{
		"hasn't arrived": {"hasnt arrived", "has not arrived"},
		"can't send":     {"cant send", "cannot send", "can not send"},
		"won't confirm":  {"wont confirm", "will not confirm"},
		"stuck":          nil,
	}
	for in, want := range tests {
		if got := contractionVariants(in); !slices.Equal(got, want) {
			t.Errorf("contractionVariants(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestConcurrentUse(t *testing.T) {
	c := New(Config{})
	want := classify(c, "", "my wallet was drained").Severity
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 50 {
				body := fmt.Sprintf("my wallet was drained %d %d", i, j)
				if got := classify(c, "", body).Severity; got != want {
					t.Errorf("concurrent: got %v", got)
				}
			}
		}()
	}
	wg.Wait()
}

// The lexicon stays within what the engine assumes.
func TestLexiconShape(t *testing.T) {
	c := New(Config{})
	for id, term := range c.terms {
		if term == "" || len(term) > maxTermLen {
			t.Errorf("term %d %q: empty or longer than %d bytes", id, term, maxTermLen)
		}
	}
	for _, r := range c.rules {
		if len(r.groups) == 0 || len(r.groups) > 8 || !r.level.Valid() || r.code == "" {
			t.Errorf("rule %q: %d groups, level %v", r.code, len(r.groups), r.level)
		}
		if messageTemplate(r.code).en == "" {
			t.Errorf("rule %q has no message", r.code)
		}
		for g, group := range r.groups {
			if len(group) == 0 {
				t.Errorf("rule %q group %d is empty", r.code, g)
			}
		}
	}
	if got := markerKind(": <script>alert(1)</script>"); got != "secret" {
		t.Errorf("markerKind kept free text: %q", got)
	}
}

func TestSegmentText(t *testing.T) {
	text := "hacked!\nmy usdt 1.5 eth, gone but 我的币。还在「はい」ok"
	c := New(Config{})
	var breaks []int32
	for _, w := range []string{"but"} {
		breaks = append(breaks, int32(strings.Index(text, w)))
	}
	segs := segmentText(nil, text, 8, breaks, c.punct)
	var got []string
	for _, s := range segs {
		got = append(got, fmt.Sprintf("%d:%s", s.sentence, strings.TrimSpace(text[s.start:s.end])))
	}
	want := []string{"0:hacked", "1:my usdt 1.5 eth", "1:gone", "1:but 我的币", "2:还在", "2:はい", "2:ok"}
	if !slices.Equal(got, want) {
		t.Errorf("segments\n got %q\nwant %q", got, want)
	}
	if !segs[0].subject || segs[1].subject {
		t.Errorf("subject marks wrong: %+v", segs[:2])
	}
}
