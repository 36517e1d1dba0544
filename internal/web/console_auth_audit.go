package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/walletdesk/walletdesk/internal/identity"
)

type auditPage struct {
	Filter  auditFilterForm
	Agents  []identity.Agent
	Entries []auditRow
	NextURL string
	Error   string
}

type auditFilterForm struct {
	Agent  int64
	Action string
	Target string
	From   string // yyyy-mm-dd, UTC
	To     string // yyyy-mm-dd, UTC, inclusive
}

type auditRow struct {
	identity.Entry
	When string
	Data string
	CLI  bool // done on the command line, with no agent signed in
}

const auditDate = "2006-01-02"

// auditPage lists the audit log, newest first, with filters in the query
// string (bookmarkable) and a cursor for older entries.
func (s *Server) auditPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	d := auditPage{Filter: auditFilterForm{Action: q.Get("action"), Target: q.Get("target"), From: q.Get("from"), To: q.Get("to")}}
	f := identity.AuditFilter{Action: d.Filter.Action, Target: d.Filter.Target}
	d.Filter.Agent, _ = strconv.ParseInt(q.Get("agent"), 10, 64)
	f.AgentID = d.Filter.Agent
	f.Before, _ = strconv.ParseInt(q.Get("before"), 10, 64)
	bad := false
	if d.Filter.From != "" {
		t, err := time.Parse(auditDate, d.Filter.From)
		bad = bad || err != nil
		f.From = t
	}
	if d.Filter.To != "" {
		t, err := time.Parse(auditDate, d.Filter.To)
		bad = bad || err != nil
		f.To = t.AddDate(0, 0, 1)
	}
	loc := s.locale(r)
	if bad {
		d.Error = s.cat.T(loc, "console.audit.bad_date")
		f.From, f.To = time.Time{}, time.Time{}
	}
	var err error
	if d.Agents, err = s.identity.Agents(r.Context()); err != nil {
		s.consoleFail(w, r, err)
		return
	}
	pg, err := s.identity.AuditLog(r.Context(), f)
	if err != nil {
		s.consoleFail(w, r, err)
		return
	}
	for _, e := range pg.Entries {
		row := auditRow{Entry: e, When: e.At.UTC().Format("2006-01-02 15:04:05"), CLI: e.AgentID == 0 && e.Data["via"] == "cli"}
		if len(e.Data) > 0 {
			b, _ := json.Marshal(e.Data)
			row.Data = string(b)
		}
		d.Entries = append(d.Entries, row)
	}
	if pg.Next != 0 {
		nq := url.Values{}
		for k, v := range q {
			if k != "before" && k != "locale" {
				nq[k] = v
			}
		}
		nq.Set("before", strconv.FormatInt(pg.Next, 10))
		d.NextURL = "/console/audit?" + nq.Encode()
	}
	s.renderConsole(w, r, "console_audit", s.consolePage(r, s.cat.T(loc, "console.audit.title"), d))
}
