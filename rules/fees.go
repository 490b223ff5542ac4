package rules

import (
	"fmt"
	"math"
)

// ServiceFees lists the fees of a service valid on d, as the information
// pages show them: the full catalogue of the service. ok is false when
// the law data has no fees for d. The Quick-Check results use the same
// items (naturalisation, Verpflichtungserklärung) or a subset (residence
// titles: issue and fast-track procedure).
func (l *Law) ServiceFees(service string, d Date) (fees []Fee, ok bool) {
	switch service {
	case "einbuergerung":
		f, _, err := l.NatFees.At(d)
		if err != nil {
			return nil, false
		}
		return []Fee{{Item: reason("qc.fee.nat_adult"), Amount: f.Adult}, {Item: reason("qc.fee.nat_minor"), Amount: f.Minor}}, true
	case "aufenthaltstitel":
		f, _, err := l.EmpFees.At(d)
		if err != nil {
			return nil, false
		}
		return []Fee{{Item: reason("qc.fee.residence_permit"), Amount: f.ResidencePermit},
			{Item: reason("qc.fee.settlement_permit"), Amount: f.SettlementPermit},
			{Item: reason("qc.fee.settlement_permit_hq"), Amount: f.SettlementPermitHighlyQualified},
			{Item: reason("qc.fee.accelerated"), Amount: f.AcceleratedProcedure}}, true
	case "verpflichtungserklaerung":
		f, _, err := l.VEFee.At(d)
		if err != nil {
			return nil, false
		}
		return []Fee{{Item: reason("qc.fee.ve"), Amount: f}}, true
	}
	return nil, false
}

// FeeFacts are what the fee of one case depends on.
type FeeFacts struct {
	Service string
	// Basis is the id of the Rechtsgrundlage (case.legal_bases) set on the
	// case, or the one applied for.
	Basis string
	// Extension is an application to extend a residence title.
	Extension bool
	// Persons are the people on the case; who pays what follows from
	// their roles and ages.
	Persons []FeePerson
}

// FeePerson is one person on a case as far as the fee is concerned.
type FeePerson struct {
	Role  string // applicant, co_applicant, obligor, guest (smd.PersonRole)
	Birth Date   // zero when not known
}

// FeeItem is one line of a fee: Count times UnitCents. ID names the fee
// act ("nat_adult", "nat_minor", "residence_permit",
// "residence_permit_extension", "settlement_permit", "ve"); the pages and
// letters word it.
type FeeItem struct {
	ID        string `json:"id"`
	Count     int    `json:"count"`
	UnitCents int64  `json:"unit_cents"`
	Cents     int64  `json:"cents"`
}

// FeeSuggestion is the fee the law data gives for a case: a proposal the
// caseworker confirms or departs from with a reason (§ 38 Abs. 4 StAG,
// §§ 50 ff. AufenthV allow reductions and exemptions that the data does
// not decide).
type FeeSuggestion struct {
	Items      []FeeItem
	TotalCents int64
	// Sources are the citations of the fee parameters used.
	Sources []string
}

// SuggestFee computes the fee of a case on d, the date of the decision
// (never the date of the application):
//
//   - naturalisation: the full fee for the applicant and every adult
//     co-applicant, the reduced fee for every co-naturalised minor (under
//     18 on d; a person without a known birth date counts as adult, since
//     the reduction must be shown, and § 38 StAG grants it only without
//     own income, which the caseworker checks);
//   - residence title: the settlement permit for § 18c AufenthG, the
//     extension fee for an extension, otherwise the issue fee;
//   - Verpflichtungserklärung: the fee once per obligor (at least one).
//
// It returns a *NoValueError when the law data has no fee for d and an
// error for an unknown service. Amounts are cents: the law data keeps
// euros, and they are converted here, once.
func (l *Law) SuggestFee(f FeeFacts, d Date) (*FeeSuggestion, error) {
	s := &FeeSuggestion{}
	add := func(id string, count int, eur float64) {
		if count > 0 {
			unit := toCents(eur)
			s.Items = append(s.Items, FeeItem{ID: id, Count: count, UnitCents: unit, Cents: unit * int64(count)})
			s.TotalCents += unit * int64(count)
		}
	}
	switch f.Service {
	case "einbuergerung":
		fees, p, err := l.NatFees.At(d)
		if err != nil {
			return nil, err
		}
		adults, minors := 0, 0
		for _, pr := range f.Persons {
			switch {
			case pr.Role == "applicant":
				adults++
			case pr.Role != "co_applicant":
			case !pr.Birth.IsZero() && FullYears(pr.Birth, d) < 18:
				minors++
			default:
				adults++
			}
		}
		add("nat_adult", max(adults, 1), fees.Adult)
		add("nat_minor", minors, fees.Minor)
		s.Sources = append(s.Sources, p.Citation)
	case "aufenthaltstitel":
		fees, p, err := l.EmpFees.At(d)
		if err != nil {
			return nil, err
		}
		switch {
		case f.Basis == "18c":
			add("settlement_permit", 1, fees.SettlementPermit)
		case f.Extension:
			add("residence_permit_extension", 1, fees.ResidencePermitExtension)
		default:
			add("residence_permit", 1, fees.ResidencePermit)
		}
		s.Sources = append(s.Sources, p.Citation)
	case "verpflichtungserklaerung":
		fee, p, err := l.VEFee.At(d)
		if err != nil {
			return nil, err
		}
		obligors := 0
		for _, pr := range f.Persons {
			if pr.Role == "obligor" {
				obligors++
			}
		}
		add("ve", max(obligors, 1), fee)
		s.Sources = append(s.Sources, p.Citation)
	default:
		return nil, fmt.Errorf("rules: no fees for service %q", f.Service)
	}
	return s, nil
}

// toCents turns a euro amount of the law data into cents.
func toCents(eur float64) int64 { return int64(math.Round(eur * 100)) }
