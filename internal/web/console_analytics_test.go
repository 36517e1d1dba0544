package web

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/identity"
	"github.com/walletdesk/walletdesk/internal/kb"
	"github.com/walletdesk/walletdesk/internal/ticket"
)

// section returns the HTML of the element with id, up to its </section>
// or </div> end, for assertions about one part of a page.
func section(body, id, end string) string {
	i := strings.Index(body, `id="`+id+`"`)
	if i < 0 {
		return ""
	}
	j := strings.Index(body[i:], end)
	if j < 0 {
		return body[i:]
	}
	return body[i : i+j]
}

func TestAnalyticsPage(t *testing.T) {
	e := newArticlesEnv(t)
	ctx := context.Background()
	st := e.db.KB()
	day := 24 * time.Hour

	// Forty days ago: only the 90-day view reaches it.
	e.clock.add(-40 * day)
	st.RecordSearchMiss(ctx, desk.English, "ancient query", 0)
	e.clock.add(38 * day)
	st.RecordSearchMiss(ctx, desk.English, "<b>pizza</b> wallet", 0)
	st.RecordSearchMiss(ctx, desk.English, "<b>pizza</b> wallet", 0)
	st.RecordSearchMiss(ctx, desk.Japanese, "ドラゴン送金", 0)
	st.RecordSearchMiss(ctx, desk.Chinese, "矿工费 太贵", 2)
	for _, c := range []string{"step 3 is unclear", "", "still stuck [redacted: recovery phrase]"} {
		if err := e.kb.Feedback(ctx, kb.Feedback{Slug: "transaction-pending", Locale: desk.English, Helpful: false, Comment: c}); err != nil {
			t.Fatal(err)
		}
	}
	e.kb.Feedback(ctx, kb.Feedback{Slug: "transaction-pending", Locale: desk.English, Helpful: true})
	e.kb.Feedback(ctx, kb.Feedback{Slug: "wallet-stolen", Locale: desk.Japanese, Helpful: true})
	e.db.Tickets().RecordDeflection(ctx, "wrong-network", desk.Chinese)
	e.db.Tickets().RecordDeflection(ctx, "wrong-network", desk.Chinese)
	e.clock.add(2 * day)
	if _, err := e.tickets.Create(ctx, ticket.Draft{Email: "a@example.com", Subject: "Transfer pending for hours",
		Body: "My ETH transfer has been pending for three hours, what can I do?", Locale: desk.English}); err != nil {
		t.Fatal(err)
	}

	ed := e.editorBrowser(t, "ed@example.com")
	r := ed.get("/console/analytics")
	if r.code != http.StatusOK {
		t.Fatalf("analytics: %d", r.code)
	}
	noResult := section(r.body, "no-result", "</table>")
	if !strings.Contains(noResult, "&lt;b&gt;pizza&lt;/b&gt; wallet") || strings.Contains(r.body, "<b>pizza") {
		t.Errorf("no-result searches (escaped): %s", noResult)
	}
	if !strings.Contains(noResult, "ドラゴン送金") || strings.Contains(noResult, "ancient query") || strings.Contains(noResult, "矿工费") {
		t.Errorf("no-result table holds the wrong searches: %s", noResult)
	}
	if weak := section(r.body, "weak-result", "</table>"); !strings.Contains(weak, "矿工费 太贵") {
		t.Errorf("weak searches: %s", weak)
	}
	unhelpful := section(r.body, "unhelpful-table", "</table>")
	if !strings.Contains(unhelpful, `href="/console/articles/transaction-pending/en"`) || !strings.Contains(unhelpful, "step 3 is unclear") ||
		!strings.Contains(unhelpful, "[redacted: recovery phrase]") || !strings.Contains(unhelpful, "<strong>3</strong>") {
		t.Errorf("unhelpful articles: %s", unhelpful)
	}
	if ratios := section(r.body, "ratio-table", "</table>"); strings.Index(ratios, "transaction-pending") > strings.Index(ratios, "wallet-stolen") ||
		!strings.Contains(ratios, `value="25"`) || !strings.Contains(ratios, `value="100"`) {
		t.Errorf("helpful ratios (worst first, 1 of 4 = 25%%): %s", ratios)
	}
	if defl := section(r.body, "deflection-table", "</table>"); !strings.Contains(defl, "wrong-network") || !strings.Contains(defl, "<strong>2</strong>") {
		t.Errorf("deflections: %s", defl)
	}
	if reqs := section(r.body, "requests-table", "</table>"); !strings.Contains(reqs, e.clock.now().Format("2006-01-02")) || !strings.Contains(reqs, "<strong>1</strong>") {
		t.Errorf("requests per day: %s", reqs)
	}
	if sla := section(r.body, "sla-7", "</table>"); !strings.Contains(sla, "S3") || !strings.Contains(sla, `class="a-total"`) {
		t.Errorf("SLA table: %s", sla)
	}
	if !strings.Contains(r.body, `id="overdue-now" class="c-ok"`) {
		t.Error("a fresh request counts as overdue")
	}
	// Filters: a language, a longer period; an unknown period falls back to 30 days.
	if ja := ed.get("/console/analytics?lang=ja"); strings.Contains(ja.body, "pizza") || !strings.Contains(ja.body, "ドラゴン送金") {
		t.Error("the language filter does not narrow the searches")
	}
	if long := ed.get("/console/analytics?days=90"); !strings.Contains(long.body, "ancient query") {
		t.Error("the 90-day view misses older searches")
	}
	if odd := ed.get("/console/analytics?days=12345"); !strings.Contains(odd.body, `<option value="30" selected>`) {
		t.Error("an unknown period is not the default")
	}

	// Supervisors read it too, without editor links; agents do not.
	e.agent(t, "sup@example.com", identity.RoleSupervisor)
	sup := e.browser(t)
	sup.enrol("sup@example.com")
	if r := sup.get("/console/analytics"); r.code != http.StatusOK || strings.Contains(r.body, `href="/console/articles/`) {
		t.Errorf("supervisor: %d", r.code)
	}
	if r := sup.get("/console/articles"); r.code != http.StatusForbidden {
		t.Errorf("supervisor on the article list: %d", r.code)
	}
	e.agent(t, "ana@example.com", identity.RoleAgent)
	ag := e.browser(t)
	ag.signIn("ana@example.com", nil)
	if r := ag.get("/console/analytics"); r.code != http.StatusForbidden || strings.Contains(r.body, "pizza") {
		t.Errorf("agent: %d", r.code)
	}
	// Past its due time, the unanswered request is overdue.
	e.clock.add(3 * day)
	ed.signIn("ed@example.com", nil)
	r = ed.get("/console/analytics?days=7")
	if !strings.Contains(r.body, `id="overdue-now" class="c-warn"`) || !strings.Contains(section(r.body, "sla-7", "</table>"), `class="a-bad"`) {
		t.Errorf("seven days later: overdue %q", section(r.body, "overdue-now", "</p>"))
	}
}
