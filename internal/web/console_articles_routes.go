package web

import (
	"net/http"
	"strings"

	"github.com/walletdesk/walletdesk/internal/identity"
)

// articleRoutes registers the help-center editing and analytics pages.
// Every page works as plain HTML forms; console_articles.js only adds the
// live preview and shortcuts.
func (s *Server) articleRoutes(mux *http.ServeMux) {
	if s.editor != nil {
		edit := func(h http.HandlerFunc) http.Handler { return s.requireAgent(identity.PermArticleEdit, h) }
		mux.Handle("GET /console/articles", edit(s.articlesList))
		mux.Handle("GET /console/articles/new", edit(s.articleNew))
		mux.Handle("POST /console/articles", edit(s.articleCreate))
		mux.Handle("POST /console/articles/preview", edit(s.articlePreview))
		mux.Handle("GET /console/articles/{slug}/{locale}", edit(s.articleEdit))
		mux.Handle("POST /console/articles/{slug}/{locale}", edit(s.articleSubmit))
		mux.Handle("POST /console/articles/{slug}/{locale}/restore", edit(s.articleRestore))
		mux.Handle("POST /console/articles/{slug}/{locale}/make-source", edit(s.articleMakeSource))
		mux.Handle("GET /console/articles/{slug}/{locale}/history", edit(s.articleHistory))
		mux.Handle("GET /console/articles/{slug}/{locale}/versions/{n}", edit(s.articleVersion))
		mux.Handle("GET /console/articles/{slug}/{locale}/diff", edit(s.articleDiff))
	}
	if s.analytics != nil {
		// Editors and supervisors both read it: requireAgent takes one
		// permission, so the handler checks for either.
		mux.Handle("GET /console/analytics", s.requireAgent("", s.analyticsPage))
	}
}

// articleFormBytes bounds the editor's form posts: an article may hold
// 256 KiB of Markdown (kb's limit), and form encoding turns one CJK
// character (3 bytes) into 9.
const articleFormBytes = 1 << 20

// bodyLimitFor is the body limit of r: the usual one, or the editor's.
func (s *Server) bodyLimitFor(r *http.Request) int64 {
	if s.editor != nil && r.Method == http.MethodPost && strings.HasPrefix(r.URL.Path, "/console/articles") {
		return max(s.cfg.MaxBodyBytes, articleFormBytes)
	}
	return s.cfg.MaxBodyBytes
}
