package web

import (
	"bufio"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/identity"
	"github.com/walletdesk/walletdesk/internal/ticket"
	"github.com/walletdesk/walletdesk/internal/ticketsearch"
	"github.com/walletdesk/walletdesk/internal/triage"
)

// sseEvent is one event of a stream.
type sseEvent struct {
	id, event string
	data      liveMessage
	raw       string
}

// stream opens the event stream as the browser b and returns its events.
func (b *browser) stream(t *testing.T, ctx context.Context, query string) <-chan sseEvent {
	t.Helper()
	req, _ := http.NewRequestWithContext(ctx, "GET", b.e.ts.URL+"/console/events"+query, nil)
	res, err := b.c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/event-stream") {
		t.Fatalf("stream: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	out := make(chan sseEvent, 16)
	go func() {
		defer res.Body.Close()
		defer close(out)
		sc := bufio.NewScanner(res.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		var ev sseEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if ev.event != "" {
					if ev.event == "queue" {
						json.Unmarshal([]byte(ev.raw), &ev.data)
					}
					out <- ev
				}
				ev = sseEvent{}
			case strings.HasPrefix(line, "id: "):
				ev.id = strings.TrimPrefix(line, "id: ")
			case strings.HasPrefix(line, "event: "):
				ev.event = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.raw = strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	return out
}

// waitRow reads events until one carries a row for ticket id.
func waitRow(t *testing.T, events <-chan sseEvent, id int64) liveRowJSON {
	t.Helper()
	return waitRowWhere(t, events, id, func(liveRowJSON) bool { return true })
}

// waitRowWhere reads events until one carries a row for ticket id that
// satisfies ok: a change may reach a stream in several batches, and rows
// of an earlier change can still be in flight.
func waitRowWhere(t *testing.T, events <-chan sseEvent, id int64, want func(liveRowJSON) bool) liveRowJSON {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case ev, ok := <-events:
			if !ok {
				t.Fatal("stream ended")
			}
			for _, r := range ev.data.Rows {
				if r.ID == id && want(r) {
					return r
				}
			}
		case <-timeout:
			t.Fatalf("no event for request %d", id)
		}
	}
}

func TestLiveQueueEvents(t *testing.T) {
	e := newQueueEnv(t)
	b, _ := e.signedIn(t, "ana@example.com", identity.RoleAgent)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cursor, _ := e.srv.queue.data.LastChange(ctx)
	all := b.stream(t, ctx, "?after="+itoa(cursor))
	ja := b.stream(t, ctx, "?lang=ja&after="+itoa(cursor))
	ticketPage := b.stream(t, ctx, "?view=ticket&ticket=1&after="+itoa(cursor))

	// A new S1 arrives: every stream alerts; the queue streams get the row.
	c := e.request(t, "My wallet was drained", "All my USDT was sent to an address I do not know this morning.", desk.English)
	row := waitRow(t, all, c.Ticket.ID)
	if !row.Alert || row.Match != "yes" || row.Severity != "S1" || !strings.Contains(row.HTML, "My wallet was drained") ||
		!strings.Contains(row.HTML, `data-key="1.`) {
		t.Errorf("S1 row: %+v", row)
	}
	if row := waitRow(t, ja, c.Ticket.ID); row.Match != "no" || row.HTML != "" || !row.Alert {
		t.Errorf("ja stream, en S1: %+v", row)
	}
	if row := waitRow(t, ticketPage, c.Ticket.ID); !row.Alert || row.HTML != "" {
		t.Errorf("ticket page stream: %+v", row)
	}

	// A change to a known S1 is not an arrival; a change that makes a
	// request leave the default list says so.
	sup := e.agent(t, "sup@example.com", identity.RoleSupervisor)
	if _, err := e.tickets.SetStatus(ctx, c.Ticket.ID, sup.ID, ticket.Solved, ""); err != nil {
		t.Fatal(err)
	}
	solved := func(r liveRowJSON) bool { return r.Status == "solved" }
	if row := waitRowWhere(t, all, c.Ticket.ID, solved); row.Alert || row.Match != "no" {
		t.Errorf("solved S1: %+v", row)
	}
	// Raised to S1 by a supervisor: an arrival again, for a new request.
	n := e.request(t, "送金が保留中のまま", "3時間前に友人へUSDTを送金しましたが、まだ保留中です。", desk.Japanese)
	if row := waitRow(t, ja, n.Ticket.ID); row.Alert || row.Match != "yes" {
		t.Errorf("ja S3: %+v", row)
	}
	if _, err := e.tickets.SetSeverity(ctx, n.Ticket.ID, sup.ID, triage.S1, "funds moving", true); err != nil {
		t.Fatal(err)
	}
	if row := waitRowWhere(t, ja, n.Ticket.ID, func(r liveRowJSON) bool { return r.Severity == "S1" }); !row.Alert {
		t.Errorf("raised to S1: %+v", row)
	}

	// A stream that connects later catches up from the page's position.
	late := b.stream(t, ctx, "?after="+itoa(cursor))
	if row := waitRow(t, late, c.Ticket.ID); row.Status != "solved" {
		t.Errorf("catch-up: %+v", row)
	}
	// A text filter cannot be matched here: the page decides.
	text := b.stream(t, ctx, "?q=USDT&after="+itoa(cursor))
	if row := waitRow(t, text, n.Ticket.ID); row.Match != "unknown" || row.HTML == "" {
		t.Errorf("text filter: %+v", row)
	}
	// The server stopping ends the streams.
	e.srv.queue.shutdown()
	for range all {
	}
}

func TestLiveStreamBadFilter(t *testing.T) {
	e := newQueueEnv(t)
	b, _ := e.signedIn(t, "ana@example.com", identity.RoleAgent)
	if r := b.get("/console/events?severity=S9"); r.code != http.StatusUnprocessableEntity {
		t.Errorf("bad filter: %d", r.code)
	}
}

// The event stream reconnects on its own every few minutes: that must not
// keep an open tab's session from idling out, while a page an agent opens
// does.
func TestLiveStreamIsNotActivity(t *testing.T) {
	e := newQueueEnv(t)
	b, _ := e.signedIn(t, "ana@example.com", identity.RoleAgent)
	for i := 0; i < 2; i++ {
		e.clock.add(12 * time.Minute)
		if r := b.get("/console/events?severity=S9"); r.code != http.StatusUnprocessableEntity {
			t.Fatalf("stream after %d minutes: %d", 12*(i+1), r.code)
		}
	}
	e.clock.add(12 * time.Minute) // 36 minutes since the last page
	if r := b.get("/console/events?severity=S9"); r.code != http.StatusSeeOther && r.code != http.StatusFound {
		t.Errorf("stream kept an idle session alive: %d", r.code)
	}
	// Pages are activity.
	b2, _ := e.signedIn(t, "bo@example.com", identity.RoleAgent)
	for i := 0; i < 3; i++ {
		e.clock.add(12 * time.Minute)
		if r := b2.get("/console/"); r.code != http.StatusOK {
			t.Fatalf("page after %d minutes of use: %d", 12*(i+1), r.code)
		}
	}
}

// fakeFeed is a change feed where events become visible out of id order,
// as on PostgreSQL.
type fakeFeed struct {
	QueueData
	mu      sync.Mutex
	visible []ticketsearch.ChangeRef
	rows    map[int64]ticket.QueueRow
	reads   int
}

func (f *fakeFeed) ChangesAfter(_ context.Context, after int64, limit int) ([]ticketsearch.ChangeRef, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []ticketsearch.ChangeRef
	for _, r := range f.visible {
		if r.ID > after && len(out) < limit {
			out = append(out, r)
		}
	}
	return out, nil
}

func (f *fakeFeed) LastChange(context.Context) (int64, error) { return 0, nil }

func (f *fakeFeed) QueuePage(_ context.Context, q ticket.QueueQuery) ([]ticket.QueueRow, error) {
	f.reads++
	var out []ticket.QueueRow
	for _, id := range q.IDs {
		out = append(out, f.rows[id])
	}
	return out, nil
}

func (f *fakeFeed) Events(context.Context, int64) ([]ticket.Event, error) { return nil, nil }

func (f *fakeFeed) show(id, ticketID int64, at time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.visible = append(f.visible, ticketsearch.ChangeRef{ID: id, TicketID: ticketID, CreatedAt: at})
	// ChangesAfter answers in id order.
	for i := len(f.visible) - 1; i > 0 && f.visible[i].ID < f.visible[i-1].ID; i-- {
		f.visible[i], f.visible[i-1] = f.visible[i-1], f.visible[i]
	}
}

func TestLiveHubLateCommits(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	feed := &fakeFeed{rows: map[int64]ticket.QueueRow{}}
	for id := int64(1); id <= 3; id++ {
		feed.rows[id] = ticket.QueueRow{ID: id, Severity: triage.S3, Status: ticket.New}
	}
	h := newLiveHub(feed, slog.New(slog.DiscardHandler))
	h.now = func() time.Time { return now }
	seen := map[int64]bool{}
	ids := func(b liveBatch) []int64 {
		var out []int64
		for _, r := range b.Rows {
			out = append(out, r.ID)
		}
		return out
	}
	// Events 10 and 12 are visible; 11 commits later.
	feed.show(10, 1, now)
	feed.show(12, 3, now)
	b, err := h.read(context.Background(), 0, seen)
	if err != nil || len(b.Rows) != 2 || b.Cursor != 0 {
		t.Fatalf("first poll: %v %v cursor %d", ids(b), err, b.Cursor)
	}
	feed.show(11, 2, now)
	b, _ = h.read(context.Background(), b.Cursor, seen)
	if got := ids(b); len(got) != 1 || got[0] != 2 {
		t.Errorf("late commit: %v, want only ticket 2", got)
	}
	// Nothing new: nothing sent; once settled, the cursor moves on.
	if b, _ = h.read(context.Background(), b.Cursor, seen); len(b.Rows) != 0 {
		t.Errorf("repeat: %v", ids(b))
	}
	now = now.Add(liveSettle + time.Second)
	if b, _ = h.read(context.Background(), b.Cursor, seen); b.Cursor != 12 || len(seen) != 0 {
		t.Errorf("settled: cursor %d, %d remembered", b.Cursor, len(seen))
	}
	// A flood asks pages to reload instead of sending every row.
	for id := int64(13); id < 13+livePage*liveMaxPages+5; id++ {
		feed.show(id, 1, now)
	}
	reads := feed.reads
	if b, _ = h.read(context.Background(), b.Cursor, seen); !b.Reload || feed.reads != reads {
		t.Errorf("flood: reload %v, %d row reads", b.Reload, feed.reads-reads)
	}
}
