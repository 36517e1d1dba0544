package web

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/identity"
	"github.com/walletdesk/walletdesk/internal/ticket"
	"github.com/walletdesk/walletdesk/internal/triage"
)

// The agent API (/api/v1/agent/*) gives integrations the queue and the
// actions of the request page, with a personal API token. Times are UTC
// RFC 3339; absent values are null.

// Times are written as RFC 3339 strings here rather than time.Time values:
// the same text, without a marshaler call per field (a queue page holds
// 50 rows of four times, and encoding was a fifth of its cost).
type agentSLA struct {
	Policy           string  `json:"policy,omitempty"`
	FirstResponseDue string  `json:"first_response_due"`
	FirstResponseAt  *string `json:"first_response_at"`
	Breached         bool    `json:"breached"`
	// DueInSeconds is the time left to answer, negative once overdue,
	// null when answered.
	DueInSeconds *int64 `json:"due_in_seconds"`
}

type agentTicket struct {
	ID           int64    `json:"id"`
	Subject      string   `json:"subject"`
	Severity     string   `json:"severity"`
	Status       string   `json:"status"`
	Locale       string   `json:"locale"`
	Category     string   `json:"category"`
	Email        string   `json:"email"`
	Assignee     *int64   `json:"assignee"`
	SLA          agentSLA `json:"sla"`
	Preview      *string  `json:"preview,omitempty"`
	MessageCount *int     `json:"message_count,omitempty"`
	CreatedAt    string   `json:"created_at"`
	UpdatedAt    string   `json:"updated_at"`
}

type agentTicketFull struct {
	agentTicket
	Topic     string         `json:"topic"`
	Reasons   []apiReason    `json:"reasons"`
	Urgent    bool           `json:"urgent"`
	AmountUSD float64        `json:"amount_usd"`
	Chain     string         `json:"chain"`
	TxHash    string         `json:"tx_hash"`
	Address   string         `json:"address"`
	Messages  []agentMessage `json:"messages"`
	Events    []agentEvent   `json:"events"`
}

type agentMessage struct {
	ID         int64          `json:"id"`
	Author     string         `json:"author"`
	AgentID    *int64         `json:"agent_id,omitempty"`
	Internal   bool           `json:"internal"`
	Body       string         `json:"body"`
	Redactions []apiRedaction `json:"redactions"`
	CreatedAt  time.Time      `json:"created_at"`
}

type apiRedaction struct {
	Kind string `json:"kind"`
}

type agentEvent struct {
	ID        int64             `json:"id"`
	Actor     string            `json:"actor"`
	Kind      string            `json:"kind"`
	Data      map[string]string `json:"data"`
	CreatedAt time.Time         `json:"created_at"`
}

func rfc3339(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

func optTime(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := rfc3339(t)
	return &s
}

func optID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

func slaJSON(policy string, due, at time.Time, now time.Time) agentSLA {
	out := agentSLA{Policy: policy, FirstResponseDue: rfc3339(due), FirstResponseAt: optTime(at)}
	out.Breached = !at.IsZero() && at.After(due) || at.IsZero() && now.After(due)
	if at.IsZero() {
		left := int64(due.Sub(now) / time.Second)
		out.DueInSeconds = &left
	}
	return out
}

func rowJSON(r ticket.QueueRow, now time.Time) agentTicket {
	preview, count := r.Preview, r.MessageCount
	return agentTicket{ID: r.ID, Subject: r.Subject, Severity: r.Severity.String(), Status: string(r.Status), Locale: string(r.Locale),
		Category: string(r.Category), Email: r.Email, Assignee: optID(r.Assignee),
		SLA:     slaJSON("", r.SLA.FirstResponseDue, r.SLA.FirstResponseAt, now),
		Preview: &preview, MessageCount: &count, CreatedAt: rfc3339(r.CreatedAt), UpdatedAt: rfc3339(r.UpdatedAt)}
}

func ticketJSON(t ticket.Ticket, now time.Time) agentTicket {
	return agentTicket{ID: t.ID, Subject: t.Subject, Severity: t.Severity.String(), Status: string(t.Status), Locale: string(t.Locale),
		Category: string(t.Category), Email: t.Email, Assignee: optID(t.Assignee),
		SLA:       slaJSON(t.SLA.Policy, t.SLA.FirstResponseDue, t.SLA.FirstResponseAt, now),
		CreatedAt: rfc3339(t.CreatedAt), UpdatedAt: rfc3339(t.UpdatedAt)}
}

func messageJSON(m ticket.Message) agentMessage {
	out := agentMessage{ID: m.ID, Author: string(m.Author), Internal: m.Internal, Body: m.Body,
		Redactions: []apiRedaction{}, CreatedAt: m.CreatedAt.UTC()}
	if m.Author == ticket.Agent {
		out.AgentID = optID(m.AgentID)
	}
	for _, k := range m.Redactions {
		out.Redactions = append(out.Redactions, apiRedaction{Kind: k})
	}
	return out
}

// apiQueue: GET /api/v1/agent/tickets, the queue in queue order with the
// console's filters (locale= is accepted for lang=).
func (s *Server) apiQueue(w http.ResponseWriter, r *http.Request) {
	a := agentFrom(r)
	q := r.URL.Query()
	p := queueParamsFrom(q)
	if p.Locale == "" {
		p.Locale = strings.TrimSpace(q.Get("locale"))
	}
	f, err := p.filter(a.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	page, err := s.queue.queue.List(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	now := time.Now()
	out := struct {
		Tickets []agentTicket `json:"tickets"`
		Next    *string       `json:"next"`
	}{Tickets: make([]agentTicket, 0, len(page.Rows))}
	for _, row := range page.Rows {
		out.Tickets = append(out.Tickets, rowJSON(row, now))
	}
	if page.Next != "" {
		out.Next = &page.Next
	}
	writeJSON(w, http.StatusOK, out)
}

// apiTicket: GET /api/v1/agent/tickets/{id}, a request with every message
// (internal notes included) and every event.
func (s *Server) apiTicket(w http.ResponseWriter, r *http.Request) {
	id, err := ticketID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	t, msgs, err := s.tickets.ForAgent(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	events, err := s.queue.data.Events(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	loc := s.locale(r)
	out := agentTicketFull{agentTicket: ticketJSON(t, time.Now()), Topic: t.Topic, Reasons: reasonsJSON(t.Reasons, loc),
		Urgent: t.Urgent, AmountUSD: t.AmountUSD, Chain: t.Chain, TxHash: t.TxHash, Address: t.Address,
		Messages: make([]agentMessage, 0, len(msgs)), Events: make([]agentEvent, 0, len(events))}
	count := len(msgs)
	out.MessageCount = &count
	for _, m := range msgs {
		out.Messages = append(out.Messages, messageJSON(m))
	}
	for _, e := range events {
		data := e.Data
		if data == nil {
			data = map[string]string{}
		}
		out.Events = append(out.Events, agentEvent{ID: e.ID, Actor: e.Actor, Kind: e.Kind, Data: data, CreatedAt: e.CreatedAt.UTC()})
	}
	writeJSON(w, http.StatusOK, out)
}

type apiMessageRequest struct {
	Body     string `json:"body"`
	Internal bool   `json:"internal"`
	Status   string `json:"status"`
}

// apiAgentMessage: POST /api/v1/agent/tickets/{id}/messages, a public
// reply or (internal: true) a note. 201 means committed.
func (s *Server) apiAgentMessage(w http.ResponseWriter, r *http.Request) {
	a := agentFrom(r)
	id, err := ticketID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var req apiMessageRequest
	if err := s.decodeJSON(w, r, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	perm := identity.PermTicketReply
	if req.Internal {
		perm = identity.PermTicketNote
	}
	if !a.Can(perm) {
		s.fail(w, r, forbidden(a, perm))
		return
	}
	t, m, err := s.tickets.AgentReply(r.Context(), id, a.ID, ticket.AgentReply{Body: req.Body, Internal: req.Internal, Status: ticket.Status(req.Status)})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	action := "ticket.reply"
	if req.Internal {
		action = "ticket.note"
	}
	s.audit(r, action, ticketTarget(id), map[string]any{"message": m.ID, "status": string(t.Status), "redacted": m.Redactions, "via": "api"})
	writeJSON(w, http.StatusCreated, struct {
		Message agentMessage `json:"message"`
		Ticket  agentTicket  `json:"ticket"`
	}{messageJSON(m), ticketJSON(t, time.Now())})
}

type apiPatchRequest struct {
	Status   *string         `json:"status"`
	Severity *string         `json:"severity"`
	Assignee json.RawMessage `json:"assignee"`
	Reason   string          `json:"reason"`
}

// apiPatchTicket: PATCH /api/v1/agent/tickets/{id} with any of status,
// severity (a reason is then required), assignee (an agent id, "me", or
// null to unassign). The changes are made together in one transaction, or
// not at all, and each one is audited.
func (s *Server) apiPatchTicket(w http.ResponseWriter, r *http.Request) {
	a := agentFrom(r)
	ctx := r.Context()
	id, err := ticketID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var req apiPatchRequest
	if err := s.decodeJSON(w, r, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	cur, err := s.queue.data.Ticket(ctx, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	fields := map[string]string{}
	var sev triage.Severity
	if req.Severity != nil {
		var ok bool
		if sev, ok = triage.ParseSeverity(*req.Severity); !ok {
			fields["severity"] = "invalid"
		} else if !a.Can(identity.PermTicketSeverity) {
			s.fail(w, r, forbidden(a, identity.PermTicketSeverity))
			return
		}
	}
	if req.Status != nil {
		if st := ticket.Status(*req.Status); !st.Valid() || st == ticket.New {
			fields["status"] = "invalid"
		} else if !a.Can(identity.PermTicketStatus) {
			s.fail(w, r, forbidden(a, identity.PermTicketStatus))
			return
		}
	}
	assign, unassign := int64(0), false
	if raw := bytes.TrimSpace(req.Assignee); len(raw) > 0 {
		str, un, ok := assigneeChoice(raw)
		unassign = un
		if !ok {
			fields["assignee"] = "invalid"
		}
		if unassign {
			if err := mayUnassign(a, cur.Assignee); err != nil {
				s.fail(w, r, err)
				return
			}
		} else if fields["assignee"] == "" {
			to, err := s.resolveAssignee(r, a, str)
			if err != nil {
				s.fail(w, r, err)
				return
			}
			if cur.Assignee != 0 && cur.Assignee != to && cur.Assignee != a.ID && !a.Can(identity.PermTicketAssignOthers) {
				s.fail(w, r, forbidden(a, identity.PermTicketAssignOthers))
				return
			}
			assign = to
		}
	}
	if req.Severity == nil && req.Status == nil && len(bytes.TrimSpace(req.Assignee)) == 0 {
		fields["status"] = "required"
	}
	if req.Severity != nil && strings.TrimSpace(req.Reason) == "" {
		fields["reason"] = "required"
	}
	if len(fields) > 0 {
		s.fail(w, r, desk.Invalid("invalid_input", fields))
		return
	}
	e := ticket.Edit{Assign: assign, Unassign: unassign, Reason: req.Reason, CanLowerS1: canLowerS1(a)}
	if req.Severity != nil {
		e.Severity = &sev
	}
	if req.Status != nil {
		st := ticket.Status(*req.Status)
		e.Status = &st
	}
	t, err := s.tickets.Edit(ctx, id, a.ID, e)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	reason := s.redact.Redact(req.Reason).Text
	if req.Severity != nil {
		s.audit(r, "ticket.severity", ticketTarget(id), map[string]any{"from": cur.Severity.String(), "to": t.Severity.String(), "reason": reason, "via": "api"})
	}
	if req.Status != nil {
		s.audit(r, "ticket.status", ticketTarget(id), map[string]any{"from": string(cur.Status), "to": string(t.Status), "reason": reason, "via": "api"})
	}
	switch {
	case unassign:
		s.audit(r, "ticket.unassign", ticketTarget(id), map[string]any{"from": cur.Assignee, "via": "api"})
	case assign != 0:
		s.audit(r, "ticket.assign", ticketTarget(id), map[string]any{"from": cur.Assignee, "to": assign, "via": "api"})
	}
	writeJSON(w, http.StatusOK, ticketJSON(t, time.Now()))
}

// assigneeChoice reads the assignee of a PATCH: null or 0 unassigns; an
// agent id (a number, or a string of digits) or "me" assigns. ok is false
// for anything else.
func assigneeChoice(raw json.RawMessage) (value string, unassign, ok bool) {
	raw = bytes.TrimSpace(raw)
	if string(raw) == "null" || string(raw) == "0" {
		return "", true, true
	}
	var n int64
	if json.Unmarshal(raw, &n) == nil {
		return strconv.FormatInt(n, 10), false, n > 0
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return "", false, false
	}
	s = strings.TrimSpace(s)
	if s == "me" {
		return s, false, true
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return s, false, err == nil && n > 0
}
