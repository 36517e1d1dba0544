package ticketsearch_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/walletdesk/walletdesk/internal/ticket"
	"github.com/walletdesk/walletdesk/internal/ticketsearch"
)

// memSource is a database in miniature: tickets, and events in id order.
type memSource struct {
	mu      sync.Mutex
	docs    map[int64]ticketsearch.Doc
	changes []ticketsearch.ChangeRef
	reads   int // Docs calls
}

func newSource() *memSource { return &memSource{docs: map[int64]ticketsearch.Doc{}} }

// put stores a ticket as it now is and records an event for it.
func (s *memSource) put(d ticketsearch.Doc, at time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if d.Status == "" {
		d.Status = ticket.Open
	}
	s.docs[d.TicketID] = d
	s.changes = append(s.changes, ticketsearch.ChangeRef{ID: int64(len(s.changes) + 1), TicketID: d.TicketID, CreatedAt: at})
}

func (s *memSource) ChangesAfter(_ context.Context, after int64, limit int) ([]ticketsearch.ChangeRef, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []ticketsearch.ChangeRef
	for _, c := range s.changes {
		if c.ID > after && len(out) < limit {
			out = append(out, c)
		}
	}
	return out, nil
}

func (s *memSource) Docs(_ context.Context, ids []int64) ([]ticketsearch.Doc, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reads++
	var out []ticketsearch.Doc
	for _, id := range ids {
		if d, ok := s.docs[id]; ok {
			out = append(out, d)
		}
	}
	return out, nil
}

var past = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

func open(t *testing.T, dir string, src ticketsearch.Source) *ticketsearch.Index {
	t.Helper()
	ix, err := ticketsearch.Open(ticketsearch.Options{Dir: dir, Source: src, Batch: 3, Now: func() time.Time { return past.Add(time.Hour) }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func search(t *testing.T, ix *ticketsearch.Index, q string, statuses ...ticket.Status) []int64 {
	t.Helper()
	got, err := ix.Search(context.Background(), q, statuses, 100)
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(got)
	return got
}

func corpus() *memSource {
	src := newSource()
	for _, d := range []ticketsearch.Doc{
		{TicketID: 1, Subject: "转账失败", Messages: []string{"我的USDT转账一直失败，怎么办？"}},
		{TicketID: 2, Subject: "助记词导入", Messages: []string{"导入钱包时提示助记词无效", "[redacted: recovery phrase]"}},
		{TicketID: 3, Subject: "送金が保留中", Messages: []string{"USDTの送金が詰まっています", "エネルギーが足りないと表示されました"}},
		{TicketID: 4, Subject: "Transfers pending", Messages: []string{"My transfers are stuck for hours on Ethereum."}},
		{TicketID: 5, Subject: "钱包被盗", Messages: []string{"资产被转走了"}, Status: ticket.Closed},
		{TicketID: 6, Subject: "Wrong network", Messages: []string{"Sent USDT on BEP20 instead of ERC20", "internal: looks like a duplicate of #2"}},
		{TicketID: 7, Subject: "ｴﾈﾙｷﾞｰ不足", Messages: []string{"half-width kana subject"}},
	} {
		src.put(d, past)
	}
	return src
}

func TestSearchLanguages(t *testing.T) {
	ix := open(t, "", corpus())
	if _, err := ix.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		q        string
		statuses []ticket.Status
		want     []int64
	}{
		{"转账", nil, []int64{1}},              // two characters inside 转账失败 and 转账一直
		{"助记", nil, []int64{2}},              // part of 助记词
		{"送金", nil, []int64{3}},              // kanji pair
		{"エネルギー", nil, []int64{3, 7}},        // kana; half-width folded
		{"transfer", nil, []int64{4}},        // stemmed: transfers
		{"TRANSFERS stuck", nil, []int64{4}}, // every term, any case
		{"transfer bitcoin", nil, nil},       // every term must match
		{"usdt", nil, []int64{1, 3, 6}},      // Latin inside CJK text
		{"duplicate", nil, []int64{6}},       // internal notes are searched
		{"盗", nil, []int64{5}},               // one character: subjects
		{"被盗", nil, []int64{5}},
		{"被盗", ticket.ActiveStatuses, nil}, // closed is not active
		{"被盗", []ticket.Status{ticket.Closed, ticket.Solved}, []int64{5}},
		{"usdt", []ticket.Status{ticket.Open}, []int64{1, 3, 6}},
		{"the", nil, nil}, // a stop word alone finds nothing
		{"   ", nil, nil},
		{"recovery phrase", nil, []int64{2}}, // the redaction marker's words are plain text
	}
	for _, c := range cases {
		if got := search(t, ix, c.q, c.statuses...); !slices.Equal(got, c.want) && !(len(got) == 0 && len(c.want) == 0) {
			t.Errorf("%q %v: %v, want %v", c.q, c.statuses, got, c.want)
		}
	}
	if n := ix.Count(); n != 7 {
		t.Errorf("count %d", n)
	}
}

func TestRankingPrefersSubject(t *testing.T) {
	src := newSource()
	src.put(ticketsearch.Doc{TicketID: 1, Subject: "hello", Messages: []string{"an energy question among many other words about fees and wallets"}}, past)
	src.put(ticketsearch.Doc{TicketID: 2, Subject: "energy", Messages: []string{"an unrelated question among many other words about fees and wallets"}}, past)
	ix := open(t, "", src)
	ix.Sync(context.Background())
	got, _ := ix.Search(context.Background(), "energy", nil, 10)
	if !slices.Equal(got, []int64{2, 1}) {
		t.Errorf("ranking %v", got)
	}
	if got, _ := ix.Search(context.Background(), "energy", nil, 1); len(got) != 1 {
		t.Errorf("limit: %v", got)
	}
}

func TestSyncFollowsChanges(t *testing.T) {
	ctx := context.Background()
	src := corpus()
	ix := open(t, "", src)
	ix.Sync(ctx)
	cursor := ix.Cursor()
	// A reply, a rewrite that redacts an earlier message, a status change.
	src.put(ticketsearch.Doc{TicketID: 1, Subject: "转账失败", Messages: []string{"[redacted: recovery phrase]", "sweeper took everything"}}, past)
	src.put(ticketsearch.Doc{TicketID: 5, Subject: "钱包被盗", Messages: []string{"资产被转走了"}, Status: ticket.Open}, past)
	n, err := ix.Sync(ctx)
	if err != nil || n != 2 {
		t.Fatalf("synced %d, %v", n, err)
	}
	if ix.Cursor() <= cursor {
		t.Errorf("cursor %d after %d", ix.Cursor(), cursor)
	}
	if got := search(t, ix, "一直失败"); len(got) != 0 {
		t.Errorf("the rewritten text is still found: %v", got)
	}
	if got := search(t, ix, "sweeper"); !slices.Equal(got, []int64{1}) {
		t.Errorf("the new message is not found: %v", got)
	}
	if got := search(t, ix, "被盗", ticket.ActiveStatuses...); !slices.Equal(got, []int64{5}) {
		t.Errorf("reopened ticket: %v", got)
	}
	// Nothing new: no reads.
	reads := src.reads
	if n, _ := ix.Sync(ctx); n != 0 || src.reads != reads {
		t.Errorf("idle sync indexed %d with %d reads", n, src.reads-reads)
	}
}

// openSettling opens an index in memory that lets events settle for 10 s
// of the clock *now.
func openSettling(t *testing.T, src ticketsearch.Source, now *time.Time) *ticketsearch.Index {
	t.Helper()
	ix, err := ticketsearch.Open(ticketsearch.Options{Source: src, Settle: 10 * time.Second, Now: func() time.Time { return *now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func TestSyncRereadsUnsettledChanges(t *testing.T) {
	ctx := context.Background()
	src := newSource()
	now := past
	ix := openSettling(t, src, &now)
	src.put(ticketsearch.Doc{TicketID: 1, Subject: "old"}, now.Add(-time.Minute))
	src.put(ticketsearch.Doc{TicketID: 2, Subject: "fresh"}, now.Add(-time.Second))
	ix.Sync(ctx)
	// Indexed both, but the cursor stays before the fresh change: an event
	// with a lower id may still commit on PostgreSQL.
	if got := search(t, ix, "fresh"); !slices.Equal(got, []int64{2}) || ix.Cursor() != 1 {
		t.Fatalf("fresh %v, cursor %d", got, ix.Cursor())
	}
	// Re-reading the fresh change does not index its ticket again.
	reads := src.reads
	if n, _ := ix.Sync(ctx); n != 0 || src.reads != reads || ix.Cursor() != 1 {
		t.Errorf("second read of the window: indexed %d with %d reads, cursor %d", n, src.reads-reads, ix.Cursor())
	}
	now = now.Add(time.Minute)
	if n, _ := ix.Sync(ctx); n != 0 || ix.Cursor() != 2 {
		t.Errorf("after settling: indexed %d, cursor %d", n, ix.Cursor())
	}
	// A ticket that disappeared (never in normal operation) leaves the index.
	src.mu.Lock()
	delete(src.docs, 2)
	src.mu.Unlock()
	src.put(ticketsearch.Doc{TicketID: 1, Subject: "old"}, now)
	src.mu.Lock()
	src.changes[len(src.changes)-1].TicketID = 2
	src.mu.Unlock()
	ix.Sync(ctx)
	if got := search(t, ix, "fresh"); len(got) != 0 {
		t.Errorf("deleted ticket still found: %v", got)
	}
}

// On PostgreSQL an event can commit after one with a higher id: the
// unsettled window is read again, and what committed late is indexed.
func TestSyncIndexesLateCommits(t *testing.T) {
	ctx := context.Background()
	src := newSource()
	now := past
	ix := openSettling(t, src, &now)
	src.put(ticketsearch.Doc{TicketID: 1, Subject: "first"}, now.Add(-time.Second))
	src.put(ticketsearch.Doc{TicketID: 2, Subject: "late"}, now.Add(-time.Second))
	src.put(ticketsearch.Doc{TicketID: 3, Subject: "third"}, now.Add(-time.Second))
	src.mu.Lock()
	late := src.changes[1]
	src.changes = slices.Delete(src.changes, 1, 2) // id 2 not yet committed
	src.mu.Unlock()
	if n, _ := ix.Sync(ctx); n != 2 {
		t.Fatalf("indexed %d, want tickets 1 and 3", n)
	}
	src.mu.Lock()
	src.changes = slices.Insert(src.changes, 1, late)
	src.mu.Unlock()
	if n, _ := ix.Sync(ctx); n != 1 {
		t.Errorf("after the late commit: indexed %d, want ticket 2 alone", n)
	}
	if got := search(t, ix, "late"); !slices.Equal(got, []int64{2}) {
		t.Errorf("late commit not found: %v", got)
	}
	now = now.Add(time.Minute)
	if n, _ := ix.Sync(ctx); n != 0 || ix.Cursor() != 3 {
		t.Errorf("after settling: indexed %d, cursor %d", n, ix.Cursor())
	}
}

func TestOnDiskKeepsCursorAndRebuildsWhenBroken(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "tickets")
	src := corpus()
	ix, err := ticketsearch.Open(ticketsearch.Options{Dir: dir, Source: src, Now: func() time.Time { return past.Add(time.Hour) }})
	if err != nil {
		t.Fatal(err)
	}
	ix.Sync(ctx)
	cursor := ix.Cursor()
	ix.Close()

	reads := src.reads
	ix = open(t, dir, src)
	if ix.Cursor() != cursor || ix.Count() != 7 {
		t.Fatalf("reopened: cursor %d (want %d), %d docs", ix.Cursor(), cursor, ix.Count())
	}
	if n, _ := ix.Sync(ctx); n != 0 || src.reads != reads {
		t.Errorf("a reopened index re-read %d tickets", n)
	}
	ix.Close()

	// A damaged index is derived data: it is rebuilt from the source.
	if err := os.WriteFile(filepath.Join(dir, "index_meta.json"), []byte("{garbage"), 0o600); err != nil {
		t.Fatal(err)
	}
	ix = open(t, dir, src)
	if ix.Cursor() != 0 || ix.Count() != 0 {
		t.Fatalf("damaged index opened with cursor %d, %d docs", ix.Cursor(), ix.Count())
	}
	ix.Sync(ctx)
	if got := search(t, ix, "转账"); !slices.Equal(got, []int64{1}) {
		t.Errorf("after rebuild: %v", got)
	}
}

func TestRunStopsWithContext(t *testing.T) {
	src := corpus()
	ix, err := ticketsearch.Open(ticketsearch.Options{Source: src, Interval: 10 * time.Millisecond, Now: func() time.Time { return past.Add(time.Hour) }})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- ix.Run(ctx) }()
	deadline := time.Now().Add(5 * time.Second)
	for ix.Count() < 7 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	src.put(ticketsearch.Doc{TicketID: 8, Subject: "later arrival"}, past)
	for len(search(t, ix, "arrival")) == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("run: %v", err)
	}
	if got := search(t, ix, "arrival"); !slices.Equal(got, []int64{8}) {
		t.Errorf("run did not index the new ticket: %v", got)
	}
}

func FuzzSearch(f *testing.F) {
	ix, err := ticketsearch.Open(ticketsearch.Options{Source: corpus(), Now: func() time.Time { return past.Add(time.Hour) }})
	if err != nil {
		f.Fatal(err)
	}
	defer ix.Close()
	ix.Sync(context.Background())
	for _, s := range []string{"转账", "盗", "エネルギー", "transfer stuck", "", " ", "ｴ", "\x00", "a\u0301", "🙂", "{{x}}", "status:open"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		got, err := ix.Search(context.Background(), q, ticket.ActiveStatuses, 10)
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		for _, id := range got {
			if id < 1 || id > 7 || id == 5 {
				t.Fatalf("%q: id %d", q, id)
			}
		}
	})
}
