package desk

import (
	"errors"
	"fmt"
	"time"
)

// Kind classifies an error so that adapters (HTTP, CLI) can answer without
// inspecting messages. The web layer maps each kind to one status code.
type Kind string

const (
	KindInvalid      Kind = "invalid"      // bad input; Fields says which
	KindNotFound     Kind = "not_found"    // missing, or not visible to the caller
	KindConflict     Kind = "conflict"     // the state forbids the change
	KindUnauthorized Kind = "unauthorized" // no or bad credentials
	KindForbidden    Kind = "forbidden"    // authenticated but not allowed
	KindRateLimited  Kind = "rate_limited" // too many requests
	KindTooLarge     Kind = "too_large"    // body or field over its limit
	KindUnavailable  Kind = "unavailable"  // a dependency is down or not configured
	KindInternal     Kind = "internal"     // a bug or an unexpected failure
)

// Error is the one error type domain packages return. Code is a stable,
// machine-readable identifier (also the key of the localized message, so the
// text shown to a user never leaks internals). Fields maps an input field to
// the code of what is wrong with it. Err is the underlying cause, for logs only.
type Error struct {
	Kind   Kind
	Code   string
	Fields map[string]string
	Err    error
	// RetryAfter tells a rate-limited client when to come back.
	RetryAfter time.Duration
}

func (e *Error) Error() string {
	msg := string(e.Kind) + ": " + e.Code
	if len(e.Fields) > 0 {
		msg += fmt.Sprintf(" %v", e.Fields)
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf builds an *Error of the given kind and code around a cause.
func Errorf(kind Kind, code string, format string, args ...any) *Error {
	var cause error
	if format != "" {
		cause = fmt.Errorf(format, args...)
	}
	return &Error{Kind: kind, Code: code, Err: cause}
}

// Invalid reports bad input; fields maps each offending field to a code.
func Invalid(code string, fields map[string]string) *Error {
	return &Error{Kind: KindInvalid, Code: code, Fields: fields}
}

// ErrNotFound is the sentinel for a missing record. Stores return it (wrapped
// or as is) instead of nil results.
var ErrNotFound = &Error{Kind: KindNotFound, Code: "not_found"}

// ErrorKind returns the kind of err, KindInternal for foreign errors and ""
// for nil.
func ErrorKind(err error) Kind {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindInternal
}

// ErrorCode returns the code of err, "internal" for foreign errors.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return "internal"
}

// IsNotFound reports whether err is of KindNotFound.
func IsNotFound(err error) bool { return ErrorKind(err) == KindNotFound }
