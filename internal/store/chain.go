package store

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"math/big"
	"time"

	"github.com/walletdesk/walletdesk/internal/chain"
)

// Chain adapts DB to chain.Store.
type Chain struct{ db *DB }

// Chain returns the store of transactions seen by the diagnostics.
func (db *DB) Chain() *Chain { return &Chain{db} }

var _ chain.Store = (*Chain)(nil)

// SaveTx implements chain.Store: the first sighting is kept, later ones only
// move last_seen and last_status (and record a replacement once found).
func (s *Chain) SaveTx(ctx context.Context, rec chain.TxRecord) error {
	if rec.Nonce > math.MaxInt64 || rec.GasLimit > math.MaxInt64 || rec.FirstBlock > math.MaxInt64 {
		return fmt.Errorf("chain tx %s: nonce, gas limit or block beyond 64-bit signed range", rec.Hash)
	}
	now := s.db.millis()
	first, last := millisOr(rec.FirstSeen, now), millisOr(rec.LastSeen, now)
	return s.db.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, s.db.d.q(`INSERT INTO chain_txs
			(chain, hash, sender, recipient, nonce, max_fee, tip, gas_limit, value, first_seen, first_block, last_seen, last_status, replaced_by)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (chain, hash) DO UPDATE SET
				last_seen = excluded.last_seen,
				last_status = excluded.last_status,
				replaced_by = CASE WHEN excluded.replaced_by <> '' THEN excluded.replaced_by ELSE chain_txs.replaced_by END`),
			rec.Chain, rec.Hash, rec.From, rec.To, int64(rec.Nonce), bigText(rec.MaxFee), bigText(rec.Tip),
			int64(rec.GasLimit), bigText(rec.Value), first, int64(rec.FirstBlock), last, string(rec.Status), rec.ReplacedBy)
		return err
	})
}

// TxRecords implements chain.Store.
func (s *Chain) TxRecords(ctx context.Context, hash string) ([]chain.TxRecord, error) {
	rows, err := s.db.read.QueryContext(ctx, s.db.d.q(`SELECT chain, hash, sender, recipient, nonce, max_fee, tip, gas_limit,
		value, first_seen, first_block, last_seen, last_status, replaced_by
		FROM chain_txs WHERE hash = ? ORDER BY first_seen, id`), hash)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []chain.TxRecord{}
	for rows.Next() {
		var r chain.TxRecord
		var nonce, gas, firstBlock, first, last int64
		var maxFee, tip, value, status string
		if err := rows.Scan(&r.Chain, &r.Hash, &r.From, &r.To, &nonce, &maxFee, &tip, &gas,
			&value, &first, &firstBlock, &last, &status, &r.ReplacedBy); err != nil {
			return nil, err
		}
		r.Nonce, r.GasLimit, r.FirstBlock = uint64(nonce), uint64(gas), uint64(firstBlock)
		r.MaxFee, r.Tip, r.Value = parseBig(maxFee), parseBig(tip), parseBig(value)
		r.FirstSeen, r.LastSeen = time.UnixMilli(first).UTC(), time.UnixMilli(last).UTC()
		r.Status = chain.Status(status)
		out = append(out, r)
	}
	return out, rows.Err()
}

func millisOr(t time.Time, def int64) int64 {
	if t.IsZero() {
		return def
	}
	return t.UnixMilli()
}

func bigText(v *big.Int) string {
	if v == nil {
		return "0"
	}
	return v.String()
}

func parseBig(s string) *big.Int {
	v, ok := new(big.Int).SetString(s, 10)
	if !ok {
		return new(big.Int)
	}
	return v
}
