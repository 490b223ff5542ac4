package rules

import (
	"math"
	"slices"
)

// Guest is one person the obligor invites.
type Guest struct {
	Minor bool `json:"minor"`
}

// VEFacts are the Verpflichtungserklärung facts of interfaces.md.
type VEFacts struct {
	ObligorStatus       *string
	MonthlyNetIncomeEUR *float64
	Dependants          *int
	Guests              *[]Guest
}

// ObligorStatuses are the values of obligor_status.
var ObligorStatuses = []string{"german", "eu_citizen", "niederlassungserlaubnis", "daueraufenthalt_eu", "aufenthaltserlaubnis",
	"blaue_karte", "company", "visa", "duldung", "aufenthaltsgestattung", "fiktionsbescheinigung"}

// Creditworthiness is the § 850c ZPO computation.
type Creditworthiness struct {
	Garnishable float64
	// Required is nil when no authority setting gives a requirement.
	Required *float64
}

// Garnishable returns the garnishable part of a monthly net income under
// § 850c ZPO with table t: the income rounded down to a multiple of 10 EUR,
// minus the free amount for the dependants, times the share for their
// number.
func Garnishable(net float64, dependants int, t GarnishmentTable) float64 {
	net = math.Floor(net/10) * 10
	free := t.Base
	if dependants >= 1 {
		free += t.First
	}
	for i := 2; i <= dependants && i <= 5; i++ {
		free += t.Further
	}
	if net <= free {
		return 0
	}
	share := t.Shares[min(dependants, len(t.Shares)-1)]
	return cents((net - free) * share)
}

// VEOptions carry the responsible authority's settings. A nil Requirement
// means the deployment default of law.json (ve.default_requirement);
// NoRequirement says the authority has none, so creditworthiness cannot be
// judged.
type VEOptions struct {
	Requirement   *Requirement
	NoRequirement bool
}

// Obligation evaluates a Verpflichtungserklärung: may the obligor sign
// (VE-03) and is the garnishable income enough for the guests (VE-07).
func (l *Law) Obligation(f VEFacts, d Date, o VEOptions) *Result {
	r := &Result{Date: d, Creditworthiness: &Creditworthiness{}}
	r.Criteria = append(r.Criteria, l.veSigner(r, f, d), l.veCredit(r, f, d, o))
	r.Outcome = outcome(r.Criteria)
	if fees, ok := l.ServiceFees("verpflichtungserklaerung", d); ok {
		r.Fees = fees
	} else {
		r.Notices = append(r.Notices, reason("qc.notice.no_value", "Date", d.String()))
	}
	r.Documents = []string{"doc.passport", "doc.residence_permit", "doc.payslips", "doc.rental_contract", "doc.guest_passport"}
	if f.ObligorStatus != nil && (*f.ObligorStatus == "german" || *f.ObligorStatus == "eu_citizen") {
		r.Documents = slices.DeleteFunc(r.Documents, func(s string) bool { return s == "doc.residence_permit" })
	}
	if f.ObligorStatus != nil && *f.ObligorStatus == "company" {
		r.Documents = []string{"doc.company_register", "doc.company_accounts", "doc.guest_passport"}
	}
	return r
}

func (l *Law) veSigner(r *Result, f VEFacts, d Date) Criterion {
	const id, basis = "VE-03", "§ 68 AufenthG"
	st, _, err := l.VESigningStatuses.At(d)
	if err != nil {
		return r.noValue(id, basis, err)
	}
	switch {
	case f.ObligorStatus == nil:
		return Criterion{id, Unknown, basis, reason("qc.ve03.unknown")}
	case slices.Contains(st.Allowed, *f.ObligorStatus):
		return Criterion{id, Met, basis, reason("qc.ve03.met")}
	case slices.Contains(st.Refused, *f.ObligorStatus):
		return Criterion{id, NotMet, basis, reason("qc.ve03.not_met")}
	}
	return Criterion{id, Unknown, basis, reason("qc.ve03.unknown")}
}

func (l *Law) veCredit(r *Result, f VEFacts, d Date, o VEOptions) Criterion {
	const id, basis = "VE-07", "§ 68 AufenthG, § 850c ZPO"
	table, period, err := l.VEGarnishment.At(d)
	if err != nil {
		return r.noValue(id, basis, err)
	}
	r.estimate(period.Estimate, period.From)
	cw := r.Creditworthiness
	deps := 0
	if f.Dependants != nil {
		deps = *f.Dependants
	}
	if f.MonthlyNetIncomeEUR != nil {
		cw.Garnishable = Garnishable(*f.MonthlyNetIncomeEUR, deps, table)
	}
	req := o.Requirement
	if req == nil && !o.NoRequirement {
		if def, _, err := l.VEDefaultRequirement.At(d); err == nil {
			req = &def
		}
	}
	rate, _, rateErr := l.VEStandardRate.At(d)
	if req != nil && rateErr == nil && f.Guests != nil {
		total := 0.0
		for _, g := range *f.Guests {
			if g.Minor {
				total += req.MinorShare * rate
			} else {
				total += req.AdultShare * rate
			}
		}
		total = cents(total)
		cw.Required = &total
	}
	switch {
	case f.ObligorStatus != nil && *f.ObligorStatus == "company":
		return Criterion{id, Unknown, basis, reason("qc.ve07.company")}
	case req == nil || rateErr != nil:
		return Criterion{id, Unknown, basis, reason("qc.ve07.no_setting")}
	case f.MonthlyNetIncomeEUR == nil || f.Dependants == nil || f.Guests == nil:
		return Criterion{id, Unknown, basis, reason("qc.ve07.unknown")}
	case cw.Garnishable >= *cw.Required:
		return Criterion{id, Met, basis, reason("qc.ve07.met", "Garnishable", cw.Garnishable, "Required", *cw.Required)}
	}
	return Criterion{id, NotMet, basis, reason("qc.ve07.not_met", "Garnishable", cw.Garnishable, "Required", *cw.Required)}
}
