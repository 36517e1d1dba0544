package ticket

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/walletdesk/walletdesk/internal/desk"
)

// Limits on a macro.
const (
	MaxMacroNameRunes = 100
	MaxMacroTags      = 10
	MaxMacroTagRunes  = 32
)

// Macro is a canned reply with one body per locale. The body in the
// requester's locale is used, English when there is none, so English is
// required.
type Macro struct {
	ID         int64
	StarterKey string // the built-in macro it came from; "" for the team's own
	Name       string
	Tags       []string
	Bodies     map[desk.Locale]string // Markdown with placeholders
	Archived   bool
	CreatedAt  time.Time
	CreatedBy  string
	UpdatedAt  time.Time
	UpdatedBy  string
}

// MacroStore keeps macros (package store). Macros are archived, never
// deleted.
type MacroStore interface {
	// Macros lists macros by name; archived ones only when asked.
	Macros(ctx context.Context, archived bool) ([]Macro, error)
	// Macro returns one macro or desk.ErrNotFound.
	Macro(ctx context.Context, id int64) (Macro, error)
	// CreateMacro inserts m and sets its ID.
	CreateMacro(ctx context.Context, m *Macro) error
	// UpdateMacro replaces the name, tags, bodies, archived flag and
	// updated fields of m.ID; desk.ErrNotFound when it does not exist.
	UpdateMacro(ctx context.Context, m Macro) error
	// SeedMacros inserts the macros whose StarterKey is not stored yet,
	// archived or not, and returns how many it inserted.
	SeedMacros(ctx context.Context, ms []Macro) (int, error)
}

// Macros manages canned replies.
type Macros struct {
	store    MacroStore
	redactor Redactor
	articles Articles // nil: article placeholders are not checked
	now      func() time.Time
}

// NewMacros wires the macro service. articles may be nil.
func NewMacros(st MacroStore, r Redactor, a Articles) *Macros {
	return &Macros{store: st, redactor: r, articles: a, now: time.Now}
}

// SetClock replaces the clock (tests).
func (m *Macros) SetClock(now func() time.Time) { m.now = now }

// List returns the macros by name, archived ones only when asked.
func (m *Macros) List(ctx context.Context, archived bool) ([]Macro, error) {
	return m.store.Macros(ctx, archived)
}

// Get returns one macro.
func (m *Macros) Get(ctx context.Context, id int64) (Macro, error) { return m.store.Macro(ctx, id) }

// Create validates and stores a new macro written by `by` (an actor such
// as "agent:7").
func (m *Macros) Create(ctx context.Context, in Macro, by string) (Macro, error) {
	in.normalize()
	if err := m.validate(in); err != nil {
		return Macro{}, err
	}
	now := m.now()
	in.ID, in.StarterKey, in.Archived = 0, "", false
	in.CreatedAt, in.CreatedBy, in.UpdatedAt, in.UpdatedBy = now, by, now, by
	if err := m.store.CreateMacro(ctx, &in); err != nil {
		return Macro{}, err
	}
	return in, nil
}

// Update replaces a macro's name, tags and bodies.
func (m *Macros) Update(ctx context.Context, in Macro, by string) (Macro, error) {
	in.normalize()
	if err := m.validate(in); err != nil {
		return Macro{}, err
	}
	cur, err := m.store.Macro(ctx, in.ID)
	if err != nil {
		return Macro{}, err
	}
	cur.Name, cur.Tags, cur.Bodies = in.Name, in.Tags, in.Bodies
	cur.UpdatedAt, cur.UpdatedBy = m.now(), by
	if err := m.store.UpdateMacro(ctx, cur); err != nil {
		return Macro{}, err
	}
	return cur, nil
}

// SetArchived archives a macro (it leaves the pickers) or brings it back.
func (m *Macros) SetArchived(ctx context.Context, id int64, archived bool, by string) (Macro, error) {
	cur, err := m.store.Macro(ctx, id)
	if err != nil {
		return Macro{}, err
	}
	if cur.Archived == archived {
		return cur, nil
	}
	cur.Archived, cur.UpdatedAt, cur.UpdatedBy = archived, m.now(), by
	if err := m.store.UpdateMacro(ctx, cur); err != nil {
		return Macro{}, err
	}
	return cur, nil
}

// Seed stores the built-in macros not stored yet (first start, or a new
// release with new ones). A built-in macro the team archived stays
// archived.
func (m *Macros) Seed(ctx context.Context) (int, error) {
	now := m.now()
	ms := StarterMacros()
	for i := range ms {
		ms[i].CreatedAt, ms[i].UpdatedAt = now, now
		ms[i].CreatedBy, ms[i].UpdatedBy = "built-in", "built-in"
	}
	return m.store.SeedMacros(ctx, ms)
}

func (in *Macro) normalize() {
	in.Name = strings.TrimSpace(in.Name)
	var tags []string
	seen := map[string]bool{}
	for _, t := range in.Tags {
		t = strings.ToLower(strings.TrimSpace(t))
		if t != "" && !seen[t] {
			seen[t] = true
			tags = append(tags, t)
		}
	}
	in.Tags = tags
	bodies := make(map[desk.Locale]string, len(in.Bodies))
	for loc, b := range in.Bodies {
		if b = strings.TrimSpace(b); b != "" {
			bodies[loc] = b
		}
	}
	in.Bodies = bodies
}

// validate checks a normalized macro and reports every problem at once.
func (m *Macros) validate(in Macro) error {
	f := map[string]string{}
	checkText(f, "name", in.Name, MaxMacroNameRunes)
	if len(in.Tags) > MaxMacroTags {
		f["tags"] = "too_many"
	}
	for _, t := range in.Tags {
		if utf8.RuneCountInString(t) > MaxMacroTagRunes || strings.ContainsAny(t, ",\n") || !utf8.ValidString(t) {
			f["tags"] = "invalid"
		}
	}
	if in.Bodies[desk.English] == "" {
		f["body.en"] = "required"
	}
	for loc, body := range in.Bodies {
		key := "body." + string(loc)
		if !loc.Valid() {
			f[key] = "locale_unsupported"
			continue
		}
		if checkText(f, key, body, MaxBodyRunes); f[key] != "" {
			continue
		}
		if code := m.checkBody(body); code != "" {
			f[key] = code
		}
	}
	if len(f) > 0 {
		return desk.Invalid("invalid_macro", f)
	}
	return nil
}

// checkBody returns the code of what is wrong with a body, "" when fine:
// placeholders must be known and closed, articles must exist, and a
// canned reply must never carry a secret.
func (m *Macros) checkBody(body string) string {
	parts, err := parseMacro(body)
	if err != "" {
		return err
	}
	for _, p := range parts {
		if p.slug != "" && m.articles != nil {
			if _, ok := m.articles.Lookup(p.slug, desk.English); !ok {
				return "article_unknown"
			}
		}
	}
	if m.redactor != nil && m.redactor.Redact(body).Redacted() {
		return "contains_secret"
	}
	return ""
}
