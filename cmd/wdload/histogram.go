package main

import (
	"math"
	"time"
)

// histogram records latencies in bounded memory: exact to the microsecond
// below one millisecond, then in steps of 1% (the error a percentile may
// carry), up to an hour. Each client keeps its own; they are merged at the
// end, so recording takes no lock.
type histogram struct {
	counts []uint64
	n      uint64
	max    time.Duration
}

const (
	linearMicros = 1000 // exact below 1 ms
	logStep      = 1.01 // then 1% buckets
)

var logBuckets = int(math.Ceil(math.Log(float64(time.Hour/time.Microsecond)/linearMicros)/math.Log(logStep))) + 1

func newHistogram() *histogram {
	return &histogram{counts: make([]uint64, linearMicros+logBuckets)}
}

func bucketOf(d time.Duration) int {
	us := d.Microseconds()
	if us < linearMicros {
		return int(max(us, 0))
	}
	i := linearMicros + int(math.Log(float64(us)/linearMicros)/math.Log(logStep))
	return min(i, linearMicros+logBuckets-1)
}

// upper is the largest duration bucket i holds.
func upper(i int) time.Duration {
	if i < linearMicros {
		return time.Duration(i) * time.Microsecond
	}
	return time.Duration(linearMicros*math.Pow(logStep, float64(i-linearMicros+1))) * time.Microsecond
}

func (h *histogram) add(d time.Duration) {
	h.counts[bucketOf(d)]++
	h.n++
	h.max = max(h.max, d)
}

func (h *histogram) merge(o *histogram) {
	for i, c := range o.counts {
		h.counts[i] += c
	}
	h.n += o.n
	h.max = max(h.max, o.max)
}

// quantile returns the latency below which a share q of the requests
// finished (never above the maximum seen).
func (h *histogram) quantile(q float64) time.Duration {
	if h.n == 0 {
		return 0
	}
	rank := uint64(math.Ceil(q * float64(h.n)))
	rank = max(rank, 1)
	var seen uint64
	for i, c := range h.counts {
		seen += c
		if seen >= rank {
			return min(upper(i), h.max)
		}
	}
	return h.max
}
