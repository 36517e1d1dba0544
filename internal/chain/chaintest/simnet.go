// Package chaintest runs real go-ethereum chains inside a test process, served
// over HTTP so that diagnostics (and the walletdesk binary in end-to-end
// tests) dial them like any node. Only tests import it: it pulls in the
// whole of go-ethereum.
package chaintest

import (
	"context"
	"crypto/ecdsa"
	"encoding/binary"
	"maps"
	"math/big"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/eth"
	"github.com/ethereum/go-ethereum/eth/catalyst"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/node"
	"github.com/ethereum/go-ethereum/p2p"
	"github.com/ethereum/go-ethereum/params"
	"github.com/ethereum/go-ethereum/rpc"
)

// Chain is a real go-ethereum chain in process (the same assembly as
// ethclient/simulated, which keeps its node private), served over HTTP by
// an httptest server so the diagnostics dial it like any node. Blocks are
// sealed only when a test calls commit.
type Chain struct {
	t       testing.TB
	ChainID *big.Int
	Config  *params.ChainConfig
	Backend *eth.Ethereum
	beacon  *catalyst.SimulatedBeacon
	URL     string
	Client  *ethclient.Client
	Calls   atomic.Int64 // HTTP requests the diagnostics (and the test) made
	Signer  types.Signer
}

var (
	// Gwei and Ether are unit multipliers.
	Gwei  = big.NewInt(1e9)
	Ether = new(big.Int).Exp(big.NewInt(10), big.NewInt(18), nil)
)

// New starts a chain with chainID; every key in funded gets 100
// Ether and every address in code gets that runtime code.
func New(t testing.TB, chainID int64, funded []*ecdsa.PrivateKey, code map[common.Address][]byte) *Chain {
	t.Helper()
	alloc := core.SystemContractAllocs()
	for _, k := range funded {
		alloc[crypto.PubkeyToAddress(k.PublicKey)] = types.Account{Balance: new(big.Int).Mul(big.NewInt(100), Ether)}
	}
	for a, c := range code {
		alloc[a] = types.Account{Code: c, Balance: new(big.Int)}
	}
	cfg := *params.AllDevChainProtocolChanges
	cfg.ChainID = big.NewInt(chainID)

	nodeConf := node.DefaultConfig
	nodeConf.DataDir = ""
	nodeConf.IPCPath = "" // no socket: several chains run side by side
	nodeConf.P2P = p2p.Config{NoDiscovery: true}
	stack, err := node.New(&nodeConf)
	if err != nil {
		t.Fatal(err)
	}
	ethConf := ethconfig.Defaults
	ethConf.Genesis = &core.Genesis{Config: &cfg, GasLimit: ethconfig.Defaults.Miner.GasCeil, Alloc: maps.Clone(alloc)}
	ethConf.SyncMode = ethconfig.FullSync
	ethConf.TxPool.NoLocals = true
	backend, err := eth.New(stack, &ethConf)
	if err != nil {
		t.Fatal(err)
	}
	if err := stack.Start(); err != nil {
		t.Fatal(err)
	}
	beacon, err := catalyst.NewSimulatedBeacon(0, common.Address{}, backend)
	if err != nil {
		t.Fatal(err)
	}
	if err := beacon.Fork(backend.BlockChain().GetCanonicalHash(0)); err != nil {
		t.Fatal(err)
	}
	srv := rpc.NewServer()
	for _, api := range backend.APIs() {
		if err := srv.RegisterName(api.Namespace, api.Service); err != nil {
			t.Fatal(err)
		}
	}
	c := &Chain{t: t, ChainID: cfg.ChainID, Config: &cfg, Backend: backend, beacon: beacon,
		Signer: types.LatestSignerForChainID(cfg.ChainID)}
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c.Calls.Add(1)
		srv.ServeHTTP(w, r)
	}))
	c.URL = hs.URL
	c.Client, err = ethclient.Dial(hs.URL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c.Client.Close()
		hs.Close()
		srv.Stop()
		beacon.Stop()
		stack.Close()
	})
	// Seal one block and wait for the transaction indexer: until it is done,
	// geth answers an unknown hash with "transaction indexing is in
	// progress" instead of null.
	c.Commit()
	deadline := time.Now().Add(10 * time.Second)
	nudge := time.Now().Add(time.Second)
	for {
		p, err := backend.BlockChain().TxIndexProgress()
		if err == nil && p.Done() {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("transaction indexer not done: %v %+v", err, p)
		}
		if time.Now().After(nudge) {
			// The indexer starts on a new head: when it subscribed after
			// the first one (a loaded machine), it waits for the next.
			c.Commit()
			nudge = time.Now().Add(time.Second)
		}
		time.Sleep(5 * time.Millisecond)
	}
	return c
}

// Commit seals a block with what the pool holds.
func (c *Chain) Commit() { c.beacon.Commit() }

// Rollback empties the pool, as a node restart or eviction would.
func (c *Chain) Rollback() { c.beacon.Rollback() }

// TxOpts describes a dynamic-fee transaction to send.
type TxOpts struct {
	Nonce  uint64
	To     common.Address
	Value  *big.Int
	Gas    uint64
	MaxFee *big.Int
	Tip    *big.Int
	Data   []byte
}

// Send signs and submits a dynamic-fee transaction; the pool must accept it.
func (c *Chain) Send(key *ecdsa.PrivateKey, o TxOpts) *types.Transaction {
	c.t.Helper()
	tx, err := c.TrySend(key, o)
	if err != nil {
		c.t.Fatalf("send nonce %d: %v", o.Nonce, err)
	}
	return tx
}

// TrySend signs and submits a dynamic-fee transaction.
func (c *Chain) TrySend(key *ecdsa.PrivateKey, o TxOpts) (*types.Transaction, error) {
	if o.Gas == 0 {
		o.Gas = 21000
	}
	if o.Value == nil {
		o.Value = new(big.Int)
	}
	to := o.To
	tx := types.MustSignNewTx(key, c.Signer, &types.DynamicFeeTx{ChainID: c.ChainID, Nonce: o.Nonce,
		GasTipCap: o.Tip, GasFeeCap: o.MaxFee, Gas: o.Gas, To: &to, Value: o.Value, Data: o.Data})
	return tx, c.Client.SendTransaction(context.Background(), tx)
}

// Receipt returns a mined transaction's receipt.
func (c *Chain) Receipt(h common.Hash) *types.Receipt {
	c.t.Helper()
	r, err := c.Client.TransactionReceipt(context.Background(), h)
	if err != nil {
		c.t.Fatalf("receipt %s: %v", h.Hex(), err)
	}
	return r
}

// Head returns the latest block number.
func (c *Chain) Head() uint64 {
	c.t.Helper()
	n, err := c.Client.BlockNumber(context.Background())
	if err != nil {
		c.t.Fatal(err)
	}
	return n
}

// Header returns block n's header.
func (c *Chain) Header(n uint64) *types.Header {
	c.t.Helper()
	h, err := c.Client.HeaderByNumber(context.Background(), new(big.Int).SetUint64(n))
	if err != nil {
		c.t.Fatal(err)
	}
	return h
}

func NewKey(t testing.TB) *ecdsa.PrivateKey {
	k, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func Addr(k *ecdsa.PrivateKey) common.Address { return crypto.PubkeyToAddress(k.PublicKey) }

// SStoreCode writes slot 0 (about 22,100 gas): a call with a 30,000 gas
// limit runs out of gas.
var SStoreCode = []byte{0x60, 0x01, 0x60, 0x00, 0x55, 0x00} // PUSH1 1 PUSH1 0 SSTORE STOP

// RevertCode is runtime code that always reverts with Error(reason): it
// copies an ABI-encoded payload appended after the 15 bytes of code and
// returns it with REVERT.
func RevertCode(reason string) []byte {
	word := func(n int) []byte {
		b := make([]byte, 32)
		binary.BigEndian.PutUint64(b[24:], uint64(n))
		return b
	}
	payload := []byte{0x08, 0xc3, 0x79, 0xa0}
	payload = append(payload, word(32)...)
	payload = append(payload, word(len(reason))...)
	padded := make([]byte, (len(reason)+31)/32*32)
	copy(padded, reason)
	payload = append(payload, padded...)
	n := len(payload)
	code := []byte{
		0x61, byte(n >> 8), byte(n), // PUSH2 size
		0x61, 0x00, 0x0f, // PUSH2 15 (payload offset in code)
		0x60, 0x00, // PUSH1 0 (memory offset)
		0x39,                        // CODECOPY
		0x61, byte(n >> 8), byte(n), // PUSH2 size
		0x60, 0x00, // PUSH1 0
		0xfd, // REVERT
	}
	return append(code, payload...)
}
