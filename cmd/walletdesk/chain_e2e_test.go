package main

import (
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"math/big"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/ethereum/go-ethereum/common"

	"github.com/walletdesk/walletdesk/internal/chain/chaintest"
	"github.com/walletdesk/walletdesk/internal/store"
)

// TestTxCheckAttachedToRequest configures the binary with a real
// in-process EVM chain, opens a request with the hash of a transfer stuck
// below the base fee, and waits for the check to appear in the request.
func TestTxCheckAttachedToRequest(t *testing.T) {
	alice := chaintest.NewKey(t)
	c := chaintest.New(t, 1337, []*ecdsa.PrivateKey{alice}, nil)
	base := c.Header(c.Head()).BaseFee
	tx := c.Send(alice, chaintest.TxOpts{Nonce: 0, To: common.HexToAddress("0x000000000000000000000000000000000000dEaD"),
		Value: big.NewInt(1), MaxFee: new(big.Int).Div(base, big.NewInt(2)), Tip: big.NewInt(1)})
	data := t.TempDir()
	p := startServer(t, data, []string{"WALLETDESK_CHAIN_ETHEREUM=evm," + c.URL, "WALLETDESK_RATE_LIMIT=off"})

	code, body := postJSON(t, p.base+"/api/v1/tickets", map[string]any{"email": "tx@example.com", "subject": "转账卡住了",
		"body": "USDT 转账一直在打包中", "locale": "zh-CN", "chain": "ethereum", "tx_hash": tx.Hash().Hex()})
	if code != 201 {
		t.Fatalf("create: %d %s", code, body)
	}
	var created struct {
		ID          int64  `json:"id"`
		AccessToken string `json:"access_token"`
	}
	json.Unmarshal([]byte(body), &created)
	var doc struct {
		Messages []struct{ Author, Body string }
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		_, body = get(t, p.base+"/api/v1/tickets/"+strconv.FormatInt(created.ID, 10), "Authorization", "Bearer "+created.AccessToken)
		json.Unmarshal([]byte(body), &doc)
		if len(doc.Messages) >= 3 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no transaction check in the request: %s\n%s", body, p.log.String())
		}
		time.Sleep(200 * time.Millisecond)
	}
	check := doc.Messages[2]
	if check.Author != "system" || !strings.Contains(check.Body, "交易自动检查") || !strings.Contains(check.Body, "等待打包") ||
		!strings.Contains(check.Body, strings.ToLower(tx.Hash().Hex())) {
		t.Errorf("check message: %+v", check)
	}
	// The check is an event of the request too, for agents.
	key, err := secretKey(Config{DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(context.Background(), store.Config{DataDir: data, SecretKey: key})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	evs, _ := db.Tickets().Events(context.Background(), created.ID)
	found := false
	for _, e := range evs {
		found = found || e.Kind == "tx_checked" && e.Data["status"] == "pending"
	}
	if !found {
		t.Errorf("no tx_checked event: %+v", evs)
	}

	// The same answer through the JSON API, with the finding's numbers.
	code, body = postJSON(t, p.base+"/api/v1/diagnose/tx", map[string]any{"hash": tx.Hash().Hex(), "locale": "en"})
	var dg struct {
		Chain, Status string
		Findings      []struct {
			Code string
			Data map[string]any
		}
		Advice  []struct{ Code, Message string }
		Article string
	}
	json.Unmarshal([]byte(body), &dg)
	if code != 200 || dg.Chain != "ethereum" || dg.Status != "pending" || len(dg.Findings) == 0 || dg.Findings[0].Code != "fee_below_base_fee" || len(dg.Advice) == 0 {
		t.Errorf("diagnose API: %d %s", code, body)
	}
	// Bad input is refused with a localized field error.
	code, body = postJSON(t, p.base+"/api/v1/diagnose/tx", map[string]any{"hash": "0x1234", "locale": "ja"})
	if code != 422 || !strings.Contains(body, `"hash"`) {
		t.Errorf("bad hash: %d %s", code, body)
	}
}

// TestBrowserCheckTransactionZhCN drives the "Check a transaction" page.
func TestBrowserCheckTransactionZhCN(t *testing.T) {
	alice := chaintest.NewKey(t)
	c := chaintest.New(t, 1337, []*ecdsa.PrivateKey{alice}, nil)
	tx := c.Send(alice, chaintest.TxOpts{Nonce: 0, To: common.HexToAddress("0x000000000000000000000000000000000000dEaD"),
		Value: big.NewInt(1), MaxFee: new(big.Int).Mul(big.NewInt(3), chaintest.Gwei), Tip: chaintest.Gwei})
	c.Commit()
	p := startServer(t, t.TempDir(), []string{"WALLETDESK_CHAIN_ETHEREUM=evm," + c.URL})
	ctx := newBrowser(t)
	err := chromedp.Do(ctx,
		chromedp.Navigate(p.base+"/zh-CN/tools/tx"),
		chromedp.WaitVisible(chromedp.CSS("#hash")),
		chromedp.SendKeys(chromedp.CSS("#hash"), tx.Hash().Hex()),
		chromedp.Click(chromedp.CSS(".tx-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#tx-result")),
	)
	if err != nil {
		t.Fatalf("check page: %v", err)
	}
	status, _ := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS("#tx-result"), "data-status"))
	text, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#tx-result")))
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	if status.Value != "confirmed" || !strings.Contains(text, "已确认") || !strings.Contains(loc, url.QueryEscape(tx.Hash().Hex())) {
		t.Errorf("result %q: %s (%s)", status.Value, text, loc)
	}
	png, _ := chromedp.Run(ctx, chromedp.FullScreenshot(80))
	artifact(t, "check-transaction-zh-CN.jpg", png)
}
