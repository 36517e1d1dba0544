package web

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/ticket"
	"github.com/walletdesk/walletdesk/internal/triage"
)

// queueParams is the queue's filter as it appears in a URL. The page, its
// event stream and the agent API read the same parameters:
//
//	status=new,open | active (default) | all
//	severity=S1,S2
//	lang=ja   category=security   (lang, not locale: ?locale= switches the
//	                                 console's own language)
//	assignee=me | unassigned | any (default) | <agent id>
//	q=words     cursor=<next>   limit=50
type queueParams struct {
	Status   string
	Severity string
	Locale   string
	Category string
	Assignee string
	Q        string
	Cursor   string
	Limit    string
}

func queueParamsFrom(v url.Values) queueParams {
	get := func(k string) string { return strings.TrimSpace(strings.Join(v[k], ",")) }
	return queueParams{Status: get("status"), Severity: get("severity"), Locale: get("lang"), Category: get("category"),
		Assignee: get("assignee"), Q: get("q"), Cursor: get("cursor"), Limit: get("limit")}
}

// query encodes the parameters back, without empty ones and without the
// cursor unless keepCursor (a filter link starts at the first page).
func (p queueParams) query(keepCursor bool) url.Values {
	v := url.Values{}
	set := func(k, val string) {
		if val != "" {
			v.Set(k, val)
		}
	}
	set("status", p.Status)
	set("severity", p.Severity)
	set("lang", p.Locale)
	set("category", p.Category)
	set("assignee", p.Assignee)
	set("q", p.Q)
	set("limit", p.Limit)
	if keepCursor {
		set("cursor", p.Cursor)
	}
	return v
}

// filtered reports whether anything beyond the defaults is asked.
func (p queueParams) filtered() bool {
	return p.Status != "" && p.Status != "active" || p.Severity != "" || p.Locale != "" || p.Category != "" ||
		p.Assignee != "" && p.Assignee != "any" || p.Q != ""
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }) {
		out = append(out, f)
	}
	return out
}

// filter turns the parameters into the domain's filter for agent me. Every
// problem is reported at once, by field; the domain checks the rest.
func (p queueParams) filter(me int64) (ticket.QueueFilter, error) {
	f := ticket.QueueFilter{Text: p.Q, Cursor: p.Cursor, Category: triage.Category(p.Category)}
	fields := map[string]string{}
	switch st := strings.ToLower(p.Status); st {
	case "", "active":
	case "all":
		f.Statuses = ticket.Statuses
	default:
		for _, s := range splitList(st) {
			if !ticket.Status(s).Valid() {
				fields["status"] = "invalid"
			}
			f.Statuses = append(f.Statuses, ticket.Status(s))
		}
	}
	for _, s := range splitList(p.Severity) {
		sev, ok := triage.ParseSeverity(s)
		if !ok {
			fields["severity"] = "invalid"
			continue
		}
		f.Severities = append(f.Severities, sev)
	}
	if p.Locale != "" {
		l, ok := desk.ParseLocale(p.Locale)
		if !ok {
			fields["lang"] = "locale_unsupported"
		}
		f.Locale = l
	}
	a, ok := ticket.ParseAssignee(p.Assignee, me)
	if !ok {
		fields["assignee"] = "invalid"
	}
	f.Assignee = a
	if p.Limit != "" {
		n, err := strconv.Atoi(p.Limit)
		if err != nil || n < 1 || n > ticket.MaxQueueLimit {
			fields["limit"] = "limit_range"
		}
		f.Limit = n
	}
	if len(fields) > 0 {
		return f, desk.Invalid("invalid_filter", fields)
	}
	return f, nil
}

// queueMatch says whether a row belongs to the list f shows: yes, no, or
// unknown when f searches text (only the index can tell).
type queueMatch int

const (
	matchNo queueMatch = iota
	matchYes
	matchUnknown
)

func matchRow(f ticket.QueueFilter, r ticket.QueueRow) queueMatch {
	statuses := f.Statuses
	if len(statuses) == 0 {
		statuses = ticket.ActiveStatuses
	}
	if !inList(statuses, r.Status) ||
		len(f.Severities) > 0 && !inList(f.Severities, r.Severity) ||
		f.Locale != "" && r.Locale != f.Locale ||
		f.Category != "" && r.Category != f.Category ||
		f.Assignee == ticket.Unassigned && r.Assignee != 0 ||
		f.Assignee > 0 && r.Assignee != int64(f.Assignee) {
		return matchNo
	}
	if strings.TrimSpace(f.Text) != "" {
		return matchUnknown
	}
	return matchYes
}

func inList[T comparable](xs []T, x T) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}
