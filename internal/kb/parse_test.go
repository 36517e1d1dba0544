package kb

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/walletdesk/walletdesk/internal/desk"
)

const sample = `---
slug: transaction-pending
locale: zh-CN
category: transactions
title: 转账一直在打包中
summary: "先别慌：资金没有丢。"
keywords: [打包中, 卡住, "pending"]
updated: 2026-11-20
related: [speed-up-cancel]
order: 1
---
## 为什么

1. 打开钱包。
`

func TestParseFormatRoundTrip(t *testing.T) {
	a, err := Parse([]byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	if a.Slug != "transaction-pending" || a.Locale != desk.Chinese || a.Category != Transactions ||
		a.Title != "转账一直在打包中" || a.Summary != "先别慌：资金没有丢。" || a.Order != 1 || a.Status != Published {
		t.Fatalf("parsed %+v", a)
	}
	if !reflect.DeepEqual(a.Keywords, []string{"打包中", "卡住", "pending"}) || !reflect.DeepEqual(a.Related, []string{"speed-up-cancel"}) {
		t.Fatalf("lists %v %v", a.Keywords, a.Related)
	}
	b, err := Format(a)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Parse(b)
	if err != nil {
		t.Fatalf("reparse: %v\n%s", err, b)
	}
	if back.Hash() != a.Hash() {
		t.Fatalf("round trip changed the article:\n%s", b)
	}
}

func TestParseRejects(t *testing.T) {
	cases := map[string]string{
		"no front matter": "# title\n",
		"unclosed":        "---\nslug: a\n",
		"unknown field":   "---\nslug: a\nlocale: en\ncategory: support\ntitle: T\nauthor: me\n---\nbody\n",
		"bad slug":        "---\nslug: A B\nlocale: en\ncategory: support\ntitle: T\n---\nbody\n",
		"bad locale":      "---\nslug: a\nlocale: fr\ncategory: support\ntitle: T\n---\nbody\n",
		"bad category":    "---\nslug: a\nlocale: en\ncategory: misc\ntitle: T\n---\nbody\n",
		"no title":        "---\nslug: a\nlocale: en\ncategory: support\n---\nbody\n",
		"bad date":        "---\nslug: a\nlocale: en\ncategory: support\ntitle: T\nupdated: 20/11/2026\n---\nbody\n",
		"empty body":      "---\nslug: a\nlocale: en\ncategory: support\ntitle: T\n---\n",
		"too big":         "---\nslug: a\nlocale: en\ncategory: support\ntitle: T\n---\n" + strings.Repeat("x", maxArticleBytes),
	}
	for name, src := range cases {
		if _, err := Parse([]byte(src)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestLoadFSChecksLinksAndNames(t *testing.T) {
	ok := "---\nslug: a\nlocale: en\ncategory: support\ntitle: A\nrelated: [b]\n---\nbody\n"
	fsys := fstest.MapFS{
		"kb/en/a.md":     {Data: []byte(ok)},
		"kb/en/wrong.md": {Data: []byte(strings.Replace(ok, "related: [b]\n", "", 1))},
		"kb/ja/a.md":     {Data: []byte(ok)},
	}
	_, err := LoadFS(fsys)
	if err == nil {
		t.Fatal("accepted broken content")
	}
	for _, want := range []string{`related slug "b" does not exist`, `kb/en/wrong.md: slug "a" does not match`, `kb/ja/a.md: locale "en" does not match`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(sample))
	f.Add([]byte("---\n---\n"))
	f.Add([]byte("---\nslug: [\n---\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := Parse(data)
		if err != nil {
			return
		}
		if err := a.Validate(); err != nil {
			t.Fatalf("Parse accepted an invalid article: %v", err)
		}
		b, err := Format(a)
		if err != nil {
			t.Fatal(err)
		}
		back, err := Parse(b)
		if err != nil {
			t.Fatalf("formatted article does not parse: %v\n%s", err, b)
		}
		if back.Hash() != a.Hash() {
			t.Fatalf("round trip changed the article")
		}
	})
}
