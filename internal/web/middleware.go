package web

import (
	"net/http"
	"runtime/debug"

	"github.com/walletdesk/walletdesk/internal/desk"
)

// contentSecurityPolicy allows nothing inline and nothing from elsewhere:
// every script and style is a hashed file of ours.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

func (s *Server) securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		if s.cfg.Secure {
			h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
		}
		next.ServeHTTP(w, r)
	})
}

// recoverPanics turns a handler panic into a 500 with the usual error shape
// and logs the stack, instead of dropping the connection.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("panic", "route", r.Pattern, "value", v, "stack", string(debug.Stack()))
				s.fail(w, r, desk.Errorf(desk.KindInternal, "internal", "panic: %v", v))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// bodyLimit bounds every request body, whatever the handler does with it.
func (s *Server) bodyLimit(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		limit := s.bodyLimitFor(r)
		if r.Body != nil && r.ContentLength > limit {
			s.fail(w, r, &desk.Error{Kind: desk.KindTooLarge, Code: "too_large"})
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		next.ServeHTTP(w, r)
	})
}
