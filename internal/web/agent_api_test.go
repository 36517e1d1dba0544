package web

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/identity"
	"github.com/walletdesk/walletdesk/internal/ticket"
	"github.com/walletdesk/walletdesk/internal/triage"
)

type apiQueuePage struct {
	Tickets []struct {
		ID       int64  `json:"id"`
		Subject  string `json:"subject"`
		Severity string `json:"severity"`
		Status   string `json:"status"`
		Locale   string `json:"locale"`
		Assignee *int64 `json:"assignee"`
		SLA      struct {
			FirstResponseDue time.Time  `json:"first_response_due"`
			FirstResponseAt  *time.Time `json:"first_response_at"`
			Breached         bool       `json:"breached"`
			DueInSeconds     *int64     `json:"due_in_seconds"`
		} `json:"sla"`
		Preview      *string `json:"preview"`
		MessageCount *int    `json:"message_count"`
	} `json:"tickets"`
	Next *string `json:"next"`
}

func TestAgentAPIQueue(t *testing.T) {
	e := newQueueEnv(t)
	f := e.fixture(t)
	e.sync(t)
	ana := e.agent(t, "ana@example.com", identity.RoleAgent)
	tok := e.token(t, ana.ID, identity.ScopeTicketsRead)

	var p apiQueuePage
	r := e.api(t, "GET", "/api/v1/agent/tickets", tok, "")
	decode(t, r, &p)
	if r.code != http.StatusOK || len(p.Tickets) != 5 || p.Next != nil {
		t.Fatalf("queue: %d %s", r.code, r.body)
	}
	first := p.Tickets[0]
	if first.ID != f.theft.Ticket.ID || first.Severity != "S1" || first.Status != "new" || first.Locale != "en" || first.Assignee != nil ||
		first.SLA.FirstResponseAt != nil || first.SLA.DueInSeconds == nil || *first.SLA.DueInSeconds <= 0 || *first.SLA.DueInSeconds > 15*60 ||
		first.SLA.FirstResponseDue.IsZero() || first.MessageCount == nil || *first.MessageCount != 2 || first.Preview == nil || !strings.Contains(*first.Preview, "USDT") {
		t.Errorf("first row: %+v", first)
	}
	if p.Tickets[4].Severity != "S4" {
		t.Errorf("last row: %+v", p.Tickets[4])
	}
	// The console's order and filters, keyset paging with next.
	var page1, page2 apiQueuePage
	decode(t, e.api(t, "GET", "/api/v1/agent/tickets?limit=3", tok, ""), &page1)
	if len(page1.Tickets) != 3 || page1.Next == nil {
		t.Fatalf("page 1: %+v", page1)
	}
	decode(t, e.api(t, "GET", "/api/v1/agent/tickets?limit=3&cursor="+*page1.Next, tok, ""), &page2)
	if len(page2.Tickets) != 2 || page2.Next != nil || page2.Tickets[0].ID != p.Tickets[3].ID {
		t.Errorf("page 2: %+v", page2)
	}
	var zh apiQueuePage
	decode(t, e.api(t, "GET", "/api/v1/agent/tickets?locale=zh-CN", tok, ""), &zh)
	if len(zh.Tickets) != 1 || zh.Tickets[0].ID != f.zhStuck.Ticket.ID {
		t.Errorf("locale filter: %+v", zh)
	}
	var search apiQueuePage
	decode(t, e.api(t, "GET", "/api/v1/agent/tickets?q=%E8%BD%AC%E8%B4%A6", tok, ""), &search) // 转账
	if len(search.Tickets) != 1 || search.Tickets[0].ID != f.zhStuck.Ticket.ID {
		t.Errorf("search: %+v", search)
	}
	r = e.api(t, "GET", "/api/v1/agent/tickets?severity=S7&status=gone", tok, "")
	var er apiErr
	decode(t, r, &er)
	if r.code != http.StatusUnprocessableEntity || er.Error.Code != "invalid_filter" || er.Error.Fields["severity"] == "" || er.Error.Fields["status"] == "" {
		t.Errorf("bad filter: %d %s", r.code, r.body)
	}
}

func TestAgentAPITicketAndActions(t *testing.T) {
	e := newQueueEnv(t)
	ctx := context.Background()
	c := e.request(t, "Transfer pending for hours", "I sent USDT three hours ago and it still says pending.", desk.English)
	id := itoa(c.Ticket.ID)
	ana := e.agent(t, "ana@example.com", identity.RoleAgent)
	sup := e.agent(t, "sup@example.com", identity.RoleSupervisor)
	tok := e.token(t, ana.ID, identity.ScopeTicketsRead, identity.ScopeTicketsWrite)
	supTok := e.token(t, sup.ID, identity.ScopeTicketsRead, identity.ScopeTicketsWrite)

	// A reply that carries a secret is stored redacted and said so.
	r := e.api(t, "POST", "/api/v1/agent/tickets/"+id+"/messages", tok, `{"body":"Please never share this: `+consolePhrase+`","status":"pending"}`)
	var sent struct {
		Message struct {
			ID         int64                   `json:"id"`
			Author     string                  `json:"author"`
			AgentID    int64                   `json:"agent_id"`
			Internal   bool                    `json:"internal"`
			Body       string                  `json:"body"`
			Redactions []struct{ Kind string } `json:"redactions"`
		} `json:"message"`
		Ticket struct{ Status string } `json:"ticket"`
	}
	decode(t, r, &sent)
	if r.code != http.StatusCreated || sent.Message.Author != "agent" || sent.Message.AgentID != ana.ID || sent.Message.Internal ||
		strings.Contains(sent.Message.Body, "sausage") || len(sent.Message.Redactions) != 1 || sent.Ticket.Status != "pending" {
		t.Errorf("reply: %d %s", r.code, r.body)
	}
	if !e.audited(t, "ticket.reply", "ticket:"+id) {
		t.Error("API reply not audited")
	}
	for _, bad := range []string{`{"body":""}`, `{"body":"x","extra":1}`, `{"body":"x","status":"new"}`, `not json`} {
		if r := e.api(t, "POST", "/api/v1/agent/tickets/"+id+"/messages", tok, bad); r.code != http.StatusUnprocessableEntity || !strings.Contains(r.body, `"error":{"code":`) {
			t.Errorf("%s: %d %s", bad, r.code, r.body)
		}
	}

	// The whole request: messages (notes included) and events.
	e.api(t, "POST", "/api/v1/agent/tickets/"+id+"/messages", tok, `{"body":"internal only","internal":true}`)
	var full struct {
		ID       int64 `json:"id"`
		Severity string
		Reasons  []struct{ Code, Message string }
		Messages []struct {
			Author   string
			Internal bool
			Body     string
		}
		Events []struct {
			Actor, Kind string
			Data        map[string]string
		}
	}
	r = e.api(t, "GET", "/api/v1/agent/tickets/"+id, tok, "")
	decode(t, r, &full)
	if full.ID != c.Ticket.ID || len(full.Messages) != len(c.Messages)+2 || !full.Messages[len(full.Messages)-1].Internal || len(full.Reasons) == 0 {
		t.Errorf("request: %s", r.body)
	}
	kinds := map[string]bool{}
	for _, ev := range full.Events {
		kinds[ev.Kind] = true
	}
	for _, k := range []string{"created", "message_added", "first_response", "status_changed", "redacted"} {
		if !kinds[k] {
			t.Errorf("events lack %s: %v", k, kinds)
		}
	}

	// PATCH: status for an agent; severity needs a supervisor and a reason;
	// assignee "me", an id, null.
	patch := func(tok, body string) resp { return e.api(t, "PATCH", "/api/v1/agent/tickets/"+id, tok, body) }
	if r := patch(tok, `{"status":"open","assignee":"me"}`); r.code != http.StatusOK || !strings.Contains(r.body, `"assignee":`+itoa(ana.ID)) || !strings.Contains(r.body, `"status":"open"`) {
		t.Errorf("status and take: %d %s", r.code, r.body)
	}
	if r := patch(tok, `{"assignee":`+itoa(sup.ID)+`}`); r.code != http.StatusForbidden {
		t.Errorf("agent assigns to another: %d", r.code)
	}
	if r := patch(supTok, `{"severity":"S1"}`); r.code != http.StatusUnprocessableEntity || !strings.Contains(r.body, `"reason"`) {
		t.Errorf("severity without reason: %d %s", r.code, r.body)
	}
	if r := patch(supTok, `{"severity":"S1","reason":"funds moving","assignee":`+itoa(sup.ID)+`}`); r.code != http.StatusOK {
		t.Errorf("supervisor: %d %s", r.code, r.body)
	}
	tk, _, _ := e.tickets.ForAgent(ctx, c.Ticket.ID)
	if tk.Severity != triage.S1 || tk.Assignee != sup.ID || tk.Status != ticket.Open {
		t.Errorf("after PATCH: %s %d %s", tk.Severity, tk.Assignee, tk.Status)
	}
	if r := patch(tok, `{"assignee":null}`); r.code != http.StatusForbidden {
		t.Errorf("agent unassigns a supervisor: %d", r.code)
	}
	if r := patch(supTok, `{"assignee":null}`); r.code != http.StatusOK || !strings.Contains(r.body, `"assignee":null`) {
		t.Errorf("unassign: %d %s", r.code, r.body)
	}
	for _, bad := range []string{`{}`, `{"status":"lost"}`, `{"severity":"S9","reason":"x"}`, `{"assignee":true}`, `{"assignee":99999}`} {
		if r := patch(supTok, bad); r.code != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d %s", bad, r.code, r.body)
		}
	}
	for _, a := range []string{"ticket.status", "ticket.severity", "ticket.assign", "ticket.unassign"} {
		if !e.audited(t, a, "ticket:"+id) {
			t.Errorf("%s not audited", a)
		}
	}
	// A refused PATCH changes nothing, even the valid part of it.
	before, _, _ := e.tickets.ForAgent(ctx, c.Ticket.ID)
	if r := patch(tok, `{"status":"solved","severity":"S4","reason":"x"}`); r.code != http.StatusForbidden {
		t.Errorf("agent lowering severity with a status: %d", r.code)
	}
	if after, _, _ := e.tickets.ForAgent(ctx, c.Ticket.ID); after.Status != before.Status {
		t.Errorf("a refused PATCH changed the status to %s", after.Status)
	}
	// A part refused by the ticket's state (assigning while closing) undoes
	// the parts before it.
	if r := patch(supTok, `{"severity":"S2","reason":"amount","status":"closed","assignee":"me"}`); r.code != http.StatusConflict {
		t.Errorf("close and assign: %d %s", r.code, r.body)
	}
	if after, _, _ := e.tickets.ForAgent(ctx, c.Ticket.ID); after.Status != before.Status || after.Severity != before.Severity {
		t.Errorf("a refused PATCH changed the ticket: %s %s", after.Status, after.Severity)
	}
}
