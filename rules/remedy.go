package rules

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// RemedyKind is the Rechtsbehelf a Bescheid names: Widerspruch at the
// authority (§§ 68 ff. VwGO) where the Land keeps the Vorverfahren, or
// Klage at the Verwaltungsgericht where the Land abolished it (§ 68 Abs. 1
// S. 2 VwGO lets Land law do so).
type RemedyKind string

const (
	Widerspruch RemedyKind = "widerspruch"
	Klage       RemedyKind = "klage"
)

// RemedyRule is one row of the Länder table: which remedy applies in a
// Land, per service, from when, and on what authority. Each row carries
// its own source and tag because the Länder rules come from different
// statutes with different degrees of certainty.
type RemedyRule struct {
	Land  string                `json:"land"` // two-letter code as on the authority ("NW")
	From  Date                  `json:"valid_from"`
	To    Date                  `json:"valid_to"`
	Kinds map[string]RemedyKind `json:"kinds"` // service → kind
	Source
}

// RemedyTable is the value of "case.legal_remedies". A Land that is not in
// the table has no rule: the letter then says so instead of guessing.
type RemedyTable []RemedyRule

// UnmarshalJSON checks every row: a Land, a start, a source with a tag
// (and for U a record of what was verified), and only known kinds.
func (t *RemedyTable) UnmarshalJSON(b []byte) error {
	var rows []RemedyRule
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rows); err != nil {
		return err
	}
	for i, r := range rows {
		switch {
		case len(r.Land) != 2:
			return fmt.Errorf("remedy row %d: land must be a two-letter code", i)
		case r.From.IsZero():
			return fmt.Errorf("remedy row %d (%s) has no valid_from", i, r.Land)
		case !r.To.IsZero() && r.To.Before(r.From):
			return fmt.Errorf("remedy row %d (%s) ends before it starts", i, r.Land)
		case r.Citation == "" || (r.Tag != "V" && r.Tag != "S" && r.Tag != "U"):
			return fmt.Errorf("remedy row %d (%s) needs a source and a tag V, S or U", i, r.Land)
		case r.Tag == "U" && r.Verified == "":
			return fmt.Errorf("remedy row %d (%s) is tagged U without a record of what was verified", i, r.Land)
		case len(r.Kinds) == 0:
			return fmt.Errorf("remedy row %d (%s) names no service", i, r.Land)
		}
		for svc, k := range r.Kinds {
			if k != Widerspruch && k != Klage {
				return fmt.Errorf("remedy row %d (%s): unknown kind %q for %s", i, r.Land, k, svc)
			}
		}
		for j := range i {
			if p := rows[j]; p.Land == r.Land && overlaps(p.From, p.To, r.From, r.To) {
				return fmt.Errorf("remedy rows %d and %d (%s) overlap", j, i, r.Land)
			}
		}
	}
	*t = rows
	return nil
}

// overlaps reports whether two validity ranges share a day; a zero end is open.
func overlaps(aFrom, aTo, bFrom, bTo Date) bool {
	return (aTo.IsZero() || !aTo.Before(bFrom)) && (bTo.IsZero() || !bTo.Before(aFrom))
}

// Remedy returns the remedy against a decision of an authority in land
// about service on d, with the row that says so. It returns a
// *NoValueError when the table has no row for the Land, the service or the
// date: the caller must then say that it does not know (never pick one).
func (l *Law) Remedy(land, service string, d Date) (RemedyKind, *RemedyRule, error) {
	missing := &NoValueError{Param: l.LegalRemedies.ID + "/" + land + "/" + service, Date: d}
	table, _, err := l.LegalRemedies.At(d)
	if err != nil {
		return "", nil, err
	}
	for i := range table {
		r := &table[i]
		if r.Land != land || d.Before(r.From) || (!r.To.IsZero() && d.After(r.To)) {
			continue
		}
		if k, ok := r.Kinds[service]; ok {
			return k, r, nil
		}
		return "", nil, missing
	}
	return "", nil, missing
}
