package ticketsearch

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"

	"github.com/walletdesk/walletdesk/internal/ticket"
)

// Doc is what the index holds of one ticket.
type Doc struct {
	TicketID int64
	Subject  string
	Status   ticket.Status
	Messages []string // what people wrote, internal notes included; not the automatic replies
}

// ChangeRef is one change to a ticket: an event row. Every change to a
// ticket (a message, a redaction rewrite, a status) comes with one, so
// tailing events misses nothing.
type ChangeRef struct {
	ID        int64 // event id
	TicketID  int64
	CreatedAt time.Time
}

// Source is what the index reads from the database (package store).
type Source interface {
	// ChangesAfter returns up to limit ticket events with an id above
	// after, in id order.
	ChangesAfter(ctx context.Context, after int64, limit int) ([]ChangeRef, error)
	// Docs returns the subject, status and messages of each of ids that
	// exists.
	Docs(ctx context.Context, ids []int64) ([]Doc, error)
}

// Options configure an Index.
type Options struct {
	// Dir holds the index; "" keeps it in memory (tests).
	Dir    string
	Source Source
	// Interval between polls in Run; 2 s when zero.
	Interval time.Duration
	// Batch is how many events one round reads; 5000 when zero.
	Batch int
	// Settle is how old an event must be before the cursor moves past
	// it; 10 s when zero. On PostgreSQL ids are handed out before commit,
	// so an event with a lower id can become visible after a higher one;
	// the newest events are therefore read again on the next poll until
	// they are older than this.
	Settle time.Duration
	Log    *slog.Logger
	Now    func() time.Time
}

// Index is the ticket search index of one replica.
type Index struct {
	o       Options
	idx     bleve.Index
	text    analysis.Analyzer
	unigram analysis.Analyzer
	cursor  atomic.Int64 // highest event id known to be indexed with all below it
	syncMu  sync.Mutex   // one Sync at a time
	// done holds the ids above the cursor of events already indexed, so
	// that re-reading the unsettled window indexes only what is new in it:
	// under a steady flow of requests the window holds thousands of events.
	// Guarded by syncMu.
	done map[int64]struct{}

	closeOnce sync.Once
	closeErr  error
}

var (
	cursorKey  = []byte("cursor")
	mappingKey = []byte("mapping")
)

// Open opens the index under o.Dir, or creates it empty when it is
// missing, unreadable or of another mapping version: Sync then rebuilds
// it from the database.
func Open(o Options) (*Index, error) {
	if o.Source == nil {
		return nil, errors.New("ticketsearch: no source")
	}
	if o.Interval <= 0 {
		o.Interval = 2 * time.Second
	}
	if o.Batch <= 0 {
		o.Batch = 5000
	}
	if o.Settle <= 0 {
		o.Settle = 10 * time.Second
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	m, err := newMapping()
	if err != nil {
		return nil, err
	}
	ix := &Index{o: o, done: map[int64]struct{}{}}
	if o.Dir != "" {
		if idx, err := bleve.Open(o.Dir); err == nil {
			if v, err := idx.GetInternal(mappingKey); err == nil && string(v) == mappingVersion {
				ix.idx = idx
			} else {
				idx.Close()
			}
		}
		if ix.idx == nil {
			if err := os.RemoveAll(o.Dir); err != nil {
				return nil, err
			}
			if err := os.MkdirAll(filepath.Dir(o.Dir), 0o700); err != nil {
				return nil, err
			}
		}
	}
	if ix.idx == nil {
		idx, err := bleve.NewUsing(o.Dir, m, scorch.Name, scorch.Name, nil)
		if err != nil {
			return nil, fmt.Errorf("create ticket index: %w", err)
		}
		if err := idx.SetInternal(mappingKey, []byte(mappingVersion)); err != nil {
			idx.Close()
			return nil, err
		}
		ix.idx = idx
	}
	ix.text, ix.unigram = m.AnalyzerNamed(analyzerText), m.AnalyzerNamed(analyzerUnigram)
	if ix.text == nil || ix.unigram == nil {
		ix.idx.Close()
		return nil, errors.New("ticketsearch: analyzers missing from mapping")
	}
	if b, err := ix.idx.GetInternal(cursorKey); err == nil && len(b) == 8 {
		ix.cursor.Store(int64(binary.BigEndian.Uint64(b)))
	}
	return ix, nil
}

// Close closes the index; later calls do nothing.
func (ix *Index) Close() error {
	ix.closeOnce.Do(func() { ix.closeErr = ix.idx.Close() })
	return ix.closeErr
}

// Cursor is the id of the last ticket event the index is known to reflect
// together with every event before it.
func (ix *Index) Cursor() int64 { return ix.cursor.Load() }

// Count returns the number of tickets in the index.
func (ix *Index) Count() uint64 {
	n, _ := ix.idx.DocCount()
	return n
}

// Run keeps the index in step with the database until ctx ends.
func (ix *Index) Run(ctx context.Context) error {
	t := time.NewTicker(ix.o.Interval)
	defer t.Stop()
	for {
		if n, err := ix.Sync(ctx); err != nil && ctx.Err() == nil {
			ix.o.Log.Warn("ticket search sync failed", "err", err)
		} else if n > 0 {
			ix.o.Log.Debug("ticket search synced", "tickets", n, "cursor", ix.Cursor())
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// rebuildMerge is how many tickets one Sync must index before it merges
// the index into one segment (an initial build or a rebuild): a query then
// reads one postings list per term instead of one per segment.
const rebuildMerge = 10000

// Sync re-indexes every ticket changed since the cursor and returns how
// many tickets it indexed. Each round's documents and the
// new cursor are written in one batch, so a crash never leaves the cursor
// ahead of the documents.
func (ix *Index) Sync(ctx context.Context) (int, error) {
	ix.syncMu.Lock()
	defer ix.syncMu.Unlock()
	total := 0
	from := ix.cursor.Load()
	settled := true // every event read so far is old enough to pass
	for {
		refs, err := ix.o.Source.ChangesAfter(ctx, from, ix.o.Batch)
		if err != nil {
			return total, err
		}
		if len(refs) == 0 {
			break
		}
		cutoff := ix.o.Now().Add(-ix.o.Settle)
		cursor := ix.cursor.Load()
		seen := map[int64]bool{}
		var ids, events []int64
		for _, r := range refs {
			if settled && !r.CreatedAt.After(cutoff) {
				cursor = r.ID
			} else {
				settled = false
			}
			if _, ok := ix.done[r.ID]; ok {
				continue
			}
			events = append(events, r.ID)
			if !seen[r.TicketID] {
				seen[r.TicketID] = true
				ids = append(ids, r.TicketID)
			}
		}
		if len(ids) > 0 || cursor != ix.cursor.Load() {
			n, err := ix.index(ctx, ids, cursor)
			if err != nil {
				return total, err
			}
			total += n
		}
		for _, id := range events {
			ix.done[id] = struct{}{}
		}
		for id := range ix.done {
			if id <= cursor {
				delete(ix.done, id)
			}
		}
		from = refs[len(refs)-1].ID
		if len(refs) < ix.o.Batch {
			break
		}
	}
	if total >= rebuildMerge && ix.o.Dir != "" {
		if err := ix.merge(ctx); err != nil {
			return total, err
		}
	}
	return total, nil
}

func (ix *Index) index(ctx context.Context, ids []int64, cursor int64) (int, error) {
	var docs []Doc
	if len(ids) > 0 {
		var err error
		if docs, err = ix.o.Source.Docs(ctx, ids); err != nil {
			return 0, err
		}
	}
	b := ix.idx.NewBatch()
	found := map[int64]bool{}
	for _, d := range docs {
		found[d.TicketID] = true
		if err := b.Index(docID(d.TicketID), d.fields()); err != nil {
			return 0, err
		}
	}
	for _, id := range ids {
		if !found[id] {
			b.Delete(docID(id))
		}
	}
	c := make([]byte, 8)
	binary.BigEndian.PutUint64(c, uint64(cursor))
	b.SetInternal(cursorKey, c)
	if err := ix.idx.Batch(b); err != nil {
		return 0, err
	}
	ix.cursor.Store(cursor)
	return len(docs), nil
}

func (d Doc) fields() map[string]any {
	active := "no"
	if isActive(d.Status) {
		active = "yes"
	}
	return map[string]any{
		fieldText:       d.Subject + "\n" + d.Subject + "\n" + strings.Join(d.Messages, "\n"),
		fieldSubjectUni: d.Subject,
		fieldStatus:     string(d.Status),
		fieldActive:     active,
	}
}

func isActive(s ticket.Status) bool {
	for _, a := range ticket.ActiveStatuses {
		if s == a {
			return true
		}
	}
	return false
}

func docID(id int64) string { return strconv.FormatInt(id, 10) }

func (ix *Index) merge(ctx context.Context) error {
	adv, err := ix.idx.Advanced()
	if err != nil {
		return err
	}
	if sc, ok := adv.(*scorch.Scorch); ok {
		return sc.ForceMerge(ctx, &mergeplan.SingleSegmentMergePlanOptions)
	}
	return nil
}
