package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"
)

const (
	// liveHeartbeat keeps proxies and the browser from timing out an idle
	// stream, and finds dead connections.
	liveHeartbeat = 20 * time.Second
	// liveLifetime ends each stream after a while: the browser reconnects
	// at once through requireAgent, which checks the session, the role and
	// the agent's enabled state again, and records the agent's presence
	// (automatic assignment counts agents seen in the last five minutes).
	liveLifetime = 2 * time.Minute
)

// liveMessage is the data of one "queue" event of the stream.
type liveMessage struct {
	Cursor int64         `json:"cursor"`
	Reload bool          `json:"reload,omitempty"`
	Rows   []liveRowJSON `json:"rows"`
}

type liveRowJSON struct {
	ID       int64  `json:"id"`
	Key      string `json:"key"`
	Match    string `json:"match"` // yes, no, unknown (a text search the page must run again)
	Alert    bool   `json:"alert,omitempty"`
	Severity string `json:"severity"`
	Status   string `json:"status"`
	Subject  string `json:"subject"`
	Updated  int64  `json:"updated"` // ms: the request page ignores changes it already shows
	HTML     string `json:"html,omitempty"`
}

// consoleEvents streams changes of the queue to one signed-in agent
// (GET /console/events, Server-Sent Events). The query carries the page's
// filter (rows say whether they belong to it) and after, the change the
// page reflects; view=ticket&ticket=ID is the request page's stream, which
// needs only S1 alerts and its own ticket.
func (s *Server) consoleEvents(w http.ResponseWriter, r *http.Request) {
	a := agentFrom(r)
	if s.queue == nil {
		s.consoleFail(w, r, desk.Errorf(desk.KindUnavailable, "unavailable", "no queue configured"))
		return
	}
	q := r.URL.Query()
	f, err := queueParamsFrom(q).filter(a.ID)
	if err != nil {
		s.consoleFail(w, r, err)
		return
	}
	ticketView := q.Get("view") == "ticket"
	own, _ := strconv.ParseInt(q.Get("ticket"), 10, 64)
	// after: the change the page reflects (0 on an empty database); -1
	// when not given, which only follows what comes next.
	after := int64(-1)
	if v, err := strconv.ParseInt(q.Get("after"), 10, 64); err == nil && v >= 0 {
		after = v
	}
	if id, err := strconv.ParseInt(r.Header.Get("Last-Event-ID"), 10, 64); err == nil && id > 0 {
		after = id
	}
	// The server's write timeout would cut the stream: lift it for this
	// response alone.
	rc := http.NewResponseController(w)
	if err := rc.SetWriteDeadline(time.Time{}); err != nil && !errors.Is(err, http.ErrNotSupported) {
		s.consoleFail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no") // nginx: pass events through at once
	w.WriteHeader(http.StatusOK)

	ctx := r.Context()
	hub := s.queue.live
	sub := hub.subscribe(ctx)
	defer hub.unsubscribe(sub)
	loc := s.locale(r)
	send := func(event string, id int64, data any) bool {
		var b bytes.Buffer
		if id > 0 {
			fmt.Fprintf(&b, "id: %d\n", id)
		}
		raw, _ := json.Marshal(data)
		fmt.Fprintf(&b, "event: %s\ndata: %s\n\n", event, raw)
		if _, err := w.Write(b.Bytes()); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	batch := func(b liveBatch) bool {
		msg := liveMessage{Cursor: b.Cursor, Reload: b.Reload, Rows: []liveRowJSON{}}
		names := s.queue.agents.names(ctx)
		now := time.Now()
		for _, lr := range b.Rows {
			if ticketView && !lr.Alert && lr.ID != own {
				continue
			}
			row := liveRowJSON{ID: lr.ID, Key: queueKey(lr.QueueRow), Alert: lr.Alert, Severity: lr.Severity.String(),
				Status: string(lr.Status), Subject: lr.Subject, Updated: lr.UpdatedAt.UnixMilli(), Match: []string{"no", "yes", "unknown"}[matchRow(f, lr.QueueRow)]}
			if !ticketView && row.Match != "no" {
				html, err := s.renderRow(s.queueRowView(loc, lr.QueueRow, names, a.ID, now))
				if err != nil {
					s.log.Error("live row", "ticket", lr.ID, "err", err)
					continue
				}
				row.HTML = html
			}
			msg.Rows = append(msg.Rows, row)
		}
		if len(msg.Rows) == 0 && !msg.Reload {
			return true
		}
		return send("queue", b.Cursor, msg)
	}

	if _, err := w.Write([]byte("retry: 3000\n\n")); err != nil || rc.Flush() != nil {
		return
	}
	if after >= 0 {
		b, err := hub.since(ctx, after)
		if err != nil {
			s.log.Warn("live updates: catch up", "err", err)
			b = liveBatch{Reload: true}
		}
		if !batch(b) {
			return
		}
	}
	beat := time.NewTicker(liveHeartbeat)
	defer beat.Stop()
	end := time.NewTimer(liveLifetime)
	defer end.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-hub.done:
			send("bye", 0, map[string]string{"reason": "shutdown"})
			return
		case <-end.C:
			send("bye", 0, map[string]string{"reason": "renew"})
			return
		case <-beat.C:
			if _, err := w.Write([]byte(": ping\n\n")); err != nil || rc.Flush() != nil {
				return
			}
		case b, ok := <-sub.ch:
			if !ok {
				// Dropped for falling behind: the page reloads its list.
				send("queue", 0, liveMessage{Reload: true, Rows: []liveRowJSON{}})
				return
			}
			if !batch(b) {
				return
			}
		}
	}
}

// renderRow renders one queue row with the page's own template.
func (s *Server) renderRow(v queueRowView) (string, error) {
	t, ok := s.tmpl["console_queue"]
	if !ok {
		return "", errors.New("no console_queue template")
	}
	var b strings.Builder
	err := t.ExecuteTemplate(&b, "queue_row", v)
	return b.String(), err
}
