package store

import (
	"context"
	"database/sql"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/ticket"
	"github.com/walletdesk/walletdesk/internal/ticketsearch"
	"github.com/walletdesk/walletdesk/internal/triage"
)

var (
	_ ticket.QueueStore    = (*Queue)(nil)
	_ ticket.MergeStore    = (*Tickets)(nil)
	_ ticket.RotationStore = (*Rotation)(nil)
	_ ticketsearch.Source  = (*TicketTexts)(nil)
)

// queueOrder is the queue's sort key; the indexes of 0005_queue.sql follow it.
const queueOrder = `t.severity, t.first_response_due, t.id`

// walkIDs is the size of an id list (a text filter) above which SQLite
// walks the queue index instead of looking up each id.
const walkIDs = 300

// Queue adapts DB to ticket.QueueStore. It keeps its statements prepared:
// the queue is the console's most frequent read, and on SQLite parsing the
// statement was a quarter of its cost. It also queues its callers first
// come, first served for a connection: database/sql gives a freed
// connection to a random waiter, which at 16 clients on a pool of 4 made
// the 99th percentile six times the median.
type Queue struct {
	db    *DB
	gate  chan struct{} // slots: the pool's size (PostgreSQL) or the processors (SQLite); nil when unbounded
	mu    sync.Mutex
	stmts map[string]*sql.Stmt // by query text: one per filter shape
}

// maxQueueStmts bounds the prepared statements (filter shapes) kept.
const maxQueueStmts = 64

// Queue returns the agents' queue store. Keep the value: it holds the
// prepared statements and the queue for connections.
func (db *DB) Queue() *Queue {
	q := &Queue{db: db, stmts: map[string]*sql.Stmt{}}
	n := db.read.Stats().MaxOpenConnections
	if !db.d.postgres {
		// SQLite runs inside this process: more statements at once than
		// processors only time-slices them, stretching every one.
		n = min(max(n, 1), runtime.GOMAXPROCS(0))
	}
	if n > 0 {
		q.gate = make(chan struct{}, n)
	}
	return q
}

// enter waits for a turn (blocked senders on a channel are served in
// order); leave ends it.
func (s *Queue) enter(ctx context.Context) error {
	if s.gate == nil {
		return nil
	}
	select {
	case s.gate <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (s *Queue) leave() {
	if s.gate != nil {
		<-s.gate
	}
}

func (s *Queue) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	s.mu.Lock()
	st, ok := s.stmts[query]
	if !ok && len(s.stmts) < maxQueueStmts {
		var err error
		if st, err = s.db.read.PrepareContext(ctx, query); err != nil {
			s.mu.Unlock()
			return nil, err
		}
		s.stmts[query] = st
		ok = true
	}
	s.mu.Unlock()
	if !ok {
		return s.db.read.QueryContext(ctx, query, args...)
	}
	return st.QueryContext(ctx, args...)
}

// QueuePage implements ticket.QueueStore. The page is picked from tickets
// alone, walking an index in queue order, and only its rows then look up
// their message count and last message.
func (s *Queue) QueuePage(ctx context.Context, q ticket.QueueQuery) ([]ticket.QueueRow, error) {
	query, args, err := s.queueSQL(q)
	if err != nil {
		return nil, err
	}
	if err := s.enter(ctx); err != nil {
		return nil, err
	}
	defer s.leave()
	rows, err := s.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make([]ticket.QueueRow, 0, q.Limit)
	for rows.Next() {
		var r ticket.QueueRow
		var status, loc, category string
		var sev int
		var due, firstAt, created, updated int64
		if err := rows.Scan(&r.ID, &r.Subject, &sev, &status, &loc, &category, &r.Assignee, &r.Email,
			&created, &updated, &due, &firstAt, &r.MessageCount, &r.Preview); err != nil {
			return nil, err
		}
		r.Severity, r.Status, r.Locale, r.Category = triage.Severity(sev), ticket.Status(status), desk.Locale(loc), triage.Category(category)
		r.CreatedAt, r.UpdatedAt = fromMS(created), fromMS(updated)
		r.SLA.FirstResponseDue, r.SLA.FirstResponseAt = fromMS(due), fromMS(firstAt)
		out = append(out, r)
	}
	return out, rows.Err()
}

// queueSQL builds the page query. Statuses and severities are written as
// literals (they come from closed sets, checked here): a planner can only
// match a partial index against a literal status list.
func (s *Queue) queueSQL(q ticket.QueueQuery) (string, []any, error) {
	if q.Limit <= 0 {
		return "", nil, desk.Errorf(desk.KindInternal, "internal", "queue page without a limit")
	}
	var where []string
	var args []any
	if len(q.Statuses) > 0 {
		lits := make([]string, len(q.Statuses))
		for i, st := range q.Statuses {
			if !st.Valid() {
				return "", nil, desk.Errorf(desk.KindInvalid, "invalid_filter", "status %q", st)
			}
			lits[i] = "'" + string(st) + "'"
		}
		where = append(where, "t.status IN ("+strings.Join(lits, ", ")+")")
	}
	if len(q.Severities) > 0 {
		lits := make([]string, len(q.Severities))
		for i, sev := range q.Severities {
			if !sev.Valid() {
				return "", nil, desk.Errorf(desk.KindInvalid, "invalid_filter", "severity %d", sev)
			}
			lits[i] = strconv.Itoa(int(sev))
		}
		where = append(where, "t.severity IN ("+strings.Join(lits, ", ")+")")
	}
	if q.Locale != "" {
		where, args = append(where, "t.locale = ?"), append(args, string(q.Locale))
	}
	if q.Category != "" {
		where, args = append(where, "t.category = ?"), append(args, string(q.Category))
	}
	switch {
	case q.Assignee == ticket.Unassigned:
		where = append(where, "t.assignee = 0")
	case q.Assignee > 0:
		where, args = append(where, "t.assignee = ?"), append(args, int64(q.Assignee))
	}
	if q.ByIDs {
		// One parameter for the whole list: an array on PostgreSQL, a JSON
		// array on SQLite. Thousands of ids stay one statement.
		switch {
		case s.db.d.postgres:
			where, args = append(where, "t.id = ANY(CAST(? AS BIGINT[]))"), append(args, pgArray(q.IDs))
		case len(q.IDs) > walkIDs:
			// Many ids (a common word): walking the queue index in order
			// and probing the list finds a page after a few hundred rows,
			// where looking up every id and sorting costs thousands. The
			// unary + keeps SQLite from driving the plan by the ids.
			where, args = append(where, "+t.id IN (SELECT value FROM json_each(?))"), append(args, jsonArray(q.IDs))
		default:
			where, args = append(where, "t.id IN (SELECT value FROM json_each(?))"), append(args, jsonArray(q.IDs))
		}
	}
	if k := q.After; k != nil {
		where = append(where, "("+queueOrder+") > (?, ?, ?)")
		args = append(args, int(k.Severity), k.Due, k.ID)
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	args = append(args, q.Limit)
	query := `SELECT t.id, t.subject, t.severity, t.status, t.locale, t.category, t.assignee, t.email,
		t.created_at, t.updated_at, t.first_response_due, t.first_response_at, t.message_count, t.preview
		FROM tickets t` + cond + ` ORDER BY ` + queueOrder + ` LIMIT ?`
	return s.db.d.q(query), args, nil
}

func pgArray(ids []int64) string {
	var b strings.Builder
	b.WriteByte('{')
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(id, 10))
	}
	b.WriteByte('}')
	return b.String()
}

func jsonArray(ids []int64) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(id, 10))
	}
	b.WriteByte(']')
	return b.String()
}

// ExplainQueue returns the engine's plan for the page query of q, for the
// benchmarks and the documentation of the indexes.
func (s *Queue) ExplainQueue(ctx context.Context, q ticket.QueueQuery) (string, error) {
	query, args, err := s.queueSQL(q)
	if err != nil {
		return "", err
	}
	prefix := "EXPLAIN QUERY PLAN "
	if s.db.d.postgres {
		prefix = "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) "
	}
	rows, err := s.db.read.QueryContext(ctx, prefix+query, args...)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return "", err
	}
	var b strings.Builder
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return "", err
		}
		// SQLite: id, parent, notused, detail; PostgreSQL: one text column.
		fmt.Fprintf(&b, "%v\n", vals[len(vals)-1])
	}
	return b.String(), rows.Err()
}

// UpdateTicketPair implements ticket.MergeStore: both tickets are read,
// locked (in id order, so two merges cannot deadlock) and written back in
// one transaction.
func (s *Tickets) UpdateTicketPair(ctx context.Context, a, b int64,
	fn func(a, b *ticket.Ticket, am, bm []ticket.Message) (ticket.Change, ticket.Change, error)) (ticket.Ticket, ticket.Ticket, error) {
	var outA, outB ticket.Ticket
	if a == b {
		return outA, outB, desk.Errorf(desk.KindInvalid, "same_ticket", "ticket %d twice", a)
	}
	err := s.db.inTx(ctx, func(tx *sql.Tx) error {
		lock := ""
		if s.db.d.postgres {
			lock = " FOR UPDATE"
		}
		byID := map[int64]*ticket.Ticket{}
		for _, id := range []int64{min(a, b), max(a, b)} {
			t, err := scanTicket(tx.QueryRowContext(ctx, s.db.d.q(`SELECT `+ticketColumns+` FROM tickets WHERE id = ?`+lock), id))
			if err != nil {
				return err
			}
			byID[id] = &t
		}
		ta, tb := byID[a], byID[b]
		am, err := s.messages(ctx, tx, a)
		if err != nil {
			return err
		}
		bm, err := s.messages(ctx, tx, b)
		if err != nil {
			return err
		}
		cha, chb, err := fn(ta, tb, am, bm)
		if err != nil {
			return err
		}
		for _, w := range []struct {
			t  *ticket.Ticket
			ch ticket.Change
		}{{ta, cha}, {tb, chb}} {
			if err := s.writeTicket(ctx, tx, w.t); err != nil {
				return err
			}
			if err := s.applyChange(ctx, tx, w.t.ID, w.ch); err != nil {
				return err
			}
		}
		outA, outB = *ta, *tb
		return nil
	})
	return outA, outB, err
}

// writeTicket writes back the fields an update may change (the same set as
// UpdateTicket).
func (s *Tickets) writeTicket(ctx context.Context, tx *sql.Tx, t *ticket.Ticket) error {
	_, err := tx.ExecContext(ctx, s.db.d.q(`UPDATE tickets SET subject = ?, status = ?, severity = ?, category = ?, topic = ?,
		reasons = ?, first_response_due = ?, first_response_at = ?, sla_policy = ?, assignee = ?, updated_at = ? WHERE id = ?`),
		t.Subject, string(t.Status), int(t.Severity), string(t.Category), t.Topic, encodeReasons(t.Reasons),
		ms(t.SLA.FirstResponseDue), ms(t.SLA.FirstResponseAt), t.SLA.Policy, t.Assignee, ms(t.UpdatedAt), t.ID)
	return err
}

// Rotation adapts DB to ticket.RotationStore.
type Rotation struct{ db *DB }

// Rotation returns the assignment rotation store.
func (db *DB) Rotation() *Rotation { return &Rotation{db} }

// Turns implements ticket.RotationStore.
func (r *Rotation) Turns(ctx context.Context) (map[int64]int64, error) {
	rows, err := r.db.read.QueryContext(ctx, `SELECT agent_id, turn FROM assign_rotation`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]int64{}
	for rows.Next() {
		var id, turn int64
		if err := rows.Scan(&id, &turn); err != nil {
			return nil, err
		}
		out[id] = turn
	}
	return out, rows.Err()
}

// TakeTurn implements ticket.RotationStore: the agent's turn becomes the
// newest. One statement, so replicas taking turns at once stay ordered.
func (r *Rotation) TakeTurn(ctx context.Context, agentID int64, at time.Time) (int64, error) {
	var turn int64
	err := r.db.inTx(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, r.db.d.q(`INSERT INTO assign_rotation (agent_id, turn, assigned_at)
			VALUES (?, (SELECT COALESCE(MAX(turn), 0) + 1 FROM assign_rotation), ?)
			ON CONFLICT (agent_id) DO UPDATE SET turn = excluded.turn, assigned_at = excluded.assigned_at
			RETURNING turn`), agentID, ms(at)).Scan(&turn)
	})
	return turn, err
}

// TicketTexts adapts DB to ticketsearch.Source.
type TicketTexts struct{ db *DB }

// TicketTexts returns what the ticket search index reads.
func (db *DB) TicketTexts() *TicketTexts { return &TicketTexts{db} }

// ChangesAfter implements ticketsearch.Source.
func (s *TicketTexts) ChangesAfter(ctx context.Context, after int64, limit int) ([]ticketsearch.ChangeRef, error) {
	rows, err := s.db.read.QueryContext(ctx, s.db.d.q(`SELECT id, ticket_id, created_at FROM ticket_events
		WHERE id > ? ORDER BY id LIMIT ?`), after, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ticketsearch.ChangeRef
	for rows.Next() {
		var c ticketsearch.ChangeRef
		var created int64
		if err := rows.Scan(&c.ID, &c.TicketID, &created); err != nil {
			return nil, err
		}
		c.CreatedAt = fromMS(created)
		out = append(out, c)
	}
	return out, rows.Err()
}

// Docs implements ticketsearch.Source: subjects and the messages people
// wrote (requesters, agents, internal notes). Both reads share one
// snapshot, so a ticket's subject and messages agree.
func (s *TicketTexts) Docs(ctx context.Context, ids []int64) ([]ticketsearch.Doc, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	in, arg := "id IN (SELECT value FROM json_each(?))", any(jsonArray(ids))
	inMsg := "ticket_id IN (SELECT value FROM json_each(?))"
	if s.db.d.postgres {
		in, arg = "id = ANY(CAST(? AS BIGINT[]))", pgArray(ids)
		inMsg = "ticket_id = ANY(CAST(? AS BIGINT[]))"
	}
	var out []ticketsearch.Doc
	err := s.db.inReadTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, s.db.d.q(`SELECT id, subject, status FROM tickets WHERE `+in+` ORDER BY id`), arg)
		if err != nil {
			return err
		}
		pos := map[int64]int{}
		for rows.Next() {
			var d ticketsearch.Doc
			var status string
			if err := rows.Scan(&d.TicketID, &d.Subject, &status); err != nil {
				rows.Close()
				return err
			}
			d.Status = ticket.Status(status)
			pos[d.TicketID] = len(out)
			out = append(out, d)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		// System messages are the automatic replies: the same boilerplate
		// in every ticket of a language (it names the recovery phrase, for
		// one), which would make the commonest words match everything.
		rows, err = tx.QueryContext(ctx, s.db.d.q(`SELECT ticket_id, body FROM ticket_messages WHERE `+inMsg+`
			AND author <> 'system' ORDER BY ticket_id, id`), arg)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var body string
			if err := rows.Scan(&id, &body); err != nil {
				return err
			}
			if i, ok := pos[id]; ok {
				out[i].Messages = append(out[i].Messages, body)
			}
		}
		return rows.Err()
	})
	return out, err
}
