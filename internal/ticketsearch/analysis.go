package ticketsearch

import (
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/walletdesk/walletdesk/internal/textindex"
)

// The analysis is the help center's (package textindex). Tickets mix
// languages in one index, so the chain is the English one (which also
// drops English stop words); CJK text passes through it unchanged but for
// the bigrams.
const (
	analyzerText    = textindex.Text
	analyzerUnigram = textindex.Unigram
)

// Document fields. One text field holds the subject (twice: a word of the
// subject says more about a ticket than the same word in its
// conversation) and every message: a query term is then one postings list,
// which halves the cost of a common two-character term against a field
// per part.
const (
	fieldText       = "text"
	fieldSubjectUni = "subject_uni" // single CJK characters of the subject
	fieldStatus     = "status"      // kept as is, to filter on
	fieldActive     = "active"      // "yes" for the statuses the queue shows by default
)

// mappingVersion changes whenever the mapping does; an index built with
// another version is rebuilt.
const mappingVersion = "3"

func newMapping() (*mapping.IndexMappingImpl, error) {
	im, err := textindex.NewMapping(true)
	if err != nil {
		return nil, err
	}
	doc := mapping.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt(fieldText, textindex.Field(analyzerText))
	doc.AddFieldMappingsAt(fieldSubjectUni, textindex.Field(analyzerUnigram))
	doc.AddFieldMappingsAt(fieldStatus, textindex.Field(keyword.Name))
	doc.AddFieldMappingsAt(fieldActive, textindex.Field(keyword.Name))
	im.DefaultMapping = doc
	return im, nil
}
