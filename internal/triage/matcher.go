package triage

import (
	"maps"
	"slices"
)

// matcher finds every occurrence of a fixed set of byte strings in one pass
// over the text (Aho-Corasick), so classifying costs the same however large
// the lexicon grows. It is built once by New and only read afterwards, so a
// Classifier is safe for concurrent use.
//
// States are numbered breadth-first. The shallow ones, where a scan spends
// most of its steps, get a full transition row over byte classes (a DFA
// table small enough to stay in cache); deeper ones keep their few edges and
// fall back along fail links, which always lead to shallower states.
type matcher struct {
	class  [256]uint16 // byte -> class; 0 for bytes in no term
	nclass int
	ndense int      // states [0, ndense) have a row in dense
	dense  []uint16 // dense[state*nclass+class]: next state | outFlag
	first  []int32  // edges of state s: eb/eto[first[s]:first[s+1]]
	eb     []byte
	eto    []uint16 // next state | outFlag
	fail   []uint16
	out    []int32 // id of the term ending at the state, -1 if none
	dict   []int32 // nearest state on the fail chain with out >= 0, -1 if none
}

// outFlag marks a state where a term ends (at it or on its fail chain).
const outFlag = 1 << 15

// denseBytes bounds the DFA table. Measured on the 2 KB benchmark, a table
// for every state (about 3.5 MB today) scans fastest; the sparse fallback
// keeps a growing lexicon from growing the table without bound.
const denseBytes = 8 << 20

// hit is one occurrence of a term: text[start:end] == terms[id].
type hit struct {
	id         int32
	start, end int32
}

// trieNode is the build-time form of a state.
type trieNode struct {
	next map[byte]int32
	out  int32
}

func newMatcher(terms []string, denseBudget int) *matcher {
	// Trie, numbered in insertion order.
	trie := []trieNode{{next: map[byte]int32{}, out: -1}}
	for id, t := range terms {
		s := int32(0)
		for i := 0; i < len(t); i++ {
			nx, ok := trie[s].next[t[i]]
			if !ok {
				nx = int32(len(trie))
				trie = append(trie, trieNode{next: map[byte]int32{}, out: -1})
				trie[s].next[t[i]] = nx
			}
			s = nx
		}
		trie[s].out = int32(id)
	}
	if len(trie) >= outFlag {
		panic("triage: lexicon too large for 15-bit matcher states")
	}

	// Breadth-first renumbering: order[k] is the trie node of state k.
	order := []int32{0}
	num := make([]int32, len(trie))
	keys := make([][]byte, len(trie))
	for k := 0; k < len(order); k++ {
		t := order[k]
		keys[t] = slices.Sorted(maps.Keys(trie[t].next))
		for _, b := range keys[t] {
			num[trie[t].next[b]] = int32(len(order))
			order = append(order, trie[t].next[b])
		}
	}

	m := &matcher{}
	n := len(order)
	m.out = make([]int32, n)
	m.dict = make([]int32, n)
	m.fail = make([]uint16, n)
	m.first = make([]int32, n+1)
	for k, t := range order {
		m.out[k] = trie[t].out
		m.first[k] = int32(len(m.eb))
		for _, b := range keys[t] {
			m.eb = append(m.eb, b)
			m.eto = append(m.eto, uint16(num[trie[t].next[b]]))
			if m.class[b] == 0 {
				m.nclass++
				m.class[b] = uint16(m.nclass)
			}
		}
	}
	m.first[n] = int32(len(m.eb))
	m.nclass++

	// Fail and dictionary links, in breadth-first order: a state's fail
	// target is shallower, so it is final first.
	m.dict[0] = -1
	for s := 0; s < n; s++ {
		for e := m.first[s]; e < m.first[s+1]; e++ {
			to := int(m.eto[e])
			if s == 0 {
				m.fail[to] = 0
			} else {
				f := int(m.fail[s])
				for {
					if nx, ok := m.child(f, m.eb[e]); ok {
						m.fail[to] = uint16(nx)
						break
					}
					if f == 0 {
						m.fail[to] = 0
						break
					}
					f = int(m.fail[f])
				}
			}
			if fo := m.fail[to]; m.out[fo] >= 0 {
				m.dict[to] = int32(fo)
			} else {
				m.dict[to] = m.dict[fo]
			}
		}
	}
	flag := func(s int) uint16 {
		if m.out[s] >= 0 || m.dict[s] >= 0 {
			return uint16(s) | outFlag
		}
		return uint16(s)
	}
	for e := range m.eto {
		m.eto[e] = flag(int(m.eto[e]))
	}

	// Dense rows for the shallow states.
	nc := m.nclass
	m.ndense = min(n, max(1, denseBudget/(2*nc)))
	m.dense = make([]uint16, m.ndense*nc)
	for s := 0; s < m.ndense; s++ {
		row := m.dense[s*nc : (s+1)*nc]
		if s > 0 {
			copy(row, m.dense[int(m.fail[s])*nc:int(m.fail[s]+1)*nc])
		}
		for e := m.first[s]; e < m.first[s+1]; e++ {
			row[m.class[m.eb[e]]] = m.eto[e]
		}
	}
	return m
}

// child follows the edge of state s labelled b, if any.
func (m *matcher) child(s int, b byte) (int, bool) {
	for e := m.first[s]; e < m.first[s+1]; e++ {
		if m.eb[e] == b {
			return int(m.eto[e] &^ outFlag), true
		}
	}
	return 0, false
}

// scan appends every occurrence of every term in text to dst; lens gives each
// term's length.
func (m *matcher) scan(dst []hit, text string, lens []int32) []hit {
	nc, nd := m.nclass, m.ndense
	s := 0
	for i := 0; i < len(text); i++ {
		b := text[i]
		var next uint16
	step:
		for {
			if s < nd {
				next = m.dense[s*nc+int(m.class[b])]
				break
			}
			for e := m.first[s]; e < m.first[s+1]; e++ {
				if m.eb[e] == b {
					next = m.eto[e]
					break step
				}
			}
			s = int(m.fail[s])
		}
		s = int(next &^ outFlag)
		if next&outFlag == 0 {
			continue
		}
		o := int32(s)
		if m.out[o] < 0 {
			o = m.dict[o]
		}
		for o > 0 {
			id := m.out[o]
			end := int32(i + 1)
			dst = append(dst, hit{id: id, start: end - lens[id], end: end})
			o = m.dict[o]
		}
	}
	return dst
}
