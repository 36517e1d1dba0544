package kb

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// rebuild returns the old and the new text a diff describes.
func rebuild(d []DiffLine) (old, new string) {
	var o, n []string
	for _, l := range d {
		if l.Op != OpInsert {
			o = append(o, l.Text)
		}
		if l.Op != OpDelete {
			n = append(n, l.Text)
		}
	}
	return strings.Join(o, "\n"), strings.Join(n, "\n")
}

// lcs is the length of the longest common subsequence of lines, by dynamic
// programming: a minimal diff keeps exactly that many lines.
func lcs(a, b []string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			switch {
			case a[i-1] == b[j-1]:
				cur[j] = prev[j-1] + 1
			case prev[j] >= cur[j-1]:
				cur[j] = prev[j]
			default:
				cur[j] = cur[j-1]
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func checkDiff(t *testing.T, a, b string) []DiffLine {
	t.Helper()
	d := DiffLines(a, b)
	o, n := rebuild(d)
	if o != strings.TrimSuffix(a, "\n") || n != strings.TrimSuffix(b, "\n") {
		t.Fatalf("diff of %q and %q rebuilds %q and %q", a, b, o, n)
	}
	oi, ni := 0, 0
	for _, l := range d {
		if l.Op != OpInsert {
			oi++
			if l.OldLine != oi {
				t.Fatalf("old line number %d, want %d in %+v", l.OldLine, oi, d)
			}
		} else if l.OldLine != 0 {
			t.Fatalf("inserted line with an old number: %+v", l)
		}
		if l.Op != OpDelete {
			ni++
			if l.NewLine != ni {
				t.Fatalf("new line number %d, want %d in %+v", l.NewLine, ni, d)
			}
		} else if l.NewLine != 0 {
			t.Fatalf("deleted line with a new number: %+v", l)
		}
	}
	return d
}

func TestDiffLines(t *testing.T) {
	cases := []struct {
		a, b string
		want string // ops as ' ', '-', '+'
	}{
		{"", "", ""},
		{"a\n", "a\n", " "},
		{"", "a\nb\n", "++"},
		{"a\nb\n", "", "--"},
		{"a\nb\nc\n", "a\nc\n", " - "},
		{"a\nc\n", "a\nb\nc\n", " + "},
		{"a\nb\nc\n", "a\nx\nc\n", " -+ "},
		{"1. Open\n2. Tap\n3. Send\n", "1. Open\n2. Tap Send\n3. Confirm\n4. Send\n", " --+++"},
	}
	for _, c := range cases {
		d := checkDiff(t, c.a, c.b)
		var ops strings.Builder
		for _, l := range d {
			ops.WriteByte(map[DiffOp]byte{OpEqual: ' ', OpDelete: '-', OpInsert: '+'}[l.Op])
		}
		if ops.String() != c.want {
			t.Errorf("diff %q -> %q: %q, want %q", c.a, c.b, ops.String(), c.want)
		}
	}
}

// TestDiffLinesMinimal compares the lines kept with the longest common
// subsequence on random bodies over a small alphabet (many repeats).
func TestDiffLinesMinimal(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	gen := func() []string {
		out := make([]string, r.IntN(30))
		for i := range out {
			out[i] = string(rune('a' + r.IntN(4)))
		}
		return out
	}
	for range 2000 {
		x, y := gen(), gen()
		d := checkDiff(t, strings.Join(x, "\n"), strings.Join(y, "\n"))
		kept := 0
		for _, l := range d {
			if l.Op == OpEqual {
				kept++
			}
		}
		if want := lcs(x, y); kept != want {
			t.Fatalf("%v -> %v keeps %d lines, the longest common subsequence has %d", x, y, kept, want)
		}
	}
}

// A rewrite past maxEdits is still a correct diff.
func TestDiffLinesRewrite(t *testing.T) {
	var a, b strings.Builder
	for i := range 3000 {
		a.WriteString("old line " + string(rune('A'+i%26)) + "\n")
		b.WriteString("new line " + string(rune('a'+i%26)) + "\n")
	}
	d := checkDiff(t, "same\n"+a.String()+"tail\n", "same\n"+b.String()+"tail\n")
	if len(d) != 6002 || d[0].Op != OpEqual || d[len(d)-1].Op != OpEqual {
		t.Fatalf("%d lines", len(d))
	}
}

func TestCompareFields(t *testing.T) {
	a := Article{Title: "A", Keywords: []string{"x", "y"}, Body: "b\n", Order: 1, Status: Published}
	b := a
	b.Keywords = []string{"x"}
	b.Order = 2
	d := Compare(a, b)
	if len(d.Fields) != 2 || d.Fields[0] != (FieldChange{"keywords", "x, y", "x"}) || d.Fields[1] != (FieldChange{"order", "1", "2"}) || d.Body != nil {
		t.Fatalf("%+v", d)
	}
}

func BenchmarkDiffLines(b *testing.B) {
	var x, y strings.Builder
	for i := range 2000 {
		x.WriteString("paragraph line number " + strings.Repeat("w", i%40) + "\n")
		if i%50 == 0 {
			y.WriteString("an edited line\n")
			continue
		}
		y.WriteString("paragraph line number " + strings.Repeat("w", i%40) + "\n")
	}
	for b.Loop() {
		DiffLines(x.String(), y.String())
	}
}

func FuzzDiffLines(f *testing.F) {
	f.Add("a\nb\nc\n", "a\nc\nd\n")
	f.Add("", "x\n")
	f.Add("1. 打开钱包\n2. 点击发送\n", "1. 打开钱包\n2. 点击「发送」\n3. 确认\n")
	f.Add("\n\n\n", "\n")
	f.Fuzz(func(t *testing.T, a, b string) {
		checkDiff(t, a, b)
	})
}
