package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/identity"
)

type agentsPage struct {
	Agents    []agentRow
	Roles     []roleOption
	Languages []langOption
	// Invited is the agent just created, with the one-time password to
	// hand over (shown once).
	Invited         *identity.Agent
	InvitedPassword string
	Invite          inviteForm
	Notice          string
	Error           string
	Fields          map[string]string
}

type agentRow struct {
	identity.Agent
	Self      bool
	Roles     []roleOption
	Languages []langOption
	Tokens    []identity.APIToken // active ones
	LastSeen  string
}

type roleOption struct {
	Role     identity.Role
	Name     string
	Selected bool
}

type inviteForm struct {
	Email, Name string
	Role        identity.Role
}

func (s *Server) roleOptions(loc desk.Locale, sel identity.Role) []roleOption {
	var out []roleOption
	for _, r := range identity.Roles {
		out = append(out, roleOption{Role: r, Name: s.cat.T(loc, "console.role."+string(r)), Selected: r == sel})
	}
	return out
}

func (s *Server) agentsData(r *http.Request) (agentsPage, error) {
	loc := s.locale(r)
	all, err := s.identity.Agents(r.Context())
	if err != nil {
		return agentsPage{}, err
	}
	me := agentFrom(r)
	d := agentsPage{Roles: s.roleOptions(loc, identity.RoleAgent), Languages: s.languageOptions(loc, []desk.Locale{loc})}
	for _, a := range all {
		row := agentRow{Agent: a, Self: a.ID == me.ID, Roles: s.roleOptions(loc, a.Role), Languages: s.languageOptions(loc, a.Languages)}
		if !a.LastSeenAt.IsZero() {
			row.LastSeen = a.LastSeenAt.UTC().Format("2006-01-02 15:04")
		}
		if me.Can(identity.PermTokenManageAll) {
			toks, err := s.identity.Tokens(r.Context(), s.actor(r), a.ID)
			if err != nil {
				return agentsPage{}, err
			}
			for _, t := range toks {
				if t.Active() {
					row.Tokens = append(row.Tokens, t)
				}
			}
		}
		d.Agents = append(d.Agents, row)
	}
	switch r.URL.Query().Get("done") {
	case "saved":
		d.Notice = s.cat.T(loc, "console.agents.saved")
	case "totp_reset":
		d.Notice = s.cat.T(loc, "console.agents.totp_reset_done")
	}
	return d, nil
}

func (s *Server) renderAgents(w http.ResponseWriter, r *http.Request, st int, d agentsPage) {
	s.renderStatus(w, r, st, "console_agents", s.consolePage(r, s.cat.T(s.locale(r), "console.agents.title"), d))
}

func (s *Server) agentsPage(w http.ResponseWriter, r *http.Request) {
	d, err := s.agentsData(r)
	if err != nil {
		s.consoleFail(w, r, err)
		return
	}
	s.renderAgents(w, r, http.StatusOK, d)
}

// agentInvite creates an agent with a one-time password, shown once in
// this response.
func (s *Server) agentInvite(w http.ResponseWriter, r *http.Request) {
	n := identity.NewAgent{Email: r.PostFormValue("email"), Name: r.PostFormValue("name"),
		Role: identity.Role(r.PostFormValue("role")), Languages: formLanguages(r)}
	a, once, err := s.identity.InviteAgent(r.Context(), s.actor(r), n)
	d, derr := s.agentsData(r)
	if derr != nil {
		s.consoleFail(w, r, derr)
		return
	}
	if err != nil {
		st, msg, fields := s.formError(r, err)
		d.Error, d.Fields = msg, fields
		d.Invite = inviteForm{Email: n.Email, Name: n.Name, Role: n.Role}
		d.Roles = s.roleOptions(s.locale(r), n.Role)
		s.renderAgents(w, r, st, d)
		return
	}
	d.Invited, d.InvitedPassword = &a, once
	s.renderAgents(w, r, http.StatusOK, d)
}

func (s *Server) agentID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.consoleFail(w, r, desk.ErrNotFound)
		return 0, false
	}
	return id, true
}

// agentUpdate changes role, languages, cap and enabled state of an agent.
func (s *Server) agentUpdate(w http.ResponseWriter, r *http.Request) {
	id, ok := s.agentID(w, r)
	if !ok {
		return
	}
	role := identity.Role(r.PostFormValue("role"))
	disabled := r.PostFormValue("disabled") == "on"
	u := identity.AgentUpdate{Role: &role, Disabled: &disabled, Languages: formLanguages(r)}
	if v := strings.TrimSpace(r.PostFormValue("open_cap")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			n = -1 // refused with a field message
		}
		u.OpenCap = &n
	}
	if _, err := s.identity.UpdateAgent(r.Context(), s.actor(r), id, u); err != nil {
		if desk.ErrorKind(err) == desk.KindNotFound || desk.ErrorKind(err) == desk.KindForbidden {
			s.consoleFail(w, r, err)
			return
		}
		d, derr := s.agentsData(r)
		if derr != nil {
			s.consoleFail(w, r, derr)
			return
		}
		st, msg, fields := s.formError(r, err)
		d.Error, d.Fields = msg, fields
		s.renderAgents(w, r, st, d)
		return
	}
	http.Redirect(w, r, "/console/agents?done=saved", http.StatusSeeOther)
}

func (s *Server) agentResetTOTP(w http.ResponseWriter, r *http.Request) {
	id, ok := s.agentID(w, r)
	if !ok {
		return
	}
	if err := s.identity.ResetTOTP(r.Context(), s.actor(r), id); err != nil {
		s.consoleFail(w, r, err)
		return
	}
	http.Redirect(w, r, "/console/agents?done=totp_reset", http.StatusSeeOther)
}
