package rules

// Status is the assessment of one criterion.
type Status string

const (
	Met     Status = "met"
	NotMet  Status = "not_met"
	Unknown Status = "unknown"
)

// Outcome sums the criteria up. The portal never says "rejected": the
// authority decides.
type Outcome string

const (
	Eligible Outcome = "eligible"
	NotYet   Outcome = "not_yet"
	Review   Outcome = "review"
)

// Reason is an explanation as a message key with its arguments, so that
// every layer can say it in the reader's language.
type Reason struct {
	Key  string
	Args map[string]any
}

func reason(key string, kv ...any) Reason {
	r := Reason{Key: key}
	if len(kv) > 0 {
		r.Args = map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			r.Args[kv[i].(string)] = kv[i+1]
		}
	}
	return r
}

// Criterion is one requirement with its assessment and why.
type Criterion struct {
	ID         string
	Status     Status
	LegalBasis string
	Reason     Reason
}

// Fee is one fee item; Item is a message key.
type Fee struct {
	Item   Reason
	Amount float64
}

// Result is what every evaluation returns; the service-specific parts are
// set by their evaluations.
type Result struct {
	Date      Date
	Outcome   Outcome
	Criteria  []Criterion
	Earliest  Date // zero when not applicable
	Fees      []Fee
	Documents []string // message keys "doc.…"
	// Notices are conditions the reader must know: an estimated value, a
	// date for which the law data has no value.
	Notices []Reason

	Titles           []Title
	Chancenkarte     *Points
	Creditworthiness *Creditworthiness
}

// outcome derives the outcome from the criteria (interfaces.md).
func outcome(cs []Criterion) Outcome {
	unknown := false
	for _, c := range cs {
		switch c.Status {
		case NotMet:
			return NotYet
		case Unknown:
			unknown = true
		}
	}
	if unknown {
		return Review
	}
	return Eligible
}

// noValue turns a missing law value into an unknown criterion and a notice.
func (r *Result) noValue(id, basis string, err error) Criterion {
	r.Notices = append(r.Notices, reason("qc.notice.no_value", "Date", r.Date.String()))
	return Criterion{ID: id, Status: Unknown, LegalBasis: basis, Reason: reason("qc.no_value", "Date", r.Date.String())}
}

// estimate records that a value used is an estimate; the period's
// Estimate field is the message key that says which.
func (r *Result) estimate(key string, from Date) {
	if key != "" {
		r.Notices = append(r.Notices, reason(key, "From", from.String()))
	}
}
