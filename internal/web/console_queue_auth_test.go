package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/identity"
	"github.com/walletdesk/walletdesk/internal/ticket"
)

// queueRoute is one route this surface adds, what a request to it sends,
// and the permission it needs beyond ticket.read ("" when none).
type queueRoute struct {
	method, path string
	form         url.Values
	perm         identity.Permission
}

// queueRoutesFor lists every console route of the queue surface for
// request id and macro mid.
func queueRoutesFor(id, mid int64) []queueRoute {
	t := "/console/tickets/" + itoa(id)
	m := "/console/macros/" + itoa(mid)
	return []queueRoute{
		{"GET", "/console/", nil, ""},
		{"GET", "/console/events", nil, ""},
		{"GET", t, nil, ""},
		{"POST", t + "/reply", form("body", "A reply that must not be stored", "kind", "reply"), identity.PermTicketReply},
		{"POST", t + "/reply", form("body", "A note that must not be stored", "kind", "note"), identity.PermTicketNote},
		{"POST", t + "/status", form("status", "solved", "reason", "x"), identity.PermTicketStatus},
		{"POST", t + "/severity", form("severity", "S2", "reason", "x"), identity.PermTicketSeverity},
		{"POST", t + "/assign", form("assignee", "me"), identity.PermTicketAssignSelf},
		{"POST", t + "/unassign", form(), ""},
		{"POST", t + "/merge", form("target", "999"), identity.PermTicketMerge},
		{"POST", "/console/api/tickets/" + itoa(id) + "/preview", form("body", "**x**"), ""},
		{"GET", "/console/api/tickets/" + itoa(id) + "/macros/" + itoa(mid), nil, identity.PermMacroUse},
		{"GET", "/console/macros", nil, identity.PermMacroUse},
		{"GET", "/console/macros/new", nil, identity.PermMacroManage},
		{"POST", "/console/macros", form("name", "New one", "body_en", "Hello"), identity.PermMacroManage},
		{"GET", m, nil, identity.PermMacroManage},
		{"POST", m, form("name", "Renamed", "body_en", "Hello"), identity.PermMacroManage},
		{"POST", m + "/archive", form(), identity.PermMacroManage},
		{"POST", m + "/restore", form(), identity.PermMacroManage},
	}
}

// unchanged checks that a refused request left the request and the
// macros as they were.
func (e *queueEnv) unchanged(t *testing.T, label string, id int64, msgs int, mid int64) {
	t.Helper()
	tk, got, err := e.tickets.ForAgent(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != msgs || tk.Status != ticket.New || tk.Assignee != 0 || tk.Severity.String() != "S1" {
		t.Errorf("%s changed the request: %d messages, %s, assignee %d, %s", label, len(got), tk.Status, tk.Assignee, tk.Severity)
	}
	m, err := e.macros.Get(context.Background(), mid)
	if err != nil || m.Archived || m.Name == "Renamed" {
		t.Errorf("%s changed the macro: %+v %v", label, m.Name, err)
	}
	list, _ := e.macros.List(context.Background(), true)
	for _, x := range list {
		if x.Name == "New one" {
			t.Errorf("%s created a macro", label)
		}
	}
}

func TestQueueRoutesRefuseWithoutAccess(t *testing.T) {
	e := newQueueEnv(t)
	c := e.request(t, "Wallet drained, secret subject", "All my USDT was sent to an address I do not know this morning.", desk.English)
	id := c.Ticket.ID
	msgs := len(c.Messages)
	list, _ := e.macros.List(context.Background(), false)
	mid := list[0].ID
	routes := queueRoutesFor(id, mid)

	t.Run("signed out", func(t *testing.T) {
		b := e.browser(t)
		for _, rt := range routes {
			r := b.do(rt.method, rt.path, rt.form)
			want := http.StatusSeeOther
			if strings.HasPrefix(rt.path, "/console/api/") {
				want = http.StatusUnauthorized
			}
			if r.code != want || strings.Contains(r.body, "secret subject") {
				t.Errorf("%s %s signed out: %d %q", rt.method, rt.path, r.code, r.loc)
			}
			if want == http.StatusSeeOther && !strings.HasPrefix(r.loc, "/console/login") {
				t.Errorf("%s %s signed out: to %q", rt.method, rt.path, r.loc)
			}
		}
		e.unchanged(t, "signed out", id, msgs, mid)
	})

	t.Run("wrong role", func(t *testing.T) {
		agent, _ := e.signedIn(t, "ana@example.com", identity.RoleAgent)
		editor, _ := e.signedIn(t, "ed@example.com", identity.RoleEditor)
		for name, b := range map[string]*browser{"agent": agent, "editor": editor} {
			role := identity.Role(name)
			for _, rt := range routes {
				if rt.perm == "" || role.Can(rt.perm) || rt.path == "/console/tickets/"+itoa(id)+"/unassign" {
					continue
				}
				b.get("/console/tickets/" + itoa(id)) // a fresh CSRF token
				var r resp
				if rt.method == "POST" {
					r = b.post(rt.path, cloneForm(rt.form))
				} else {
					r = b.get(rt.path)
				}
				if r.code != http.StatusForbidden || strings.Contains(r.body, "All my USDT") {
					t.Errorf("%s %s %s: %d, want 403", name, rt.method, rt.path, r.code)
				}
			}
		}
		// Unassigning someone else's request needs assign_others.
		sup, _ := e.signedIn(t, "sup@example.com", identity.RoleSupervisor)
		sup.get("/console/tickets/" + itoa(id))
		if r := sup.post("/console/tickets/"+itoa(id)+"/assign", form("assignee", "me")); r.code != http.StatusSeeOther {
			t.Fatalf("supervisor takes the request: %d %s", r.code, r.body)
		}
		agent.get("/console/tickets/" + itoa(id))
		if r := agent.post("/console/tickets/"+itoa(id)+"/unassign", nil); r.code != http.StatusForbidden {
			t.Errorf("agent unassigning a supervisor's request: %d", r.code)
		}
		if r := agent.post("/console/tickets/"+itoa(id)+"/assign", form("assignee", "me")); r.code != http.StatusForbidden {
			t.Errorf("agent taking a supervisor's request: %d", r.code)
		}
		sup.post("/console/tickets/"+itoa(id)+"/unassign", nil)
		e.unchanged(t, "wrong role", id, msgs, mid)
	})

	t.Run("CSRF missing or forged", func(t *testing.T) {
		admin, _ := e.signedIn(t, "lead@example.com", identity.RoleAdmin)
		admin.get("/console/tickets/" + itoa(id))
		for _, rt := range routes {
			if rt.method != "POST" {
				continue
			}
			for _, tok := range []string{"", "forged"} {
				f := cloneForm(rt.form)
				f.Set("csrf", tok)
				if r := admin.do("POST", rt.path, f); r.code != http.StatusForbidden {
					t.Errorf("%s csrf=%q: %d", rt.path, tok, r.code)
				}
			}
			f := cloneForm(rt.form)
			f.Set("csrf", admin.csrf)
			if r := admin.do("POST", rt.path, f, "Sec-Fetch-Site", "cross-site"); r.code != http.StatusForbidden {
				t.Errorf("%s cross-site: %d", rt.path, r.code)
			}
		}
		e.unchanged(t, "CSRF", id, msgs, mid)
	})

	t.Run("expired session", func(t *testing.T) {
		b, _ := e.signedIn(t, "late@example.com", identity.RoleAgent)
		b.get("/console/tickets/" + itoa(id))
		e.clock.add(31 * time.Minute)
		for _, rt := range routes {
			var r resp
			if rt.method == "POST" {
				r = b.post(rt.path, cloneForm(rt.form))
			} else {
				r = b.get(rt.path)
			}
			want := http.StatusSeeOther
			if strings.HasPrefix(rt.path, "/console/api/") {
				want = http.StatusUnauthorized
			}
			if r.code != want || strings.Contains(r.body, "All my USDT") {
				t.Errorf("%s %s after expiry: %d", rt.method, rt.path, r.code)
			}
		}
		e.unchanged(t, "expired", id, msgs, mid)
	})
}

func cloneForm(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

func TestAgentAPIRefusesWithoutAccess(t *testing.T) {
	e := newQueueEnv(t)
	ctx := context.Background()
	c := e.request(t, "Wallet drained, secret subject", "All my USDT was sent to an address I do not know this morning.", desk.English)
	id := itoa(c.Ticket.ID)
	ana := e.agent(t, "ana@example.com", identity.RoleAgent)
	ed := e.agent(t, "ed@example.com", identity.RoleEditor)
	readOnly := e.token(t, ana.ID, identity.ScopeTicketsRead)
	old, revoked, err := e.id.CreateToken(ctx, identity.SystemActor(), ana.ID, "old", []identity.Scope{identity.ScopeTicketsRead, identity.ScopeTicketsWrite})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.id.RevokeToken(ctx, identity.SystemActor(), old.ID); err != nil {
		t.Fatal(err)
	}
	editorRead := e.token(t, ed.ID, identity.ScopeTicketsRead)

	routes := []struct{ method, path, body string }{
		{"GET", "/api/v1/agent/tickets", ""},
		{"GET", "/api/v1/agent/tickets/" + id, ""},
		{"POST", "/api/v1/agent/tickets/" + id + "/messages", `{"body":"hello from an integration"}`},
		{"PATCH", "/api/v1/agent/tickets/" + id, `{"status":"solved"}`},
	}
	cases := []struct {
		name, token string
		want        map[string]int // method -> status
	}{
		{"no token", "", map[string]int{"GET": 401, "POST": 401, "PATCH": 401}},
		{"revoked", revoked, map[string]int{"GET": 401, "POST": 401, "PATCH": 401}},
		{"unknown", "wdt_" + strings.Repeat("x", 40), map[string]int{"GET": 401, "POST": 401, "PATCH": 401}},
		{"requester access token", c.Token, map[string]int{"GET": 401, "POST": 401, "PATCH": 401}},
		{"read-only scope", readOnly, map[string]int{"GET": 200, "POST": 403, "PATCH": 403}},
		// An editor's role lacks ticket.reply: a write scope could not even
		// be issued, and a read token still reads.
		{"editor", editorRead, map[string]int{"GET": 200, "POST": 403, "PATCH": 403}},
	}
	for _, cs := range cases {
		for _, rt := range routes {
			r := e.api(t, rt.method, rt.path, cs.token, rt.body)
			if r.code != cs.want[rt.method] {
				t.Errorf("%s %s %s: %d, want %d (%s)", cs.name, rt.method, rt.path, r.code, cs.want[rt.method], r.body)
			}
			if r.code >= 400 {
				var er apiErr
				decode(t, r, &er)
				if er.Error.Code == "" || strings.Contains(r.body, "secret subject") {
					t.Errorf("%s %s %s: error body %s", cs.name, rt.method, rt.path, r.body)
				}
			}
			if r.code == 401 && !strings.HasPrefix(r.hdr.Get("WWW-Authenticate"), "Bearer") {
				t.Errorf("%s %s: no WWW-Authenticate", cs.name, rt.path)
			}
		}
	}
	tk, msgs, _ := e.tickets.ForAgent(ctx, c.Ticket.ID)
	if tk.Status != ticket.New || len(msgs) != len(c.Messages) {
		t.Errorf("a refused API call changed the request: %s, %d messages", tk.Status, len(msgs))
	}
	// Finer permissions: an agent's write token cannot change severity.
	rw := e.token(t, ana.ID, identity.ScopeTicketsRead, identity.ScopeTicketsWrite)
	if r := e.api(t, "PATCH", "/api/v1/agent/tickets/"+id, rw, `{"severity":"S3","reason":"calmer"}`); r.code != 403 {
		t.Errorf("agent token lowering severity: %d %s", r.code, r.body)
	}
	if r := e.api(t, "GET", "/api/v1/agent/tickets/"+strconv.Itoa(int(c.Ticket.ID)+100), rw, ""); r.code != 404 {
		t.Errorf("missing request: %d", r.code)
	}
}
