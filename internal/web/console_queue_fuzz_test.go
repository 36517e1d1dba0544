package web

import (
	"encoding/json"
	"net/url"
	"strconv"
	"testing"

	"github.com/walletdesk/walletdesk/internal/ticket"
)

// FuzzQueueParams: whatever a URL holds, reading the queue's filter never
// panics, and a filter it accepts holds only known values.
func FuzzQueueParams(f *testing.F) {
	for _, q := range []string{"", "status=new,open&severity=S1,S2&lang=ja&category=security&assignee=me&q=转账",
		"status=all&limit=200", "assignee=unassigned", "assignee=7", "severity=s3 s4", "lang=zh_cn", "status=,,,",
		"limit=-1", "assignee=-1", "severity=S1&severity=S9", "status=active&cursor=MS4xLjIuMw"} {
		f.Add(q, int64(3))
	}
	f.Fuzz(func(t *testing.T, raw string, me int64) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		p := queueParamsFrom(v)
		flt, err := p.filter(me)
		if err != nil {
			return
		}
		for _, s := range flt.Statuses {
			if !s.Valid() {
				t.Fatalf("accepted status %q from %q", s, raw)
			}
		}
		for _, s := range flt.Severities {
			if !s.Valid() {
				t.Fatalf("accepted severity %d from %q", s, raw)
			}
		}
		if flt.Locale != "" && !flt.Locale.Valid() {
			t.Fatalf("accepted locale %q", flt.Locale)
		}
		if flt.Limit < 0 || flt.Limit > ticket.MaxQueueLimit || flt.Assignee < ticket.Unassigned {
			t.Fatalf("accepted limit %d assignee %d", flt.Limit, flt.Assignee)
		}
		// What the page links to reads back the same.
		again, err := queueParamsFrom(p.query(true)).filter(me)
		if err != nil || len(again.Statuses) != len(flt.Statuses) || again.Assignee != flt.Assignee || again.Locale != flt.Locale {
			t.Fatalf("round trip of %q: %+v vs %+v (%v)", raw, again, flt, err)
		}
	})
}

// FuzzAssigneeChoice: the PATCH assignee is null/0, "me", or a positive id.
func FuzzAssigneeChoice(f *testing.F) {
	for _, s := range []string{`null`, `0`, `7`, `"7"`, `"me"`, `" me "`, `-3`, `true`, `"x"`, `1.5`, `{}`, `"0"`, `99999999999999999999`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, unassign, ok := assigneeChoice(json.RawMessage(raw))
		if !ok {
			return
		}
		if unassign {
			if v != "" {
				t.Fatalf("%q: unassign with value %q", raw, v)
			}
			return
		}
		if v == "me" {
			return
		}
		if n, err := strconv.ParseInt(v, 10, 64); err != nil || n <= 0 {
			t.Fatalf("%q accepted as %q", raw, v)
		}
	})
}
