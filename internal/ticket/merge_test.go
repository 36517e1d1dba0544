package ticket_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/store/storetest"
	"github.com/walletdesk/walletdesk/internal/ticket"
	"github.com/walletdesk/walletdesk/internal/triage"
)

func TestMerge(t *testing.T) {
	for _, eng := range storetest.Engines(t) {
		t.Run(eng.Name, func(t *testing.T) {
			ctx := context.Background()
			e := newEnv(t, eng.Open(t))
			target := create(t, e, "kai@example.com", "USDT转账卡住了", "我的USDT转账一直显示打包中", desk.Chinese)
			e.now = e.now.Add(time.Hour)
			dup := create(t, e, "Kai@Example.com", "还是没到账", "转账还是没到账，钱包好像被盗了，资产被转走了", desk.Chinese)
			if dup.Ticket.Severity >= target.Ticket.Severity {
				t.Fatalf("test premise: duplicate %s, target %s", dup.Ticket.Severity, target.Ticket.Severity)
			}
			e.svc.AgentReply(ctx, dup.Ticket.ID, 4, ticket.AgentReply{Body: "possible sweeper", Internal: true})

			e.now = e.now.Add(time.Minute)
			d, tg, err := e.svc.Merge(ctx, dup.Ticket.ID, target.Ticket.ID, 7)
			if err != nil {
				t.Fatal(err)
			}
			if d.Status != ticket.Closed || tg.Status != ticket.New || tg.Severity != dup.Ticket.Severity {
				t.Errorf("after merge: duplicate %s, target %s %s", d.Status, tg.Status, tg.Severity)
			}
			if !tg.SLA.FirstResponseDue.Before(target.Ticket.SLA.FirstResponseDue) {
				t.Errorf("the target kept its slower due time %v", tg.SLA.FirstResponseDue)
			}

			// The target's agents see the duplicate's conversation, in an
			// internal note; its requester does not.
			_, msgs, _ := e.svc.ForAgent(ctx, tg.ID)
			note := msgs[len(msgs)-1]
			if !note.Internal || note.Author != ticket.System || !strings.Contains(note.Body, "#"+strconv.FormatInt(d.ID, 10)) ||
				!strings.Contains(note.Body, "资产被转走了") || !strings.Contains(note.Body, "possible sweeper") {
				t.Errorf("merge note %+v", note)
			}
			if strings.Contains(note.Body, "我们已收到你的请求") {
				t.Error("the note quotes the automatic reply")
			}
			v, _ := e.svc.ForRequester(ctx, tg.ID, target.Token)
			for _, m := range v.Messages {
				if m.Internal || strings.Contains(m.Body, "资产被转走了") {
					t.Errorf("the target's requester sees %+v", m)
				}
			}
			// The duplicate's requester keeps access and sees where it went.
			dv, err := e.svc.ForRequester(ctx, d.ID, dup.Token)
			if err != nil {
				t.Fatal(err)
			}
			pointer := dv.Messages[len(dv.Messages)-1]
			if pointer.Internal || pointer.Author != ticket.System || !strings.Contains(pointer.Body, "#"+strconv.FormatInt(tg.ID, 10)) {
				t.Errorf("pointer %+v", pointer)
			}
			if k := eventKinds(t, e.db, d.ID); k["merged_into"] != 1 || k["status_changed"] != 1 {
				t.Errorf("duplicate events %v", k)
			}
			if k := eventKinds(t, e.db, tg.ID); k["merged_from"] != 1 || k["severity_changed"] != 1 {
				t.Errorf("target events %v", k)
			}
			if ev := lastEvent(t, e.db, tg.ID, "merged_from"); ev.Actor != "agent:7" || ev.Data["source"] != strconv.FormatInt(d.ID, 10) || ev.Data["messages"] != "2" {
				t.Errorf("merged_from %+v", ev)
			}

			// Refusals change nothing.
			other := create(t, e, "zed@example.com", "hello", "how do I back up my wallet", desk.English)
			for _, tc := range []struct {
				dup, target int64
				kind        desk.Kind
			}{
				{d.ID, tg.ID, desk.KindConflict},           // already merged (closed)
				{other.Ticket.ID, d.ID, desk.KindConflict}, // into a closed ticket
				{tg.ID, tg.ID, desk.KindInvalid},
				{other.Ticket.ID, 424242, desk.KindNotFound},
			} {
				if _, _, err := e.svc.Merge(ctx, tc.dup, tc.target, 7); desk.ErrorKind(err) != tc.kind {
					t.Errorf("merge %d into %d: %v, want %s", tc.dup, tc.target, err, tc.kind)
				}
			}
			if tk, _, _ := e.svc.ForAgent(ctx, other.Ticket.ID); tk.Status != ticket.New {
				t.Errorf("a refused merge closed %d", other.Ticket.ID)
			}
		})
	}
}

func TestMergeAcrossRequestersDoesNotPoint(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, storetest.OpenSQLite(t))
	a := create(t, e, "ann@example.com", "送金が保留中", "USDTの送金が詰まっています", desk.Japanese)
	b := create(t, e, "ben@example.com", "送金できない", "私も同じで送金が保留中です", desk.Japanese)
	_, _, err := e.svc.Merge(ctx, b.Ticket.ID, a.Ticket.ID, 7)
	if err != nil {
		t.Fatal(err)
	}
	v, _ := e.svc.ForRequester(ctx, b.Ticket.ID, b.Token)
	last := v.Messages[len(v.Messages)-1]
	if strings.Contains(last.Body, "#"+strconv.FormatInt(a.Ticket.ID, 10)) || !strings.Contains(last.Body, "クローズ") {
		t.Errorf("another requester's request is pointed to: %q", last.Body)
	}
	if tk, _, _ := e.svc.ForAgent(ctx, a.Ticket.ID); tk.Severity != a.Ticket.Severity || tk.Severity == triage.S1 {
		t.Errorf("target severity %s", tk.Severity)
	}
}
