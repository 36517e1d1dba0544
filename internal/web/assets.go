package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
)

//go:embed static
var staticFiles embed.FS

// assets serves the embedded static files under URLs that carry a hash of
// their content (/static/<hash>/app.css), so they can be cached forever and
// a new release is never served stale.
type assets struct {
	byName map[string]asset // "app.css" -> asset
	byURL  map[string]asset
}

type asset struct {
	url  string
	body []byte
	ct   string
}

func loadAssets() (*assets, error) {
	a := &assets{byName: map[string]asset{}, byURL: map[string]asset{}}
	err := fs.WalkDir(staticFiles, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := staticFiles.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		name := strings.TrimPrefix(p, "static/")
		as := asset{url: "/static/" + hex.EncodeToString(sum[:6]) + "/" + name, body: b, ct: mime.TypeByExtension(path.Ext(name))}
		if as.ct == "" {
			as.ct = "application/octet-stream"
		}
		a.byName[name] = as
		a.byURL[as.url] = as
		return nil
	})
	return a, err
}

// url returns the hashed URL of a static file; templates call it through
// page.Asset, so a missing file fails template checks at start.
func (a *assets) url(name string) (string, error) {
	as, ok := a.byName[name]
	if !ok {
		return "", fmt.Errorf("no static file %q", name)
	}
	return as.url, nil
}

func (a *assets) serve(w http.ResponseWriter, r *http.Request) {
	as, ok := a.byURL[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", as.ct)
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Write(as.body)
}

// ContentFiles is the help-center content (for article images).
type ContentFiles = fs.FS

// serveMedia serves images referenced by articles from content/media.
func (s *Server) serveMedia(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	if s.media == nil || strings.Contains(name, "/") || strings.HasPrefix(name, ".") {
		http.NotFound(w, r)
		return
	}
	b, err := fs.ReadFile(s.media, "media/"+name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	ct := mime.TypeByExtension(path.Ext(name))
	if ct == "" || !(strings.HasPrefix(ct, "image/")) {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Cache-Control", "public, max-age=3600")
	// SVG can carry script; this policy keeps it inert even if opened directly.
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox")
	w.Write(b)
}
