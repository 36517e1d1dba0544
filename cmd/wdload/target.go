package main

import (
	"fmt"
	"math/rand/v2"
	"net"
	"net/url"
	"strconv"
	"strings"
)

// target is a URL template: literal text with {seq} (the request's number,
// from 1) and {rand:LO-HI} (a random integer in [LO, HI]) placeholders.
type target struct {
	raw   string
	parts []part
}

type part struct {
	lit    string
	kind   byte // 0 literal, 's' seq, 'r' rand
	lo, hi int64
}

func parseTarget(raw string) (*target, error) {
	t := &target{raw: raw}
	rest := raw
	for rest != "" {
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			t.parts = append(t.parts, part{lit: rest})
			break
		}
		if i > 0 {
			t.parts = append(t.parts, part{lit: rest[:i]})
		}
		j := strings.IndexByte(rest[i:], '}')
		if j < 0 {
			return nil, fmt.Errorf("%s: unclosed {", raw)
		}
		name := rest[i+1 : i+j]
		switch {
		case name == "seq":
			t.parts = append(t.parts, part{kind: 's'})
		case strings.HasPrefix(name, "rand:"):
			lo, hi, ok := strings.Cut(strings.TrimPrefix(name, "rand:"), "-")
			a, err1 := strconv.ParseInt(lo, 10, 64)
			b, err2 := strconv.ParseInt(hi, 10, 64)
			if !ok || err1 != nil || err2 != nil || a > b || a < 0 {
				return nil, fmt.Errorf("%s: {%s}: want {rand:LO-HI} with 0 <= LO <= HI", raw, name)
			}
			t.parts = append(t.parts, part{kind: 'r', lo: a, hi: b})
		default:
			return nil, fmt.Errorf("%s: unknown placeholder {%s} (known: {seq}, {rand:LO-HI})", raw, name)
		}
		rest = rest[i+j+1:]
	}
	// Check the URL with placeholders filled, so that a bad host is caught
	// before the first request.
	u, err := url.Parse(t.expand(1, rand.New(rand.NewPCG(1, 1))))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", raw, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("%s: scheme must be http or https", raw)
	}
	if !loopback(u.Hostname()) {
		return nil, fmt.Errorf("%s: wdload only loads this machine (localhost, 127.0.0.0/8, ::1)", raw)
	}
	return t, nil
}

func loopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func (t *target) expand(seq int64, r *rand.Rand) string {
	if len(t.parts) == 1 && t.parts[0].kind == 0 {
		return t.parts[0].lit
	}
	var b strings.Builder
	for _, p := range t.parts {
		switch p.kind {
		case 's':
			b.WriteString(strconv.FormatInt(seq, 10))
		case 'r':
			b.WriteString(strconv.FormatInt(p.lo+r.Int64N(p.hi-p.lo+1), 10))
		default:
			b.WriteString(p.lit)
		}
	}
	return b.String()
}
