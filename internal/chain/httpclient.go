package chain

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"
)

// errTooLarge reports a response over the size limit: a node that answers
// with megabytes for a single transaction is broken or hostile.
var errTooLarge = errors.New("response exceeds the size limit")

// errNotFound is an HTTP 404 from a REST API (Esplora answers unknown
// transactions that way).
var errNotFound = errors.New("not found")

// errRateLimited is an HTTP 429.
var errRateLimited = errors.New("rate limited by the node (HTTP 429)")

// limitedBody fails a read past max bytes instead of silently truncating, so
// the error says what happened.
type limitedBody struct {
	rc   io.ReadCloser
	left int64
}

func (b *limitedBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		// One probe byte tells a body of exactly max bytes from a longer one.
		var one [1]byte
		n, err := b.rc.Read(one[:])
		if n > 0 {
			return 0, errTooLarge
		}
		return 0, err
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.rc.Read(p)
	b.left -= int64(n)
	return n, err
}

func (b *limitedBody) Close() error { return b.rc.Close() }

// limitTransport caps every response body, including the ones that the
// go-ethereum RPC client reads (it has no limit of its own).
type limitTransport struct {
	base http.RoundTripper
	max  int64
}

func (t limitTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	resp.Body = &limitedBody{rc: resp.Body, left: t.max}
	return resp, nil
}

// newHTTPClient returns a client for configured endpoints only: redirects are
// refused (a redirect would send the request somewhere not configured) and
// bodies are capped.
func newHTTPClient(timeout time.Duration, maxBody int64) *http.Client {
	base := http.DefaultTransport.(*http.Transport).Clone()
	base.MaxIdleConnsPerHost = 8
	base.ResponseHeaderTimeout = timeout
	return &http.Client{
		Transport: limitTransport{base: base, max: maxBody},
		Timeout:   timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}

// restClient speaks JSON over HTTP to one configured base URL.
type restClient struct {
	base    string // without trailing slash
	hc      *http.Client
	headers map[string]string
	timeout time.Duration
}

// do sends one request and returns the body of a 2xx answer. 404 maps to
// errNotFound and 429 to errRateLimited so callers can tell "unknown" from
// "unreachable".
func (c *restClient) do(ctx context.Context, method, path string, body any) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return nil, err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, rd)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range c.headers {
		req.Header.Set(k, v)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, scrubURLError(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	switch {
	case resp.StatusCode == http.StatusNotFound:
		return nil, errNotFound
	case resp.StatusCode == http.StatusTooManyRequests:
		return nil, errRateLimited
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return nil, fmt.Errorf("%s %s: HTTP %d", method, path, resp.StatusCode)
	}
	return data, nil
}

// scrubURLError drops the URL from a transport error: provider URLs carry API
// keys and errors reach the logs.
func scrubURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Errorf("%s request failed: %w", ue.Op, ue.Err)
	}
	return err
}
