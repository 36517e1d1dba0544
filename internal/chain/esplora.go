package chain

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"sort"
	"strconv"
	"strings"
)

// esploraNode is a configured Esplora REST endpoint (Blockstream/esplora
// API.md; mempool.space serves the same shapes).
type esploraNode struct {
	cfg Config
	c   *restClient
}

func newEsplora(cfg Config, hc clients) *esploraNode {
	return &esploraNode{cfg: cfg, c: &restClient{base: strings.TrimRight(cfg.URL, "/"), hc: hc.rest, timeout: hc.timeout}}
}

type esploraTx struct {
	TxID   string `json:"txid"`
	Weight int64  `json:"weight"`
	Fee    int64  `json:"fee"`
	Vin    []struct {
		Sequence   uint32 `json:"sequence"`
		IsCoinbase bool   `json:"is_coinbase"`
	} `json:"vin"`
	Vout []struct {
		Address string `json:"scriptpubkey_address"`
		Value   int64  `json:"value"`
	} `json:"vout"`
	Status struct {
		Confirmed   bool  `json:"confirmed"`
		BlockHeight int64 `json:"block_height"`
	} `json:"status"`
}

// vsize is weight/4 rounded up (BIP141 virtual size).
func (t esploraTx) vsize() int64 { return (t.Weight + 3) / 4 }

// signalsRBF reports BIP125 opt-in: any input with nSequence < 0xfffffffe.
func (t esploraTx) signalsRBF() bool {
	for _, in := range t.Vin {
		if in.Sequence < 0xfffffffe {
			return true
		}
	}
	return false
}

// decodeEsploraTx decodes GET /tx/:txid and rejects answers that cannot be
// reasoned about (another txid, no weight, a negative fee).
func decodeEsploraTx(b []byte, want string) (esploraTx, error) {
	var t esploraTx
	if err := json.Unmarshal(b, &t); err != nil {
		return esploraTx{}, fmt.Errorf("decode esplora tx: %w", err)
	}
	if !strings.EqualFold(t.TxID, want) {
		return esploraTx{}, fmt.Errorf("esplora answered for txid %.64q, asked %s", t.TxID, want)
	}
	if t.Weight <= 0 || t.Weight > 4_000_000*4 || t.Fee < 0 || t.Fee > 21e14 {
		return esploraTx{}, fmt.Errorf("esplora tx has weight %d and fee %d", t.Weight, t.Fee)
	}
	if t.Status.Confirmed && t.Status.BlockHeight < 0 {
		return esploraTx{}, fmt.Errorf("esplora tx has block height %d", t.Status.BlockHeight)
	}
	return t, nil
}

// decodeFeeEstimates decodes GET /fee-estimates: {"<target blocks>": sat/vB}.
func decodeFeeEstimates(b []byte) (map[int]float64, error) {
	var raw map[string]float64
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("decode fee estimates: %w", err)
	}
	out := make(map[int]float64, len(raw))
	for k, v := range raw {
		n, err := strconv.Atoi(k)
		if err != nil || n <= 0 || math.IsNaN(v) || math.IsInf(v, 0) || v < 0 || v > 1e6 {
			continue // ignore what is not a target/rate pair rather than fail the diagnosis
		}
		out[n] = v
	}
	return out, nil
}

// estimateFor returns the estimate for the smallest target >= blocks.
func estimateFor(est map[int]float64, blocks int) (float64, bool) {
	targets := make([]int, 0, len(est))
	for t := range est {
		targets = append(targets, t)
	}
	sort.Ints(targets)
	for _, t := range targets {
		if t >= blocks {
			return est[t], true
		}
	}
	return 0, false
}

// decodeTipHeight decodes GET /blocks/tip/height (plain text).
func decodeTipHeight(b []byte) (int64, error) {
	h, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
	if err != nil || h < 0 {
		return 0, fmt.Errorf("decode tip height %.20q", b)
	}
	return h, nil
}

// childVsize is a typical CPFP child: one P2WPKH input, one output.
const childVsize = 110

// diagnose looks hash up; found is false when the node does not know it.
func (n *esploraNode) diagnose(ctx context.Context, hash, addr string) (r result, found bool, err error) {
	b, err := n.c.do(ctx, http.MethodGet, "/tx/"+hash, nil)
	if errors.Is(err, errNotFound) {
		return result{}, false, nil
	}
	if err != nil {
		return result{}, false, err
	}
	tx, err := decodeEsploraTx(b, hash)
	if err != nil {
		return result{}, false, err
	}
	r = result{chain: n.cfg.Name, hash: hash}
	feeBTC := formatFixed(bigInt(tx.Fee), 8, 8, false)
	if tx.Status.Confirmed {
		tb, err := n.c.do(ctx, http.MethodGet, "/blocks/tip/height", nil)
		if err != nil {
			return result{}, false, err
		}
		tip, err := decodeTipHeight(tb)
		if err != nil {
			return result{}, false, err
		}
		conf := int64(1)
		if tip >= tx.Status.BlockHeight {
			conf = tip - tx.Status.BlockHeight + 1
		}
		r.status = StatusConfirmed
		r.find(variant("confirmed", "confirmed_btc", map[string]any{"block": tx.Status.BlockHeight,
			"confirmations": conf, "fee_sat": tx.Fee, "fee": feeBTC, "symbol": "BTC"}))
		r.advise(newFact("share_hash", nil))
		return r, true, nil
	}
	r.status, r.article = StatusPending, "bitcoin-unconfirmed"
	vsize := tx.vsize()
	rate := float64(tx.Fee) / float64(vsize)
	data := map[string]any{"fee_rate": formatRate(rate), "fee_sat": tx.Fee, "vsize": vsize}
	var est map[int]float64
	if eb, err := n.c.do(ctx, http.MethodGet, "/fee-estimates", nil); err == nil {
		est, _ = decodeFeeEstimates(eb)
	}
	next, okNext := estimateFor(est, 1)
	six, okSix := estimateFor(est, 6)
	day, okDay := estimateFor(est, 144)
	low := false
	switch {
	case !okNext || !okSix || !okDay:
		r.find(variant("fee_rate", "fee_rate_no_market", data))
	default:
		data["next_block"], data["six_blocks"], data["one_day"] = formatRate(next), formatRate(six), formatRate(day)
		switch {
		case rate >= next:
			r.find(variant("fee_rate", "fee_rate_next_block", data))
		case rate >= six:
			r.find(variant("fee_rate", "fee_rate_hour", data))
		case rate >= day:
			r.find(variant("fee_rate_low", "fee_rate_day", data))
			low = true
		default:
			r.find(variant("fee_rate_low", "fee_rate_below_day", data))
			low = true
		}
	}
	signals := tx.signalsRBF()
	r.find(variant("rbf_possible", map[bool]string{true: "rbf_bip125", false: "rbf_full"}[signals],
		map[string]any{"signals_bip125": signals}))
	receiver := false
	for _, o := range tx.Vout {
		if addr != "" && strings.EqualFold(o.Address, addr) {
			receiver = true
		}
	}
	r.find(variant("cpfp_possible", map[bool]string{true: "cpfp_you", false: "cpfp_receiver"}[receiver],
		map[string]any{"receiver": receiver, "outputs": len(tx.Vout)}))
	if low {
		// Replacing needs a higher rate than the original plus the
		// incremental relay fee (1 sat/vB is the conservative value).
		target := ceilRate(math.Max(next, rate+1))
		minFee := int64(math.Ceil(target * float64(vsize)))
		r.advise(newFact("bump_fee", map[string]any{"fee_rate": formatRate(target), "min_fee_sat": minFee,
			"fee_sat": tx.Fee, "six_blocks": formatRate(six)}))
		child := ceilRate((target*float64(vsize+childVsize) - float64(tx.Fee)) / childVsize)
		r.advise(newFact("cpfp", map[string]any{"child_fee_rate": formatRate(child), "fee_rate": formatRate(target),
			"child_vsize": childVsize}))
	} else {
		r.advise(newFact("wait", nil))
	}
	return r, true, nil
}
