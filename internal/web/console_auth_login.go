package web

import (
	"encoding/base64"
	"html/template"
	"net/http"
	"net/url"

	"github.com/skip2/go-qrcode"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/identity"
)

// signInForm is what the sign-in steps render.
type signInForm struct {
	Email  string
	Next   string
	Error  string
	Fields map[string]string
	// Enrolment
	QR            template.URL // PNG data URI of the otpauth:// URI
	Secret        string       // the same secret as text, grouped for typing
	RecoveryCodes []string     // shown once, after enrolment
	Continue      string       // where to go after reading the codes
	// Password change
	NeedCurrent bool
	Invited     bool
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	if sess, _, err := s.identity.Session(r.Context(), sessionToken(r)); err == nil {
		http.Redirect(w, r, stagePath(sess.Stage), http.StatusSeeOther)
		return
	}
	p := s.consolePage(r, s.cat.T(s.locale(r), "console.login.title"), signInForm{Next: safeNext(r.URL.Query().Get("next"))})
	p.csrf = s.preSessionToken(w, r)
	s.renderConsole(w, r, "console_login", p)
}

func (s *Server) loginSubmit(w http.ResponseWriter, r *http.Request) {
	if !s.preSessionOK(r) {
		s.consoleFail(w, r, errCSRF)
		return
	}
	form := signInForm{Email: r.PostFormValue("email"), Next: safeNext(r.PostFormValue("next"))}
	in, err := s.identity.SignIn(r.Context(), form.Email, r.PostFormValue("password"), s.clientOf(r))
	if err != nil {
		st, msg, _ := s.formError(r, err)
		setRetryAfter(w, err)
		form.Error = msg
		p := s.consolePage(r, s.cat.T(s.locale(r), "console.login.title"), form)
		p.csrf = s.preSessionToken(w, r)
		s.renderStatus(w, r, st, "console_login", p)
		return
	}
	s.setSession(w, r, in)
	next := stagePath(in.Stage)
	switch {
	case in.Stage == identity.StageFull:
		next = form.Next
	case in.Stage == identity.StageTOTP && form.Next != "/console/":
		next += "?next=" + url.QueryEscape(form.Next) // the page asked for, after the code
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// pending returns the session of a sign-in step page when it is in one of
// the stages; otherwise it has answered (a redirect to where the session
// belongs, or 403 for a bad CSRF token on POST).
func (s *Server) pending(w http.ResponseWriter, r *http.Request, stages ...identity.Stage) (string, identity.Session, identity.Agent, bool) {
	tok := sessionToken(r)
	sess, a, err := s.identity.Session(r.Context(), tok)
	if err != nil {
		if desk.ErrorKind(err) != desk.KindUnauthorized {
			s.consoleFail(w, r, err)
		} else {
			http.Redirect(w, r, "/console/login", http.StatusSeeOther)
		}
		return "", sess, a, false
	}
	ok := false
	for _, st := range stages {
		ok = ok || sess.Stage == st
	}
	if !ok {
		http.Redirect(w, r, stagePath(sess.Stage), http.StatusSeeOther)
		return "", sess, a, false
	}
	if r.Method == http.MethodPost && !s.csrfOK(r, tok) {
		s.consoleFail(w, r, errCSRF)
		return "", sess, a, false
	}
	return tok, sess, a, true
}

func (s *Server) totpPage(w http.ResponseWriter, r *http.Request) {
	if _, _, _, ok := s.pending(w, r, identity.StageTOTP); !ok {
		return
	}
	form := signInForm{Next: safeNext(r.URL.Query().Get("next"))}
	s.renderConsole(w, r, "console_totp", s.consolePage(r, s.cat.T(s.locale(r), "console.totp.title"), form))
}

func (s *Server) totpSubmit(w http.ResponseWriter, r *http.Request) {
	tok, _, _, ok := s.pending(w, r, identity.StageTOTP)
	if !ok {
		return
	}
	next := safeNext(r.PostFormValue("next"))
	in, err := s.identity.SecondFactor(r.Context(), tok, r.PostFormValue("code"), s.clientOf(r))
	if err != nil {
		st, msg, _ := s.formError(r, err)
		setRetryAfter(w, err)
		s.renderStatus(w, r, st, "console_totp", s.consolePage(r, s.cat.T(s.locale(r), "console.totp.title"), signInForm{Error: msg, Next: next}))
		return
	}
	s.setSession(w, r, in)
	dest := stagePath(in.Stage)
	if in.Stage == identity.StageFull {
		dest = next
	}
	http.Redirect(w, r, dest, http.StatusSeeOther)
}

func (s *Server) enrollPage(w http.ResponseWriter, r *http.Request) {
	tok, _, a, ok := s.pending(w, r, identity.StageEnroll, identity.StageFull)
	if !ok {
		return
	}
	if a.TOTPEnabled {
		http.Redirect(w, r, "/console/account", http.StatusSeeOther)
		return
	}
	s.renderEnroll(w, r, tok, http.StatusOK, "")
}

func (s *Server) renderEnroll(w http.ResponseWriter, r *http.Request, tok string, st int, errMsg string) {
	e, err := s.identity.BeginEnrollment(r.Context(), tok)
	if err != nil {
		s.consoleFail(w, r, err)
		return
	}
	png, err := qrcode.Encode(e.URI, qrcode.Medium, 232)
	if err != nil {
		s.consoleFail(w, r, desk.Errorf(desk.KindInternal, "internal", "qr: %v", err))
		return
	}
	form := signInForm{
		// The data URI is built here from our own PNG bytes, so marking
		// it safe for src= is sound.
		QR:     template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(png)),
		Secret: groupSecret(e.SecretText),
		Error:  errMsg,
	}
	s.renderStatus(w, r, st, "console_enroll", s.consolePage(r, s.cat.T(s.locale(r), "console.enroll.title"), form))
}

// groupSecret writes a base32 secret in groups of four for typing.
func groupSecret(s string) string {
	var out []byte
	for i := 0; i < len(s); i++ {
		if i > 0 && i%4 == 0 {
			out = append(out, ' ')
		}
		out = append(out, s[i])
	}
	return string(out)
}

func (s *Server) enrollSubmit(w http.ResponseWriter, r *http.Request) {
	tok, _, a, ok := s.pending(w, r, identity.StageEnroll, identity.StageFull)
	if !ok {
		return
	}
	if a.TOTPEnabled {
		http.Redirect(w, r, "/console/account", http.StatusSeeOther)
		return
	}
	in, codes, err := s.identity.CompleteEnrollment(r.Context(), tok, r.PostFormValue("code"), s.clientOf(r))
	if err != nil {
		st, msg, _ := s.formError(r, err)
		s.renderEnroll(w, r, tok, st, msg)
		return
	}
	r = s.setSession(w, r, in)
	cont := stagePath(in.Stage)
	if in.Stage == identity.StageFull {
		r = withAgent(r, &in.Agent)
	}
	s.renderConsole(w, r, "console_enroll", s.consolePage(r, s.cat.T(s.locale(r), "console.enroll.done_title"),
		signInForm{RecoveryCodes: codes, Continue: cont}))
}

func (s *Server) passwordPage(w http.ResponseWriter, r *http.Request) {
	_, sess, a, ok := s.pending(w, r, identity.StagePassword, identity.StageFull)
	if !ok {
		return
	}
	if sess.Stage == identity.StageFull {
		r = withAgent(r, &a)
	}
	form := signInForm{NeedCurrent: sess.Stage == identity.StageFull, Invited: sess.Stage == identity.StagePassword}
	s.renderConsole(w, r, "console_password", s.consolePage(r, s.cat.T(s.locale(r), "console.password.title"), form))
}

func (s *Server) passwordSubmit(w http.ResponseWriter, r *http.Request) {
	tok, sess, a, ok := s.pending(w, r, identity.StagePassword, identity.StageFull)
	if !ok {
		return
	}
	form := signInForm{NeedCurrent: sess.Stage == identity.StageFull, Invited: sess.Stage == identity.StagePassword}
	next := r.PostFormValue("password")
	var in identity.SignIn
	var err error
	if next != r.PostFormValue("confirm") {
		err = desk.Invalid("invalid_input", map[string]string{"confirm": "passwords_differ"})
	} else {
		in, err = s.identity.ChangePassword(r.Context(), tok, r.PostFormValue("current"), next, s.clientOf(r))
	}
	if err != nil {
		if sess.Stage == identity.StageFull {
			r = withAgent(r, &a)
		}
		st, msg, fields := s.formError(r, err)
		form.Error, form.Fields = msg, fields
		s.renderStatus(w, r, st, "console_password", s.consolePage(r, s.cat.T(s.locale(r), "console.password.title"), form))
		return
	}
	s.setSession(w, r, in)
	dest := stagePath(in.Stage)
	if sess.Stage == identity.StageFull {
		dest = "/console/account?changed=password"
	}
	http.Redirect(w, r, dest, http.StatusSeeOther)
}

// logout ends the session from any stage (a pending step can be
// abandoned too).
func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	tok := sessionToken(r)
	if _, _, err := s.identity.Session(r.Context(), tok); err == nil {
		if !s.csrfOK(r, tok) {
			s.consoleFail(w, r, errCSRF)
			return
		}
		if err := s.identity.SignOut(r.Context(), tok, s.clientOf(r)); err != nil {
			s.consoleFail(w, r, err)
			return
		}
	}
	s.clearSession(w)
	http.Redirect(w, r, "/console/login", http.StatusSeeOther)
}
