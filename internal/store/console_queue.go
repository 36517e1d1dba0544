package store

import (
	"context"

	"github.com/walletdesk/walletdesk/internal/ticket"
)

// ByEmail returns the newest tickets of one requester address, at most
// limit of them, newest first (the console shows "their other requests").
// It walks the tickets_email index.
func (s *Tickets) ByEmail(ctx context.Context, email string, limit int) ([]ticket.Ticket, error) {
	rows, err := s.db.read.QueryContext(ctx, s.db.d.q(`SELECT `+ticketColumns+` FROM tickets
		WHERE email = ? ORDER BY created_at DESC, id DESC LIMIT ?`), email, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ticket.Ticket
	for rows.Next() {
		t, err := scanTicket(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// LastChange returns the id of the newest ticket event (0 when there is
// none): where a live feed that tails ChangesAfter starts.
func (s *TicketTexts) LastChange(ctx context.Context) (int64, error) {
	var id int64
	err := s.db.read.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM ticket_events`).Scan(&id)
	return id, err
}
