package kb

import (
	"context"
	"sort"
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"
)

// TranslationState says how a locale of a slug stands against its source.
type TranslationState string

const (
	StateSource   TranslationState = "source"     // this locale is what the others translate
	StateMissing  TranslationState = "missing"    // no article in this locale
	StateOutdated TranslationState = "outdated"   // the source's text changed since this translation was made
	StateUpToDate TranslationState = "up_to_date" // made from the source's current text
)

// LocaleStatus is one locale of a slug, for the editors' overview. State
// is computed from the working copy (the latest version): a translation
// redone as a draft is up to date even before it is published.
type LocaleStatus struct {
	Locale      desk.Locale
	State       TranslationState
	Title       string
	Published   bool // readers see this locale
	Draft       bool // a draft waits beside the published article
	Version     int  // the latest version: the base of the next change
	LiveVersion int  // the version readers see; 0 when unpublished
	MadeFrom    int  // translations: the source version the working copy was made from
	UpdatedAt   time.Time
	UpdatedBy   Author
}

// SlugStatus is a slug in every locale.
type SlugStatus struct {
	Slug     string
	Category Category
	Title    string      // in the source locale (or the first locale there is)
	Source   desk.Locale // the locale the others translate
	// SourceVersion is the source version a translation should be made
	// from now: the published one, else the working copy.
	SourceVersion int
	Locales       []LocaleStatus // in desk.Locales order, missing ones included
}

// Overview returns every slug with its per-locale status, by category then slug.
func (e *Editor) Overview(ctx context.Context) ([]SlugStatus, error) {
	facts, err := e.store.TranslationFacts(ctx, "")
	if err != nil {
		return nil, err
	}
	sources, err := e.store.SourceLocales(ctx, "")
	if err != nil {
		return nil, err
	}
	return translationStatus(facts, sources), nil
}

// Status returns one slug's per-locale status, or desk.ErrNotFound.
func (e *Editor) Status(ctx context.Context, slug string) (SlugStatus, error) {
	facts, err := e.store.TranslationFacts(ctx, slug)
	if err != nil {
		return SlugStatus{}, err
	}
	sources, err := e.store.SourceLocales(ctx, slug)
	if err != nil {
		return SlugStatus{}, err
	}
	out := translationStatus(facts, sources)
	if len(out) == 0 {
		return SlugStatus{}, desk.ErrNotFound
	}
	return out[0], nil
}

// translationStatus groups facts by slug and compares each translation
// with its source. A translation is up to date when it was made from the
// source's current version, or from a version with the same text (a source
// unpublished and published again, or edited in keywords only, keeps its
// translations up to date).
func translationStatus(facts []TranslationFacts, sources map[string]desk.Locale) []SlugStatus {
	bySlug := map[string]map[desk.Locale]TranslationFacts{}
	var slugs []string
	for _, f := range facts {
		m := bySlug[f.Key.Slug]
		if m == nil {
			m = map[desk.Locale]TranslationFacts{}
			bySlug[f.Key.Slug] = m
			slugs = append(slugs, f.Key.Slug)
		}
		m[f.Key.Locale] = f
	}
	out := make([]SlugStatus, 0, len(slugs))
	for _, slug := range slugs {
		m := bySlug[slug]
		src, ok := sources[slug]
		if !ok {
			src = desk.DefaultLocale
		}
		ss := SlugStatus{Slug: slug, Source: src}
		sf, hasSource := m[src]
		if hasSource {
			ss.Category, ss.Title, ss.SourceVersion = sf.Category, sf.Title, sf.Version
		}
		for _, loc := range desk.Locales {
			f, ok := m[loc]
			if !ok {
				ss.Locales = append(ss.Locales, LocaleStatus{Locale: loc, State: StateMissing})
				continue
			}
			if ss.Title == "" {
				ss.Category, ss.Title = f.Category, f.Title
			}
			ls := LocaleStatus{Locale: loc, Title: f.Title, Published: f.Status == Published,
				Draft: f.Head.Number > f.Version, Version: f.Head.Number, MadeFrom: f.Head.Source.Version,
				UpdatedAt: f.Head.CreatedAt, UpdatedBy: f.Head.Author}
			if ls.Published {
				ls.LiveVersion = f.Version
			}
			switch {
			case loc == src:
				ls.State = StateSource
			case hasSource && upToDate(f.Head.Source, f.SourceTextHash, src, sf):
				ls.State = StateUpToDate
			default:
				ls.State = StateOutdated
			}
			ss.Locales = append(ss.Locales, ls)
		}
		out = append(out, ss)
	}
	rank := map[Category]int{}
	for i, c := range Categories {
		rank[c] = i
	}
	sort.Slice(out, func(i, j int) bool {
		if rank[out[i].Category] != rank[out[j].Category] {
			return rank[out[i].Category] < rank[out[j].Category]
		}
		return out[i].Slug < out[j].Slug
	})
	return out
}

func upToDate(made SourceRef, madeHash string, src desk.Locale, source TranslationFacts) bool {
	if made.Locale != src || made.Version == 0 {
		return false
	}
	if made.Version == source.Version {
		return true
	}
	// Versions recorded before text hashes existed have none: only the
	// exact version then counts.
	return madeHash != "" && madeHash == source.TextHash
}
