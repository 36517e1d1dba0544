package chain_test

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

// simChain is a real go-ethereum chain in process (the same assembly as
// ethclient/simulated, which keeps its node private), served over HTTP by
// an httptest server so the diagnostics dial it like any node. Blocks are
// sealed only when a test calls commit.
type simChain struct {
	t       *testing.T
	chainID *big.Int
	config  *params.ChainConfig
	backend *eth.Ethereum
	beacon  *catalyst.SimulatedBeacon
	url     string
	client  *ethclient.Client
	calls   atomic.Int64 // HTTP requests the diagnostics (and the test) made
	signer  types.Signer
}

var (
	gwei  = big.NewInt(1e9)
	ether = new(big.Int).Exp(big.NewInt(10), big.NewInt(18), nil)
)

// newSimChain starts a chain with chainID; every key in funded gets 100
// ether and every address in code gets that runtime code.
func newSimChain(t *testing.T, chainID int64, funded []*ecdsa.PrivateKey, code map[common.Address][]byte) *simChain {
	t.Helper()
	alloc := core.SystemContractAllocs()
	for _, k := range funded {
		alloc[crypto.PubkeyToAddress(k.PublicKey)] = types.Account{Balance: new(big.Int).Mul(big.NewInt(100), ether)}
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
	c := &simChain{t: t, chainID: cfg.ChainID, config: &cfg, backend: backend, beacon: beacon,
		signer: types.LatestSignerForChainID(cfg.ChainID)}
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c.calls.Add(1)
		srv.ServeHTTP(w, r)
	}))
	c.url = hs.URL
	c.client, err = ethclient.Dial(hs.URL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c.client.Close()
		hs.Close()
		srv.Stop()
		beacon.Stop()
		stack.Close()
	})
	// Seal one block and wait for the transaction indexer: until it is done,
	// geth answers an unknown hash with "transaction indexing is in
	// progress" instead of null.
	c.commit()
	deadline := time.Now().Add(10 * time.Second)
	for {
		p, err := backend.BlockChain().TxIndexProgress()
		if err == nil && p.Done() {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("transaction indexer not done: %v %+v", err, p)
		}
		time.Sleep(5 * time.Millisecond)
	}
	return c
}

func (c *simChain) commit() { c.beacon.Commit() }

// rollback empties the pool, as a node restart or eviction would.
func (c *simChain) rollback() { c.beacon.Rollback() }

type txOpts struct {
	nonce  uint64
	to     common.Address
	value  *big.Int
	gas    uint64
	maxFee *big.Int
	tip    *big.Int
	data   []byte
}

// send signs and submits a dynamic-fee transaction; the pool must accept it.
func (c *simChain) send(key *ecdsa.PrivateKey, o txOpts) *types.Transaction {
	c.t.Helper()
	tx, err := c.trySend(key, o)
	if err != nil {
		c.t.Fatalf("send nonce %d: %v", o.nonce, err)
	}
	return tx
}

func (c *simChain) trySend(key *ecdsa.PrivateKey, o txOpts) (*types.Transaction, error) {
	if o.gas == 0 {
		o.gas = 21000
	}
	if o.value == nil {
		o.value = new(big.Int)
	}
	to := o.to
	tx := types.MustSignNewTx(key, c.signer, &types.DynamicFeeTx{ChainID: c.chainID, Nonce: o.nonce,
		GasTipCap: o.tip, GasFeeCap: o.maxFee, Gas: o.gas, To: &to, Value: o.value, Data: o.data})
	return tx, c.client.SendTransaction(context.Background(), tx)
}

func (c *simChain) receipt(h common.Hash) *types.Receipt {
	c.t.Helper()
	r, err := c.client.TransactionReceipt(context.Background(), h)
	if err != nil {
		c.t.Fatalf("receipt %s: %v", h.Hex(), err)
	}
	return r
}

func (c *simChain) head() uint64 {
	c.t.Helper()
	n, err := c.client.BlockNumber(context.Background())
	if err != nil {
		c.t.Fatal(err)
	}
	return n
}

func (c *simChain) header(n uint64) *types.Header {
	c.t.Helper()
	h, err := c.client.HeaderByNumber(context.Background(), new(big.Int).SetUint64(n))
	if err != nil {
		c.t.Fatal(err)
	}
	return h
}

func newKey(t *testing.T) *ecdsa.PrivateKey {
	k, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func addr(k *ecdsa.PrivateKey) common.Address { return crypto.PubkeyToAddress(k.PublicKey) }

// sstoreCode writes slot 0 (about 22,100 gas): a call with a 30,000 gas
// limit runs out of gas.
var sstoreCode = []byte{0x60, 0x01, 0x60, 0x00, 0x55, 0x00} // PUSH1 1 PUSH1 0 SSTORE STOP

// revertCode is runtime code that always reverts with Error(reason): it
// copies an ABI-encoded payload appended after the 15 bytes of code and
// returns it with REVERT.
func revertCode(reason string) []byte {
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
