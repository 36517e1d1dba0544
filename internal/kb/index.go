package kb

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/walletdesk/walletdesk/internal/desk"
)

// Index is the full-text index of published articles: one bleve index per
// locale, each with that locale's analysis. It is derived data: Rebuild
// recreates it from the articles, and it records the content version it
// reflects so that a stale index is detected at start.
type Index struct {
	dir     string // "" keeps everything in memory (tests, benchmarks)
	mu      sync.Mutex
	locales map[desk.Locale]*atomic.Pointer[localeIndex]
}

type localeIndex struct {
	idx     bleve.Index
	mapping *mapping.IndexMappingImpl
	text    analysis.Analyzer
	unigram analysis.Analyzer
	stats   termStats // document frequencies, cleared on every change
}

var versionKey = []byte("content_version")

// OpenIndex opens the index under dir, creating empty per-locale indexes
// where none exist. A directory that cannot be opened is discarded and
// recreated empty, since the index can always be rebuilt.
func OpenIndex(dir string) (*Index, error) {
	ix := &Index{dir: dir, locales: map[desk.Locale]*atomic.Pointer[localeIndex]{}}
	for _, loc := range desk.Locales {
		li, err := ix.open(loc)
		if err != nil {
			ix.Close()
			return nil, err
		}
		p := &atomic.Pointer[localeIndex]{}
		p.Store(li)
		ix.locales[loc] = p
	}
	return ix, nil
}

func (ix *Index) path(loc desk.Locale) string {
	if ix.dir == "" {
		return ""
	}
	return filepath.Join(ix.dir, string(loc))
}

func (ix *Index) open(loc desk.Locale) (*localeIndex, error) {
	m, err := newMapping(loc)
	if err != nil {
		return nil, err
	}
	p := ix.path(loc)
	if p != "" {
		if idx, err := bleve.Open(p); err == nil {
			return wrap(idx, m)
		}
		// Missing or unreadable: start over; Rebuild will fill it.
		os.RemoveAll(p)
	}
	return create(p, m)
}

func create(path string, m *mapping.IndexMappingImpl) (*localeIndex, error) {
	if path != "" {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, err
		}
	}
	idx, err := bleve.NewUsing(path, m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("create search index %s: %w", path, err)
	}
	return wrap(idx, m)
}

func wrap(idx bleve.Index, m *mapping.IndexMappingImpl) (*localeIndex, error) {
	text := m.AnalyzerNamed(analyzerText)
	uni := m.AnalyzerNamed(analyzerUnigram)
	if text == nil || uni == nil {
		idx.Close()
		return nil, errors.New("search index: analyzers missing from mapping")
	}
	return &localeIndex{idx: idx, mapping: m, text: text, unigram: uni}, nil
}

// Version returns the content version the index reflects; 0 when empty or
// when locales disagree (an interrupted rebuild).
func (ix *Index) Version() int64 {
	var v int64 = -1
	for _, loc := range desk.Locales {
		b, err := ix.locales[loc].Load().idx.GetInternal(versionKey)
		if err != nil || len(b) != 8 {
			return 0
		}
		lv := int64(binary.BigEndian.Uint64(b))
		if v >= 0 && lv != v {
			return 0
		}
		v = lv
	}
	return max(v, 0)
}

// Doc is what the index holds of an article.
type Doc struct {
	Key      Key
	Title    string
	Keywords []string
	Summary  string
	Body     string // plain text
}

func (d Doc) fields() map[string]any {
	kw := strings.Join(d.Keywords, " \n ")
	return map[string]any{
		fieldTitle:    d.Title,
		fieldKeywords: kw,
		fieldSummary:  d.Summary,
		fieldBody:     d.Body,
		fieldHeadUni:  d.Title + "\n" + kw,
	}
}

// Rebuild replaces the whole index with docs, built aside and swapped in,
// so that searches keep working meanwhile.
func (ix *Index) Rebuild(docs []Doc, version int64) error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	byLoc := map[desk.Locale][]Doc{}
	for _, d := range docs {
		byLoc[d.Key.Locale] = append(byLoc[d.Key.Locale], d)
	}
	for _, loc := range desk.Locales {
		if err := ix.rebuildLocale(loc, byLoc[loc], version); err != nil {
			return fmt.Errorf("rebuild %s index: %w", loc, err)
		}
	}
	return nil
}

func (ix *Index) rebuildLocale(loc desk.Locale, docs []Doc, version int64) error {
	m, err := newMapping(loc)
	if err != nil {
		return err
	}
	final := ix.path(loc)
	tmp := ""
	if final != "" {
		tmp = final + ".new"
		os.RemoveAll(tmp)
	}
	li, err := create(tmp, m)
	if err != nil {
		return err
	}
	b := li.idx.NewBatch()
	for _, d := range docs {
		if err := b.Index(d.Key.Slug, d.fields()); err != nil {
			li.idx.Close()
			return err
		}
		if b.Size() >= 500 {
			if err := li.idx.Batch(b); err != nil {
				li.idx.Close()
				return err
			}
			b.Reset()
		}
	}
	b.SetInternal(versionKey, versionBytes(version))
	if err := li.idx.Batch(b); err != nil {
		li.idx.Close()
		return err
	}
	// One segment: every query term is then one dictionary lookup and one
	// postings list, instead of one per segment the batches left behind.
	// (Only on disk: an in-memory scorch index has no merger to ask.)
	if tmp != "" {
		if err := forceMerge(li.idx); err != nil {
			li.idx.Close()
			return err
		}
	}
	old := ix.locales[loc]
	if final == "" {
		prev := old.Swap(li)
		prev.idx.Close()
		return nil
	}
	// On disk: close the new index, move it into place, reopen.
	if err := li.idx.Close(); err != nil {
		return err
	}
	prev := old.Load()
	prev.idx.Close()
	if err := os.RemoveAll(final); err != nil {
		return err
	}
	if err := os.Rename(tmp, final); err != nil {
		return err
	}
	idx, err := bleve.Open(final)
	if err != nil {
		return err
	}
	nli, err := wrap(idx, m)
	if err != nil {
		return err
	}
	old.Store(nli)
	return nil
}

// Put adds or replaces one document and moves the recorded version forward.
func (ix *Index) Put(d Doc, version int64) error {
	li := ix.get(d.Key.Locale)
	b := li.idx.NewBatch()
	if err := b.Index(d.Key.Slug, d.fields()); err != nil {
		return err
	}
	b.SetInternal(versionKey, versionBytes(version))
	defer li.stats.clear()
	return li.idx.Batch(b)
}

// Remove deletes one document (an unpublished article).
func (ix *Index) Remove(k Key, version int64) error {
	li := ix.get(k.Locale)
	b := li.idx.NewBatch()
	b.Delete(k.Slug)
	b.SetInternal(versionKey, versionBytes(version))
	defer li.stats.clear()
	return li.idx.Batch(b)
}

// SetVersion records version on every locale without changing documents.
func (ix *Index) SetVersion(version int64) error {
	for _, loc := range desk.Locales {
		if err := ix.get(loc).idx.SetInternal(versionKey, versionBytes(version)); err != nil {
			return err
		}
	}
	return nil
}

func (ix *Index) get(loc desk.Locale) *localeIndex {
	p := ix.locales[loc]
	if p == nil {
		p = ix.locales[desk.DefaultLocale]
	}
	return p.Load()
}

// Count returns the number of documents of a locale.
func (ix *Index) Count(loc desk.Locale) uint64 {
	n, _ := ix.get(loc).idx.DocCount()
	return n
}

// Close closes every locale index.
func (ix *Index) Close() error {
	var errs []error
	for _, p := range ix.locales {
		if li := p.Load(); li != nil {
			errs = append(errs, li.idx.Close())
		}
	}
	return errors.Join(errs...)
}

func forceMerge(idx bleve.Index) error {
	adv, err := idx.Advanced()
	if err != nil {
		return err
	}
	if sc, ok := adv.(*scorch.Scorch); ok {
		return sc.ForceMerge(context.Background(), &mergeplan.SingleSegmentMergePlanOptions)
	}
	return nil
}

func versionBytes(v int64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, uint64(v))
	return b
}
