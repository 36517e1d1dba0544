package chain

import "math/big"

// network names the well-known EVM chains so that advice can say "your
// transfer went to BNB Smart Chain" rather than a configuration name.
// Source: ethereum-lists/chains (eip155-<id>.json).
type network struct {
	display string
	symbol  string
}

var knownNetworks = map[uint64]network{
	1:     {"Ethereum", "ETH"},
	10:    {"OP Mainnet", "ETH"},
	56:    {"BNB Smart Chain", "BNB"},
	137:   {"Polygon", "POL"},
	8453:  {"Base", "ETH"},
	42161: {"Arbitrum One", "ETH"},
	43114: {"Avalanche C-Chain", "AVAX"},
}

// describe returns the display name and native symbol for a chain: the
// well-known name when the chain id is known, else the configured name and
// ETH (development chains are ETH-denominated).
func describe(name string, id *big.Int) (display, symbol string) {
	if id != nil && id.IsUint64() {
		if n, ok := knownNetworks[id.Uint64()]; ok {
			return n.display, n.symbol
		}
	}
	return name, "ETH"
}
