package web

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/identity"
)

// The console's access rules, for every engineer adding console pages or
// agent API endpoints:
//
//   - A console page is registered as s.requireAgent(perm, h) (perm ""
//     means any signed-in agent). requireAgent answers before h runs:
//     no or expired session -> 303 to /console/login?next=... for pages,
//     401 JSON for /console/api/*; a session still in sign-in (second
//     factor, new password, enrolment) -> 303 to that step (401 for the
//     API); a missing or wrong CSRF token on POST/PUT/PATCH/DELETE, or a
//     cross-site request -> 403; a role without perm -> 403. Otherwise h
//     gets the agent through agentFrom(r) (never nil there), and the
//     agent's presence is recorded.
//   - Forms post a hidden field named "csrf" with value {{.CSRF}}; fetch()
//     sends the header X-CSRF-Token (console.js reads it from
//     <meta name="csrf-token">).
//   - Pages render with s.renderConsole(w, r, "console_x", s.consolePage(r,
//     title, data)): console_*.html templates get console_layout.html,
//     the agent's own locale (cookie wd_console_locale, ?locale= switches
//     it) and the nav.
//   - Every agent action is recorded with s.audit(r, action, target, data).
//   - Agent API routes (/api/v1/agent/*) use s.requireAPIToken(scope, h):
//     Authorization: Bearer wdt_... -> 401 when missing, unknown or revoked,
//     403 when the token lacks the scope or the owner's role lacks the
//     scope's permission. agentFrom(r) and apiTokenFrom(r) work there too.
//     Handlers still check finer permissions (agentFrom(r).Can(...)).

const (
	sessionCookie       = "wd_console"
	preSessionCookie    = "wd_console_pre" // double-submit token of the sign-in form
	consoleLocaleCookie = "wd_console_locale"
	csrfField           = "csrf"
	csrfHeader          = "X-CSRF-Token"
)

// classSignIn bounds sign-in attempts per address before any password
// work, on top of the per-account and per-address lockouts of identity.
var classSignIn = limitClass{"signin", 0.5, 10}

type (
	agentKey        struct{}
	sessionTokenKey struct{}
	apiTokenKey     struct{}
)

// agentFrom returns the signed-in agent that requireAgent or
// requireAPIToken put in the request, or nil.
func agentFrom(r *http.Request) *identity.Agent {
	a, _ := r.Context().Value(agentKey{}).(*identity.Agent)
	return a
}

// apiTokenFrom returns the API token of a requireAPIToken request, or nil.
func apiTokenFrom(r *http.Request) *identity.APIToken {
	t, _ := r.Context().Value(apiTokenKey{}).(*identity.APIToken)
	return t
}

func withAgent(r *http.Request, a *identity.Agent) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), agentKey{}, a))
}

// sessionToken is the session cookie's token, or the new one a handler
// just issued in this request.
func sessionToken(r *http.Request) string {
	if t, ok := r.Context().Value(sessionTokenKey{}).(string); ok {
		return t
	}
	if c, err := r.Cookie(sessionCookie); err == nil {
		return c.Value
	}
	return ""
}

func (s *Server) clientOf(r *http.Request) identity.Client {
	return identity.Client{IP: s.clientIP(r), UserAgent: r.UserAgent()}
}

// actor is the signed-in agent acting from this request.
func (s *Server) actor(r *http.Request) identity.Actor {
	return identity.AgentActor(agentFrom(r), s.clientOf(r))
}

// audit records an agent action of this request in the audit log. A
// failure is logged, not returned: the action itself already happened.
func (s *Server) audit(r *http.Request, action, target string, data map[string]any) {
	a := agentFrom(r)
	if a == nil || s.identity == nil {
		return
	}
	c := s.clientOf(r)
	err := s.identity.Audit(r.Context(), identity.Entry{AgentID: a.ID, Action: action, Target: target, Data: data,
		IP: c.IP, UserAgent: c.UserAgent})
	if err != nil {
		s.log.Error("audit", "action", action, "target", target, "err", err)
	}
}

// consoleRoutes: sign-in, account, audit log and agents. Other console
// pages register themselves in their own route functions with
// requireAgent.
func (s *Server) consoleRoutes(mux *http.ServeMux) {
	if s.identity == nil {
		return
	}
	pub := func(h http.HandlerFunc) http.Handler { return s.console(h) }
	mux.Handle("GET /console", http.RedirectHandler("/console/", http.StatusMovedPermanently))
	mux.Handle("GET /console/{$}", s.requireAgent("", s.consoleHome))
	mux.Handle("GET /console/login", pub(s.loginPage))
	mux.Handle("POST /console/login", s.limit(classSignIn, pub(s.loginSubmit)))
	mux.Handle("GET /console/login/totp", pub(s.totpPage))
	mux.Handle("POST /console/login/totp", s.limit(classSignIn, pub(s.totpSubmit)))
	mux.Handle("GET /console/enroll", pub(s.enrollPage))
	mux.Handle("POST /console/enroll", pub(s.enrollSubmit))
	mux.Handle("GET /console/password", pub(s.passwordPage))
	mux.Handle("POST /console/password", s.limit(classSignIn, pub(s.passwordSubmit)))
	mux.Handle("POST /console/logout", pub(s.logout))
	mux.Handle("GET /console/account", s.requireAgent("", s.accountPage))
	mux.Handle("POST /console/account/profile", s.requireAgent("", s.accountProfile))
	mux.Handle("POST /console/account/tokens", s.requireAgent("", s.accountTokenCreate))
	mux.Handle("POST /console/account/tokens/{id}/revoke", s.requireAgent("", s.accountTokenRevoke))
	mux.Handle("GET /console/audit", s.requireAgent(identity.PermAuditRead, s.auditPage))
	mux.Handle("GET /console/agents", s.requireAgent(identity.PermAgentManage, s.agentsPage))
	mux.Handle("POST /console/agents", s.requireAgent(identity.PermAgentManage, s.agentInvite))
	mux.Handle("POST /console/agents/{id}", s.requireAgent(identity.PermAgentManage, s.agentUpdate))
	mux.Handle("POST /console/agents/{id}/reset-totp", s.requireAgent(identity.PermAgentManage, s.agentResetTOTP))
	s.queueRoutes(mux)
	s.articleRoutes(mux)
	mux.Handle("/console/api/", s.requireAgent("", func(w http.ResponseWriter, r *http.Request) {
		s.consoleFail(w, r, desk.ErrNotFound)
	}))
}

// console applies what every console response shares: the agent's own
// locale, no caching, no indexing.
func (s *Server) console(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("X-Robots-Tag", "noindex")
		loc := desk.DefaultLocale
		if l, ok := desk.ParseLocale(r.URL.Query().Get("locale")); ok {
			loc = l
			http.SetCookie(w, &http.Cookie{Name: consoleLocaleCookie, Value: string(l), Path: "/console",
				MaxAge: int((365 * 24 * time.Hour).Seconds()), HttpOnly: true, Secure: s.cfg.Secure, SameSite: http.SameSiteLaxMode})
		} else if c, err := r.Cookie(consoleLocaleCookie); err == nil {
			if l, ok := desk.ParseLocale(c.Value); ok {
				loc = l
			}
		} else if l, ok := s.cat.FromAcceptLanguage(r.Header.Get("Accept-Language")); ok {
			loc = l
		}
		h.ServeHTTP(w, withLocale(r, loc))
	})
}

func isConsoleAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/console/api/") }

func unsafeMethod(m string) bool {
	return m != http.MethodGet && m != http.MethodHead && m != http.MethodOptions
}

// requireAgent admits signed-in agents whose role grants perm ("" for any
// agent); see the comment at the top of this file for every answer it
// gives instead.
func (s *Server) requireAgent(perm identity.Permission, h http.HandlerFunc) http.Handler {
	return s.requireAgentFor(perm, h, false)
}

// requireAgentInBackground is requireAgent for requests a page makes on
// its own, which must not keep an idle session alive.
func (s *Server) requireAgentInBackground(perm identity.Permission, h http.HandlerFunc) http.Handler {
	return s.requireAgentFor(perm, h, true)
}

func (s *Server) requireAgentFor(perm identity.Permission, h http.HandlerFunc, background bool) http.Handler {
	return s.console(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.identity == nil {
			s.consoleFail(w, r, desk.Errorf(desk.KindUnavailable, "unavailable", "no identity service"))
			return
		}
		tok := sessionToken(r)
		lookup := s.identity.Session
		if background {
			lookup = s.identity.BackgroundSession
		}
		sess, a, err := lookup(r.Context(), tok)
		if err != nil {
			if desk.ErrorKind(err) != desk.KindUnauthorized {
				s.consoleFail(w, r, err)
				return
			}
			if tok != "" {
				s.clearSession(w)
			}
			s.toSignIn(w, r, "/console/login")
			return
		}
		if sess.Stage != identity.StageFull {
			s.toSignIn(w, r, stagePath(sess.Stage))
			return
		}
		if unsafeMethod(r.Method) {
			// Parse a form body now, so that handlers may read r.PostForm
			// whichever way the token came (a JSON body is left alone).
			if err := r.ParseForm(); err != nil {
				s.consoleFail(w, r, desk.Invalid("invalid_input", nil))
				return
			}
			if !s.csrfOK(r, tok) {
				s.consoleFail(w, r, errCSRF)
				return
			}
		}
		if perm != "" && !a.Can(perm) {
			s.consoleFail(w, r, desk.Errorf(desk.KindForbidden, "forbidden", "%s lacks %s", a.Role, perm))
			return
		}
		if err := s.identity.Touch(r.Context(), a.ID); err != nil {
			s.log.Warn("presence", "agent", a.ID, "err", err)
		}
		h(w, withAgent(r, &a))
	}))
}

var errCSRF = desk.Errorf(desk.KindForbidden, "csrf_invalid", "")

// csrfOK checks an unsafe request: a same-origin request (Sec-Fetch-Site
// or Origin, when the browser sends them) carrying the token bound to the
// session in the form field or the header.
func (s *Server) csrfOK(r *http.Request, sessionTok string) bool {
	if err := s.origin.Check(r); err != nil {
		return false
	}
	got := r.Header.Get(csrfHeader)
	if got == "" {
		got = r.PostFormValue(csrfField)
	}
	want := identity.CSRFToken(sessionTok)
	return got != "" && sessionTok != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// toSignIn sends a browser to a sign-in step (pages) or answers 401 (API).
func (s *Server) toSignIn(w http.ResponseWriter, r *http.Request, path string) {
	if isConsoleAPI(r) {
		s.consoleFail(w, r, desk.Errorf(desk.KindUnauthorized, "session_expired", ""))
		return
	}
	if path == "/console/login" && r.Method == http.MethodGet && r.URL.Path != "/console/" {
		path += "?next=" + url.QueryEscape(r.URL.RequestURI())
	}
	http.Redirect(w, r, path, http.StatusSeeOther)
}

func stagePath(st identity.Stage) string {
	switch st {
	case identity.StageTOTP:
		return "/console/login/totp"
	case identity.StagePassword:
		return "/console/password"
	case identity.StageEnroll:
		return "/console/enroll"
	case identity.StageFull:
		return "/console/"
	}
	return "/console/login"
}

// safeNext keeps a post-sign-in redirect inside the console: a local path
// under /console/, never another host ("//evil", "/\evil").
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/console/") || strings.HasPrefix(next, "//") ||
		strings.ContainsAny(next, "\\\r\n") {
		return "/console/"
	}
	u, err := url.Parse(next)
	if err != nil || u.IsAbs() || u.Host != "" {
		return "/console/"
	}
	return next
}

// setSession puts a new session token in the cookie and in the request
// (so that a page rendered now carries the matching CSRF token).
func (s *Server) setSession(w http.ResponseWriter, r *http.Request, in identity.SignIn) *http.Request {
	// No Max-Age: the cookie ends with the browser; the server ends it
	// sooner on idleness or at the absolute timeout.
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: in.Token, Path: "/console", HttpOnly: true,
		Secure: s.cfg.Secure, SameSite: http.SameSiteLaxMode})
	return r.WithContext(context.WithValue(r.Context(), sessionTokenKey{}, in.Token))
}

func (s *Server) clearSession(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/console", MaxAge: -1, HttpOnly: true,
		Secure: s.cfg.Secure, SameSite: http.SameSiteLaxMode})
}

// consolePage is the page value console templates receive: Agent, CSRF,
// the agent's locale and the usual T and Asset helpers.
func (s *Server) consolePage(r *http.Request, title string, data any) *page {
	p := s.newPage(r, title, data)
	p.Path = r.URL.Path
	p.noIndex = true
	p.Agent = agentFrom(r)
	if tok := sessionToken(r); tok != "" {
		p.csrf = identity.CSRFToken(tok)
	}
	return p
}

// renderConsole writes a console page with status 200.
func (s *Server) renderConsole(w http.ResponseWriter, r *http.Request, name string, p *page) {
	s.renderStatus(w, r, http.StatusOK, name, p)
}

// Can reports whether the page's agent may do perm (templates: {{if .Can
// "audit.read"}}).
func (p *page) Can(perm string) bool { return p.Agent.Can(identity.Permission(perm)) }

// NavCurrent reports whether the page belongs to a nav section.
func (p *page) NavCurrent(prefix string) bool {
	if prefix == "/console/" {
		return p.Path == "/console/" || strings.HasPrefix(p.Path, "/console/tickets")
	}
	return strings.HasPrefix(p.Path, prefix)
}

// ConsoleLocales links the current console page in every locale.
func (p *page) ConsoleLocales() []altLocale {
	var out []altLocale
	for _, l := range desk.Locales {
		out = append(out, altLocale{Locale: l, Name: p.s.cat.T(l, "locale."+string(l)),
			URL: p.Path + "?locale=" + string(l), Current: l == p.Locale})
	}
	return out
}

// formError turns err into the message and field messages a form shows,
// localized, and the status to answer with.
func (s *Server) formError(r *http.Request, err error) (int, string, map[string]string) {
	loc := s.locale(r)
	code, kind := desk.ErrorCode(err), desk.ErrorKind(err)
	key := "error." + code
	if !s.cat.Has(key) {
		key = "error." + string(kind)
	}
	var fields map[string]string
	var de *desk.Error
	if errors.As(err, &de) && len(de.Fields) > 0 {
		fields = map[string]string{}
		for f, c := range de.Fields {
			if s.cat.Has("field." + c) {
				fields[f] = s.cat.T(loc, "field."+c)
			} else {
				fields[f] = s.cat.T(loc, "field.invalid")
			}
		}
	}
	st := status(kind)
	if st >= 500 {
		s.log.Error("console request failed", "route", r.Pattern, "kind", kind, "err", err)
	}
	return st, s.cat.T(loc, key), fields
}

func setRetryAfter(w http.ResponseWriter, err error) {
	var de *desk.Error
	if errors.As(err, &de) && de.RetryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(de.RetryAfter.Seconds()))))
	}
}

// consoleFail answers a console request with err: JSON under
// /console/api/, the console's error page otherwise.
func (s *Server) consoleFail(w http.ResponseWriter, r *http.Request, err error) {
	st, msg, fields := s.formError(r, err)
	setRetryAfter(w, err)
	if isConsoleAPI(r) {
		writeJSON(w, st, apiError{apiErrorBody{Code: desk.ErrorCode(err), Message: msg, Fields: fields}})
		return
	}
	p := s.consolePage(r, s.cat.T(s.locale(r), "error.title"), errorPage{Status: st, Message: msg, Fields: fields})
	s.renderStatus(w, r, st, "console_error", p)
}

// requireAPIToken admits agent API requests with a bearer token that
// carries scope and whose owner's role grants the scope's permission.
func (s *Server) requireAPIToken(scope identity.Scope, h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.identity == nil {
			s.fail(w, r, desk.Errorf(desk.KindUnavailable, "unavailable", "no identity service"))
			return
		}
		auth := r.Header.Get("Authorization")
		scheme, secret, _ := strings.Cut(auth, " ")
		if !strings.EqualFold(scheme, "Bearer") || secret == "" {
			w.Header().Set("WWW-Authenticate", `Bearer realm="walletdesk"`)
			s.fail(w, r, desk.Errorf(desk.KindUnauthorized, "token_invalid", ""))
			return
		}
		t, a, err := s.identity.AuthenticateToken(r.Context(), strings.TrimSpace(secret))
		if err != nil {
			if desk.ErrorKind(err) == desk.KindUnauthorized {
				w.Header().Set("WWW-Authenticate", `Bearer realm="walletdesk", error="invalid_token"`)
			}
			s.fail(w, r, err)
			return
		}
		if !t.Has(scope) || !a.Can(scope.Permission()) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="walletdesk", error="insufficient_scope", scope="`+string(scope)+`"`)
			s.fail(w, r, desk.Errorf(desk.KindForbidden, "token_scope", "token %d lacks %s", t.ID, scope))
			return
		}
		ctx := context.WithValue(r.Context(), agentKey{}, &a)
		ctx = context.WithValue(ctx, apiTokenKey{}, &t)
		h(w, r.WithContext(ctx))
	})
}

// preSessionToken returns the sign-in form's double-submit token, setting
// its cookie when missing. Before a session exists there is nothing to
// bind a CSRF token to; this stops a forged sign-in into someone else's
// account (login CSRF) where Origin checks do not apply.
func (s *Server) preSessionToken(w http.ResponseWriter, r *http.Request) string {
	if c, err := r.Cookie(preSessionCookie); err == nil && len(c.Value) >= 32 && len(c.Value) <= 64 {
		return c.Value
	}
	b := make([]byte, 32)
	rand.Read(b)
	v := base64.RawURLEncoding.EncodeToString(b)
	http.SetCookie(w, &http.Cookie{Name: preSessionCookie, Value: v, Path: "/console", HttpOnly: true,
		Secure: s.cfg.Secure, SameSite: http.SameSiteStrictMode})
	return v
}

func (s *Server) preSessionOK(r *http.Request) bool {
	if err := s.origin.Check(r); err != nil {
		return false
	}
	c, err := r.Cookie(preSessionCookie)
	got := r.PostFormValue(csrfField)
	return err == nil && c.Value != "" && subtle.ConstantTimeCompare([]byte(c.Value), []byte(got)) == 1
}
