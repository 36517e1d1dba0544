package ticket_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/store/storetest"
	"github.com/walletdesk/walletdesk/internal/ticket"
	"github.com/walletdesk/walletdesk/internal/ticketsearch"
	"github.com/walletdesk/walletdesk/internal/triage"
)

func rowIDs(rows []ticket.QueueRow) []int64 {
	var out []int64
	for _, r := range rows {
		out = append(out, r.ID)
	}
	return out
}

func TestQueueListOrderPagesAndSLA(t *testing.T) {
	for _, eng := range storetest.Engines(t) {
		t.Run(eng.Name, func(t *testing.T) {
			ctx := context.Background()
			e := newEnv(t, eng.Open(t))
			q := ticket.NewQueue(e.db.Queue(), nil)
			q.SetClock(func() time.Time { return e.now })

			howto := create(t, e, "a@example.com", "backup question", "how do I back up my wallet?", desk.English)                    // S4
			pending := create(t, e, "b@example.com", "transfer stuck", "My USDT transfer has been pending for 3 hours", desk.English) // S3
			e.now = e.now.Add(time.Minute)
			theft := create(t, e, "c@example.com", "钱包被盗", "我的USDT全部被转走了，不是我操作的", desk.Chinese) // S1, due 15 min
			e.now = e.now.Add(time.Minute)
			stuck2 := create(t, e, "d@example.com", "送金が保留中", "USDTの送金が3時間保留中です", desk.Japanese) // S3, due later
			solved := create(t, e, "e@example.com", "transfer stuck", "My ETH transfer is pending", desk.English)
			e.svc.SetStatus(ctx, solved.Ticket.ID, 7, ticket.Solved, "")
			if theft.Ticket.Severity != triage.S1 || howto.Ticket.Severity != triage.S4 || pending.Ticket.Severity != triage.S3 || stuck2.Ticket.Severity != triage.S3 {
				t.Fatalf("test premise: %s %s %s %s", theft.Ticket.Severity, howto.Ticket.Severity, pending.Ticket.Severity, stuck2.Ticket.Severity)
			}
			e.svc.AgentReply(ctx, pending.Ticket.ID, 7, ticket.AgentReply{Body: "Checking\n\n  the   explorer now.", Internal: true})

			e.now = e.now.Add(20 * time.Minute) // the S1 is now past due
			page, err := q.List(ctx, ticket.QueueFilter{})
			if err != nil {
				t.Fatal(err)
			}
			want := []int64{theft.Ticket.ID, pending.Ticket.ID, stuck2.Ticket.ID, howto.Ticket.ID}
			if got := rowIDs(page.Rows); !slices.Equal(got, want) || page.Next != "" {
				t.Fatalf("queue %v next %q, want %v", got, page.Next, want)
			}
			s1 := page.Rows[0]
			if !s1.SLA.Breached || s1.SLA.DueIn >= 0 || s1.SLA.DueIn != theft.Ticket.SLA.FirstResponseDue.Sub(e.now) {
				t.Errorf("S1 clock %+v", s1.SLA)
			}
			if s1.Locale != desk.Chinese || s1.Email != "c@example.com" || s1.Subject != "钱包被盗" || s1.MessageCount != 2 || s1.Status != ticket.New {
				t.Errorf("row %+v", s1)
			}
			if !strings.Contains(s1.Preview, "被转走") {
				t.Errorf("preview %q: the requester's words, not the automatic reply", s1.Preview)
			}
			if p := page.Rows[1]; p.Preview != "Checking the explorer now." || p.MessageCount != 3 || p.SLA.Breached || p.SLA.DueIn <= 0 {
				t.Errorf("row %+v", p)
			}

			// Answering stops the clock: no longer due, breached because late.
			e.svc.AgentReply(ctx, theft.Ticket.ID, 7, ticket.AgentReply{Body: "Move what is left to a new wallet now."})
			page, _ = q.List(ctx, ticket.QueueFilter{Severities: []triage.Severity{triage.S1}})
			if r := page.Rows[0]; !r.SLA.Breached || r.SLA.DueIn != 0 || r.SLA.FirstResponseAt.IsZero() || r.Status != ticket.Open {
				t.Errorf("answered S1 %+v", r)
			}

			// Pages of one: every ticket once, in order, then no next.
			var walked []int64
			f := ticket.QueueFilter{Limit: 1}
			for i := 0; i < 10; i++ {
				p, err := q.List(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				walked = append(walked, rowIDs(p.Rows)...)
				if p.Next == "" {
					break
				}
				f.Cursor = p.Next
			}
			if !slices.Equal(walked, want) {
				t.Errorf("pages %v, want %v", walked, want)
			}

			// Categories come from triage: expect what it chose.
			var sameCategory []int64
			for _, c := range []ticket.Created{theft, pending, stuck2, howto} {
				if c.Ticket.Category == theft.Ticket.Category {
					sameCategory = append(sameCategory, c.Ticket.ID)
				}
			}
			for _, tc := range []struct {
				f    ticket.QueueFilter
				want []int64
			}{
				{ticket.QueueFilter{Statuses: []ticket.Status{ticket.Solved}}, []int64{solved.Ticket.ID}},
				{ticket.QueueFilter{Locale: desk.Japanese}, []int64{stuck2.Ticket.ID}},
				{ticket.QueueFilter{Category: theft.Ticket.Category}, sameCategory},
				{ticket.QueueFilter{Assignee: ticket.Unassigned, Severities: []triage.Severity{triage.S4, triage.S3, triage.S4}}, []int64{pending.Ticket.ID, stuck2.Ticket.ID, howto.Ticket.ID}},
			} {
				p, err := q.List(ctx, tc.f)
				if err != nil || !slices.Equal(rowIDs(p.Rows), tc.want) {
					t.Errorf("%+v: %v %v, want %v", tc.f, rowIDs(p.Rows), err, tc.want)
				}
			}
		})
	}
}

func TestQueueRefusesBadFilters(t *testing.T) {
	q := ticket.NewQueue(storetest.OpenSQLite(t).Queue(), nil)
	for _, tc := range []struct {
		f     ticket.QueueFilter
		field string
	}{
		{ticket.QueueFilter{Statuses: []ticket.Status{"archived"}}, "status"},
		{ticket.QueueFilter{Severities: []triage.Severity{0}}, "severity"},
		{ticket.QueueFilter{Locale: "fr"}, "locale"},
		{ticket.QueueFilter{Category: "billing"}, "category"},
		{ticket.QueueFilter{Assignee: -2}, "assignee"},
		{ticket.QueueFilter{Limit: ticket.MaxQueueLimit + 1}, "limit"},
		{ticket.QueueFilter{Limit: -1}, "limit"},
		{ticket.QueueFilter{Cursor: "bm90IGEgY3Vyc29y"}, "cursor"},
		{ticket.QueueFilter{Text: strings.Repeat("转", 201)}, "text"},
	} {
		_, err := q.List(context.Background(), tc.f)
		if de, ok := err.(*desk.Error); !ok || de.Kind != desk.KindInvalid || de.Fields[tc.field] == "" {
			t.Errorf("%+v: %v", tc.f, err)
		}
	}
	if _, err := q.List(context.Background(), ticket.QueueFilter{Text: "转账"}); desk.ErrorKind(err) != desk.KindUnavailable {
		t.Errorf("text without a search index: %v", err)
	}
}

func TestQueueTextFilter(t *testing.T) {
	for _, eng := range storetest.Engines(t) {
		t.Run(eng.Name, func(t *testing.T) {
			ctx := context.Background()
			e := newEnv(t, eng.Open(t))
			zh := create(t, e, "f@example.com", "转账失败", "USDT转账一直失败", desk.Chinese)
			ja := create(t, e, "g@example.com", "送金が保留中", "USDTの送金が詰まっています", desk.Japanese)
			closed := create(t, e, "h@example.com", "转账问题", "转账好几个小时没到账", desk.Chinese)
			e.svc.SetStatus(ctx, closed.Ticket.ID, 7, ticket.Closed, "")
			e.svc.AgentReply(ctx, ja.Ticket.ID, 7, ticket.AgentReply{Body: "nonce gap on the sender", Internal: true})
			ix, err := ticketsearch.Open(ticketsearch.Options{Source: e.db.TicketTexts(), Settle: time.Nanosecond})
			if err != nil {
				t.Fatal(err)
			}
			defer ix.Close()
			if _, err := ix.Sync(ctx); err != nil {
				t.Fatal(err)
			}
			q := ticket.NewQueue(e.db.Queue(), ix)
			for _, tc := range []struct {
				f    ticket.QueueFilter
				want []int64
			}{
				{ticket.QueueFilter{Text: "转账"}, []int64{zh.Ticket.ID}},
				{ticket.QueueFilter{Text: "转账", Statuses: ticket.Statuses}, []int64{zh.Ticket.ID, closed.Ticket.ID}},
				{ticket.QueueFilter{Text: "usdt"}, []int64{zh.Ticket.ID, ja.Ticket.ID}},
				{ticket.QueueFilter{Text: "usdt", Locale: desk.Japanese}, []int64{ja.Ticket.ID}},
				{ticket.QueueFilter{Text: "nonce gap"}, []int64{ja.Ticket.ID}},
				{ticket.QueueFilter{Text: "dogecoin"}, nil},
			} {
				p, err := q.List(ctx, tc.f)
				got := rowIDs(p.Rows)
				slices.Sort(got)
				if err != nil || !slices.Equal(got, tc.want) {
					t.Errorf("%+v: %v %v, want %v", tc.f, got, err, tc.want)
				}
			}
		})
	}
}

func TestParseAssignee(t *testing.T) {
	for _, tc := range []struct {
		in   string
		me   int64
		want ticket.AssigneeFilter
		ok   bool
	}{
		{"", 7, ticket.AnyAssignee, true},
		{"any", 7, ticket.AnyAssignee, true},
		{"me", 7, 7, true},
		{" ME ", 7, 7, true},
		{"me", 0, 0, false},
		{"unassigned", 7, ticket.Unassigned, true},
		{"none", 7, ticket.Unassigned, true},
		{"42", 7, 42, true},
		{"0", 7, 0, false},
		{"-1", 7, 0, false},
		{"4x", 7, 0, false},
	} {
		got, ok := ticket.ParseAssignee(tc.in, tc.me)
		if got != tc.want || ok != tc.ok {
			t.Errorf("%q: %d %v, want %d %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestCursorRoundTrip(t *testing.T) {
	for _, k := range []ticket.QueueKey{{Severity: triage.S1, Due: 0, ID: 1}, {Severity: triage.S4, Due: 1798761600000, ID: 1 << 40}} {
		got, err := ticket.DecodeCursor(ticket.EncodeCursor(k))
		if err != nil || got != k {
			t.Errorf("%+v: %+v %v", k, got, err)
		}
	}
}

func FuzzDecodeCursor(f *testing.F) {
	for _, s := range []string{ticket.EncodeCursor(ticket.QueueKey{Severity: triage.S2, Due: 1798761600000, ID: 12}), "", "MS4xLjIuMw", "MS4wMS4yLjM", "bm9wZQ", "====", "MS41LjEuMQ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k, err := ticket.DecodeCursor(s)
		if err != nil {
			if desk.ErrorKind(err) != desk.KindInvalid {
				t.Fatalf("%q: error of kind %s", s, desk.ErrorKind(err))
			}
			return
		}
		if !k.Severity.Valid() || k.ID <= 0 || k.Due < 0 {
			t.Fatalf("%q decoded to %+v", s, k)
		}
		// One key, one token: a decoded cursor encodes back to itself.
		if again := ticket.EncodeCursor(k); again != s {
			t.Fatalf("%q decoded to %+v which encodes to %q", s, k, again)
		}
	})
}
