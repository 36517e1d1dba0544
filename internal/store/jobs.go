package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"github.com/walletdesk/walletdesk/internal/ticket"
)

func (s *Tickets) insertJobs(ctx context.Context, tx *sql.Tx, ticketID int64, jobs []ticket.Job) error {
	for _, j := range jobs {
		payload, _ := json.Marshal(j.Payload)
		if j.Payload == nil {
			payload = []byte("{}")
		}
		if _, err := tx.ExecContext(ctx, s.db.d.q(`INSERT INTO jobs (kind, ticket_id, payload, run_at, created_at) VALUES (?, ?, ?, ?, ?)`),
			j.Kind, ticketID, string(payload), ms(j.RunAt), s.db.millis()); err != nil {
			return err
		}
	}
	return nil
}

// ClaimJobs implements ticket.JobStore: it takes up to limit due jobs of
// kind and leases them until now+lease, so that no other worker (in this
// process or another replica) runs them meanwhile.
func (s *Tickets) ClaimJobs(ctx context.Context, kind string, now time.Time, lease time.Duration, limit int) ([]ticket.Job, error) {
	var out []ticket.Job
	err := s.db.inTx(ctx, func(tx *sql.Tx) error {
		out = nil
		lock := ""
		if s.db.d.postgres {
			lock = " FOR UPDATE SKIP LOCKED"
		}
		rows, err := tx.QueryContext(ctx, s.db.d.q(`SELECT id, ticket_id, payload, attempts FROM jobs
			WHERE done_at = 0 AND kind = ? AND run_at <= ? ORDER BY run_at LIMIT ?`+lock), kind, ms(now), limit)
		if err != nil {
			return err
		}
		for rows.Next() {
			var j ticket.Job
			var payload string
			if err := rows.Scan(&j.ID, &j.TicketID, &payload, &j.Attempts); err != nil {
				rows.Close()
				return err
			}
			json.Unmarshal([]byte(payload), &j.Payload)
			j.Kind = kind
			out = append(out, j)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for i := range out {
			out[i].Attempts++
			if _, err := tx.ExecContext(ctx, s.db.d.q(`UPDATE jobs SET run_at = ?, attempts = ? WHERE id = ?`),
				ms(now.Add(lease)), out[i].Attempts, out[i].ID); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

// FinishJob implements ticket.JobStore: done, or to run again at retryAt
// (zero retryAt means done).
func (s *Tickets) FinishJob(ctx context.Context, id int64, retryAt time.Time, lastErr string) error {
	return s.db.inTx(ctx, func(tx *sql.Tx) error {
		if retryAt.IsZero() {
			_, err := tx.ExecContext(ctx, s.db.d.q(`UPDATE jobs SET done_at = ?, last_error = ? WHERE id = ?`), s.db.millis(), lastErr, id)
			return err
		}
		_, err := tx.ExecContext(ctx, s.db.d.q(`UPDATE jobs SET run_at = ?, last_error = ? WHERE id = ?`), ms(retryAt), lastErr, id)
		return err
	})
}
