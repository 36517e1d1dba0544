package ticket

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/triage"
)

// MaxReasonRunes bounds the reason an agent gives for a change.
const MaxReasonRunes = 500

// AgentActor names an agent in events.
func AgentActor(id int64) string { return "agent:" + strconv.FormatInt(id, 10) }

// AgentReply is what an agent sends on a ticket.
type AgentReply struct {
	Body     string // Markdown
	Internal bool   // a note for agents; never shown to the requester
	// Status is where the ticket goes with the reply ("" lets a public
	// reply move a new ticket to open and keeps the status otherwise).
	Status Status
}

// ForAgent returns a ticket with its whole conversation, internal notes
// included.
func (s *Service) ForAgent(ctx context.Context, id int64) (Ticket, []Message, error) {
	t, err := s.store.Ticket(ctx, id)
	if err != nil {
		return Ticket{}, nil, err
	}
	msgs, err := s.store.Messages(ctx, id)
	if err != nil {
		return Ticket{}, nil, err
	}
	return t, msgs, nil
}

// AgentReply adds an agent's reply or internal note. The text is redacted
// like a requester's (an agent may paste a user's secret by mistake). The
// first public reply stops the first-response clock.
func (s *Service) AgentReply(ctx context.Context, id, agentID int64, r AgentReply) (Ticket, Message, error) {
	body := strings.TrimSpace(r.Body)
	f := map[string]string{}
	checkText(f, "body", body, MaxBodyRunes)
	if agentID <= 0 {
		f["agent"] = "required"
	}
	if r.Status != "" && !agentMayChoose(r.Status) {
		f["status"] = "invalid"
	}
	if len(f) > 0 {
		return Ticket{}, Message{}, desk.Invalid("invalid_input", f)
	}
	red := s.redactor.Redact(body)
	kinds := kindsOf(red)
	actor := AgentActor(agentID)
	now := s.now()
	// The store numbers the message in place (ch.Messages shares its
	// array with what the store writes), as in Create.
	var ch Change
	t, err := s.store.UpdateTicket(ctx, id, func(t *Ticket, _ Message) (Change, error) {
		if t.Status == Closed && !r.Internal {
			return Change{}, desk.Errorf(desk.KindConflict, "ticket_closed", "ticket %d is closed", t.ID)
		}
		ch = Change{Messages: []Message{{Author: Agent, AgentID: agentID, Internal: r.Internal, Body: red.Text, Redactions: kinds, CreatedAt: now}}}
		ch.Events = append(ch.Events, Event{Actor: actor, Kind: "message_added", CreatedAt: now,
			Data: map[string]string{"internal": strconv.FormatBool(r.Internal)}})
		if len(kinds) > 0 {
			ch.Events = append(ch.Events, Event{Actor: "system", Kind: "redacted", CreatedAt: now,
				Data: map[string]string{"kinds": strings.Join(kinds, ","), "where": "agent " + map[bool]string{true: "note", false: "reply"}[r.Internal]}})
		}
		if !r.Internal && t.SLA.FirstResponseAt.IsZero() {
			t.SLA.FirstResponseAt = now
			ch.Events = append(ch.Events, Event{Actor: actor, Kind: "first_response", CreatedAt: now,
				Data: map[string]string{"due": t.SLA.FirstResponseDue.UTC().Format(time.RFC3339), "late": strconv.FormatBool(now.After(t.SLA.FirstResponseDue))}})
		}
		to := r.Status
		if to == "" && !r.Internal && t.Status == New {
			to = Open
		}
		if to != "" && to != t.Status {
			ch.Events = append(ch.Events, statusEvent(actor, t.Status, to, "agent replied", now))
			t.Status = to
		}
		t.UpdatedAt = now
		return ch, nil
	})
	if err != nil {
		return Ticket{}, Message{}, err
	}
	return t, ch.Messages[0], nil
}

// agentMayChoose: an agent sets any status but new, which only a ticket
// nobody has touched has.
func agentMayChoose(s Status) bool { return s.Valid() && s != New }

func statusEvent(actor string, from, to Status, why string, now time.Time) Event {
	d := map[string]string{"from": string(from), "to": string(to)}
	if why != "" {
		d["why"] = why
	}
	return Event{Actor: actor, Kind: "status_changed", CreatedAt: now, Data: d}
}

// checkReason validates and redacts the free-text reason of a change.
func (s *Service) checkReason(f map[string]string, reason string, required bool) string {
	reason = strings.TrimSpace(reason)
	switch {
	case reason == "" && required:
		f["reason"] = "required"
	case reason == "":
	default:
		checkText(f, "reason", reason, MaxReasonRunes)
	}
	return s.redactor.Redact(reason).Text
}

// Edit is what an agent changes on a ticket in one action: any of its
// severity, status and assignee. The parts are applied in that order, in
// one transaction: all of them, or none.
type Edit struct {
	Severity   *triage.Severity
	Status     *Status
	Assign     int64 // the new assignee; 0 leaves it (the caller checks that the agent exists)
	Unassign   bool
	Reason     string // required with a severity, optional otherwise
	CanLowerS1 bool   // whether this agent may lower an S1 (a supervisor; the caller decides)
}

// Edit applies e to the ticket id on behalf of agentID. A part that would
// change nothing adds no event.
func (s *Service) Edit(ctx context.Context, id, agentID int64, e Edit) (Ticket, error) {
	f := map[string]string{}
	if agentID <= 0 {
		f["agent"] = "required"
	}
	if e.Severity != nil && !e.Severity.Valid() {
		f["severity"] = "invalid"
	}
	if e.Status != nil && !agentMayChoose(*e.Status) {
		f["status"] = "invalid"
	}
	if e.Assign < 0 || (e.Assign > 0 && e.Unassign) {
		f["assignee"] = "invalid"
	}
	if e.Severity == nil && e.Status == nil && e.Assign == 0 && !e.Unassign {
		f["status"] = "required"
	}
	reason := s.checkReason(f, e.Reason, e.Severity != nil)
	if len(f) > 0 {
		return Ticket{}, desk.Invalid("invalid_input", f)
	}
	now := s.now()
	actor := AgentActor(agentID)
	return s.store.UpdateTicket(ctx, id, func(t *Ticket, _ Message) (Change, error) {
		var ch Change
		if e.Severity != nil && *e.Severity != t.Severity {
			from, to := t.Severity, *e.Severity
			if from == triage.S1 && to > from && !e.CanLowerS1 {
				return Change{}, desk.Errorf(desk.KindForbidden, "lower_s1_forbidden", "only a supervisor may lower an S1 (ticket %d)", t.ID)
			}
			s.resetSeverity(t, to, now)
			ch.Events = append(ch.Events, Event{Actor: actor, Kind: "severity_changed", CreatedAt: now,
				Data: map[string]string{"from": from.String(), "to": to.String(), "reason": reason}})
		}
		if e.Status != nil && *e.Status != t.Status {
			ev := statusEvent(actor, t.Status, *e.Status, "", now)
			if reason != "" {
				ev.Data["reason"] = reason
			}
			t.Status = *e.Status
			ch.Events = append(ch.Events, ev)
		}
		switch {
		case e.Unassign && t.Assignee != 0:
			ch.Events = append(ch.Events, Event{Actor: actor, Kind: "unassigned", CreatedAt: now,
				Data: map[string]string{"from": strconv.FormatInt(t.Assignee, 10)}})
			t.Assignee = 0
		case e.Assign > 0:
			// Judged on the status this edit leaves: "reopen and take it" works.
			if t.Status == Closed {
				return Change{}, desk.Errorf(desk.KindConflict, "ticket_closed", "ticket %d is closed", t.ID)
			}
			if t.Assignee != e.Assign {
				ev := Event{Actor: actor, Kind: "assigned", CreatedAt: now,
					Data: map[string]string{"to": strconv.FormatInt(e.Assign, 10), "rule": "manual"}}
				if t.Assignee != 0 {
					ev.Data["from"] = strconv.FormatInt(t.Assignee, 10)
				}
				t.Assignee = e.Assign
				ch.Events = append(ch.Events, ev)
			}
		}
		if len(ch.Events) > 0 {
			t.UpdatedAt = now
		}
		return ch, nil
	})
}

// SetStatus moves a ticket to another status; the reason is optional.
func (s *Service) SetStatus(ctx context.Context, id, agentID int64, to Status, reason string) (Ticket, error) {
	return s.Edit(ctx, id, agentID, Edit{Status: &to, Reason: reason})
}

// SetSeverity changes a ticket's severity for a stated reason. Lowering an
// S1 needs canLower (a supervisor; the caller decides). While the ticket
// waits for its first response, the due time follows: a raise can only
// bring it closer, a lowering can only push it back.
func (s *Service) SetSeverity(ctx context.Context, id, agentID int64, to triage.Severity, reason string, canLower bool) (Ticket, error) {
	return s.Edit(ctx, id, agentID, Edit{Severity: &to, Reason: reason, CanLowerS1: canLower})
}

// resetSeverity sets t's severity and moves an unmet first-response due
// time with it.
func (s *Service) resetSeverity(t *Ticket, to triage.Severity, now time.Time) {
	raise := to < t.Severity
	t.Severity = to
	if !t.SLA.FirstResponseAt.IsZero() {
		return
	}
	if raise {
		if due := s.cfg.SLA.Due(now, to); due.Before(t.SLA.FirstResponseDue) {
			t.SLA.FirstResponseDue = due
		}
	} else if due := s.cfg.SLA.Due(t.CreatedAt, to); due.After(t.SLA.FirstResponseDue) {
		t.SLA.FirstResponseDue = due
	}
	t.SLA.Policy = s.cfg.SLA.Describe(to)
}
