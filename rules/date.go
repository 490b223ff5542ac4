// Package rules holds the law as data and evaluates it at a date: every
// legal parameter (residence years, thresholds, fees, garnishment tables,
// document lists) has periods with valid_from, valid_to and a source, in
// law.json. The Quick-Check uses it now; the application forms and the
// caseworker checklist are meant to use the same evaluations, so the
// evaluation functions take plain facts and return criteria with reasons,
// never web or API types.
package rules

import (
	"fmt"
	"time"
)

// Date is a calendar date without time of day or zone, as the law counts.
type Date struct{ t time.Time }

// ParseDate accepts exactly YYYY-MM-DD and refuses dates that do not exist
// (2026-02-30).
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil || t.Format(time.DateOnly) != s {
		return Date{}, fmt.Errorf("%q is not a date of the form YYYY-MM-DD", s)
	}
	return Date{t}, nil
}

// MustDate is ParseDate for constants in tests and data; it panics on a bad date.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// DateOf returns the calendar date of t in Europe/Berlin.
func DateOf(t time.Time) Date {
	y, m, d := t.In(berlin).Date()
	return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// IsZero reports whether d is unset.
func (d Date) IsZero() bool { return d.t.IsZero() }

func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format(time.DateOnly)
}

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool { return d.t.Before(e.t) }

// After reports whether d is later than e.
func (d Date) After(e Date) bool { return d.t.After(e.t) }

// AddYears adds n years; 29 February becomes 1 March in other years, as
// § 188 BGB counts a period that ends on a day a month does not have.
func (d Date) AddYears(n int) Date { return Date{d.t.AddDate(n, 0, 0)} }

// AddMonths adds n months (with the same overflow rule).
func (d Date) AddMonths(n int) Date { return Date{d.t.AddDate(0, n, 0)} }

// AddDays adds n days.
func (d Date) AddDays(n int) Date { return Date{d.t.AddDate(0, 0, n)} }

// FullYears returns the completed years from d to e (0 when e is before d).
func FullYears(d, e Date) int {
	if e.Before(d) {
		return 0
	}
	y := e.t.Year() - d.t.Year()
	if d.AddYears(y).After(e) {
		y--
	}
	return y
}

// MarshalText implements encoding.TextMarshaler.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler with ParseDate's rules.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

var berlin = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		panic(err)
	}
	return loc
}()
