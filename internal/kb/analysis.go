package kb

import (
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/textindex"
)

// Analyzer names registered in every index mapping.
const (
	analyzerText    = textindex.Text
	analyzerUnigram = textindex.Unigram
)

// Document fields. Titles and keywords carry more weight than the body;
// the boosts live in the query (query.go), not in the index.
const (
	fieldTitle    = "title"
	fieldKeywords = "keywords"
	fieldSummary  = "summary"
	fieldBody     = "body"
	fieldHeadUni  = "head_uni"
)

// newMapping builds the index mapping of one locale.
func newMapping(loc desk.Locale) (*mapping.IndexMappingImpl, error) {
	im, err := textindex.NewMapping(loc == desk.English)
	if err != nil {
		return nil, err
	}
	doc := mapping.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt(fieldTitle, textindex.Field(analyzerText))
	doc.AddFieldMappingsAt(fieldKeywords, textindex.Field(analyzerText))
	doc.AddFieldMappingsAt(fieldSummary, textindex.Field(analyzerText))
	doc.AddFieldMappingsAt(fieldBody, textindex.Field(analyzerText))
	doc.AddFieldMappingsAt(fieldHeadUni, textindex.Field(analyzerUnigram))
	im.DefaultMapping = doc
	return im, nil
}
