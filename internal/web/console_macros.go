package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/ticket"
)

// macrosPage is the data of console_macros.html.
type macrosPage struct {
	Macros   []macroRow
	Archived bool // archived macros are listed too
	Notice   string
}

type macroRow struct {
	ID        int64
	Name      string
	Tags      []string
	Builtin   bool
	Archived  bool
	Locales   []macroBody
	UpdatedAt string
	UpdatedBy string
}

type macroBody struct {
	Locale desk.Locale
	Name   string
	Body   string
}

// macroEditPage is the data of console_macro_edit.html.
type macroEditPage struct {
	ID       int64 // 0: a new macro
	Name     string
	Tags     string
	Bodies   []macroBody
	Builtin  bool
	Archived bool
	Error    string
	Fields   map[string]string
}

// macrosList: GET /console/macros (?archived=1 lists archived ones too).
func (s *Server) macrosList(w http.ResponseWriter, r *http.Request) {
	loc := s.locale(r)
	archived := r.URL.Query().Get("archived") == "1"
	list, err := s.queue.macros.List(r.Context(), archived)
	if err != nil {
		s.consoleFail(w, r, err)
		return
	}
	names := s.queue.agents.names(r.Context())
	d := macrosPage{Archived: archived}
	if done := r.URL.Query().Get("done"); done != "" && s.cat.Has("console.macros.done."+done) {
		d.Notice = s.cat.T(loc, "console.macros.done."+done)
	}
	for _, m := range list {
		row := macroRow{ID: m.ID, Name: m.Name, Tags: m.Tags, Builtin: m.StarterKey != "", Archived: m.Archived,
			UpdatedAt: formatTime(m.UpdatedAt, loc), UpdatedBy: s.actorName(loc, m.UpdatedBy, names)}
		if m.UpdatedBy == "built-in" {
			row.UpdatedBy = s.cat.T(loc, "console.macros.builtin")
		}
		for _, l := range desk.Locales {
			if b := m.Bodies[l]; b != "" {
				row.Locales = append(row.Locales, macroBody{Locale: l, Name: s.cat.T(loc, "locale."+string(l)), Body: b})
			}
		}
		d.Macros = append(d.Macros, row)
	}
	s.renderConsole(w, r, "console_macros", s.consolePage(r, s.cat.T(loc, "console.macros.title"), d))
}

func macroID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, desk.ErrNotFound
	}
	return id, nil
}

func (s *Server) macroForm(loc desk.Locale, m ticket.Macro) macroEditPage {
	p := macroEditPage{ID: m.ID, Name: m.Name, Tags: strings.Join(m.Tags, ", "), Builtin: m.StarterKey != "", Archived: m.Archived}
	for _, l := range desk.Locales {
		p.Bodies = append(p.Bodies, macroBody{Locale: l, Name: s.cat.T(loc, "locale."+string(l)), Body: m.Bodies[l]})
	}
	return p
}

// macroNew: GET /console/macros/new.
func (s *Server) macroNew(w http.ResponseWriter, r *http.Request) {
	loc := s.locale(r)
	s.renderConsole(w, r, "console_macro_edit", s.consolePage(r, s.cat.T(loc, "console.macros.new"), s.macroForm(loc, ticket.Macro{})))
}

// macroEdit: GET /console/macros/{id}.
func (s *Server) macroEdit(w http.ResponseWriter, r *http.Request) {
	id, err := macroID(r)
	if err != nil {
		s.consoleFail(w, r, err)
		return
	}
	m, err := s.queue.macros.Get(r.Context(), id)
	if err != nil {
		s.consoleFail(w, r, err)
		return
	}
	loc := s.locale(r)
	s.renderConsole(w, r, "console_macro_edit", s.consolePage(r, m.Name, s.macroForm(loc, m)))
}

// macroFromForm reads the edit form. A secret pasted into a canned reply
// is refused by the domain; the form never shows it back.
func (s *Server) macroFromForm(r *http.Request) ticket.Macro {
	pf := r.PostForm
	m := ticket.Macro{Name: pf.Get("name"), Bodies: map[desk.Locale]string{}}
	for _, t := range strings.Split(pf.Get("tags"), ",") {
		if t = strings.TrimSpace(t); t != "" {
			m.Tags = append(m.Tags, t)
		}
	}
	for _, l := range desk.Locales {
		m.Bodies[l] = pf.Get("body_" + string(l))
	}
	return m
}

func (s *Server) macroFailed(w http.ResponseWriter, r *http.Request, m ticket.Macro, err error) {
	if desk.ErrorKind(err) != desk.KindInvalid {
		s.consoleFail(w, r, err)
		return
	}
	loc := s.locale(r)
	for l, b := range m.Bodies {
		m.Bodies[l] = s.redact.Redact(b).Text
	}
	m.Name = s.redact.Redact(m.Name).Text
	p := s.macroForm(loc, m)
	st, msg, fields := s.formError(r, err)
	p.Error, p.Fields = msg, fields
	title := s.cat.T(loc, "console.macros.new")
	if m.ID != 0 {
		title = m.Name
	}
	s.renderStatus(w, r, st, "console_macro_edit", s.consolePage(r, title, p))
}

// macroCreate: POST /console/macros.
func (s *Server) macroCreate(w http.ResponseWriter, r *http.Request) {
	a := agentFrom(r)
	in := s.macroFromForm(r)
	m, err := s.queue.macros.Create(r.Context(), in, ticket.AgentActor(a.ID))
	if err != nil {
		s.macroFailed(w, r, in, err)
		return
	}
	s.audit(r, "macro.create", macroTarget(m.ID), map[string]any{"name": m.Name, "locales": macroLocales(m)})
	http.Redirect(w, r, "/console/macros?done=created", http.StatusSeeOther)
}

// macroUpdate: POST /console/macros/{id}.
func (s *Server) macroUpdate(w http.ResponseWriter, r *http.Request) {
	a := agentFrom(r)
	id, err := macroID(r)
	if err != nil {
		s.consoleFail(w, r, err)
		return
	}
	in := s.macroFromForm(r)
	in.ID = id
	m, err := s.queue.macros.Update(r.Context(), in, ticket.AgentActor(a.ID))
	if err != nil {
		s.macroFailed(w, r, in, err)
		return
	}
	s.audit(r, "macro.update", macroTarget(m.ID), map[string]any{"name": m.Name, "locales": macroLocales(m)})
	http.Redirect(w, r, "/console/macros?done=updated", http.StatusSeeOther)
}

// macroArchive: POST /console/macros/{id}/archive and .../restore. Macros
// are never deleted: an archived one leaves the pickers and can come back.
func (s *Server) macroArchive(archive bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		a := agentFrom(r)
		id, err := macroID(r)
		if err != nil {
			s.consoleFail(w, r, err)
			return
		}
		m, err := s.queue.macros.SetArchived(r.Context(), id, archive, ticket.AgentActor(a.ID))
		if err != nil {
			s.consoleFail(w, r, err)
			return
		}
		action, done := "macro.archive", "archived"
		if !archive {
			action, done = "macro.restore", "restored"
		}
		s.audit(r, action, macroTarget(m.ID), map[string]any{"name": m.Name})
		http.Redirect(w, r, "/console/macros?done="+done, http.StatusSeeOther)
	}
}

func macroTarget(id int64) string { return "macro:" + itoa(id) }

func macroLocales(m ticket.Macro) []string {
	var out []string
	for _, l := range desk.Locales {
		if m.Bodies[l] != "" {
			out = append(out, string(l))
		}
	}
	return out
}
