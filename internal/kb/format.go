package kb

import (
	"bytes"

	"gopkg.in/yaml.v3"
)

// Format writes a as a Markdown file with front matter, the inverse of
// Parse: Parse(Format(a)) gives back a's content.
func Format(a Article) ([]byte, error) {
	fm := frontMatter{
		Slug: a.Slug, Locale: string(a.Locale), Category: string(a.Category), Title: a.Title,
		Summary: a.Summary, Keywords: a.Keywords, Updated: a.Date, Related: a.Related, Order: a.Order,
	}
	if a.Status != Published {
		fm.Status = string(a.Status)
	}
	var buf bytes.Buffer
	buf.WriteString("---\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(fm); err != nil {
		return nil, err
	}
	enc.Close()
	buf.WriteString("---\n")
	buf.WriteString(a.Body)
	return buf.Bytes(), nil
}
