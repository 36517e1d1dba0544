package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/ticket"
	"github.com/walletdesk/walletdesk/internal/triage"
)

// Tickets adapts DB to ticket.Store.
type Tickets struct{ db *DB }

// Tickets returns the requests store.
func (db *DB) Tickets() *Tickets { return &Tickets{db} }

var _ ticket.Store = (*Tickets)(nil)

const (
	insertTicketSQL = `INSERT INTO tickets (subject, status, severity, category, topic, reasons,
		locale, email, urgent, amount_usd, chain, tx_hash, address, token_hash, first_response_due, first_response_at,
		sla_policy, assignee, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`
	insertMessageSQL = `INSERT INTO ticket_messages (ticket_id, author, agent_id, internal, body, redactions, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`
	insertEventSQL = `INSERT INTO ticket_events (ticket_id, actor, kind, data, created_at)
		VALUES (?, ?, ?, ?, ?) RETURNING id`
	// summarizeSQL refreshes what the queue shows of a ticket's messages:
	// their number and the start of the last one a person wrote.
	summarizeSQL = `UPDATE tickets SET message_count = (SELECT COUNT(*) FROM ticket_messages m WHERE m.ticket_id = tickets.id),
		preview = COALESCE((SELECT substr(m.body, 1, 400) FROM ticket_messages m
			WHERE m.ticket_id = tickets.id AND m.author <> 'system' ORDER BY m.id DESC LIMIT 1), '')
		WHERE id = ?`
)

const ticketColumns = `id, subject, status, severity, category, topic, reasons, locale, email, urgent, amount_usd,
	chain, tx_hash, address, token_hash, first_response_due, first_response_at, sla_policy, assignee, created_at, updated_at`

func ms(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

func fromMS(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMilli(v).UTC()
}

type reasonJSON struct {
	Code   string            `json:"code"`
	Params map[string]string `json:"params,omitempty"`
}

func encodeReasons(rs []triage.Reason) string {
	out := make([]reasonJSON, len(rs))
	for i, r := range rs {
		out[i] = reasonJSON{r.Code, r.Params}
	}
	b, _ := json.Marshal(out)
	return string(b)
}

func decodeReasons(s string) []triage.Reason {
	var in []reasonJSON
	json.Unmarshal([]byte(s), &in)
	out := make([]triage.Reason, len(in))
	for i, r := range in {
		out[i] = triage.Reason{Code: r.Code, Params: r.Params}
	}
	return out
}

type scanner interface{ Scan(dest ...any) error }

func scanTicket(r scanner) (ticket.Ticket, error) {
	var t ticket.Ticket
	var status, category, reasons, loc string
	var sev, urgent int
	var due, firstAt, created, updated int64
	err := r.Scan(&t.ID, &t.Subject, &status, &sev, &category, &t.Topic, &reasons, &loc, &t.Email, &urgent, &t.AmountUSD,
		&t.Chain, &t.TxHash, &t.Address, &t.TokenHash, &due, &firstAt, &t.SLA.Policy, &t.Assignee, &created, &updated)
	if err != nil {
		return t, notFound(err)
	}
	t.Status, t.Severity, t.Category, t.Locale = ticket.Status(status), triage.Severity(sev), triage.Category(category), desk.Locale(loc)
	t.Reasons, t.Urgent = decodeReasons(reasons), urgent == 1
	t.SLA.FirstResponseDue, t.SLA.FirstResponseAt = fromMS(due), fromMS(firstAt)
	t.CreatedAt, t.UpdatedAt = fromMS(created), fromMS(updated)
	return t, nil
}

// CreateTicket implements ticket.Store.
func (s *Tickets) CreateTicket(ctx context.Context, t *ticket.Ticket, fn func(t *ticket.Ticket) ticket.Change) error {
	return s.db.inTx(ctx, func(tx *sql.Tx) error {
		err := s.db.txQueryRow(ctx, tx, insertTicketSQL,
			t.Subject, string(t.Status), int(t.Severity), string(t.Category), t.Topic, encodeReasons(t.Reasons),
			string(t.Locale), t.Email, bool2int(t.Urgent), t.AmountUSD, t.Chain, t.TxHash, t.Address, t.TokenHash,
			ms(t.SLA.FirstResponseDue), ms(t.SLA.FirstResponseAt), t.SLA.Policy, t.Assignee, ms(t.CreatedAt), ms(t.UpdatedAt)).Scan(&t.ID)
		if err != nil {
			return err
		}
		ch := fn(t)
		return s.applyChange(ctx, tx, t.ID, ch)
	})
}

func (s *Tickets) applyChange(ctx context.Context, tx *sql.Tx, id int64, ch ticket.Change) error {
	for i := range ch.Messages {
		m := &ch.Messages[i]
		m.TicketID = id
		err := s.db.txQueryRow(ctx, tx, insertMessageSQL,
			id, string(m.Author), m.AgentID, bool2int(m.Internal), m.Body, strings.Join(m.Redactions, ","), ms(m.CreatedAt)).Scan(&m.ID)
		if err != nil {
			return err
		}
	}
	for _, m := range ch.Rewrites {
		res, err := tx.ExecContext(ctx, s.db.d.q(`UPDATE ticket_messages SET body = ?, redactions = ? WHERE id = ? AND ticket_id = ?`),
			m.Body, strings.Join(m.Redactions, ","), m.ID, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return desk.Errorf(desk.KindInternal, "internal", "rewrite of message %d touched %d rows", m.ID, n)
		}
	}
	if len(ch.Messages) > 0 || len(ch.Rewrites) > 0 {
		if _, err := s.db.txExec(ctx, tx, summarizeSQL, id); err != nil {
			return err
		}
	}
	if err := s.insertJobs(ctx, tx, id, ch.Jobs); err != nil {
		return err
	}
	for i := range ch.Events {
		e := &ch.Events[i]
		e.TicketID = id
		data, _ := json.Marshal(e.Data)
		if e.Data == nil {
			data = []byte("{}")
		}
		err := s.db.txQueryRow(ctx, tx, insertEventSQL, id, e.Actor, e.Kind, string(data), ms(e.CreatedAt)).Scan(&e.ID)
		if err != nil {
			return err
		}
	}
	return nil
}

// Ticket implements ticket.Store.
func (s *Tickets) Ticket(ctx context.Context, id int64) (ticket.Ticket, error) {
	return scanTicket(s.db.readRow(ctx, `SELECT `+ticketColumns+` FROM tickets WHERE id = ?`, id))
}

// Messages implements ticket.Store.
func (s *Tickets) Messages(ctx context.Context, ticketID int64) ([]ticket.Message, error) {
	return s.messages(ctx, s.db.read, ticketID)
}

// querier is what both a pool and a transaction offer for reading.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func (s *Tickets) messages(ctx context.Context, q querier, ticketID int64) ([]ticket.Message, error) {
	rows, err := q.QueryContext(ctx, s.db.d.q(`SELECT id, ticket_id, author, agent_id, internal, body, redactions, created_at
		FROM ticket_messages WHERE ticket_id = ? ORDER BY id`), ticketID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ticket.Message
	for rows.Next() {
		m, err := scanMessage(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

func scanMessage(r scanner) (ticket.Message, error) {
	var m ticket.Message
	var author, red string
	var internal int
	var created int64
	if err := r.Scan(&m.ID, &m.TicketID, &author, &m.AgentID, &internal, &m.Body, &red, &created); err != nil {
		return m, notFound(err)
	}
	m.Author, m.Internal, m.CreatedAt = ticket.Author(author), internal == 1, fromMS(created)
	if red != "" {
		m.Redactions = strings.Split(red, ",")
	}
	return m, nil
}

// UpdateTicket implements ticket.Store.
func (s *Tickets) UpdateTicket(ctx context.Context, id int64, fn func(t *ticket.Ticket, last ticket.Message) (ticket.Change, error)) (ticket.Ticket, error) {
	var out ticket.Ticket
	err := s.db.inTx(ctx, func(tx *sql.Tx) error {
		lock := ""
		if s.db.d.postgres {
			lock = " FOR UPDATE" // SQLite's immediate transaction already holds the write lock
		}
		t, err := scanTicket(tx.QueryRowContext(ctx, s.db.d.q(`SELECT `+ticketColumns+` FROM tickets WHERE id = ?`+lock), id))
		if err != nil {
			return err
		}
		last, err := scanMessage(tx.QueryRowContext(ctx, s.db.d.q(`SELECT id, ticket_id, author, agent_id, internal, body, redactions, created_at
			FROM ticket_messages WHERE ticket_id = ? AND author = 'requester' ORDER BY id DESC LIMIT 1`), id))
		if err != nil && !desk.IsNotFound(err) {
			return err
		}
		ch, err := fn(&t, last)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, s.db.d.q(`UPDATE tickets SET subject = ?, status = ?, severity = ?, category = ?, topic = ?,
			reasons = ?, first_response_due = ?, first_response_at = ?, sla_policy = ?, assignee = ?, updated_at = ? WHERE id = ?`),
			t.Subject, string(t.Status), int(t.Severity), string(t.Category), t.Topic, encodeReasons(t.Reasons),
			ms(t.SLA.FirstResponseDue), ms(t.SLA.FirstResponseAt), t.SLA.Policy, t.Assignee, ms(t.UpdatedAt), id)
		if err != nil {
			return err
		}
		out = t
		return s.applyChange(ctx, tx, id, ch)
	})
	return out, err
}

// CountByEmailSince implements ticket.Store.
func (s *Tickets) CountByEmailSince(ctx context.Context, email string, since time.Time) (int, error) {
	var n int
	err := s.db.read.QueryRowContext(ctx, s.db.d.q(`SELECT COUNT(*) FROM tickets WHERE email = ? AND created_at >= ?`),
		email, ms(since)).Scan(&n)
	return n, err
}

// Events returns a ticket's events in order.
func (s *Tickets) Events(ctx context.Context, ticketID int64) ([]ticket.Event, error) {
	rows, err := s.db.read.QueryContext(ctx, s.db.d.q(`SELECT id, ticket_id, actor, kind, data, created_at
		FROM ticket_events WHERE ticket_id = ? ORDER BY id`), ticketID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ticket.Event
	for rows.Next() {
		var e ticket.Event
		var data string
		var created int64
		if err := rows.Scan(&e.ID, &e.TicketID, &e.Actor, &e.Kind, &data, &created); err != nil {
			return nil, err
		}
		json.Unmarshal([]byte(data), &e.Data)
		e.CreatedAt = fromMS(created)
		out = append(out, e)
	}
	return out, rows.Err()
}

// RecordDeflection counts a click on an article the request form offered.
func (s *Tickets) RecordDeflection(ctx context.Context, slug string, loc desk.Locale) error {
	return s.db.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, s.db.d.q(`INSERT INTO deflections (slug, locale, created_at) VALUES (?, ?, ?)`),
			slug, string(loc), s.db.millis())
		return err
	})
}
