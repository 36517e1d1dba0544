package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserRequestFormJa: the form shows articles while the requester
// types and the emergency banner for a theft; the request page then shows
// S1 and the playbook.
func TestBrowserRequestFormJa(t *testing.T) {
	p := startServer(t, t.TempDir(), nil)
	ctx := newBrowser(t)
	err := chromedp.Do(ctx,
		chromedp.Navigate(p.base+"/ja/requests/new"),
		chromedp.WaitVisible(chromedp.CSS("#body")),
		chromedp.SendKeys(chromedp.CSS("#email"), "browser@example.com"),
		typeText("#subject", "送金が届かない"),
		typeText("#body", "USDTを送金しましたが、数時間たっても相手に届いていません。保留中のままです。"),
		chromedp.WaitVisible(chromedp.CSS("#deflect-list li a")),
	)
	if err != nil {
		t.Fatalf("deflection: %v", err)
	}
	list, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#deflect-list")))
	if !strings.Contains(list, "保留中") && !strings.Contains(list, "届かない") && !strings.Contains(list, "詰まって") {
		t.Errorf("deflection articles for a pending transfer: %q", list)
	}
	hidden, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("emergency").hidden`))
	if !hidden {
		t.Error("the emergency banner shows for a pending transfer")
	}
	err = chromedp.Do(ctx,
		typeText("#subject", "資産が勝手に送金された"),
		typeText("#body", "今朝ウォレットを開いたら、身に覚えのない送金でETHとUSDTがすべて知らないアドレスに送られていました。"),
		chromedp.WaitVisible(chromedp.CSS("#emergency")),
	)
	if err != nil {
		t.Fatalf("emergency banner: %v", err)
	}
	png, _ := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	artifact(t, "request-form-ja-emergency.png", png)
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#request-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".request-page .sev")),
	)
	if err != nil {
		t.Fatalf("submit: %v", err)
	}
	sev, _ := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(".request-page .sev"), "data-severity"))
	page, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".request-page")))
	if sev.Value != "S1" || !strings.Contains(page, "新しいリカバリーフレーズ") || !strings.Contains(page, "この専用リンクを保存してください") {
		t.Errorf("request page: severity %q\n%s", sev.Value, page)
	}
	png, _ = chromedp.Run(ctx, chromedp.FullScreenshot(80))
	artifact(t, "request-page-ja-s1.jpg", png)
}
