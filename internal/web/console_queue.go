package web

import (
	"net/http"
	"strings"
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/identity"
	"github.com/walletdesk/walletdesk/internal/ticket"
	"github.com/walletdesk/walletdesk/internal/triage"
)

// queuePage is the data of console_queue.html.
type queuePage struct {
	Params   queueParams
	Filtered bool
	Rows     []queueRowView
	Next     string // URL of the next page, "" on the last
	First    string // URL of the first page when this is a later one
	Error    string
	Fields   map[string]string
	Options  queueOptions
	Live     liveConfig
}

// queueOptions are the choices of the filter form.
type queueOptions struct {
	Statuses, Severities, Locales, Categories, Assignees []qOption
}

// qOption is one <option>.
type qOption struct {
	Value, Label string
	Selected     bool
	Disabled     bool // shown, not chosen (a new request's status)
}

// liveConfig is what the page's script needs for live updates and clocks:
// where the event stream is, from which change on, and the clock formats.
type liveConfig struct {
	URL      string
	Formats  map[string]string
	MoreRows bool // a later page exists: live rows that sort after the last shown stay out
}

// consoleHome is the queue (GET /console/).
func (s *Server) consoleHome(w http.ResponseWriter, r *http.Request) {
	a := agentFrom(r)
	if !a.Can(identity.PermTicketRead) {
		s.consoleFail(w, r, desk.Errorf(desk.KindForbidden, "forbidden", "%s lacks %s", a.Role, identity.PermTicketRead))
		return
	}
	loc := s.locale(r)
	if s.queue == nil {
		// A console without requests (some tests, a help-center-only
		// set-up) still lands here after sign-in.
		d := queuePage{Error: s.cat.T(loc, "error.unavailable")}
		s.renderConsole(w, r, "console_queue", s.consolePage(r, s.cat.T(loc, "console.nav.queue"), d))
		return
	}
	p := queueParamsFrom(r.URL.Query())
	d := queuePage{Params: p, Filtered: p.filtered(), Options: s.queueOptions(r, p)}
	status := http.StatusOK
	// Start the live feed where this listing stands, so that a change made
	// while the page travels is not lost.
	cursor, err := s.queue.data.LastChange(r.Context())
	if err != nil {
		s.consoleFail(w, r, err)
		return
	}
	f, err := p.filter(a.ID)
	var page ticket.QueuePage
	if err == nil {
		page, err = s.queue.queue.List(r.Context(), f)
	}
	if err != nil {
		if k := desk.ErrorKind(err); k != desk.KindInvalid && k != desk.KindUnavailable {
			s.consoleFail(w, r, err)
			return
		}
		status, d.Error, d.Fields = s.formError(r, err)
	}
	names := s.queue.agents.names(r.Context())
	now := time.Now()
	for _, row := range page.Rows {
		d.Rows = append(d.Rows, s.queueRowView(loc, row, names, a.ID, now))
	}
	if page.Next != "" {
		q := p.query(false)
		q.Set("cursor", page.Next)
		d.Next = "/console/?" + q.Encode()
	}
	if p.Cursor != "" {
		d.First = "/console/"
		if q := p.query(false).Encode(); q != "" {
			d.First += "?" + q
		}
	}
	live := p.query(false)
	live.Set("after", itoa(cursor))
	d.Live = liveConfig{URL: "/console/events?" + live.Encode(), Formats: s.clockFormats(loc), MoreRows: page.Next != ""}
	s.renderStatus(w, r, status, "console_queue", s.consolePage(r, s.cat.T(loc, "console.nav.queue"), d))
}

// clockFormats are the catalog's clock texts for the page's script.
func (s *Server) clockFormats(loc desk.Locale) map[string]string {
	out := map[string]string{}
	for _, k := range []string{"console.dur.minutes", "console.dur.hours", "console.dur.days",
		"console.queue.clock.due_in", "console.queue.clock.overdue"} {
		out[strings.TrimPrefix(strings.TrimPrefix(k, "console.queue.clock."), "console.dur.")] = s.cat.T(loc, k)
	}
	return out
}

func (s *Server) queueOptions(r *http.Request, p queueParams) queueOptions {
	loc := s.locale(r)
	o := queueOptions{}
	opt := func(list *[]qOption, value, label, cur string) {
		*list = append(*list, qOption{Value: value, Label: label, Selected: strings.EqualFold(value, cur)})
	}
	st := p.Status
	if st == "" {
		st = "active"
	}
	opt(&o.Statuses, "active", s.cat.T(loc, "console.queue.status_active"), st)
	for _, x := range ticket.Statuses {
		opt(&o.Statuses, string(x), s.cat.T(loc, "console.status."+string(x)), st)
	}
	opt(&o.Statuses, "all", s.cat.T(loc, "console.queue.any"), st)
	opt(&o.Severities, "", s.cat.T(loc, "console.queue.any"), p.Severity)
	opt(&o.Severities, "S1,S2", "S1 + S2", strings.ReplaceAll(p.Severity, " ", ""))
	for _, x := range []triage.Severity{triage.S1, triage.S2, triage.S3, triage.S4} {
		opt(&o.Severities, x.String(), x.String()+" · "+s.cat.T(loc, "console.severity."+x.String()), p.Severity)
	}
	opt(&o.Locales, "", s.cat.T(loc, "console.queue.any"), p.Locale)
	for _, l := range desk.Locales {
		opt(&o.Locales, string(l), s.cat.T(loc, "locale."+string(l)), p.Locale)
	}
	opt(&o.Categories, "", s.cat.T(loc, "console.queue.any"), p.Category)
	for _, c := range []triage.Category{triage.Security, triage.Transactions, triage.AccountAccess, triage.Other} {
		opt(&o.Categories, string(c), s.cat.T(loc, "console.category."+string(c)), p.Category)
	}
	as := p.Assignee
	if as == "" {
		as = "any"
	}
	opt(&o.Assignees, "any", s.cat.T(loc, "console.queue.assignee_any"), as)
	opt(&o.Assignees, "me", s.cat.T(loc, "console.queue.assignee_me"), as)
	opt(&o.Assignees, "unassigned", s.cat.T(loc, "console.queue.assignee_none"), as)
	if list, err := s.queue.agents.assignable(r.Context()); err == nil {
		for _, ag := range list {
			opt(&o.Assignees, itoa(ag.ID), ag.Name, as)
		}
	}
	return o
}
