package web

import "net/http"

// articleRoutes registers the help-center editing and analytics pages.
// (Filled in by the console articles work.)
func (s *Server) articleRoutes(mux *http.ServeMux) {}
