package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/walletdesk/walletdesk/internal/desk"
)

// metrics are registered on the registry the caller passes (never the
// global default one), so that tests and several servers in one process
// do not collide.
type metrics struct {
	reg         *prometheus.Registry
	requests    *prometheus.CounterVec
	latency     *prometheus.HistogramVec
	search      *prometheus.HistogramVec
	zeroResults *prometheus.CounterVec
	weakResults *prometheus.CounterVec
	rateLimited *prometheus.CounterVec
}

func newMetrics(reg *prometheus.Registry) *metrics {
	m := &metrics{
		reg: reg,
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "walletdesk_http_requests_total", Help: "HTTP requests by route pattern, method and status code.",
		}, []string{"route", "method", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "walletdesk_http_request_duration_seconds", Help: "HTTP request latency by route pattern.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
		}, []string{"route"}),
		search: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "walletdesk_search_duration_seconds", Help: "Help-center search latency inside the process.",
			Buckets: []float64{.0001, .00025, .0005, .001, .002, .005, .01, .025, .05},
		}, []string{"kind", "locale"}),
		zeroResults: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "walletdesk_search_zero_results_total", Help: "Searches that found no article.",
		}, []string{"locale"}),
		weakResults: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "walletdesk_search_weak_results_total", Help: "Searches that found only low-confidence guesses.",
		}, []string{"locale"}),
		rateLimited: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "walletdesk_rate_limited_total", Help: "Requests refused by a rate limit, by limit class.",
		}, []string{"class"}),
	}
	reg.MustRegister(m.requests, m.latency, m.search, m.zeroResults, m.weakResults, m.rateLimited,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// ObserveSearch implements kb.Observer. Only locale and kind are labels:
// the query text never becomes a label.
func (m *metrics) ObserveSearch(kind string, loc desk.Locale, d time.Duration, results int, confident bool) {
	m.search.WithLabelValues(kind, string(loc)).Observe(d.Seconds())
	if kind != "search" {
		return
	}
	if results == 0 {
		m.zeroResults.WithLabelValues(string(loc)).Inc()
	} else if !confident {
		m.weakResults.WithLabelValues(string(loc)).Inc()
	}
}

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// statusWriter records the status code for logs and metrics.
type statusWriter struct {
	http.ResponseWriter
	code  int
	bytes int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

// Unwrap lets http.ResponseController reach Flush and deadlines.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// instrument logs and measures every request under its route pattern (not
// its path, which would give one series per article or ticket).
func (s *Server) instrument(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		if sw.code == 0 {
			sw.code = http.StatusOK
		}
		route := r.Pattern
		if route == "" {
			route = "unmatched"
		}
		d := time.Since(start)
		s.metrics.requests.WithLabelValues(route, r.Method, strconv.Itoa(sw.code)).Inc()
		s.metrics.latency.WithLabelValues(route).Observe(d.Seconds())
		if sw.code >= 500 {
			// The cause was logged where the answer was chosen (fail, recoverPanics).
			s.log.Warn("request", "method", r.Method, "route", route, "code", sw.code, "took", d)
		} else if s.log.Enabled(r.Context(), -4) {
			s.log.Debug("request", "method", r.Method, "route", route, "code", sw.code, "took", d)
		}
	})
}
