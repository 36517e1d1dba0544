package store_test

import (
	"context"
	"testing"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/kb"
	"github.com/walletdesk/walletdesk/internal/store/storetest"
)

func article(slug string, loc desk.Locale, title string) kb.Article {
	return kb.Article{Slug: slug, Locale: loc, Category: kb.Transactions, Title: title, Summary: "s",
		Keywords: []string{"a", "b"}, Body: "body\n", Related: []string{"x"}, Order: 3, Date: "2026-11-20", Status: kb.Published}
}

func TestKBStore(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			s := e.Open(t).KB()
			v0, err := s.ContentVersion(ctx)
			if err != nil {
				t.Fatal(err)
			}
			st, err := s.ImportArticles(ctx, []kb.Article{article("a", desk.English, "A"), article("a", desk.Japanese, "エー")}, "test")
			if err != nil || st.Created != 2 || st.Updated != 0 {
				t.Fatalf("first import: %+v %v", st, err)
			}
			v1, _ := s.ContentVersion(ctx)
			if v1 != v0+1 {
				t.Errorf("version %d -> %d after a change", v0, v1)
			}
			st, err = s.ImportArticles(ctx, []kb.Article{article("a", desk.English, "A")}, "test")
			if err != nil || st.Unchanged != 1 {
				t.Fatalf("unchanged import: %+v %v", st, err)
			}
			if v, _ := s.ContentVersion(ctx); v != v1 {
				t.Error("an unchanged import moved the content version")
			}
			st, err = s.ImportArticles(ctx, []kb.Article{article("a", desk.English, "A2")}, "editor")
			if err != nil || st.Updated != 1 {
				t.Fatalf("update: %+v %v", st, err)
			}
			arts, err := s.Articles(ctx)
			if err != nil || len(arts) != 2 {
				t.Fatalf("articles: %v %v", arts, err)
			}
			en := arts[0]
			if en.Locale != desk.English {
				en = arts[1]
			}
			if en.Title != "A2" || en.Version != 2 || en.Order != 3 || len(en.Keywords) != 2 || en.Related[0] != "x" || en.Date != "2026-11-20" {
				t.Errorf("stored article %+v", en)
			}
			if err := s.AddFeedback(ctx, kb.Feedback{Slug: "a", Locale: desk.Japanese, Helpful: true, Comment: "良い"}); err != nil {
				t.Fatal(err)
			}
			fb, err := s.RecentFeedback(ctx, 10)
			if err != nil || len(fb) != 1 || !fb[0].Helpful || fb[0].Locale != desk.Japanese || fb[0].Comment != "良い" {
				t.Errorf("feedback %+v %v", fb, err)
			}
			for i := 0; i < 3; i++ {
				if err := s.RecordSearchMiss(ctx, desk.Chinese, "天气", i); err != nil {
					t.Fatal(err)
				}
			}
			s.RecordSearchMiss(ctx, desk.English, "pizza", 0)
			misses, err := s.SearchMisses(ctx, 10)
			if err != nil || len(misses) != 2 || misses[0].Query != "天气" || misses[0].Count != 3 || misses[0].Results != 2 {
				t.Errorf("misses %+v %v", misses, err)
			}
		})
	}
}
