package redact

import (
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

var testRedactor = New()

func TestCleanTextIsReturnedAsIs(t *testing.T) {
	for _, s := range []string{"", "hello", "I want to transfer my token to a friend", "这是我的第一个钱包", "0x9118bb16000f49c81a358ca00d75985d99c94309"} {
		res := testRedactor.Redact(s)
		if res.Text != s || res.Redacted() {
			t.Errorf("Redact(%q) = %q, %v", s, res.Text, res.Redactions)
		}
	}
}

func TestKinds(t *testing.T) {
	const phrase = "legal winner thank year wave sausage worth useful legal winner thank yellow"
	cases := []struct {
		name, in string
		kind     Kind
		gone     string
	}{
		{"phrase", "my seed: " + phrase, RecoveryPhrase, "winner thank"},
		{"phrase unlabelled", phrase, RecoveryPhrase, "winner thank"},
		{"hex key", "private key: 4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318", PrivateKey, "4c0883a6"},
		{"hex key after", "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318 is my private key", PrivateKey, "4c0883a6"},
		{"wif", "5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ", PrivateKey, "5HueCGU8"},
		{"wif compressed", "import KwdMAjGmerYanjeui5SHS7JkmpZvVipYvB2LJGU1ZxJwYvP98617 please", PrivateKey, "KwdMAjGm"},
		{"xprv", "xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi", ExtendedKey, "xprv9s21"},
		{"keystore", `{"crypto":{"cipher":"aes-128-ctr","ciphertext":"6e36aab0d1bc52d9230d977ee22571594720771f8ca8181166d2287672fdf202","kdf":"scrypt"},"version":3}`, Keystore, "6e36aab0"},
	}
	for _, c := range cases {
		res := testRedactor.Redact(c.in)
		if !res.Has(c.kind) {
			t.Errorf("%s: no %s in %+v (%q)", c.name, c.kind, res.Redactions, res.Text)
		}
		if strings.Contains(res.Text, c.gone) {
			t.Errorf("%s: %q survives in %q", c.name, c.gone, res.Text)
		}
		for _, d := range res.Redactions {
			if res.Text[d.Start:d.End] != d.Kind.Marker() {
				t.Errorf("%s: offsets %d:%d do not hold the marker in %q", c.name, d.Start, d.End, res.Text)
			}
		}
	}
}

func TestNotSecrets(t *testing.T) {
	for _, s := range []string{
		"my tx hash is 0x482c9cbc43435cc52eae05cf96d0cc5fd4c28c2e7c26847f0316909e3bbbe9ea still pending",
		"0x482c9cbc43435cc52eae05cf96d0cc5fd4c28c2e7c26847f0316909e3bbbe9ea",
		"482c9cbc43435cc52eae05cf96d0cc5fd4c28c2e7c26847f0316909e3bbbe9ea",
		"I lost my private key. The tx is 0x482c9cbc43435cc52eae05cf96d0cc5fd4c28c2e7c26847f0316909e3bbbe9ea",
		"xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1Rupje8YtGqsefD265TMg7usUDFdp6W1EGMcet8",
		"send to TJRabPrwbZy45sbavfcjinPJC18kjpRTv8 or 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2 or bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
		"How do I write down my recovery phrase safely? Should I use paper or metal?",
		"[redacted: recovery phrase] was in my message, why?",
	} {
		if res := testRedactor.Redact(s); res.Text != s {
			t.Errorf("changed %q to %q", s, res.Text)
		}
	}
}

func TestInvalidUTF8(t *testing.T) {
	in := "bad \xff byte, seed: legal winner thank year wave sausage worth useful legal winner thank yellow \xfe"
	res := testRedactor.Redact(in)
	if !utf8.ValidString(res.Text) || !res.Has(RecoveryPhrase) {
		t.Fatalf("got %q %v", res.Text, res.Redactions)
	}
	res = testRedactor.Redact("only \xff here")
	if res.Text != "only \uFFFD here" || res.Redacted() {
		t.Fatalf("got %q", res.Text)
	}
}

func TestFollowUp(t *testing.T) {
	r := testRedactor
	cases := []struct {
		name           string
		prev, next     string
		prevGone, gone []string
	}{
		{
			name:     "split unlabelled phrase",
			prev:     "ok here: legal winner thank year wave sausage",
			next:     "worth useful legal winner thank yellow",
			prevGone: []string{"wave sausage"}, gone: []string{"thank yellow"},
		},
		{
			name: "label in the previous message",
			prev: "my seed phrase:",
			next: "legal winner thank year wave sausage worth useful legal",
			gone: []string{"wave sausage"},
		},
		{
			name: "rest after a redacted phrase",
			prev: "seed: legal winner thank year wave sausage worth useful [redacted: recovery phrase]",
			next: "winner thank yellow",
			gone: []string{"thank yellow"},
		},
		{
			name: "key label in previous",
			prev: "my private key is",
			next: "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318",
			gone: []string{"4c0883a6"},
		},
	}
	for _, c := range cases {
		prevStored := r.Redact(c.prev).Text
		p, n := r.RedactFollowUp(prevStored, c.next)
		for _, g := range c.prevGone {
			if strings.Contains(p.Text, g) {
				t.Errorf("%s: %q survives in previous %q", c.name, g, p.Text)
			}
		}
		for _, g := range c.gone {
			if strings.Contains(n.Text, g) {
				t.Errorf("%s: %q survives in next %q", c.name, g, n.Text)
			}
		}
		if len(c.prevGone) == 0 && p.Text != prevStored {
			t.Errorf("%s: previous changed to %q", c.name, p.Text)
		}
	}
	// Two ordinary messages stay as they are.
	p, n := r.RedactFollowUp("I want to transfer my token to a friend", "but the network fee is high, can you help?")
	if p.Redacted() || n.Redacted() {
		t.Errorf("follow-up false positive: %q / %q", p.Text, n.Text)
	}
	p, n = r.RedactFollowUp("[redacted: recovery phrase]", "thanks, what should I do now?")
	if p.Redacted() || n.Redacted() {
		t.Errorf("follow-up false positive after marker: %q", n.Text)
	}
}

func TestIdempotent(t *testing.T) {
	g := newGenerator(7)
	for _, c := range append(g.positives(300), g.negatives(300)...) {
		once := testRedactor.Redact(c.text).Text
		if twice := testRedactor.Redact(once).Text; twice != once {
			t.Errorf("%s: not idempotent:\n once: %q\ntwice: %q", c.name, once, twice)
		}
	}
}

func TestConcurrent(t *testing.T) {
	g := newGenerator(11)
	cases := append(g.positives(200), g.negatives(200)...)
	want := make([]string, len(cases))
	for i, c := range cases {
		want[i] = testRedactor.Redact(c.text).Text
	}
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, c := range cases {
				if got := testRedactor.Redact(c.text).Text; got != want[i] {
					t.Errorf("concurrent result differs for %s", c.name)
					return
				}
			}
		}()
	}
	wg.Wait()
}

// TestPortugueseFallback: the module has no Portuguese list, so a labelled
// Portuguese phrase is caught by shape.
func TestPortugueseFallback(t *testing.T) {
	words := "abacate abaixo abalar abater abduzir abelha aberto abismo abotoar abranger abreviar abrigar"
	for _, in := range []string{
		"minha frase semente: " + words,
		"Frase de recuperação:\n" + strings.ReplaceAll(words, " ", "\n"),
		"my seed phrase is " + words + " please help",
	} {
		res := testRedactor.Redact(in)
		if strings.Contains(res.Text, "abater abduzir") || !res.Has(RecoveryPhrase) {
			t.Errorf("not redacted: %q", res.Text)
		}
	}
	for _, in := range []string{
		"minha frase semente foi roubada e eu não sei o que fazer agora, por favor me ajudem com isso",
		"My recovery phrase is lost and I need to know how to get my wallet back now please",
	} {
		if res := testRedactor.Redact(in); res.Text != in {
			t.Errorf("false positive: %q", res.Text)
		}
	}
}
