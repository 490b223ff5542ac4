package rules

import (
	"testing"
)

// The test vectors of spec/law-and-standards.md, section by section.

func ptr[T any](v T) *T { return &v }

func law(t *testing.T) *Law {
	t.Helper()
	l, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func criterion(r *Result, id string) Criterion {
	for _, c := range r.Criteria {
		if c.ID == id {
			return c
		}
	}
	return Criterion{}
}

// § 1.4: § 12a StAG conviction thresholds.
func TestVectorsConvictions(t *testing.T) {
	l := law(t)
	cases := []struct {
		name string
		c    []Conviction
		want Status
	}{
		{"1 fine 60 TS", []Conviction{{Type: "fine", DailyRates: 60}}, Met},
		{"fines 60 + 40 TS", []Conviction{{Type: "fine", DailyRates: 60}, {Type: "fine", DailyRates: 40}}, NotMet},
		{"2 months suspended remitted + 30 TS", []Conviction{{Type: "prison", Months: 2, Suspended: true, Remitted: true}, {Type: "fine", DailyRates: 30}}, Met},
		{"3 months suspended, probation running", []Conviction{{Type: "prison", Months: 3, Suspended: true}}, NotMet},
		{"40 TS antisemitic motive", []Conviction{{Type: "fine", DailyRates: 40, HateMotive: true}}, NotMet},
		{"4 months suspended remitted", []Conviction{{Type: "prison", Months: 4, Suspended: true, Remitted: true}}, NotMet},
		{"youth measure", []Conviction{{Type: "youth_measure"}}, Met},
		{"none", []Conviction{}, Met},
	}
	for _, c := range cases {
		r := l.Naturalisation(NatFacts{Convictions: &c.c}, MustDate("2026-11-22"))
		if got := criterion(r, "NAT-08").Status; got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
	r := l.Naturalisation(NatFacts{Convictions: &[]Conviction{}, PendingInvestigation: ptr(true)}, MustDate("2026-11-22"))
	if criterion(r, "NAT-08").Status != Unknown {
		t.Error("pending investigation must leave NAT-08 unknown")
	}
}

// § 2.4: Chancenkarte points.
func TestVectorsChancenkarte(t *testing.T) {
	l := law(t)
	d := MustDate("2026-11-22")
	cases := []struct {
		name string
		f    EmpFacts
		want int
		pass bool
	}{
		{"age 30, B1, 5/7", EmpFacts{BirthDate: ptr(d.AddYears(-30)), GermanLevel: ptr("B1"), ExperienceYearsLast7: ptr(5.0)}, 7, true},
		{"age 37, A2, English C1, 2/5", EmpFacts{BirthDate: ptr(d.AddYears(-37)), GermanLevel: ptr("A2"), EnglishLevel: ptr("C1"), ExperienceYearsLast5: ptr(2.0)}, 5, false},
		{"age 29, partial recognition, A1", EmpFacts{BirthDate: ptr(d.AddYears(-29)), PartialRecognition: ptr(true), GermanLevel: ptr("A1")}, 6, true},
	}
	for _, c := range cases {
		age := FullYears(*c.f.BirthDate, d)
		p, err := l.ChancenkartePoints(c.f, age, d)
		if err != nil {
			t.Fatal(err)
		}
		if p.Total != c.want || (p.Total >= p.Min) != c.pass {
			t.Errorf("%s: %d points (%+v), want %d", c.name, p.Total, p.Breakdown, c.want)
		}
	}
	// The third applicant meets the Chancenkarte with a secured livelihood.
	f := cases[2].f
	f.LivelihoodSecured = ptr(true)
	f.Qualification = ptr("comparable_foreign_degree")
	r := l.Employment(f, d)
	for _, tt := range r.Titles {
		if tt.Title == "20a" && tt.Status != Met {
			t.Errorf("20a for the third vector: %s (%s)", tt.Status, tt.Reason.Key)
		}
	}
}

// § 3.2 and § 5.5: garnishable income.
func TestVectorsGarnishment(t *testing.T) {
	l := law(t)
	t2023, _, _ := l.VEGarnishment.At(MustDate("2024-01-15"))
	t2025, _, _ := l.VEGarnishment.At(MustDate("2025-09-01"))
	cases := []struct {
		table GarnishmentTable
		net   float64
		deps  int
		want  float64
	}{
		{t2023, 3280, 2, 422.38}, {t2023, 3270, 2, 418.38}, {t2025, 2000, 0, 311.50}, {t2025, 3500, 2, 413.49},
		{t2025, 1559.99, 0, 0}, {t2025, 1565, 0, 0.7 * 5}, {t2025, 9999, 7, Garnishable(9999, 5, t2025)},
	}
	for _, c := range cases {
		if got := Garnishable(c.net, c.deps, c.table); got != c.want {
			t.Errorf("Garnishable(%v, %d) = %v, want %v", c.net, c.deps, got, c.want)
		}
	}
	// Bochum: 2 dependants, 1 adult and 1 minor guest need 422.25 EUR.
	f := VEFacts{ObligorStatus: ptr("german"), MonthlyNetIncomeEUR: ptr(3280.0), Dependants: ptr(2), Guests: &[]Guest{{}, {Minor: true}}}
	r := l.Obligation(f, MustDate("2024-04-15"), VEOptions{})
	if *r.Creditworthiness.Required != 422.25 || r.Creditworthiness.Garnishable != 422.38 || criterion(r, "VE-07").Status != Met || r.Outcome != Eligible {
		t.Errorf("3,280 EUR: %+v %s", r.Creditworthiness, criterion(r, "VE-07").Status)
	}
	f.MonthlyNetIncomeEUR = ptr(3270.0)
	r = l.Obligation(f, MustDate("2024-04-15"), VEOptions{})
	if criterion(r, "VE-07").Status != NotMet || r.Outcome != NotYet {
		t.Errorf("3,270 EUR: %s", criterion(r, "VE-07").Status)
	}
	// Without an authority setting creditworthiness stays unknown.
	r = l.Obligation(f, MustDate("2024-04-15"), VEOptions{NoRequirement: true})
	if criterion(r, "VE-07").Status != Unknown || r.Creditworthiness.Required != nil {
		t.Error("no setting must leave VE-07 unknown and required null")
	}
	// After 2026-06-30 the 2025 table is used as an estimate, and the result says so.
	r = l.Obligation(f, MustDate("2026-11-22"), VEOptions{})
	if len(r.Notices) != 1 || r.Notices[0].Key != "qc.notice.garnishment_estimate" {
		t.Errorf("estimate notice: %+v", r.Notices)
	}
	// Who may sign.
	for status, want := range map[string]Status{"duldung": NotMet, "visa": NotMet, "fiktionsbescheinigung": NotMet, "niederlassungserlaubnis": Met, "company": Met} {
		r := l.Obligation(VEFacts{ObligorStatus: ptr(status)}, MustDate("2026-01-10"), VEOptions{})
		if got := criterion(r, "VE-03").Status; got != want {
			t.Errorf("VE-03 %s: %s, want %s", status, got, want)
		}
	}
}

// § 5.4: Blue Card thresholds.
func TestVectorsBlueCard(t *testing.T) {
	l := law(t)
	for _, c := range []struct {
		date              string
		standard, reduced float64
		age45Salary       float64
	}{
		{"2025-06-01", 48300, 43759.80, 53130},
		{"2026-06-01", 50700, 45934.20, 55770},
	} {
		s, r, err := l.BlueCardThresholds(MustDate(c.date))
		_, a, _ := l.Age45Threshold(MustDate(c.date))
		if err != nil || s != c.standard || r != c.reduced || a != c.age45Salary {
			t.Errorf("%s: %v %v %v (%v)", c.date, s, r, a, err)
		}
	}
	d := MustDate("2026-06-01")
	title := func(f EmpFacts) Title {
		for _, tt := range l.Employment(f, d).Titles {
			if tt.Title == "18g" {
				return tt
			}
		}
		return Title{}
	}
	base := EmpFacts{Qualification: ptr("german_degree"), DegreeAwardedOn: ptr(MustDate("2015-07-01")), JobOffer: ptr(true), BirthDate: ptr(MustDate("1990-01-01"))}
	f := base
	f.AnnualGrossSalaryEUR = ptr(50700.0)
	if tt := title(f); tt.Status != Met || tt.BAConsent || *tt.SalaryThreshold != 50700 {
		t.Errorf("standard: %+v", tt)
	}
	f.AnnualGrossSalaryEUR = ptr(46000.0)
	if tt := title(f); tt.Status != NotMet {
		t.Errorf("below standard without a reduced ground: %+v", tt)
	}
	f.OccupationShortage = ptr(true)
	if tt := title(f); tt.Status != Met || !tt.BAConsent || *tt.SalaryThreshold != 45934.20 {
		t.Errorf("shortage occupation: %+v", tt)
	}
	g := base
	g.DegreeAwardedOn, g.AnnualGrossSalaryEUR = ptr(MustDate("2024-09-30")), ptr(46000.0)
	if tt := title(g); tt.Status != Met || !tt.BAConsent {
		t.Errorf("new entrant: %+v", tt)
	}
	h := EmpFacts{Qualification: ptr("none"), ITExperienceYearsLast7: ptr(3.0), JobOffer: ptr(true), AnnualGrossSalaryEUR: ptr(46000.0)}
	if tt := title(h); tt.Status != Met || !tt.BAConsent {
		t.Errorf("IT specialist: %+v", tt)
	}
	old := base
	old.BirthDate, old.AnnualGrossSalaryEUR = ptr(MustDate("1970-01-01")), ptr(51000.0)
	if tt := title(old); tt.Status != Unknown || tt.Reason.Key != "qc.emp.age45" {
		t.Errorf("age 56 below 55 %% BBG: %+v", tt)
	}
}

// § 5.6: naturalisation date rules.
func TestVectorsNaturalisationDates(t *testing.T) {
	l := law(t)
	all := func(f NatFacts) NatFacts {
		f.IdentityDocument = ptr("passport")
		f.CommitsToConstitution = ptr(true)
		f.ResidenceStatus = ptr("niederlassungserlaubnis")
		f.ReceivesBenefits = ptr(false)
		f.Convictions = &[]Conviction{}
		if f.GermanLevel == nil {
			f.GermanLevel = ptr("B1")
		}
		f.CitizenshipTestPassed = ptr(true)
		f.Polygamy = ptr(false)
		f.BirthDate = ptr(MustDate("1985-03-01"))
		return f
	}
	// 3 years 4 months, C1, special integration.
	special := all(NatFacts{ResidenceSince: ptr(MustDate("2022-05-15")), SpecialIntegration: ptr(true), GermanLevel: ptr("C1")})
	if r := l.Naturalisation(special, MustDate("2025-09-15")); r.Outcome != Eligible {
		t.Errorf("3-year route on 2025-09-15: %s %+v", r.Outcome, criterion(r, "NAT-01"))
	}
	r := l.Naturalisation(special, MustDate("2025-11-03"))
	if r.Outcome != NotYet || criterion(r, "NAT-01").Status != NotMet || r.Earliest.String() != "2027-05-15" {
		t.Errorf("3-year route on 2025-11-03: %s %s", r.Outcome, r.Earliest)
	}
	// Spouse of a German: 3y1m residence, 2y3m marriage.
	spouse := all(NatFacts{ResidenceSince: ptr(MustDate("2023-10-01")), SpouseOfGerman: ptr(true), MarriageSince: ptr(MustDate("2024-08-01"))})
	if r := l.Naturalisation(spouse, MustDate("2026-11-01")); r.Outcome != Eligible || criterion(r, "NAT-01").LegalBasis != "§ 9 Abs. 1 StAG" {
		t.Errorf("§ 9 route: %s %+v", r.Outcome, criterion(r, "NAT-01"))
	}
	// Guest worker who entered 1972, SGB XII, everyday German, no test.
	gw := all(NatFacts{ResidenceSince: ptr(MustDate("1972-04-01")), GuestWorker: ptr(true), ReceivesBenefits: ptr(true), OralEverydayGerman: ptr(true)})
	gw.ReceivesBenefits, gw.GermanLevel, gw.CitizenshipTestPassed = ptr(true), ptr("A2"), nil
	r = l.Naturalisation(gw, MustDate("2026-11-22"))
	for _, id := range []string{"NAT-07", "NAT-09", "NAT-10"} {
		if criterion(r, id).Status != Met {
			t.Errorf("guest worker %s: %+v", id, criterion(r, id))
		}
	}
	// Full-time top-up benefits: 21 of 24 months yes, 19 no.
	ft := all(NatFacts{ResidenceSince: ptr(MustDate("2018-01-01")), ReceivesBenefits: ptr(true), FullTimeEmployed: ptr(true), FullTimeMonthsLast24: ptr(21)})
	ft.ReceivesBenefits = ptr(true)
	if c := criterion(l.Naturalisation(ft, MustDate("2026-11-22")), "NAT-07"); c.Status != Met {
		t.Errorf("21 of 24: %+v", c)
	}
	ft.FullTimeMonthsLast24 = ptr(19)
	if c := criterion(l.Naturalisation(ft, MustDate("2026-11-22")), "NAT-07"); c.Status != NotMet {
		t.Errorf("19 of 24: %+v", c)
	}
	// The only missing thing is time: the earliest date is given.
	short := all(NatFacts{ResidenceSince: ptr(MustDate("2023-03-01"))})
	r = l.Naturalisation(short, MustDate("2026-11-22"))
	if r.Outcome != NotYet || r.Earliest.String() != "2028-03-01" {
		t.Errorf("earliest date: %s %s", r.Outcome, r.Earliest)
	}
	// Anything else not met: no earliest date.
	short.Polygamy = ptr(true)
	if r := l.Naturalisation(short, MustDate("2026-11-22")); !r.Earliest.IsZero() {
		t.Errorf("earliest date with another criterion not met: %s", r.Earliest)
	}
	// Nothing known: review, never "not yet".
	if r := l.Naturalisation(NatFacts{}, MustDate("2026-11-22")); r.Outcome != Review {
		t.Errorf("no facts: %s", r.Outcome)
	}
	// Old livelihood rule (§ 40a) for applications filed by 2023-08-23.
	old := all(NatFacts{ResidenceSince: ptr(MustDate("2015-01-01")), ReceivesBenefits: ptr(true), ApplicationFiledOn: ptr(MustDate("2023-08-23"))})
	old.ReceivesBenefits = ptr(true)
	if c := criterion(l.Naturalisation(old, MustDate("2026-11-22")), "NAT-07"); c.Status != Unknown {
		t.Errorf("§ 40a: %+v", c)
	}
	// Excluded residence purposes.
	for sec, want := range map[string]Status{"18b": Met, "16b": NotMet, "25 Abs. 3": NotMet, "§ 25 Abs. 2": Met, "23(1)": NotMet} {
		f := all(NatFacts{ResidenceSince: ptr(MustDate("2015-01-01"))})
		f.ResidenceStatus, f.ResidencePermitSection = ptr("aufenthaltserlaubnis"), ptr(sec)
		if got := criterion(l.Naturalisation(f, MustDate("2026-11-22")), "NAT-06").Status; got != want {
			t.Errorf("section %s: %s, want %s", sec, got, want)
		}
	}
}
