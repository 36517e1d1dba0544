package web

import "net/http"

// queueRoutes registers the queue, request and macro pages and the agent
// API. (Filled in by the console queue work.)
func (s *Server) queueRoutes(mux *http.ServeMux) {}
