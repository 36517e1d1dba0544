package web

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"sync/atomic"
	"testing"
)

// BenchmarkAPISearch sends the evaluation queries to the search API over
// loopback HTTP from parallel clients.
func BenchmarkAPISearch(b *testing.B) {
	e := newTestEnv(b, Config{})
	f, err := os.Open("../kb/testdata/search-eval.jsonl")
	if err != nil {
		b.Skip(err)
	}
	var urls []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var c struct{ Q, Locale string }
		json.Unmarshal(sc.Bytes(), &c)
		urls = append(urls, e.ts.URL+"/api/v1/kb/search?locale="+c.Locale+"&q="+url.QueryEscape(c.Q))
	}
	f.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	var n atomic.Int64
	b.SetParallelism(8)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			resp, err := client.Get(urls[n.Add(1)%int64(len(urls))])
			if err != nil {
				b.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
	})
}
