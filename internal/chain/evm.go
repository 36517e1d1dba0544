package chain

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/rpc"
	"github.com/walletdesk/walletdesk/internal/desk"
)

// evmNode is one configured EVM endpoint. Transactions, receipts and blocks
// are decoded from raw JSON rather than through go-ethereum's types, because
// L2s (OP Stack deposits, Arbitrum) use transaction types those types reject.
type evmNode struct {
	cfg     Config
	rpc     *rpc.Client
	eth     *ethclient.Client
	timeout time.Duration

	mu      sync.Mutex
	chainID *big.Int // learned from the node
	idErr   error    // a mismatch with the expected id, sticky
}

func dialEVM(ctx context.Context, cfg Config, hc clients) (*evmNode, error) {
	c, err := rpc.DialOptions(ctx, cfg.URL, rpc.WithHTTPClient(hc.rpc))
	if err != nil {
		return nil, fmt.Errorf("chain %s: %w", cfg.Name, scrubURLError(err))
	}
	return &evmNode{cfg: cfg, rpc: c, eth: ethclient.NewClient(c), timeout: hc.timeout}, nil
}

// call runs one RPC with the per-call timeout.
func (n *evmNode) call(ctx context.Context, result any, method string, args ...any) error {
	ctx, cancel := context.WithTimeout(ctx, n.timeout)
	defer cancel()
	return scrubURLError(n.rpc.CallContext(ctx, result, method, args...))
}

// withTimeout gives ethclient calls the per-call timeout.
func (n *evmNode) withTimeout(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, n.timeout)
}

// ready learns the node's chain id once and checks it against the expected
// one. A mismatch is remembered: the node serves another chain and every
// answer from it would be wrong.
func (n *evmNode) ready(ctx context.Context) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.idErr != nil {
		return n.idErr
	}
	if n.chainID != nil {
		return nil
	}
	var id hexutil.Big
	if err := n.call(ctx, &id, "eth_chainId"); err != nil {
		return err
	}
	got := (*big.Int)(&id)
	if want := n.cfg.ChainID; want != nil && want.Cmp(got) != 0 {
		n.idErr = &desk.Error{Kind: desk.KindUnavailable, Code: "chain_id_mismatch",
			Err: fmt.Errorf("chain %s: the node reports chain id %s but %s is configured", n.cfg.Name, got, want)}
		return n.idErr
	}
	n.chainID = new(big.Int).Set(got)
	return nil
}

func (n *evmNode) describe() (display, symbol string) {
	n.mu.Lock()
	id := n.chainID
	n.mu.Unlock()
	if id == nil {
		id = n.cfg.ChainID
	}
	return describe(n.cfg.Name, id)
}

// rpcTx is the subset of eth_getTransactionByHash / block transactions used.
type rpcTx struct {
	Hash                 common.Hash     `json:"hash"`
	From                 common.Address  `json:"from"`
	To                   *common.Address `json:"to"`
	Nonce                hexutil.Uint64  `json:"nonce"`
	Gas                  hexutil.Uint64  `json:"gas"`
	GasPrice             *hexutil.Big    `json:"gasPrice"`
	MaxFeePerGas         *hexutil.Big    `json:"maxFeePerGas"`
	MaxPriorityFeePerGas *hexutil.Big    `json:"maxPriorityFeePerGas"`
	Value                *hexutil.Big    `json:"value"`
	Input                hexutil.Bytes   `json:"input"`
	BlockNumber          *hexutil.Big    `json:"blockNumber"`
}

// maxFee is the fee cap per gas: maxFeePerGas, or gasPrice for legacy.
func (t *rpcTx) maxFee() *big.Int {
	if t.MaxFeePerGas != nil {
		return t.MaxFeePerGas.ToInt()
	}
	if t.GasPrice != nil {
		return t.GasPrice.ToInt()
	}
	return new(big.Int)
}

// tip is the priority fee cap: maxPriorityFeePerGas, or gasPrice for legacy.
func (t *rpcTx) tip() *big.Int {
	if t.MaxPriorityFeePerGas != nil {
		return t.MaxPriorityFeePerGas.ToInt()
	}
	return t.maxFee()
}

func (t *rpcTx) value() *big.Int {
	if t.Value == nil {
		return new(big.Int)
	}
	return t.Value.ToInt()
}

func (t *rpcTx) to() string {
	if t.To == nil {
		return ""
	}
	return lowerHex(*t.To)
}

func lowerHex(a common.Address) string { return strings.ToLower(a.Hex()) }

type rpcReceipt struct {
	Status            *hexutil.Uint64 `json:"status"`
	GasUsed           hexutil.Uint64  `json:"gasUsed"`
	EffectiveGasPrice *hexutil.Big    `json:"effectiveGasPrice"`
	BlockNumber       *hexutil.Big    `json:"blockNumber"`
	L1Fee             *hexutil.Big    `json:"l1Fee"` // OP Stack chains charge this on top
}

// fee is what the sender paid: gasUsed × effectiveGasPrice (+ the L1 fee of
// OP Stack chains).
func (r *rpcReceipt) fee(tx *rpcTx) *big.Int {
	price := tx.maxFee()
	if r.EffectiveGasPrice != nil {
		price = r.EffectiveGasPrice.ToInt()
	}
	f := new(big.Int).Mul(new(big.Int).SetUint64(uint64(r.GasUsed)), price)
	if r.L1Fee != nil {
		f.Add(f, r.L1Fee.ToInt())
	}
	return f
}

// txLookup is what a node knows of a hash.
type txLookup struct {
	tx      *rpcTx
	receipt *rpcReceipt
}

func (l txLookup) found() bool { return l.tx != nil }

// lookup asks for the transaction and, once it is in a block, its receipt.
// Both null means the node does not know the hash.
func (n *evmNode) lookup(ctx context.Context, hash string) (txLookup, error) {
	if err := n.ready(ctx); err != nil {
		return txLookup{}, err
	}
	var raw json.RawMessage
	if err := n.call(ctx, &raw, "eth_getTransactionByHash", hash); err != nil {
		return txLookup{}, err
	}
	if isNull(raw) {
		return txLookup{}, nil
	}
	var tx rpcTx
	if err := json.Unmarshal(raw, &tx); err != nil {
		return txLookup{}, fmt.Errorf("decode transaction: %w", err)
	}
	out := txLookup{tx: &tx}
	if tx.BlockNumber == nil {
		return out, nil
	}
	raw = nil
	if err := n.call(ctx, &raw, "eth_getTransactionReceipt", hash); err != nil {
		return txLookup{}, err
	}
	if !isNull(raw) {
		var r rpcReceipt
		if err := json.Unmarshal(raw, &r); err != nil {
			return txLookup{}, fmt.Errorf("decode receipt: %w", err)
		}
		out.receipt = &r
	}
	return out, nil
}

func isNull(raw json.RawMessage) bool {
	s := strings.TrimSpace(string(raw))
	return s == "" || s == "null"
}

func (n *evmNode) head(ctx context.Context) (uint64, error) {
	var h hexutil.Uint64
	err := n.call(ctx, &h, "eth_blockNumber")
	return uint64(h), err
}

func (n *evmNode) nonceAt(ctx context.Context, addr common.Address, block *big.Int) (uint64, error) {
	ctx, cancel := n.withTimeout(ctx)
	defer cancel()
	v, err := n.eth.NonceAt(ctx, addr, block)
	return v, scrubURLError(err)
}

func (n *evmNode) pendingNonce(ctx context.Context, addr common.Address) (uint64, error) {
	ctx, cancel := n.withTimeout(ctx)
	defer cancel()
	v, err := n.eth.PendingNonceAt(ctx, addr)
	return v, scrubURLError(err)
}

// market is the fee market now: the next block's base fee and what recent
// non-empty blocks paid as priority fee.
type market struct {
	baseFee *big.Int // next block's base fee (0 on chains without EIP-1559)
	tipLow  *big.Int // median over blocks of the 10th-percentile tip
	tipMid  *big.Int // median over blocks of the 50th-percentile tip
	blocks  int      // non-empty blocks the tips come from (0: node suggestion)
}

const feeHistoryBlocks = 20

// market reads eth_feeHistory; chains or nodes without it fall back to the
// latest header and eth_maxPriorityFeePerGas.
func (n *evmNode) market(ctx context.Context) (market, error) {
	m := market{baseFee: new(big.Int)}
	c, cancel := n.withTimeout(ctx)
	fh, err := n.eth.FeeHistory(c, feeHistoryBlocks, nil, []float64{10, 50})
	cancel()
	if err == nil && len(fh.BaseFee) > 0 {
		if b := fh.BaseFee[len(fh.BaseFee)-1]; b != nil {
			m.baseFee = b
		}
		var lows, mids []*big.Int
		for i, r := range fh.Reward {
			if i < len(fh.GasUsedRatio) && fh.GasUsedRatio[i] == 0 || len(r) < 2 || r[0] == nil || r[1] == nil {
				continue // empty blocks report zero tips, which says nothing about the market
			}
			lows, mids = append(lows, r[0]), append(mids, r[1])
		}
		if len(mids) > 0 {
			m.tipLow, m.tipMid, m.blocks = median(lows), median(mids), len(mids)
			return m, nil
		}
	} else {
		c, cancel := n.withTimeout(ctx)
		h, herr := n.eth.HeaderByNumber(c, nil)
		cancel()
		if herr != nil {
			return market{}, scrubURLError(herr)
		}
		if h.BaseFee != nil {
			m.baseFee = h.BaseFee
		}
	}
	c, cancel = n.withTimeout(ctx)
	tip, err := n.eth.SuggestGasTipCap(c)
	cancel()
	if err != nil {
		// Pre-London chains have no tip suggestion; the gas price is the tip.
		c, cancel = n.withTimeout(ctx)
		tip, err = n.eth.SuggestGasPrice(c)
		cancel()
		if err != nil {
			return market{}, scrubURLError(err)
		}
	}
	m.tipMid = tip
	m.tipLow = new(big.Int).Rsh(tip, 1)
	return m, nil
}

func median(v []*big.Int) *big.Int {
	s := append([]*big.Int(nil), v...)
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j].Cmp(s[j-1]) < 0; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
	return new(big.Int).Set(s[len(s)/2])
}

// replayRevert re-executes a failed transaction with eth_call on the state
// before its block and returns the revert reason the node gives, if any.
func (n *evmNode) replayRevert(ctx context.Context, tx *rpcTx, block uint64) (string, bool) {
	msg := ethereum.CallMsg{From: tx.From, To: tx.To, Gas: uint64(tx.Gas), Value: tx.value(), Data: tx.Input}
	var at *big.Int
	if block > 0 {
		at = new(big.Int).SetUint64(block - 1)
	}
	c, cancel := n.withTimeout(ctx)
	defer cancel()
	_, err := n.eth.CallContract(c, msg, at)
	return revertReason(err)
}

// estimateGas asks what the call would need now; 0 when the node cannot tell
// (it would revert now, or the method is missing).
func (n *evmNode) estimateGas(ctx context.Context, tx *rpcTx) uint64 {
	msg := ethereum.CallMsg{From: tx.From, To: tx.To, Value: tx.value(), Data: tx.Input}
	c, cancel := n.withTimeout(ctx)
	defer cancel()
	g, err := n.eth.EstimateGas(c, msg)
	if err != nil {
		return 0
	}
	return g
}

// blockTx is the part of a block's transaction used to find a replacement.
type blockTx struct {
	Hash  common.Hash     `json:"hash"`
	From  common.Address  `json:"from"`
	To    *common.Address `json:"to"`
	Nonce hexutil.Uint64  `json:"nonce"`
	Value *hexutil.Big    `json:"value"`
}

// replacement describes the transaction that used a nonce.
type replacement struct {
	hash      string
	block     uint64
	cancelled bool // 0 value to the sender itself: a wallet's "cancel"
}

// maxLinearScan bounds the fallback block scan when the node cannot answer
// nonces at past blocks (pruned state).
const maxLinearScan = 64

// findReplacement finds the transaction from sender with nonce mined in
// (from, head]. The sender's nonce only grows, so a binary search over
// eth_getTransactionCount at past blocks finds the block in O(log n) calls;
// nodes without that history get a bounded backward scan instead.
func (n *evmNode) findReplacement(ctx context.Context, sender common.Address, nonce, from, head uint64) (replacement, error) {
	lo, hi := from, head // invariant: nonce unused at lo, used at hi
	ok := true
	if lo >= hi {
		ok = false
	} else if v, err := n.nonceAt(ctx, sender, new(big.Int).SetUint64(lo)); err != nil || v > nonce {
		ok = false
	}
	for ok && hi-lo > 1 {
		mid := lo + (hi-lo)/2
		v, err := n.nonceAt(ctx, sender, new(big.Int).SetUint64(mid))
		if err != nil {
			if ctx.Err() != nil {
				return replacement{}, ctx.Err()
			}
			ok = false
			break
		}
		if v > nonce {
			hi = mid
		} else {
			lo = mid
		}
	}
	if ok {
		return n.scanBlock(ctx, hi, sender, nonce)
	}
	for b, i := head, 0; i < maxLinearScan && b > 0; b, i = b-1, i+1 {
		r, err := n.scanBlock(ctx, b, sender, nonce)
		if err == nil || !errors.Is(err, errNoReplacement) {
			return r, err
		}
		if b <= from {
			break
		}
	}
	return replacement{}, errNoReplacement
}

var errNoReplacement = errors.New("replacement not found")

func (n *evmNode) scanBlock(ctx context.Context, block uint64, sender common.Address, nonce uint64) (replacement, error) {
	var b struct {
		Transactions []blockTx `json:"transactions"`
	}
	var raw json.RawMessage
	if err := n.call(ctx, &raw, "eth_getBlockByNumber", hexutil.EncodeUint64(block), true); err != nil {
		return replacement{}, err
	}
	if isNull(raw) {
		return replacement{}, errNoReplacement
	}
	if err := json.Unmarshal(raw, &b); err != nil {
		return replacement{}, fmt.Errorf("decode block %d: %w", block, err)
	}
	for _, t := range b.Transactions {
		if t.From == sender && uint64(t.Nonce) == nonce {
			cancelled := t.To != nil && *t.To == sender && (t.Value == nil || t.Value.ToInt().Sign() == 0)
			return replacement{hash: strings.ToLower(t.Hash.Hex()), block: block, cancelled: cancelled}, nil
		}
	}
	return replacement{}, errNoReplacement
}
