package kb_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/walletdesk/walletdesk/internal/desk"
)

type evalCase struct {
	Q      string   `json:"q"`
	Locale string   `json:"locale"`
	Expect []string `json:"expect"`
}

func readCases(t *testing.T, path string) []evalCase { return readCasesB(t, path) }

// sharedEvalDir holds the project's shared evaluation samples:
// WALLETDESK_EVAL_DIR, by default the shared folder beside the repository.
func sharedEvalDir() string {
	if d := os.Getenv("WALLETDESK_EVAL_DIR"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "..", "shared", "eval")
}

func readCasesB(t testing.TB, path string) []evalCase {
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
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var c evalCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatalf("%s:%d: %v", path, n, err)
		}
		out = append(out, c)
	}
	return out
}

// hitFloor is the quality bar of the issue: the expected article among the
// top three results, per locale.
const hitFloor = 0.85

// maxOffTopicConfident bounds the share of off-topic queries (expect: [])
// that get confident results.
const maxOffTopicConfident = 0.25

// TestSearchQuality reports hit@3 and MRR per locale on the shared sample
// and on our own larger set, and fails below the floor. Off-topic queries
// (expect: []) must not produce confident results.
func TestSearchQuality(t *testing.T) {
	svc, _ := newService(t)
	sets := map[string]string{
		"dev":  filepath.Join(sharedEvalDir(), "search-dev.jsonl"),
		"eval": filepath.Join("testdata", "search-eval.jsonl"),
	}
	if p := os.Getenv("WALLETDESK_SEARCH_EVAL"); p != "" {
		sets["extra"] = p
	}
	names := make([]string, 0, len(sets))
	for n := range sets {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			cases := readCases(t, sets[name])
			type agg struct {
				n, hit int
				rr     float64
				offN   int
				offBad int
				weak   int
			}
			per := map[string]*agg{}
			var misses []string
			for _, c := range cases {
				loc, ok := desk.ParseLocale(c.Locale)
				if !ok {
					t.Fatalf("bad locale %q", c.Locale)
				}
				a := per[c.Locale]
				if a == nil {
					a = &agg{}
					per[c.Locale] = a
				}
				resp, err := svc.Search(context.Background(), c.Q, loc, 10)
				if err != nil {
					t.Fatal(err)
				}
				if len(c.Expect) == 0 {
					a.offN++
					if resp.Confident {
						a.offBad++
						misses = append(misses, fmt.Sprintf("[%s] off-topic %q got %s (%.2f)", c.Locale, c.Q, resp.Results[0].Entry.Slug, resp.Results[0].Score))
					}
					continue
				}
				a.n++
				if !resp.Confident {
					a.weak++
				}
				rank := 0
				for i, r := range resp.Results {
					for _, e := range c.Expect {
						if r.Entry.Slug == e && rank == 0 {
							rank = i + 1
						}
					}
				}
				if rank > 0 {
					a.rr += 1 / float64(rank)
				}
				if rank >= 1 && rank <= 3 {
					a.hit++
				} else {
					var got []string
					for i, r := range resp.Results {
						if i == 3 {
							break
						}
						got = append(got, r.Entry.Slug)
					}
					misses = append(misses, fmt.Sprintf("[%s] %q want %v got %v (rank %d)", c.Locale, c.Q, c.Expect, got, rank))
				}
			}
			if testing.Verbose() || os.Getenv("WALLETDESK_EVAL_MISSES") != "" {
				for _, m := range misses {
					t.Log(m)
				}
			}
			locs := make([]string, 0, len(per))
			for l := range per {
				locs = append(locs, l)
			}
			sort.Strings(locs)
			for _, l := range locs {
				a := per[l]
				if a.n == 0 {
					continue
				}
				h := float64(a.hit) / float64(a.n)
				t.Logf("%s %-5s hit@3 %.3f  MRR %.3f  (n=%d)  answerable flagged weak %d  off-topic confident %d/%d",
					name, l, h, a.rr/float64(a.n), a.n, a.weak, a.offBad, a.offN)
				if a.offN > 0 && float64(a.offBad)/float64(a.offN) > maxOffTopicConfident {
					t.Errorf("%s %s: %d of %d off-topic queries got confident results", name, l, a.offBad, a.offN)
				}
				if h < hitFloor {
					t.Errorf("%s %s: hit@3 %.3f below %.2f", name, l, h, hitFloor)
				}
			}
		})
	}
}
