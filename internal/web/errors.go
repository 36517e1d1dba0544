package web

import (
	"encoding/json"
	"errors"
	"math"
	"net/http"
	"strconv"
	"strings"

	"github.com/walletdesk/walletdesk/internal/desk"
)

// status maps an error kind to its HTTP status: the one place where domain
// errors meet HTTP.
func status(k desk.Kind) int {
	switch k {
	case desk.KindInvalid:
		return http.StatusUnprocessableEntity
	case desk.KindNotFound:
		return http.StatusNotFound
	case desk.KindConflict:
		return http.StatusConflict
	case desk.KindUnauthorized:
		return http.StatusUnauthorized
	case desk.KindForbidden:
		return http.StatusForbidden
	case desk.KindRateLimited:
		return http.StatusTooManyRequests
	case desk.KindTooLarge:
		return http.StatusRequestEntityTooLarge
	case desk.KindUnavailable:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

type apiError struct {
	Error apiErrorBody `json:"error"`
}

type apiErrorBody struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
}

// fail answers with err: JSON under /api/, an HTML page elsewhere. The
// message is the localized text of the error's code; internals go to the
// log only.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	kind := desk.ErrorKind(err)
	code := desk.ErrorCode(err)
	var fields map[string]string
	var de *desk.Error
	if errors.As(err, &de) {
		fields = de.Fields
	}
	st := status(kind)
	if de != nil && de.RetryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(de.RetryAfter.Seconds()))))
	}
	switch {
	case kind == desk.KindUnavailable:
		// A feature not set up, or a chain node that does not answer: the
		// operator should know, but nothing in walletdesk broke.
		s.log.Warn("request failed", "route", r.Pattern, "kind", kind, "err", err)
	case st >= 500:
		s.log.Error("request failed", "route", r.Pattern, "kind", kind, "err", err)
	}
	loc := s.locale(r)
	msgKey := "error." + code
	if !s.cat.Has(msgKey) {
		msgKey = "error." + string(kind)
	}
	body := apiErrorBody{Code: code, Message: s.cat.T(loc, msgKey)}
	if len(fields) > 0 {
		body.Fields = make(map[string]string, len(fields))
		for f, c := range fields {
			if s.cat.Has("field." + c) {
				body.Fields[f] = s.cat.T(loc, "field."+c)
			} else {
				body.Fields[f] = s.cat.T(loc, "field.invalid")
			}
		}
	}
	if isAPI(r) {
		writeJSON(w, st, apiError{body})
		return
	}
	s.renderStatus(w, r, st, "error", s.newPage(r, s.cat.T(loc, "error.title"), errorPage{Status: st, Message: body.Message, Fields: body.Fields}))
}

type errorPage struct {
	Status  int
	Message string
	Fields  map[string]string
}

func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	_ = enc.Encode(v)
}

// decodeJSON reads a JSON body of at most MaxBodyBytes into v, refusing
// unknown fields and trailing data, with errors the client can act on.
func (s *Server) decodeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
		return desk.Invalid("invalid_json", nil)
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes)
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return &desk.Error{Kind: desk.KindTooLarge, Code: "too_large", Err: err}
		}
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) && typeErr.Field != "" {
			return &desk.Error{Kind: desk.KindInvalid, Code: "invalid_input", Fields: map[string]string{typeErr.Field: "invalid"}, Err: err}
		}
		return &desk.Error{Kind: desk.KindInvalid, Code: "invalid_json", Err: err}
	}
	if dec.More() {
		return desk.Invalid("invalid_json", nil)
	}
	return nil
}

func asDeskError(err error) *desk.Error {
	var de *desk.Error
	if errors.As(err, &de) {
		return de
	}
	return nil
}
