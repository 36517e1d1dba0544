package ticket_test

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/redact"
	"github.com/walletdesk/walletdesk/internal/store/storetest"
	"github.com/walletdesk/walletdesk/internal/ticket"
)

// neverAsk is the reminder every canned reply ends with, per locale.
var neverAsk = map[desk.Locale]string{
	desk.English:  "We will never ask for your recovery phrase, private key or password",
	desk.Chinese:  "我们绝不会索要你的助记词、私钥或密码",
	desk.Japanese: "リカバリーフレーズ、秘密鍵、パスワードをお尋ねすることは決して",
}

// Characters that exist only in traditional Chinese: a simplified-Chinese
// body must hold none (a slip of the input method).
const traditionalOnly = "們這個說對會時為與還讓錢帳轉號碼請聯動麼閱點經過險資產續幣額網鏈關問題幫應該單選擇確認電話郵箱"

var articleRef = regexp.MustCompile(`\{\{\s*article:([a-z0-9-]+)\s*\}\}`)

func TestStarterMacros(t *testing.T) {
	hc := helpCenter(t)
	starters := ticket.StarterMacros()
	if len(starters) < 12 {
		t.Fatalf("%d starter macros", len(starters))
	}
	keys := map[string]bool{}
	for _, m := range starters {
		if keys[m.StarterKey] || m.StarterKey == "" || m.Name == "" {
			t.Errorf("key %q name %q", m.StarterKey, m.Name)
		}
		keys[m.StarterKey] = true
		for _, loc := range desk.Locales {
			body := m.Bodies[loc]
			if body == "" {
				t.Errorf("%s: no %s body", m.StarterKey, loc)
				continue
			}
			if !strings.Contains(strings.ToLower(body), strings.ToLower(neverAsk[loc])) {
				t.Errorf("%s/%s: no reminder that we never ask for secrets", m.StarterKey, loc)
			}
			if loc == desk.Chinese && strings.ContainsAny(body, traditionalOnly) {
				t.Errorf("%s/zh-CN: traditional characters in %q", m.StarterKey, body)
			}
			for _, ph := range []string{"{{requester.name}}", "{{ticket.id}}", "{{agent.name}}"} {
				if !strings.Contains(body, ph) {
					t.Errorf("%s/%s: no %s", m.StarterKey, loc, ph)
				}
			}
			// Every linked article exists in every locale.
			for _, sub := range articleRef.FindAllStringSubmatch(body, -1) {
				for _, l := range desk.Locales {
					if _, ok := hc.Lookup(sub[1], l); !ok {
						t.Errorf("%s/%s links %s, missing in %s", m.StarterKey, loc, sub[1], l)
					}
				}
			}
			// Agent replies are redacted: a canned reply must come through
			// untouched.
			if r := redact.New().Redact(body); r.Redacted() {
				t.Errorf("%s/%s: the redactor finds a secret in a canned reply: %+v", m.StarterKey, loc, r.Redactions)
			}
		}
	}
	for _, k := range []string{"pending-transfer", "speed-up", "wrong-network", "import-errors", "lost-phrase", "stolen-wallet",
		"phrase-exposed", "fake-support", "token-not-showing", "exchange-deposit", "tron-energy", "closing-thanks"} {
		if !keys[k] {
			t.Errorf("no starter macro %q", k)
		}
	}
}

// askForSecret finds an English sentence that asks the reader to hand over
// a secret. The starter set must have none.
var askForSecret = regexp.MustCompile(`(?i)\b(send|share|give|provide|paste|enter|type|tell)\b[^.!?\n]{0,30}\b(us|me|here|below)?\b[^.!?\n]{0,20}\b(recovery phrase|seed phrase|private key|password|12 words)`)

func TestStarterMacrosNeverAskForSecrets(t *testing.T) {
	for _, m := range ticket.StarterMacros() {
		for _, sentence := range regexp.MustCompile(`[.!?\n]`).Split(m.Bodies[desk.English], -1) {
			if askForSecret.MatchString(sentence) && !regexp.MustCompile(`(?i)\b(never|not|don't|without)\b`).MatchString(sentence) {
				t.Errorf("%s: %q reads as asking for a secret", m.StarterKey, strings.TrimSpace(sentence))
			}
		}
	}
	// The checker itself catches what it must.
	for _, bad := range []string{"Please send us your recovery phrase", "Type your private key here so we can check"} {
		if !askForSecret.MatchString(bad) {
			t.Errorf("the checker misses %q", bad)
		}
	}
}

func newMacros(t *testing.T) *ticket.Macros {
	return ticket.NewMacros(storetest.OpenSQLite(t).Macros(), redact.New(), helpCenter(t))
}

func TestMacroValidation(t *testing.T) {
	m := newMacros(t)
	ok := map[desk.Locale]string{desk.English: "Hi {{requester.name}}, see {{ article:wrong-network }}."}
	for _, tc := range []struct {
		in    ticket.Macro
		field string
		code  string
	}{
		{ticket.Macro{Bodies: ok}, "name", "required"},
		{ticket.Macro{Name: "x", Bodies: map[desk.Locale]string{desk.Japanese: "こんにちは"}}, "body.en", "required"},
		{ticket.Macro{Name: "x", Bodies: map[desk.Locale]string{desk.English: "Hi {{requester.nmae}}"}}, "body.en", "placeholder_unknown"},
		{ticket.Macro{Name: "x", Bodies: map[desk.Locale]string{desk.English: "Hi {{requester.name"}}, "body.en", "placeholder_unclosed"},
		{ticket.Macro{Name: "x", Bodies: map[desk.Locale]string{desk.English: "Hi {{article:Wrong Network}}"}}, "body.en", "placeholder_unknown"},
		{ticket.Macro{Name: "x", Bodies: map[desk.Locale]string{desk.English: "See {{article:no-such-article}}"}}, "body.en", "article_unknown"},
		{ticket.Macro{Name: "x", Bodies: map[desk.Locale]string{desk.English: "ok", "fr": "bonjour"}}, "body.fr", "locale_unsupported"},
		{ticket.Macro{Name: "x", Bodies: map[desk.Locale]string{desk.English: "Your phrase: " + phrase}}, "body.en", "contains_secret"},
		{ticket.Macro{Name: "x", Tags: strings.Split("a,b,c,d,e,f,g,h,i,j,k", ","), Bodies: ok}, "tags", "too_many"},
		{ticket.Macro{Name: "x", Tags: []string{strings.Repeat("t", 33)}, Bodies: ok}, "tags", "invalid"},
	} {
		_, err := m.Create(context.Background(), tc.in, "agent:1")
		de, isDesk := err.(*desk.Error)
		if !isDesk || de.Kind != desk.KindInvalid || de.Fields[tc.field] != tc.code {
			t.Errorf("%+v: %v, want %s=%s", tc.in, err, tc.field, tc.code)
		}
	}
	if list, _ := m.List(context.Background(), true); len(list) != 0 {
		t.Errorf("invalid macros were stored: %d", len(list))
	}
}

func TestRenderMacro(t *testing.T) {
	hc := helpCenter(t)
	mac := ticket.Macro{Bodies: map[desk.Locale]string{
		desk.English:  "Hi {{requester.name}} ({{requester.email}}), request #{{ticket.id}}: {{article:wrong-network}}\n{{agent.name}}",
		desk.Japanese: "{{requester.name}} 様 #{{ticket.id}} {{article:wrong-network}} {{agent.name}}",
	}}
	tk := ticket.Ticket{ID: 42, Email: "kai_*x*@example.com", Locale: desk.Japanese}
	r, err := ticket.RenderMacro(mac, tk, ticket.MacroVars{AgentName: "Mina [Support]"}, hc)
	if err != nil {
		t.Fatal(err)
	}
	jaTitle, _ := hc.Lookup("wrong-network", desk.Japanese)
	want := `kai\_\*x\* 様 #42 [` + jaTitle.Title + `](kb:wrong-network) Mina \[Support\]`
	if r.Locale != desk.Japanese || r.Body != want {
		t.Errorf("ja: %s %q\nwant %q", r.Locale, r.Body, want)
	}
	// No Chinese body: English, with the English title; a known name wins.
	tk.Locale = desk.Chinese
	r, _ = ticket.RenderMacro(mac, tk, ticket.MacroVars{RequesterName: "Kai", AgentName: "Mina"}, hc)
	enTitle, _ := hc.Lookup("wrong-network", desk.English)
	if r.Locale != desk.English || !strings.HasPrefix(r.Body, `Hi Kai (kai\_\*x\*@example.com), request #42: [`+enTitle.Title+`](kb:wrong-network)`) {
		t.Errorf("fallback: %s %q", r.Locale, r.Body)
	}
	if strings.Contains(r.Body, "{{") {
		t.Errorf("placeholder left: %q", r.Body)
	}
	// Without a help center the link still works; its text is the slug.
	r, _ = ticket.RenderMacro(mac, tk, ticket.MacroVars{}, nil)
	if !strings.Contains(r.Body, "[wrong-network](kb:wrong-network)") {
		t.Errorf("no articles: %q", r.Body)
	}
}

func TestMacroStoreAndSeed(t *testing.T) {
	for _, eng := range storetest.Engines(t) {
		t.Run(eng.Name, func(t *testing.T) {
			ctx := context.Background()
			m := ticket.NewMacros(eng.Open(t).Macros(), redact.New(), helpCenter(t))
			now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
			m.SetClock(func() time.Time { return now })
			n, err := m.Seed(ctx)
			if err != nil || n != len(ticket.StarterMacros()) {
				t.Fatalf("seeded %d, %v", n, err)
			}
			list, _ := m.List(ctx, false)
			if len(list) != n || len(list[0].Bodies) != 3 || list[0].CreatedBy != "built-in" || !list[0].CreatedAt.Equal(now) {
				t.Fatalf("%d macros, first %+v", len(list), list[0])
			}
			for i := 1; i < len(list); i++ {
				if list[i-1].Name > list[i].Name {
					t.Errorf("not by name: %q before %q", list[i-1].Name, list[i].Name)
				}
			}
			// Archived built-ins stay archived; a second seed adds nothing.
			arch, err := m.SetArchived(ctx, list[0].ID, true, "agent:3")
			if err != nil || !arch.Archived || arch.UpdatedBy != "agent:3" {
				t.Fatalf("%+v %v", arch, err)
			}
			if n, err := m.Seed(ctx); n != 0 || err != nil {
				t.Errorf("second seed: %d %v", n, err)
			}
			if l, _ := m.List(ctx, false); len(l) != len(list)-1 {
				t.Errorf("active %d", len(l))
			}
			if l, _ := m.List(ctx, true); len(l) != len(list) {
				t.Errorf("all %d", len(l))
			}

			now = now.Add(time.Hour)
			own, err := m.Create(ctx, ticket.Macro{Name: "  Refund policy ", Tags: []string{"Billing", "billing", " "},
				Bodies: map[desk.Locale]string{desk.English: "We cannot reverse transfers, {{requester.name}}.", desk.Japanese: " "}}, "agent:5")
			if err != nil {
				t.Fatal(err)
			}
			got, _ := m.Get(ctx, own.ID)
			if got.Name != "Refund policy" || len(got.Tags) != 1 || got.Tags[0] != "billing" || len(got.Bodies) != 1 || got.StarterKey != "" || got.CreatedBy != "agent:5" {
				t.Errorf("created %+v", got)
			}
			now = now.Add(time.Hour)
			got.Bodies[desk.Chinese] = "{{requester.name}} 你好，已确认的转账无法撤回。"
			got.Name = "Reversals"
			up, err := m.Update(ctx, got, "agent:6")
			if err != nil {
				t.Fatal(err)
			}
			again, _ := m.Get(ctx, own.ID)
			if again.Name != "Reversals" || len(again.Bodies) != 2 || again.UpdatedBy != "agent:6" || !again.UpdatedAt.Equal(now) || again.CreatedBy != "agent:5" || up.ID != own.ID {
				t.Errorf("updated %+v", again)
			}
			r, err := m.Render(ctx, own.ID, ticket.Ticket{ID: 9, Email: "li@example.com", Locale: desk.Chinese}, ticket.MacroVars{})
			if err != nil || r.Locale != desk.Chinese || !strings.HasPrefix(r.Body, "li 你好") {
				t.Errorf("render %+v %v", r, err)
			}
			if _, err := m.Get(ctx, 424242); !desk.IsNotFound(err) {
				t.Errorf("missing: %v", err)
			}
			if _, err := m.Update(ctx, ticket.Macro{ID: 424242, Name: "x", Bodies: map[desk.Locale]string{desk.English: "x"}}, "agent:1"); !desk.IsNotFound(err) {
				t.Errorf("update missing: %v", err)
			}
		})
	}
}

func FuzzRenderMacro(f *testing.F) {
	for _, s := range []string{"Hi {{requester.name}}", "{{", "}}", "{{article:a-b}}", "{{ ticket.id }}{{agent.name}}", "{{{{x}}}}", "{{article:}}", "{{\n}}", "a{{requester.email}}b"} {
		f.Add(s, "x_y@example.com")
	}
	f.Fuzz(func(t *testing.T, body, email string) {
		mac := ticket.Macro{Bodies: map[desk.Locale]string{desk.English: body}}
		r, err := ticket.RenderMacro(mac, ticket.Ticket{ID: 7, Email: email, Locale: desk.Japanese}, ticket.MacroVars{AgentName: "A"}, nil)
		if err != nil {
			if desk.ErrorKind(err) != desk.KindInvalid {
				t.Fatalf("%q: %v", body, err)
			}
			return
		}
		if r.Locale != desk.English {
			t.Fatalf("locale %s", r.Locale)
		}
		for _, ph := range []string{"{{requester.name}}", "{{requester.email}}", "{{ticket.id}}", "{{agent.name}}"} {
			if strings.Contains(r.Body, ph) && !strings.Contains(email, "{{") {
				t.Fatalf("%q rendered to %q: %s left", body, r.Body, ph)
			}
		}
	})
}
