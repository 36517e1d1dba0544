package ticket

import (
	"context"
	"strconv"
	"strings"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/triage"
)

// View is a ticket as its requester sees it: public messages only.
type View struct {
	Ticket   Ticket
	Messages []Message
}

// ForRequester returns the ticket if token opens it. A wrong token and a
// missing ticket give the same desk.ErrNotFound, so that ticket numbers
// cannot be probed.
func (s *Service) ForRequester(ctx context.Context, id int64, token string) (View, error) {
	t, err := s.authorize(ctx, id, token)
	if err != nil {
		return View{}, err
	}
	msgs, err := s.store.Messages(ctx, id)
	if err != nil {
		return View{}, err
	}
	return View{Ticket: t, Messages: public(msgs)}, nil
}

func (s *Service) authorize(ctx context.Context, id int64, token string) (Ticket, error) {
	if token == "" || len(token) > 100 {
		return Ticket{}, desk.ErrNotFound
	}
	t, err := s.store.Ticket(ctx, id)
	if err != nil {
		return Ticket{}, err
	}
	if !tokenMatches(token, t.TokenHash) {
		return Ticket{}, desk.ErrNotFound
	}
	return t, nil
}

func public(msgs []Message) []Message {
	out := msgs[:0:0]
	for _, m := range msgs {
		if !m.Internal {
			out = append(out, m)
		}
	}
	return out
}

// Reply adds a requester's message to their ticket. The text is redacted
// together with their previous message (a phrase split over two messages
// is still a phrase), triaged (a reply can only raise the severity), and a
// solved or pending ticket reopens.
func (s *Service) Reply(ctx context.Context, id int64, token, body string) (View, error) {
	body = strings.TrimSpace(body)
	f := map[string]string{}
	checkText(f, "body", body, MaxBodyRunes)
	if len(f) > 0 {
		return View{}, desk.Invalid("invalid_input", f)
	}
	if _, err := s.authorize(ctx, id, token); err != nil {
		return View{}, err
	}
	now := s.now()
	_, err := s.store.UpdateTicket(ctx, id, func(t *Ticket, last Message) (Change, error) {
		if t.Status == Closed {
			return Change{}, desk.Errorf(desk.KindConflict, "ticket_closed", "ticket %d is closed", t.ID)
		}
		own := s.redactor.Redact(body)
		prev, next := s.redactor.RedactFollowUp(last.Body, own.Text)
		kinds := kindsOf(own, next)
		var ch Change
		if prev.Redacted() && last.ID != 0 {
			rewritten := last
			rewritten.Body = prev.Text
			rewritten.Redactions = mergeKinds(last.Redactions, kindsOf(prev))
			ch.Rewrites = append(ch.Rewrites, rewritten)
			kinds = mergeKinds(kinds, kindsOf(prev))
			ch.Events = append(ch.Events, Event{Actor: "system", Kind: "redacted", CreatedAt: now,
				Data: map[string]string{"kinds": strings.Join(kindsOf(prev), ","), "message": strconv.FormatInt(last.ID, 10), "where": "split across messages"}})
		}
		ownKinds := kindsOf(own, next)
		ch.Messages = append(ch.Messages, Message{Author: Requester, Body: next.Text, Redactions: ownKinds, CreatedAt: now})
		ch.Events = append(ch.Events, Event{Actor: "requester", Kind: "message_added", CreatedAt: now})
		if len(ownKinds) > 0 {
			ch.Events = append(ch.Events, Event{Actor: "system", Kind: "redacted", CreatedAt: now,
				Data: map[string]string{"kinds": strings.Join(ownKinds, ","), "where": "reply"}})
		}
		tr := s.triager.Classify(triage.Input{Subject: t.Subject, Body: next.Text, Category: t.Category,
			Locale: string(t.Locale), Exposed: kinds})
		if tr.Severity < t.Severity {
			ch.Events = append(ch.Events, Event{Actor: "system", Kind: "severity_changed", CreatedAt: now,
				Data: map[string]string{"from": t.Severity.String(), "to": tr.Severity.String(), "reasons": strings.Join(codesOf(tr.Reasons), ",")}})
			t.Severity = tr.Severity
			t.Reasons = append(tr.Reasons, t.Reasons...)
			if t.SLA.FirstResponseAt.IsZero() {
				if due := s.cfg.SLA.Due(now, t.Severity); due.Before(t.SLA.FirstResponseDue) {
					t.SLA.FirstResponseDue = due
				}
				t.SLA.Policy = s.cfg.SLA.Describe(t.Severity)
			}
		}
		if len(kinds) > 0 {
			target := s.cfg.SLA.Targets[t.Severity].FirstResponse
			ch.Messages = append(ch.Messages, Message{Author: System, Body: firstReply(t.Locale, playbookExposed, t.ID, target, nil), CreatedAt: now})
		}
		if t.Status == Pending || t.Status == Solved {
			ch.Events = append(ch.Events, Event{Actor: "requester", Kind: "status_changed", CreatedAt: now,
				Data: map[string]string{"from": string(t.Status), "to": string(Open), "why": "requester replied"}})
			t.Status = Open
		}
		t.UpdatedAt = now
		return ch, nil
	})
	if err != nil {
		return View{}, err
	}
	return s.ForRequester(ctx, id, token)
}

func mergeKinds(a, b []string) []string {
	out := append([]string{}, a...)
	for _, k := range b {
		dup := false
		for _, o := range out {
			dup = dup || o == k
		}
		if !dup {
			out = append(out, k)
		}
	}
	return out
}
