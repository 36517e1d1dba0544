package ticket_test

import (
	"context"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/store/storetest"
	"github.com/walletdesk/walletdesk/internal/ticket"
	"github.com/walletdesk/walletdesk/internal/triage"
)

// online is the identity side as the assigner sees it: who is online, and
// their open counts as the database would report them.
type online struct {
	mu    sync.Mutex
	cands []ticket.Candidate
	calls int
}

func (o *online) Online(context.Context) ([]ticket.Candidate, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.calls++
	return slices.Clone(o.cands), nil
}

func (o *online) set(c ...ticket.Candidate) {
	o.mu.Lock()
	o.cands = c
	o.mu.Unlock()
}

var (
	en = []desk.Locale{desk.English}
	ja = []desk.Locale{desk.Japanese}
)

func assignee(t *testing.T, e *env, id int64) int64 {
	t.Helper()
	tk, _, err := e.svc.ForAgent(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return tk.Assignee
}

func TestRoundRobinByLanguageAndCap(t *testing.T) {
	for _, eng := range storetest.Engines(t) {
		t.Run(eng.Name, func(t *testing.T) {
			ctx := context.Background()
			e := newEnv(t, eng.Open(t))
			agents := &online{}
			agents.set(
				ticket.Candidate{ID: 1, Locales: []desk.Locale{desk.English, desk.Japanese}},
				ticket.Candidate{ID: 2, Locales: ja, Cap: 2},
				ticket.Candidate{ID: 3, Locales: en},
			)
			a := ticket.NewAssigner(e.svc, e.db.Queue(), agents, e.db.Rotation(), ticket.AssignerConfig{}, nil)
			var jaIDs []int64
			for i := 0; i < 5; i++ {
				e.now = e.now.Add(time.Minute) // queue order: oldest due first
				jaIDs = append(jaIDs, create(t, e, "j"+strconv.Itoa(i)+"@example.com", "送金が保留中", "USDTの送金が詰まっています", desk.Japanese).Ticket.ID)
			}
			n, err := a.AssignWaiting(ctx)
			if err != nil || n != 5 {
				t.Fatalf("assigned %d, %v", n, err)
			}
			var got []int64
			for _, id := range jaIDs {
				got = append(got, assignee(t, e, id))
			}
			// Turns alternate between the Japanese speakers until agent 2
			// reaches their cap; agent 3 speaks no Japanese.
			if want := []int64{1, 2, 1, 2, 1}; !slices.Equal(got, want) {
				t.Errorf("assignees %v, want %v", got, want)
			}
			ev := lastEvent(t, e.db, jaIDs[1], "assigned")
			if ev.Actor != "system" || ev.Data["to"] != "2" || ev.Data["rule"] != "round_robin" {
				t.Errorf("event %+v", ev)
			}

			// A restart: a new assigner continues the stored rotation.
			// Agent 3 never had a turn and agent 1 had the latest, so agent
			// 3 goes first, then they alternate.
			agents.set(
				ticket.Candidate{ID: 1, Locales: []desk.Locale{desk.English, desk.Japanese}, OpenCount: 3},
				ticket.Candidate{ID: 3, Locales: en, OpenCount: 0},
			)
			b := ticket.NewAssigner(e.svc, e.db.Queue(), agents, e.db.Rotation(), ticket.AssignerConfig{}, nil)
			var enIDs []int64
			for i := 0; i < 3; i++ {
				e.now = e.now.Add(time.Minute)
				enIDs = append(enIDs, create(t, e, "e"+strconv.Itoa(i)+"@example.com", "token not showing", "my token does not show in the wallet", desk.English).Ticket.ID)
			}
			if n, err := b.AssignWaiting(ctx); err != nil || n != 3 {
				t.Fatalf("assigned %d, %v", n, err)
			}
			got = got[:0]
			for _, id := range enIDs {
				got = append(got, assignee(t, e, id))
			}
			if want := []int64{3, 1, 3}; !slices.Equal(got, want) {
				t.Errorf("after restart %v, want %v", got, want)
			}
			// Nothing waits: a round assigns nothing and changes nothing.
			if n, _ := b.AssignWaiting(ctx); n != 0 {
				t.Errorf("second round assigned %d", n)
			}
		})
	}
}

func TestS1GoesToFirstAvailable(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, storetest.OpenSQLite(t))
	agents := &online{}
	a := ticket.NewAssigner(e.svc, e.db.Queue(), agents, e.db.Rotation(), ticket.AssignerConfig{}, nil)
	theft := func(i int) int64 {
		c := create(t, e, "s"+strconv.Itoa(i)+"@example.com", "wallet drained", "All my USDT was sent to an address I don't know, unauthorized transfer", desk.English)
		if c.Ticket.Severity != triage.S1 {
			t.Fatalf("test premise: %s", c.Ticket.Severity)
		}
		return c.Ticket.ID
	}
	cases := []struct {
		name  string
		cands []ticket.Candidate
		want  int64
		rule  string
	}{
		{"least loaded speaker", []ticket.Candidate{{ID: 1, Locales: en, OpenCount: 5, Cap: 10}, {ID: 2, Locales: en, OpenCount: 1, Cap: 10}, {ID: 3, Locales: ja}}, 2, "s1_first_available"},
		{"no speaker free: anyone under cap", []ticket.Candidate{{ID: 1, Locales: en, OpenCount: 10, Cap: 10}, {ID: 3, Locales: ja, OpenCount: 4, Cap: 10}}, 3, "s1_any_language"},
		{"everyone full: a speaker over cap", []ticket.Candidate{{ID: 1, Locales: en, OpenCount: 12, Cap: 10}, {ID: 3, Locales: ja, OpenCount: 10, Cap: 10}}, 1, "s1_over_cap"},
	}
	for i, c := range cases {
		agents.set(c.cands...)
		id := theft(i)
		if _, err := a.AssignWaiting(ctx); err != nil {
			t.Fatal(err)
		}
		if got := assignee(t, e, id); got != c.want {
			t.Errorf("%s: agent %d, want %d", c.name, got, c.want)
		}
		if ev := lastEvent(t, e.db, id, "assigned"); ev.Data["rule"] != c.rule {
			t.Errorf("%s: rule %q", c.name, ev.Data["rule"])
		}
	}
}

func TestAssignerRunAssignsNewS1AtOnceAndWaitsForSpeakers(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	e := newEnv(t, storetest.OpenSQLite(t))
	agents := &online{}
	agents.set(ticket.Candidate{ID: 5, Locales: en})
	// Rounds only when asked, and new tickets other than S1 would wait an
	// hour: an S1 assigned within seconds was assigned at once.
	a := ticket.NewAssigner(e.svc, e.db.Queue(), agents, e.db.Rotation(), ticket.AssignerConfig{Interval: time.Hour, Gap: time.Hour}, nil)
	done := make(chan error)
	go func() { done <- a.Run(ctx) }()
	waitFor := func(what string, ok func() bool) {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second)
		for !ok() {
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting for %s", what)
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	waitFor("the first round", func() bool { agents.mu.Lock(); defer agents.mu.Unlock(); return agents.calls > 0 })
	zh := create(t, e, "li@example.com", "怎么备份", "怎么备份钱包？", desk.Chinese).Ticket.ID
	s1 := create(t, e, "sam@example.com", "wallet drained", "All my USDT was sent to an address I don't know, unauthorized transfer", desk.English).Ticket.ID
	waitFor("the S1 to be assigned", func() bool { return assignee(t, e, s1) == 5 })
	if got := assignee(t, e, zh); got != 0 {
		t.Errorf("a Chinese request went to an agent who does not speak it: %d", got)
	}
	// A Chinese speaker comes online; the next round gives them the ticket.
	agents.set(ticket.Candidate{ID: 5, Locales: en}, ticket.Candidate{ID: 6, Locales: []desk.Locale{desk.Chinese}})
	a.Notify(ticket.Ticket{Severity: triage.S1})
	waitFor("the Chinese request to be assigned", func() bool { return assignee(t, e, zh) == 6 })
	cancel()
	if err := <-done; err != nil {
		t.Errorf("run: %v", err)
	}
}

func TestAssignerGathersNewTickets(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	e := newEnv(t, storetest.OpenSQLite(t))
	agents := &online{}
	a := ticket.NewAssigner(e.svc, e.db.Queue(), agents, e.db.Rotation(), ticket.AssignerConfig{Interval: time.Hour, Gap: 300 * time.Millisecond}, nil)
	done := make(chan error)
	go func() { done <- a.Run(ctx) }()
	defer func() { cancel(); <-done }()
	time.Sleep(50 * time.Millisecond) // the first round finds nobody online
	agents.set(ticket.Candidate{ID: 5, Locales: en})
	asked := time.Now()
	id := create(t, e, "gap@example.com", "token not showing", "my token does not show", desk.English).Ticket.ID
	deadline := time.Now().Add(5 * time.Second)
	for assignee(t, e, id) == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	waited := time.Since(asked)
	if assignee(t, e, id) != 5 || waited < 250*time.Millisecond {
		t.Errorf("assigned to %d after %s; want agent 5 after the 300ms gap", assignee(t, e, id), waited)
	}
}

func TestManualAssign(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, storetest.OpenSQLite(t))
	c := create(t, e, "mo@example.com", "token not showing", "my token does not show", desk.English)
	id := c.Ticket.ID
	if _, err := e.svc.Assign(ctx, id, 0, 7); desk.ErrorKind(err) != desk.KindInvalid {
		t.Errorf("assign to nobody: %v", err)
	}
	tk, err := e.svc.Assign(ctx, id, 4, 7)
	if err != nil || tk.Assignee != 4 {
		t.Fatalf("%d %v", tk.Assignee, err)
	}
	if tk, _ = e.svc.Assign(ctx, id, 9, 7); tk.Assignee != 9 {
		t.Errorf("reassign: %d", tk.Assignee)
	}
	if ev := lastEvent(t, e.db, id, "assigned"); ev.Actor != "agent:7" || ev.Data["from"] != "4" || ev.Data["to"] != "9" || ev.Data["rule"] != "manual" {
		t.Errorf("event %+v", ev)
	}
	if tk, _ = e.svc.Unassign(ctx, id, 7); tk.Assignee != 0 {
		t.Errorf("unassign: %d", tk.Assignee)
	}
	if ev := lastEvent(t, e.db, id, "unassigned"); ev.Data["from"] != "9" {
		t.Errorf("event %+v", ev)
	}
	n := eventKinds(t, e.db, id)["unassigned"]
	if _, err := e.svc.Unassign(ctx, id, 7); err != nil || eventKinds(t, e.db, id)["unassigned"] != n {
		t.Errorf("unassigning an unassigned ticket wrote an event (%v)", err)
	}
	// The assigner leaves a ticket someone took meanwhile alone.
	e.svc.Assign(ctx, id, 4, 7)
	agents := &online{}
	agents.set(ticket.Candidate{ID: 1, Locales: en})
	a := ticket.NewAssigner(e.svc, e.db.Queue(), agents, e.db.Rotation(), ticket.AssignerConfig{}, nil)
	if n, _ := a.AssignWaiting(ctx); n != 0 || assignee(t, e, id) != 4 {
		t.Errorf("assigned %d; assignee %d", n, assignee(t, e, id))
	}
	e.svc.SetStatus(ctx, id, 7, ticket.Closed, "")
	if _, err := e.svc.Assign(ctx, id, 1, 7); desk.ErrorKind(err) != desk.KindConflict {
		t.Errorf("assign a closed ticket: %v", err)
	}
}
