package redact

import (
	"bufio"
	"fmt"
	"go/ast"
	"go/parser"
	gotoken "go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Our own help-center articles and agents' macros talk about phrases and
// keys all the time and never contain one: every paragraph must come back
// byte-identical. They are read from the repository (not imported: ticket
// imports redact, and this package's tests should not break when another
// package is mid-edit).

// corpusText is one clean paragraph and where it came from.
type corpusText struct {
	where, text string
}

// kbParagraphs returns the title, the summary and every paragraph (blank-
// line separated block) of every article under root/<locale>/*.md.
func kbParagraphs(t testing.TB, root string) []corpusText {
	t.Helper()
	fsys := os.DirFS(root)
	files, err := fs.Glob(fsys, "*/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no articles under %s: %v", root, err)
	}
	var out []corpusText
	for _, name := range files {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			t.Fatal(err)
		}
		src := strings.ReplaceAll(string(b), "\r\n", "\n")
		body := src
		if rest, ok := strings.CutPrefix(src, "---\n"); ok {
			front, after, found := strings.Cut(rest, "\n---\n")
			if !found {
				t.Fatalf("%s: unterminated front matter", name)
			}
			body = after
			for _, line := range strings.Split(front, "\n") {
				key, val, _ := strings.Cut(line, ":")
				if key == "title" || key == "summary" {
					if u, err := strconv.Unquote(strings.TrimSpace(val)); err == nil {
						val = u
					}
					out = append(out, corpusText{name + ":" + key, strings.TrimSpace(val)})
				}
			}
		}
		for i, p := range strings.Split(body, "\n\n") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, corpusText{fmt.Sprintf("%s#%d", name, i), p})
			}
		}
	}
	return out
}

// macroBodies returns the string fields en, zh and ja of every element of
// the starterMacros literal in the given Go file.
func macroBodies(t testing.TB, file string) []corpusText {
	t.Helper()
	fset := gotoken.NewFileSet()
	f, err := parser.ParseFile(fset, file, nil, 0)
	if err != nil {
		t.Fatalf("parse %s: %v", file, err)
	}
	var out []corpusText
	ast.Inspect(f, func(n ast.Node) bool {
		kv, ok := n.(*ast.KeyValueExpr)
		if !ok {
			return true
		}
		id, ok := kv.Key.(*ast.Ident)
		if !ok || id.Name != "en" && id.Name != "zh" && id.Name != "ja" {
			return true
		}
		s, ok := constString(kv.Value)
		if !ok {
			t.Fatalf("%s: %s is not a constant string", fset.Position(kv.Pos()), id.Name)
		}
		out = append(out, corpusText{fmt.Sprintf("%s:%s", filepath.Base(fset.Position(kv.Pos()).String()), id.Name), s})
		return false
	})
	return out
}

// constString evaluates a string literal or a concatenation of literals.
func constString(e ast.Expr) (string, bool) {
	switch v := e.(type) {
	case *ast.BasicLit:
		if v.Kind != gotoken.STRING {
			return "", false
		}
		s, err := strconv.Unquote(v.Value)
		return s, err == nil
	case *ast.BinaryExpr:
		if v.Op != gotoken.ADD {
			return "", false
		}
		a, ok1 := constString(v.X)
		b, ok2 := constString(v.Y)
		return a + b, ok1 && ok2
	case *ast.ParenExpr:
		return constString(v.X)
	}
	return "", false
}

// mentionSentences reads testdata/mentions-*.txt: one sentence per line,
// "#" starts a comment line, "\n" inside a line stands for a line break.
func mentionSentences(t testing.TB) []corpusText {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join("testdata", "mentions-*.txt"))
	if len(files) == 0 {
		t.Fatal("no testdata/mentions-*.txt")
	}
	var out []corpusText
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for n := 1; sc.Scan(); n++ {
			line := sc.Text()
			if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
				continue
			}
			out = append(out, corpusText{fmt.Sprintf("%s:%d", path.Base(name), n), strings.ReplaceAll(line, `\n`, "\n")})
		}
		f.Close()
	}
	return out
}

// checkClean redacts every text and reports each that changed.
func checkClean(t *testing.T, r *Redactor, texts []corpusText) int {
	t.Helper()
	bad := 0
	for _, c := range texts {
		if res := r.Redact(c.text); res.Text != c.text {
			bad++
			t.Errorf("%s: false positive\n in: %q\nout: %q", c.where, c.text, res.Text)
		}
	}
	return bad
}

func TestHelpCenterIsClean(t *testing.T) {
	texts := kbParagraphs(t, filepath.Join("..", "..", "content", "kb"))
	bad := checkClean(t, testRedactor, texts)
	t.Logf("help center: %d paragraphs, %d changed", len(texts), bad)
}

func TestMacrosAreClean(t *testing.T) {
	texts := macroBodies(t, filepath.Join("..", "ticket", "macro_starter.go"))
	if len(texts) < 30 {
		t.Fatalf("found only %d macro bodies", len(texts))
	}
	var paras []corpusText
	for _, c := range texts {
		paras = append(paras, c) // the whole body, as an agent sends it
		for i, p := range strings.Split(c.text, "\n\n") {
			paras = append(paras, corpusText{fmt.Sprintf("%s#%d", c.where, i), p})
		}
	}
	bad := checkClean(t, testRedactor, paras)
	t.Logf("macros: %d bodies, %d texts, %d changed", len(texts), len(paras), bad)
}

func TestMentionsAreClean(t *testing.T) {
	texts := mentionSentences(t)
	bad := checkClean(t, testRedactor, texts)
	t.Logf("mentions: %d sentences, %d changed", len(texts), bad)
}
