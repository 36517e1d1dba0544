package store

import (
	"context"
	"database/sql"
	"strings"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/ticket"
)

// Macros adapts DB to ticket.MacroStore.
type Macros struct{ db *DB }

// Macros returns the canned-reply store.
func (db *DB) Macros() *Macros { return &Macros{db} }

var _ ticket.MacroStore = (*Macros)(nil)

const macroColumns = `id, starter_key, name, tags, archived, created_at, created_by, updated_at, updated_by`

func scanMacro(r scanner) (ticket.Macro, error) {
	var m ticket.Macro
	var tags string
	var archived int
	var created, updated int64
	if err := r.Scan(&m.ID, &m.StarterKey, &m.Name, &tags, &archived, &created, &m.CreatedBy, &updated, &m.UpdatedBy); err != nil {
		return m, notFound(err)
	}
	if tags != "" {
		m.Tags = strings.Split(tags, ",")
	}
	m.Archived, m.CreatedAt, m.UpdatedAt = archived == 1, fromMS(created), fromMS(updated)
	m.Bodies = map[desk.Locale]string{}
	return m, nil
}

// Macros implements ticket.MacroStore.
func (s *Macros) Macros(ctx context.Context, archived bool) ([]ticket.Macro, error) {
	var out []ticket.Macro
	err := s.db.inReadTx(ctx, func(tx *sql.Tx) error {
		cond := " WHERE archived = 0"
		if archived {
			cond = ""
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+macroColumns+` FROM macros`+cond+` ORDER BY name, id`)
		if err != nil {
			return err
		}
		pos := map[int64]int{}
		for rows.Next() {
			m, err := scanMacro(rows)
			if err != nil {
				rows.Close()
				return err
			}
			pos[m.ID] = len(out)
			out = append(out, m)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		rows, err = tx.QueryContext(ctx, `SELECT macro_id, locale, body FROM macro_bodies`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var loc, body string
			if err := rows.Scan(&id, &loc, &body); err != nil {
				return err
			}
			if i, ok := pos[id]; ok {
				out[i].Bodies[desk.Locale(loc)] = body
			}
		}
		return rows.Err()
	})
	return out, err
}

// Macro implements ticket.MacroStore.
func (s *Macros) Macro(ctx context.Context, id int64) (ticket.Macro, error) {
	var m ticket.Macro
	err := s.db.inReadTx(ctx, func(tx *sql.Tx) error {
		var err error
		m, err = scanMacro(tx.QueryRowContext(ctx, s.db.d.q(`SELECT `+macroColumns+` FROM macros WHERE id = ?`), id))
		if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, s.db.d.q(`SELECT locale, body FROM macro_bodies WHERE macro_id = ?`), id)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var loc, body string
			if err := rows.Scan(&loc, &body); err != nil {
				return err
			}
			m.Bodies[desk.Locale(loc)] = body
		}
		return rows.Err()
	})
	return m, err
}

// CreateMacro implements ticket.MacroStore.
func (s *Macros) CreateMacro(ctx context.Context, m *ticket.Macro) error {
	return s.db.inTx(ctx, func(tx *sql.Tx) error { return s.insert(ctx, tx, m) })
}

func (s *Macros) insert(ctx context.Context, tx *sql.Tx, m *ticket.Macro) error {
	err := tx.QueryRowContext(ctx, s.db.d.q(`INSERT INTO macros (starter_key, name, tags, archived, created_at, created_by, updated_at, updated_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
		m.StarterKey, m.Name, strings.Join(m.Tags, ","), bool2int(m.Archived), ms(m.CreatedAt), m.CreatedBy, ms(m.UpdatedAt), m.UpdatedBy).Scan(&m.ID)
	if err != nil {
		return err
	}
	return s.writeBodies(ctx, tx, *m)
}

func (s *Macros) writeBodies(ctx context.Context, tx *sql.Tx, m ticket.Macro) error {
	if _, err := tx.ExecContext(ctx, s.db.d.q(`DELETE FROM macro_bodies WHERE macro_id = ?`), m.ID); err != nil {
		return err
	}
	for _, loc := range desk.Locales {
		body, ok := m.Bodies[loc]
		if !ok {
			continue
		}
		if _, err := tx.ExecContext(ctx, s.db.d.q(`INSERT INTO macro_bodies (macro_id, locale, body) VALUES (?, ?, ?)`),
			m.ID, string(loc), body); err != nil {
			return err
		}
	}
	return nil
}

// UpdateMacro implements ticket.MacroStore.
func (s *Macros) UpdateMacro(ctx context.Context, m ticket.Macro) error {
	return s.db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.db.d.q(`UPDATE macros SET name = ?, tags = ?, archived = ?, updated_at = ?, updated_by = ? WHERE id = ?`),
			m.Name, strings.Join(m.Tags, ","), bool2int(m.Archived), ms(m.UpdatedAt), m.UpdatedBy, m.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return desk.ErrNotFound
		}
		return s.writeBodies(ctx, tx, m)
	})
}

// SeedMacros implements ticket.MacroStore. Replicas that start together may
// seed at once: the unique starter key lets the first one win and the
// others skip.
func (s *Macros) SeedMacros(ctx context.Context, list []ticket.Macro) (int, error) {
	n := 0
	err := s.db.inTx(ctx, func(tx *sql.Tx) error {
		n = 0
		for i := range list {
			m := list[i]
			if m.StarterKey == "" {
				continue
			}
			err := tx.QueryRowContext(ctx, s.db.d.q(`INSERT INTO macros (starter_key, name, tags, archived, created_at, created_by, updated_at, updated_by)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (starter_key) WHERE starter_key <> '' DO NOTHING RETURNING id`),
				m.StarterKey, m.Name, strings.Join(m.Tags, ","), bool2int(m.Archived), ms(m.CreatedAt), m.CreatedBy, ms(m.UpdatedAt), m.UpdatedBy).Scan(&m.ID)
			if err == sql.ErrNoRows {
				continue // already there, archived or not
			}
			if err != nil {
				return err
			}
			if err := s.writeBodies(ctx, tx, m); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, err
}
