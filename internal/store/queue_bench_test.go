package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/store"
	"github.com/walletdesk/walletdesk/internal/store/storetest"
	"github.com/walletdesk/walletdesk/internal/ticket"
	"github.com/walletdesk/walletdesk/internal/ticketsearch"
	"github.com/walletdesk/walletdesk/internal/triage"
)

// The queue at the scale of the benchmark: 50,000 requests and
// 200,000 messages.
var benchSpec = fillSpec{Tickets: 50_000, Messages: 200_000, Seed: 4}

// TestFillDataDir fills a database for load tests over HTTP (cmd/wdload):
//
//	WALLETDESK_FILL_DIR=/tmp/wd-bench go test -run TestFillDataDir ./internal/store/
//	WALLETDESK_FILL_DATABASE=postgres://... go test -run TestFillDataDir ./internal/store/
//
// then `walletdesk serve --data /tmp/wd-bench` (or --database ...).
func TestFillDataDir(t *testing.T) {
	dir, url := os.Getenv("WALLETDESK_FILL_DIR"), os.Getenv("WALLETDESK_FILL_DATABASE")
	if dir == "" && url == "" {
		t.Skip("set WALLETDESK_FILL_DIR or WALLETDESK_FILL_DATABASE to fill a database for load tests")
	}
	ctx := context.Background()
	db, raw := openForFill(t, dir, url)
	spec := benchSpec
	spec.Now = time.Now()
	st, err := fill(ctx, db, raw, spec)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("filled %d tickets (%d active), %d messages, %d events in %s", st.Tickets, st.Active, st.Messages, st.Events, st.Took.Round(time.Millisecond))
}

func openForFill(tb testing.TB, dir, url string) (*store.DB, *sql.DB) {
	tb.Helper()
	db, err := store.Open(context.Background(), store.Config{DataDir: dir, DatabaseURL: url, MaxConns: benchConns(), SecretKey: storetest.SecretKey})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	raw, err := openRaw(dir, url)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { raw.Close() })
	return db, raw
}

// benchDB opens a fresh database of the engine and fills it.
func benchDB(b *testing.B, engine string) *store.DB {
	b.Helper()
	dir, url := "", ""
	if engine == "postgres" {
		url = storetest.PostgresURL(b)
	} else {
		dir = b.TempDir()
	}
	db, raw := openForFill(b, dir, url)
	spec := benchSpec
	spec.Now = time.Now()
	st, err := fill(context.Background(), db, raw, spec)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%s: filled %d tickets (%d active), %d messages, %d events in %s", engine, st.Tickets, st.Active, st.Messages, st.Events, st.Took.Round(time.Millisecond))
	return db
}

// latencies records one duration per operation and reports percentiles.
type latencies struct {
	mu sync.Mutex
	d  []time.Duration
}

func (l *latencies) add(d time.Duration) {
	l.mu.Lock()
	l.d = append(l.d, d)
	l.mu.Unlock()
}

func (l *latencies) report(b *testing.B) {
	if len(l.d) == 0 {
		return
	}
	slices.Sort(l.d)
	at := func(p float64) float64 {
		return float64(l.d[min(len(l.d)-1, int(p*float64(len(l.d))))].Microseconds()) / 1000
	}
	b.ReportMetric(at(0.50), "p50-ms")
	b.ReportMetric(at(0.99), "p99-ms")
	b.ReportMetric(float64(l.d[len(l.d)-1].Microseconds())/1000, "max-ms")
}

// BenchmarkQueue lists the queue through the domain (ticket.Queue) on each
// engine. Run with -v to see the plans.
//
//	go test -run '^$' -bench Queue -benchtime 2000x ./internal/store/
func BenchmarkQueue(b *testing.B) {
	engines := []string{"sqlite"}
	if _, err := os.Stat("/usr/lib/postgresql"); err == nil || os.Getenv("WALLETDESK_TEST_POSTGRES_URL") != "" {
		engines = append(engines, "postgres")
	}
	for _, engine := range engines {
		b.Run(engine, func(b *testing.B) {
			ctx := context.Background()
			db := benchDB(b, engine)
			q := ticket.NewQueue(db.Queue(), nil)
			first, err := q.List(ctx, ticket.QueueFilter{})
			if err != nil || first.Next == "" {
				b.Fatalf("first page: %d rows, next %q, %v", len(first.Rows), first.Next, err)
			}
			cases := []struct {
				name string
				f    ticket.QueueFilter
			}{
				{"default", ticket.QueueFilter{}},
				{"page2", ticket.QueueFilter{Cursor: first.Next}},
				{"locale_ja", ticket.QueueFilter{Locale: desk.Japanese}},
				{"S1_S2", ticket.QueueFilter{Severities: []triage.Severity{triage.S1, triage.S2}}},
				{"unassigned", ticket.QueueFilter{Assignee: ticket.Unassigned}},
				{"mine", ticket.QueueFilter{Assignee: 7}},
				{"security_zh", ticket.QueueFilter{Category: triage.Security, Locale: desk.Chinese}},
				{"closed_200", ticket.QueueFilter{Statuses: []ticket.Status{ticket.Closed}, Limit: 200}},
			}
			for _, c := range cases {
				b.Run(c.name, func(b *testing.B) {
					if qq, err := resolve(c.f); err == nil && b.N == 1 {
						qq.Limit++
						if plan, err := db.Queue().ExplainQueue(ctx, qq); err == nil {
							b.Logf("%s %s plan:\n%s", engine, c.name, plan)
						}
					}
					var lat latencies
					b.ResetTimer()
					for i := 0; i < b.N; i++ {
						start := time.Now()
						p, err := q.List(ctx, c.f)
						if err != nil || len(p.Rows) == 0 {
							b.Fatalf("%d rows, %v", len(p.Rows), err)
						}
						lat.add(time.Since(start))
					}
					b.StopTimer()
					lat.report(b)
				})
			}
			// 16 clients at once, as the HTTP benchmark will run them.
			b.Run("default_16clients", func(b *testing.B) {
				var lat latencies
				b.SetParallelism(max(1, 16/max(1, runtime.GOMAXPROCS(0))))
				b.ResetTimer()
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						start := time.Now()
						if _, err := q.List(ctx, ticket.QueueFilter{}); err != nil {
							b.Error(err)
							return
						}
						lat.add(time.Since(start))
					}
				})
				b.StopTimer()
				lat.report(b)
			})
		})
	}
}

// resolve mirrors the domain's filter defaults for EXPLAIN.
func resolve(f ticket.QueueFilter) (ticket.QueueQuery, error) {
	q := ticket.QueueQuery{Statuses: f.Statuses, Severities: f.Severities, Locale: f.Locale, Category: f.Category,
		Assignee: f.Assignee, Limit: f.Limit}
	if len(q.Statuses) == 0 {
		q.Statuses = ticket.ActiveStatuses
	}
	if q.Limit == 0 {
		q.Limit = ticket.DefaultQueueLimit
	}
	if f.Cursor != "" {
		k, err := ticket.DecodeCursor(f.Cursor)
		if err != nil {
			return q, err
		}
		q.After = &k
	}
	return q, nil
}

// BenchmarkTicketSearch builds the message index from a filled SQLite
// database (by tailing, as a replica does) and times queries: the target
// is p99 <= 10 ms for a two-character Chinese query.
//
//	go test -run '^$' -bench TicketSearch -benchtime 2000x ./internal/store/
func BenchmarkTicketSearch(b *testing.B) {
	ctx := context.Background()
	db := benchDB(b, "sqlite")
	start := time.Now()
	ix, err := ticketsearch.Open(ticketsearch.Options{Dir: filepath.Join(b.TempDir(), "tickets"), Source: db.TicketTexts(), Settle: time.Nanosecond})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	n, err := ix.Sync(ctx)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("indexed %d tickets (%d docs) up to event %d in %s", n, ix.Count(), ix.Cursor(), time.Since(start).Round(time.Millisecond))
	active := ticket.ActiveStatuses
	for _, c := range []struct {
		name, q  string
		statuses []ticket.Status
		limit    int
	}{
		{"zh_2char_转账", "转账", nil, 50},
		{"zh_2char_助记", "助记", nil, 50},
		{"zh_2char_转账_active", "转账", active, 1000},
		{"ja_kana_エネルギー", "エネルギー", nil, 50},
		{"ja_2char_送金", "送金", nil, 50},
		{"en_pending", "pending", nil, 50},
		{"en_two_words", "wrong network", nil, 50},
		{"zh_1char_盗", "盗", nil, 50},
	} {
		b.Run(fmt.Sprintf("%s_limit%d", c.name, c.limit), func(b *testing.B) {
			got, err := ix.Search(ctx, c.q, c.statuses, c.limit)
			if err != nil || len(got) == 0 {
				b.Fatalf("%q: %d hits, %v", c.q, len(got), err)
			}
			var lat latencies
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				start := time.Now()
				if _, err := ix.Search(ctx, c.q, c.statuses, c.limit); err != nil {
					b.Fatal(err)
				}
				lat.add(time.Since(start))
			}
			b.StopTimer()
			lat.report(b)
		})
	}
	// The queue with a text filter: search, then the page from the store.
	q := ticket.NewQueue(db.Queue(), ix)
	b.Run("queue_text_转账", func(b *testing.B) {
		var lat latencies
		for i := 0; i < b.N; i++ {
			start := time.Now()
			if _, err := q.List(ctx, ticket.QueueFilter{Text: "转账"}); err != nil {
				b.Fatal(err)
			}
			lat.add(time.Since(start))
		}
		b.StopTimer()
		lat.report(b)
	})
}

// benchConns sizes the connection pool (WALLETDESK_BENCH_CONNS; the
// store's default when unset), to measure how the pool shapes latency
// under concurrency.
func benchConns() int {
	n, _ := strconv.Atoi(os.Getenv("WALLETDESK_BENCH_CONNS"))
	return n
}
