package kb

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/walletdesk/walletdesk/internal/desk"
)

// Limits on imported content, so that a bad file cannot exhaust memory or the index.
const (
	maxArticleBytes = 256 << 10
	maxTitleRunes   = 200
	maxSummaryRunes = 600
	maxKeywords     = 80
)

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

type frontMatter struct {
	Slug     string   `yaml:"slug"`
	Locale   string   `yaml:"locale"`
	Category string   `yaml:"category"`
	Title    string   `yaml:"title"`
	Summary  string   `yaml:"summary,omitempty"`
	Keywords []string `yaml:"keywords,flow,omitempty"`
	Updated  string   `yaml:"updated,omitempty"`
	Related  []string `yaml:"related,flow,omitempty"`
	Order    int      `yaml:"order,omitempty"`
	Status   string   `yaml:"status,omitempty"`
}

// Parse reads one Markdown file with YAML front matter.
func Parse(data []byte) (Article, error) {
	if len(data) > maxArticleBytes {
		return Article{}, fmt.Errorf("article is %d bytes, over the %d limit", len(data), maxArticleBytes)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	if !bytes.HasPrefix(data, []byte("---\n")) {
		return Article{}, fmt.Errorf("missing front matter (the file must start with ---)")
	}
	rest := data[4:]
	end := bytes.Index(rest, []byte("\n---\n"))
	if end < 0 {
		if bytes.HasSuffix(rest, []byte("\n---")) {
			end = len(rest) - 4
		} else {
			return Article{}, fmt.Errorf("front matter is not closed by ---")
		}
	}
	var fm frontMatter
	dec := yaml.NewDecoder(bytes.NewReader(rest[:end]))
	dec.KnownFields(true)
	if err := dec.Decode(&fm); err != nil {
		return Article{}, fmt.Errorf("front matter: %w", err)
	}
	body := ""
	if end+5 <= len(rest) {
		body = string(rest[end+5:])
	}
	a := Article{
		Slug:     strings.TrimSpace(fm.Slug),
		Category: Category(strings.TrimSpace(fm.Category)),
		Title:    strings.TrimSpace(fm.Title),
		Summary:  strings.TrimSpace(fm.Summary),
		Keywords: cleanList(fm.Keywords),
		Body:     strings.TrimSpace(body) + "\n",
		Related:  cleanList(fm.Related),
		Order:    fm.Order,
		Date:     strings.TrimSpace(fm.Updated),
		Status:   Status(strings.TrimSpace(fm.Status)),
	}
	if a.Status == "" {
		a.Status = Published
	}
	loc, ok := desk.ParseLocale(fm.Locale)
	if !ok {
		return Article{}, fmt.Errorf("locale %q is not supported (use one of %v)", fm.Locale, desk.Locales)
	}
	a.Locale = loc
	return a, a.Validate()
}

// Validate checks one article on its own; LoadFS checks the links between them.
func (a Article) Validate() error {
	var problems []string
	if !slugPattern.MatchString(a.Slug) {
		problems = append(problems, fmt.Sprintf("slug %q must be lower-case letters, digits and dashes", a.Slug))
	}
	if !a.Locale.Valid() {
		problems = append(problems, fmt.Sprintf("locale %q is not supported", a.Locale))
	}
	if !a.Category.Valid() {
		problems = append(problems, fmt.Sprintf("category %q is not one of %v", a.Category, Categories))
	}
	if a.Title == "" || len([]rune(a.Title)) > maxTitleRunes {
		problems = append(problems, fmt.Sprintf("title must have 1 to %d characters", maxTitleRunes))
	}
	if len([]rune(a.Summary)) > maxSummaryRunes {
		problems = append(problems, fmt.Sprintf("summary is over %d characters", maxSummaryRunes))
	}
	if len(a.Keywords) > maxKeywords {
		problems = append(problems, fmt.Sprintf("%d keywords, over the %d limit", len(a.Keywords), maxKeywords))
	}
	if a.Date != "" {
		if _, err := time.Parse("2006-01-02", a.Date); err != nil {
			problems = append(problems, fmt.Sprintf("updated %q is not a YYYY-MM-DD date", a.Date))
		}
	}
	if a.Status != Published && a.Status != Draft {
		problems = append(problems, fmt.Sprintf("status %q must be published or draft", a.Status))
	}
	for _, r := range a.Related {
		if !slugPattern.MatchString(r) {
			problems = append(problems, fmt.Sprintf("related slug %q is malformed", r))
		}
	}
	if strings.TrimSpace(a.Body) == "" {
		problems = append(problems, "body is empty")
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s", strings.Join(problems, "; "))
	}
	return nil
}

func cleanList(in []string) []string {
	out := make([]string, 0, len(in))
	seen := make(map[string]bool, len(in))
	for _, s := range in {
		s = strings.TrimSpace(s)
		if s == "" || seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	return out
}

// LoadFS reads every kb/<locale>/<slug>.md under root and checks that file
// names match front matter and that related slugs exist. Errors name the file.
func LoadFS(fsys fs.FS) ([]Article, error) {
	var arts []Article
	var problems []string
	for _, loc := range desk.Locales {
		dir := path.Join("kb", string(loc))
		entries, err := fs.ReadDir(fsys, dir)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			return nil, err
		}
		for _, e := range entries {
			if e.IsDir() || !strings.HasSuffix(e.Name(), ".md") {
				continue
			}
			name := path.Join(dir, e.Name())
			b, err := fs.ReadFile(fsys, name)
			if err != nil {
				return nil, err
			}
			a, err := Parse(b)
			if err != nil {
				problems = append(problems, name+": "+err.Error())
				continue
			}
			if a.Slug+".md" != e.Name() {
				problems = append(problems, fmt.Sprintf("%s: slug %q does not match the file name", name, a.Slug))
			}
			if a.Locale != loc {
				problems = append(problems, fmt.Sprintf("%s: locale %q does not match the folder", name, a.Locale))
			}
			arts = append(arts, a)
		}
	}
	slugs := map[string]bool{}
	for _, a := range arts {
		slugs[a.Slug] = true
	}
	for _, a := range arts {
		for _, r := range a.Related {
			if !slugs[r] {
				problems = append(problems, fmt.Sprintf("kb/%s/%s.md: related slug %q does not exist", a.Locale, a.Slug, r))
			}
		}
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		return nil, fmt.Errorf("invalid content:\n  %s", strings.Join(problems, "\n  "))
	}
	sort.Slice(arts, func(i, j int) bool {
		if arts[i].Locale != arts[j].Locale {
			return arts[i].Locale < arts[j].Locale
		}
		return arts[i].Slug < arts[j].Slug
	})
	return arts, nil
}
