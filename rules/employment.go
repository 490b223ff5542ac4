package rules

import (
	"math"
	"slices"
)

// EmpFacts are the employment facts of interfaces.md; nil means not given.
type EmpFacts struct {
	BirthDate              *Date
	Qualification          *string
	DegreeAwardedOn        *Date
	ITExperienceYearsLast7 *float64
	OccupationShortage     *bool
	JobOffer               *bool
	AnnualGrossSalaryEUR   *float64
	GermanLevel            *string
	EnglishLevel           *string
	ExperienceYearsLast5   *float64
	ExperienceYearsLast7   *float64
	PartialRecognition     *bool
	PreviousStay6Months    *bool
	SpouseQualifies        *bool
	LivelihoodSecured      *bool
}

// Qualifications are the values of the qualification fact.
var Qualifications = []string{"german_degree", "recognized_foreign_degree", "comparable_foreign_degree",
	"german_vocational", "recognized_foreign_vocational", "none"}

var (
	degrees    = []string{"german_degree", "recognized_foreign_degree", "comparable_foreign_degree"}
	vocational = []string{"german_vocational", "recognized_foreign_vocational"}
)

// Title is the assessment of one residence title.
type Title struct {
	Title           string
	Status          Status
	LegalBasis      string
	BAConsent       bool
	SalaryThreshold *float64
	Fee             float64
	Reason          Reason
}

// Points is the Chancenkarte points breakdown (§ 20b AufenthG).
type Points struct {
	Total     int
	Min       int
	Breakdown []PointItem
}

// PointItem is one line of the breakdown; Criterion is a message key.
type PointItem struct {
	Criterion string
	Points    int
}

func cents(x float64) float64 { return math.Round(x*100) / 100 }

// BlueCardThresholds returns the standard and reduced § 18g salary
// thresholds valid on d, computed from the BBG of d's year.
func (l *Law) BlueCardThresholds(d Date) (standard, reduced float64, err error) {
	bbg, _, err := l.EmpBBG.At(d)
	if err != nil {
		return 0, 0, err
	}
	bc, _, err := l.EmpBlueCard.At(d)
	if err != nil {
		return 0, 0, err
	}
	return cents(bc.StandardShare * bbg), cents(bc.ReducedShare * bbg), nil
}

// Age45Threshold returns the § 18 Abs. 2 Nr. 5 salary for first titles
// from age 45 on.
func (l *Law) Age45Threshold(d Date) (age int, salary float64, err error) {
	bbg, _, err := l.EmpBBG.At(d)
	if err != nil {
		return 0, 0, err
	}
	a, _, err := l.EmpAge45.At(d)
	if err != nil {
		return 0, 0, err
	}
	return a.Age, cents(a.SalaryShare * bbg), nil
}

// Employment evaluates the employment titles 18a, 18b, 18g and 20a. Each
// title is also a criterion ("AT-18G"); the outcome is eligible when any
// title is met, not yet when all are not met, review otherwise.
func (l *Law) Employment(f EmpFacts, d Date) *Result {
	r := &Result{Date: d}
	fees, _, errFees := l.EmpFees.At(d)
	if errFees != nil {
		r.Notices = append(r.Notices, reason("qc.notice.no_value", "Date", d.String()))
	}
	age := -1
	if f.BirthDate != nil {
		age = FullYears(*f.BirthDate, d)
	}
	r.Titles = []Title{l.title18a(r, f, age, d), l.title18b(r, f, age, d), l.title18g(r, f, age, d), l.title20a(r, f, age, d)}
	anyMet, allNot := false, true
	for i := range r.Titles {
		t := &r.Titles[i]
		t.Fee = fees.ResidencePermit
		r.Criteria = append(r.Criteria, Criterion{ID: "AT-" + upper(t.Title), Status: t.Status, LegalBasis: t.LegalBasis, Reason: t.Reason})
		anyMet = anyMet || t.Status == Met
		allNot = allNot && t.Status == NotMet
	}
	switch {
	case anyMet:
		r.Outcome = Eligible
	case allNot:
		r.Outcome = NotYet
	default:
		r.Outcome = Review
	}
	if all, ok := l.ServiceFees("aufenthaltstitel", d); ok {
		// A first title: its issue, and the fast-track procedure an
		// employer may ask for; settlement permits come later.
		r.Fees = []Fee{all[0], all[3]}
	}
	r.Documents = []string{"doc.passport", "doc.photo", "doc.employment_contract", "doc.ba_declaration", "doc.degree",
		"doc.health_insurance", "doc.rental_contract"}
	return r
}

func upper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			b[i] = c - 32
		}
	}
	return string(b)
}

// age45 checks the salary rule for applicants aged 45 or more; it returns
// a non-nil title status and reason when the rule decides.
func (l *Law) age45(r *Result, f EmpFacts, age int, d Date) (Status, Reason, bool) {
	a, salary, err := l.Age45Threshold(d)
	if err != nil || age < a {
		return "", Reason{}, false
	}
	if f.AnnualGrossSalaryEUR == nil || *f.AnnualGrossSalaryEUR < salary {
		// A proof of adequate old-age provision can replace the salary.
		return Unknown, reason("qc.emp.age45", "Age", a, "Salary", salary), true
	}
	return "", Reason{}, false
}

func (l *Law) qualified(f EmpFacts, kinds []string, id, basis string, r *Result, age int, d Date) Title {
	t := Title{Title: id, LegalBasis: basis, BAConsent: true}
	switch {
	case f.Qualification == nil:
		t.Status, t.Reason = Unknown, reason("qc.emp.qualification_unknown")
	case !slices.Contains(kinds, *f.Qualification):
		t.Status, t.Reason = NotMet, reason("qc.emp."+id+".qualification")
	case f.JobOffer == nil:
		t.Status, t.Reason = Unknown, reason("qc.emp.job_unknown")
	case !*f.JobOffer:
		t.Status, t.Reason = NotMet, reason("qc.emp.no_job")
	default:
		t.Status, t.Reason = Met, reason("qc.emp."+id+".met")
		if st, rs, ok := l.age45(r, f, age, d); ok {
			t.Status, t.Reason = st, rs
		}
	}
	return t
}

func (l *Law) title18a(r *Result, f EmpFacts, age int, d Date) Title {
	return l.qualified(f, vocational, "18a", "§ 18a AufenthG", r, age, d)
}

func (l *Law) title18b(r *Result, f EmpFacts, age int, d Date) Title {
	return l.qualified(f, degrees, "18b", "§ 18b AufenthG", r, age, d)
}

// title18g is the EU Blue Card: a degree or IT experience, a job offer and
// a salary of at least the standard threshold (no BA consent), or the
// reduced one for shortage occupations, new entrants and IT specialists
// (BA consent).
func (l *Law) title18g(r *Result, f EmpFacts, age int, d Date) Title {
	t := Title{Title: "18g", LegalBasis: "§ 18g AufenthG"}
	standard, reduced, err := l.BlueCardThresholds(d)
	if err != nil {
		t.Status, t.Reason = Unknown, reason("qc.no_value", "Date", d.String())
		r.Notices = append(r.Notices, reason("qc.notice.no_value", "Date", d.String()))
		return t
	}
	bc, _, _ := l.EmpBlueCard.At(d)
	degree := f.Qualification != nil && slices.Contains(degrees, *f.Qualification)
	it := f.ITExperienceYearsLast7 != nil && *f.ITExperienceYearsLast7 >= bc.ITExperienceYears
	newEntrant := degree && f.DegreeAwardedOn != nil && !f.DegreeAwardedOn.AddYears(bc.NewEntrantYears).Before(d)
	reducedApplies := is(f.OccupationShortage) || newEntrant || (it && !degree)
	threshold := standard
	if reducedApplies {
		threshold = reduced
	}
	t.SalaryThreshold = &threshold
	switch {
	case f.Qualification == nil && f.ITExperienceYearsLast7 == nil:
		t.Status, t.Reason = Unknown, reason("qc.emp.qualification_unknown")
	case !degree && !it:
		t.Status, t.Reason = NotMet, reason("qc.emp.18g.qualification", "Years", bc.ITExperienceYears, "Window", bc.ITExperienceWindow)
	case f.JobOffer == nil:
		t.Status, t.Reason = Unknown, reason("qc.emp.job_unknown")
	case !*f.JobOffer:
		t.Status, t.Reason = NotMet, reason("qc.emp.no_job")
	case f.AnnualGrossSalaryEUR == nil:
		t.Status, t.Reason = Unknown, reason("qc.emp.18g.salary_unknown", "Threshold", threshold)
	case *f.AnnualGrossSalaryEUR >= standard:
		t.Status, t.Reason, t.SalaryThreshold = Met, reason("qc.emp.18g.standard", "Threshold", standard), &standard
	case reducedApplies && *f.AnnualGrossSalaryEUR >= reduced:
		t.Status, t.Reason, t.BAConsent = Met, reason("qc.emp.18g.reduced", "Threshold", reduced), true
	default:
		t.Status, t.Reason = NotMet, reason("qc.emp.18g.salary_low", "Threshold", threshold)
	}
	if t.Status == Met {
		if st, rs, ok := l.age45(r, f, age, d); ok {
			t.Status, t.Reason = st, rs
		}
	}
	return t
}

// ChancenkartePoints computes the § 20b points from the facts.
func (l *Law) ChancenkartePoints(f EmpFacts, age int, d Date) (*Points, error) {
	p, _, err := l.EmpChancenkarte.At(d)
	if err != nil {
		return nil, err
	}
	pts := &Points{Min: p.MinPoints}
	add := func(key string, n int) {
		if n > 0 {
			pts.Breakdown = append(pts.Breakdown, PointItem{Criterion: key, Points: n})
			pts.Total += n
		}
	}
	if is(f.PartialRecognition) {
		add("qc.points.partial_recognition", p.PartialRecognition)
	}
	if is(f.OccupationShortage) {
		add("qc.points.shortage", p.ShortageOccupation)
	}
	switch {
	case f.ExperienceYearsLast7 != nil && *f.ExperienceYearsLast7 >= 5:
		add("qc.points.experience_5_of_7", p.Experience5of7)
	case f.ExperienceYearsLast5 != nil && *f.ExperienceYearsLast5 >= 2:
		add("qc.points.experience_2_of_5", p.Experience2of5)
	}
	if f.GermanLevel != nil {
		add("qc.points.german_"+*f.GermanLevel, p.German[*f.GermanLevel])
	}
	if f.EnglishLevel != nil && levelAtLeast(*f.EnglishLevel, "C1") {
		add("qc.points.english_c1", p.EnglishC1)
	}
	switch {
	case age >= 0 && age < 35:
		add("qc.points.age_under_35", p.AgeUnder35)
	case age >= 35 && age < 41:
		add("qc.points.age_35_40", p.AgeUnder41)
	}
	if is(f.PreviousStay6Months) {
		add("qc.points.previous_stay", p.PreviousStay)
	}
	if is(f.SpouseQualifies) {
		add("qc.points.spouse", p.Spouse)
	}
	return pts, nil
}

// title20a is the Chancenkarte: skilled workers (vocational training or
// degree recognised in Germany) qualify directly; everyone else needs a
// foreign qualification, German A1 or English B2, and the minimum points.
// A secured livelihood is needed on both routes.
func (l *Law) title20a(r *Result, f EmpFacts, age int, d Date) Title {
	t := Title{Title: "20a", LegalBasis: "§ 20a AufenthG"}
	pts, err := l.ChancenkartePoints(f, age, d)
	if err != nil {
		t.Status, t.Reason = Unknown, reason("qc.no_value", "Date", d.String())
		return t
	}
	r.Chancenkarte = pts
	skilled := f.Qualification != nil && (slices.Contains(vocational, *f.Qualification) ||
		*f.Qualification == "german_degree" || *f.Qualification == "recognized_foreign_degree")
	languageOK := (f.GermanLevel != nil && levelAtLeast(*f.GermanLevel, "A1")) || (f.EnglishLevel != nil && levelAtLeast(*f.EnglishLevel, "B2"))
	qualificationOK := is(f.PartialRecognition) || (f.Qualification != nil && *f.Qualification != "none")
	switch {
	case f.LivelihoodSecured != nil && !*f.LivelihoodSecured:
		t.Status, t.Reason = NotMet, reason("qc.emp.20a.livelihood")
	case skilled && f.LivelihoodSecured == nil:
		t.Status, t.Reason = Unknown, reason("qc.emp.20a.livelihood_unknown")
	case skilled:
		t.Status, t.Reason = Met, reason("qc.emp.20a.skilled")
	case f.Qualification == nil && f.PartialRecognition == nil:
		t.Status, t.Reason = Unknown, reason("qc.emp.qualification_unknown")
	case !qualificationOK:
		t.Status, t.Reason = NotMet, reason("qc.emp.20a.qualification")
	case !languageOK && f.GermanLevel != nil && f.EnglishLevel != nil:
		t.Status, t.Reason = NotMet, reason("qc.emp.20a.language")
	case !languageOK:
		t.Status, t.Reason = Unknown, reason("qc.emp.20a.language")
	case pts.Total < pts.Min:
		t.Status, t.Reason = NotMet, reason("qc.emp.20a.points_low", "Points", pts.Total, "Min", pts.Min)
	case f.LivelihoodSecured == nil:
		t.Status, t.Reason = Unknown, reason("qc.emp.20a.livelihood_unknown")
	default:
		t.Status, t.Reason = Met, reason("qc.emp.20a.points", "Points", pts.Total, "Min", pts.Min)
	}
	return t
}
