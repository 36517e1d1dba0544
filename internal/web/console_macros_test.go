package web

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/identity"
)

func TestMacrosPages(t *testing.T) {
	e := newQueueEnv(t)
	ctx := context.Background()
	agent, _ := e.signedIn(t, "ana@example.com", identity.RoleAgent)
	sup, _ := e.signedIn(t, "sup@example.com", identity.RoleSupervisor)

	// Agents read the starter set in every language; they cannot manage it.
	r := agent.get("/console/macros")
	if r.code != http.StatusOK || !strings.Contains(r.body, "Transfer pending") || !strings.Contains(r.body, "转账") || !strings.Contains(r.body, "送金") {
		t.Fatalf("macros list: %d", r.code)
	}
	if strings.Contains(r.body, `id="macro-new"`) || strings.Contains(r.body, "/archive") {
		t.Error("an agent is offered macro management")
	}

	// A supervisor creates one; a pasted secret and an unknown placeholder
	// are refused, field by field, and the secret is not shown back.
	sup.get("/console/macros/new")
	r = sup.post("/console/macros", form("name", "Exchange deposit", "tags", "exchange, deposit",
		"body_en", "Hi {{requester.nam}}", "body_ja", "こんにちは "+consolePhrase))
	if r.code != http.StatusUnprocessableEntity || strings.Contains(r.body, "sausage") ||
		!strings.Contains(r.body, e.srv.cat.T(desk.English, "field.placeholder_unknown")) ||
		!strings.Contains(r.body, e.srv.cat.T(desk.English, "field.contains_secret")) {
		t.Errorf("invalid macro: %d %s", r.code, between(r.body, `id="macro-form"`, "</form>"))
	}
	r = sup.post("/console/macros", form("name", "Exchange deposit", "tags", "exchange, deposit",
		"body_en", "Hi {{requester.name}}, see {{article:exchange-deposit-missing}} (#{{ticket.id}}).",
		"body_ja", "{{requester.name}} 様、{{article:exchange-deposit-missing}} をご覧ください。"))
	if r.code != http.StatusSeeOther || r.loc != "/console/macros?done=created" {
		t.Fatalf("create: %d %s", r.code, r.body)
	}
	list, _ := e.macros.List(ctx, false)
	var id int64
	for _, m := range list {
		if m.Name == "Exchange deposit" {
			id = m.ID
		}
	}
	if id == 0 || !e.audited(t, "macro.create", macroTarget(id)) {
		t.Fatalf("created macro %d not found or not audited", id)
	}
	mp := "/console/macros/" + itoa(id)
	if r := sup.get(mp); r.code != http.StatusOK || !strings.Contains(r.body, "exchange-deposit-missing") {
		t.Errorf("edit page: %d", r.code)
	}
	if r := sup.post(mp, form("name", "Exchange deposit missing", "body_en", "Hello {{requester.name}}")); r.code != http.StatusSeeOther {
		t.Errorf("update: %d %s", r.code, r.body)
	}
	if m, _ := e.macros.Get(ctx, id); m.Name != "Exchange deposit missing" || m.Bodies[desk.Japanese] != "" || !e.audited(t, "macro.update", macroTarget(id)) {
		t.Errorf("after update: %+v", m)
	}
	// Archive: out of the list and the picker, never deleted; restore.
	if r := sup.post(mp+"/archive", nil); r.code != http.StatusSeeOther {
		t.Errorf("archive: %d", r.code)
	}
	if r := agent.get("/console/macros"); strings.Contains(r.body, "Exchange deposit missing") {
		t.Error("archived macro still listed")
	}
	if r := sup.get("/console/macros?archived=1"); !strings.Contains(r.body, "Exchange deposit missing") {
		t.Error("archived macro lost")
	}
	c := e.request(t, "Deposit missing on exchange", "I sent XRP to the exchange but forgot the destination tag.", desk.English)
	if r := agent.get("/console/api/tickets/" + itoa(c.Ticket.ID) + "/macros/" + itoa(id)); r.code != http.StatusNotFound {
		t.Errorf("archived macro rendered: %d", r.code)
	}
	if r := sup.post(mp+"/restore", nil); r.code != http.StatusSeeOther || !e.audited(t, "macro.archive", macroTarget(id)) || !e.audited(t, "macro.restore", macroTarget(id)) {
		t.Errorf("restore: %d", r.code)
	}
	if r := sup.post("/console/macros/99999", form("name", "x", "body_en", "y")); r.code != http.StatusNotFound {
		t.Errorf("update of a missing macro: %d", r.code)
	}
}
