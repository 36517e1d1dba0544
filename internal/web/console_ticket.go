package web

import (
	"context"
	"html/template"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/identity"
	"github.com/walletdesk/walletdesk/internal/ticket"
	"github.com/walletdesk/walletdesk/internal/triage"
)

// ticketPage is the data of console_ticket.html: one request with
// everything an agent needs beside it.
type ticketPage struct {
	T             ticket.Ticket
	Severity      string
	SeverityLabel string
	StatusLabel   string
	CategoryLabel string
	LocaleText    string
	Reasons       []string
	Clock         slaClock
	CreatedAt     string
	DueAt         string
	AnsweredAt    string
	AssigneeName  string
	Mine          bool
	Closed        bool
	Messages      []consoleMessage
	Redacted      []string // kinds of secrets removed from this conversation, localized
	RedactedText  string
	Others        []otherRequest
	Suggested     []suggestedArticle
	TxCheck       *txCheckView
	History       []historyEntry
	Macros        []qOption
	Agents        []qOption
	Statuses      []qOption // for the status form
	After         []qOption // the status a reply leaves the request in
	Severities    []qOption
	Form          ticketForm
	Notice        string
	Live          liveConfig
}

// ticketForm is what an agent typed into one of the page's forms, shown
// again after a preview or an error (redacted: a pasted secret never comes
// back), and what went wrong.
type ticketForm struct {
	Section string // reply, status, severity, assign, merge
	Body    string
	Kind    string // reply or note
	After   string
	Reason  string
	Target  string
	MacroID int64
	Preview template.HTML
	Error   string
	Fields  map[string]string
}

// consoleMessage is one entry of the conversation as agents see it.
type consoleMessage struct {
	ID         int64
	Kind       string // requester, agent, note, system
	Who        string
	KindLabel  string
	HTML       template.HTML
	At         string
	AtISO      string
	Redactions []string // localized kinds
	TxCheck    bool
}

type otherRequest struct {
	ID            int64
	Subject       string
	Severity      string
	StatusLabel   string
	CreatedAt     string
	Active        bool
	MergeCallable bool // open, so this request may be merged into it
}

type suggestedArticle struct {
	Slug, Title, URL string
	Link             string // the Markdown link a click inserts into the reply: [Title](kb:slug)
}

type txCheckView struct {
	Chain, Status, Hash string
	MessageID           int64
}

type historyEntry struct {
	At, AtISO, Who, What, Details string
}

// ticketID reads the {id} of the path; anything but a positive number is
// a request that does not exist.
func ticketID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, desk.ErrNotFound
	}
	return id, nil
}

// ticketView shows one request (GET /console/tickets/{id}). ?macro=ID
// fills the reply with a macro (the picker's path without JavaScript).
func (s *Server) ticketView(w http.ResponseWriter, r *http.Request) {
	id, err := ticketID(r)
	if err != nil {
		s.consoleFail(w, r, err)
		return
	}
	f := ticketForm{Section: "reply", Kind: "reply"}
	if m, err := strconv.ParseInt(r.URL.Query().Get("macro"), 10, 64); err == nil && m > 0 && agentFrom(r).Can(identity.PermMacroUse) {
		f.MacroID = m
	}
	notice := ""
	if done := r.URL.Query().Get("done"); done != "" && s.cat.Has("console.ticket.done."+done) {
		notice = s.cat.T(s.locale(r), "console.ticket.done."+done)
	}
	s.renderTicket(w, r, id, http.StatusOK, f, notice)
}

// renderTicket writes the request page with form f and answers status.
func (s *Server) renderTicket(w http.ResponseWriter, r *http.Request, id int64, status int, f ticketForm, notice string) {
	ctx := r.Context()
	a := agentFrom(r)
	loc := s.locale(r)
	t, msgs, err := s.tickets.ForAgent(ctx, id)
	if err != nil {
		s.consoleFail(w, r, err)
		return
	}
	events, err := s.queue.data.Events(ctx, id)
	if err != nil {
		s.consoleFail(w, r, err)
		return
	}
	cursor, err := s.queue.data.LastChange(ctx)
	if err != nil {
		s.consoleFail(w, r, err)
		return
	}
	if f.MacroID > 0 && f.Body == "" && s.queue.macros != nil {
		rm, err := s.queue.macros.Render(ctx, f.MacroID, t, ticket.MacroVars{AgentName: a.Name})
		if err != nil && !desk.IsNotFound(err) {
			s.consoleFail(w, r, err)
			return
		}
		f.Body = rm.Body
	}
	names := s.queue.agents.names(ctx)
	now := time.Now()
	p := ticketPage{
		T: t, Severity: t.Severity.String(), SeverityLabel: s.cat.T(loc, "console.severity."+t.Severity.String()),
		StatusLabel: s.cat.T(loc, "console.status."+string(t.Status)), CategoryLabel: s.cat.T(loc, "console.category."+string(t.Category)),
		LocaleText: s.cat.T(loc, "locale."+string(t.Locale)),
		Clock:      s.clockAt(loc, t.CreatedAt, t.SLA.FirstResponseDue, t.SLA.FirstResponseAt, now),
		CreatedAt:  formatTime(t.CreatedAt, loc), DueAt: formatTime(t.SLA.FirstResponseDue, loc),
		AnsweredAt: formatTime(t.SLA.FirstResponseAt, loc), Mine: t.Assignee != 0 && t.Assignee == a.ID,
		Closed: t.Status == ticket.Closed, Form: f, Notice: notice,
	}
	if t.Assignee != 0 {
		p.AssigneeName = names[t.Assignee]
	}
	for _, rs := range t.Reasons {
		p.Reasons = append(p.Reasons, rs.Message(string(loc)))
	}
	p.TxCheck = txCheckOf(events)
	p.Messages, p.Redacted = s.consoleMessages(loc, t, msgs, names, p.TxCheck)
	p.RedactedText = strings.Join(p.Redacted, ", ")
	p.History = s.history(loc, events, names)
	p.Suggested = s.suggestedFor(ctx, t, msgs)
	if p.Others, err = s.otherRequests(ctx, loc, t); err != nil {
		s.consoleFail(w, r, err)
		return
	}
	if a.Can(identity.PermMacroUse) && s.queue.macros != nil {
		ms, err := s.queue.macros.List(ctx, false)
		if err != nil {
			s.consoleFail(w, r, err)
			return
		}
		for _, m := range ms {
			label := m.Name
			if _, ok := m.Bodies[t.Locale]; !ok {
				label += " (" + string(desk.English) + ")"
			}
			p.Macros = append(p.Macros, qOption{Value: itoa(m.ID), Label: label, Selected: m.ID == f.MacroID})
		}
	}
	if a.Can(identity.PermTicketAssignOthers) {
		list, err := s.queue.agents.assignable(ctx)
		if err != nil {
			s.consoleFail(w, r, err)
			return
		}
		for _, ag := range list {
			label := ag.Name
			if now.Sub(ag.LastSeenAt) < onlineWithin {
				label += " · " + s.cat.T(loc, "console.ticket.online")
			}
			if ag.Speaks(t.Locale) {
				label += " · " + string(t.Locale)
			}
			p.Agents = append(p.Agents, qOption{Value: itoa(ag.ID), Label: label, Selected: ag.ID == t.Assignee})
		}
	}
	for _, st := range ticket.Statuses {
		// Nobody sets "new": it is shown only as where a request stands.
		if st != ticket.New || t.Status == ticket.New {
			p.Statuses = append(p.Statuses, qOption{Value: string(st), Label: s.cat.T(loc, "console.status."+string(st)),
				Selected: st == t.Status, Disabled: st == ticket.New})
		}
	}
	p.After = []qOption{{Value: "", Label: s.cat.T(loc, "console.ticket.after_keep"), Selected: f.After == ""}}
	for _, st := range []ticket.Status{ticket.Pending, ticket.Solved} {
		p.After = append(p.After, qOption{Value: string(st), Label: s.cat.T(loc, "console.ticket.after_"+string(st)), Selected: f.After == string(st)})
	}
	for _, sev := range []triage.Severity{triage.S1, triage.S2, triage.S3, triage.S4} {
		p.Severities = append(p.Severities, qOption{Value: sev.String(), Label: sev.String() + " · " + s.cat.T(loc, "console.severity."+sev.String()), Selected: sev == t.Severity})
	}
	live := url.Values{"view": {"ticket"}, "ticket": {itoa(id)}, "after": {itoa(cursor)}}
	p.Live = liveConfig{URL: "/console/events?" + live.Encode(), Formats: s.clockFormats(loc)}
	title := "#" + itoa(t.ID) + " " + t.Subject
	s.renderStatus(w, r, status, "console_ticket", s.consolePage(r, title, p))
}

// consoleMessages renders the conversation for agents: requester text as
// typed, agent and system text as Markdown (article links in the
// requester's locale), redaction markers as badges.
func (s *Server) consoleMessages(loc desk.Locale, t ticket.Ticket, msgs []ticket.Message, names map[int64]string, tx *txCheckView) ([]consoleMessage, []string) {
	var out []consoleMessage
	var kinds []string
	for _, m := range msgs {
		cm := consoleMessage{ID: m.ID, At: formatTime(m.CreatedAt, loc), AtISO: m.CreatedAt.UTC().Format(time.RFC3339)}
		switch {
		case m.Author == ticket.Requester:
			cm.Kind, cm.Who = "requester", t.Email
			cm.HTML = s.markRedactions(plainHTML(m.Body), loc)
		case m.Author == ticket.Agent:
			cm.Kind, cm.Who = "agent", names[m.AgentID]
			if cm.Who == "" {
				cm.Who = "#" + itoa(m.AgentID)
			}
			cm.HTML = s.markRedactions(string(s.kb.RenderMarkdown(m.Body, t.Locale)), loc)
		default:
			cm.Kind, cm.Who = "system", s.cat.T(loc, "console.ticket.system")
			cm.HTML = s.markRedactions(string(s.kb.RenderMarkdown(m.Body, t.Locale)), loc)
		}
		if m.Internal {
			cm.Kind = "note"
		}
		cm.KindLabel = s.cat.T(loc, "console.ticket.kind."+cm.Kind)
		cm.TxCheck = tx != nil && tx.MessageID == m.ID
		for _, k := range m.Redactions {
			cm.Redactions = append(cm.Redactions, s.cat.T(loc, "redaction."+k))
			if !inList(kinds, k) {
				kinds = append(kinds, k)
			}
		}
		out = append(out, cm)
	}
	labels := make([]string, len(kinds))
	for i, k := range kinds {
		labels[i] = s.cat.T(loc, "redaction."+k)
	}
	if tx != nil && tx.MessageID == 0 {
		// The check's message is the system message written with its event.
		for i := len(msgs) - 1; i >= 0; i-- {
			if msgs[i].Author == ticket.System && strings.Contains(msgs[i].Body, "`"+tx.Hash+"`") {
				tx.MessageID = msgs[i].ID
				out[i].TxCheck = true
				break
			}
		}
	}
	return out, labels
}

// txCheckOf finds the latest automatic transaction check of a request.
func txCheckOf(events []ticket.Event) *txCheckView {
	for i := len(events) - 1; i >= 0; i-- {
		if e := events[i]; e.Kind == "tx_checked" {
			return &txCheckView{Chain: e.Data["chain"], Status: e.Data["status"], Hash: e.Data["hash"]}
		}
	}
	return nil
}

// history lists a request's events, newest first, with agent names.
func (s *Server) history(loc desk.Locale, events []ticket.Event, names map[int64]string) []historyEntry {
	out := make([]historyEntry, 0, len(events))
	for i := len(events) - 1; i >= 0; i-- {
		e := events[i]
		h := historyEntry{At: formatTime(e.CreatedAt, loc), AtISO: e.CreatedAt.UTC().Format(time.RFC3339), Who: s.actorName(loc, e.Actor, names)}
		h.What = e.Kind
		if key := "console.event." + e.Kind; s.cat.Has(key) {
			h.What = s.cat.T(loc, key)
		}
		keys := make([]string, 0, len(e.Data))
		for k := range e.Data {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var parts []string
		for _, k := range keys {
			v := e.Data[k]
			if (k == "to" || k == "from") && (e.Kind == "assigned" || e.Kind == "unassigned") {
				if id, err := strconv.ParseInt(v, 10, 64); err == nil && names[id] != "" {
					v = names[id]
				}
			}
			parts = append(parts, k+": "+v)
		}
		h.Details = strings.Join(parts, " · ")
		out = append(out, h)
	}
	return out
}

func (s *Server) actorName(loc desk.Locale, actor string, names map[int64]string) string {
	switch {
	case actor == "requester":
		return s.cat.T(loc, "console.ticket.kind.requester")
	case actor == "system":
		return s.cat.T(loc, "console.ticket.system")
	case strings.HasPrefix(actor, "agent:"):
		if id, err := strconv.ParseInt(strings.TrimPrefix(actor, "agent:"), 10, 64); err == nil && names[id] != "" {
			return names[id]
		}
	}
	return actor
}

// maxOtherRequests bounds the requester's other requests listed.
const maxOtherRequests = 10

func (s *Server) otherRequests(ctx context.Context, loc desk.Locale, t ticket.Ticket) ([]otherRequest, error) {
	list, err := s.queue.data.ByEmail(ctx, t.Email, maxOtherRequests+1)
	if err != nil {
		return nil, err
	}
	var out []otherRequest
	for _, o := range list {
		if o.ID == t.ID || len(out) == maxOtherRequests {
			continue
		}
		out = append(out, otherRequest{ID: o.ID, Subject: o.Subject, Severity: o.Severity.String(),
			StatusLabel: s.cat.T(loc, "console.status."+string(o.Status)), CreatedAt: formatTime(o.CreatedAt, loc),
			Active: inList(ticket.ActiveStatuses, o.Status), MergeCallable: o.Status != ticket.Closed})
	}
	return out, nil
}

// suggestedFor lists the articles most likely to answer a request, titled
// in the requester's locale: the article of the topic triage found and the
// articles its editors linked to it, else a search over what they wrote.
func (s *Server) suggestedFor(ctx context.Context, t ticket.Ticket, msgs []ticket.Message) []suggestedArticle {
	var refs []desk.ArticleRef
	if t.Topic != "" {
		if a, ok := s.kb.Lookup(t.Topic, t.Locale); ok {
			refs = append(refs, a)
			refs = append(refs, s.kb.RelatedTo(t.Topic, t.Locale)...)
		}
	}
	if len(refs) == 0 {
		text := t.Subject
		for _, m := range msgs {
			if m.Author == ticket.Requester {
				text += "\n" + m.Body
				break
			}
		}
		refs = s.kb.Related(ctx, text, t.Locale, 3)
	}
	var out []suggestedArticle
	for _, a := range refs {
		if len(out) == 4 {
			break
		}
		dup := false
		for _, o := range out {
			dup = dup || o.Slug == a.Slug
		}
		if !dup {
			out = append(out, suggestedArticle{Slug: a.Slug, Title: a.Title, URL: a.URL,
				Link: "[" + escapeLinkText(a.Title) + "](kb:" + a.Slug + ")"})
		}
	}
	return out
}

// escapeLinkText keeps a title from closing the Markdown link around it.
func escapeLinkText(s string) string {
	return strings.NewReplacer(`\`, `\\`, `[`, `\[`, `]`, `\]`).Replace(s)
}
