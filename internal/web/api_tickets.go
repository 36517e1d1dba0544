package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/kb"
	"github.com/walletdesk/walletdesk/internal/ticket"
	"github.com/walletdesk/walletdesk/internal/triage"
)

type apiReason struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

func reasonsJSON(rs []triage.Reason, loc desk.Locale) []apiReason {
	out := make([]apiReason, 0, len(rs))
	for _, r := range rs {
		out = append(out, apiReason{Code: r.Code, Message: r.Message(string(loc))})
	}
	return out
}

type draftRequest struct {
	Email     string   `json:"email"`
	Subject   string   `json:"subject"`
	Body      string   `json:"body"`
	Locale    string   `json:"locale"`
	Category  string   `json:"category"`
	AmountUSD *float64 `json:"amount_usd"`
	Chain     string   `json:"chain"`
	TxHash    string   `json:"tx_hash"`
	Address   string   `json:"address"`
	Urgent    bool     `json:"urgent"`
}

// readDraft decodes a JSON draft; the locale is required and sets the
// language of errors and replies (the returned request carries it).
func (s *Server) readDraft(w http.ResponseWriter, r *http.Request) (ticket.Draft, *http.Request, error) {
	var req draftRequest
	if err := s.decodeJSON(w, r, &req); err != nil {
		return ticket.Draft{}, r, err
	}
	loc, ok := desk.ParseLocale(req.Locale)
	if !ok {
		code := "locale_unsupported"
		if req.Locale == "" {
			code = "required"
		}
		return ticket.Draft{}, r, desk.Invalid("invalid_input", map[string]string{"locale": code})
	}
	r = withLocale(r, loc)
	d := ticket.Draft{Email: req.Email, Subject: req.Subject, Body: req.Body, Locale: loc, Category: triage.Category(req.Category),
		Chain: req.Chain, TxHash: req.TxHash, Address: req.Address, Urgent: req.Urgent}
	if req.AmountUSD != nil {
		d.AmountUSD = *req.AmountUSD
	}
	return d, r, nil
}

// apiTriage: POST /api/v1/triage. Nothing is stored.
func (s *Server) apiTriage(w http.ResponseWriter, r *http.Request) {
	d, r, err := s.readDraft(w, r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if len([]rune(d.Subject))+len([]rune(d.Body)) > ticket.MaxSubjectRunes+ticket.MaxBodyRunes {
		s.fail(w, r, desk.Invalid("invalid_input", map[string]string{"body": "too_long"}))
		return
	}
	p := s.tickets.Preview(r.Context(), d)
	type article struct {
		Slug  string `json:"slug"`
		Title string `json:"title"`
		URL   string `json:"url"`
	}
	out := struct {
		Severity          string      `json:"severity"`
		Category          string      `json:"category"`
		Topic             string      `json:"topic,omitempty"`
		Reasons           []apiReason `json:"reasons"`
		Suggested         []string    `json:"suggested"`
		SuggestedArticles []article   `json:"suggested_articles"`
		Redacted          []string    `json:"redacted"`
		Emergency         bool        `json:"emergency"`
	}{
		Severity: p.Triage.Severity.String(), Category: string(p.Triage.Category), Topic: p.Triage.Topic,
		Reasons: reasonsJSON(p.Triage.Reasons, d.Locale), Suggested: []string{}, SuggestedArticles: []article{},
		Redacted: append([]string{}, p.Redacted...), Emergency: p.Triage.Severity == triage.S1,
	}
	for _, a := range p.Suggested {
		out.Suggested = append(out.Suggested, a.Slug)
		out.SuggestedArticles = append(out.SuggestedArticles, article{a.Slug, a.Title, a.URL})
	}
	writeJSON(w, http.StatusOK, out)
}

// apiCreateTicket: POST /api/v1/tickets. A 201 means committed.
func (s *Server) apiCreateTicket(w http.ResponseWriter, r *http.Request) {
	d, r, err := s.readDraft(w, r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	c, err := s.tickets.Create(r.Context(), d)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	t := c.Ticket
	writeJSON(w, http.StatusCreated, struct {
		ID               int64       `json:"id"`
		AccessToken      string      `json:"access_token"`
		Status           string      `json:"status"`
		Severity         string      `json:"severity"`
		Category         string      `json:"category"`
		Reasons          []apiReason `json:"reasons"`
		URL              string      `json:"url"`
		FirstResponseDue time.Time   `json:"first_response_due"`
		Redacted         []string    `json:"redacted"`
	}{t.ID, c.Token, string(t.Status), t.Severity.String(), string(t.Category), reasonsJSON(t.Reasons, d.Locale),
		requestURL(d.Locale, t.ID, c.Token), t.SLA.FirstResponseDue.UTC(), append([]string{}, c.Redacted...)})
}

// bearer reads the requester's access token.
func bearer(r *http.Request) string {
	h := r.Header.Get("Authorization")
	if len(h) > 7 && strings.EqualFold(h[:7], "bearer ") {
		return strings.TrimSpace(h[7:])
	}
	return ""
}

type apiMessage struct {
	ID         int64             `json:"id"`
	Author     string            `json:"author"`
	Body       string            `json:"body"`
	CreatedAt  time.Time         `json:"created_at"`
	Redactions []apiRedactionRef `json:"redactions"`
}

type apiRedactionRef struct {
	Kind string `json:"kind"`
}

func (s *Server) ticketJSON(v ticket.View, loc desk.Locale) any {
	t := v.Ticket
	msgs := make([]apiMessage, 0, len(v.Messages))
	for _, m := range v.Messages {
		am := apiMessage{ID: m.ID, Author: string(m.Author), Body: m.Body, CreatedAt: m.CreatedAt.UTC(), Redactions: []apiRedactionRef{}}
		if m.Author != ticket.Requester {
			am.Body = kb.ResolveLinks(m.Body, t.Locale)
		}
		for _, k := range m.Redactions {
			am.Redactions = append(am.Redactions, apiRedactionRef{k})
		}
		msgs = append(msgs, am)
	}
	sla := map[string]any{"first_response_due": t.SLA.FirstResponseDue.UTC(), "policy": t.SLA.Policy}
	if !t.SLA.FirstResponseAt.IsZero() {
		sla["first_response_at"] = t.SLA.FirstResponseAt.UTC()
	}
	return struct {
		ID        int64        `json:"id"`
		Subject   string       `json:"subject"`
		Status    string       `json:"status"`
		Severity  string       `json:"severity"`
		Category  string       `json:"category"`
		Locale    string       `json:"locale"`
		Reasons   []apiReason  `json:"reasons"`
		CreatedAt time.Time    `json:"created_at"`
		UpdatedAt time.Time    `json:"updated_at"`
		SLA       any          `json:"sla"`
		Messages  []apiMessage `json:"messages"`
	}{t.ID, t.Subject, string(t.Status), t.Severity.String(), string(t.Category), string(t.Locale), reasonsJSON(t.Reasons, loc),
		t.CreatedAt.UTC(), t.UpdatedAt.UTC(), sla, msgs}
}

// apiGetTicket: GET /api/v1/tickets/{id} with the requester's bearer token.
// A wrong token is a 404, like a missing ticket.
func (s *Server) apiGetTicket(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.fail(w, r, desk.ErrNotFound)
		return
	}
	v, err := s.tickets.ForRequester(r.Context(), id, bearer(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	loc := v.Ticket.Locale
	if l, ok := desk.ParseLocale(r.URL.Query().Get("locale")); ok {
		loc = l
	}
	writeJSON(w, http.StatusOK, s.ticketJSON(v, loc))
}

// apiTicketReply: POST /api/v1/tickets/{id}/messages {"body"}.
func (s *Server) apiTicketReply(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.fail(w, r, desk.ErrNotFound)
		return
	}
	var req struct {
		Body string `json:"body"`
	}
	if err := s.decodeJSON(w, r, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	v, err := s.tickets.Reply(r.Context(), id, bearer(r), req.Body)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, s.ticketJSON(v, v.Ticket.Locale))
}

// apiDeflection: POST /api/v1/kb/deflections {"slug","locale"}: the
// request form's script reports a click on a suggested article.
func (s *Server) apiDeflection(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Slug   string `json:"slug"`
		Locale string `json:"locale"`
	}
	if err := s.decodeJSON(w, r, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	loc, ok := desk.ParseLocale(req.Locale)
	if !ok || !s.kb.Has(req.Slug) {
		s.fail(w, r, desk.Invalid("invalid_input", map[string]string{"slug": "invalid"}))
		return
	}
	if err := s.tickets.RecordDeflection(r.Context(), req.Slug, loc); err != nil {
		s.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
