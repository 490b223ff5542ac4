package rules

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
)

// Source says where a value comes from and how sure we are of it, in the
// tags of spec/law-and-standards.md: V (read in a primary source), S
// (secondary source), U (uncertain). Verified records whether and how we
// checked a U value.
type Source struct {
	Citation string `json:"source"`
	Tag      string `json:"tag"`
	Verified string `json:"verified,omitempty"`
}

// Period is one value of a parameter with its validity. To is the last day
// it applies (inclusive); zero means open-ended.
type Period[T any] struct {
	From  Date `json:"valid_from"`
	To    Date `json:"valid_to"`
	Value T    `json:"value"`
	Source
	// Estimate marks a value entered because the official one is not yet
	// known (e.g. next year's garnishment table): it is the message key of
	// the notice that evaluations using the value add to their result.
	Estimate string `json:"estimate,omitempty"`
}

// Param is a legal parameter over time.
type Param[T any] struct {
	ID      string
	Periods []Period[T]
}

// NoValueError is the explicit condition of a date for which the law data
// has no value. It is reported to the user, never papered over.
type NoValueError struct {
	Param string
	Date  Date
}

func (e *NoValueError) Error() string {
	return fmt.Sprintf("no value of %s is valid on %s", e.Param, e.Date)
}

// At returns the value valid on d.
func (p *Param[T]) At(d Date) (T, *Period[T], error) {
	for i := range p.Periods {
		pr := &p.Periods[i]
		if !d.Before(pr.From) && (pr.To.IsZero() || !d.After(pr.To)) {
			return pr.Value, pr, nil
		}
	}
	var zero T
	return zero, nil, &NoValueError{Param: p.ID, Date: d}
}

// UnmarshalJSON reads {"periods": [...]} and checks the periods: sorted,
// not overlapping, each with a source and a tag.
func (p *Param[T]) UnmarshalJSON(b []byte) error {
	var raw struct {
		Periods []Period[T] `json:"periods"`
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&raw); err != nil {
		return err
	}
	if len(raw.Periods) == 0 {
		return fmt.Errorf("no periods")
	}
	sort.Slice(raw.Periods, func(i, j int) bool { return raw.Periods[i].From.Before(raw.Periods[j].From) })
	for i, pr := range raw.Periods {
		if pr.From.IsZero() {
			return fmt.Errorf("period %d has no valid_from", i)
		}
		if !pr.To.IsZero() && pr.To.Before(pr.From) {
			return fmt.Errorf("period %d ends before it starts", i)
		}
		if pr.Citation == "" || (pr.Tag != "V" && pr.Tag != "S" && pr.Tag != "U") {
			return fmt.Errorf("period %d needs a source and a tag V, S or U", i)
		}
		if i > 0 {
			prev := raw.Periods[i-1]
			if prev.To.IsZero() || !prev.To.Before(pr.From) {
				return fmt.Errorf("periods %d and %d overlap", i-1, i)
			}
		}
	}
	p.Periods = raw.Periods
	return nil
}
