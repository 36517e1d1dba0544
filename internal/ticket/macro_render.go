package ticket

import (
	"context"
	"regexp"
	"strconv"
	"strings"

	"github.com/walletdesk/walletdesk/internal/desk"
)

// Placeholders a macro body may use.
const (
	PhRequesterEmail = "requester.email"
	PhRequesterName  = "requester.name" // the email's local part when no name is known
	PhTicketID       = "ticket.id"
	PhAgentName      = "agent.name"
	phArticlePrefix  = "article:" // {{article:slug}}: a link to the article in the requester's locale
)

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// macroPart is literal text, or a placeholder (name, and slug for an
// article).
type macroPart struct {
	text string
	name string
	slug string
}

// parseMacro splits a body into text and placeholders. It returns a code
// when a placeholder is unclosed or unknown.
func parseMacro(body string) ([]macroPart, string) {
	var out []macroPart
	for {
		i := strings.Index(body, "{{")
		if i < 0 {
			if body != "" {
				out = append(out, macroPart{text: body})
			}
			return out, ""
		}
		if i > 0 {
			out = append(out, macroPart{text: body[:i]})
		}
		rest := body[i+2:]
		j := strings.Index(rest, "}}")
		if j < 0 || strings.ContainsAny(rest[:j], "{\n") {
			return nil, "placeholder_unclosed"
		}
		name := strings.TrimSpace(rest[:j])
		p := macroPart{name: name}
		switch {
		case name == PhRequesterEmail || name == PhRequesterName || name == PhTicketID || name == PhAgentName:
		case strings.HasPrefix(name, phArticlePrefix) && slugRE.MatchString(strings.TrimPrefix(name, phArticlePrefix)):
			p.slug = strings.TrimPrefix(name, phArticlePrefix)
		default:
			return nil, "placeholder_unknown"
		}
		out = append(out, p)
		body = rest[j+2:]
	}
}

// MacroVars are the values of placeholders that the ticket does not hold.
type MacroVars struct {
	RequesterName string // "": the local part of the requester's email
	AgentName     string
}

// RenderedMacro is a macro filled in for one ticket, ready to be edited
// and sent as an agent reply.
type RenderedMacro struct {
	Locale desk.Locale // the body's locale: the requester's, or English
	Body   string      // Markdown; article links use the kb: form
}

// Render fills in macro id for ticket t.
func (m *Macros) Render(ctx context.Context, id int64, t Ticket, v MacroVars) (RenderedMacro, error) {
	mac, err := m.store.Macro(ctx, id)
	if err != nil {
		return RenderedMacro{}, err
	}
	return RenderMacro(mac, t, v, m.articles)
}

// RenderMacro fills in a macro for ticket t in the requester's locale
// (English when the macro has no body in it). Article placeholders become
// Markdown links of the kb:slug form, titled in that locale when articles
// is given; the help center's renderer resolves them for the reader.
// Inserted values are escaped so that an email address or a name cannot
// turn into Markdown.
func RenderMacro(mac Macro, t Ticket, v MacroVars, articles Articles) (RenderedMacro, error) {
	loc := t.Locale
	body, ok := mac.Bodies[loc]
	if !ok || body == "" {
		loc, body = desk.English, mac.Bodies[desk.English]
	}
	parts, code := parseMacro(body)
	if code != "" {
		return RenderedMacro{}, desk.Invalid("invalid_macro", map[string]string{"body." + string(loc): code})
	}
	name := v.RequesterName
	if strings.TrimSpace(name) == "" {
		name, _, _ = strings.Cut(t.Email, "@")
	}
	var b strings.Builder
	for _, p := range parts {
		switch {
		case p.name == "":
			b.WriteString(p.text)
		case p.name == PhRequesterEmail:
			b.WriteString(escapeMarkdown(t.Email))
		case p.name == PhRequesterName:
			b.WriteString(escapeMarkdown(strings.TrimSpace(name)))
		case p.name == PhTicketID:
			b.WriteString(strconv.FormatInt(t.ID, 10))
		case p.name == PhAgentName:
			b.WriteString(escapeMarkdown(strings.TrimSpace(v.AgentName)))
		case p.slug != "":
			title := p.slug
			if articles != nil {
				if a, ok := articles.Lookup(p.slug, loc); ok && a.Title != "" {
					title = a.Title
				}
			}
			b.WriteString("[" + escapeMarkdown(title) + "](kb:" + p.slug + ")")
		}
	}
	return RenderedMacro{Locale: loc, Body: b.String()}, nil
}

var markdownEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`, `<`, `\<`, `>`, `\>`, `#`, `\#`, `|`, `\|`, "\n", " ", "\r", " ",
)

func escapeMarkdown(s string) string { return markdownEscaper.Replace(s) }
