-- EVM transactions the diagnostics have seen, one row per (chain, hash), so
-- that a hash that later vanishes from the pool can be told apart: replaced
-- (its nonce was used by another transaction) or dropped (it was not).
-- Wei amounts exceed 64 bits and are stored as decimal text.
CREATE TABLE chain_txs (
    id {{id}},
    chain TEXT NOT NULL,
    hash TEXT NOT NULL,
    sender TEXT NOT NULL,
    recipient TEXT NOT NULL DEFAULT '',
    nonce BIGINT NOT NULL,
    max_fee TEXT NOT NULL DEFAULT '0',
    tip TEXT NOT NULL DEFAULT '0',
    gas_limit BIGINT NOT NULL DEFAULT 0,
    value TEXT NOT NULL DEFAULT '0',
    first_seen BIGINT NOT NULL,
    first_block BIGINT NOT NULL DEFAULT 0,
    last_seen BIGINT NOT NULL,
    last_status TEXT NOT NULL,
    replaced_by TEXT NOT NULL DEFAULT '',
    UNIQUE (chain, hash)
);
CREATE INDEX chain_txs_hash ON chain_txs (hash);
CREATE INDEX chain_txs_sender_nonce ON chain_txs (chain, sender, nonce);
