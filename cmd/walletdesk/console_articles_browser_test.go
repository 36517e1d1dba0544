package main

import (
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserEditArticleJa: an editor created on the command line signs
// in (no second factor for editors who have not enrolled), adds a word to
// the Japanese article on pending transfers, sees it in the live preview,
// publishes, and finds the article by that word in the public search at
// once; the reader's page shows it.
func TestBrowserEditArticleJa(t *testing.T) {
	data := t.TempDir()
	p := startServer(t, data, nil)
	ctx := newBrowser(t)
	const password = "editor's long password"
	addAgent(t, data, password, "eri@example.com", "Eri Editor", "editor", "ja,en")
	// A word no built-in article holds: its CJK bigrams find only this one.
	const word = "モモンガポルカ"
	const editor = "/console/articles/transaction-pending/ja"

	err := chromedp.Do(ctx,
		chromedp.Navigate(p.base+editor+"?locale=ja"),
		chromedp.WaitVisible(chromedp.CSS("#login-form")),
		chromedp.SetValue(chromedp.CSS("#email"), "eri@example.com"),
		chromedp.SetValue(chromedp.CSS("#password"), password),
		chromedp.Click(chromedp.CSS("#login-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#article-form #body")),
		chromedp.WaitVisible(chromedp.CSS("#source-body")),
	)
	if err != nil {
		t.Fatalf("sign in to the editor: %v", err)
	}
	if loc, _ := chromedp.Run(ctx, chromedp.Location()); !strings.HasSuffix(loc, editor) && !strings.Contains(loc, editor+"?") {
		t.Errorf("after sign-in: %s", loc)
	}
	// Type at the end of the body, the way an IME commits text.
	err = chromedp.Do(ctx,
		chromedp.Focus(chromedp.CSS("#body")),
		chromedp.Evaluate[chromedp.Void](`(function(){var b=document.getElementById("body");b.value+="\n\n## `+word+`\n\n`+word+`のときは、まず送金履歴を確認してください。\n";b.dispatchEvent(new Event("input",{bubbles:true}));})()`),
		chromedp.Poll[chromedp.Void](`document.querySelector("#preview h2") && document.getElementById("preview").textContent.includes("`+word+`のときは")`),
	)
	if err != nil {
		t.Fatalf("live preview: %v", err)
	}
	preview, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#preview")))
	if !strings.Contains(preview, word+"のときは") {
		t.Errorf("preview lacks the new paragraph: %.200q", preview)
	}
	// The editor as the translator sees it: source, text and preview.
	chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById("source-heading").scrollIntoView()`))
	if png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()); err == nil {
		artifact(t, "console-article-editor-ja.png", png)
	}

	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#publish")),
		chromedp.WaitVisible(chromedp.CSS("#notice")),
	)
	if err != nil {
		t.Fatalf("publish: %v", err)
	}
	notice, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#notice")))
	if !strings.Contains(notice, "公開しました") {
		t.Errorf("after publishing: %q", notice)
	}

	// The public search finds the article by the new word right away.
	err = chromedp.Do(ctx,
		chromedp.Navigate(p.base+"/ja/search?q="+url.QueryEscape(word)),
		chromedp.WaitVisible(chromedp.CSS(".results .result-title")),
	)
	if err != nil {
		t.Fatalf("search: %v", err)
	}
	first, _ := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(".results .result-title"), "href"))
	if first.Value != "/ja/articles/transaction-pending" {
		t.Errorf("first result for %s: %q", word, first.Value)
	}
	if png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()); err == nil {
		artifact(t, "help-center-ja-search-edited.png", png)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(".results .result-title")),
		chromedp.WaitVisible(chromedp.CSS("article.article h1")),
	)
	if err != nil {
		t.Fatalf("open the result: %v", err)
	}
	text, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("article.article")))
	if !strings.Contains(text, word+"のときは、まず送金履歴を確認してください。") {
		t.Errorf("the reader's page lacks the published text")
	}
	if png, err := chromedp.Run(ctx, chromedp.FullScreenshot(80)); err == nil {
		artifact(t, "help-center-ja-article-edited.jpg", png)
	}

	// The history names the editor; the analytics page reads on a phone.
	err = chromedp.Do(ctx,
		chromedp.Navigate(p.base+editor+"/history"),
		chromedp.WaitVisible(chromedp.CSS("#versions")),
	)
	if err != nil {
		t.Fatalf("history: %v", err)
	}
	hist, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#versions tbody tr")))
	if !strings.Contains(hist, "Eri Editor") || !strings.Contains(hist, "公開") {
		t.Errorf("latest history row: %q", hist)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#compare")),
		chromedp.WaitVisible(chromedp.CSS("#diff-body .a-insert")),
	)
	if err != nil {
		t.Fatalf("diff: %v", err)
	}
	added, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#diff-body")))
	if !strings.Contains(added, word+"のときは") {
		t.Errorf("the diff does not show the added line")
	}
	chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector("#diff-body .a-insert").scrollIntoView({block:"center"})`))
	if png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()); err == nil {
		artifact(t, "console-article-diff-ja.png", png)
	}
	err = chromedp.Do(ctx,
		chromedp.Navigate(p.base+"/console/articles?lang=ja"),
		chromedp.WaitVisible(chromedp.CSS("#article-list")),
	)
	if err != nil {
		t.Fatalf("article list: %v", err)
	}
	if png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()); err == nil {
		artifact(t, "console-articles-list-ja.png", png)
	}
	err = chromedp.Do(ctx,
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(p.base+"/console/analytics"),
		chromedp.WaitVisible(chromedp.CSS("#sla-7")),
	)
	if err != nil {
		t.Fatalf("analytics: %v", err)
	}
	wide, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`))
	if wide {
		t.Error("the analytics page scrolls sideways on a phone")
	}
	if png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil {
		artifact(t, "console-analytics-phone-ja.png", png)
	}
}
