package main

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/walletdesk/walletdesk/internal/identity"
)

// TestBrowserConsoleSignInWithTOTP: an admin created on the command line
// while the server runs signs in, enrols TOTP from the page (the test
// plays the phone, computing codes from the secret shown), signs out and
// signs in again with a code.
func TestBrowserConsoleSignInWithTOTP(t *testing.T) {
	data := t.TempDir()
	p := startServer(t, data, nil)
	ctx := newBrowser(t)
	const password = "lead's long password"
	addAgent(t, data, password, "lead@example.com", "Lead Lin", "admin", "en,ja")

	signIn := chromedp.Steps(
		chromedp.WaitVisible(chromedp.CSS("#login-form")),
		chromedp.SetValue(chromedp.CSS("#email"), "lead@example.com"),
		chromedp.SetValue(chromedp.CSS("#password"), password),
		chromedp.Click(chromedp.CSS("#login-form button[type=submit]")),
	)
	err := chromedp.Do(ctx,
		chromedp.Navigate(p.base+"/console/audit"),
		signIn,
		chromedp.WaitVisible(chromedp.CSS("#totp-secret")),
	)
	if err != nil {
		t.Fatalf("sign in to enrolment: %v", err)
	}
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#totp-secret")))
	if err != nil {
		t.Fatal(err)
	}
	secret, ok := identity.DecodeSecret(text)
	if !ok || len(secret) != 20 {
		t.Fatalf("secret on the page: %q", text)
	}
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err == nil {
		artifact(t, "console-enrol.png", png)
	}
	err = chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS("#code"), identity.TOTPCode(secret, time.Now())),
		chromedp.Click(chromedp.CSS("#enroll-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#recovery-codes")),
	)
	if err != nil {
		t.Fatalf("enrol: %v", err)
	}
	codes, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#recovery-codes")))
	if strings.Count(strings.TrimSpace(codes), "\n") != 9 {
		t.Errorf("recovery codes shown: %q", codes)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#enroll-continue")),
		chromedp.WaitVisible(chromedp.CSS("#sign-out")),
	)
	if err != nil {
		t.Fatalf("continue to the console: %v", err)
	}
	if loc, _ := chromedp.Run(ctx, chromedp.Location()); !strings.HasSuffix(loc, "/console/") {
		t.Errorf("after enrolment: %s", loc)
	}

	// Sign out; signed-out pages send back to sign-in.
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#sign-out")),
		chromedp.WaitVisible(chromedp.CSS("#login-form")),
		chromedp.Navigate(p.base+"/console/account"),
		chromedp.WaitVisible(chromedp.CSS("#login-form")),
	)
	if err != nil {
		t.Fatalf("sign out: %v", err)
	}

	// Sign in again with a code. The enrolment code's time step is spent,
	// so the phone's next code is used (accepted within the ±1 window).
	err = chromedp.Do(ctx,
		signIn,
		chromedp.WaitVisible(chromedp.CSS("#totp-form")),
		chromedp.SetValue(chromedp.CSS("#code"), identity.TOTPCode(secret, time.Now().Add(30*time.Second))),
		chromedp.Click(chromedp.CSS("#totp-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#totp-status")),
	)
	if err != nil {
		t.Fatalf("sign in with TOTP: %v", err)
	}
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	status, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#totp-status")))
	if !strings.HasSuffix(loc, "/console/account") || !strings.Contains(status, "on") {
		t.Errorf("after the second sign-in: %s %q", loc, status)
	}
	// The agent reads the console in Japanese from the switcher.
	err = chromedp.Do(ctx,
		chromedp.Navigate(p.base+"/console/audit?locale=ja"),
		chromedp.WaitVisible(chromedp.CSS("#audit-filters")),
	)
	if err != nil {
		t.Fatalf("audit page: %v", err)
	}
	body, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
	if !strings.Contains(body, "監査ログ") || !strings.Contains(body, "totp.enroll") || !strings.Contains(body, "signin.success") {
		t.Errorf("ja audit log: %q", body)
	}
	if png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()); err == nil {
		artifact(t, "console-audit-ja.png", png)
	}
}
