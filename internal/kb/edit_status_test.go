package kb

import (
	"testing"

	"github.com/walletdesk/walletdesk/internal/desk"
)

func TestTranslationStatusRules(t *testing.T) {
	src := TranslationFacts{Key: Key{"s", desk.English}, Title: "S", Status: Published, Version: 5, TextHash: "h5",
		Head: VersionInfo{Number: 6}} // a draft (6) waits beside the live 5
	tr := func(made SourceRef, madeHash string) TranslationFacts {
		return TranslationFacts{Key: Key{"s", desk.Japanese}, Status: Published, Version: 3, Head: VersionInfo{Number: 3, Source: made},
			SourceTextHash: madeHash}
	}
	en := SourceRef{desk.English, 0}
	cases := []struct {
		name    string
		facts   []TranslationFacts
		sources map[string]desk.Locale
		want    TranslationState
	}{
		{"made from the live version", []TranslationFacts{src, tr(SourceRef{desk.English, 5}, "h5")}, nil, StateUpToDate},
		{"made from an older version with the same text", []TranslationFacts{src, tr(SourceRef{desk.English, 2}, "h5")}, nil, StateUpToDate},
		{"made from an older text", []TranslationFacts{src, tr(SourceRef{desk.English, 2}, "h2")}, nil, StateOutdated},
		{"made from the pending draft", []TranslationFacts{src, tr(SourceRef{desk.English, 6}, "h6")}, nil, StateOutdated},
		{"legacy version without a hash", []TranslationFacts{src, tr(SourceRef{desk.English, 2}, "")}, nil, StateOutdated},
		{"unknown source version", []TranslationFacts{src, tr(en, "")}, nil, StateOutdated},
		{"made from another locale", []TranslationFacts{src, tr(SourceRef{desk.Chinese, 5}, "h5")}, nil, StateOutdated},
		{"no source article", []TranslationFacts{tr(SourceRef{desk.English, 5}, "h5")}, nil, StateOutdated},
		{"is the configured source", []TranslationFacts{src, tr(SourceRef{}, "")}, map[string]desk.Locale{"s": desk.Japanese}, StateSource},
	}
	for _, c := range cases {
		out := translationStatus(c.facts, c.sources)
		if len(out) != 1 || len(out[0].Locales) != len(desk.Locales) {
			t.Fatalf("%s: %+v", c.name, out)
		}
		got := map[desk.Locale]LocaleStatus{}
		for _, l := range out[0].Locales {
			got[l.Locale] = l
		}
		if got[desk.Japanese].State != c.want || got[desk.Chinese].State != StateMissing {
			t.Errorf("%s: ja %s zh %s, want ja %s", c.name, got[desk.Japanese].State, got[desk.Chinese].State, c.want)
		}
	}
	out := translationStatus([]TranslationFacts{src}, nil)
	en0 := out[0].Locales[0]
	if en0.State != StateSource || !en0.Draft || en0.LiveVersion != 5 || en0.Version != 6 || out[0].SourceVersion != 5 {
		t.Fatalf("source status %+v", out[0])
	}
}
