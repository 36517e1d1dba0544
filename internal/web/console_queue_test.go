package web

import (
	"context"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/identity"
	"github.com/walletdesk/walletdesk/internal/ticket"
	"github.com/walletdesk/walletdesk/internal/triage"
)

// queueFixture opens requests of every severity in three languages.
type queueFixture struct {
	theft, pending, howto, zhStuck, jaStuck, phrase ticket.Created
}

func (e *queueEnv) fixture(t *testing.T) queueFixture {
	t.Helper()
	f := queueFixture{
		howto:   e.request(t, "How do I back up my wallet?", "What is the safest way to keep my recovery phrase?", desk.English),
		pending: e.request(t, "Transfer pending for hours", "I sent USDT three hours ago and it still says pending.", desk.English),
		zhStuck: e.request(t, "USDT转账卡住了", "我三个小时前给朋友转了USDT，现在还显示打包中。", desk.Chinese),
		jaStuck: e.request(t, "送金が保留中のまま", "3時間前に友人へUSDTを送金しましたが、まだ保留中です。", desk.Japanese),
		theft:   e.request(t, "My wallet was drained", "All my USDT was sent to an address I do not know this morning.", desk.English),
	}
	return f
}

func TestQueueOrderFiltersAndPaging(t *testing.T) {
	e := newQueueEnv(t)
	f := e.fixture(t)
	if f.theft.Ticket.Severity != triage.S1 || f.howto.Ticket.Severity != triage.S4 {
		t.Fatalf("fixture severities: theft %s, how-to %s", f.theft.Ticket.Severity, f.howto.Ticket.Severity)
	}
	e.sync(t)
	b, ana := e.signedIn(t, "ana@example.com", identity.RoleAgent)

	r := b.get("/console/")
	if r.code != http.StatusOK {
		t.Fatalf("queue: %d %s", r.code, r.body)
	}
	got := queueIDs(r.body)
	if len(got) != 5 || got[0] != f.theft.Ticket.ID || got[len(got)-1] != f.howto.Ticket.ID {
		t.Errorf("queue order %v: S1 theft first, S4 how-to last", got)
	}
	// The order is severity, then due time, whatever the creation order.
	rows, err := e.srv.queue.queue.List(context.Background(), ticket.QueueFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(rows.Rows); i++ {
		a, b := rows.Rows[i-1], rows.Rows[i]
		if a.Severity > b.Severity || a.Severity == b.Severity && a.SLA.FirstResponseDue.After(b.SLA.FirstResponseDue) {
			t.Errorf("rows %d and %d out of order", a.ID, b.ID)
		}
	}
	for _, want := range []string{`class="q-row sev-S1`, "My wallet was drained", "requester@example.com", "due in"} {
		if !strings.Contains(r.body, want) {
			t.Errorf("queue page lacks %q", want)
		}
	}

	// A request answered late stands out as breached.
	e.tickets.SetClock(func() time.Time { return time.Now().Add(time.Hour) })
	if _, _, err := e.tickets.AgentReply(context.Background(), f.theft.Ticket.ID, ana.ID, ticket.AgentReply{Body: "We are on it."}); err != nil {
		t.Fatal(err)
	}
	e.tickets.SetClock(time.Now)
	r = b.get("/console/?severity=S1")
	if !strings.Contains(r.body, "clock-answered_late") {
		t.Errorf("late answer not marked: %s", between(r.body, `id="queue-list"`, "</ol>"))
	}

	// Triage files some how-to questions under security too: the expected
	// list follows the categories it chose, in queue order.
	var security []int64
	for _, r := range rows.Rows {
		if r.Category == triage.Security {
			security = append(security, r.ID)
		}
	}
	if len(security) == 0 || security[0] != f.theft.Ticket.ID {
		t.Fatalf("security requests %v: the theft first", security)
	}
	cases := []struct {
		query string
		want  []int64
	}{
		{"?lang=zh-CN", []int64{f.zhStuck.Ticket.ID}},
		{"?lang=ja&status=all", []int64{f.jaStuck.Ticket.ID}},
		{"?severity=S4", []int64{f.howto.Ticket.ID}},
		{"?status=open", []int64{f.theft.Ticket.ID}}, // the reply opened it
		{"?status=solved", nil},
		{"?q=" + "转账", []int64{f.zhStuck.Ticket.ID}},
		{"?q=" + "保留", []int64{f.jaStuck.Ticket.ID}},
		{"?q=pending&lang=en", []int64{f.pending.Ticket.ID}},
		{"?assignee=unassigned&severity=S1", []int64{f.theft.Ticket.ID}},
		{"?category=security", security},
	}
	for _, c := range cases {
		r := b.get("/console/" + c.query)
		if r.code != http.StatusOK {
			t.Errorf("%s: %d", c.query, r.code)
			continue
		}
		if got := queueIDs(r.body); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.query, got, c.want)
		}
	}
	// Assignment: "me" shows what the agent took.
	b.get("/console/tickets/" + itoa(f.pending.Ticket.ID))
	if r := b.post("/console/tickets/"+itoa(f.pending.Ticket.ID)+"/assign", form("assignee", "me")); r.code != http.StatusSeeOther {
		t.Fatalf("assign: %d %s", r.code, r.body)
	}
	if got := queueIDs(b.get("/console/?assignee=me").body); !slices.Equal(got, []int64{f.pending.Ticket.ID}) {
		t.Errorf("mine: %v", got)
	}
	// Filters stay in the URL: the form shows them selected.
	r = b.get("/console/?lang=ja&severity=S3&q=%E9%80%81%E9%87%91")
	for _, want := range []string{`<option value="ja" selected>`, `<option value="S3" selected>`, `value="送金"`} {
		if !strings.Contains(r.body, want) {
			t.Errorf("filter form does not keep %q", want)
		}
	}

	// Keyset paging: two at a time, no row twice, none lost.
	var seen []int64
	path := "/console/?limit=2"
	for i := 0; path != "" && i < 5; i++ {
		r := b.get(path)
		ids := queueIDs(r.body)
		if len(ids) > 2 {
			t.Fatalf("page of %d", len(ids))
		}
		seen = append(seen, ids...)
		path = ""
		if m := nextLink.FindStringSubmatch(r.body); m != nil {
			path = strings.ReplaceAll(m[1], "&amp;", "&")
		}
	}
	if len(seen) != 5 || seen[0] != f.theft.Ticket.ID {
		t.Errorf("pages: %v", seen)
	}

	for _, bad := range []string{"?severity=S9", "?status=lost", "?lang=xx", "?assignee=-4", "?cursor=abc", "?limit=0"} {
		r := b.get("/console/" + bad)
		if r.code != http.StatusUnprocessableEntity || len(queueIDs(r.body)) != 0 || !strings.Contains(r.body, `class="c-alert"`) {
			t.Errorf("%s: %d", bad, r.code)
		}
	}
}

var nextLink = regexp.MustCompile(`<a href="([^"]+)" rel="next"`)

func between(s, from, to string) string {
	i := strings.Index(s, from)
	if i < 0 {
		return ""
	}
	s = s[i:]
	if j := strings.Index(s, to); j >= 0 {
		return s[:j]
	}
	return s
}

func TestQueuePagesInEveryLocale(t *testing.T) {
	e := newQueueEnv(t)
	f := e.fixture(t)
	b, _ := e.signedIn(t, "lead@example.com", identity.RoleAdmin)
	cat := e.srv.cat
	list, _ := e.macros.List(context.Background(), false)
	pages := []string{"/console/", "/console/?q=xyz", "/console/tickets/" + itoa(f.theft.Ticket.ID),
		"/console/tickets/" + itoa(f.jaStuck.Ticket.ID) + "?macro=" + itoa(list[0].ID), "/console/macros", "/console/macros/new",
		"/console/macros/" + itoa(list[0].ID)}
	for _, l := range desk.Locales {
		for _, p := range pages {
			sep := "?"
			if strings.Contains(p, "?") {
				sep = "&"
			}
			r := b.get(p + sep + "locale=" + string(l))
			if r.code != http.StatusOK {
				t.Errorf("%s %s: %d", l, p, r.code)
				continue
			}
			for _, k := range cat.Keys() {
				if strings.HasPrefix(k, "console.") && (strings.Contains(r.body, k+"<") || strings.Contains(r.body, ">"+k) || strings.Contains(r.body, `"`+k+`"`)) {
					t.Errorf("%s %s shows the raw key %s", l, p, k)
				}
			}
			if strings.Contains(r.body, "ZgotmplZ") || strings.Contains(r.body, "%!") {
				t.Errorf("%s %s: template escaping or format error", l, p)
			}
		}
	}
	// The agent's locale labels the page; the requester's locale fills the
	// macro (the Japanese request gets the Japanese body).
	r := b.get("/console/tickets/" + itoa(f.jaStuck.Ticket.ID) + "?locale=zh-CN&macro=" + itoa(list[0].ID))
	if !strings.Contains(r.body, cat.T(desk.Chinese, "console.ticket.kind_note")) || !strings.Contains(between(r.body, `<textarea id="reply-body"`, "</textarea>"), "様") {
		t.Errorf("zh-CN console, ja macro: %s", between(r.body, `<textarea id="reply-body"`, "</textarea>"))
	}
}
