package web

import (
	"net/http"
	"strconv"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/identity"
)

type accountPage struct {
	Me        identity.Agent
	Tokens    []identity.APIToken
	Scopes    []scopeOption
	Languages []langOption
	NewToken  string // the secret of a token just created: shown once
	NewName   string
	Notice    string
	Error     string
	Fields    map[string]string
}

type scopeOption struct {
	Scope   identity.Scope
	Label   string
	Checked bool
}

type langOption struct {
	Locale  desk.Locale
	Name    string
	Checked bool
}

func (s *Server) languageOptions(loc desk.Locale, have []desk.Locale) []langOption {
	var out []langOption
	for _, l := range desk.Locales {
		on := false
		for _, h := range have {
			on = on || h == l
		}
		out = append(out, langOption{Locale: l, Name: s.cat.T(loc, "locale."+string(l)), Checked: on})
	}
	return out
}

// formLanguages reads the checked "languages" boxes.
func formLanguages(r *http.Request) []desk.Locale {
	out := []desk.Locale{}
	for _, v := range r.PostForm["languages"] {
		if l, ok := desk.ParseLocale(v); ok {
			out = append(out, l)
		} else {
			out = append(out, desk.Locale(v)) // refused by validation with a field message
		}
	}
	return out
}

func (s *Server) accountData(r *http.Request) (accountPage, error) {
	me, err := s.identity.Agent(r.Context(), agentFrom(r).ID)
	if err != nil {
		return accountPage{}, err
	}
	toks, err := s.identity.Tokens(r.Context(), s.actor(r), me.ID)
	if err != nil {
		return accountPage{}, err
	}
	loc := s.locale(r)
	d := accountPage{Me: me, Tokens: toks, Languages: s.languageOptions(loc, me.Languages)}
	for _, sc := range identity.Scopes {
		if me.Role.Can(sc.Permission()) {
			d.Scopes = append(d.Scopes, scopeOption{Scope: sc, Label: s.cat.T(loc, "console.scope."+string(sc)), Checked: sc == identity.ScopeTicketsRead})
		}
	}
	switch r.URL.Query().Get("changed") {
	case "password":
		d.Notice = s.cat.T(loc, "console.account.password_changed")
	case "revoked":
		d.Notice = s.cat.T(loc, "console.account.token_revoked")
	case "profile":
		d.Notice = s.cat.T(loc, "console.account.profile_saved")
	}
	return d, nil
}

func (s *Server) renderAccount(w http.ResponseWriter, r *http.Request, st int, d accountPage) {
	s.renderStatus(w, r, st, "console_account", s.consolePage(r, s.cat.T(s.locale(r), "console.account.title"), d))
}

func (s *Server) accountPage(w http.ResponseWriter, r *http.Request) {
	d, err := s.accountData(r)
	if err != nil {
		s.consoleFail(w, r, err)
		return
	}
	s.renderAccount(w, r, http.StatusOK, d)
}

func (s *Server) accountProfile(w http.ResponseWriter, r *http.Request) {
	name := r.PostFormValue("name")
	_, err := s.identity.UpdateAgent(r.Context(), s.actor(r), agentFrom(r).ID,
		identity.AgentUpdate{Name: &name, Languages: formLanguages(r)})
	if err != nil {
		d, derr := s.accountData(r)
		if derr != nil {
			s.consoleFail(w, r, derr)
			return
		}
		st, msg, fields := s.formError(r, err)
		d.Error, d.Fields = msg, fields
		s.renderAccount(w, r, st, d)
		return
	}
	http.Redirect(w, r, "/console/account?changed=profile", http.StatusSeeOther)
}

func (s *Server) accountTokenCreate(w http.ResponseWriter, r *http.Request) {
	var scopes []identity.Scope
	for _, v := range r.PostForm["scope"] {
		scopes = append(scopes, identity.Scope(v))
	}
	name := r.PostFormValue("name")
	_, secret, err := s.identity.CreateToken(r.Context(), s.actor(r), agentFrom(r).ID, name, scopes)
	d, derr := s.accountData(r)
	if derr != nil {
		s.consoleFail(w, r, derr)
		return
	}
	if err != nil {
		st, msg, fields := s.formError(r, err)
		d.Error, d.Fields, d.NewName = msg, fields, name
		s.renderAccount(w, r, st, d)
		return
	}
	// Rendered, not redirected: the secret exists only in this response.
	d.NewToken = secret
	s.renderAccount(w, r, http.StatusOK, d)
}

// accountTokenRevoke revokes one of the agent's tokens, or anyone's for an
// admin (the agents page posts here too, with back=/console/agents).
func (s *Server) accountTokenRevoke(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.consoleFail(w, r, desk.ErrNotFound)
		return
	}
	if err := s.identity.RevokeToken(r.Context(), s.actor(r), id); err != nil {
		s.consoleFail(w, r, err)
		return
	}
	back := "/console/account?changed=revoked"
	if r.PostFormValue("back") == "agents" {
		back = "/console/agents"
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}
