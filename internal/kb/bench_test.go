package kb_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/walletdesk/walletdesk/content"
	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/kb"
	"github.com/walletdesk/walletdesk/internal/store"
	"github.com/walletdesk/walletdesk/internal/store/storetest"
)

// GenerateCorpus makes n synthetic articles per locale. Like a real large
// help center, each article is about one topic: it takes the sentences,
// title words and keywords of one built-in article (its topic), in a
// random selection and order, and adds names of its own (a token, an app,
// an error code) that few other articles share. Deterministic for a seed.
func GenerateCorpus(tb testing.TB, n int, seed uint64) []kb.Article {
	tb.Helper()
	base, err := kb.LoadFS(content.FS())
	if err != nil {
		tb.Fatal(err)
	}
	r := kb.NewRenderer()
	type topic struct {
		a         kb.Article
		sentences []string
	}
	topics := map[desk.Locale][]topic{}
	for _, a := range base {
		topics[a.Locale] = append(topics[a.Locale], topic{a, strings.Split(r.Render(a).Plain, "\n")})
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	syllables := []string{"ka", "zor", "vex", "lin", "tra", "mo", "qui", "den", "sol", "ra", "xi", "nu", "pex", "bel", "tor"}
	name := func() string {
		var b strings.Builder
		for i := 0; i < 2+rng.IntN(2); i++ {
			b.WriteString(syllables[rng.IntN(len(syllables))])
		}
		return b.String()
	}
	var out []kb.Article
	for _, loc := range desk.Locales {
		ts := topics[loc]
		for i := 0; i < n; i++ {
			t := ts[rng.IntN(len(ts))]
			entities := []string{name(), name() + " wallet", fmt.Sprintf("E-%04d", rng.IntN(10000))}
			kw := append([]string{}, entities...)
			for j := 0; j < 6 && len(t.a.Keywords) > 0; j++ {
				kw = append(kw, t.a.Keywords[rng.IntN(len(t.a.Keywords))])
			}
			var body strings.Builder
			for j := 0; j < 20; j++ {
				if j%6 == 0 {
					body.WriteString("## " + kw[rng.IntN(len(kw))] + "\n\n")
				}
				body.WriteString(t.sentences[rng.IntN(len(t.sentences))])
				if j%5 == 0 {
					body.WriteString(" " + entities[rng.IntN(len(entities))])
				}
				body.WriteString("\n\n")
			}
			out = append(out, kb.Article{
				Slug: fmt.Sprintf("gen-%05d-%s", i, t.a.Slug), Locale: loc, Category: t.a.Category,
				Title: t.a.Title + " (" + entities[0] + ")", Summary: t.a.Summary, Keywords: kw,
				Body: body.String(), Status: kb.Published,
			})
		}
	}
	return out
}

var (
	benchOnce sync.Once
	benchSvc  *kb.Service
	benchErr  error
)

// benchArticles is the number of generated articles per locale.
const benchArticles = 10000

// benchService is a help center of 10,000 generated articles per locale
// on SQLite, built once per test binary run.
func benchService(b *testing.B) *kb.Service {
	benchOnce.Do(func() {
		ctx := context.Background()
		// WALLETDESK_BENCH_DIR keeps the corpus between runs (building it
		// takes about a minute); by default it lives in a temporary directory.
		dir := os.Getenv("WALLETDESK_BENCH_DIR")
		if dir == "" {
			var err error
			if dir, err = os.MkdirTemp("", "wd-kb-bench"); err != nil {
				benchErr = err
				return
			}
		}
		db, err := store.Open(ctx, store.Config{DataDir: dir, SecretKey: storetest.SecretKey})
		if err != nil {
			benchErr = err
			return
		}
		ix, err := kb.OpenIndex(filepath.Join(dir, "search"))
		if err != nil {
			benchErr = err
			return
		}
		syn, _ := kb.LoadSynonyms(content.FS())
		svc := kb.NewService(kb.Options{Store: db.KB(), Index: ix, Synonyms: syn})
		start := time.Now()
		if n, _ := db.KB().Articles(ctx); len(n) != 3*benchArticles {
			if _, err := svc.Import(ctx, GenerateCorpus(b, benchArticles, 1), "bench", nil); err != nil {
				benchErr = err
				return
			}
		}
		if err := svc.Load(ctx); err != nil {
			benchErr = err
			return
		}
		fmt.Fprintf(os.Stderr, "bench corpus: %d articles imported and indexed in %v\n", svc.Total(), time.Since(start).Round(time.Millisecond))
		benchSvc = svc
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchSvc
}

// benchQueries are the evaluation queries, which mix short and long,
// CJK and Latin, typos and off-topic.
func benchQueries(b *testing.B) []evalCase {
	cases := readCasesB(b, filepath.Join("testdata", "search-eval.jsonl"))
	if len(cases) == 0 {
		b.Skip("no queries")
	}
	return cases
}

func percentile(d []time.Duration, p float64) time.Duration {
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	return d[min(len(d)-1, int(float64(len(d))*p))]
}

func benchLatency(b *testing.B, run func(ctx context.Context, c evalCase) error) {
	ctx := context.Background()
	cases := benchQueries(b)
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c := cases[i%len(cases)]
		t0 := time.Now()
		if err := run(ctx, c); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t0))
	}
	b.StopTimer()
	b.ReportMetric(float64(percentile(lat, 0.50).Microseconds()), "p50-µs")
	b.ReportMetric(float64(percentile(lat, 0.99).Microseconds()), "p99-µs")
}

// BenchmarkSearch10k measures a full search (query, ranking, snippets,
// confidence) over 10,000 articles per locale.
func BenchmarkSearch10k(b *testing.B) {
	svc := benchService(b)
	benchLatency(b, func(ctx context.Context, c evalCase) error {
		_, err := svc.Search(ctx, c.Q, desk.Locale(c.Locale), 10)
		return err
	})
}

// TestSearchQuality10k checks that ranking holds up on the large generated
// help center: for each evaluation query, an article about the expected
// topic (the slug a generated article was made from) is among the top 3.
func TestSearchQuality10k(t *testing.T) {
	if os.Getenv("WALLETDESK_BENCH_DIR") == "" {
		t.Skip("set WALLETDESK_BENCH_DIR to build (or reuse) the 30,000-article corpus")
	}
	b := &testing.B{}
	svc := benchService(b)
	per := map[string][2]int{}
	for _, c := range readCasesB(t, filepath.Join("testdata", "search-eval.jsonl")) {
		if len(c.Expect) == 0 {
			continue
		}
		resp, err := svc.Search(context.Background(), c.Q, desk.Locale(c.Locale), 3)
		if err != nil {
			t.Fatal(err)
		}
		a := per[c.Locale]
		a[1]++
	found:
		for _, r := range resp.Results {
			for _, e := range c.Expect {
				if strings.HasSuffix(r.Entry.Slug, "-"+e) {
					a[0]++
					break found
				}
			}
		}
		per[c.Locale] = a
	}
	for l, a := range per {
		t.Logf("%s: topic hit@3 %.3f (n=%d)", l, float64(a[0])/float64(a[1]), a[1])
	}
}

// BenchmarkSuggest10k measures as-you-type suggestions on the same corpus,
// with the query cut as a user would have typed it so far.
func BenchmarkSuggest10k(b *testing.B) {
	svc := benchService(b)
	benchLatency(b, func(ctx context.Context, c evalCase) error {
		q := []rune(c.Q)
		_, err := svc.Suggest(ctx, string(q[:max(2, len(q)*2/3)]), desk.Locale(c.Locale), 6)
		return err
	})
}
