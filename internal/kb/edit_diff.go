package kb

import (
	"strconv"
	"strings"
)

// Diff is what changed between two versions, ready to render: the fields
// that differ, and the body line by line.
type Diff struct {
	Key      Key
	From, To int
	Fields   []FieldChange
	Body     []DiffLine // every line of both bodies, in order; empty when the bodies are equal
}

// FieldChange is a front-matter field that differs. Lists are joined by ", ".
type FieldChange struct {
	Field    string // category, title, summary, keywords, related, order, date, status
	Old, New string
}

// DiffOp says whether a body line is kept, removed or added.
type DiffOp string

const (
	OpEqual  DiffOp = "equal"
	OpDelete DiffOp = "delete"
	OpInsert DiffOp = "insert"
)

// DiffLine is one line of a body diff. OldLine and NewLine are 1-based line
// numbers in the old and the new body, 0 where the line is absent.
type DiffLine struct {
	Op      DiffOp
	Text    string
	OldLine int
	NewLine int
}

// Compare lists what changed from a to b.
func Compare(a, b Article) Diff {
	var d Diff
	add := func(field, old, new string) {
		if old != new {
			d.Fields = append(d.Fields, FieldChange{field, old, new})
		}
	}
	add("category", string(a.Category), string(b.Category))
	add("title", a.Title, b.Title)
	add("summary", a.Summary, b.Summary)
	add("keywords", strings.Join(a.Keywords, ", "), strings.Join(b.Keywords, ", "))
	add("related", strings.Join(a.Related, ", "), strings.Join(b.Related, ", "))
	add("order", strconv.Itoa(a.Order), strconv.Itoa(b.Order))
	add("date", a.Date, b.Date)
	add("status", string(a.Status), string(b.Status))
	if a.Body != b.Body {
		d.Body = DiffLines(a.Body, b.Body)
	}
	return d
}

// maxEdits bounds the work of a line diff: past this many inserted and
// deleted lines (a rewrite, not an edit) the changed middle is shown as
// removed then added, which is still correct, only not minimal.
const maxEdits = 1000

// DiffLines returns a line diff of a and b with the fewest inserted and
// deleted lines (Myers' algorithm), within maxEdits.
func DiffLines(a, b string) []DiffLine {
	x, y := splitBody(a), splitBody(b)
	pre := 0
	for pre < len(x) && pre < len(y) && x[pre] == y[pre] {
		pre++
	}
	suf := 0
	for suf < len(x)-pre && suf < len(y)-pre && x[len(x)-1-suf] == y[len(y)-1-suf] {
		suf++
	}
	out := make([]DiffLine, 0, max(len(x), len(y))+8)
	for i := 0; i < pre; i++ {
		out = append(out, DiffLine{OpEqual, x[i], i + 1, i + 1})
	}
	out = appendMiddle(out, x[pre:len(x)-suf], y[pre:len(y)-suf], pre, pre)
	for i := 0; i < suf; i++ {
		xi, yi := len(x)-suf+i, len(y)-suf+i
		out = append(out, DiffLine{OpEqual, x[xi], xi + 1, yi + 1})
	}
	return out
}

func splitBody(s string) []string {
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// appendMiddle diffs x and y, which start at line offsets ox and oy.
func appendMiddle(out []DiffLine, x, y []string, ox, oy int) []DiffLine {
	ops := myers(x, y)
	if ops == nil && (len(x) > 0 || len(y) > 0) {
		for i, l := range x {
			out = append(out, DiffLine{OpDelete, l, ox + i + 1, 0})
		}
		for j, l := range y {
			out = append(out, DiffLine{OpInsert, l, 0, oy + j + 1})
		}
		return out
	}
	i, j := 0, 0
	for _, op := range ops {
		switch op {
		case OpEqual:
			out = append(out, DiffLine{OpEqual, x[i], ox + i + 1, oy + j + 1})
			i, j = i+1, j+1
		case OpDelete:
			out = append(out, DiffLine{OpDelete, x[i], ox + i + 1, 0})
			i++
		case OpInsert:
			out = append(out, DiffLine{OpInsert, y[j], 0, oy + j + 1})
			j++
		}
	}
	return out
}

// myers returns the edit script turning x into y, or nil when it needs
// more than maxEdits insertions and deletions. It keeps, for every round d,
// the furthest x reached on each diagonal k = x - y, then walks back from
// the end through those records.
func myers(x, y []string) []DiffOp {
	n, m := len(x), len(y)
	if n == 0 && m == 0 {
		return []DiffOp{}
	}
	limit := min(n+m, maxEdits)
	off := limit + 1
	v := make([]int, 2*limit+3)
	var trace [][]int // trace[d][k+d] = v[k] at the start of round d
	for d := 0; d <= limit; d++ {
		snap := make([]int, 2*d+1)
		copy(snap, v[off-d:off+d+1])
		trace = append(trace, snap)
		for k := -d; k <= d; k += 2 {
			var px int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				px = v[off+k+1] // down: insert y[px-k-1]
			} else {
				px = v[off+k-1] + 1 // right: delete x[px-1]
			}
			py := px - k
			for px < n && py < m && x[px] == y[py] {
				px, py = px+1, py+1
			}
			v[off+k] = px
			if px >= n && py >= m {
				return backtrack(trace, n, m)
			}
		}
	}
	return nil
}

func backtrack(trace [][]int, n, m int) []DiffOp {
	var rev []DiffOp
	px, py := n, m
	for d := len(trace) - 1; d > 0; d-- {
		prev := trace[d] // values of round d-1, indexed k+d
		k := px - py
		var pk int
		if k == -d || (k != d && prev[k-1+d] < prev[k+1+d]) {
			pk = k + 1
		} else {
			pk = k - 1
		}
		sx := prev[pk+d]
		sy := sx - pk
		for px > sx && py > sy {
			rev = append(rev, OpEqual)
			px, py = px-1, py-1
		}
		if px == sx {
			rev = append(rev, OpInsert)
		} else {
			rev = append(rev, OpDelete)
		}
		px, py = sx, sy
	}
	for px > 0 && py > 0 {
		rev = append(rev, OpEqual)
		px, py = px-1, py-1
	}
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	return rev
}
