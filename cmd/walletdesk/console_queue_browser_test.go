package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/walletdesk/walletdesk/internal/identity"
)

// TestBrowserConsoleS1LiveMacroReply: an admin created on the command line
// signs in with TOTP and keeps the queue open; a new S1 request in Japanese
// arrives through the public API and shows up live with the S1 banner; the
// admin opens it, inserts the theft macro (the Japanese body appears),
// sends it, and the requester's private page shows the reply.
func TestBrowserConsoleS1LiveMacroReply(t *testing.T) {
	data := t.TempDir()
	p := startServer(t, data, []string{"WALLETDESK_RATE_LIMIT=off"})
	ctx := newBrowser(t)
	const password = "queue lead's long password"
	addAgent(t, data, password, "lead@example.com", "Lead Lin", "admin", "en,ja")
	signIn := chromedp.Steps(
		chromedp.WaitVisible(chromedp.CSS("#login-form")),
		chromedp.SetValue(chromedp.CSS("#email"), "lead@example.com"),
		chromedp.SetValue(chromedp.CSS("#password"), password),
		chromedp.Click(chromedp.CSS("#login-form button[type=submit]")),
	)
	// First sign-in: enrol the second factor (the test plays the phone).
	if err := chromedp.Do(ctx, chromedp.Navigate(p.base+"/console/"), signIn, chromedp.WaitVisible(chromedp.CSS("#totp-secret"))); err != nil {
		t.Fatalf("sign in to enrolment: %v", err)
	}
	text, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#totp-secret")))
	secret, ok := identity.DecodeSecret(text)
	if !ok {
		t.Fatalf("secret %q", text)
	}
	err := chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS("#code"), identity.TOTPCode(secret, time.Now())),
		chromedp.Click(chromedp.CSS("#enroll-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#enroll-continue")),
		chromedp.Click(chromedp.CSS("#enroll-continue")),
		chromedp.WaitVisible(chromedp.CSS("#sign-out")),
		// Sign out and in again with a code, as every later day starts.
		chromedp.Click(chromedp.CSS("#sign-out")),
		signIn,
		chromedp.WaitVisible(chromedp.CSS("#totp-form")),
		chromedp.SetValue(chromedp.CSS("#code"), identity.TOTPCode(secret, time.Now().Add(30*time.Second))),
		chromedp.Click(chromedp.CSS("#totp-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#queue-page")),
		// A first click lets the page play sound later.
		chromedp.Click(chromedp.CSS("h1")),
	)
	if err != nil {
		t.Fatalf("sign in with TOTP to the queue: %v", err)
	}
	if png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()); err == nil {
		artifact(t, "console-queue-empty.png", png)
	}
	// Let the page's event stream connect before the request arrives.
	time.Sleep(500 * time.Millisecond)

	code, body := postJSON(t, p.base+"/api/v1/tickets", map[string]any{
		"email": "taro@example.jp", "locale": "ja", "subject": "ウォレットの資産が盗まれた",
		"body": "今朝ウォレットを開いたら、身に覚えのない送金でETHとUSDTがすべて知らないアドレスに送られていました。",
	})
	if code != 201 {
		t.Fatalf("create: %d %s", code, body)
	}
	var created struct {
		ID       int64  `json:"id"`
		Severity string `json:"severity"`
		URL      string `json:"url"`
	}
	json.Unmarshal([]byte(body), &created)
	if created.Severity != "S1" {
		t.Fatalf("the theft is %s", created.Severity)
	}
	row := "#t" + itoaTest(created.ID)
	err = chromedp.Do(ctx,
		chromedp.WaitVisible(chromedp.CSS("#s1-alert")),
		chromedp.WaitVisible(chromedp.CSS(row+".sev-S1")),
	)
	if err != nil {
		t.Fatalf("the S1 did not arrive live: %v", err)
	}
	banner, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#s1-alert")))
	if !strings.Contains(banner, "#"+itoaTest(created.ID)) || !strings.Contains(banner, "盗まれた") {
		t.Errorf("banner: %q", banner)
	}
	time.Sleep(1100 * time.Millisecond) // the tab title blinks once a second
	titles := map[string]bool{}
	for i := 0; i < 3; i++ {
		title, _ := chromedp.Run(ctx, chromedp.Title())
		titles[title] = true
		time.Sleep(600 * time.Millisecond)
	}
	s1Title := false
	for title := range titles {
		s1Title = s1Title || strings.Contains(title, "S1")
	}
	if !s1Title {
		t.Errorf("the tab title does not call for attention: %v", titles)
	}
	if png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()); err == nil {
		artifact(t, "console-queue-s1-live.png", png)
	}

	// Acknowledge, open it from the keyboard (j, then o).
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#s1-ack")),
		chromedp.WaitNotVisible(chromedp.CSS("#s1-alert")),
		chromedp.KeyEvent("j"),
		chromedp.KeyEvent("o"),
		chromedp.WaitVisible(chromedp.CSS("#reply-body")),
	)
	if err != nil {
		t.Fatalf("open the request: %v", err)
	}
	// The theft macro, filled in Japanese for this requester.
	macroID, err := chromedp.Run(ctx, chromedp.Evaluate[string](
		`Array.from(document.querySelectorAll("#macro-pick option")).find(o => o.textContent.includes("Wallet stolen")).value`))
	if err != nil || macroID == "" {
		t.Fatalf("no theft macro in the picker: %v", err)
	}
	err = chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS("#macro-pick"), macroID),
		chromedp.Click(chromedp.CSS("#macro-insert")),
		chromedp.Poll[chromedp.Void](`document.getElementById("reply-body").value.includes("様")`, chromedp.WithPollingTimeout(10*time.Second)),
	)
	if err != nil {
		t.Fatalf("insert the macro: %v", err)
	}
	reply, _ := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#reply-body")))
	if !strings.Contains(reply, "taro 様") || !strings.Contains(reply, "#"+itoaTest(created.ID)) || !strings.Contains(reply, "Lead Lin") ||
		strings.Contains(reply, "{{") {
		t.Errorf("macro body: %q", reply)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#reply-preview-button")),
		chromedp.WaitVisible(chromedp.CSS("#reply-preview")),
	)
	if err != nil {
		t.Fatalf("preview: %v", err)
	}
	if png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil {
		artifact(t, "console-ticket-ja-macro.png", png)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#reply-send")),
		chromedp.WaitVisible(chromedp.CSS("#ticket-notice")),
	)
	if err != nil {
		t.Fatalf("send: %v", err)
	}
	conv, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#conversation")))
	if !strings.Contains(conv, "新しいリカバリーフレーズの新しいウォレット") {
		t.Errorf("the reply is not in the conversation: %q", conv)
	}

	// The requester's private page shows the reply.
	err = chromedp.Do(ctx,
		chromedp.Navigate(p.base+created.URL),
		chromedp.WaitVisible(chromedp.CSS(".request-page .msg-agent")),
	)
	if err != nil {
		t.Fatalf("requester page: %v", err)
	}
	agentMsg, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".request-page .msg-agent")))
	if !strings.Contains(agentMsg, "taro 様") || !strings.Contains(agentMsg, "新しいリカバリーフレーズの新しいウォレット") {
		t.Errorf("requester sees: %q", agentMsg)
	}
	if png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil {
		artifact(t, "request-page-ja-agent-reply.png", png)
	}

	// On a phone: the queue as cards, the request in one column.
	err = chromedp.Do(ctx,
		chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile),
		chromedp.Navigate(p.base+"/console/?status=all"),
		chromedp.WaitVisible(chromedp.CSS(row)),
	)
	if err != nil {
		t.Fatalf("queue on a phone: %v", err)
	}
	wide, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`))
	if wide {
		t.Error("the queue scrolls sideways on a phone")
	}
	if png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()); err == nil {
		artifact(t, "console-queue-phone.png", png)
	}
	err = chromedp.Do(ctx,
		chromedp.Navigate(p.base+"/console/tickets/"+itoaTest(created.ID)),
		chromedp.WaitVisible(chromedp.CSS("#reply-body")),
	)
	if err != nil {
		t.Fatalf("request on a phone: %v", err)
	}
	if wide, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`)); wide {
		t.Error("the request view scrolls sideways on a phone")
	}
	if png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()); err == nil {
		artifact(t, "console-ticket-phone.png", png)
	}
}

func itoaTest(n int64) string {
	b, _ := json.Marshal(n)
	return string(b)
}
