package web

import (
	"net/http"

	"github.com/walletdesk/walletdesk/internal/desk"
)

// routes assembles the route tables of every surface under the shared
// middleware.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	s.opsRoutes(mux)
	s.helpRoutes(mux)
	s.apiRoutes(mux)
	s.consoleRoutes(mux)
	var h http.Handler = mux
	h = s.bodyLimit(h)
	h = s.securityHeaders(h)
	h = s.recoverPanics(h)
	h = s.instrument(h)
	return h
}

// opsRoutes: health, metrics, static files.
func (s *Server) opsRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.Handle("GET /metrics", s.metrics.handler())
	mux.HandleFunc("GET /static/", s.assets.serve)
	mux.HandleFunc("GET /media/{name}", s.serveMedia)
	mux.HandleFunc("GET /robots.txt", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte("User-agent: *\nDisallow: /api/\nDisallow: /console/\nDisallow: /requests/\n"))
	})
}

// helpRoutes: the public help center, one tree per locale.
func (s *Server) helpRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /{$}", s.rootRedirect)
	mux.HandleFunc("/", s.notFound)
	for _, l := range desk.Locales {
		p := "/" + string(l)
		mux.Handle("GET "+p+"/{$}", s.inLocale(l, s.helpHome))
		mux.Handle("GET "+p+"/categories/{category}", s.inLocale(l, s.helpCategory))
		mux.Handle("GET "+p+"/articles/{slug}", s.inLocale(l, s.helpArticle))
		mux.Handle("POST "+p+"/articles/{slug}/feedback", s.limit(classWrite, s.inLocale(l, s.helpFeedback)))
		mux.Handle("GET "+p+"/search", s.inLocale(l, s.helpSearch))
		mux.Handle("GET "+p+"/requests/new", s.inLocale(l, s.requestNew))
		mux.Handle("GET "+p+"/tools/tx", s.inLocale(l, s.toolsTx))
		mux.Handle("POST "+p+"/requests", s.limit(classCreate, s.inLocale(l, s.requestCreate)))
		mux.Handle("GET "+p+"/requests/{id}", s.limit(classAPIRead, s.inLocale(l, s.requestPage)))
		mux.Handle("POST "+p+"/requests/{id}/reply", s.limit(classWrite, s.inLocale(l, s.requestReply)))
		mux.Handle("GET "+p, http.RedirectHandler(p+"/", http.StatusMovedPermanently))
	}
}

// apiRoutes: the JSON API for the wallet app.
func (s *Server) apiRoutes(mux *http.ServeMux) {
	read := func(h http.HandlerFunc) http.Handler { return s.limit(classAPIRead, h) }
	write := func(h http.HandlerFunc) http.Handler { return s.limit(classWrite, h) }
	mux.Handle("GET /api/v1/kb/search", read(s.apiSearch))
	mux.Handle("GET /api/v1/kb/suggest", read(s.apiSuggest))
	mux.Handle("GET /api/v1/kb/categories", read(s.apiCategories))
	mux.Handle("GET /api/v1/kb/articles/{slug}", read(s.apiArticle))
	mux.Handle("POST /api/v1/kb/articles/{slug}/feedback", write(s.apiFeedback))
	mux.Handle("POST /api/v1/kb/deflections", write(s.apiDeflection))
	mux.Handle("POST /api/v1/triage", s.limit(classTriage, http.HandlerFunc(s.apiTriage)))
	mux.Handle("POST /api/v1/tickets", s.limit(classCreate, http.HandlerFunc(s.apiCreateTicket)))
	mux.Handle("GET /api/v1/tickets/{id}", read(s.apiGetTicket))
	mux.Handle("POST /api/v1/diagnose/tx", s.limit(classDiagnose, http.HandlerFunc(s.apiDiagnoseTx)))
	mux.Handle("POST /api/v1/tickets/{id}/messages", write(s.apiTicketReply))
	mux.HandleFunc("/api/", s.notFound)
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	if err := s.ready(r.Context()); err != nil {
		s.log.Warn("not ready", "err", err)
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.fail(w, r, desk.ErrNotFound)
}
