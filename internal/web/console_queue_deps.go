package web

import (
	"context"
	"log/slog"
	"sort"
	"sync"
	"time"

	"github.com/walletdesk/walletdesk/internal/identity"
	"github.com/walletdesk/walletdesk/internal/ticket"
	"github.com/walletdesk/walletdesk/internal/ticketsearch"
)

// QueueData is what the console reads from the database beside the domain
// services (package store): rows of changed tickets, a ticket's events,
// a requester's other requests, and the feed of ticket changes that live
// updates tail, which sees the changes of every replica.
type QueueData interface {
	ticket.QueueStore
	Ticket(ctx context.Context, id int64) (ticket.Ticket, error)
	Events(ctx context.Context, ticketID int64) ([]ticket.Event, error)
	ByEmail(ctx context.Context, email string, limit int) ([]ticket.Ticket, error)
	LastChange(ctx context.Context) (int64, error)
	ChangesAfter(ctx context.Context, after int64, limit int) ([]ticketsearch.ChangeRef, error)
}

// queueDeps is what the queue surface shares: the domain services, the
// live hub and a short-lived cache of agents (names and presence for every
// row and picker).
type queueDeps struct {
	queue  *ticket.Queue
	macros *ticket.Macros
	data   QueueData
	live   *liveHub
	agents agentCache
}

func newQueueDeps(d Deps) *queueDeps {
	if d.Queue == nil || d.QueueData == nil || d.Identity == nil {
		return nil
	}
	log := d.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &queueDeps{queue: d.Queue, macros: d.Macros, data: d.QueueData,
		live: newLiveHub(d.QueueData, log), agents: agentCache{id: d.Identity, ttl: 10 * time.Second}}
}

// shutdown ends the live event streams (the server is stopping).
func (q *queueDeps) shutdown() {
	if q != nil {
		q.live.shutdown()
	}
}

// onlineWithin is how recent an agent's console activity must be for the
// console to show them as online (presence is written at most once a
// minute, see identity.Config.TouchEvery).
const onlineWithin = 5 * time.Minute

// agentCache keeps the list of agents for a few seconds: every queue page
// names assignees, and the list changes rarely.
type agentCache struct {
	id  *identity.Service
	ttl time.Duration

	mu   sync.Mutex
	at   time.Time
	list []identity.Agent
}

func (c *agentCache) all(ctx context.Context) ([]identity.Agent, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.list != nil && time.Since(c.at) < c.ttl {
		return c.list, nil
	}
	list, err := c.id.Agents(ctx)
	if err != nil {
		return nil, err
	}
	sort.SliceStable(list, func(i, j int) bool { return list[i].Name < list[j].Name })
	c.list, c.at = list, time.Now()
	return list, nil
}

// forget drops the cache (an agent was just assigned a role or created).
func (c *agentCache) forget() {
	c.mu.Lock()
	c.list = nil
	c.mu.Unlock()
}

// names maps agent ids to display names.
func (c *agentCache) names(ctx context.Context) map[int64]string {
	list, err := c.all(ctx)
	out := make(map[int64]string, len(list))
	if err != nil {
		return out
	}
	for _, a := range list {
		out[a.ID] = a.Name
	}
	return out
}

// assignable lists the enabled agents who can work requests.
func (c *agentCache) assignable(ctx context.Context) ([]identity.Agent, error) {
	list, err := c.all(ctx)
	if err != nil {
		return nil, err
	}
	var out []identity.Agent
	for _, a := range list {
		if a.Can(identity.PermTicketReply) {
			out = append(out, a)
		}
	}
	return out, nil
}

// get returns one agent from the cache, asking the service when unknown.
func (c *agentCache) get(ctx context.Context, id int64) (identity.Agent, error) {
	if list, err := c.all(ctx); err == nil {
		for _, a := range list {
			if a.ID == id {
				return a, nil
			}
		}
	}
	return c.id.Agent(ctx, id)
}
