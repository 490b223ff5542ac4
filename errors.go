package smd

import (
	"errors"
	"fmt"
)

// Error codes classify every error once, so that each edge (HTML pages, JSON
// API, command line) maps a code to a status, a message and a log level in
// exactly one place.
const (
	// ENOTFOUND: the thing does not exist, or exists for another authority.
	// The two are deliberately indistinguishable: tenants are walls.
	ENOTFOUND = "not_found"
	// EINVALID: the caller's input is wrong; the message says what to fix.
	EINVALID = "invalid"
	// EUNAUTHORIZED: the caller is not signed in, or the credentials are wrong.
	EUNAUTHORIZED = "unauthorized"
	// EFORBIDDEN: the caller is known but may not do this (role, lockout).
	EFORBIDDEN = "forbidden"
	// ECONFLICT: the request collides with the current state, e.g. a stale
	// case version; retrying after a reload may succeed.
	ECONFLICT = "conflict"
	// EINTERNAL: anything else. Its message is never shown to users.
	EINTERNAL = "internal"
)

// Error is a classified error with a message that is safe to show to the
// user who caused it. Wrap the underlying cause with Err for the logs.
type Error struct {
	Code    string
	Message string
	Err     error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns a classified error whose message is safe to show.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL for
// any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the safe message of err, or a generic one for errors
// that are not classified (their text may leak internals).
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Code != EINTERNAL {
		return e.Message
	}
	return "Ein interner Fehler ist aufgetreten."
}
