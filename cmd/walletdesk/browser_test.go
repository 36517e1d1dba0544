package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/walletdesk/walletdesk/internal/store"
)

// newBrowser starts headless Debian chromium. Without chromium the test is
// skipped, unless WALLETDESK_REQUIRE_BROWSER is set (CI sets it, so a
// missing install fails instead of passing quietly).
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("WALLETDESK_REQUIRE_BROWSER") != "" {
			t.Fatal("chromium is required (WALLETDESK_REQUIRE_BROWSER) but not installed")
		}
		t.Skip("chromium not installed")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()), chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true), chromedp.WindowSize(1200, 900),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelT(); cancelC(); cancelA() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// artifact saves a screenshot where CI and developers can find it:
// $WALLETDESK_ARTIFACTS, or a temporary directory.
func artifact(t *testing.T, name string, png []byte) {
	t.Helper()
	dir := os.Getenv("WALLETDESK_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "walletdesk-artifacts")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", p)
}

// typeText types into an input the way an IME commits text: the value
// changes and an input event fires.
func typeText(sel, text string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.Focus(chromedp.CSS(sel)),
		chromedp.Evaluate[chromedp.Void](`(function(){var el=document.querySelector(`+quoteJS(sel)+`);el.value=`+quoteJS(text)+`;el.dispatchEvent(new Event("input",{bubbles:true}));})()`),
	)
}

func quoteJS(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}

func TestBrowserHelpCenterZhCN(t *testing.T) {
	data := t.TempDir()
	p := startServer(t, data, nil)
	ctx := newBrowser(t)

	err := chromedp.Do(ctx,
		chromedp.Navigate(p.base+"/zh-CN/"),
		chromedp.WaitVisible(chromedp.CSS("#q")),
		typeText("#q", "转账一直"),
		chromedp.WaitVisible(chromedp.CSS("#suggestions li a")),
	)
	if err != nil {
		t.Fatalf("suggestions: %v", err)
	}
	sugg, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#suggestions")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(sugg, "打包中") && !strings.Contains(sugg, "卡住") {
		t.Errorf("suggestions for 转账一直 do not offer the pending-transfer article: %q", sugg)
	}
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	artifact(t, "help-center-zh-CN-suggestions.png", png)

	// Open the first suggestion and vote "not helpful" with a comment.
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#suggestions li a")),
		chromedp.WaitVisible(chromedp.CSS("article.article h1")),
		chromedp.WaitVisible(chromedp.CSS(".feedback-form")),
		chromedp.SetValue(chromedp.CSS("#fb-comment"), "希望多讲讲怎么取消"),
		chromedp.Click(chromedp.CSS(`button[data-vote="no"]`)),
		chromedp.WaitVisible(chromedp.CSS(`.thanks[data-voted="no"]`)),
	)
	if err != nil {
		t.Fatalf("open and vote: %v", err)
	}
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(loc, "/zh-CN/articles/") {
		t.Errorf("suggestion led to %s", loc)
	}
	thanks, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".thanks")))
	if !strings.Contains(thanks, "谢谢") {
		t.Errorf("thanks message %q", thanks)
	}
	png, err = chromedp.Run(ctx, chromedp.FullScreenshot(80))
	if err != nil {
		t.Fatal(err)
	}
	artifact(t, "help-center-zh-CN-article.jpg", png)

	// The vote is in the database, in the reader's locale.
	key, err := secretKey(Config{DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(context.Background(), store.Config{DataDir: data, SecretKey: key})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	fb, err := db.KB().RecentFeedback(context.Background(), 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(fb) != 1 || fb[0].Locale != "zh-CN" || fb[0].Helpful || fb[0].Comment != "希望多讲讲怎么取消" || !strings.Contains(loc, fb[0].Slug) {
		t.Errorf("stored feedback %+v (page %s)", fb, loc)
	}

	// The results page highlights the words found.
	err = chromedp.Do(ctx,
		chromedp.Navigate(p.base+"/zh-CN/search?q=USDT+%E5%8F%91%E9%94%99%E7%BD%91%E7%BB%9C"),
		chromedp.WaitVisible(chromedp.CSS(".results mark")),
	)
	if err != nil {
		t.Fatalf("results page: %v", err)
	}
	first, _ := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(".results .result-title"), "href"))
	if first.Value != "/zh-CN/articles/wrong-network" {
		t.Errorf("first result for USDT 发错网络: %s", first.Value)
	}
	if shot := os.Getenv("WALLETDESK_README_SCREENSHOT"); shot != "" {
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err == nil {
			os.WriteFile(shot, png, 0o644)
		}
	}
}
