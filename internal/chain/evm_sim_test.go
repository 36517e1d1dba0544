package chain_test

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"github.com/walletdesk/walletdesk/internal/chain/chaintest"
	"math/big"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/consensus/misc/eip1559"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/walletdesk/walletdesk/internal/chain"
	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/store"
	"github.com/walletdesk/walletdesk/internal/store/storetest"
)

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

type harness struct {
	d     *chain.Diagnoser
	clock *clock
	store *store.Chain
}

// newHarness builds a Diagnoser over the given chains (name -> chain) with a
// real SQLite store.
func newHarness(t *testing.T, chains map[string]*chaintest.Chain, expectIDs bool) *harness {
	t.Helper()
	ctx := context.Background()
	db := storetest.OpenSQLite(t)
	var cfgs []chain.Config
	for name, c := range chains {
		cfg := chain.Config{Name: name, Kind: chain.KindEVM, URL: c.URL}
		if expectIDs {
			cfg.ChainID = c.ChainID
		}
		cfgs = append(cfgs, cfg)
	}
	clk := &clock{t: time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)}
	d, err := chain.New(ctx, cfgs, db.Chain(), chain.Options{Clock: clk.now, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return &harness{d: d, clock: clk, store: db.Chain()}
}

// diagnose asks again after the cache TTL, so each call sees the chain now.
func (h *harness) diagnose(t *testing.T, req chain.Request) chain.Diagnosis {
	t.Helper()
	h.clock.add(time.Minute)
	dg, err := h.d.Diagnose(context.Background(), req)
	if err != nil {
		t.Fatalf("diagnose %+v: %v", req, err)
	}
	if testing.Verbose() {
		t.Logf("%+v\n%s", req, dump(dg))
	}
	return dg
}

func finding(t *testing.T, dg chain.Diagnosis, code string) chain.Finding {
	t.Helper()
	for _, f := range dg.Findings {
		if f.Code == code {
			return f
		}
	}
	t.Fatalf("no finding %q in %s", code, dump(dg))
	return chain.Finding{}
}

func advice(t *testing.T, dg chain.Diagnosis, code string) chain.Advice {
	t.Helper()
	for _, a := range dg.Advice {
		if a.Code == code {
			return a
		}
	}
	t.Fatalf("no advice %q in %s", code, dump(dg))
	return chain.Advice{}
}

func hasFinding(dg chain.Diagnosis, code string) bool {
	for _, f := range dg.Findings {
		if f.Code == code {
			return true
		}
	}
	return false
}

func dump(dg chain.Diagnosis) string {
	var b strings.Builder
	fmt.Fprintf(&b, "chain=%s status=%s article=%s\n", dg.Chain, dg.Status, dg.Article)
	for _, f := range dg.Findings {
		fmt.Fprintf(&b, "  finding %s %v: %s\n", f.Code, f.Data, f.Message)
	}
	for _, a := range dg.Advice {
		fmt.Fprintf(&b, "  advice %s %v: %s\n", a.Code, a.Data, a.Message)
	}
	return b.String()
}

func weiOf(t *testing.T, data map[string]any, key string) *big.Int {
	t.Helper()
	s, ok := data[key].(string)
	if !ok {
		t.Fatalf("data %s missing or not a string: %v", key, data)
	}
	v, ok := new(big.Int).SetString(s, 10)
	if !ok {
		t.Fatalf("data %s=%q is not a decimal integer", key, s)
	}
	return v
}

func wantStatus(t *testing.T, dg chain.Diagnosis, st chain.Status) {
	t.Helper()
	if dg.Status != st {
		t.Fatalf("status %s, want %s\n%s", dg.Status, st, dump(dg))
	}
}

func TestEVMConfirmed(t *testing.T) {
	alice, bob := chaintest.NewKey(t), chaintest.NewKey(t)
	c := chaintest.New(t, 1337, []*ecdsa.PrivateKey{alice}, nil)
	h := newHarness(t, map[string]*chaintest.Chain{"alpha": c}, true)

	tip, maxFee := new(big.Int).Mul(big.NewInt(2), chaintest.Gwei), new(big.Int).Mul(big.NewInt(10), chaintest.Gwei)
	tx := c.Send(alice, chaintest.TxOpts{Nonce: 0, To: chaintest.Addr(bob), Value: chaintest.Ether, MaxFee: maxFee, Tip: tip})
	c.Commit()
	c.Commit()
	c.Commit()
	rc := c.Receipt(tx.Hash())
	// Independent fee: the block's base fee plus the full tip (max fee leaves room).
	price := new(big.Int).Add(c.Header(rc.BlockNumber.Uint64()).BaseFee, tip)
	wantFee := new(big.Int).Mul(price, new(big.Int).SetUint64(rc.GasUsed))
	wantConf := c.Head() - rc.BlockNumber.Uint64() + 1

	for _, asked := range []string{"alpha", ""} {
		dg := h.diagnose(t, chain.Request{Chain: asked, Hash: tx.Hash().Hex(), Locale: "en"})
		wantStatus(t, dg, chain.StatusConfirmed)
		if dg.Chain != "alpha" {
			t.Errorf("chain %q", dg.Chain)
		}
		f := finding(t, dg, "confirmed")
		if got := f.Data["confirmations"]; got != wantConf {
			t.Errorf("confirmations %v, want %d", got, wantConf)
		}
		if got := weiOf(t, f.Data, "fee_wei"); got.Cmp(wantFee) != 0 {
			t.Errorf("fee %s, want %s", got, wantFee)
		}
		if !strings.Contains(f.Message, fmt.Sprintf("(confirmations: %d)", wantConf)) || !strings.Contains(f.Message, "ETH") {
			t.Errorf("message %q", f.Message)
		}
	}
	// The hash in upper case, a sender address, a stranger's address, Chinese.
	dg := h.diagnose(t, chain.Request{Hash: "0x" + strings.ToUpper(tx.Hash().Hex()[2:]), Address: chaintest.Addr(bob).Hex(), Locale: "zh-CN"})
	if hasFinding(dg, "address_not_involved") {
		t.Errorf("the recipient was reported as not involved")
	}
	if f := finding(t, dg, "confirmed"); !strings.Contains(f.Message, "已在区块") {
		t.Errorf("zh-CN message %q", f.Message)
	}
	dg = h.diagnose(t, chain.Request{Hash: tx.Hash().Hex(), Address: chaintest.Addr(chaintest.NewKey(t)).Hex(), Locale: "ja"})
	if f := finding(t, dg, "address_not_involved"); !strings.Contains(f.Message, "送信元でも受取人でもありません") {
		t.Errorf("ja message %q", f.Message)
	}
}

func TestEVMOutOfGas(t *testing.T) {
	alice := chaintest.NewKey(t)
	store := common.HexToAddress("0x5700000000000000000000000000000000000001")
	c := chaintest.New(t, 1337, []*ecdsa.PrivateKey{alice}, map[common.Address][]byte{store: chaintest.SStoreCode})
	h := newHarness(t, map[string]*chaintest.Chain{"alpha": c}, false)

	fees := chaintest.TxOpts{MaxFee: new(big.Int).Mul(big.NewInt(5), chaintest.Gwei), Tip: chaintest.Gwei}
	o := fees
	o.Nonce, o.To, o.Gas = 0, store, 30000
	tx := c.Send(alice, o)
	c.Commit()
	rc := c.Receipt(tx.Hash())
	if rc.Status != types.ReceiptStatusFailed || rc.GasUsed != 30000 {
		t.Fatalf("setup: status %d gas used %d", rc.Status, rc.GasUsed)
	}
	dg := h.diagnose(t, chain.Request{Chain: "alpha", Hash: tx.Hash().Hex()})
	wantStatus(t, dg, chain.StatusFailed)
	f := finding(t, dg, "out_of_gas")
	if f.Data["gas_used"] != uint64(30000) || f.Data["gas_limit"] != uint64(30000) {
		t.Errorf("gas data %v", f.Data)
	}
	wantFee := new(big.Int).Mul(rc.EffectiveGasPrice, big.NewInt(30000))
	if got := weiOf(t, f.Data, "fee_wei"); got.Cmp(wantFee) != 0 {
		t.Errorf("fee %s, want %s (the fee of a failed transaction is still paid)", got, wantFee)
	}
	if dg.Article != "transaction-failed" {
		t.Errorf("article %q", dg.Article)
	}
	// The advised gas limit must actually be enough.
	a := advice(t, dg, "raise_gas_limit")
	limit, ok := a.Data["suggested_gas_limit"].(uint64)
	if !ok || limit <= 30000 {
		t.Fatalf("suggested gas limit %v", a.Data)
	}
	o.Nonce, o.Gas = 1, limit
	retry := c.Send(alice, o)
	c.Commit()
	if rc := c.Receipt(retry.Hash()); rc.Status != types.ReceiptStatusSuccessful {
		t.Errorf("a retry with the advised gas limit %d failed (used %d)", limit, rc.GasUsed)
	}
}

func TestEVMRevertReason(t *testing.T) {
	alice := chaintest.NewKey(t)
	token := common.HexToAddress("0x7e00000000000000000000000000000000000002")
	const reason = "ERC20: transfer amount exceeds balance"
	c := chaintest.New(t, 1337, []*ecdsa.PrivateKey{alice}, map[common.Address][]byte{token: chaintest.RevertCode(reason)})
	h := newHarness(t, map[string]*chaintest.Chain{"alpha": c}, false)

	tx := c.Send(alice, chaintest.TxOpts{Nonce: 0, To: token, Gas: 100000, MaxFee: new(big.Int).Mul(big.NewInt(5), chaintest.Gwei), Tip: chaintest.Gwei, Data: []byte{0xa9, 0x05, 0x9c, 0xbb}})
	c.Commit()
	rc := c.Receipt(tx.Hash())
	if rc.Status != types.ReceiptStatusFailed || rc.GasUsed >= 100000 {
		t.Fatalf("setup: status %d gas used %d", rc.Status, rc.GasUsed)
	}
	for _, loc := range []string{"en", "zh-CN", "ja"} {
		dg := h.diagnose(t, chain.Request{Chain: "alpha", Hash: tx.Hash().Hex(), Locale: loc})
		wantStatus(t, dg, chain.StatusFailed)
		f := finding(t, dg, "reverted")
		if f.Data["reason"] != reason {
			t.Errorf("reason %v, want %q", f.Data["reason"], reason)
		}
		if !strings.Contains(f.Message, reason) {
			t.Errorf("%s message lacks the reason: %q", loc, f.Message)
		}
		if hasFinding(dg, "out_of_gas") {
			t.Errorf("a revert reported as out of gas")
		}
		if got := weiOf(t, f.Data, "fee_wei"); got.Cmp(new(big.Int).Mul(rc.EffectiveGasPrice, new(big.Int).SetUint64(rc.GasUsed))) != 0 {
			t.Errorf("fee %s", got)
		}
		advice(t, dg, "fix_before_retry")
	}
}

// speedUpWorks submits a replacement with the advised fees: the pool must
// accept it and the next block must include it.
func speedUpWorks(t *testing.T, c *chaintest.Chain, key *ecdsa.PrivateKey, nonce uint64, a chain.Advice) *types.Transaction {
	t.Helper()
	if a.Data["nonce"] != nonce {
		t.Errorf("advice nonce %v, want %d", a.Data["nonce"], nonce)
	}
	rep := c.Send(key, chaintest.TxOpts{Nonce: nonce, To: chaintest.Addr(key), MaxFee: weiOf(t, a.Data, "max_fee_wei"), Tip: weiOf(t, a.Data, "tip_wei")})
	c.Commit()
	if rc := c.Receipt(rep.Hash()); rc.Status != types.ReceiptStatusSuccessful {
		t.Fatalf("replacement failed")
	}
	return rep
}

func TestEVMFeeBelowBaseFeeThenReplaced(t *testing.T) {
	alice, bob := chaintest.NewKey(t), chaintest.NewKey(t)
	c := chaintest.New(t, 1337, []*ecdsa.PrivateKey{alice}, nil)
	h := newHarness(t, map[string]*chaintest.Chain{"alpha": c}, false)

	maxFee, tip := big.NewInt(500_000_000), big.NewInt(100_000_000) // 0.5 chaintest.Gwei cap vs ~0.875 chaintest.Gwei base fee
	tx := c.Send(alice, chaintest.TxOpts{Nonce: 0, To: chaintest.Addr(bob), Value: big.NewInt(1), MaxFee: maxFee, Tip: tip})
	c.Commit() // the pool keeps it: it cannot pay the base fee
	if _, pending, err := c.Client.TransactionByHash(context.Background(), tx.Hash()); err != nil || !pending {
		t.Fatalf("setup: pending=%v err=%v", pending, err)
	}
	wantBase := eip1559.CalcBaseFee(c.Config, c.Header(c.Head()))

	dg := h.diagnose(t, chain.Request{Chain: "alpha", Hash: tx.Hash().Hex(), Locale: "en"})
	wantStatus(t, dg, chain.StatusPending)
	f := finding(t, dg, "fee_below_base_fee")
	if got := weiOf(t, f.Data, "base_fee_wei"); got.Cmp(wantBase) != 0 {
		t.Errorf("base fee %s, want the next block's %s", got, wantBase)
	}
	if got := weiOf(t, f.Data, "max_fee_wei"); got.Cmp(maxFee) != 0 {
		t.Errorf("max fee %s", got)
	}
	if !strings.Contains(f.Message, "0.5 gwei") {
		t.Errorf("message %q", f.Message)
	}
	if hasFinding(dg, "nonce_gap") || hasFinding(dg, "earlier_nonce_pending") {
		t.Errorf("nonce problem reported for the head of the queue:\n%s", dump(dg))
	}
	if dg.Article != "speed-up-cancel" {
		t.Errorf("article %q", dg.Article)
	}
	a := advice(t, dg, "speed_up")
	newMax, newTip := weiOf(t, a.Data, "max_fee_wei"), weiOf(t, a.Data, "tip_wei")
	if newMax.Cmp(wantBase) <= 0 || newMax.Cmp(new(big.Int).Div(new(big.Int).Mul(maxFee, big.NewInt(110)), big.NewInt(100))) < 0 ||
		newTip.Cmp(new(big.Int).Div(new(big.Int).Mul(tip, big.NewInt(110)), big.NewInt(100))) < 0 {
		t.Errorf("advised max fee %s tip %s: not 10%% above %s/%s or not above the base fee %s", newMax, newTip, maxFee, tip, wantBase)
	}
	if !strings.Contains(a.Message, "same nonce 0") {
		t.Errorf("advice %q", a.Message)
	}

	// Follow the advice; the old hash vanishes and is reported replaced.
	rep := speedUpWorks(t, c, alice, 0, a)
	if _, _, err := c.Client.TransactionByHash(context.Background(), tx.Hash()); err == nil {
		t.Fatal("setup: the replaced transaction is still known")
	}
	dg = h.diagnose(t, chain.Request{Chain: "alpha", Hash: tx.Hash().Hex(), Locale: "en"})
	wantStatus(t, dg, chain.StatusReplaced)
	f = finding(t, dg, "replaced_by")
	if f.Data["hash"] != strings.ToLower(rep.Hash().Hex()) {
		t.Errorf("replaced by %v, want %s", f.Data["hash"], rep.Hash().Hex())
	}
	if f.Data["cancelled"] != true || f.Data["replacement_status"] != "confirmed" {
		t.Errorf("replacement data %v (it sent 0 to the sender: a cancel)", f.Data)
	}
	if !strings.Contains(f.Message, rep.Hash().Hex()[:10]) && !strings.Contains(f.Message, strings.ToLower(rep.Hash().Hex())) {
		t.Errorf("message lacks the replacing hash: %q", f.Message)
	}
	recs, err := h.store.TxRecords(context.Background(), strings.ToLower(tx.Hash().Hex()))
	if err != nil || len(recs) != 1 || recs[0].Status != chain.StatusReplaced || recs[0].ReplacedBy != strings.ToLower(rep.Hash().Hex()) {
		t.Errorf("remembered %+v, %v", recs, err)
	}
}

func TestEVMTipBelowMarket(t *testing.T) {
	whale, alice, bob := chaintest.NewKey(t), chaintest.NewKey(t), chaintest.NewKey(t)
	c := chaintest.New(t, 1337, []*ecdsa.PrivateKey{whale, alice}, nil)
	h := newHarness(t, map[string]*chaintest.Chain{"alpha": c}, false)

	// Three blocks whose transactions all paid a 3 chaintest.Gwei tip.
	marketTip := new(big.Int).Mul(big.NewInt(3), chaintest.Gwei)
	cap := new(big.Int).Mul(big.NewInt(50), chaintest.Gwei)
	for i := uint64(0); i < 6; i++ {
		c.Send(whale, chaintest.TxOpts{Nonce: i, To: chaintest.Addr(bob), Value: big.NewInt(1), MaxFee: cap, Tip: marketTip})
		if i%2 == 1 {
			c.Commit()
		}
	}
	lowTip := big.NewInt(100_000) // below the miner's 0.001 chaintest.Gwei minimum: never included
	tx := c.Send(alice, chaintest.TxOpts{Nonce: 0, To: chaintest.Addr(bob), Value: big.NewInt(1), MaxFee: cap, Tip: lowTip})
	c.Commit()

	dg := h.diagnose(t, chain.Request{Chain: "alpha", Hash: tx.Hash().Hex(), Locale: "en"})
	wantStatus(t, dg, chain.StatusPending)
	f := finding(t, dg, "tip_below_market")
	if weiOf(t, f.Data, "tip_wei").Cmp(lowTip) != 0 || weiOf(t, f.Data, "market_tip_wei").Cmp(marketTip) != 0 ||
		weiOf(t, f.Data, "low_tip_wei").Cmp(marketTip) != 0 || f.Data["blocks"] != 3 {
		t.Errorf("market data %v", f.Data)
	}
	if !strings.Contains(f.Message, "0.0001 gwei") || !strings.Contains(f.Message, "3 gwei") {
		t.Errorf("message %q", f.Message)
	}
	if hasFinding(dg, "fee_below_base_fee") {
		t.Errorf("max fee of 50 gwei reported below the base fee")
	}
	a := advice(t, dg, "speed_up")
	if weiOf(t, a.Data, "tip_wei").Cmp(marketTip) != 0 {
		t.Errorf("advised tip %v, want the market's 3 gwei", a.Data["tip_wei"])
	}
	speedUpWorks(t, c, alice, 0, a)
}

func TestEVMNonceQueue(t *testing.T) {
	alice, bob := chaintest.NewKey(t), chaintest.NewKey(t)
	c := chaintest.New(t, 1337, []*ecdsa.PrivateKey{alice}, nil)
	h := newHarness(t, map[string]*chaintest.Chain{"alpha": c}, false)
	good := chaintest.TxOpts{To: chaintest.Addr(bob), Value: big.NewInt(1), MaxFee: new(big.Int).Mul(big.NewInt(10), chaintest.Gwei), Tip: chaintest.Gwei}

	o := good
	o.Nonce = 2
	gapped := c.Send(alice, o) // nonces 0 and 1 never sent
	c.Commit()
	dg := h.diagnose(t, chain.Request{Chain: "alpha", Hash: gapped.Hash().Hex(), Locale: "en"})
	wantStatus(t, dg, chain.StatusPending)
	f := finding(t, dg, "nonce_gap")
	if f.Data["nonce"] != uint64(2) || f.Data["missing_nonce"] != uint64(0) || f.Data["last_missing_nonce"] != uint64(1) {
		t.Errorf("gap data %v", f.Data)
	}
	if a := advice(t, dg, "fill_nonce"); a.Data["missing_nonce"] != uint64(0) || !strings.Contains(a.Message, "nonce 0") {
		t.Errorf("fill advice %v %q", a.Data, a.Message)
	}
	if hasFinding(dg, "tip_below_market") || hasFinding(dg, "fee_below_base_fee") {
		t.Errorf("good fees reported low:\n%s", dump(dg))
	}

	// Nonce 0 with a 1 wei tip stays stuck; nonce 1 waits behind it.
	stuck := c.Send(alice, chaintest.TxOpts{Nonce: 0, To: chaintest.Addr(bob), Value: big.NewInt(1), MaxFee: good.MaxFee, Tip: big.NewInt(1)})
	o.Nonce = 1
	behind := c.Send(alice, o)
	c.Commit()
	dg = h.diagnose(t, chain.Request{Chain: "alpha", Hash: behind.Hash().Hex(), Locale: "ja"})
	wantStatus(t, dg, chain.StatusPending)
	f = finding(t, dg, "earlier_nonce_pending")
	if f.Data["pending_nonce"] != uint64(0) || f.Data["nonce"] != uint64(1) {
		t.Errorf("queue data %v", f.Data)
	}
	if a := advice(t, dg, "unblock_earlier"); !strings.Contains(a.Message, "nonce 0") {
		t.Errorf("unblock advice %q", a.Message)
	}
	// The gapped one no longer has a hole: it waits behind nonce 0 too.
	dg = h.diagnose(t, chain.Request{Chain: "alpha", Hash: gapped.Hash().Hex()})
	if hasFinding(dg, "nonce_gap") || finding(t, dg, "earlier_nonce_pending").Data["pending_nonce"] != uint64(0) {
		t.Errorf("after filling the gap:\n%s", dump(dg))
	}
	// The stuck head: no history of paid tips (empty blocks), so the node's
	// suggestion is the market.
	suggested, err := c.Client.SuggestGasTipCap(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	dg = h.diagnose(t, chain.Request{Chain: "alpha", Hash: stuck.Hash().Hex()})
	f = finding(t, dg, "tip_below_market")
	if weiOf(t, f.Data, "market_tip_wei").Cmp(suggested) != 0 || f.Data["blocks"] != 0 {
		t.Errorf("market %v, want the node's suggestion %s", f.Data, suggested)
	}
	// Unblocking the head as advised lets the whole queue through.
	speedUpWorks(t, c, alice, 0, advice(t, dg, "speed_up"))
	c.Commit()
	for _, tx := range []*types.Transaction{behind, gapped} {
		dg = h.diagnose(t, chain.Request{Chain: "alpha", Hash: tx.Hash().Hex()})
		wantStatus(t, dg, chain.StatusConfirmed)
	}
}

func TestEVMDropped(t *testing.T) {
	alice, bob := chaintest.NewKey(t), chaintest.NewKey(t)
	c := chaintest.New(t, 1337, []*ecdsa.PrivateKey{alice}, nil)
	h := newHarness(t, map[string]*chaintest.Chain{"alpha": c}, false)

	tx := c.Send(alice, chaintest.TxOpts{Nonce: 0, To: chaintest.Addr(bob), Value: big.NewInt(1), MaxFee: chaintest.Gwei, Tip: big.NewInt(1)})
	wantStatus(t, h.diagnose(t, chain.Request{Hash: tx.Hash().Hex()}), chain.StatusPending)
	c.Rollback() // the pool forgets it; nonce 0 stays unused
	dg := h.diagnose(t, chain.Request{Hash: tx.Hash().Hex(), Locale: "zh-CN"})
	wantStatus(t, dg, chain.StatusDropped)
	if dg.Chain != "alpha" {
		t.Errorf("chain %q", dg.Chain)
	}
	if f := finding(t, dg, "dropped"); f.Data["nonce"] != uint64(0) || !strings.Contains(f.Message, "交易池") {
		t.Errorf("dropped %v %q", f.Data, f.Message)
	}
	advice(t, dg, "resend")
}

func TestEVMWrongNetworkAndNotFound(t *testing.T) {
	alice, bob := chaintest.NewKey(t), chaintest.NewKey(t)
	a := chaintest.New(t, 1337, []*ecdsa.PrivateKey{alice}, nil)
	b := chaintest.New(t, 56, []*ecdsa.PrivateKey{alice}, nil) // BNB Smart Chain's id: named in the advice
	h := newHarness(t, map[string]*chaintest.Chain{"ethereum": a, "bsc": b}, true)

	tx := b.Send(alice, chaintest.TxOpts{Nonce: 0, To: chaintest.Addr(bob), Value: chaintest.Ether, MaxFee: new(big.Int).Mul(big.NewInt(10), chaintest.Gwei), Tip: chaintest.Gwei})
	b.Commit()

	dg := h.diagnose(t, chain.Request{Chain: "ethereum", Hash: tx.Hash().Hex(), Locale: "en"})
	wantStatus(t, dg, chain.StatusWrongNetwork)
	f := finding(t, dg, "found_on_other_chain")
	if f.Data["chain"] != "bsc" || f.Data["status_there"] != "confirmed" {
		t.Errorf("data %v", f.Data)
	}
	if dg.Chain != "bsc" || dg.Article != "wrong-network" {
		t.Errorf("chain %q article %q", dg.Chain, dg.Article)
	}
	finding(t, dg, "confirmed") // what bsc says follows
	if adv := advice(t, dg, "switch_network"); !strings.Contains(adv.Message, "BNB Smart Chain") || !strings.Contains(adv.Message, "same address") {
		t.Errorf("advice %q", adv.Message)
	}
	if f := finding(t, dg, "confirmed"); f.Data["symbol"] != "BNB" {
		t.Errorf("fee symbol %v", f.Data["symbol"])
	}

	dg = h.diagnose(t, chain.Request{Hash: tx.Hash().Hex()})
	wantStatus(t, dg, chain.StatusConfirmed)
	if dg.Chain != "bsc" {
		t.Errorf("found on %q", dg.Chain)
	}

	unknown := "0x" + strings.Repeat("ab", 32)
	for _, asked := range []string{"", "ethereum"} {
		dg = h.diagnose(t, chain.Request{Chain: asked, Hash: unknown})
		wantStatus(t, dg, chain.StatusNotFound)
		if f := finding(t, dg, "not_found"); fmt.Sprint(f.Data["chains"]) != "[bsc ethereum]" {
			t.Errorf("checked %v", f.Data["chains"])
		}
		if dg.Article != "transaction-not-found" {
			t.Errorf("article %q", dg.Article)
		}
	}
}

func TestEVMChainIDMismatch(t *testing.T) {
	c := chaintest.New(t, 1337, nil, nil)
	_, err := chain.New(context.Background(), []chain.Config{{Name: "ethereum", Kind: chain.KindEVM, URL: c.URL, ChainID: big.NewInt(1)}}, nil, chain.Options{})
	if desk.ErrorCode(err) != "chain_id_mismatch" || !strings.Contains(err.Error(), "1337") {
		t.Fatalf("err %v", err)
	}
	if _, err := chain.New(context.Background(), []chain.Config{{Name: "dev", Kind: chain.KindEVM, URL: c.URL, ChainID: big.NewInt(1337)}}, nil, chain.Options{}); err != nil {
		t.Fatalf("matching id: %v", err)
	}
}

func TestEVMUnreachable(t *testing.T) {
	live := chaintest.New(t, 1337, nil, nil)
	d, err := chain.New(context.Background(), []chain.Config{
		{Name: "live", Kind: chain.KindEVM, URL: live.URL},
		{Name: "dead", Kind: chain.KindEVM, URL: "http://127.0.0.1:1"},
	}, nil, chain.Options{Timeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	hash := "0x" + strings.Repeat("cd", 32)
	_, err = d.Diagnose(context.Background(), chain.Request{Chain: "dead", Hash: hash})
	var de *desk.Error
	if !errors.As(err, &de) || de.Kind != desk.KindUnavailable || de.Code != "chain_unreachable" {
		t.Fatalf("dead chain: %v", err)
	}
	dg, err := d.Diagnose(context.Background(), chain.Request{Hash: hash, Locale: "en"})
	if err != nil {
		t.Fatal(err)
	}
	wantStatus(t, dg, chain.StatusNotFound)
	if f := finding(t, dg, "chains_unchecked"); fmt.Sprint(f.Data["chains"]) != "[dead]" {
		t.Errorf("unchecked %v", f.Data)
	}
}

func TestEVMCacheAndSingleFlight(t *testing.T) {
	alice, bob := chaintest.NewKey(t), chaintest.NewKey(t)
	c := chaintest.New(t, 1337, []*ecdsa.PrivateKey{alice}, nil)
	h := newHarness(t, map[string]*chaintest.Chain{"alpha": c}, false)
	tx := c.Send(alice, chaintest.TxOpts{Nonce: 0, To: chaintest.Addr(bob), Value: big.NewInt(1), MaxFee: chaintest.Gwei, Tip: big.NewInt(1)})
	req := chain.Request{Chain: "alpha", Hash: tx.Hash().Hex()}
	// Warm up: the first diagnosis also learns the chain id.
	h.diagnose(t, chain.Request{Chain: "alpha", Hash: "0x" + strings.Repeat("01", 32)})

	before := c.Calls.Load()
	var wg sync.WaitGroup
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := h.d.Diagnose(context.Background(), req); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	burst := c.Calls.Load() - before

	before = c.Calls.Load()
	h.d.Diagnose(context.Background(), chain.Request{Chain: "alpha", Hash: tx.Hash().Hex(), Locale: "ja"})
	if n := c.Calls.Load() - before; n != 0 {
		t.Errorf("a cached diagnosis (another locale) made %d calls", n)
	}
	h.clock.add(31 * time.Second)
	before = c.Calls.Load()
	h.d.Diagnose(context.Background(), req)
	one := c.Calls.Load() - before
	if one == 0 || burst != one {
		t.Errorf("16 concurrent requests made %d calls, one request after expiry %d", burst, one)
	}
}

func TestEVMLegacyGasPrice(t *testing.T) {
	alice, bob := chaintest.NewKey(t), chaintest.NewKey(t)
	c := chaintest.New(t, 1337, []*ecdsa.PrivateKey{alice}, nil)
	h := newHarness(t, map[string]*chaintest.Chain{"alpha": c}, false)

	legacy := func(nonce uint64, price *big.Int) *types.Transaction {
		tx := types.MustSignNewTx(alice, c.Signer, &types.LegacyTx{Nonce: nonce, GasPrice: price, Gas: 21000, To: ptr(chaintest.Addr(bob)), Value: big.NewInt(1)})
		if err := c.Client.SendTransaction(context.Background(), tx); err != nil {
			t.Fatalf("send legacy: %v", err)
		}
		return tx
	}
	tx := legacy(0, big.NewInt(300_000_000)) // 0.3 chaintest.Gwei, below the base fee
	c.Commit()
	dg := h.diagnose(t, chain.Request{Chain: "alpha", Hash: tx.Hash().Hex()})
	wantStatus(t, dg, chain.StatusPending)
	if f := finding(t, dg, "fee_below_base_fee"); !strings.Contains(f.Message, "gas price (0.3 gwei)") {
		t.Errorf("legacy finding %q", f.Message)
	}
	a := advice(t, dg, "speed_up")
	if _, ok := a.Data["tip_wei"]; ok || !strings.Contains(a.Message, "gas price") {
		t.Errorf("legacy advice speaks of EIP-1559 fields: %v %q", a.Data, a.Message)
	}
	rep := legacy(0, weiOf(t, a.Data, "gas_price_wei"))
	c.Commit()
	if rc := c.Receipt(rep.Hash()); rc.Status != types.ReceiptStatusSuccessful {
		t.Fatal("the advised gas price did not get the replacement in")
	}
	dg = h.diagnose(t, chain.Request{Chain: "alpha", Hash: tx.Hash().Hex()})
	wantStatus(t, dg, chain.StatusReplaced)
	if f := finding(t, dg, "replaced_by"); f.Data["hash"] != strings.ToLower(rep.Hash().Hex()) || f.Data["cancelled"] != false {
		t.Errorf("replaced_by %v", f.Data)
	}
}

func ptr[T any](v T) *T { return &v }
