package kb

import (
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"github.com/walletdesk/walletdesk/internal/desk"
)

// Analyzer names registered in every index mapping.
const (
	// analyzerText is the locale's main analyzer: CJK runs become overlapping
	// two-character terms (so 转账 matches inside 转账失败 and kana words
	// match without a dictionary), Latin words are lower-cased and stemmed so
	// that "transfers" finds "transfer".
	analyzerText = "wd_text"
	// analyzerUnigram keeps single CJK characters; it serves one-character
	// queries (盗), which bigrams cannot match.
	analyzerUnigram = "wd_unigram"
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

// newMapping builds the index mapping of one locale. English drops stop
// words; Chinese and Japanese keep every token because particles are already
// diluted by BM25 and stop lists would cut real terms in mixed text.
func newMapping(loc desk.Locale) (*mapping.IndexMappingImpl, error) {
	im := mapping.NewIndexMapping()
	im.ScoringModel = bleveindex.BM25Scoring
	filters := []any{cjk.WidthName, lowercase.Name, cjk.BigramName, en.SnowballStemmerName}
	if loc == desk.English {
		filters = []any{cjk.WidthName, en.PossessiveName, lowercase.Name, en.StopName, cjk.BigramName, en.SnowballStemmerName}
	}
	if err := im.AddCustomAnalyzer(analyzerText, map[string]any{
		"type":          custom.Name,
		"tokenizer":     unicode.Name,
		"token_filters": filters,
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
	doc.AddFieldMappingsAt(fieldTitle, text(analyzerText))
	doc.AddFieldMappingsAt(fieldKeywords, text(analyzerText))
	doc.AddFieldMappingsAt(fieldSummary, text(analyzerText))
	doc.AddFieldMappingsAt(fieldBody, text(analyzerText))
	doc.AddFieldMappingsAt(fieldHeadUni, text(analyzerUnigram))
	im.DefaultMapping = doc
	im.DefaultAnalyzer = analyzerText
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false
	return im, nil
}
