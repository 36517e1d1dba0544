package ticket

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/redact"
	"github.com/walletdesk/walletdesk/internal/triage"
)

// Store is what the requests domain needs from persistence.
type Store interface {
	// CreateTicket inserts t, sets its ID, then inserts what fn returns
	// (the first messages and events, which may quote the new ID), all in
	// one transaction: when it returns nil, everything is committed. fn
	// must not do I/O.
	CreateTicket(ctx context.Context, t *Ticket, fn func(t *Ticket) Change) error
	// Ticket returns one ticket or desk.ErrNotFound.
	Ticket(ctx context.Context, id int64) (Ticket, error)
	// Messages returns a ticket's messages in order, internal notes included.
	Messages(ctx context.Context, ticketID int64) ([]Message, error)
	// UpdateTicket runs fn on the current ticket and its last requester
	// message inside one transaction, then writes back the ticket and
	// everything in the returned Change. An error from fn changes nothing.
	UpdateTicket(ctx context.Context, id int64, fn func(t *Ticket, lastRequester Message) (Change, error)) (Ticket, error)
	// CountByEmailSince counts tickets an address opened since a time.
	CountByEmailSince(ctx context.Context, email string, since time.Time) (int, error)
}

// Change is what an update adds next to the ticket's new state.
type Change struct {
	Messages []Message
	Rewrites []Message // earlier messages with a newly redacted Body
	Events   []Event
	Jobs     []Job // background work committed with the change
}

// Redactor removes secrets (package redact).
type Redactor interface {
	Redact(text string) redact.Result
	RedactFollowUp(previous, text string) (prev, next redact.Result)
}

// Triager classifies a request (package triage).
type Triager interface {
	Classify(in triage.Input) triage.Result
}

// Articles finds help-center articles (package kb).
type Articles interface {
	// Related searches for articles about a text.
	Related(ctx context.Context, text string, loc desk.Locale, n int) []desk.ArticleRef
	// Lookup returns one article.
	Lookup(slug string, loc desk.Locale) (desk.ArticleRef, bool)
	// RelatedTo returns the articles editors linked to slug.
	RelatedTo(slug string, loc desk.Locale) []desk.ArticleRef
}

// Config tunes the service.
type Config struct {
	SLA SLAConfig
	// MaxPerEmailPerHour bounds how many requests one address may open in an
	// hour (form spam, loops in integrations); 0 means the default (5), a
	// negative value no bound (benchmarks).
	MaxPerEmailPerHour int
}

// Service is the requests domain.
type Service struct {
	cfg      Config
	store    Store
	redactor Redactor
	triager  Triager
	articles Articles
	checker  TxChecker
	wake     chan struct{} // nudges RunJobs when a request brings work
	log      *slog.Logger
	now      func() time.Time
	created  func(Ticket) // optional: told of each committed ticket (automatic assignment)
}

// NewService wires a Service.
func NewService(cfg Config, st Store, r Redactor, t Triager, a Articles, log *slog.Logger) *Service {
	if cfg.SLA.Targets == nil {
		cfg.SLA = DefaultSLA()
	}
	if cfg.MaxPerEmailPerHour == 0 {
		cfg.MaxPerEmailPerHour = 5
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Service{cfg: cfg, store: st, redactor: r, triager: t, articles: a, log: log, now: time.Now, wake: make(chan struct{}, 1)}
}

// SetClock replaces the clock (tests).
func (s *Service) SetClock(now func() time.Time) { s.now = now }

// SLA returns the SLA configuration.
func (s *Service) SLA() SLAConfig { return s.cfg.SLA }

// Preview triages a draft without storing anything: the request form and
// POST /api/v1/triage show the severity, the reasons and related articles
// while the requester types.
type Preview struct {
	Triage    triage.Result
	Redacted  []string // kinds of secrets found in the draft
	Suggested []desk.ArticleRef
}

// Preview redacts and triages a draft. Nothing is stored.
func (s *Service) Preview(ctx context.Context, d Draft) Preview {
	d.normalize()
	subj, body, kinds := s.redactDraft(d.Subject, d.Body)
	tr := s.triager.Classify(triage.Input{Subject: subj, Body: body, Category: d.Category,
		AmountUSD: d.AmountUSD, Locale: string(d.Locale), Exposed: kinds, Urgent: d.Urgent})
	return Preview{Triage: tr, Redacted: kinds, Suggested: s.suggest(ctx, tr, subj+"\n"+body, d.Locale)}
}

// redactDraft removes secrets from a subject and a body: each on its own,
// then across the two (a phrase begun in the subject and finished in the
// body).
func (s *Service) redactDraft(subject, body string) (string, string, []string) {
	subj, bd := s.redactor.Redact(subject), s.redactor.Redact(body)
	prev, next := s.redactor.RedactFollowUp(subj.Text, bd.Text)
	return prev.Text, next.Text, kindsOf(subj, bd, prev, next)
}

// suggest lists the three articles most likely to answer. When triage
// recognized the problem, that topic's article comes first, followed by the
// articles its editors linked to it; only a request triage could not place
// is searched for, which costs far more.
func (s *Service) suggest(ctx context.Context, tr triage.Result, text string, loc desk.Locale) []desk.ArticleRef {
	if s.articles == nil {
		return nil
	}
	var out []desk.ArticleRef
	add := func(refs ...desk.ArticleRef) {
		for _, a := range refs {
			dup := false
			for _, o := range out {
				dup = dup || o.Slug == a.Slug
			}
			if !dup && len(out) < 3 {
				out = append(out, a)
			}
		}
	}
	if tr.Topic != "" {
		if a, ok := s.articles.Lookup(tr.Topic, loc); ok {
			add(a)
			add(s.articles.RelatedTo(tr.Topic, loc)...)
		}
	}
	if len(out) == 0 {
		add(s.articles.Related(ctx, text, loc, 3)...)
	}
	return out
}

// Created is a new ticket with what its requester gets to see once.
type Created struct {
	Ticket   Ticket
	Token    string // the access token; only its hash is stored
	Messages []Message
	Redacted []string
}

// Create validates, redacts, triages and stores a new request, with an
// automatic first reply. On success everything is committed.
func (s *Service) Create(ctx context.Context, d Draft) (Created, error) {
	d.normalize()
	if err := d.validate(); err != nil {
		return Created{}, err
	}
	now := s.now()
	if s.cfg.MaxPerEmailPerHour > 0 {
		n, err := s.store.CountByEmailSince(ctx, d.Email, now.Add(-time.Hour))
		if err != nil {
			return Created{}, err
		}
		if n >= s.cfg.MaxPerEmailPerHour {
			return Created{}, &desk.Error{Kind: desk.KindRateLimited, Code: "too_many_requests_email", RetryAfter: 10 * time.Minute}
		}
	}
	subj, body, kinds := s.redactDraft(d.Subject, d.Body)
	tr := s.triager.Classify(triage.Input{Subject: subj, Body: body, Category: d.Category,
		AmountUSD: d.AmountUSD, Locale: string(d.Locale), Exposed: kinds, Urgent: d.Urgent})
	token, hash := newToken()
	category := tr.Category
	if category == "" {
		category = d.Category
	}
	if category == "" {
		category = triage.Other
	}
	t := Ticket{
		Subject: subj, Status: New, Severity: tr.Severity, Category: category, Topic: tr.Topic,
		Reasons: tr.Reasons, Locale: d.Locale, Email: d.Email, Urgent: d.Urgent, AmountUSD: d.AmountUSD,
		Chain: d.Chain, TxHash: d.TxHash, Address: d.Address, TokenHash: hash,
		SLA:       SLA{FirstResponseDue: s.cfg.SLA.Due(now, tr.Severity), Policy: s.cfg.SLA.Describe(tr.Severity)},
		CreatedAt: now, UpdatedAt: now,
	}
	pb := playbookFor(codesOf(tr.Reasons), len(kinds) > 0)
	var suggested []desk.ArticleRef
	if pb == playbookStandard {
		suggested = s.suggest(ctx, tr, subj+"\n"+body, d.Locale)
	}
	target := s.cfg.SLA.Targets[tr.Severity].FirstResponse
	var change Change
	err := s.store.CreateTicket(ctx, &t, func(t *Ticket) Change {
		change = Change{
			Messages: []Message{
				{Author: Requester, Body: body, Redactions: kinds, CreatedAt: now},
				{Author: System, Body: firstReply(d.Locale, pb, t.ID, target, suggested), CreatedAt: now},
			},
			Events: []Event{{Actor: "requester", Kind: "created", CreatedAt: now, Data: map[string]string{
				"severity": tr.Severity.String(), "category": string(t.Category), "reasons": strings.Join(codesOf(tr.Reasons), ",")}}},
		}
		if len(kinds) > 0 {
			change.Events = append(change.Events, Event{Actor: "system", Kind: "redacted", CreatedAt: now,
				Data: map[string]string{"kinds": strings.Join(kinds, ","), "where": "subject+body"}})
		}
		change.Events = append(change.Events, Event{Actor: "system", Kind: "auto_replied", CreatedAt: now,
			Data: map[string]string{"playbook": string(pb)}})
		change.Jobs = s.txCheckJob(d, now)
		return change
	})
	if err != nil {
		return Created{}, err
	}
	if len(change.Jobs) > 0 {
		select {
		case s.wake <- struct{}{}:
		default:
		}
	}
	if s.created != nil {
		s.created(t)
	}
	return Created{Ticket: t, Token: token, Messages: change.Messages, Redacted: kinds}, nil
}

func kindsOf(rs ...redact.Result) []string {
	var out []string
	for _, r := range rs {
		for _, red := range r.Redactions {
			k := string(red.Kind)
			dup := false
			for _, o := range out {
				dup = dup || o == k
			}
			if !dup {
				out = append(out, k)
			}
		}
	}
	return out
}

func codesOf(rs []triage.Reason) []string {
	codes := make([]string, len(rs))
	for i, r := range rs {
		codes[i] = r.Code
	}
	return codes
}

// Deflections records clicks on articles the request form suggested.
type Deflections interface {
	RecordDeflection(ctx context.Context, slug string, loc desk.Locale) error
}

// RecordDeflection counts a click on a suggested article, when the store
// keeps such counts.
func (s *Service) RecordDeflection(ctx context.Context, slug string, loc desk.Locale) error {
	if d, ok := s.store.(Deflections); ok {
		return d.RecordDeflection(ctx, slug, loc)
	}
	return nil
}
