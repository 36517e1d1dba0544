package kb

import (
	"strings"
	"testing"

	"github.com/walletdesk/walletdesk/internal/desk"
)

func TestRenderFeatures(t *testing.T) {
	a := Article{Slug: "x", Locale: desk.Japanese, Body: `## 手順

1. アプリを開きます。
2. [高速化](kb:speed-up-cancel#steps) を選びます。

> [!IMPORTANT]
> 私たちが**リカバリーフレーズ**を尋ねることはありません。

> ただの引用です。

![ノンスの順番](media/nonce-queue.svg)

[▶ 動画で見る](https://video.example/watch?v=1)

[依頼を送信](/requests/new) と <script>alert(1)</script> <img src=x onerror=alert(1)>

| a | b |
|---|---|
| 1 | 2 |
`}
	r := NewRenderer().Render(a)
	html := string(r.HTML)
	for _, want := range []string{
		`<ol>`, `href="/ja/articles/speed-up-cancel#steps">`,
		`<blockquote class="callout callout-important">`, `<p class="callout-title">重要</p>`,
		`<strong>リカバリーフレーズ</strong>`, `src="/media/nonce-queue.svg"`, `loading="lazy"`,
		`class="video-card"`, `href="/ja/requests/new"`, `<table>`, `rel="nofollow noopener"`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("rendered HTML lacks %q:\n%s", want, html)
		}
	}
	for _, bad := range []string{"<script", "onerror", "[!IMPORTANT]"} {
		if strings.Contains(html, bad) {
			t.Errorf("rendered HTML contains %q:\n%s", bad, html)
		}
	}
	if strings.Count(html, "<blockquote") != 2 || strings.Contains(html, `<blockquote class="callout callout-important">`+"\n<p>ただ") {
		t.Errorf("plain quote must stay a plain quote:\n%s", html)
	}
	if len(r.Headings) != 1 || r.Headings[0].Text != "手順" || r.Headings[0].ID == "" {
		t.Errorf("headings = %+v", r.Headings)
	}
	if !strings.Contains(r.Plain, "アプリを開きます。") || strings.Contains(r.Plain, "[!IMPORTANT]") || strings.Contains(r.Plain, "**") {
		t.Errorf("plain text = %q", r.Plain)
	}
}
