package web

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"
)

type localeKey struct{}

const localeCookie = "wd_locale"

// locale resolves the reader's locale in the documented order: explicit
// parameter, URL prefix, cookie, Accept-Language, English. A handler that
// learned the locale otherwise (from a JSON body) stores it in the context.
func (s *Server) locale(r *http.Request) desk.Locale {
	if l, ok := r.Context().Value(localeKey{}).(desk.Locale); ok {
		return l
	}
	if l, ok := desk.ParseLocale(r.URL.Query().Get("locale")); ok {
		return l
	}
	if l, ok := pathLocale(r.URL.Path); ok {
		return l
	}
	if c, err := r.Cookie(localeCookie); err == nil {
		if l, ok := desk.ParseLocale(c.Value); ok {
			return l
		}
	}
	if l, ok := s.cat.FromAcceptLanguage(r.Header.Get("Accept-Language")); ok {
		return l
	}
	return desk.DefaultLocale
}

func pathLocale(path string) (desk.Locale, bool) {
	seg, _, _ := strings.Cut(strings.TrimPrefix(path, "/"), "/")
	for _, l := range desk.Locales {
		if seg == string(l) {
			return l, true
		}
	}
	return "", false
}

func withLocale(r *http.Request, l desk.Locale) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), localeKey{}, l))
}

// inLocale serves a page of the /<locale>/ tree. Visiting a locale's pages
// remembers it in a cookie, so that "/" later lands in the same language.
func (s *Server) inLocale(l desk.Locale, h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if c, err := r.Cookie(localeCookie); err != nil || c.Value != string(l) {
			http.SetCookie(w, &http.Cookie{
				Name: localeCookie, Value: string(l), Path: "/", MaxAge: int((365 * 24 * time.Hour).Seconds()),
				HttpOnly: true, Secure: s.cfg.Secure, SameSite: http.SameSiteLaxMode,
			})
		}
		h(w, withLocale(r, l))
	})
}

// rootRedirect sends "/" to the home page of the negotiated locale.
func (s *Server) rootRedirect(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Vary", "Accept-Language, Cookie")
	http.Redirect(w, r, "/"+string(s.locale(r))+"/", http.StatusFound)
}
