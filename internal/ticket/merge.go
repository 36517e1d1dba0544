package ticket

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/walletdesk/walletdesk/internal/desk"
)

// MergeStore changes two tickets in one transaction (package store).
type MergeStore interface {
	// UpdateTicketPair runs fn on tickets a and b with their messages,
	// then writes both back with their changes; an error from fn changes
	// nothing.
	UpdateTicketPair(ctx context.Context, a, b int64,
		fn func(a, b *Ticket, am, bm []Message) (Change, Change, error)) (Ticket, Ticket, error)
}

// Merge folds a duplicate request into its target. The target gets an
// internal note quoting the duplicate's conversation (internal, because
// the two requesters may differ), and the more urgent of the two
// severities. The duplicate is closed with a public note, in its
// requester's language, saying where the request went; its requester
// keeps reading it with their token. Both get events, in one transaction.
func (s *Service) Merge(ctx context.Context, duplicateID, targetID, agentID int64) (dup, target Ticket, err error) {
	ms, ok := s.store.(MergeStore)
	if !ok {
		return Ticket{}, Ticket{}, desk.Errorf(desk.KindUnavailable, "merge_unavailable", "the store cannot merge")
	}
	f := map[string]string{}
	if duplicateID == targetID {
		f["target"] = "same_ticket"
	}
	if agentID <= 0 {
		f["agent"] = "required"
	}
	if len(f) > 0 {
		return Ticket{}, Ticket{}, desk.Invalid("invalid_input", f)
	}
	actor := AgentActor(agentID)
	now := s.now()
	dup, target, err = ms.UpdateTicketPair(ctx, duplicateID, targetID, func(d, t *Ticket, dm, _ []Message) (Change, Change, error) {
		switch {
		case d.Status == Closed:
			return Change{}, Change{}, desk.Errorf(desk.KindConflict, "duplicate_closed", "ticket %d is closed", d.ID)
		case t.Status == Closed:
			return Change{}, Change{}, desk.Errorf(desk.KindConflict, "target_closed", "ticket %d is closed", t.ID)
		}
		var dch, tch Change
		note, copied := mergeNote(d, dm)
		tch.Messages = append(tch.Messages, Message{Author: System, Internal: true, Body: note, CreatedAt: now})
		tch.Events = append(tch.Events, Event{Actor: actor, Kind: "merged_from", CreatedAt: now,
			Data: map[string]string{"source": strconv.FormatInt(d.ID, 10), "messages": strconv.Itoa(copied)}})
		if d.Severity < t.Severity {
			tch.Events = append(tch.Events, Event{Actor: actor, Kind: "severity_changed", CreatedAt: now,
				Data: map[string]string{"from": t.Severity.String(), "to": d.Severity.String(), "why": "merged #" + strconv.FormatInt(d.ID, 10)}})
			s.resetSeverity(t, d.Severity, now)
		}
		t.UpdatedAt = now

		same := strings.EqualFold(d.Email, t.Email)
		dch.Messages = append(dch.Messages, Message{Author: System, Body: mergedText(d.Locale, t.ID, same), CreatedAt: now})
		dch.Events = append(dch.Events,
			Event{Actor: actor, Kind: "merged_into", CreatedAt: now, Data: map[string]string{"target": strconv.FormatInt(t.ID, 10)}},
			statusEvent(actor, d.Status, Closed, "merged", now))
		d.Status, d.UpdatedAt = Closed, now
		return dch, tch, nil
	})
	return dup, target, err
}

// mergeNote quotes a duplicate's conversation for the target's agents:
// what people wrote (requester, agents, internal notes), not the automatic
// replies. Bodies are stored redacted already.
func mergeNote(d *Ticket, msgs []Message) (string, int) {
	var b strings.Builder
	fmt.Fprintf(&b, "Merged from request #%d (%s, %s): %s\n", d.ID, d.Email, d.Locale, d.Subject)
	n := 0
	for _, m := range msgs {
		if m.Author == System {
			continue
		}
		n++
		who := "Requester"
		if m.Author == Agent {
			who = "Agent " + strconv.FormatInt(m.AgentID, 10)
			if m.Internal {
				who += " (internal note)"
			}
		}
		fmt.Fprintf(&b, "\n---\n**%s**, %s\n\n%s\n", who, m.CreatedAt.UTC().Format("2006-01-02 15:04 UTC"), m.Body)
	}
	return b.String(), n
}

// mergedText tells a duplicate's requester where their request went. Only
// when both requests come from the same address do we point them to the
// target: otherwise it is someone else's request.
func mergedText(loc desk.Locale, target int64, sameRequester bool) string {
	texts := map[desk.Locale][2]string{
		desk.English: {
			"We have merged this request into request #%d, which is about the same problem. This one is now closed, and our team continues there. Please follow #%[1]d with the link you received when you opened it.",
			"We are handling this problem together with another report of the same issue, so this request is now closed. If you have anything to add, please open a new request and mention this one.",
		},
		desk.Chinese: {
			"我们已将此请求合并到请求 #%d（同一个问题）。此请求已关闭，我们的团队会在 #%[1]d 中继续处理。请通过你提交 #%[1]d 时收到的链接查看进展。",
			"我们正在把这个问题和另一份相同问题的报告一起处理，因此此请求已关闭。如需补充信息，请提交新的请求，并注明本请求的编号。",
		},
		desk.Japanese: {
			"このリクエストは、同じ問題についてのリクエスト #%d に統合しました。このリクエストはクローズされ、今後は #%[1]d でサポートチームが対応します。#%[1]d を送信したときに届いたリンクから進捗をご確認ください。",
			"同じ問題についての別の報告とあわせて対応するため、このリクエストはクローズしました。補足があれば、このリクエストの番号を添えて新しいリクエストを送信してください。",
		},
	}
	t, ok := texts[loc]
	if !ok {
		t = texts[desk.English]
	}
	if sameRequester {
		return fmt.Sprintf(t[0], target)
	}
	return t[1]
}
