package web

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/walletdesk/walletdesk/internal/ticket"
	"github.com/walletdesk/walletdesk/internal/ticketsearch"
	"github.com/walletdesk/walletdesk/internal/triage"
)

// Live updates: one hub per process tails the ticket change feed in the
// database (every event row, whichever replica wrote it) and fans the
// changed tickets out to the event streams of the agents connected here.
// Polling the database once a second works on both engines and needs no
// connection of its own; the hub polls only while someone listens.
const (
	livePoll = time.Second
	// liveSettle: on PostgreSQL an event id is handed out before its
	// transaction commits, so a lower id can become visible after a higher
	// one. The hub reads the newest events again on each poll until they
	// are this old, and remembers which it has already delivered.
	liveSettle = 5 * time.Second
	// livePage events are read per query; a poll that finds more than
	// liveMaxPages of them (a bulk import, a load test) tells the pages to
	// reload instead of sending thousands of rows.
	livePage     = 500
	liveMaxPages = 4
	// liveBuffer batches wait for a slow stream before it is dropped (its
	// page reconnects and reloads).
	liveBuffer = 32
)

// liveRow is a changed ticket as the queue shows it. Alert marks an S1 that
// arrived (or became S1) in this change and waits for its first answer.
type liveRow struct {
	ticket.QueueRow
	Alert bool
}

// liveBatch is what one poll found. Cursor is the change-feed position up
// to which everything has been delivered; a stream that reconnects asks
// for what came after it. Reload: too much changed, read the list again.
type liveBatch struct {
	Cursor int64
	Rows   []liveRow
	Reload bool
}

type liveSub struct {
	ch chan liveBatch
}

type liveHub struct {
	data QueueData
	log  *slog.Logger
	now  func() time.Time
	poll time.Duration

	mu      sync.Mutex
	subs    map[*liveSub]struct{}
	running bool
	done    chan struct{} // closed when the server stops
	stopped bool
}

func newLiveHub(data QueueData, log *slog.Logger) *liveHub {
	return &liveHub{data: data, log: log, now: time.Now, poll: livePoll, subs: map[*liveSub]struct{}{}, done: make(chan struct{})}
}

// subscribe registers a stream and starts polling if nobody listened. A
// new poller starts from the newest change, read before subscribe returns:
// the stream then asks for what it missed before that (since), and
// nothing falls between the two.
func (h *liveHub) subscribe(ctx context.Context) *liveSub {
	sub := &liveSub{ch: make(chan liveBatch, liveBuffer)}
	h.mu.Lock()
	h.subs[sub] = struct{}{}
	start := !h.running && !h.stopped
	if start {
		h.running = true
	}
	h.mu.Unlock()
	if start {
		cursor, err := h.data.LastChange(ctx)
		if err != nil {
			cursor = -1 // the poller reads it again
		}
		go h.run(cursor)
	}
	return sub
}

func (h *liveHub) unsubscribe(sub *liveSub) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.subs[sub]; ok {
		delete(h.subs, sub)
		close(sub.ch)
	}
}

func (h *liveHub) shutdown() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.stopped {
		h.stopped = true
		close(h.done)
	}
}

// idle stops the poller when the last stream has gone.
func (h *liveHub) idle() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.subs) == 0 || h.stopped {
		h.running = false
		return true
	}
	return false
}

// broadcast hands b to every stream; a stream whose buffer is full is
// dropped rather than allowed to hold the others back.
func (h *liveHub) broadcast(b liveBatch) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for sub := range h.subs {
		select {
		case sub.ch <- b:
		default:
			delete(h.subs, sub)
			close(sub.ch)
		}
	}
}

func (h *liveHub) run(cursor int64) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		select {
		case <-h.done:
			cancel()
		case <-ctx.Done():
		}
	}()
	t := time.NewTicker(h.poll)
	defer t.Stop()
	seen := map[int64]bool{}
	for {
		select {
		case <-ctx.Done():
			h.idle()
			return
		case <-t.C:
		}
		if h.idle() {
			return
		}
		if cursor < 0 {
			c, err := h.data.LastChange(ctx)
			if err != nil {
				h.log.Warn("live updates: read the change feed", "err", err)
				continue
			}
			cursor = c
			continue
		}
		b, err := h.read(ctx, cursor, seen)
		if err != nil {
			if ctx.Err() == nil {
				h.log.Warn("live updates: poll", "err", err)
			}
			continue
		}
		cursor = b.Cursor
		if len(b.Rows) > 0 || b.Reload {
			h.broadcast(b)
		}
	}
}

// read collects the changes after cursor not delivered yet (seen holds
// the delivered event ids above cursor; read updates it).
func (h *liveHub) read(ctx context.Context, cursor int64, seen map[int64]bool) (liveBatch, error) {
	cutoff := h.now().Add(-liveSettle)
	next, settled, from := cursor, true, cursor
	var fresh []ticketsearch.ChangeRef
	for page := 0; ; page++ {
		refs, err := h.data.ChangesAfter(ctx, from, livePage)
		if err != nil {
			return liveBatch{}, err
		}
		for _, r := range refs {
			if settled && !r.CreatedAt.After(cutoff) {
				next = r.ID
			} else {
				settled = false
			}
			if !seen[r.ID] {
				fresh = append(fresh, r)
			}
		}
		if len(refs) < livePage {
			break
		}
		from = refs[len(refs)-1].ID
		if page == liveMaxPages-1 {
			clear(seen)
			return liveBatch{Cursor: from, Reload: true}, nil
		}
	}
	rows, err := h.rowsFor(ctx, fresh)
	if err != nil {
		return liveBatch{}, err
	}
	for _, r := range fresh {
		seen[r.ID] = true
	}
	for id := range seen {
		if id <= next {
			delete(seen, id)
		}
	}
	return liveBatch{Cursor: next, Rows: rows}, nil
}

// since is what a stream that connects (or reconnects) after change
// `after` has missed.
func (h *liveHub) since(ctx context.Context, after int64) (liveBatch, error) {
	refs, err := h.data.ChangesAfter(ctx, after, livePage)
	if err != nil {
		return liveBatch{}, err
	}
	if len(refs) == livePage {
		last, err := h.data.LastChange(ctx)
		return liveBatch{Cursor: last, Reload: true}, err
	}
	rows, err := h.rowsFor(ctx, refs)
	if err != nil {
		return liveBatch{}, err
	}
	cursor := after
	if len(refs) > 0 {
		cursor = refs[len(refs)-1].ID
	}
	return liveBatch{Cursor: cursor, Rows: rows}, nil
}

// rowsFor reads the current queue rows of the tickets refs changed, and
// marks the S1 arrivals among them.
func (h *liveHub) rowsFor(ctx context.Context, refs []ticketsearch.ChangeRef) ([]liveRow, error) {
	if len(refs) == 0 {
		return nil, nil
	}
	events := map[int64]map[int64]bool{} // ticket -> event ids of this batch
	var ids []int64
	for _, r := range refs {
		if events[r.TicketID] == nil {
			events[r.TicketID] = map[int64]bool{}
			ids = append(ids, r.TicketID)
		}
		events[r.TicketID][r.ID] = true
	}
	rows, err := h.data.QueuePage(ctx, ticket.QueueQuery{Statuses: ticket.Statuses, IDs: ids, ByIDs: true, Limit: len(ids)})
	if err != nil {
		return nil, err
	}
	now := h.now()
	out := make([]liveRow, 0, len(rows))
	for _, r := range rows {
		r.Finish(now)
		lr := liveRow{QueueRow: r}
		if r.Severity == triage.S1 && r.SLA.FirstResponseAt.IsZero() && inList(ticket.ActiveStatuses, r.Status) {
			if lr.Alert, err = h.becameS1(ctx, r.ID, events[r.ID]); err != nil {
				return nil, err
			}
		}
		out = append(out, lr)
	}
	return out, nil
}

// becameS1 reports whether one of the batch's events created the ticket
// or raised it to S1: an arrival, not a later change to a known S1.
func (h *liveHub) becameS1(ctx context.Context, id int64, batch map[int64]bool) (bool, error) {
	evs, err := h.data.Events(ctx, id)
	if err != nil {
		return false, err
	}
	for _, e := range evs {
		if batch[e.ID] && (e.Kind == "created" || e.Kind == "severity_changed" && e.Data["to"] == triage.S1.String()) {
			return true, nil
		}
	}
	return false, nil
}
