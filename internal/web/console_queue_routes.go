package web

import (
	"net/http"

	"github.com/walletdesk/walletdesk/internal/identity"
)

// queueRoutes registers the request pages, the macros pages, the live
// event stream and the agent API. The queue itself is consoleHome
// (GET /console/, registered with the console's own routes). Every page
// works as plain HTML forms; console_queue.js adds live updates, the S1
// alert, macro and article insertion, the preview and keyboard shortcuts.
func (s *Server) queueRoutes(mux *http.ServeMux) {
	if s.queue == nil {
		return
	}
	need := func(p identity.Permission, h http.HandlerFunc) http.Handler { return s.requireAgent(p, h) }
	read := identity.PermTicketRead
	// Finer permissions (reply or note, assign self or others) are checked
	// by the handlers, which know what is asked.
	mux.Handle("GET /console/events", s.requireAgentInBackground(read, s.consoleEvents))
	mux.Handle("GET /console/tickets/{id}", need(read, s.ticketView))
	mux.Handle("POST /console/tickets/{id}/reply", need(read, s.ticketReply))
	mux.Handle("POST /console/tickets/{id}/status", need(identity.PermTicketStatus, s.ticketStatus))
	mux.Handle("POST /console/tickets/{id}/severity", need(identity.PermTicketSeverity, s.ticketSeverity))
	mux.Handle("POST /console/tickets/{id}/assign", need(read, s.ticketAssign))
	mux.Handle("POST /console/tickets/{id}/unassign", need(read, s.ticketUnassign))
	mux.Handle("POST /console/tickets/{id}/merge", need(identity.PermTicketMerge, s.ticketMerge))
	mux.Handle("POST /console/api/tickets/{id}/preview", need(read, s.consolePreview))
	mux.Handle("GET /console/api/tickets/{id}/macros/{macro}", need(identity.PermMacroUse, s.consoleMacro))
	if s.queue.macros != nil {
		manage := func(h http.HandlerFunc) http.Handler { return s.requireAgent(identity.PermMacroManage, h) }
		mux.Handle("GET /console/macros", need(identity.PermMacroUse, s.macrosList))
		mux.Handle("GET /console/macros/new", manage(s.macroNew))
		mux.Handle("POST /console/macros", manage(s.macroCreate))
		mux.Handle("GET /console/macros/{id}", manage(s.macroEdit))
		mux.Handle("POST /console/macros/{id}", manage(s.macroUpdate))
		mux.Handle("POST /console/macros/{id}/archive", manage(s.macroArchive(true)))
		mux.Handle("POST /console/macros/{id}/restore", manage(s.macroArchive(false)))
	}

	apiRead := func(h http.HandlerFunc) http.Handler {
		return s.limit(classAPIRead, s.requireAPIToken(identity.ScopeTicketsRead, h))
	}
	apiWrite := func(h http.HandlerFunc) http.Handler {
		return s.limit(classWrite, s.requireAPIToken(identity.ScopeTicketsWrite, h))
	}
	mux.Handle("GET /api/v1/agent/tickets", apiRead(s.apiQueue))
	mux.Handle("GET /api/v1/agent/tickets/{id}", apiRead(s.apiTicket))
	mux.Handle("POST /api/v1/agent/tickets/{id}/messages", apiWrite(s.apiAgentMessage))
	mux.Handle("PATCH /api/v1/agent/tickets/{id}", apiWrite(s.apiPatchTicket))
}
