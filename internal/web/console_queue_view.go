package web

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/ticket"
)

// soonShare: an unanswered request with less than this share of its
// first-response target left is about to breach and stands out.
const soonShare = 0.25

// slaClock is a first-response clock as the console shows it.
type slaClock struct {
	State    string // "breached", "soon", "ok", "answered", "answered_late"
	Text     string // "due in 12 min", "overdue by 3 h 5 min", "answered"
	DueMS    int64  // for the page's script, which keeps the text current
	StartMS  int64
	AnswerMS int64
}

// clockAt describes the first-response clock of a request created at
// created, due at due and answered at (zero: not yet), at now.
func (s *Server) clockAt(loc desk.Locale, created, due, at, now time.Time) slaClock {
	c := slaClock{DueMS: due.UnixMilli(), StartMS: created.UnixMilli()}
	switch {
	case !at.IsZero() && at.After(due):
		c.State, c.AnswerMS = "answered_late", at.UnixMilli()
		c.Text = s.cat.T(loc, "console.queue.clock.answered_late")
	case !at.IsZero():
		c.State, c.AnswerMS = "answered", at.UnixMilli()
		c.Text = s.cat.T(loc, "console.queue.clock.answered")
	case due.IsZero():
		c.State = "ok"
	case now.After(due):
		c.State = "breached"
		c.Text = s.cat.T(loc, "console.queue.clock.overdue", s.duration(loc, now.Sub(due)))
	default:
		left, target := due.Sub(now), due.Sub(created)
		c.State = "ok"
		if target > 0 && float64(left) < soonShare*float64(target) {
			c.State = "soon"
		}
		c.Text = s.cat.T(loc, "console.queue.clock.due_in", s.duration(loc, left))
	}
	return c
}

// duration writes a span the way the clocks show it: minutes under an
// hour, hours and minutes under two days, then days and hours. The page's
// script uses the same three formats.
func (s *Server) duration(loc desk.Locale, d time.Duration) string {
	m := int(d / time.Minute)
	switch {
	case m < 60:
		return s.cat.T(loc, "console.dur.minutes", max(m, 0))
	case m < 48*60:
		return s.cat.T(loc, "console.dur.hours", m/60, m%60)
	}
	return s.cat.T(loc, "console.dur.days", m/(24*60), (m/60)%24)
}

// queueRowView is one line of the queue, ready for the queue_row template.
type queueRowView struct {
	ID            int64
	Key           string // the queue key "severity.due.id", for the script to place live rows
	Subject       string
	Severity      string
	SeverityLabel string
	Status        string
	StatusLabel   string
	Locale        string
	Email         string
	Assignee      int64
	AssigneeName  string
	Mine          bool
	Clock         slaClock
	Preview       string
	Messages      int
	// Localized texts: the row template also renders for live updates,
	// outside a page.
	MessagesText string
	AssigneeText string
	LocaleText   string
}

func (s *Server) queueRowView(loc desk.Locale, r ticket.QueueRow, names map[int64]string, me int64, now time.Time) queueRowView {
	v := queueRowView{
		ID: r.ID, Key: queueKey(r), Subject: r.Subject, Severity: r.Severity.String(),
		SeverityLabel: s.cat.T(loc, "console.severity."+r.Severity.String()),
		Status:        string(r.Status), StatusLabel: s.cat.T(loc, "console.status."+string(r.Status)),
		Locale: string(r.Locale), Email: r.Email, Assignee: r.Assignee, Mine: r.Assignee != 0 && r.Assignee == me,
		Clock:   s.clockAt(loc, r.CreatedAt, r.SLA.FirstResponseDue, r.SLA.FirstResponseAt, now),
		Preview: plainPreview(r.Preview), Messages: r.MessageCount,
	}
	v.MessagesText = s.cat.T(loc, "console.queue.messages", r.MessageCount)
	if r.MessageCount == 1 {
		v.MessagesText = s.cat.T(loc, "console.queue.message_one")
	}
	v.LocaleText = s.cat.T(loc, "locale."+string(r.Locale))
	v.AssigneeText = s.cat.T(loc, "console.queue.unassigned")
	if r.Assignee != 0 {
		v.AssigneeName = names[r.Assignee]
		if v.AssigneeName == "" {
			v.AssigneeName = "#" + itoa(r.Assignee)
		}
		v.AssigneeText = v.AssigneeName
		if v.Mine {
			v.AssigneeText = s.cat.T(loc, "console.queue.assigned_me")
		}
	}
	return v
}

// mdLink and mdMarks are the Markdown an agent's reply carries that would
// only clutter a one-line preview.
var (
	mdLink  = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	mdMarks = strings.NewReplacer("**", "", "__", "", "`", "", "\\", "")
)

// plainPreview shows the start of a message as text: links as their words,
// without emphasis marks.
func plainPreview(s string) string {
	return mdMarks.Replace(mdLink.ReplaceAllString(s, "$1"))
}

func queueKey(r ticket.QueueRow) string {
	k := r.Key()
	return strconv.Itoa(int(k.Severity)) + "." + strconv.FormatInt(k.Due, 10) + "." + strconv.FormatInt(k.ID, 10)
}
