package web

import (
	"html"
	"html/template"
	"strconv"
	"strings"
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/redact"
	"github.com/walletdesk/walletdesk/internal/ticket"
)

// requestView is a ticket as its requester sees it, ready for a template.
type requestView struct {
	Ticket         ticket.Ticket
	Token          string
	Just           bool // just created: show the private link prominently
	Link           string
	Severity       string // "S1"
	SeverityLabel  string
	StatusLabel    string
	Target         string
	DueAt          string
	AnsweredAt     string
	Reasons        []string
	Messages       []messageView
	RedactedNotice string
	Closed         bool
}

type messageView struct {
	ID          int64
	Author      string
	AuthorLabel string
	HTML        template.HTML
	At          string
	AtISO       string
}

// requestURL is the private link of a ticket.
func requestURL(loc desk.Locale, id int64, token string) string {
	return "/" + string(loc) + "/requests/" + itoa(id) + "?token=" + token
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func (s *Server) newRequestView(loc desk.Locale, v ticket.View, token string) requestView {
	t := v.Ticket
	rv := requestView{
		Ticket: t, Token: token, Link: requestURL(loc, t.ID, token),
		Severity: t.Severity.String(), SeverityLabel: s.cat.T(loc, "req.severity."+t.Severity.String()),
		StatusLabel: s.cat.T(loc, "req.status."+string(t.Status)), Target: s.cat.T(loc, "req.target."+t.Severity.String()),
		DueAt: formatTime(t.SLA.FirstResponseDue, loc), Closed: t.Status == ticket.Closed,
	}
	if !t.SLA.FirstResponseAt.IsZero() {
		rv.AnsweredAt = formatTime(t.SLA.FirstResponseAt, loc)
	}
	for _, r := range t.Reasons {
		rv.Reasons = append(rv.Reasons, r.Message(string(loc)))
	}
	var exposed []string
	for _, m := range v.Messages {
		mv := messageView{ID: m.ID, Author: string(m.Author), At: formatTime(m.CreatedAt, loc), AtISO: m.CreatedAt.UTC().Format(time.RFC3339)}
		switch m.Author {
		case ticket.Requester:
			mv.AuthorLabel = s.cat.T(loc, "req.page.you")
			mv.HTML = s.markRedactions(plainHTML(m.Body), loc)
			for _, k := range m.Redactions {
				if !containsStr(exposed, k) {
					exposed = append(exposed, k)
				}
			}
		case ticket.Agent:
			mv.AuthorLabel = s.cat.T(loc, "req.page.agent")
			mv.HTML = s.markRedactions(string(s.kb.RenderMarkdown(m.Body, loc)), loc)
		default:
			mv.AuthorLabel = s.cat.T(loc, "req.page.system")
			mv.HTML = s.markRedactions(string(s.kb.RenderMarkdown(m.Body, loc)), loc)
		}
		rv.Messages = append(rv.Messages, mv)
	}
	if len(exposed) > 0 {
		var names []string
		for _, k := range exposed {
			names = append(names, s.cat.T(loc, "redaction."+k))
		}
		rv.RedactedNotice = s.cat.T(loc, "req.page.redacted_notice", strings.Join(names, ", "))
	}
	return rv
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// plainHTML shows a requester's text as typed: escaped, line breaks kept.
func plainHTML(s string) string {
	return strings.ReplaceAll(html.EscapeString(s), "\n", "<br>")
}

// markRedactions turns the fixed ASCII markers the redactor leaves into a
// localized badge. Markers contain no HTML special characters, so they
// survive escaping unchanged and can be replaced in the HTML.
func (s *Server) markRedactions(h string, loc desk.Locale) template.HTML {
	for _, k := range []redact.Kind{redact.RecoveryPhrase, redact.PrivateKey, redact.ExtendedKey, redact.Keystore} {
		label := s.cat.T(loc, "redaction.removed", s.cat.T(loc, "redaction."+string(k)))
		h = strings.ReplaceAll(h, k.Marker(), `<span class="redaction">`+html.EscapeString(label)+`</span>`)
	}
	return template.HTML(h)
}

// formatTime shows a time in UTC, the one zone every reader can place.
func formatTime(t time.Time, loc desk.Locale) string {
	if t.IsZero() {
		return ""
	}
	t = t.UTC()
	switch loc {
	case desk.Chinese:
		return t.Format("2006年1月2日 15:04 UTC")
	case desk.Japanese:
		return t.Format("2006年1月2日 15:04 UTC")
	}
	return t.Format("Jan 2, 2006 15:04 UTC")
}
