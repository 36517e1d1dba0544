package chain_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/walletdesk/walletdesk/internal/chain"
	"github.com/walletdesk/walletdesk/internal/desk"
)

// Transaction ids of the testdata fixtures.
var (
	btcConfirmed = strings.Repeat("a1", 32)
	btcLowFee    = strings.Repeat("a2", 32)
	btcFast      = strings.Repeat("a3", 32)
	tronOOE      = strings.Repeat("b1", 32)
	tronOK       = strings.Repeat("b2", 32)
	tronRevert   = strings.Repeat("b3", 32)
	tronPending  = strings.Repeat("b4", 32)
	tronExpired  = strings.Repeat("b5", 32)
	tronTRX      = strings.Repeat("b7", 32)
	tronOwner    = "TGuPiaSHWnQZWvLAgVJ7qxvw9HasVXXgCr"
	btcP2WSH     = "bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3"
)

// fixtureTime is 30 s before the fixtures' expiration time (ms 1731000060000).
var fixtureTime = time.UnixMilli(1731000030000).UTC()

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// replay serves the public API shapes from testdata. mode "429" answers
// every request with Too Many Requests; failEstimates breaks /fee-estimates.
type replay struct {
	srv           *httptest.Server
	calls         atomic.Int64
	mode          atomic.Value // string
	failEstimates atomic.Bool
	mu            sync.Mutex
	apiKeys       []string
}

func newEsplora(t *testing.T) *replay {
	r := &replay{}
	r.mode.Store("")
	txs := map[string]string{btcConfirmed: "tx_confirmed.json", btcLowFee: "tx_low_fee.json", btcFast: "tx_fast.json"}
	r.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r.calls.Add(1)
		if r.mode.Load() == "429" {
			http.Error(w, "Too Many Requests", http.StatusTooManyRequests)
			return
		}
		if req.Method != http.MethodGet {
			http.Error(w, "method", http.StatusMethodNotAllowed)
			return
		}
		switch p := req.URL.Path; {
		case strings.HasPrefix(p, "/tx/"):
			f, ok := txs[strings.TrimPrefix(p, "/tx/")]
			if !ok {
				http.Error(w, "Transaction not found", http.StatusNotFound)
				return
			}
			w.Header().Set("Content-Type", "application/json")
			w.Write(fixture(t, "esplora/"+f))
		case p == "/blocks/tip/height":
			w.Header().Set("Content-Type", "text/plain")
			w.Write(fixture(t, "esplora/tip_height.txt"))
		case p == "/fee-estimates":
			if r.failEstimates.Load() {
				http.Error(w, "upstream error", http.StatusBadGateway)
				return
			}
			w.Header().Set("Content-Type", "application/json")
			w.Write(fixture(t, "esplora/fee_estimates.json"))
		default:
			http.NotFound(w, req)
		}
	}))
	t.Cleanup(r.srv.Close)
	return r
}

func newTronGrid(t *testing.T) *replay {
	r := &replay{}
	r.mode.Store("")
	txs := map[string]string{tronOOE: "out_of_energy", tronOK: "success", tronRevert: "revert", tronPending: "pending", tronExpired: "expired", tronTRX: "trx"}
	r.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r.calls.Add(1)
		r.mu.Lock()
		r.apiKeys = append(r.apiKeys, req.Header.Get("TRON-PRO-API-KEY"))
		r.mu.Unlock()
		if r.mode.Load() == "429" {
			w.WriteHeader(http.StatusTooManyRequests)
			w.Write([]byte(`{"Error":"exceed the rate limit"}`))
			return
		}
		var body struct {
			Value   string `json:"value"`
			Address string `json:"address"`
		}
		b, _ := io.ReadAll(req.Body)
		if req.Method != http.MethodPost || json.Unmarshal(b, &body) != nil {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		name, known := txs[body.Value]
		switch req.URL.Path {
		case "/wallet/gettransactionbyid":
			if !known {
				w.Write([]byte("{}"))
				return
			}
			w.Write(fixture(t, "trongrid/tx_"+name+".json"))
		case "/wallet/gettransactioninfobyid":
			if _, err := os.Stat(filepath.Join("testdata", "trongrid", "info_"+name+".json")); !known || err != nil {
				w.Write([]byte("{}"))
				return
			}
			w.Write(fixture(t, "trongrid/info_"+name+".json"))
		case "/wallet/getaccountresource":
			if body.Address != tronOwner {
				w.Write([]byte("{}"))
				return
			}
			w.Write(fixture(t, "trongrid/resource_owner.json"))
		default:
			http.NotFound(w, req)
		}
	}))
	t.Cleanup(r.srv.Close)
	return r
}

func newRESTDiagnoser(t *testing.T, btc, tron *replay) *chain.Diagnoser {
	t.Helper()
	var cfgs []chain.Config
	if btc != nil {
		cfgs = append(cfgs, chain.Config{Name: "bitcoin", Kind: chain.KindEsplora, URL: btc.srv.URL + "/"})
	}
	if tron != nil {
		cfgs = append(cfgs, chain.Config{Name: "tron", Kind: chain.KindTronGrid, URL: tron.srv.URL, APIKey: "test-key"})
	}
	d, err := chain.New(context.Background(), cfgs, nil, chain.Options{Clock: func() time.Time { return fixtureTime }, CacheTTL: -1})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func diag(t *testing.T, d *chain.Diagnoser, req chain.Request) chain.Diagnosis {
	t.Helper()
	dg, err := d.Diagnose(context.Background(), req)
	if err != nil {
		t.Fatalf("diagnose %+v: %v", req, err)
	}
	if testing.Verbose() {
		t.Logf("%+v\n%s", req, dump(dg))
	}
	return dg
}

func TestEsplora(t *testing.T) {
	btc := newEsplora(t)
	d := newRESTDiagnoser(t, btc, nil)

	t.Run("confirmed", func(t *testing.T) {
		dg := diag(t, d, chain.Request{Chain: "bitcoin", Hash: strings.ToUpper(btcConfirmed)})
		wantStatus(t, dg, chain.StatusConfirmed)
		f := finding(t, dg, "confirmed")
		// tip 870005 - block 870000 + 1
		if f.Data["confirmations"] != int64(6) || f.Data["fee_sat"] != int64(1410) || f.Data["fee"] != "0.0000141" {
			t.Errorf("data %v", f.Data)
		}
	})
	t.Run("low fee, BIP125", func(t *testing.T) {
		dg := diag(t, d, chain.Request{Chain: "bitcoin", Hash: btcLowFee, Locale: "en"})
		wantStatus(t, dg, chain.StatusPending)
		if dg.Article != "bitcoin-unconfirmed" {
			t.Errorf("article %q", dg.Article)
		}
		// 282 sat / ceil(561/4)=141 vB = 2.0 sat/vB, under the 1-day 2.5.
		f := finding(t, dg, "fee_rate_low")
		if f.Data["fee_rate"] != "2" || f.Data["vsize"] != int64(141) || f.Data["one_day"] != "2.5" || f.Data["next_block"] != "12.5" {
			t.Errorf("fee data %v", f.Data)
		}
		if !strings.Contains(f.Message, "below even the 1-day estimate") {
			t.Errorf("message %q", f.Message)
		}
		if finding(t, dg, "rbf_possible").Data["signals_bip125"] != true {
			t.Errorf("sequence 0xfffffffd signals BIP125")
		}
		if finding(t, dg, "cpfp_possible").Data["receiver"] != false {
			t.Errorf("no address given, yet receiver")
		}
		// Target: the next-block 12.5 (above 2.0+1); 12.5*141 = 1762.5 -> 1763 sat.
		bump := advice(t, dg, "bump_fee")
		if bump.Data["fee_rate"] != "12.5" || bump.Data["min_fee_sat"] != int64(1763) {
			t.Errorf("bump %v", bump.Data)
		}
		// Child of 110 vB: (12.5*(141+110) - 282)/110 = 25.96 -> 26 sat/vB.
		if c := advice(t, dg, "cpfp"); c.Data["child_fee_rate"] != "26" {
			t.Errorf("cpfp %v", c.Data)
		}
	})
	t.Run("fast, no signal, receiver asks", func(t *testing.T) {
		dg := diag(t, d, chain.Request{Chain: "bitcoin", Hash: btcFast, Address: strings.ToUpper(btcP2WSH), Locale: "zh-CN"})
		wantStatus(t, dg, chain.StatusPending)
		if f := finding(t, dg, "fee_rate"); f.Data["fee_rate"] != "15" || !strings.Contains(f.Message, "下一个区块") {
			t.Errorf("fee %v %q", f.Data, f.Message)
		}
		if f := finding(t, dg, "rbf_possible"); f.Data["signals_bip125"] != false || !strings.Contains(f.Message, "full RBF") {
			t.Errorf("rbf %v %q", f.Data, f.Message)
		}
		if f := finding(t, dg, "cpfp_possible"); f.Data["receiver"] != true || !strings.Contains(f.Message, "你是接收方") {
			t.Errorf("cpfp %v %q", f.Data, f.Message)
		}
		advice(t, dg, "wait")
		if hasFinding(dg, "fee_rate_low") {
			t.Error("15 sat/vB reported low")
		}
	})
	t.Run("estimates unavailable", func(t *testing.T) {
		btc.failEstimates.Store(true)
		defer btc.failEstimates.Store(false)
		dg := diag(t, d, chain.Request{Chain: "bitcoin", Hash: btcLowFee})
		if f := finding(t, dg, "fee_rate"); !strings.Contains(f.Message, "unavailable") || f.Data["fee_rate"] != "2" {
			t.Errorf("%v %q", f.Data, f.Message)
		}
	})
	t.Run("not found", func(t *testing.T) {
		dg := diag(t, d, chain.Request{Chain: "bitcoin", Hash: strings.Repeat("0f", 32)})
		wantStatus(t, dg, chain.StatusNotFound)
	})
	t.Run("rate limited", func(t *testing.T) {
		btc.mode.Store("429")
		defer btc.mode.Store("")
		_, err := d.Diagnose(context.Background(), chain.Request{Chain: "bitcoin", Hash: btcLowFee})
		if desk.ErrorKind(err) != desk.KindUnavailable || desk.ErrorCode(err) != "chain_unreachable" {
			t.Fatalf("err %v", err)
		}
	})
}

func TestTronGrid(t *testing.T) {
	tron := newTronGrid(t)
	d := newRESTDiagnoser(t, nil, tron)

	t.Run("out of energy", func(t *testing.T) {
		dg := diag(t, d, chain.Request{Chain: "tron", Hash: tronOOE, Locale: "en"})
		wantStatus(t, dg, chain.StatusFailed)
		if dg.Article != "tron-resources" {
			t.Errorf("article %q", dg.Article)
		}
		f := finding(t, dg, "out_of_energy")
		if f.Data["energy_used"] != int64(100000) || f.Data["fee_limit_trx"] != "10" || f.Data["trx_burned"] != "10.345" {
			t.Errorf("data %v", f.Data)
		}
		r := finding(t, dg, "tron_resources")
		if r.Data["energy_burned"] != int64(100000) || r.Data["energy_price_sun"] != int64(100) || r.Data["bandwidth_fee_trx"] != "0.345" ||
			r.Data["bandwidth_used"] != int64(345) { // burned 345,000 sun at 1,000 sun per point
			t.Errorf("resources %v", r.Data)
		}
		a := finding(t, dg, "account_resources")
		if a.Data["energy_available"] != int64(0) || a.Data["free_bandwidth_left"] != int64(0) {
			t.Errorf("account %v", a.Data)
		}
		// 130,285 energy at 100 sun = 13.0285 TRX, advised rounded up.
		if adv := advice(t, dg, "raise_fee_limit"); adv.Data["trx_needed"] != "13.03" || !strings.Contains(adv.Message, "64,285") {
			t.Errorf("advice %v %q", adv.Data, adv.Message)
		}
		if adv := advice(t, dg, "tron_next_time"); !strings.Contains(adv.Message, "USDT") || !strings.Contains(adv.Message, "600") {
			t.Errorf("next time %q", adv.Message)
		}
	})
	t.Run("success", func(t *testing.T) {
		dg := diag(t, d, chain.Request{Chain: "tron", Hash: tronOK, Locale: "ja"})
		wantStatus(t, dg, chain.StatusConfirmed)
		if f := finding(t, dg, "confirmed"); f.Data["trx_burned"] != "1.4285" || !strings.Contains(f.Message, "成功") {
			t.Errorf("confirmed %v %q", f.Data, f.Message)
		}
		r := finding(t, dg, "tron_resources")
		// 64,285 total - 50,000 staked = 14,285 burned for 1,428,500 sun: 100 sun each.
		if r.Data["energy_staked"] != int64(50000) || r.Data["energy_burned"] != int64(14285) || r.Data["energy_price_sun"] != int64(100) {
			t.Errorf("resources %v", r.Data)
		}
	})
	t.Run("revert with reason", func(t *testing.T) {
		dg := diag(t, d, chain.Request{Chain: "tron", Hash: tronRevert, Locale: "zh-CN"})
		wantStatus(t, dg, chain.StatusFailed)
		f := finding(t, dg, "reverted")
		if f.Data["reason"] != "TRC20: transfer amount exceeds balance" || !strings.Contains(f.Message, "TRC20: transfer amount exceeds balance") {
			t.Errorf("%v %q", f.Data, f.Message)
		}
		for _, a := range dg.Advice {
			if a.Code == "tron_next_time" {
				t.Errorf("energy advice for a contract that refused the call")
			}
		}
	})
	t.Run("pending and expired", func(t *testing.T) {
		wantStatus(t, diag(t, d, chain.Request{Chain: "tron", Hash: tronPending}), chain.StatusPending)
		dg := diag(t, d, chain.Request{Chain: "tron", Hash: tronExpired})
		wantStatus(t, dg, chain.StatusDropped)
		finding(t, dg, "tron_expired")
	})
	t.Run("plain TRX transfer", func(t *testing.T) {
		dg := diag(t, d, chain.Request{Chain: "tron", Hash: tronTRX, Address: tronOwner})
		wantStatus(t, dg, chain.StatusConfirmed)
		if r := finding(t, dg, "tron_resources"); r.Data["bandwidth_used"] != int64(268) || r.Data["trx_burned"] != "0" {
			t.Errorf("resources %v", r.Data)
		}
		for _, a := range dg.Advice {
			if a.Code == "tron_next_time" {
				t.Errorf("advice to stake for a free transfer")
			}
		}
	})
	t.Run("not found", func(t *testing.T) {
		wantStatus(t, diag(t, d, chain.Request{Chain: "tron", Hash: strings.Repeat("0e", 32)}), chain.StatusNotFound)
	})
	t.Run("0x prefix is not a TRON id", func(t *testing.T) {
		_, err := d.Diagnose(context.Background(), chain.Request{Chain: "tron", Hash: "0x" + tronOK})
		var de *desk.Error
		if !errors.As(err, &de) || de.Kind != desk.KindInvalid || de.Fields["hash"] != "hash_format" {
			t.Fatalf("err %v", err)
		}
	})
	t.Run("rate limited", func(t *testing.T) {
		tron.mode.Store("429")
		defer tron.mode.Store("")
		_, err := d.Diagnose(context.Background(), chain.Request{Chain: "tron", Hash: tronOK})
		if desk.ErrorCode(err) != "chain_unreachable" {
			t.Fatalf("err %v", err)
		}
	})
	tron.mu.Lock()
	defer tron.mu.Unlock()
	for _, k := range tron.apiKeys {
		if k != "test-key" {
			t.Fatalf("request without the API key header: %q", k)
		}
	}
}

func TestTxIDAcrossBitcoinAndTron(t *testing.T) {
	d := newRESTDiagnoser(t, newEsplora(t), newTronGrid(t))
	dg := diag(t, d, chain.Request{Hash: tronOK})
	if dg.Chain != "tron" || dg.Status != chain.StatusConfirmed {
		t.Errorf("no chain: %s %s", dg.Chain, dg.Status)
	}
	dg = diag(t, d, chain.Request{Chain: "bitcoin", Hash: tronOK})
	if dg.Chain != "tron" {
		t.Errorf("chain %s", dg.Chain)
	}
	if f := finding(t, dg, "chain_corrected"); f.Data["asked"] != "bitcoin" || f.Data["chain"] != "tron" {
		t.Errorf("%v", f.Data)
	}
	dg = diag(t, d, chain.Request{Hash: strings.Repeat("0d", 32)})
	wantStatus(t, dg, chain.StatusNotFound)
	if f := finding(t, dg, "not_found"); len(f.Data["chains"].([]string)) != 2 {
		t.Errorf("checked %v", f.Data["chains"])
	}
	// A TRON address with a bare id is accepted (the id may be TRON's).
	diag(t, d, chain.Request{Hash: tronOK, Address: tronOwner})
}
