package chain

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// tronNode is a configured TronGrid-compatible full-node HTTP API.
type tronNode struct {
	cfg Config
	c   *restClient
}

func newTron(cfg Config, hc clients) *tronNode {
	c := &restClient{base: strings.TrimRight(cfg.URL, "/"), hc: hc.rest, timeout: hc.timeout}
	if cfg.APIKey != "" {
		c.headers = map[string]string{"TRON-PRO-API-KEY": cfg.APIKey}
	}
	return &tronNode{cfg: cfg, c: c}
}

// TRON resource facts (imToken help center and TRON docs, see
// research/wallet-domain.md 1.3-1.4): a USDT (TRC-20) transfer costs about
// 64,285 energy, about 130,285 when the receiver never held USDT; every
// activated account gets 600 free bandwidth a day; a transfer uses about 345.
const (
	usdtEnergy         = 64285
	usdtEnergyNew      = 130285
	freeBandwidth      = 600
	transferBandwidth  = 345
	defaultEnergyPrice = 100  // sun per energy when a receipt does not show it
	bandwidthPrice     = 1000 // sun per bandwidth point burned
	usdtContract       = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"
)

type tronTx struct {
	TxID    string `json:"txID"`
	RawData struct {
		Contract []struct {
			Type      string `json:"type"`
			Parameter struct {
				Value struct {
					Owner    string `json:"owner_address"`
					To       string `json:"to_address"`
					Contract string `json:"contract_address"`
					Data     string `json:"data"`
				} `json:"value"`
			} `json:"parameter"`
		} `json:"contract"`
		FeeLimit   int64 `json:"fee_limit"`
		Expiration int64 `json:"expiration"`
	} `json:"raw_data"`
	Ret []struct {
		ContractRet string `json:"contractRet"`
	} `json:"ret"`
	Error string `json:"Error"`
}

type tronInfo struct {
	ID             string   `json:"id"`
	Fee            int64    `json:"fee"`
	BlockNumber    int64    `json:"blockNumber"`
	ContractResult []string `json:"contractResult"`
	Receipt        struct {
		EnergyUsage       int64  `json:"energy_usage"`
		EnergyFee         int64  `json:"energy_fee"`
		OriginEnergyUsage int64  `json:"origin_energy_usage"`
		EnergyUsageTotal  int64  `json:"energy_usage_total"`
		NetUsage          int64  `json:"net_usage"`
		NetFee            int64  `json:"net_fee"`
		Result            string `json:"result"`
	} `json:"receipt"`
	Result     string `json:"result"`
	ResMessage string `json:"resMessage"`
	Error      string `json:"Error"`
}

type tronResource struct {
	FreeNetUsed  int64  `json:"freeNetUsed"`
	FreeNetLimit int64  `json:"freeNetLimit"`
	NetUsed      int64  `json:"NetUsed"`
	NetLimit     int64  `json:"NetLimit"`
	EnergyUsed   int64  `json:"EnergyUsed"`
	EnergyLimit  int64  `json:"EnergyLimit"`
	Error        string `json:"Error"`
}

// decodeTronTx decodes /wallet/gettransactionbyid; found is false for the
// empty object TronGrid returns for an unknown id.
func decodeTronTx(b []byte, want string) (tx tronTx, found bool, err error) {
	if err := json.Unmarshal(b, &tx); err != nil {
		return tronTx{}, false, fmt.Errorf("decode tron transaction: %w", err)
	}
	if tx.Error != "" {
		return tronTx{}, false, fmt.Errorf("trongrid: %.200s", tx.Error)
	}
	if tx.TxID == "" {
		return tronTx{}, false, nil
	}
	if !strings.EqualFold(tx.TxID, want) {
		return tronTx{}, false, fmt.Errorf("trongrid answered for txID %.64q, asked %s", tx.TxID, want)
	}
	return tx, true, nil
}

// decodeTronInfo decodes /wallet/gettransactioninfobyid; executed is false
// for the empty object (not yet in a block).
func decodeTronInfo(b []byte, want string) (info tronInfo, executed bool, err error) {
	if err := json.Unmarshal(b, &info); err != nil {
		return tronInfo{}, false, fmt.Errorf("decode tron transaction info: %w", err)
	}
	if info.Error != "" {
		return tronInfo{}, false, fmt.Errorf("trongrid: %.200s", info.Error)
	}
	if info.ID == "" {
		return tronInfo{}, false, nil
	}
	if !strings.EqualFold(info.ID, want) {
		return tronInfo{}, false, fmt.Errorf("trongrid answered info for %.64q, asked %s", info.ID, want)
	}
	r := info.Receipt
	for _, v := range []int64{info.Fee, r.EnergyUsage, r.EnergyFee, r.OriginEnergyUsage, r.EnergyUsageTotal, r.NetUsage, r.NetFee} {
		if v < 0 {
			return tronInfo{}, false, fmt.Errorf("trongrid info has a negative amount")
		}
	}
	return info, true, nil
}

// decodeTronResource decodes /wallet/getaccountresource; ok is false for the
// empty object of an account that does not exist (never activated).
func decodeTronResource(b []byte) (res tronResource, ok bool, err error) {
	if err := json.Unmarshal(b, &res); err != nil {
		return tronResource{}, false, fmt.Errorf("decode tron account resource: %w", err)
	}
	if res.Error != "" {
		return tronResource{}, false, fmt.Errorf("trongrid: %.200s", res.Error)
	}
	return res, res.FreeNetLimit > 0 || res.NetLimit > 0 || res.EnergyLimit > 0 || res.FreeNetUsed > 0, nil
}

// outcome is the execution result: receipt.result for contract calls, the
// ret code for plain transfers.
func (info tronInfo) outcome(tx tronTx) string {
	if info.Receipt.Result != "" {
		return info.Receipt.Result
	}
	if len(tx.Ret) > 0 && tx.Ret[0].ContractRet != "" {
		return tx.Ret[0].ContractRet
	}
	if info.Result == "FAILED" {
		return "FAILED"
	}
	return "SUCCESS"
}

// energyPrice derives sun per energy from what was burned, else the default.
func (info tronInfo) energyPrice() int64 {
	r := info.Receipt
	burned := r.EnergyUsageTotal - r.EnergyUsage - r.OriginEnergyUsage
	if burned > 0 && r.EnergyFee > 0 {
		return max(1, r.EnergyFee/burned)
	}
	return defaultEnergyPrice
}

// reason decodes a revert reason from resMessage (hex text) or the
// contract result (ABI Error(string)).
func (info tronInfo) reason() string {
	if len(info.ContractResult) > 0 {
		if b, err := hex.DecodeString(info.ContractResult[0]); err == nil {
			if r := decodeRevert(b); r != "" {
				return r
			}
		}
	}
	if b, err := hex.DecodeString(info.ResMessage); err == nil && len(b) > 0 {
		return cleanReason(string(b))
	}
	return ""
}

func (n *tronNode) post(ctx context.Context, path string, body any) ([]byte, error) {
	return n.c.do(ctx, http.MethodPost, path, body)
}

func (n *tronNode) diagnose(ctx context.Context, hash, addr string, now time.Time) (r result, found bool, err error) {
	b, err := n.post(ctx, "/wallet/gettransactionbyid", map[string]any{"value": hash, "visible": true})
	if err != nil {
		return result{}, false, err
	}
	tx, found, err := decodeTronTx(b, hash)
	if err != nil || !found {
		return result{}, false, err
	}
	b, err = n.post(ctx, "/wallet/gettransactioninfobyid", map[string]any{"value": hash})
	if err != nil {
		return result{}, false, err
	}
	info, executed, err := decodeTronInfo(b, hash)
	if err != nil {
		return result{}, false, err
	}
	r = result{chain: n.cfg.Name, hash: hash}
	if !executed {
		exp := time.UnixMilli(tx.RawData.Expiration).UTC()
		if tx.RawData.Expiration > 0 && now.After(exp) {
			r.status, r.article = StatusDropped, "transaction-not-found"
			r.find(newFact("tron_expired", map[string]any{"expired_at": exp.Format("2006-01-02 15:04 UTC")}))
			r.advise(newFact("resend_tron", nil))
		} else {
			r.status, r.article = StatusPending, "transaction-pending"
			r.find(newFact("tron_pending", nil))
			r.advise(newFact("check_again", nil))
		}
		return r, true, nil
	}
	owner := ""
	usdt := false
	if len(tx.RawData.Contract) > 0 {
		v := tx.RawData.Contract[0].Parameter.Value
		owner = v.Owner
		usdt = v.Contract == usdtContract && strings.HasPrefix(strings.ToLower(v.Data), "a9059cbb")
	}
	rc := info.Receipt
	price := info.energyPrice()
	burnedEnergy := max(0, rc.EnergyUsageTotal-rc.EnergyUsage-rc.OriginEnergyUsage)
	// A receipt counts bandwidth paid from the account in net_usage and
	// bandwidth paid by burning only as net_fee.
	bandwidth := rc.NetUsage + rc.NetFee/bandwidthPrice
	res := map[string]any{
		"block": info.BlockNumber, "fee_sun": info.Fee, "trx_burned": formatTRX(info.Fee),
		"energy_used": rc.EnergyUsageTotal, "energy_staked": rc.EnergyUsage, "energy_burned": burnedEnergy,
		"energy_fee_trx": formatTRX(rc.EnergyFee), "bandwidth_used": bandwidth, "bandwidth_fee_trx": formatTRX(rc.NetFee),
		"energy_price_sun": price,
	}
	outcome := info.outcome(tx)
	feeLimit := tx.RawData.FeeLimit
	switch outcome {
	case "SUCCESS":
		r.status = StatusConfirmed
		r.find(variant("confirmed", "confirmed_tron", map[string]any{"block": info.BlockNumber, "trx_burned": formatTRX(info.Fee)}))
		r.advise(newFact("share_hash", nil))
	case "OUT_OF_ENERGY":
		r.status, r.article = StatusFailed, "tron-resources"
		r.find(newFact("out_of_energy", map[string]any{"energy_used": rc.EnergyUsageTotal,
			"fee_limit_trx": formatTRX(feeLimit), "fee_limit_sun": feeLimit, "trx_burned": formatTRX(info.Fee)}))
		r.advise(newFact("raise_fee_limit", map[string]any{"fee_limit_trx": formatTRX(feeLimit),
			"usdt_energy": usdtEnergy, "usdt_energy_new": usdtEnergyNew, "trx_needed": formatTRXUp(usdtEnergyNew * price)}))
	case "REVERT":
		r.status, r.article = StatusFailed, "transaction-failed"
		data := map[string]any{"trx_burned": formatTRX(info.Fee)}
		if reason := info.reason(); reason != "" {
			data["reason"] = reason
			r.find(variant("reverted", "reverted_tron_reason", data))
		} else {
			r.find(variant("reverted", "reverted_tron", data))
		}
		r.advise(newFact("fix_before_retry", nil))
	case "OUT_OF_TIME":
		r.status, r.article = StatusFailed, "transaction-failed"
		r.find(newFact("out_of_time", map[string]any{"trx_burned": formatTRX(info.Fee), "fee_limit_trx": formatTRX(feeLimit)}))
		r.advise(newFact("fix_before_retry", nil))
	default:
		r.status, r.article = StatusFailed, "transaction-failed"
		r.find(newFact("tron_failed", map[string]any{"result": cleanReason(outcome), "trx_burned": formatTRX(info.Fee)}))
		r.advise(newFact("fix_before_retry", nil))
	}
	r.find(newFact("tron_resources", res))
	who := owner
	if addr != "" {
		who = addr
	}
	if who != "" {
		if acct, ok := n.accountResources(ctx, who); ok {
			r.find(acct)
		}
	}
	if outcome == "OUT_OF_ENERGY" || outcome == "SUCCESS" && info.Fee > 0 {
		key := "tron_next_time"
		if usdt {
			key = "tron_next_time_usdt"
		}
		r.advise(variant("tron_next_time", key, map[string]any{"usdt_energy": usdtEnergy, "usdt_energy_new": usdtEnergyNew,
			"energy_used": rc.EnergyUsageTotal, "trx_needed": formatTRXUp(usdtEnergyNew * price),
			"free_bandwidth": freeBandwidth, "transfer_bandwidth": transferBandwidth}))
		if r.article == "" {
			r.article = "tron-resources"
		}
	}
	return r, true, nil
}

// accountResources describes the sender's energy and bandwidth now; an
// account that does not exist (or a failing call) adds nothing.
func (n *tronNode) accountResources(ctx context.Context, addr string) (fact, bool) {
	b, err := n.post(ctx, "/wallet/getaccountresource", map[string]any{"address": addr, "visible": true})
	if err != nil {
		return fact{}, false
	}
	res, ok, err := decodeTronResource(b)
	if err != nil || !ok {
		return fact{}, false
	}
	free := max(0, res.FreeNetLimit-res.FreeNetUsed)
	staked := max(0, res.NetLimit-res.NetUsed)
	energy := max(0, res.EnergyLimit-res.EnergyUsed)
	return newFact("account_resources", map[string]any{"address": addr,
		"energy_available": energy, "energy_limit": res.EnergyLimit,
		"bandwidth_available": free + staked, "free_bandwidth_left": free, "free_bandwidth_limit": res.FreeNetLimit}), true
}
