package ticket_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/store"
	"github.com/walletdesk/walletdesk/internal/store/storetest"
	"github.com/walletdesk/walletdesk/internal/ticket"
	"github.com/walletdesk/walletdesk/internal/triage"
)

// create opens a request through the service, as a requester would.
func create(t *testing.T, e *env, email, subject, body string, loc desk.Locale) ticket.Created {
	t.Helper()
	c, err := e.svc.Create(context.Background(), ticket.Draft{Email: email, Subject: subject, Body: body, Locale: loc})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func eventKinds(t *testing.T, db *store.DB, id int64) map[string]int {
	t.Helper()
	evs, err := db.Tickets().Events(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, ev := range evs {
		out[ev.Kind]++
	}
	return out
}

func lastEvent(t *testing.T, db *store.DB, id int64, kind string) ticket.Event {
	t.Helper()
	evs, _ := db.Tickets().Events(context.Background(), id)
	for i := len(evs) - 1; i >= 0; i-- {
		if evs[i].Kind == kind {
			return evs[i]
		}
	}
	t.Fatalf("no %s event on ticket %d", kind, id)
	return ticket.Event{}
}

func TestAgentReplyNotesFirstResponseAndStatus(t *testing.T) {
	for _, eng := range storetest.Engines(t) {
		t.Run(eng.Name, func(t *testing.T) {
			ctx := context.Background()
			e := newEnv(t, eng.Open(t))
			c := create(t, e, "amy@example.com", "transfer stuck", "My USDT transfer has been pending for 3 hours", desk.English)
			id := c.Ticket.ID

			e.now = e.now.Add(10 * time.Minute)
			tk, note, err := e.svc.AgentReply(ctx, id, 7, ticket.AgentReply{Body: "Checked the explorer: nonce gap.", Internal: true})
			if err != nil {
				t.Fatal(err)
			}
			if note.ID == 0 || !note.Internal || note.AgentID != 7 || note.Author != ticket.Agent {
				t.Errorf("note %+v", note)
			}
			if tk.Status != ticket.New || !tk.SLA.FirstResponseAt.IsZero() {
				t.Errorf("an internal note changed the ticket: %s, first response %v", tk.Status, tk.SLA.FirstResponseAt)
			}
			v, _ := e.svc.ForRequester(ctx, id, c.Token)
			for _, m := range v.Messages {
				if strings.Contains(m.Body, "nonce gap") {
					t.Fatal("the requester sees an internal note")
				}
			}

			e.now = e.now.Add(5 * time.Minute)
			tk, reply, err := e.svc.AgentReply(ctx, id, 7, ticket.AgentReply{Body: "Your fee is below the base fee; **speed it up**."})
			if err != nil {
				t.Fatal(err)
			}
			if tk.Status != ticket.Open || !tk.SLA.FirstResponseAt.Equal(e.now) || reply.Internal || reply.ID <= note.ID {
				t.Errorf("after the first public reply: %s, first response %v, %+v", tk.Status, tk.SLA.FirstResponseAt, reply)
			}
			if ev := lastEvent(t, e.db, id, "first_response"); ev.Actor != "agent:7" || ev.Data["late"] != "false" {
				t.Errorf("first_response event %+v", ev)
			}
			v, _ = e.svc.ForRequester(ctx, id, c.Token)
			if last := v.Messages[len(v.Messages)-1]; last.ID != reply.ID || last.Author != ticket.Agent {
				t.Errorf("the requester does not see the reply: %+v", last)
			}

			// The agent picks the status; the first response stays the first.
			first := tk.SLA.FirstResponseAt
			e.now = e.now.Add(time.Hour)
			tk, _, err = e.svc.AgentReply(ctx, id, 8, ticket.AgentReply{Body: "Please reply with the hash.", Status: ticket.Pending})
			if err != nil || tk.Status != ticket.Pending || !tk.SLA.FirstResponseAt.Equal(first) {
				t.Errorf("reply and pending: %s %v %v", tk.Status, tk.SLA.FirstResponseAt, err)
			}
			if k := eventKinds(t, e.db, id); k["first_response"] != 1 || k["message_added"] != 3 || k["status_changed"] != 2 {
				t.Errorf("events %v", k)
			}

			// Closed: public replies are refused, notes are kept.
			if _, err := e.svc.SetStatus(ctx, id, 7, ticket.Closed, "resolved by phone"); err != nil {
				t.Fatal(err)
			}
			if _, _, err := e.svc.AgentReply(ctx, id, 7, ticket.AgentReply{Body: "hello?"}); desk.ErrorKind(err) != desk.KindConflict {
				t.Errorf("public reply on a closed ticket: %v", err)
			}
			if _, _, err := e.svc.AgentReply(ctx, id, 7, ticket.AgentReply{Body: "for the record", Internal: true}); err != nil {
				t.Errorf("note on a closed ticket: %v", err)
			}
		})
	}
}

func TestAgentReplyValidationAndRedaction(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, storetest.OpenSQLite(t))
	c := create(t, e, "bo@example.com", "导入失败", "导入钱包一直提示无效", desk.Chinese)
	before, _, _ := e.svc.ForAgent(ctx, c.Ticket.ID)
	for _, tc := range []struct {
		agent int64
		r     ticket.AgentReply
		field string
	}{
		{7, ticket.AgentReply{Body: "  "}, "body"},
		{7, ticket.AgentReply{Body: strings.Repeat("字", ticket.MaxBodyRunes+1)}, "body"},
		{0, ticket.AgentReply{Body: "hi"}, "agent"},
		{7, ticket.AgentReply{Body: "hi", Status: ticket.New}, "status"},
		{7, ticket.AgentReply{Body: "hi", Status: "waiting"}, "status"},
	} {
		_, _, err := e.svc.AgentReply(ctx, c.Ticket.ID, tc.agent, tc.r)
		if de, ok := err.(*desk.Error); !ok || de.Kind != desk.KindInvalid || de.Fields[tc.field] == "" {
			t.Errorf("%+v: %v", tc, err)
		}
	}
	_, msgs, _ := e.svc.ForAgent(ctx, c.Ticket.ID)
	if len(msgs) != 2 {
		t.Fatalf("refused replies were stored: %d messages", len(msgs))
	}
	if _, _, err := e.svc.AgentReply(ctx, 424242, 7, ticket.AgentReply{Body: "hi"}); !desk.IsNotFound(err) {
		t.Errorf("missing ticket: %v", err)
	}

	// An agent pastes the user's phrase by mistake: it never reaches storage.
	_, m, err := e.svc.AgentReply(ctx, c.Ticket.ID, 7, ticket.AgentReply{Body: "你发来的是：" + phrase + "，请不要再发给任何人。"})
	if err != nil {
		t.Fatal(err)
	}
	_, msgs, _ = e.svc.ForAgent(ctx, c.Ticket.ID)
	stored := msgs[len(msgs)-1]
	if strings.Contains(stored.Body, "sausage") || !strings.Contains(stored.Body, "[redacted") || len(stored.Redactions) == 0 || stored.ID != m.ID {
		t.Errorf("stored %+v", stored)
	}
	if ev := lastEvent(t, e.db, c.Ticket.ID, "redacted"); ev.Data["where"] != "agent reply" {
		t.Errorf("redacted event %+v", ev)
	}
	if before.Severity == triage.S1 {
		t.Error("test premise: the request was S1 already")
	}
}

func TestSetStatus(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, storetest.OpenSQLite(t))
	c := create(t, e, "cy@example.com", "thanks", "great app, how do I back up?", desk.Japanese)
	id := c.Ticket.ID
	if _, err := e.svc.SetStatus(ctx, id, 7, ticket.New, ""); desk.ErrorKind(err) != desk.KindInvalid {
		t.Errorf("back to new: %v", err)
	}
	if _, err := e.svc.SetStatus(ctx, id, 7, ticket.Solved, strings.Repeat("x", ticket.MaxReasonRunes+1)); desk.ErrorKind(err) != desk.KindInvalid {
		t.Errorf("long reason: %v", err)
	}
	tk, err := e.svc.SetStatus(ctx, id, 7, ticket.Solved, "answered in chat")
	if err != nil || tk.Status != ticket.Solved {
		t.Fatalf("%+v %v", tk, err)
	}
	ev := lastEvent(t, e.db, id, "status_changed")
	if ev.Actor != "agent:7" || ev.Data["from"] != "new" || ev.Data["to"] != "solved" || ev.Data["reason"] != "answered in chat" {
		t.Errorf("event %+v", ev)
	}
	n := eventKinds(t, e.db, id)["status_changed"]
	if _, err := e.svc.SetStatus(ctx, id, 7, ticket.Solved, ""); err != nil || eventKinds(t, e.db, id)["status_changed"] != n {
		t.Errorf("a no-op change wrote an event (%v)", err)
	}
	// An agent may reopen a closed ticket.
	e.svc.SetStatus(ctx, id, 7, ticket.Closed, "")
	if tk, err := e.svc.SetStatus(ctx, id, 9, ticket.Open, "requester called back"); err != nil || tk.Status != ticket.Open {
		t.Errorf("reopen: %s %v", tk.Status, err)
	}
}

// An edit of several parts is applied whole or not at all, each part
// judged on what the earlier ones left.
func TestEditIsAtomic(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, storetest.OpenSQLite(t))
	c := create(t, e, "eve@example.com", "which network", "is USDT on TRON the same as on Ethereum?", desk.English)
	id := c.Ticket.ID
	s2, closed, open := triage.S2, ticket.Closed, ticket.Open
	events := len(eventKinds(t, e.db, id))
	// Closing and assigning at once: the assignment is refused, and so is
	// the raise and the close that came before it.
	_, err := e.svc.Edit(ctx, id, 7, ticket.Edit{Severity: &s2, Status: &closed, Assign: 7, Reason: "large amount"})
	if desk.ErrorKind(err) != desk.KindConflict {
		t.Fatalf("close and assign: %v", err)
	}
	tk, _, _ := e.svc.ForAgent(ctx, id)
	if tk.Severity != c.Ticket.Severity || tk.Status != c.Ticket.Status || tk.Assignee != 0 || len(eventKinds(t, e.db, id)) != events {
		t.Fatalf("a refused edit changed the ticket: %s %s %d", tk.Severity, tk.Status, tk.Assignee)
	}
	// Raise, reopen from closed and take it: one transaction, three events.
	if _, err := e.svc.SetStatus(ctx, id, 7, ticket.Closed, ""); err != nil {
		t.Fatal(err)
	}
	tk, err = e.svc.Edit(ctx, id, 7, ticket.Edit{Severity: &s2, Status: &open, Assign: 7, Reason: "large amount"})
	if err != nil || tk.Severity != triage.S2 || tk.Status != ticket.Open || tk.Assignee != 7 {
		t.Fatalf("reopen and take: %s %s %d %v", tk.Severity, tk.Status, tk.Assignee, err)
	}
	for _, k := range []string{"severity_changed", "assigned"} {
		if lastEvent(t, e.db, id, k).Actor != "agent:7" {
			t.Errorf("no %s event by agent 7", k)
		}
	}
	for _, bad := range []ticket.Edit{{}, {Assign: 7, Unassign: true}, {Assign: -1}, {Severity: &s2}} {
		if _, err := e.svc.Edit(ctx, id, 7, bad); desk.ErrorKind(err) != desk.KindInvalid {
			t.Errorf("%+v: %v", bad, err)
		}
	}
}

func TestSetSeverity(t *testing.T) {
	for _, eng := range storetest.Engines(t) {
		t.Run(eng.Name, func(t *testing.T) {
			ctx := context.Background()
			e := newEnv(t, eng.Open(t))
			created := e.now
			theft := create(t, e, "dee@example.com", "wallet drained", "All my USDT was sent to an address I don't know, unauthorized transfer", desk.English)
			if theft.Ticket.Severity != triage.S1 {
				t.Fatalf("test premise: %s", theft.Ticket.Severity)
			}
			id := theft.Ticket.ID
			if _, err := e.svc.SetSeverity(ctx, id, 7, triage.S3, "", true); desk.ErrorKind(err) != desk.KindInvalid {
				t.Errorf("no reason: %v", err)
			}
			if _, err := e.svc.SetSeverity(ctx, id, 7, triage.Severity(9), "x", true); desk.ErrorKind(err) != desk.KindInvalid {
				t.Errorf("S9: %v", err)
			}
			_, err := e.svc.SetSeverity(ctx, id, 7, triage.S3, "it was a test transfer to a friend", false)
			if desk.ErrorKind(err) != desk.KindForbidden {
				t.Fatalf("an agent lowered an S1: %v", err)
			}
			if tk, _, _ := e.svc.ForAgent(ctx, id); tk.Severity != triage.S1 {
				t.Fatalf("the refused change was applied: %s", tk.Severity)
			}
			// A supervisor may; the due time moves back to the S3 target.
			tk, err := e.svc.SetSeverity(ctx, id, 2, triage.S3, "it was a test transfer to a friend", true)
			if err != nil || tk.Severity != triage.S3 {
				t.Fatalf("%s %v", tk.Severity, err)
			}
			if want := e.svc.SLA().Due(created, triage.S3); !tk.SLA.FirstResponseDue.Equal(want) || !strings.Contains(tk.SLA.Policy, "business") {
				t.Errorf("due %v (%s), want %v", tk.SLA.FirstResponseDue, tk.SLA.Policy, want)
			}
			ev := lastEvent(t, e.db, id, "severity_changed")
			if ev.Actor != "agent:2" || ev.Data["from"] != "S1" || ev.Data["to"] != "S3" || ev.Data["reason"] == "" {
				t.Errorf("event %+v", ev)
			}

			// Raising brings the due time closer, counted from now.
			e.now = e.now.Add(2 * time.Hour)
			tk, err = e.svc.SetSeverity(ctx, id, 7, triage.S2, "larger amount than stated", false)
			if err != nil || !tk.SLA.FirstResponseDue.Equal(e.now.Add(time.Hour)) {
				t.Errorf("raise: due %v, want %v (%v)", tk.SLA.FirstResponseDue, e.now.Add(time.Hour), err)
			}
			// Once answered, the due time is history and stays.
			e.svc.AgentReply(ctx, id, 7, ticket.AgentReply{Body: "On it."})
			due := tk.SLA.FirstResponseDue
			tk, _ = e.svc.SetSeverity(ctx, id, 7, triage.S4, "how-to in the end", false)
			if !tk.SLA.FirstResponseDue.Equal(due) || tk.Severity != triage.S4 {
				t.Errorf("after the first response: %s due %v, want %v", tk.Severity, tk.SLA.FirstResponseDue, due)
			}
		})
	}
}
