package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/identity"
	"github.com/walletdesk/walletdesk/internal/ticket"
	"github.com/walletdesk/walletdesk/internal/triage"
)

// Every action below is a plain form post that answers 303 back to the
// request (or re-renders it with the error and what was typed); the
// page's script only adds conveniences. Each one is audited.

func forbidden(a *identity.Agent, p identity.Permission) error {
	return desk.Errorf(desk.KindForbidden, "forbidden", "%s lacks %s", a.Role, p)
}

func ticketTarget(id int64) string { return "ticket:" + itoa(id) }

// actionFailed shows the request again with the error next to the form
// that caused it. Errors that are not about the input get the error page.
func (s *Server) actionFailed(w http.ResponseWriter, r *http.Request, id int64, f ticketForm, err error) {
	switch desk.ErrorKind(err) {
	case desk.KindInvalid, desk.KindConflict:
	case desk.KindForbidden:
		if desk.ErrorCode(err) != "lower_s1_forbidden" {
			s.consoleFail(w, r, err)
			return
		}
	default:
		s.consoleFail(w, r, err)
		return
	}
	st, msg, fields := s.formError(r, err)
	f.Error, f.Fields = msg, fields
	s.renderTicket(w, r, id, st, f, "")
}

func (s *Server) backToTicket(w http.ResponseWriter, r *http.Request, id int64, done, anchor string) {
	u := "/console/tickets/" + itoa(id) + "?done=" + done
	if anchor != "" {
		u += "#" + anchor
	}
	http.Redirect(w, r, u, http.StatusSeeOther)
}

// ticketReply sends a public reply or an internal note, or (action=
// preview) shows how the reply will read.
func (s *Server) ticketReply(w http.ResponseWriter, r *http.Request) {
	a := agentFrom(r)
	id, err := ticketID(r)
	if err != nil {
		s.consoleFail(w, r, err)
		return
	}
	pf := r.PostForm
	f := ticketForm{Section: "reply", Kind: pf.Get("kind"), After: pf.Get("after"), Body: pf.Get("body")}
	internal := f.Kind == "note"
	if !internal {
		f.Kind = "reply"
	}
	perm := identity.PermTicketReply
	if internal {
		perm = identity.PermTicketNote
	}
	if !a.Can(perm) {
		s.consoleFail(w, r, forbidden(a, perm))
		return
	}
	if pf.Get("action") == "preview" {
		t, err := s.queue.data.Ticket(r.Context(), id)
		if err != nil {
			s.consoleFail(w, r, err)
			return
		}
		f.Body = s.redact.Redact(f.Body).Text
		f.Preview = s.previewHTML(f.Body, t.Locale, s.locale(r))
		s.renderTicket(w, r, id, http.StatusOK, f, "")
		return
	}
	t, m, err := s.tickets.AgentReply(r.Context(), id, a.ID, ticket.AgentReply{Body: f.Body, Internal: internal, Status: ticket.Status(f.After)})
	if err != nil {
		f.Body = s.redact.Redact(f.Body).Text
		s.actionFailed(w, r, id, f, err)
		return
	}
	action := "ticket.reply"
	if internal {
		action = "ticket.note"
	}
	s.audit(r, action, ticketTarget(id), map[string]any{"message": m.ID, "status": string(t.Status), "redacted": m.Redactions})
	s.backToTicket(w, r, id, strings.TrimPrefix(action, "ticket."), "m"+itoa(m.ID))
}

// ticketStatus moves a request to another status, with an optional reason.
func (s *Server) ticketStatus(w http.ResponseWriter, r *http.Request) {
	a := agentFrom(r)
	id, err := ticketID(r)
	if err != nil {
		s.consoleFail(w, r, err)
		return
	}
	f := ticketForm{Section: "status", Reason: s.redact.Redact(r.PostForm.Get("reason")).Text, After: r.PostForm.Get("status")}
	before, err := s.queue.data.Ticket(r.Context(), id)
	if err != nil {
		s.consoleFail(w, r, err)
		return
	}
	t, err := s.tickets.SetStatus(r.Context(), id, a.ID, ticket.Status(f.After), r.PostForm.Get("reason"))
	if err != nil {
		s.actionFailed(w, r, id, f, err)
		return
	}
	s.audit(r, "ticket.status", ticketTarget(id), map[string]any{"from": string(before.Status), "to": string(t.Status), "reason": f.Reason})
	s.backToTicket(w, r, id, "status", "")
}

// ticketSeverity changes a request's severity for a stated reason.
// Lowering an S1 is for supervisors (the domain refuses it otherwise).
func (s *Server) ticketSeverity(w http.ResponseWriter, r *http.Request) {
	a := agentFrom(r)
	id, err := ticketID(r)
	if err != nil {
		s.consoleFail(w, r, err)
		return
	}
	f := ticketForm{Section: "severity", Reason: s.redact.Redact(r.PostForm.Get("reason")).Text, After: r.PostForm.Get("severity")}
	sev, ok := triage.ParseSeverity(f.After)
	if !ok {
		s.actionFailed(w, r, id, f, desk.Invalid("invalid_input", map[string]string{"severity": "invalid"}))
		return
	}
	before, err := s.queue.data.Ticket(r.Context(), id)
	if err != nil {
		s.consoleFail(w, r, err)
		return
	}
	t, err := s.tickets.SetSeverity(r.Context(), id, a.ID, sev, r.PostForm.Get("reason"), canLowerS1(a))
	if err != nil {
		s.actionFailed(w, r, id, f, err)
		return
	}
	s.audit(r, "ticket.severity", ticketTarget(id), map[string]any{"from": before.Severity.String(), "to": t.Severity.String(), "reason": f.Reason})
	s.backToTicket(w, r, id, "severity", "")
}

// canLowerS1: role.go grants ticket.severity to supervisors and admins
// only, which is exactly who may lower an S1.
func canLowerS1(a *identity.Agent) bool { return a.Can(identity.PermTicketLowerS1) }

// resolveAssignee reads an assignee choice ("me" or an agent id) and
// checks that agent a may give the request to them: anyone may take a
// request with ticket.assign_self; giving it to someone else needs
// ticket.assign_others, and the assignee must be an enabled agent who can
// reply.
func (s *Server) resolveAssignee(r *http.Request, a *identity.Agent, v string) (int64, error) {
	v = strings.TrimSpace(v)
	to := a.ID
	if v != "me" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			return 0, desk.Invalid("invalid_input", map[string]string{"assignee": "invalid"})
		}
		to = n
	}
	if to == a.ID {
		if !a.Can(identity.PermTicketAssignSelf) && !a.Can(identity.PermTicketAssignOthers) {
			return 0, forbidden(a, identity.PermTicketAssignSelf)
		}
		return to, nil
	}
	if !a.Can(identity.PermTicketAssignOthers) {
		return 0, forbidden(a, identity.PermTicketAssignOthers)
	}
	ag, err := s.queue.agents.get(r.Context(), to)
	if desk.IsNotFound(err) || err == nil && !ag.Can(identity.PermTicketReply) {
		return 0, desk.Invalid("invalid_input", map[string]string{"assignee": "invalid"})
	}
	return to, err
}

// mayUnassign: one's own request with assign_self, anyone's with
// assign_others.
func mayUnassign(a *identity.Agent, current int64) error {
	if current == a.ID && (a.Can(identity.PermTicketAssignSelf) || a.Can(identity.PermTicketAssignOthers)) ||
		a.Can(identity.PermTicketAssignOthers) {
		return nil
	}
	return forbidden(a, identity.PermTicketAssignOthers)
}

// ticketAssign gives a request to an agent (assignee=me, or an id).
func (s *Server) ticketAssign(w http.ResponseWriter, r *http.Request) {
	a := agentFrom(r)
	id, err := ticketID(r)
	if err != nil {
		s.consoleFail(w, r, err)
		return
	}
	f := ticketForm{Section: "assign", Target: r.PostForm.Get("assignee")}
	to, err := s.resolveAssignee(r, a, f.Target)
	if err != nil {
		s.actionFailed(w, r, id, f, err)
		return
	}
	before, err := s.queue.data.Ticket(r.Context(), id)
	if err != nil {
		s.consoleFail(w, r, err)
		return
	}
	// Taking over someone else's request is assigning it away from them.
	if before.Assignee != 0 && before.Assignee != to && before.Assignee != a.ID && !a.Can(identity.PermTicketAssignOthers) {
		s.consoleFail(w, r, forbidden(a, identity.PermTicketAssignOthers))
		return
	}
	if _, err := s.tickets.Assign(r.Context(), id, to, a.ID); err != nil {
		s.actionFailed(w, r, id, f, err)
		return
	}
	s.audit(r, "ticket.assign", ticketTarget(id), map[string]any{"from": before.Assignee, "to": to})
	if r.Header.Get("X-Requested-With") == "fetch" {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	s.backToTicket(w, r, id, "assigned", "")
}

// ticketUnassign returns a request to the unassigned pool.
func (s *Server) ticketUnassign(w http.ResponseWriter, r *http.Request) {
	a := agentFrom(r)
	id, err := ticketID(r)
	if err != nil {
		s.consoleFail(w, r, err)
		return
	}
	before, err := s.queue.data.Ticket(r.Context(), id)
	if err != nil {
		s.consoleFail(w, r, err)
		return
	}
	if err := mayUnassign(a, before.Assignee); err != nil {
		s.consoleFail(w, r, err)
		return
	}
	if _, err := s.tickets.Unassign(r.Context(), id, a.ID); err != nil {
		s.actionFailed(w, r, id, ticketForm{Section: "assign"}, err)
		return
	}
	s.audit(r, "ticket.unassign", ticketTarget(id), map[string]any{"from": before.Assignee})
	s.backToTicket(w, r, id, "unassigned", "")
}

// ticketMerge folds this request into another one (target) and goes there.
func (s *Server) ticketMerge(w http.ResponseWriter, r *http.Request) {
	a := agentFrom(r)
	id, err := ticketID(r)
	if err != nil {
		s.consoleFail(w, r, err)
		return
	}
	f := ticketForm{Section: "merge", Target: strings.TrimPrefix(strings.TrimSpace(r.PostForm.Get("target")), "#")}
	target, err := strconv.ParseInt(f.Target, 10, 64)
	if err != nil || target <= 0 {
		s.actionFailed(w, r, id, f, desk.Invalid("invalid_input", map[string]string{"target": "invalid"}))
		return
	}
	if _, _, err := s.tickets.Merge(r.Context(), id, target, a.ID); err != nil {
		if desk.IsNotFound(err) {
			err = desk.Invalid("invalid_input", map[string]string{"target": "not_found"})
		}
		s.actionFailed(w, r, id, f, err)
		return
	}
	s.audit(r, "ticket.merge", ticketTarget(id), map[string]any{"into": target})
	s.backToTicket(w, r, target, "merged", "")
}
