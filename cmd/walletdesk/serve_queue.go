package main

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"time"

	"github.com/walletdesk/walletdesk/internal/identity"
	"github.com/walletdesk/walletdesk/internal/store"
	"github.com/walletdesk/walletdesk/internal/ticket"
	"github.com/walletdesk/walletdesk/internal/ticketsearch"
)

// queueParts are the agents' side of requests: the ticket search index
// (derived data under <data>/ticketsearch, rebuilt from the database when
// missing), the queue, the macros and automatic assignment.
type queueParts struct {
	index    *ticketsearch.Index
	queue    *ticket.Queue
	macros   *ticket.Macros
	assigner *ticket.Assigner
	data     queueData
}

// queueData is what the console reads beside the services; one value of
// each store adapter (store.Queue keeps prepared statements).
type queueData struct {
	*store.Queue
	*store.Tickets
	*store.TicketTexts
}

// onlineWithin: agents with console activity this recent take automatic
// assignments. An open queue page renews its event stream every two
// minutes, which records presence.
const onlineWithin = 5 * time.Minute

func buildQueue(ctx context.Context, dataDir string, db *store.DB, tickets *ticket.Service, red ticket.Redactor,
	articles ticket.Articles, ids *identity.Service, log *slog.Logger) (*queueParts, error) {
	ix, err := ticketsearch.Open(ticketsearch.Options{Dir: filepath.Join(dataDir, "ticketsearch"), Source: db.TicketTexts(), Log: log})
	if err != nil {
		return nil, fmt.Errorf("ticket search index: %w", err)
	}
	// A new or lost index is rebuilt by its Run loop, in the background:
	// the server does not wait for it to start.
	q := &queueParts{index: ix, data: queueData{db.Queue(), db.Tickets(), db.TicketTexts()}}
	q.queue = ticket.NewQueue(q.data.Queue, ix)
	q.macros = ticket.NewMacros(db.Macros(), red, articles)
	if n, err := q.macros.Seed(ctx); err != nil {
		ix.Close()
		return nil, fmt.Errorf("starter macros: %w", err)
	} else if n > 0 {
		log.Info("loaded the starter macros", "macros", n)
	}
	q.assigner = ticket.NewAssigner(tickets, q.data.Queue, onlineAgents{ids: ids, queue: q.data.Queue}, db.Rotation(), ticket.AssignerConfig{}, log)
	return q, nil
}

// run starts the index's and the assigner's loops; they end with ctx.
func (q *queueParts) run(ctx context.Context) {
	go q.index.Run(ctx)
	go q.assigner.Run(ctx)
}

func (q *queueParts) close() {
	if q != nil && q.index != nil {
		q.index.Close()
	}
}

// onlineAgents adapts identity's presence to ticket.Agents: enabled agents
// who can reply, seen recently, with how many new or open requests they
// hold (counted up to their cap, which is all assignment needs).
type onlineAgents struct {
	ids   *identity.Service
	queue ticket.QueueStore
}

func (o onlineAgents) Online(ctx context.Context) ([]ticket.Candidate, error) {
	list, err := o.ids.Online(ctx, time.Now().Add(-onlineWithin))
	if err != nil {
		return nil, err
	}
	var out []ticket.Candidate
	for _, a := range list {
		if !a.Can(identity.PermTicketReply) {
			continue
		}
		c := ticket.Candidate{ID: a.ID, Locales: a.Languages, Cap: a.OpenCap}
		limit := ticket.MaxQueueLimit
		if c.Cap > 0 {
			limit = min(c.Cap+1, ticket.MaxQueueLimit)
		}
		rows, err := o.queue.QueuePage(ctx, ticket.QueueQuery{Statuses: []ticket.Status{ticket.New, ticket.Open},
			Assignee: ticket.AssigneeFilter(a.ID), Limit: limit})
		if err != nil {
			return nil, err
		}
		c.OpenCount = len(rows)
		out = append(out, c)
	}
	return out, nil
}
