package store_test

import (
	"context"
	"testing"

	"github.com/walletdesk/walletdesk/internal/store/storetest"
	"github.com/walletdesk/walletdesk/internal/ticket"
	"github.com/walletdesk/walletdesk/internal/triage"
)

func TestByEmailAndLastChange(t *testing.T) {
	for _, eng := range storetest.Engines(t) {
		t.Run(eng.Name, func(t *testing.T) {
			ctx := context.Background()
			db := eng.Open(t)
			if id, err := db.TicketTexts().LastChange(ctx); err != nil || id != 0 {
				t.Fatalf("empty database: %d %v", id, err)
			}
			var made []ticket.Ticket
			for i := 0; i < 4; i++ {
				made = append(made, createTicket(t, db, seedTicket{sev: triage.S3}))
			}
			other := ticket.Ticket{Subject: "x", Status: ticket.New, Severity: triage.S4, Category: triage.Other, Locale: "en",
				Email: "someone.else@example.com", TokenHash: "h", CreatedAt: t0, UpdatedAt: t0}
			err := db.Tickets().CreateTicket(ctx, &other, func(*ticket.Ticket) ticket.Change {
				return ticket.Change{Events: []ticket.Event{{Actor: "requester", Kind: "created", CreatedAt: t0}}}
			})
			if err != nil {
				t.Fatal(err)
			}
			got, err := db.Tickets().ByEmail(ctx, "r@example.com", 3)
			if err != nil {
				t.Fatal(err)
			}
			// Same creation time: the newest id first.
			if len(got) != 3 || got[0].ID != made[3].ID || got[2].ID != made[1].ID {
				t.Errorf("by email: %+v", got)
			}
			if none, err := db.Tickets().ByEmail(ctx, "nobody@example.com", 3); err != nil || len(none) != 0 {
				t.Errorf("unknown address: %v %v", none, err)
			}
			last, err := db.TicketTexts().LastChange(ctx)
			if err != nil {
				t.Fatal(err)
			}
			refs, err := db.TicketTexts().ChangesAfter(ctx, last-1, 10)
			if err != nil || len(refs) != 1 || refs[0].ID != last || refs[0].TicketID != other.ID {
				t.Errorf("last change %d: %+v %v", last, refs, err)
			}
		})
	}
}
