package web

import "net/http"

// consoleHome is a placeholder for the queue, which the queue engineer
// replaces (with console_home.html): it only greets the agent so that
// sign-in has somewhere to land.
func (s *Server) consoleHome(w http.ResponseWriter, r *http.Request) {
	s.renderConsole(w, r, "console_home", s.consolePage(r, s.cat.T(s.locale(r), "console.nav.queue"), nil))
}
