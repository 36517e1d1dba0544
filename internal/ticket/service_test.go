package ticket_test

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/walletdesk/walletdesk/content"
	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/kb"
	"github.com/walletdesk/walletdesk/internal/redact"
	"github.com/walletdesk/walletdesk/internal/store"
	"github.com/walletdesk/walletdesk/internal/store/storetest"
	"github.com/walletdesk/walletdesk/internal/ticket"
	"github.com/walletdesk/walletdesk/internal/triage"
)

var (
	helpOnce sync.Once
	help     *kb.Service
)

// helpCenter is the built-in help center on its own SQLite store, shared
// by the tests of this package (it only reads).
func helpCenter(t *testing.T) *kb.Service {
	helpOnce.Do(func() {
		ctx := context.Background()
		db := storetest.OpenSQLite(&testing.T{})
		ix, err := kb.OpenIndex("")
		if err != nil {
			t.Fatal(err)
		}
		syn, _ := kb.LoadSynonyms(content.FS())
		help = kb.NewService(kb.Options{Store: db.KB(), Index: ix, Synonyms: syn})
		if _, err := help.Seed(ctx, content.FS()); err != nil {
			t.Fatal(err)
		}
		if err := help.Load(ctx); err != nil {
			t.Fatal(err)
		}
	})
	return help
}

type env struct {
	svc *ticket.Service
	db  *store.DB
	now time.Time
}

func newEnv(t *testing.T, db *store.DB) *env {
	e := &env{db: db, now: time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)}
	e.svc = ticket.NewService(ticket.Config{}, db.Tickets(), redact.New(), triage.New(triage.Config{}), helpCenter(t), nil)
	e.svc.SetClock(func() time.Time { return e.now })
	return e
}

const phrase = "legal winner thank year wave sausage worth useful legal winner thank yellow"

func TestCreateAndRead(t *testing.T) {
	for _, eng := range storetest.Engines(t) {
		t.Run(eng.Name, func(t *testing.T) {
			ctx := context.Background()
			e := newEnv(t, eng.Open(t))
			c, err := e.svc.Create(ctx, ticket.Draft{Email: " Alice@Example.com ", Subject: "transfer stuck",
				Body: "My USDT transfer has been pending for 3 hours", Locale: desk.English, Chain: "ethereum",
				TxHash: "0x" + strings.Repeat("ab", 32)})
			if err != nil {
				t.Fatal(err)
			}
			tk := c.Ticket
			if tk.ID == 0 || c.Token == "" || tk.Status != ticket.New || tk.Severity != triage.S3 || tk.Email != "alice@example.com" {
				t.Fatalf("created %+v", tk)
			}
			if want := e.now.Add(8 * time.Hour); !tk.SLA.FirstResponseDue.Equal(want) {
				t.Errorf("S3 due %v, want %v (8 business hours from Monday 10:00)", tk.SLA.FirstResponseDue, want)
			}
			if len(c.Messages) != 2 || c.Messages[1].Author != ticket.System || !strings.Contains(c.Messages[1].Body, "#"+itoa(tk.ID)) ||
				!strings.Contains(c.Messages[1].Body, "kb:transaction-pending") {
				t.Errorf("first reply: %+v", c.Messages)
			}
			v, err := e.svc.ForRequester(ctx, tk.ID, c.Token)
			if err != nil || len(v.Messages) != 2 || v.Ticket.TxHash != tk.TxHash {
				t.Fatalf("read back: %+v %v", v, err)
			}
			// A wrong token and a missing ticket look the same.
			for _, try := range []struct {
				id    int64
				token string
			}{{tk.ID, c.Token + "x"}, {tk.ID, ""}, {tk.ID + 1000, c.Token}} {
				if _, err := e.svc.ForRequester(ctx, try.id, try.token); !desk.IsNotFound(err) {
					t.Errorf("id %d token %q: %v", try.id, try.token, err)
				}
			}
			evs, err := e.db.Tickets().Events(ctx, tk.ID)
			if err != nil || len(evs) < 2 || evs[0].Kind != "created" || evs[0].Data["severity"] != "S3" {
				t.Errorf("events %+v %v", evs, err)
			}
		})
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestPhraseIsRedactedAndRaisesToS1(t *testing.T) {
	for _, eng := range storetest.Engines(t) {
		t.Run(eng.Name, func(t *testing.T) {
			ctx := context.Background()
			e := newEnv(t, eng.Open(t))
			c, err := e.svc.Create(ctx, ticket.Draft{Email: "bob@example.com", Subject: "导入失败",
				Body: "我的助记词是 " + phrase + " 为什么导入不了", Locale: desk.Chinese})
			if err != nil {
				t.Fatal(err)
			}
			if c.Ticket.Severity != triage.S1 || c.Ticket.Topic != "phrase-exposed" || len(c.Redacted) == 0 {
				t.Fatalf("ticket %+v redacted %v", c.Ticket, c.Redacted)
			}
			if !c.Ticket.SLA.FirstResponseDue.Equal(e.now.Add(15 * time.Minute)) {
				t.Errorf("S1 due %v", c.Ticket.SLA.FirstResponseDue)
			}
			v, _ := e.svc.ForRequester(ctx, c.Ticket.ID, c.Token)
			if strings.Contains(v.Messages[0].Body, "sausage") || !strings.Contains(v.Messages[0].Body, "[redacted: recovery phrase]") ||
				v.Messages[0].Redactions[0] != "recovery_phrase" {
				t.Errorf("stored body %q %v", v.Messages[0].Body, v.Messages[0].Redactions)
			}
			if !strings.Contains(v.Messages[1].Body, "必须视为已经泄露") {
				t.Errorf("the first reply does not say the phrase is compromised: %q", v.Messages[1].Body)
			}
		})
	}
}

func TestReplyRedactsSplitPhraseReopensAndRaises(t *testing.T) {
	for _, eng := range storetest.Engines(t) {
		t.Run(eng.Name, func(t *testing.T) {
			ctx := context.Background()
			e := newEnv(t, eng.Open(t))
			words := strings.Fields(phrase)
			c, err := e.svc.Create(ctx, ticket.Draft{Email: "c@example.com", Subject: "import problem",
				Body: "it says invalid whatever I do. " + strings.Join(words[:5], " "), Locale: desk.English})
			if err != nil {
				t.Fatal(err)
			}
			// The agent solves it; the requester writes back with the rest.
			_, err = e.db.Tickets().UpdateTicket(ctx, c.Ticket.ID, func(tk *ticket.Ticket, _ ticket.Message) (ticket.Change, error) {
				tk.Status = ticket.Solved
				return ticket.Change{}, nil
			})
			if err != nil {
				t.Fatal(err)
			}
			e.now = e.now.Add(time.Hour)
			if c.Ticket.Severity == triage.S1 {
				t.Fatalf("five words alone were treated as a phrase: %+v", c.Messages[0])
			}
			v, err := e.svc.Reply(ctx, c.Ticket.ID, c.Token, strings.Join(words[5:], " ")+"\nplease check")
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range v.Messages {
				for _, w := range []string{"legal winner", "sausage", "yellow", "worth useful"} {
					if strings.Contains(m.Body, w) {
						t.Errorf("message %d still holds %q: %q", m.ID, w, m.Body)
					}
				}
			}
			if v.Ticket.Status != ticket.Open || v.Ticket.Severity != triage.S1 {
				t.Errorf("after reply: status %s severity %s", v.Ticket.Status, v.Ticket.Severity)
			}
			last := v.Messages[len(v.Messages)-1]
			if last.Author != ticket.System || !strings.Contains(last.Body, "known to others") {
				t.Errorf("no compromised-phrase reply after the reply: %+v", last)
			}
			evs, _ := e.db.Tickets().Events(ctx, c.Ticket.ID)
			kinds := map[string]int{}
			for _, ev := range evs {
				kinds[ev.Kind]++
			}
			if kinds["severity_changed"] != 1 || kinds["status_changed"] != 1 || kinds["redacted"] < 1 {
				t.Errorf("events %v", kinds)
			}
		})
	}
}

func TestValidationChangesNothing(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, storetest.OpenSQLite(t))
	cases := []struct {
		d     ticket.Draft
		field string
		code  string
	}{
		{ticket.Draft{Subject: "s", Body: "b", Locale: desk.English}, "email", "required"},
		{ticket.Draft{Email: "not-an-email", Subject: "s", Body: "b", Locale: desk.English}, "email", "email_invalid"},
		{ticket.Draft{Email: "a@b.co", Body: "b", Locale: desk.English}, "subject", "required"},
		{ticket.Draft{Email: "a@b.co", Subject: strings.Repeat("长", 201), Body: "b", Locale: desk.Chinese}, "subject", "too_long"},
		{ticket.Draft{Email: "a@b.co", Subject: "s", Body: strings.Repeat("x", 10001), Locale: desk.English}, "body", "too_long"},
		{ticket.Draft{Email: "a@b.co", Subject: "s", Body: "b", Locale: "fr"}, "locale", "locale_unsupported"},
		{ticket.Draft{Email: "a@b.co", Subject: "s", Body: "b", Locale: desk.English, Chain: "ethereum", TxHash: strings.Repeat("ab", 32)}, "tx_hash", "hash_without_0x"},
		{ticket.Draft{Email: "a@b.co", Subject: "s", Body: "b", Locale: desk.English, Chain: "tron", Address: "0x" + strings.Repeat("1", 40)}, "address", "address_format"},
		{ticket.Draft{Email: "a@b.co", Subject: "s", Body: "b", Locale: desk.English, AmountUSD: -5}, "amount_usd", "amount_invalid"},
		{ticket.Draft{Email: "a@b.co", Subject: "s", Body: "b", Locale: desk.English, Chain: "dogechain"}, "chain", "chain_unknown"},
	}
	for _, tc := range cases {
		_, err := e.svc.Create(ctx, tc.d)
		de, ok := err.(*desk.Error)
		if !ok || de.Kind != desk.KindInvalid || de.Fields[tc.field] != tc.code {
			t.Errorf("%+v: %v", tc.d, err)
		}
	}
	if n, _ := e.db.Tickets().CountByEmailSince(ctx, "a@b.co", time.Time{}); n != 0 {
		t.Errorf("invalid drafts created %d tickets", n)
	}
}

func TestPerEmailLimit(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, storetest.OpenSQLite(t))
	d := ticket.Draft{Email: "spam@example.com", Subject: "hello", Body: "how do I receive bitcoin", Locale: desk.English}
	for i := 0; i < 5; i++ {
		if _, err := e.svc.Create(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	_, err := e.svc.Create(ctx, d)
	if de, ok := err.(*desk.Error); !ok || de.Kind != desk.KindRateLimited || de.RetryAfter <= 0 {
		t.Fatalf("sixth request in an hour: %v", err)
	}
	e.now = e.now.Add(61 * time.Minute)
	if _, err := e.svc.Create(ctx, d); err != nil {
		t.Errorf("an hour later: %v", err)
	}
}

func TestClosedTicketRefusesReplies(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, storetest.OpenSQLite(t))
	c, err := e.svc.Create(ctx, ticket.Draft{Email: "d@example.com", Subject: "thanks", Body: "great app", Locale: desk.Japanese})
	if err != nil {
		t.Fatal(err)
	}
	e.db.Tickets().UpdateTicket(ctx, c.Ticket.ID, func(tk *ticket.Ticket, _ ticket.Message) (ticket.Change, error) {
		tk.Status = ticket.Closed
		return ticket.Change{}, nil
	})
	if _, err := e.svc.Reply(ctx, c.Ticket.ID, c.Token, "one more thing"); desk.ErrorKind(err) != desk.KindConflict {
		t.Errorf("reply to a closed ticket: %v", err)
	}
	v, _ := e.svc.ForRequester(ctx, c.Ticket.ID, c.Token)
	if len(v.Messages) != 2 {
		t.Errorf("the refused reply was stored: %d messages", len(v.Messages))
	}
}

// Every place a requester types is redacted on its own: the subject, the
// body, and a whole phrase inside a later reply.
func TestEveryTextIsRedacted(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, storetest.OpenSQLite(t))
	c, err := e.svc.Create(ctx, ticket.Draft{Email: "s@example.com", Subject: "import failed " + phrase,
		Body: "please help", Locale: desk.English})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(c.Ticket.Subject, "sausage") || c.Ticket.Severity != triage.S1 {
		t.Fatalf("subject stored as %q (%s)", c.Ticket.Subject, c.Ticket.Severity)
	}
	stored, _ := e.db.Tickets().Ticket(ctx, c.Ticket.ID)
	if strings.Contains(stored.Subject, "sausage") {
		t.Fatalf("stored subject %q", stored.Subject)
	}
	v, err := e.svc.Reply(ctx, c.Ticket.ID, c.Token, "sorry, the right one is: "+phrase)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range v.Messages {
		if strings.Contains(m.Body, "sausage") {
			t.Errorf("message %d leaks: %q", m.ID, m.Body)
		}
	}
}
