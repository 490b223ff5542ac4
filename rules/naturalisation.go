package rules

import (
	"slices"
	"strings"
)

// Conviction is one sentence in Germany or abroad (§ 12a StAG).
type Conviction struct {
	Type       string `json:"type"` // fine, prison, youth_measure
	DailyRates int    `json:"daily_rates"`
	Months     int    `json:"months"`
	Suspended  bool   `json:"suspended"`
	Remitted   bool   `json:"remitted"`
	HateMotive bool   `json:"hate_motive"`
}

// NatFacts are the naturalisation facts of interfaces.md; nil means not given.
type NatFacts struct {
	BirthDate                     *Date
	ResidenceStatus               *string
	ResidencePermitSection        *string
	ResidenceSince                *Date
	SpecialIntegration            *bool
	SpouseOfGerman                *bool
	MarriageSince                 *Date
	IdentityDocument              *string
	ReceivesBenefits              *bool
	GuestWorker                   *bool
	GuestWorkerSpouse             *bool
	FullTimeEmployed              *bool
	FullTimeMonthsLast24          *int
	SpouseFullTimeWithMinorChild  *bool
	ApplicationFiledOn            *Date
	GermanLevel                   *string
	GermanSchoolDegree            *bool
	OralEverydayGerman            *bool
	CitizenshipTestPassed         *bool
	ExemptionIllnessDisabilityAge *bool
	Convictions                   *[]Conviction
	PendingInvestigation          *bool
	CommitsToConstitution         *bool
	Polygamy                      *bool
}

// Enumerations of the naturalisation facts.
var (
	ResidenceStatuses = []string{"eu_citizen", "niederlassungserlaubnis", "daueraufenthalt_eu", "blaue_karte", "ict_karte",
		"aufenthaltserlaubnis", "aufenthaltsgestattung", "duldung", "none"}
	IdentityDocuments = []string{"passport", "other_official_id", "none"}
	CEFRLevels        = []string{"none", "A1", "A2", "B1", "B2", "C1", "C2"}
	ConvictionTypes   = []string{"fine", "prison", "youth_measure"}
)

func is(b *bool) bool { return b != nil && *b }

// levelAtLeast compares CEFR levels ("none" is below A1).
func levelAtLeast(level, min string) bool {
	return slices.Index(CEFRLevels, level) >= slices.Index(CEFRLevels, min) && slices.Index(CEFRLevels, min) >= 0
}

// NormalizeSection turns "§ 25 Abs. 3", "25 abs 3" or "25(3)" into "25(3)"
// and "18 B" into "18b". ok is false when the result is no section number.
func NormalizeSection(s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimPrefix(s, "§")
	s = strings.ReplaceAll(s, " ", "")
	s = strings.ReplaceAll(s, "aufenthg", "")
	if i := strings.Index(s, "abs."); i >= 0 {
		s = s[:i] + "(" + s[i+4:] + ")"
	} else if i := strings.Index(s, "abs"); i >= 0 {
		s = s[:i] + "(" + s[i+3:] + ")"
	}
	// digits, optional letter, optional (digits)
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 || i > 3 {
		return "", false
	}
	j := i
	if j < len(s) && s[j] >= 'a' && s[j] <= 'z' {
		j++
	}
	if j < len(s) {
		rest := s[j:]
		if len(rest) < 3 || rest[0] != '(' || rest[len(rest)-1] != ')' {
			return "", false
		}
		for _, c := range rest[1 : len(rest)-1] {
			if c < '0' || c > '9' {
				return "", false
			}
		}
	}
	return s, true
}

// Naturalisation evaluates § 10 StAG (and § 9 for spouses of Germans) at
// date d, criterion by criterion (interfaces.md, "einbuergerung").
func (l *Law) Naturalisation(f NatFacts, d Date) *Result {
	r := &Result{Date: d}
	age := -1
	if f.BirthDate != nil {
		age = FullYears(*f.BirthDate, d)
	}
	capAge, _, errAge := l.NatPersonalCapacityAge.At(d)
	minor := errAge == nil && age >= 0 && age < capAge

	earliest, c01 := l.natResidence(r, f, d)
	r.Criteria = append(r.Criteria, c01, natIdentity(f), l.natCommitment(r, f, minor, d), l.natStatus(r, f, d),
		l.natLivelihood(r, f, d), l.natConvictions(r, f, d), l.natGerman(r, f, minor, d), natCivic(f, minor), natPolygamy(f))
	r.Outcome = outcome(r.Criteria)
	onlyResidence := c01.Status == NotMet
	for _, c := range r.Criteria[1:] {
		if c.Status == NotMet {
			onlyResidence = false
		}
	}
	if onlyResidence && !earliest.IsZero() {
		r.Earliest = earliest
	}
	if fees, ok := l.ServiceFees("einbuergerung", d); ok {
		r.Fees = fees
	} else {
		r.Notices = append(r.Notices, reason("qc.notice.no_value", "Date", d.String()))
	}
	r.Documents = natDocuments(f)
	return r
}

func (l *Law) natResidence(r *Result, f NatFacts, d Date) (Date, Criterion) {
	const id, basis = "NAT-01", "§ 10 Abs. 1 S. 1 StAG"
	years, _, err := l.NatResidenceYears.At(d)
	if err != nil {
		return Date{}, r.noValue(id, basis, err)
	}
	if f.ResidenceSince == nil {
		return Date{}, Criterion{id, Unknown, basis, reason("qc.nat01.unknown", "Required", years)}
	}
	since := *f.ResidenceSince
	have := FullYears(since, d)
	if have >= years {
		return Date{}, Criterion{id, Met, basis, reason("qc.nat01.met", "Years", have, "Required", years)}
	}
	earliest := since.AddYears(years)
	// § 9 StAG: spouses of Germans.
	if is(f.SpouseOfGerman) {
		sr, _, err := l.NatSpouseRoute.At(d)
		if err == nil {
			if f.MarriageSince == nil {
				if have >= sr.ResidenceYears {
					return Date{}, Criterion{id, Unknown, "§ 9 Abs. 1 StAG", reason("qc.nat01.spouse_unknown", "Marriage", sr.MarriageYears)}
				}
			} else {
				married := FullYears(*f.MarriageSince, d)
				if have >= sr.ResidenceYears && married >= sr.MarriageYears {
					return Date{}, Criterion{id, Met, "§ 9 Abs. 1 StAG", reason("qc.nat01.spouse_met", "Years", have, "Marriage", married,
						"Required", sr.ResidenceYears, "RequiredMarriage", sr.MarriageYears)}
				}
				alt := since.AddYears(sr.ResidenceYears)
				if m := f.MarriageSince.AddYears(sr.MarriageYears); m.After(alt) {
					alt = m
				}
				if alt.Before(earliest) {
					earliest = alt
				}
			}
		}
	}
	// The former § 10 Abs. 3 StAG, only where it was in force on d.
	if sp, _, err := l.NatSpecialRoute.At(d); err == nil && sp != nil && is(f.SpecialIntegration) &&
		f.GermanLevel != nil && slices.Contains(sp.GermanLevels, *f.GermanLevel) && have >= sp.ResidenceYears {
		return Date{}, Criterion{id, Met, "§ 10 Abs. 3 StAG a.F.", reason("qc.nat01.special_met", "Years", have, "Required", sp.ResidenceYears)}
	}
	return earliest, Criterion{id, NotMet, basis, reason("qc.nat01.not_met", "Years", have, "Required", years, "Earliest", earliest.String())}
}

func natIdentity(f NatFacts) Criterion {
	const id, basis = "NAT-03", "§ 10 Abs. 1 S. 1 StAG"
	switch {
	case f.IdentityDocument == nil:
		return Criterion{id, Unknown, basis, reason("qc.nat03.unknown")}
	case *f.IdentityDocument == "passport":
		return Criterion{id, Met, basis, reason("qc.nat03.met")}
	}
	return Criterion{id, Unknown, basis, reason("qc.nat03.other")}
}

func (l *Law) natCommitment(r *Result, f NatFacts, minor bool, d Date) Criterion {
	const id, basis = "NAT-04", "§ 10 Abs. 1 S. 1 Nr. 1 und 1a StAG"
	switch {
	case minor:
		return Criterion{id, Met, "§ 10 Abs. 1 S. 2 StAG", reason("qc.nat04.minor")}
	case f.CommitsToConstitution == nil:
		return Criterion{id, Unknown, basis, reason("qc.nat04.unknown")}
	case *f.CommitsToConstitution:
		return Criterion{id, Met, basis, reason("qc.nat04.met")}
	}
	return Criterion{id, NotMet, basis, reason("qc.nat04.not_met")}
}

func (l *Law) natStatus(r *Result, f NatFacts, d Date) Criterion {
	const id, basis = "NAT-06", "§ 10 Abs. 1 S. 1 Nr. 2 StAG"
	if f.ResidenceStatus == nil {
		return Criterion{id, Unknown, basis, reason("qc.nat06.unknown")}
	}
	switch *f.ResidenceStatus {
	case "eu_citizen", "niederlassungserlaubnis", "daueraufenthalt_eu", "blaue_karte", "ict_karte":
		return Criterion{id, Met, basis, reason("qc.nat06.met")}
	case "aufenthaltsgestattung", "duldung", "none":
		return Criterion{id, NotMet, basis, reason("qc.nat06.not_met")}
	}
	// aufenthaltserlaubnis: depends on its purpose.
	if f.ResidencePermitSection == nil {
		return Criterion{id, Unknown, basis, reason("qc.nat06.section_unknown")}
	}
	excluded, _, err := l.NatExcludedSections.At(d)
	if err != nil {
		return r.noValue(id, basis, err)
	}
	sec, _ := NormalizeSection(*f.ResidencePermitSection)
	base := sec
	if i := strings.IndexByte(sec, '('); i >= 0 {
		base = sec[:i]
	}
	if slices.Contains(excluded, sec) || slices.Contains(excluded, base) {
		return Criterion{id, NotMet, basis, reason("qc.nat06.excluded", "Section", sec)}
	}
	return Criterion{id, Met, basis, reason("qc.nat06.permit_met", "Section", sec)}
}

func (l *Law) natLivelihood(r *Result, f NatFacts, d Date) Criterion {
	const id, basis = "NAT-07", "§ 10 Abs. 1 S. 1 Nr. 3 StAG"
	if f.ReceivesBenefits == nil {
		return Criterion{id, Unknown, basis, reason("qc.nat07.unknown")}
	}
	if !*f.ReceivesBenefits {
		return Criterion{id, Met, basis, reason("qc.nat07.met")}
	}
	if cutoff, _, err := l.NatOldLivelihoodFiledBy.At(d); err == nil && f.ApplicationFiledOn != nil && !f.ApplicationFiledOn.After(cutoff) {
		return Criterion{id, Unknown, "§ 40a StAG", reason("qc.nat07.old_rule", "Cutoff", cutoff.String())}
	}
	if is(f.GuestWorker) {
		return Criterion{id, Met, "§ 10 Abs. 1 S. 1 Nr. 3 lit. a StAG", reason("qc.nat07.guest_worker")}
	}
	ft, _, err := l.NatFullTimeException.At(d)
	if err != nil {
		return r.noValue(id, basis, err)
	}
	if is(f.FullTimeEmployed) {
		if f.FullTimeMonthsLast24 == nil {
			return Criterion{id, Unknown, basis, reason("qc.nat07.months_unknown", "Months", ft.Months, "Window", ft.Window)}
		}
		if *f.FullTimeMonthsLast24 >= ft.Months {
			return Criterion{id, Met, "§ 10 Abs. 1 S. 1 Nr. 3 lit. b StAG", reason("qc.nat07.full_time", "Have", *f.FullTimeMonthsLast24, "Months", ft.Months, "Window", ft.Window)}
		}
	}
	if is(f.SpouseFullTimeWithMinorChild) {
		return Criterion{id, Met, "§ 10 Abs. 1 S. 1 Nr. 3 lit. c StAG", reason("qc.nat07.spouse")}
	}
	return Criterion{id, NotMet, basis, reason("qc.nat07.not_met", "Months", ft.Months, "Window", ft.Window)}
}

// natConvictions applies § 12a Abs. 1 StAG: youth measures are disregarded;
// fines and suspended-and-remitted prison sentences up to the limit are
// added up (one daily rate = one day, one month = 30 days); a sentence
// for an act with an established hate motive is never disregarded.
func (l *Law) natConvictions(r *Result, f NatFacts, d Date) Criterion {
	const id, basis = "NAT-08", "§ 10 Abs. 1 S. 1 Nr. 5, § 12a StAG"
	lim, _, err := l.NatConvictionLimits.At(d)
	if err != nil {
		return r.noValue(id, basis, err)
	}
	if is(f.PendingInvestigation) {
		return Criterion{id, Unknown, "§ 12a Abs. 3 StAG", reason("qc.nat08.pending")}
	}
	if f.Convictions == nil {
		return Criterion{id, Unknown, basis, reason("qc.nat08.unknown")}
	}
	total := 0
	for _, c := range *f.Convictions {
		if c.HateMotive {
			return Criterion{id, NotMet, "§ 12a Abs. 1 S. 2 StAG", reason("qc.nat08.hate")}
		}
		switch c.Type {
		case "youth_measure":
		case "fine":
			total += c.DailyRates
		case "prison":
			if !c.Suspended || !c.Remitted {
				return Criterion{id, NotMet, basis, reason("qc.nat08.prison_open")}
			}
			if c.Months > lim.MaxSuspendedPrisonMonths {
				return Criterion{id, NotMet, basis, reason("qc.nat08.prison_long", "Months", lim.MaxSuspendedPrisonMonths)}
			}
			total += c.Months * lim.DaysPerMonth
		}
	}
	if total > lim.MaxTotalDays {
		return Criterion{id, NotMet, basis, reason("qc.nat08.too_many", "Total", total, "Max", lim.MaxTotalDays)}
	}
	if len(*f.Convictions) == 0 {
		return Criterion{id, Met, basis, reason("qc.nat08.none")}
	}
	return Criterion{id, Met, basis, reason("qc.nat08.disregarded", "Total", total, "Max", lim.MaxTotalDays)}
}

func (l *Law) natGerman(r *Result, f NatFacts, minor bool, d Date) Criterion {
	const id, basis = "NAT-09", "§ 10 Abs. 1 S. 1 Nr. 6, Abs. 4 StAG"
	min, _, err := l.NatMinGermanLevel.At(d)
	if err != nil {
		return r.noValue(id, basis, err)
	}
	switch {
	case f.GermanLevel != nil && levelAtLeast(*f.GermanLevel, min):
		return Criterion{id, Met, basis, reason("qc.nat09.level", "Level", *f.GermanLevel, "Min", min)}
	case is(f.GermanSchoolDegree):
		return Criterion{id, Met, basis, reason("qc.nat09.degree")}
	case (is(f.GuestWorker) || is(f.GuestWorkerSpouse)) && is(f.OralEverydayGerman):
		return Criterion{id, Met, basis, reason("qc.nat09.guest_worker")}
	case is(f.ExemptionIllnessDisabilityAge):
		return Criterion{id, Met, "§ 10 Abs. 6 StAG", reason("qc.nat09.exempt")}
	case minor:
		return Criterion{id, Met, basis, reason("qc.nat09.minor")}
	case f.GermanLevel != nil:
		return Criterion{id, NotMet, basis, reason("qc.nat09.not_met", "Min", min)}
	}
	return Criterion{id, Unknown, basis, reason("qc.nat09.unknown", "Min", min)}
}

func natCivic(f NatFacts, minor bool) Criterion {
	const id, basis = "NAT-10", "§ 10 Abs. 1 S. 1 Nr. 7, Abs. 5 StAG"
	switch {
	case is(f.CitizenshipTestPassed):
		return Criterion{id, Met, basis, reason("qc.nat10.test")}
	case is(f.GermanSchoolDegree):
		return Criterion{id, Met, basis, reason("qc.nat10.degree")}
	case is(f.GuestWorker) || is(f.GuestWorkerSpouse):
		return Criterion{id, Met, basis, reason("qc.nat10.guest_worker")}
	case is(f.ExemptionIllnessDisabilityAge):
		return Criterion{id, Met, "§ 10 Abs. 6 StAG", reason("qc.nat10.exempt")}
	case minor:
		return Criterion{id, Met, basis, reason("qc.nat10.minor")}
	case f.CitizenshipTestPassed != nil:
		return Criterion{id, NotMet, basis, reason("qc.nat10.not_met")}
	}
	return Criterion{id, Unknown, basis, reason("qc.nat10.unknown")}
}

func natPolygamy(f NatFacts) Criterion {
	const id, basis = "NAT-11", "§ 10 Abs. 1 S. 1 Nr. 7 StAG"
	switch {
	case f.Polygamy == nil:
		return Criterion{id, Unknown, basis, reason("qc.nat11.unknown")}
	case *f.Polygamy:
		return Criterion{id, NotMet, basis, reason("qc.nat11.not_met")}
	}
	return Criterion{id, Met, basis, reason("qc.nat11.met")}
}

// natDocuments lists what to prepare, from the facts given.
func natDocuments(f NatFacts) []string {
	docs := []string{"doc.passport"}
	if f.ResidenceStatus == nil || *f.ResidenceStatus != "eu_citizen" {
		docs = append(docs, "doc.residence_permit")
	}
	docs = append(docs, "doc.birth_certificate")
	if is(f.SpouseOfGerman) {
		docs = append(docs, "doc.marriage_certificate")
	}
	docs = append(docs, "doc.residence_history", "doc.payslips", "doc.employment_contract", "doc.rental_contract", "doc.health_insurance")
	switch {
	case is(f.GermanSchoolDegree):
		docs = append(docs, "doc.school_certificate")
	case !is(f.ExemptionIllnessDisabilityAge) && !(is(f.GuestWorker) || is(f.GuestWorkerSpouse)):
		docs = append(docs, "doc.language_certificate", "doc.citizenship_test_certificate")
	}
	if is(f.ExemptionIllnessDisabilityAge) {
		docs = append(docs, "doc.medical_certificate")
	}
	return append(docs, "doc.cv")
}
