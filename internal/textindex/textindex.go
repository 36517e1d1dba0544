// Package textindex holds what the help center's index (package kb) and the
// requests' index (package ticketsearch) share: bleve mappings with BM25 and
// the same analysis, so that a word, a stem or a CJK bigram means the same
// thing in both.
package textindex

import (
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// Analyzer names registered by NewMapping.
const (
	// Text: CJK runs become overlapping two-character terms (so 转账
	// matches inside 转账失败 and kana words match without a dictionary);
	// Latin words are lower-cased and stemmed so that "transfers" finds
	// "transfer"; full-width forms are folded.
	Text = "wd_text"
	// Unigram keeps single CJK characters, for one-character queries (盗),
	// which bigrams cannot match.
	Unigram = "wd_unigram"
)

// NewMapping returns a BM25 mapping with both analyzers. englishStops drops
// English stop words (English text, or mixed text read as English); other
// locales keep every token, because particles are diluted by BM25 anyway
// and stop lists would cut real terms in mixed text.
func NewMapping(englishStops bool) (*mapping.IndexMappingImpl, error) {
	im := mapping.NewIndexMapping()
	im.ScoringModel = bleveindex.BM25Scoring
	filters := []any{cjk.WidthName, lowercase.Name, cjk.BigramName, en.SnowballStemmerName}
	if englishStops {
		filters = []any{cjk.WidthName, en.PossessiveName, lowercase.Name, en.StopName, cjk.BigramName, en.SnowballStemmerName}
	}
	if err := im.AddCustomAnalyzer(Text, map[string]any{
		"type": custom.Name, "tokenizer": unicode.Name, "token_filters": filters,
	}); err != nil {
		return nil, err
	}
	if err := im.AddCustomAnalyzer(Unigram, map[string]any{
		"type": custom.Name, "tokenizer": unicode.Name, "token_filters": []any{cjk.WidthName, lowercase.Name},
	}); err != nil {
		return nil, err
	}
	im.DefaultAnalyzer = Text
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false
	return im, nil
}

// Field is an indexed, unstored field without term vectors: the indexes
// only score, they never return or highlight stored text.
func Field(analyzer string) *mapping.FieldMapping {
	f := mapping.NewTextFieldMapping()
	f.Analyzer = analyzer
	f.Store = false
	f.IncludeTermVectors = false
	f.IncludeInAll = false
	f.DocValues = false
	return f
}
