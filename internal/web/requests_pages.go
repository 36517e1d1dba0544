package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/ticket"
	"github.com/walletdesk/walletdesk/internal/triage"
)

// requestForm is the request form's state: what was entered (redacted
// before it is ever sent back) and what is wrong with it.
type requestForm struct {
	Email, Subject, Body, Category, Chain, TxHash, Address, Amount string
	Urgent                                                         bool
	Errors                                                         map[string]string
	Message                                                        string
	Categories                                                     []string
	Chains                                                         []string
}

func (s *Server) emptyForm() requestForm {
	return requestForm{Categories: []string{string(triage.AccountAccess), string(triage.Transactions), string(triage.Security), string(triage.Other)},
		Chains: ticket.Chains()}
}

func (s *Server) requestNew(w http.ResponseWriter, r *http.Request) {
	loc := s.locale(r)
	f := s.emptyForm()
	f.Category = r.URL.Query().Get("category")
	s.render(w, r, "request_new", s.newPage(r, s.cat.T(loc, "req.new.title"), f))
}

// requestCreate is the form's no-JavaScript path (the page's script posts
// the same form; the JSON API has its own handler).
func (s *Server) requestCreate(w http.ResponseWriter, r *http.Request) {
	loc := s.locale(r)
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, desk.Invalid("invalid_input", nil))
		return
	}
	pf := r.PostForm
	f := s.emptyForm()
	f.Email, f.Subject, f.Body = pf.Get("email"), pf.Get("subject"), pf.Get("body")
	f.Category, f.Chain, f.TxHash, f.Address, f.Amount = pf.Get("category"), pf.Get("chain"), pf.Get("tx_hash"), pf.Get("address"), pf.Get("amount_usd")
	f.Urgent = pf.Get("urgent") != ""
	if pf.Get("website") != "" {
		// The honeypot field is hidden from people; a filled one is a bot.
		// Answer as if it worked and store nothing.
		http.Redirect(w, r, "/"+string(loc)+"/", http.StatusSeeOther)
		return
	}
	d := ticket.Draft{Email: f.Email, Subject: f.Subject, Body: f.Body, Locale: loc, Category: triage.Category(f.Category),
		Chain: f.Chain, TxHash: f.TxHash, Address: f.Address, Urgent: f.Urgent}
	var amountErr bool
	if a := strings.TrimSpace(f.Amount); a != "" {
		v, err := strconv.ParseFloat(strings.ReplaceAll(a, ",", ""), 64)
		amountErr = err != nil
		d.AmountUSD = v
	}
	var c ticket.Created
	var err error
	if amountErr {
		err = desk.Invalid("invalid_input", map[string]string{"amount_usd": "amount_invalid"})
	} else {
		c, err = s.tickets.Create(r.Context(), d)
	}
	if err != nil {
		var de *desk.Error
		if !errors.As(err, &de) || (de.Kind != desk.KindInvalid && de.Kind != desk.KindRateLimited) {
			s.fail(w, r, err)
			return
		}
		// Show the form again, with what was typed minus any secret.
		f.Subject, f.Body = s.redact.Redact(f.Subject).Text, s.redact.Redact(f.Body).Text
		f.Errors = map[string]string{}
		for field, code := range de.Fields {
			f.Errors[field] = s.cat.T(loc, "field."+code)
		}
		f.Message = s.cat.T(loc, "error."+de.Code)
		code := http.StatusUnprocessableEntity
		if de.Kind == desk.KindRateLimited {
			code = http.StatusTooManyRequests
			w.Header().Set("Retry-After", strconv.Itoa(int(de.RetryAfter.Seconds())))
		}
		s.renderStatus(w, r, code, "request_new", s.newPage(r, s.cat.T(loc, "req.new.title"), f))
		return
	}
	http.Redirect(w, r, requestURL(loc, c.Ticket.ID, c.Token)+"&new=1", http.StatusSeeOther)
}

func (s *Server) requestPage(w http.ResponseWriter, r *http.Request) {
	loc := s.locale(r)
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.fail(w, r, desk.ErrNotFound)
		return
	}
	token := r.URL.Query().Get("token")
	v, err := s.tickets.ForRequester(r.Context(), id, token)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rv := s.newRequestView(loc, v, token)
	rv.Just = r.URL.Query().Get("new") == "1"
	p := s.newPage(r, s.cat.T(loc, "req.page.title", id), rv)
	p.noIndex = true
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, "request", p)
}

func (s *Server) requestReply(w http.ResponseWriter, r *http.Request) {
	loc := s.locale(r)
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.fail(w, r, desk.ErrNotFound)
		return
	}
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, desk.Invalid("invalid_input", nil))
		return
	}
	token := r.PostForm.Get("token")
	if _, err := s.tickets.Reply(r.Context(), id, token, r.PostForm.Get("body")); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, requestURL(loc, id, token)+"#latest", http.StatusSeeOther)
}
