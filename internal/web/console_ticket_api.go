package web

import (
	"html/template"
	"net/http"
	"strconv"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/identity"
	"github.com/walletdesk/walletdesk/internal/ticket"
)

// The request page's script calls these (under /console/api/, so that a
// lapsed session answers 401 JSON rather than a sign-in page).

// previewHTML renders a reply as its requester will read it: Markdown
// with article links in their locale, secrets already replaced (the
// caller redacts) and shown as badges.
func (s *Server) previewHTML(body string, ticketLoc, agentLoc desk.Locale) template.HTML {
	return s.markRedactions(string(s.kb.RenderMarkdown(body, ticketLoc)), agentLoc)
}

// consolePreview: POST /console/api/tickets/{id}/preview (form field body).
func (s *Server) consolePreview(w http.ResponseWriter, r *http.Request) {
	id, err := ticketID(r)
	if err != nil {
		s.consoleFail(w, r, err)
		return
	}
	t, err := s.queue.data.Ticket(r.Context(), id)
	if err != nil {
		s.consoleFail(w, r, err)
		return
	}
	body := r.PostForm.Get("body")
	if len([]rune(body)) > ticket.MaxBodyRunes {
		s.consoleFail(w, r, desk.Invalid("invalid_input", map[string]string{"body": "too_long"}))
		return
	}
	red := s.redact.Redact(body)
	writeJSON(w, http.StatusOK, map[string]any{"html": string(s.previewHTML(red.Text, t.Locale, s.locale(r))), "redacted": red.Redacted()})
}

// consoleMacro: GET /console/api/tickets/{id}/macros/{macro}, the macro
// filled in for this request in its requester's locale.
func (s *Server) consoleMacro(w http.ResponseWriter, r *http.Request) {
	a := agentFrom(r)
	if !a.Can(identity.PermMacroUse) {
		s.consoleFail(w, r, forbidden(a, identity.PermMacroUse))
		return
	}
	id, err := ticketID(r)
	if err != nil {
		s.consoleFail(w, r, err)
		return
	}
	mid, err := strconv.ParseInt(r.PathValue("macro"), 10, 64)
	if err != nil || mid <= 0 || s.queue.macros == nil {
		s.consoleFail(w, r, desk.ErrNotFound)
		return
	}
	t, err := s.queue.data.Ticket(r.Context(), id)
	if err != nil {
		s.consoleFail(w, r, err)
		return
	}
	m, err := s.queue.macros.Get(r.Context(), mid)
	if err == nil && m.Archived {
		err = desk.ErrNotFound
	}
	if err != nil {
		s.consoleFail(w, r, err)
		return
	}
	rm, err := ticket.RenderMacro(m, t, ticket.MacroVars{AgentName: a.Name}, s.kb)
	if err != nil {
		s.consoleFail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"name": m.Name, "locale": string(rm.Locale), "body": rm.Body})
}
