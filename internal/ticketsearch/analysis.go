package ticketsearch

import (
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// The analyzers follow the help center's (package kb): the same components
// in the same order. Tickets mix languages in one index, so the chain is
// the English one of kb (which also drops English stop words); CJK text
// passes through it unchanged but for the bigrams.
const (
	analyzerText    = "wd_text"
	analyzerUnigram = "wd_unigram"
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
	im := mapping.NewIndexMapping()
	im.ScoringModel = bleveindex.BM25Scoring
	if err := im.AddCustomAnalyzer(analyzerText, map[string]any{
		"type":      custom.Name,
		"tokenizer": unicode.Name,
		"token_filters": []any{cjk.WidthName, en.PossessiveName, lowercase.Name, en.StopName,
			cjk.BigramName, en.SnowballStemmerName},
	}); err != nil {
		return nil, err
	}
	if err := im.AddCustomAnalyzer(analyzerUnigram, map[string]any{
		"type":          custom.Name,
		"tokenizer":     unicode.Name,
		"token_filters": []any{cjk.WidthName, lowercase.Name},
	}); err != nil {
		return nil, err
	}
	doc := mapping.NewDocumentStaticMapping()
	text := func(analyzer string) *mapping.FieldMapping {
		f := mapping.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = false
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	doc.AddFieldMappingsAt(fieldText, text(analyzerText))
	doc.AddFieldMappingsAt(fieldSubjectUni, text(analyzerUnigram))
	doc.AddFieldMappingsAt(fieldStatus, text(keyword.Name))
	doc.AddFieldMappingsAt(fieldActive, text(keyword.Name))
	im.DefaultMapping = doc
	im.DefaultAnalyzer = analyzerText
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false
	return im, nil
}
