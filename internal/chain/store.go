package chain

import (
	"context"
	"math/big"
	"time"
)

// TxRecord is what the diagnostics remember of an EVM transaction, so that a
// later check of a hash that vanished from the pool can tell "replaced"
// (its nonce was used by another transaction) from "dropped" (it was not).
type TxRecord struct {
	Chain      string // configured name
	Hash       string // lower-case 0x hash
	From       string // lower-case 0x address
	To         string // lower-case, "" for contract creation
	Nonce      uint64
	MaxFee     *big.Int // wei; gas price for legacy transactions
	Tip        *big.Int // wei; gas price for legacy transactions
	GasLimit   uint64
	Value      *big.Int // wei
	FirstSeen  time.Time
	FirstBlock uint64 // chain head (or inclusion block) when first seen
	LastSeen   time.Time
	Status     Status // last status seen
	ReplacedBy string // hash that used the nonce, once known
}

// Store remembers transactions. internal/store implements it.
type Store interface {
	// SaveTx inserts rec, or for a known (Chain, Hash) updates LastSeen,
	// Status and, when not empty, ReplacedBy, keeping what was first seen.
	SaveTx(ctx context.Context, rec TxRecord) error
	// TxRecords returns what is remembered of hash on any chain, oldest
	// first; an unknown hash gives an empty slice and no error.
	TxRecords(ctx context.Context, hash string) ([]TxRecord, error)
}
