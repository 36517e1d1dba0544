package chain

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func readFixture(tb testing.TB, name string) []byte {
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func TestEsploraDecoders(t *testing.T) {
	tx, err := decodeEsploraTx(readFixture(t, "esplora/tx_low_fee.json"), strings.Repeat("a2", 32))
	if err != nil {
		t.Fatal(err)
	}
	if tx.vsize() != 141 || tx.Fee != 282 || !tx.signalsRBF() || tx.Status.Confirmed {
		t.Errorf("%+v", tx)
	}
	if _, err := decodeEsploraTx(readFixture(t, "esplora/tx_low_fee.json"), strings.Repeat("a1", 32)); err == nil {
		t.Error("an answer for another txid was accepted")
	}
	for _, bad := range []string{`{"txid":"x","weight":0}`, `[]`, `{"txid":"x","weight":400,"fee":-1}`, `nope`} {
		if _, err := decodeEsploraTx([]byte(bad), "x"); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
	est, err := decodeFeeEstimates([]byte(`{"1": 12.5, "6": 6.2, "144": 2.5, "x": 1, "0": 3, "2": -1}`))
	if err != nil || len(est) != 3 {
		t.Fatalf("%v %v", est, err)
	}
	if v, ok := estimateFor(est, 3); !ok || v != 6.2 {
		t.Errorf("target 3 -> %v", v)
	}
	if _, ok := estimateFor(est, 1000); ok {
		t.Error("a target beyond all estimates")
	}
	if h, err := decodeTipHeight([]byte("870005\n")); err != nil || h != 870005 {
		t.Errorf("%d %v", h, err)
	}
}

func TestTronDecoders(t *testing.T) {
	id := strings.Repeat("b1", 32)
	if _, found, err := decodeTronTx([]byte(`{}`), id); found || err != nil {
		t.Errorf("empty object: %v %v", found, err)
	}
	if _, _, err := decodeTronTx([]byte(`{"Error":"class org.tron.core.exception.BadItemException"}`), id); err == nil {
		t.Error("an Error answer was accepted")
	}
	tx, found, err := decodeTronTx(readFixture(t, "trongrid/tx_out_of_energy.json"), id)
	if err != nil || !found || tx.RawData.FeeLimit != 10_000_000 || tx.RawData.Contract[0].Parameter.Value.Contract != usdtContract {
		t.Fatalf("%+v %v %v", tx, found, err)
	}
	info, executed, err := decodeTronInfo(readFixture(t, "trongrid/info_out_of_energy.json"), id)
	if err != nil || !executed || info.outcome(tx) != "OUT_OF_ENERGY" || info.energyPrice() != 100 {
		t.Fatalf("%+v %v %v", info, executed, err)
	}
	if !strings.HasPrefix(info.reason(), "Not enough energy") {
		t.Errorf("reason %q", info.reason())
	}
	if _, _, err := decodeTronInfo([]byte(`{"id":"`+id+`","fee":-5}`), id); err == nil {
		t.Error("negative fee accepted")
	}
	res, ok, err := decodeTronResource(readFixture(t, "trongrid/resource_owner.json"))
	if err != nil || !ok || res.FreeNetLimit != 600 {
		t.Errorf("%+v %v %v", res, ok, err)
	}
	if _, ok, err := decodeTronResource([]byte(`{}`)); ok || err != nil {
		t.Errorf("empty account: %v %v", ok, err)
	}
}

func FuzzEsploraDecoders(f *testing.F) {
	for _, n := range []string{"esplora/tx_confirmed.json", "esplora/tx_low_fee.json", "esplora/fee_estimates.json", "esplora/tip_height.txt"} {
		f.Add(readFixture(f, n))
	}
	f.Add([]byte(`{"txid":"` + strings.Repeat("a2", 32) + `","weight":1,"fee":0,"vin":[{"sequence":0}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		if tx, err := decodeEsploraTx(b, strings.Repeat("a2", 32)); err == nil {
			if tx.vsize() <= 0 || tx.Fee < 0 {
				t.Fatalf("accepted vsize %d fee %d", tx.vsize(), tx.Fee)
			}
		}
		if est, err := decodeFeeEstimates(b); err == nil {
			for k, v := range est {
				if k <= 0 || v < 0 || v != v {
					t.Fatalf("estimate %d: %v", k, v)
				}
			}
		}
		if h, err := decodeTipHeight(b); err == nil && h < 0 {
			t.Fatalf("height %d", h)
		}
	})
}

func FuzzTronDecoders(f *testing.F) {
	for _, n := range []string{"trongrid/tx_out_of_energy.json", "trongrid/info_out_of_energy.json", "trongrid/info_revert.json", "trongrid/resource_owner.json"} {
		f.Add(readFixture(f, n))
	}
	f.Add([]byte(`{}`))
	id := strings.Repeat("b1", 32)
	f.Fuzz(func(t *testing.T, b []byte) {
		tx, _, _ := decodeTronTx(b, id)
		if info, ok, err := decodeTronInfo(b, id); err == nil && ok {
			if info.energyPrice() <= 0 {
				t.Fatalf("energy price %d", info.energyPrice())
			}
			_ = info.outcome(tx)
			_ = info.reason()
		}
		decodeTronResource(b)
	})
}
