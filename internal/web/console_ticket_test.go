package web

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/identity"
	"github.com/walletdesk/walletdesk/internal/ticket"
	"github.com/walletdesk/walletdesk/internal/triage"
)

const consolePhrase = "legal winner thank year wave sausage worth useful legal winner thank yellow"

func TestTicketViewShowsTheCase(t *testing.T) {
	e := newQueueEnv(t)
	ctx := context.Background()
	c := e.request(t, "I typed my seed phrase into a website", "Someone asked me to validate my wallet, here it is: "+consolePhrase, desk.English)
	other := e.request(t, "How do I back up my wallet?", "What is the safest way to keep my recovery phrase?", desk.English)
	// Same requester: the second request is theirs too.
	if c.Ticket.Email != other.Ticket.Email {
		t.Fatalf("fixture: %s vs %s", c.Ticket.Email, other.Ticket.Email)
	}
	b, ana := e.signedIn(t, "ana@example.com", identity.RoleAgent)
	if _, _, err := e.tickets.AgentReply(ctx, c.Ticket.ID, ana.ID, ticket.AgentReply{Body: "Checked the explorer: nonce gap.", Internal: true}); err != nil {
		t.Fatal(err)
	}
	r := b.get("/console/tickets/" + itoa(c.Ticket.ID))
	if r.code != http.StatusOK {
		t.Fatalf("request view: %d %s", r.code, r.body)
	}
	page := html.UnescapeString(r.body)
	for _, want := range []string{
		`data-severity="S1"`, "I typed my seed phrase into a website",
		`class="redaction"`,                  // the marker shows as a badge
		`t-msg-note`, "Checked the explorer", // the internal note, marked as one
		`t-msg-requester`, `t-msg-system`, // requester and automatic replies differ
		"#" + itoa(other.Ticket.ID),         // their other request
		c.Ticket.Email,                      // requester info
		"(kb:phrase-exposed)",               // a suggested article, ready to insert
		`id="reply-form"`, `id="assign-me"`, // actions an agent may take
	} {
		if !strings.Contains(page, want) {
			t.Errorf("request view lacks %q", want)
		}
	}
	if strings.Contains(r.body, "sausage") {
		t.Error("the phrase reached the page")
	}
	// An agent changes severity (with a reason) but does not merge.
	if !strings.Contains(r.body, `id="severity-form"`) || strings.Contains(r.body, `id="merge-form"`) {
		t.Error("an agent's actions are wrong")
	}
	sup, _ := e.signedIn(t, "sup@example.com", identity.RoleSupervisor)
	if r := sup.get("/console/tickets/" + itoa(c.Ticket.ID)); !strings.Contains(r.body, `id="severity-form"`) || !strings.Contains(r.body, `id="merge-form"`) {
		t.Error("a supervisor is not offered severity and merge")
	}
	if r := b.get("/console/tickets/999999"); r.code != http.StatusNotFound {
		t.Errorf("missing request: %d", r.code)
	}
	if r := b.get("/console/tickets/abc"); r.code != http.StatusNotFound {
		t.Errorf("bad id: %d", r.code)
	}
}

func TestTicketActions(t *testing.T) {
	e := newQueueEnv(t)
	ctx := context.Background()
	c := e.request(t, "送金が保留中のまま", "3時間前に友人へUSDTを送金しましたが、まだ保留中です。", desk.Japanese)
	dup := e.request(t, "送金が届かない", "同じ送金の件です。まだ届いていません。", desk.Japanese)
	id, path := c.Ticket.ID, "/console/tickets/"+itoa(c.Ticket.ID)
	target := "ticket:" + itoa(id)
	b, ana := e.signedIn(t, "ana@example.com", identity.RoleAgent)
	sup, boss := e.signedIn(t, "sup@example.com", identity.RoleSupervisor)
	b.get(path)

	// Preview: rendered, redacted, nothing stored.
	r := b.post(path+"/reply", form("body", "**Hello**\n\nYou wrote: "+consolePhrase, "kind", "reply", "action", "preview"))
	if r.code != http.StatusOK || !strings.Contains(r.body, "<strong>Hello</strong>") || strings.Contains(r.body, "sausage") {
		t.Errorf("preview: %d %s", r.code, between(r.body, `id="reply-preview"`, "</section>"))
	}
	if _, msgs, _ := e.tickets.ForAgent(ctx, id); len(msgs) != len(c.Messages) {
		t.Error("a preview stored a message")
	}
	// The script's preview answers JSON.
	r = b.do("POST", "/console/api/tickets/"+itoa(id)+"/preview", url.Values{"body": {"[記事](kb:transaction-pending) " + consolePhrase}}, "X-CSRF-Token", b.csrf)
	var pv struct {
		HTML     string `json:"html"`
		Redacted bool   `json:"redacted"`
	}
	decode(t, r, &pv)
	if !pv.Redacted || !strings.Contains(pv.HTML, `href="/ja/articles/transaction-pending"`) || strings.Contains(pv.HTML, "sausage") {
		t.Errorf("JSON preview: %+v", pv)
	}

	// Reply, then a note; each audited; the reply answers the request.
	r = b.post(path+"/reply", form("body", "ご連絡ありがとうございます。ハッシュを確認します。", "kind", "reply", "after", "pending"))
	if r.code != http.StatusSeeOther || !strings.HasPrefix(r.loc, path+"?done=reply#m") {
		t.Fatalf("reply: %d %q %s", r.code, r.loc, r.body)
	}
	r = b.post(path+"/reply", form("body", "Nonce gap on the explorer; watch it.", "kind", "note"))
	if r.code != http.StatusSeeOther {
		t.Fatalf("note: %d %s", r.code, r.body)
	}
	tk, msgs, _ := e.tickets.ForAgent(ctx, id)
	last := msgs[len(msgs)-1]
	if tk.Status != ticket.Pending || tk.SLA.FirstResponseAt.IsZero() || !last.Internal || last.AgentID != ana.ID {
		t.Errorf("after reply and note: %s, answered %v, last %+v", tk.Status, tk.SLA.FirstResponseAt, last)
	}
	if !e.audited(t, "ticket.reply", target) || !e.audited(t, "ticket.note", target) {
		t.Error("reply or note not audited")
	}
	// An empty reply is refused next to the form, with a localized message.
	r = b.post(path+"/reply", form("body", "  ", "kind", "reply"))
	if r.code != http.StatusUnprocessableEntity || !strings.Contains(r.body, `class="c-field-error"`) {
		t.Errorf("empty reply: %d", r.code)
	}

	// Status with a reason.
	r = b.post(path+"/status", form("status", "solved", "reason", "Confirmed on chain"))
	if tk, _, _ = e.tickets.ForAgent(ctx, id); r.code != http.StatusSeeOther || tk.Status != ticket.Solved || !e.audited(t, "ticket.status", target) {
		t.Errorf("status: %d %s", r.code, tk.Status)
	}
	if r := b.post(path+"/status", form("status", "new")); r.code != http.StatusUnprocessableEntity {
		t.Errorf("back to new: %d", r.code)
	}

	// Severity: supervisors only, a reason required, S1 lowered by a
	// supervisor only.
	sup.get(path)
	if r := sup.post(path+"/severity", form("severity", "S1", "reason", "")); r.code != http.StatusUnprocessableEntity {
		t.Errorf("severity without reason: %d", r.code)
	}
	if r := sup.post(path+"/severity", form("severity", "S1", "reason", "Requester says funds are moving")); r.code != http.StatusSeeOther {
		t.Fatalf("raise to S1: %d %s", r.code, r.body)
	}
	if tk, _, _ = e.tickets.ForAgent(ctx, id); tk.Severity != triage.S1 || !e.audited(t, "ticket.severity", target) {
		t.Errorf("severity: %s", tk.Severity)
	}
	if r := sup.post(path+"/severity", form("severity", "S3", "reason", "False alarm, checked")); r.code != http.StatusSeeOther {
		t.Errorf("supervisor lowers S1: %d %s", r.code, r.body)
	}

	// Assignment: to me; a supervisor assigns to someone else; unassign.
	b.get(path)
	if r := b.post(path+"/assign", form("assignee", "me")); r.code != http.StatusSeeOther {
		t.Errorf("assign to me: %d %s", r.code, r.body)
	}
	if tk, _, _ = e.tickets.ForAgent(ctx, id); tk.Assignee != ana.ID {
		t.Errorf("assignee %d", tk.Assignee)
	}
	if r := b.post(path+"/assign", form("assignee", itoa(boss.ID))); r.code != http.StatusForbidden {
		t.Errorf("agent assigning to another: %d", r.code)
	}
	sup.get(path)
	if r := sup.post(path+"/assign", form("assignee", "99999")); r.code != http.StatusUnprocessableEntity {
		t.Errorf("assign to nobody: %d", r.code)
	}
	if r := sup.post(path+"/assign", form("assignee", itoa(boss.ID))); r.code != http.StatusSeeOther {
		t.Errorf("supervisor assigns: %d", r.code)
	}
	if r := sup.post(path+"/unassign", nil); r.code != http.StatusSeeOther {
		t.Errorf("unassign: %d", r.code)
	}
	if tk, _, _ = e.tickets.ForAgent(ctx, id); tk.Assignee != 0 || !e.audited(t, "ticket.assign", target) || !e.audited(t, "ticket.unassign", target) {
		t.Errorf("after unassign: %d", tk.Assignee)
	}

	// Merge the duplicate into the first request.
	dpath := "/console/tickets/" + itoa(dup.Ticket.ID)
	sup.get(dpath)
	if r := sup.post(dpath+"/merge", form("target", itoa(dup.Ticket.ID))); r.code != http.StatusUnprocessableEntity {
		t.Errorf("merge into itself: %d", r.code)
	}
	if r := sup.post(dpath+"/merge", form("target", "#"+itoa(id))); r.code != http.StatusSeeOther || r.loc != path+"?done=merged" {
		t.Fatalf("merge: %d %q %s", r.code, r.loc, r.body)
	}
	dt, _, _ := e.tickets.ForAgent(ctx, dup.Ticket.ID)
	_, tm, _ := e.tickets.ForAgent(ctx, id)
	if dt.Status != ticket.Closed || !tm[len(tm)-1].Internal || !e.audited(t, "ticket.merge", "ticket:"+itoa(dup.Ticket.ID)) {
		t.Errorf("merge: duplicate %s, last message %+v", dt.Status, tm[len(tm)-1])
	}

	// Macros: the picker's no-script path fills the reply in the
	// requester's locale; the script's endpoint answers JSON.
	list, _ := e.macros.List(ctx, false)
	var pending ticket.Macro
	for _, m := range list {
		if m.StarterKey == "pending-transfer" {
			pending = m
		}
	}
	r = b.get(path + "?macro=" + itoa(pending.ID))
	body := html.UnescapeString(between(r.body, `<textarea id="reply-body"`, "</textarea>"))
	if !strings.Contains(body, "#"+itoa(id)) || !strings.Contains(body, "様") || strings.Contains(body, "{{") {
		t.Errorf("macro in the reply: %s", body)
	}
	r = b.get("/console/api/tickets/" + itoa(id) + "/macros/" + itoa(pending.ID))
	var rm struct{ Locale, Body string }
	decode(t, r, &rm)
	if rm.Locale != "ja" || !strings.Contains(rm.Body, "Name of ana@example.com") || !strings.Contains(rm.Body, "](kb:speed-up-cancel)") {
		t.Errorf("macro JSON: %+v", rm)
	}
	if r := b.get("/console/api/tickets/" + itoa(id) + "/macros/99999"); r.code != http.StatusNotFound || !strings.Contains(r.body, `"code":"not_found"`) {
		t.Errorf("unknown macro: %d %s", r.code, r.body)
	}
}

// TestRequesterNeverSeesInternalNotes: notes written in the console and
// through the agent API never reach the requester's API nor their page;
// public replies do.
func TestRequesterNeverSeesInternalNotes(t *testing.T) {
	e := newQueueEnv(t)
	c := e.request(t, "Transfer pending for hours", "I sent USDT three hours ago and it still says pending.", desk.English)
	id := itoa(c.Ticket.ID)
	b, ana := e.signedIn(t, "ana@example.com", identity.RoleAgent)
	b.get("/console/tickets/" + id)
	b.post("/console/tickets/"+id+"/reply", form("kind", "note", "body", "CONSOLE-NOTE requester seems to be the scammer"))
	b.post("/console/tickets/"+id+"/reply", form("kind", "reply", "body", "PUBLIC-REPLY Please send the transaction hash."))
	tok := e.token(t, ana.ID, identity.ScopeTicketsRead, identity.ScopeTicketsWrite)
	if r := e.api(t, "POST", "/api/v1/agent/tickets/"+id+"/messages", tok, `{"body":"API-NOTE escalate to security","internal":true}`); r.code != http.StatusCreated {
		t.Fatalf("API note: %d %s", r.code, r.body)
	}

	pub := e.api(t, "GET", "/api/v1/tickets/"+id, c.Token, "")
	page := e.browser(t).get("/en/requests/" + id + "?token=" + url.QueryEscape(c.Token))
	for name, body := range map[string]string{"API": pub.body, "page": page.body} {
		if !strings.Contains(body, "PUBLIC-REPLY") {
			t.Errorf("requester %s lacks the public reply", name)
		}
		if strings.Contains(body, "CONSOLE-NOTE") || strings.Contains(body, "API-NOTE") || strings.Contains(body, "scammer") {
			t.Errorf("requester %s shows an internal note", name)
		}
	}
	// Agents see all three.
	r := e.api(t, "GET", "/api/v1/agent/tickets/"+id, tok, "")
	for _, want := range []string{"CONSOLE-NOTE", "API-NOTE", "PUBLIC-REPLY", `"internal":true`} {
		if !strings.Contains(r.body, want) {
			t.Errorf("agent API lacks %s", want)
		}
	}
}
