package kb

import (
	"bytes"
	"html/template"
	"regexp"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/walletdesk/walletdesk/internal/desk"
)

// Rendered is an article ready to show and to index.
type Rendered struct {
	HTML     template.HTML // sanitized
	Plain    string        // text only, one block per line, for snippets and the index
	Headings []Heading
}

// Heading is an h2 of the article, for the table of contents.
type Heading struct {
	ID, Text string
}

// Renderer turns article Markdown into sanitized HTML. It is safe for
// concurrent use.
type Renderer struct {
	md     goldmark.Markdown
	policy *bluemonday.Policy
}

var calloutKinds = map[string]bool{"NOTE": true, "TIP": true, "WARNING": true, "IMPORTANT": true}

// calloutLabels are the titles shown on callout boxes.
var calloutLabels = map[desk.Locale]map[string]string{
	desk.English:  {"NOTE": "Note", "TIP": "Tip", "WARNING": "Warning", "IMPORTANT": "Important"},
	desk.Chinese:  {"NOTE": "说明", "TIP": "提示", "WARNING": "警告", "IMPORTANT": "重要"},
	desk.Japanese: {"NOTE": "補足", "TIP": "ヒント", "WARNING": "警告", "IMPORTANT": "重要"},
}

// NewRenderer builds the Markdown pipeline and the sanitizer policy.
func NewRenderer() *Renderer {
	md := goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)
	p := bluemonday.UGCPolicy()
	p.AllowAttrs("class").Matching(regexp.MustCompile(`^(callout|callout-(note|tip|warning|important)|callout-title|video-card|video)( [a-z-]+)*$`)).
		OnElements("blockquote", "p", "a", "strong")
	p.AllowAttrs("id").Matching(regexp.MustCompile(`^[\p{L}\p{N}_-]{1,80}$`)).OnElements("h2", "h3")
	p.AllowAttrs("loading").Matching(regexp.MustCompile(`^lazy$`)).OnElements("img")
	p.RequireNoFollowOnLinks(false)
	p.RequireNoFollowOnFullyQualifiedLinks(true)
	p.AddTargetBlankToFullyQualifiedLinks(true)
	return &Renderer{md: md, policy: p}
}

// Render converts a's Markdown for display in a's locale.
func (r *Renderer) Render(a Article) Rendered {
	src := []byte(a.Body)
	doc := r.md.Parser().Parse(text.NewReader(src))
	var headings []Heading
	var plain strings.Builder
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if n.Type() == ast.TypeBlock && n.Kind() != ast.KindDocument {
				plain.WriteByte('\n')
			}
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Blockquote:
			markCallout(n, src, a.Locale)
		case *ast.Link:
			n.Destination = []byte(resolveLink(string(n.Destination), a.Locale))
			markVideo(n, src)
		case *ast.Image:
			dest := string(n.Destination)
			if strings.HasPrefix(dest, "media/") {
				n.Destination = []byte("/" + dest)
			}
			n.SetAttributeString("loading", []byte("lazy"))
		case *ast.Heading:
			if n.Level == 2 {
				id, _ := n.AttributeString("id")
				idb, _ := id.([]byte)
				headings = append(headings, Heading{ID: string(idb), Text: nodeText(n, src)})
			}
		case *ast.Text:
			plain.Write(n.Segment.Value(src))
			if n.SoftLineBreak() || n.HardLineBreak() {
				plain.WriteByte(' ')
			}
		case *ast.String:
			plain.Write(n.Value)
		}
		return ast.WalkContinue, nil
	})
	var buf bytes.Buffer
	if err := r.md.Renderer().Render(&buf, src, doc); err != nil {
		// The renderer only fails on writer errors, which a bytes.Buffer has none of.
		buf.Reset()
	}
	return Rendered{
		HTML:     template.HTML(r.policy.SanitizeBytes(buf.Bytes())),
		Plain:    squeezeLines(plain.String()),
		Headings: headings,
	}
}

// resolveLink maps the content's own link forms to site URLs: kb:slug to the
// article in the reader's locale, and site-absolute paths (/requests/new) to
// the same path under the locale prefix.
func resolveLink(dest string, loc desk.Locale) string {
	switch {
	case strings.HasPrefix(dest, "kb:"):
		slug, frag, _ := strings.Cut(strings.TrimPrefix(dest, "kb:"), "#")
		u := ArticleURL(loc, slug)
		if frag != "" {
			u += "#" + frag
		}
		return u
	case strings.HasPrefix(dest, "/") && !strings.HasPrefix(dest, "//") && !strings.HasPrefix(dest, "/media/"):
		return "/" + string(loc) + dest
	}
	return dest
}

// ArticleURL is the path of an article page.
func ArticleURL(loc desk.Locale, slug string) string {
	return "/" + string(loc) + "/articles/" + slug
}

// markCallout turns a block quote that starts with [!KIND] into a callout box
// with a localized title.
func markCallout(bq *ast.Blockquote, src []byte, loc desk.Locale) {
	para, ok := bq.FirstChild().(*ast.Paragraph)
	if !ok || para.Lines().Len() == 0 {
		return
	}
	first := para.Lines().At(0)
	line := strings.TrimSpace(string(first.Value(src)))
	if !strings.HasPrefix(line, "[!") || !strings.HasSuffix(line, "]") {
		return
	}
	kind := strings.ToUpper(line[2 : len(line)-1])
	if !calloutKinds[kind] {
		return
	}
	// Drop the inline nodes that come from the marker line.
	for c := para.FirstChild(); c != nil; {
		next := c.NextSibling()
		if t, ok := c.(*ast.Text); ok && t.Segment.Start < first.Stop {
			para.RemoveChild(para, c)
		} else {
			break
		}
		c = next
	}
	bq.SetAttributeString("class", []byte("callout callout-"+strings.ToLower(kind)))
	labels := calloutLabels[loc]
	if labels == nil {
		labels = calloutLabels[desk.English]
	}
	title := ast.NewParagraph()
	title.SetAttributeString("class", []byte("callout-title"))
	title.AppendChild(title, ast.NewString([]byte(labels[kind])))
	bq.InsertBefore(bq, para, title)
	if para.ChildCount() == 0 {
		bq.RemoveChild(bq, para)
	}
}

// markVideo styles a paragraph that holds only a "▶ ..." link as a video card.
func markVideo(l *ast.Link, src []byte) {
	p, ok := l.Parent().(*ast.Paragraph)
	if !ok || p.ChildCount() != 1 {
		return
	}
	if !strings.HasPrefix(nodeText(l, src), "▶") {
		return
	}
	l.SetAttributeString("class", []byte("video-card"))
	p.SetAttributeString("class", []byte("video"))
}

func nodeText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch t := c.(type) {
			case *ast.Text:
				b.Write(t.Segment.Value(src))
			case *ast.String:
				b.Write(t.Value)
			}
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

func squeezeLines(s string) string {
	lines := strings.Split(s, "\n")
	out := lines[:0]
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
