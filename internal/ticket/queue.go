package ticket

import (
	"context"
	"encoding/base64"
	"strconv"
	"strings"
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/triage"
)

// Queue page sizes.
const (
	DefaultQueueLimit = 50
	MaxQueueLimit     = 200
	// maxTextMatches bounds how many tickets a text filter may hand to the
	// database: the most relevant ones when more match. The index already
	// keeps to the statuses asked (by default the few thousand open ones),
	// so the bound only bites on a word found nearly everywhere, which
	// narrows nothing an agent could read; every id is a key lookup.
	maxTextMatches = 1000
	// previewRunes is how much of the last message a queue row shows.
	previewRunes = 140
)

// ActiveStatuses are the statuses the queue shows when none is asked for:
// everything that may still need an agent.
var ActiveStatuses = []Status{New, Open, Pending}

// AssigneeFilter selects tickets by assignee: AnyAssignee (the zero value),
// Unassigned, or an agent id (> 0). "Me" is the caller's own agent id.
type AssigneeFilter int64

const (
	AnyAssignee AssigneeFilter = 0
	Unassigned  AssigneeFilter = -1
)

// ParseAssignee reads the assignee filter of a query string: "" or "any",
// "me" (the agent me), "unassigned" or "none", or an agent id.
func ParseAssignee(s string, me int64) (AssigneeFilter, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "any":
		return AnyAssignee, true
	case "me":
		if me <= 0 {
			return 0, false
		}
		return AssigneeFilter(me), true
	case "unassigned", "none":
		return Unassigned, true
	}
	id, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || id <= 0 {
		return 0, false
	}
	return AssigneeFilter(id), true
}

// QueueFilter is what an agent asks of the queue.
type QueueFilter struct {
	Statuses   []Status          // empty: ActiveStatuses
	Severities []triage.Severity // empty: every severity
	Locale     desk.Locale       // "": every locale
	Category   triage.Category   // "": every category
	Assignee   AssigneeFilter
	Text       string // words of subjects and messages (any language)
	Cursor     string // Next of the previous page
	Limit      int    // 0: DefaultQueueLimit; at most MaxQueueLimit
}

// QueueKey is a ticket's place in the queue: severity (S1 first), then the
// first-response due time (earliest first, so breached ones lead), then id.
type QueueKey struct {
	Severity triage.Severity
	Due      int64 // first-response due, Unix milliseconds
	ID       int64
}

// QueueQuery is a filter resolved for the store: validated, text turned
// into ticket ids, cursor decoded.
type QueueQuery struct {
	Statuses   []Status
	Severities []triage.Severity
	Locale     desk.Locale
	Category   triage.Category
	Assignee   AssigneeFilter
	// IDs restricts the page to these tickets when ByIDs is set (a text
	// filter; an empty list then matches nothing).
	IDs   []int64
	ByIDs bool
	After *QueueKey // keyset: only tickets strictly after this key
	Limit int
}

// QueueRow is one line of the queue. Preview is the start of the last
// message written by a person (requester or agent, internal notes
// included), which was stored redacted.
type QueueRow struct {
	ID           int64
	Subject      string
	Severity     triage.Severity
	Status       Status
	Locale       desk.Locale
	Category     triage.Category
	Assignee     int64
	Email        string
	CreatedAt    time.Time
	UpdatedAt    time.Time
	SLA          QueueSLA
	Preview      string
	MessageCount int
}

// QueueSLA is the first-response clock of a row as of the listing.
type QueueSLA struct {
	FirstResponseDue time.Time
	FirstResponseAt  time.Time // zero until the first public agent reply
	// Breached: answered late, or unanswered past due.
	Breached bool
	// DueIn is the time left to answer (negative once breached); zero
	// when already answered.
	DueIn time.Duration
}

// Key returns the row's place in the queue.
func (r QueueRow) Key() QueueKey {
	return QueueKey{Severity: r.Severity, Due: ms(r.SLA.FirstResponseDue), ID: r.ID}
}

func ms(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// QueuePage is one page of the queue; Next is "" on the last page.
type QueuePage struct {
	Rows []QueueRow
	Next string
}

// QueueStore lists tickets in queue order (package store).
type QueueStore interface {
	// QueuePage returns up to q.Limit rows matching q, in queue order,
	// strictly after q.After when set.
	QueuePage(ctx context.Context, q QueueQuery) ([]QueueRow, error)
}

// TextSearcher finds tickets by the words of their subject and messages
// (package ticketsearch), most relevant first, among tickets in one of
// statuses as far as the index knows.
type TextSearcher interface {
	Search(ctx context.Context, text string, statuses []Status, limit int) ([]int64, error)
}

// Queue is the agents' list of requests, most urgent first.
type Queue struct {
	store  QueueStore
	search TextSearcher // nil: text filters are refused
	now    func() time.Time
}

// NewQueue wires a Queue. search may be nil.
func NewQueue(st QueueStore, search TextSearcher) *Queue {
	return &Queue{store: st, search: search, now: time.Now}
}

// SetClock replaces the clock (tests).
func (q *Queue) SetClock(now func() time.Time) { q.now = now }

// List returns one page of the queue.
func (q *Queue) List(ctx context.Context, f QueueFilter) (QueuePage, error) {
	qq, err := resolveFilter(f)
	if err != nil {
		return QueuePage{}, err
	}
	if text := strings.TrimSpace(f.Text); text != "" {
		if q.search == nil {
			return QueuePage{}, desk.Errorf(desk.KindUnavailable, "search_unavailable", "no ticket search configured")
		}
		ids, err := q.search.Search(ctx, text, qq.Statuses, maxTextMatches)
		if err != nil {
			return QueuePage{}, err
		}
		qq.IDs, qq.ByIDs = ids, true
		if len(ids) == 0 {
			return QueuePage{Rows: []QueueRow{}}, nil
		}
	}
	// One row more than asked tells whether there is a next page.
	want := qq.Limit
	qq.Limit++
	rows, err := q.store.QueuePage(ctx, qq)
	if err != nil {
		return QueuePage{}, err
	}
	page := QueuePage{Rows: rows}
	if len(rows) > want {
		page.Rows = rows[:want]
		page.Next = EncodeCursor(page.Rows[want-1].Key())
	}
	now := q.now()
	for i := range page.Rows {
		page.Rows[i].Finish(now)
	}
	return page, nil
}

// Finish completes a row read from the store: the first-response clock as
// of now, and the preview on one line. Rows read outside List (live
// updates) need it too.
func (r *QueueRow) Finish(now time.Time) {
	r.SLA = slaAt(r.SLA.FirstResponseDue, r.SLA.FirstResponseAt, now)
	r.Preview = preview(r.Preview)
}

func resolveFilter(f QueueFilter) (QueueQuery, error) {
	fields := map[string]string{}
	q := QueueQuery{Locale: f.Locale, Category: f.Category, Assignee: f.Assignee, Limit: f.Limit}
	q.Statuses = dedupe(f.Statuses)
	if len(q.Statuses) == 0 {
		q.Statuses = ActiveStatuses
	}
	for _, s := range q.Statuses {
		if !s.Valid() {
			fields["status"] = "invalid"
		}
	}
	q.Severities = dedupe(f.Severities)
	for _, s := range q.Severities {
		if !s.Valid() {
			fields["severity"] = "invalid"
		}
	}
	if f.Locale != "" && !f.Locale.Valid() {
		fields["locale"] = "locale_unsupported"
	}
	if f.Category != "" && !f.Category.Valid() {
		fields["category"] = "invalid"
	}
	if f.Assignee < Unassigned {
		fields["assignee"] = "invalid"
	}
	switch {
	case f.Limit == 0:
		q.Limit = DefaultQueueLimit
	case f.Limit < 0 || f.Limit > MaxQueueLimit:
		fields["limit"] = "out_of_range"
	}
	if f.Cursor != "" {
		k, err := DecodeCursor(f.Cursor)
		if err != nil {
			fields["cursor"] = "invalid"
		} else {
			q.After = &k
		}
	}
	if len([]rune(f.Text)) > 200 {
		fields["text"] = "too_long"
	}
	if len(fields) > 0 {
		return q, desk.Invalid("invalid_filter", fields)
	}
	return q, nil
}

func dedupe[T comparable](in []T) []T {
	var out []T
	seen := map[T]bool{}
	for _, v := range in {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

// slaAt describes the first-response clock at now.
func slaAt(due, at, now time.Time) QueueSLA {
	s := QueueSLA{FirstResponseDue: due, FirstResponseAt: at}
	if at.IsZero() {
		s.DueIn = due.Sub(now)
		s.Breached = !due.IsZero() && now.After(due)
	} else {
		s.Breached = at.After(due)
	}
	return s
}

// preview flattens the start of a message onto one line.
func preview(body string) string {
	body = strings.Join(strings.Fields(body), " ")
	r := []rune(body)
	if len(r) <= previewRunes {
		return body
	}
	return strings.TrimSpace(string(r[:previewRunes-1])) + "…"
}

// EncodeCursor makes the opaque `next` token of a queue page.
func EncodeCursor(k QueueKey) string {
	raw := "1." + strconv.Itoa(int(k.Severity)) + "." + strconv.FormatInt(k.Due, 10) + "." + strconv.FormatInt(k.ID, 10)
	return base64.RawURLEncoding.EncodeToString([]byte(raw))
}

// DecodeCursor reads a token made by EncodeCursor. Anything else, however
// close, is refused: the token comes from clients.
func DecodeCursor(s string) (QueueKey, error) {
	bad := desk.Invalid("invalid_cursor", map[string]string{"cursor": "invalid"})
	if len(s) == 0 || len(s) > 80 {
		return QueueKey{}, bad
	}
	b, err := base64.RawURLEncoding.Strict().DecodeString(s)
	if err != nil {
		return QueueKey{}, bad
	}
	parts := strings.Split(string(b), ".")
	if len(parts) != 4 || parts[0] != "1" {
		return QueueKey{}, bad
	}
	var nums [3]int64
	for i, p := range parts[1:] {
		n, err := strconv.ParseInt(p, 10, 64)
		if err != nil {
			return QueueKey{}, bad
		}
		nums[i] = n
	}
	k := QueueKey{Severity: triage.Severity(nums[0]), Due: nums[1], ID: nums[2]}
	// The decoder forgives line breaks and stray bits; a token is only
	// accepted in the one form EncodeCursor makes.
	if !k.Severity.Valid() || k.Due < 0 || k.ID <= 0 || EncodeCursor(k) != s {
		return QueueKey{}, bad
	}
	return k, nil
}
