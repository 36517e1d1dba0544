// Package chain diagnoses a transaction from its hash: it asks the configured
// nodes (EVM JSON-RPC, Esplora for Bitcoin, TronGrid for TRON) what happened
// and answers with a status, findings with their numbers and concrete advice,
// localized. Only configured endpoints are ever called; a user supplies a
// hash and maybe an address, never a URL.
//
// Diagnoses are computed once per (chain, hash, address) for a short time and
// localized on the way out, so that a cached answer serves every locale.
package chain
