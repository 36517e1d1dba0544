package chain

import (
	"bytes"
	"context"
	"errors"
	"math/big"
	"strings"

	"github.com/ethereum/go-ethereum/common"
)

type evmHit struct {
	node *evmNode
	l    txLookup
	err  error
}

// lookupAll asks every node in nodes at once.
func (d *Diagnoser) lookupAll(ctx context.Context, nodes []*evmNode, hash string) []evmHit {
	out := make([]evmHit, len(nodes))
	done := make(chan struct{})
	for i, n := range nodes {
		go func() {
			defer func() { done <- struct{}{} }()
			l, err := n.lookup(ctx, hash)
			out[i] = evmHit{node: n, l: l, err: err}
		}()
	}
	for range nodes {
		<-done
	}
	return out
}

// evmNodes returns the EVM nodes in name order, without skip.
func (d *Diagnoser) evmNodes(skip string) []*evmNode {
	var out []*evmNode
	for _, name := range d.names {
		if n, ok := d.evm[name]; ok && name != skip {
			out = append(out, n)
		}
	}
	return out
}

// diagnoseEVM finds the hash on the asked chain (or on any EVM chain), else
// explains its absence: replaced or dropped when remembered, on another
// chain, or nowhere.
func (d *Diagnoser) diagnoseEVM(ctx context.Context, q query) (result, error) {
	targets := d.evmNodes("")
	if q.chain != "" {
		targets = []*evmNode{d.evm[q.chain]}
	}
	hits := d.lookupAll(ctx, targets, q.hash)
	var checked, unchecked []string
	var errs []error
	for _, h := range hits {
		if h.err != nil {
			unchecked = append(unchecked, h.node.cfg.Name)
			errs = append(errs, h.err)
			d.log.Warn("chain: lookup failed", "chain", h.node.cfg.Name, "err", h.err)
			continue
		}
		checked = append(checked, h.node.cfg.Name)
		if h.l.found() {
			return d.evmKnown(ctx, h.node, q.hash, h.l, q.address)
		}
	}
	if len(checked) == 0 {
		return result{}, unreachable(errors.Join(errs...))
	}
	for _, rec := range d.records(ctx, q.hash) {
		if n, ok := d.evm[rec.Chain]; ok && (q.chain == "" || rec.Chain == q.chain) {
			return d.evmVanished(ctx, n, rec)
		}
	}
	if q.chain == "" {
		return notFound("", q.hash, checked, unchecked), nil
	}
	for _, h := range d.lookupAll(ctx, d.evmNodes(q.chain), q.hash) {
		if h.err != nil {
			unchecked = append(unchecked, h.node.cfg.Name)
			continue
		}
		checked = append(checked, h.node.cfg.Name)
		if h.l.found() {
			return d.evmWrongNetwork(ctx, d.evm[q.chain], h, q)
		}
	}
	return notFound(q.chain, q.hash, checked, unchecked), nil
}

// evmWrongNetwork explains a hash found on another chain than the asked one,
// followed by what that chain says about it.
func (d *Diagnoser) evmWrongNetwork(ctx context.Context, asked *evmNode, h evmHit, q query) (result, error) {
	there, err := d.evmKnown(ctx, h.node, q.hash, h.l, q.address)
	if err != nil {
		return result{}, err
	}
	display, _ := h.node.describe()
	askedDisplay, _ := asked.describe()
	data := map[string]any{"chain": h.node.cfg.Name, "chain_name": display, "asked": q.chain, "asked_name": askedDisplay,
		"status_there": string(there.status)}
	r := result{chain: h.node.cfg.Name, hash: q.hash, status: StatusWrongNetwork, article: "wrong-network"}
	r.find(newFact("found_on_other_chain", data))
	r.findings = append(r.findings, there.findings...)
	r.advise(newFact("switch_network", map[string]any{"chain": h.node.cfg.Name, "chain_name": display}))
	r.advice = append(r.advice, there.advice...)
	return r, nil
}

// evmKnown diagnoses a transaction the node knows: mined (confirmed or
// failed) or pending.
func (d *Diagnoser) evmKnown(ctx context.Context, n *evmNode, hash string, l txLookup, addr string) (result, error) {
	tx := l.tx
	r := result{chain: n.cfg.Name, hash: hash}
	head, err := n.head(ctx)
	if err != nil {
		return result{}, unreachable(err)
	}
	rec := TxRecord{Chain: n.cfg.Name, Hash: hash, From: lowerHex(tx.From), To: tx.to(), Nonce: uint64(tx.Nonce),
		MaxFee: tx.maxFee(), Tip: tx.tip(), GasLimit: uint64(tx.Gas), Value: tx.value(),
		FirstSeen: d.now(), FirstBlock: head, LastSeen: d.now()}
	switch {
	case l.receipt != nil:
		d.evmMined(ctx, n, tx, l.receipt, head, &r)
		if l.receipt.BlockNumber != nil {
			rec.FirstBlock = l.receipt.BlockNumber.ToInt().Uint64()
		}
	case tx.BlockNumber != nil:
		// In a block, but this node has not indexed the receipt yet.
		r.status, r.article = StatusPending, "transaction-pending"
		r.find(newFact("receipt_missing", map[string]any{"block": tx.BlockNumber.ToInt().Uint64()}))
		r.advise(newFact("check_again", nil))
	default:
		rep, err := d.evmPending(ctx, n, tx, head, &r)
		if err != nil {
			return result{}, err
		}
		if rep != nil {
			rec.ReplacedBy = rep.hash
		}
	}
	if addr != "" && !involves(tx, addr) {
		r.find(newFact("address_not_involved", map[string]any{"address": addr}))
	}
	rec.Status = r.status
	d.saveTx(ctx, rec)
	return r, nil
}

func feeData(fee *big.Int, symbol string) map[string]any {
	return map[string]any{"fee_wei": fee.String(), "fee": formatNative(fee), "symbol": symbol}
}

func (d *Diagnoser) evmMined(ctx context.Context, n *evmNode, tx *rpcTx, rc *rpcReceipt, head uint64, r *result) {
	_, symbol := n.describe()
	block := uint64(0)
	if rc.BlockNumber != nil {
		block = rc.BlockNumber.ToInt().Uint64()
	} else if tx.BlockNumber != nil {
		block = tx.BlockNumber.ToInt().Uint64()
	}
	confirmations := uint64(1)
	if head >= block {
		confirmations = head - block + 1
	}
	data := feeData(rc.fee(tx), symbol)
	data["block"], data["gas_used"], data["gas_limit"] = block, uint64(rc.GasUsed), uint64(tx.Gas)
	// A receipt without status predates Byzantium (2017), where failure was
	// not recorded; it was included, so report it as confirmed.
	if rc.Status == nil || *rc.Status == 1 {
		r.status = StatusConfirmed
		data["confirmations"] = confirmations
		r.find(newFact("confirmed", data))
		r.advise(newFact("share_hash", nil))
		return
	}
	r.status, r.article = StatusFailed, "transaction-failed"
	if rc.GasUsed == tx.Gas {
		r.find(newFact("out_of_gas", data))
		adv := map[string]any{"gas_limit": uint64(tx.Gas)}
		if est := n.estimateGas(ctx, tx); est > uint64(tx.Gas) {
			// Estimates are tight; wallets add a margin, and so do we.
			adv["suggested_gas_limit"] = est + est/5
			r.advise(variant("raise_gas_limit", "raise_gas_limit_to", adv))
		} else {
			r.advise(newFact("raise_gas_limit", adv))
		}
		return
	}
	reason, _ := n.replayRevert(ctx, tx, block)
	if reason != "" {
		data["reason"] = reason
		r.find(variant("reverted", "reverted_reason", data))
	} else {
		r.find(newFact("reverted", data))
	}
	r.advise(newFact("fix_before_retry", nil))
}

// evmPending explains why a pool transaction waits: its place in the
// sender's nonce queue first, then its fees against the market. It returns
// the replacement when the node still holds a transaction whose nonce is
// already used.
func (d *Diagnoser) evmPending(ctx context.Context, n *evmNode, tx *rpcTx, head uint64, r *result) (*replacement, error) {
	r.status, r.article = StatusPending, "transaction-pending"
	latest, err := n.nonceAt(ctx, tx.From, nil)
	if err != nil {
		return nil, unreachable(err)
	}
	nonce := uint64(tx.Nonce)
	if nonce < latest {
		// Another transaction with this nonce is already in a block; this
		// node's pool has not caught up. The hash can never confirm.
		rep := d.describeReplacement(ctx, n, hashOf(tx), tx.From, nonce, head-min(head, maxLinearScan), head, r)
		return rep, nil
	}
	pending, err := n.pendingNonce(ctx, tx.From)
	if err != nil {
		return nil, unreachable(err)
	}
	m, err := n.market(ctx)
	if err != nil {
		return nil, unreachable(err)
	}
	blocked := false
	switch {
	case nonce > pending:
		// pending is the first nonce the pool has nothing for: a hole.
		data := map[string]any{"nonce": nonce, "missing_nonce": pending, "next_nonce": latest}
		if nonce-pending > 1 {
			data["last_missing_nonce"] = nonce - 1
			r.find(variant("nonce_gap", "nonce_gap_range", data))
		} else {
			r.find(newFact("nonce_gap", data))
		}
		r.advise(newFact("fill_nonce", map[string]any{"missing_nonce": pending}))
		blocked = true
	case nonce > latest:
		r.find(newFact("earlier_nonce_pending", map[string]any{"nonce": nonce, "pending_nonce": latest}))
		r.advise(newFact("unblock_earlier", map[string]any{"pending_nonce": latest}))
		blocked = true
	}
	maxFee, tip := tx.maxFee(), tx.tip()
	feeLow := false
	if maxFee.Cmp(m.baseFee) < 0 {
		key := "fee_below_base_fee"
		if tx.MaxFeePerGas == nil {
			key = "fee_below_base_fee_legacy"
		}
		r.find(variant("fee_below_base_fee", key, map[string]any{
			"max_fee_wei": maxFee.String(), "max_fee_gwei": formatGwei(maxFee),
			"base_fee_wei": m.baseFee.String(), "base_fee_gwei": formatGwei(m.baseFee)}))
		feeLow = true
	}
	effTip := tip
	if room := new(big.Int).Sub(maxFee, m.baseFee); room.Sign() > 0 && room.Cmp(effTip) < 0 {
		effTip = room
	}
	if tipFarBelow(effTip, m) {
		data := map[string]any{"tip_wei": effTip.String(), "tip_gwei": formatGwei(effTip),
			"market_tip_wei": m.tipMid.String(), "market_tip_gwei": formatGwei(m.tipMid),
			"low_tip_wei": m.tipLow.String(), "low_tip_gwei": formatGwei(m.tipLow), "blocks": m.blocks}
		if m.blocks > 0 {
			r.find(newFact("tip_below_market", data))
		} else {
			r.find(variant("tip_below_market", "tip_below_market_suggested", data))
		}
		feeLow = true
	}
	if feeLow {
		newMax, newTip := speedUpFees(maxFee, tip, m)
		if tx.MaxFeePerGas == nil {
			// Legacy transactions have one gas price, which is both cap
			// and tip; the cap rule covers the tip.
			r.advise(variant("speed_up", "speed_up_legacy", map[string]any{"nonce": nonce,
				"gas_price_wei": newMax.String(), "gas_price_gwei": formatGweiUp(newMax),
				"base_fee_gwei": formatGwei(m.baseFee)}))
		} else {
			r.advise(newFact("speed_up", map[string]any{"nonce": nonce,
				"max_fee_wei": newMax.String(), "max_fee_gwei": formatGweiUp(newMax),
				"tip_wei": newTip.String(), "tip_gwei": formatGweiUp(newTip),
				"base_fee_gwei": formatGwei(m.baseFee)}))
		}
		r.article = "speed-up-cancel"
	}
	if blocked {
		r.article = "speed-up-cancel"
	}
	if !feeLow && !blocked {
		r.find(newFact("pending_ok", map[string]any{"nonce": nonce,
			"max_fee_gwei": formatGwei(maxFee), "tip_gwei": formatGwei(tip), "base_fee_gwei": formatGwei(m.baseFee)}))
		r.advise(newFact("wait", nil))
	}
	return nil, nil
}

// tipFarBelow: below what the cheapest tenth of recent transactions paid
// (median over blocks), or, without history, under half the node's
// suggestion.
func tipFarBelow(tip *big.Int, m market) bool {
	if m.tipLow == nil || m.tipMid == nil {
		return false
	}
	return tip.Cmp(m.tipLow) < 0
}

// speedUpFees returns the fees for a same-nonce replacement that nodes
// accept (both fields at least 10% above the old ones, geth's default price
// bump) and that the market includes (tip at the recent median, max fee
// covering two doublings of the base fee plus the tip, the usual wallet rule).
func speedUpFees(maxFee, tip *big.Int, m market) (newMax, newTip *big.Int) {
	bump := func(v *big.Int) *big.Int {
		b := mulPercentUp(v, 110)
		if b.Cmp(v) <= 0 {
			b = new(big.Int).Add(v, big.NewInt(1))
		}
		return b
	}
	newTip = bigMax(bump(tip), m.tipMid)
	floor := new(big.Int).Add(new(big.Int).Lsh(m.baseFee, 1), newTip)
	newMax = bigMax(bump(maxFee), floor)
	return newMax, newTip
}

// evmVanished explains a remembered transaction that no node knows any
// more: its nonce was used (replaced) or not (dropped).
func (d *Diagnoser) evmVanished(ctx context.Context, n *evmNode, rec TxRecord) (result, error) {
	r := result{chain: rec.Chain, hash: rec.Hash, article: "transaction-not-found"}
	from := common.HexToAddress(rec.From)
	latest, err := n.nonceAt(ctx, from, nil)
	if err != nil {
		return result{}, unreachable(err)
	}
	if latest > rec.Nonce {
		head, err := n.head(ctx)
		if err != nil {
			return result{}, unreachable(err)
		}
		var rep *replacement
		if rec.ReplacedBy != "" {
			rep = &replacement{hash: rec.ReplacedBy}
			d.addReplacement(ctx, n, rec.Nonce, rep, &r)
		} else {
			rep = d.describeReplacement(ctx, n, rec.Hash, from, rec.Nonce, rec.FirstBlock, head, &r)
		}
		if rep != nil {
			rec.ReplacedBy = rep.hash
		}
	} else {
		r.status = StatusDropped
		r.find(newFact("dropped", map[string]any{"nonce": rec.Nonce, "first_seen": rec.FirstSeen.UTC().Format("2006-01-02 15:04 UTC")}))
		r.advise(newFact("resend", map[string]any{"nonce": rec.Nonce}))
	}
	rec.Status, rec.LastSeen = r.status, d.now()
	d.saveTx(ctx, rec)
	return r, nil
}

// describeReplacement searches the transaction that used nonce and adds
// the replaced_by finding; the search failing still leaves "replaced".
func (d *Diagnoser) describeReplacement(ctx context.Context, n *evmNode, hash string, from common.Address, nonce, since, head uint64, r *result) *replacement {
	rep, err := n.findReplacement(ctx, from, nonce, since, head)
	if err == nil && rep.hash == hash {
		// The nonce was used by this very transaction: it is in a block the
		// node has not indexed yet (a node still building its index).
		r.status, r.article = StatusPending, "transaction-pending"
		r.find(newFact("receipt_missing", map[string]any{"block": rep.block}))
		r.advise(newFact("check_again", nil))
		return nil
	}
	r.article = "transaction-not-found"
	if err != nil {
		if !errors.Is(err, errNoReplacement) {
			d.log.Warn("chain: replacement search failed", "chain", n.cfg.Name, "err", err)
		}
		r.status = StatusReplaced
		r.find(variant("replaced_by", "replaced_by_unknown", map[string]any{"nonce": nonce}))
		r.advise(newFact("check_account_history", nil))
		return nil
	}
	d.addReplacement(ctx, n, nonce, &rep, r)
	return &rep
}

// addReplacement adds what is known of the replacing transaction, including
// whether it succeeded.
func (d *Diagnoser) addReplacement(ctx context.Context, n *evmNode, nonce uint64, rep *replacement, r *result) {
	r.status, r.article = StatusReplaced, "transaction-not-found"
	data := map[string]any{"hash": rep.hash, "nonce": nonce, "cancelled": rep.cancelled}
	if rep.block > 0 {
		data["block"] = rep.block
	}
	if l, err := n.lookup(ctx, rep.hash); err == nil && l.receipt != nil {
		st := StatusConfirmed
		if l.receipt.Status != nil && *l.receipt.Status == 0 {
			st = StatusFailed
		}
		data["replacement_status"] = string(st)
		if l.tx != nil && rep.block == 0 {
			data["cancelled"] = l.tx.To != nil && *l.tx.To == l.tx.From && l.tx.value().Sign() == 0
		}
	}
	if data["cancelled"] == true {
		r.find(variant("replaced_by", "replaced_by_cancel", data))
	} else {
		r.find(newFact("replaced_by", data))
	}
	r.advise(newFact("check_replacement", map[string]any{"hash": rep.hash}))
}

var (
	erc20Transfer     = []byte{0xa9, 0x05, 0x9c, 0xbb} // transfer(address,uint256)
	erc20TransferFrom = []byte{0x23, 0xb8, 0x72, 0xdd} // transferFrom(address,address,uint256)
)

// involves reports whether addr sent or received tx, including as the
// recipient of an ERC-20 transfer. Other contract calls are given the
// benefit of the doubt: their recipients are not knowable without the ABI.
func involves(tx *rpcTx, addr string) bool {
	a := common.HexToAddress(addr)
	if tx.From == a || tx.To != nil && *tx.To == a {
		return true
	}
	in := []byte(tx.Input)
	switch {
	case len(in) == 0 || tx.To == nil:
		return false
	case len(in) >= 4+32*2 && bytes.Equal(in[:4], erc20Transfer):
		return common.BytesToAddress(in[4:36]) == a
	case len(in) >= 4+32*3 && bytes.Equal(in[:4], erc20TransferFrom):
		return common.BytesToAddress(in[4:36]) == a || common.BytesToAddress(in[36:68]) == a
	}
	return true
}

func hashOf(tx *rpcTx) string { return strings.ToLower(tx.Hash.Hex()) }
