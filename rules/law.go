package rules

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
)

//go:embed law.json
var lawJSON []byte

// SpouseRoute is § 9 StAG: shorter residence for spouses of Germans.
type SpouseRoute struct {
	ResidenceYears int `json:"residence_years"`
	MarriageYears  int `json:"marriage_years"`
}

// SpecialRoute is the former § 10 Abs. 3 StAG; nil where it does not exist.
type SpecialRoute struct {
	ResidenceYears int      `json:"residence_years"`
	GermanLevels   []string `json:"german_levels"`
}

// ConvictionLimits are the tolerances of § 12a Abs. 1 StAG.
type ConvictionLimits struct {
	MaxTotalDays             int `json:"max_total_days"`
	MaxSuspendedPrisonMonths int `json:"max_suspended_prison_months"`
	DaysPerMonth             int `json:"days_per_month"`
}

// FullTimeException is § 10 Abs. 1 S. 1 Nr. 3 lit. b StAG.
type FullTimeException struct {
	Months int `json:"months"`
	Window int `json:"window"`
}

// NatFees are the naturalisation fees of § 38 StAG.
type NatFees struct {
	Adult float64 `json:"adult"`
	Minor float64 `json:"minor"`
}

// BlueCard are the § 18g parameters.
type BlueCard struct {
	StandardShare      float64 `json:"standard_share"`
	ReducedShare       float64 `json:"reduced_share"`
	NewEntrantYears    int     `json:"new_entrant_years"`
	ITExperienceYears  float64 `json:"it_experience_years"`
	ITExperienceWindow int     `json:"it_experience_window"`
}

// Age45 is § 18 Abs. 2 Nr. 5 AufenthG.
type Age45 struct {
	Age         int     `json:"age"`
	SalaryShare float64 `json:"salary_share"`
}

// ChancenkartePoints is the points table of § 20b AufenthG.
type ChancenkartePoints struct {
	MinPoints          int            `json:"min_points"`
	PartialRecognition int            `json:"partial_recognition"`
	ShortageOccupation int            `json:"shortage_occupation"`
	Experience5of7     int            `json:"experience_5_of_7"`
	Experience2of5     int            `json:"experience_2_of_5"`
	German             map[string]int `json:"german"`
	EnglishC1          int            `json:"english_c1"`
	AgeUnder35         int            `json:"age_under_35"`
	AgeUnder41         int            `json:"age_under_41"`
	PreviousStay       int            `json:"previous_stay"`
	Spouse             int            `json:"spouse"`
}

// EmpFees are the AufenthV fees the Quick-Check names.
type EmpFees struct {
	ResidencePermit                 float64 `json:"residence_permit"`
	SettlementPermit                float64 `json:"settlement_permit"`
	SettlementPermitHighlyQualified float64 `json:"settlement_permit_highly_qualified"`
	AcceleratedProcedure            float64 `json:"accelerated_procedure"`
	// ResidencePermitExtension is the extension of a residence title by
	// more than three months (§ 45 Nr. 2 lit. b AufenthV).
	ResidencePermitExtension float64 `json:"residence_permit_extension"`
}

// GarnishmentTable is a § 850c ZPO table: free amounts and the garnishable
// shares of the excess by number of dependants (0 … 5+).
type GarnishmentTable struct {
	Base    float64   `json:"base"`
	First   float64   `json:"first"`
	Further float64   `json:"further"`
	Shares  []float64 `json:"shares"`
}

// Requirement is how much garnishable income an authority asks per guest,
// as shares of the standard rate (Regelbedarfsstufe 1).
type Requirement struct {
	AdultShare float64 `json:"adult_share"`
	MinorShare float64 `json:"minor_share"`
}

// SigningStatuses says who may sign a Verpflichtungserklärung.
type SigningStatuses struct {
	Allowed []string `json:"allowed"`
	Refused []string `json:"refused"`
}

// Law is every parameter the rules use. Each field's json tag is the
// parameter id in law.json; Load fails when one is missing.
type Law struct {
	NatResidenceYears       Param[int]               `json:"nat.residence_years"`
	NatSpouseRoute          Param[SpouseRoute]       `json:"nat.spouse_route"`
	NatSpecialRoute         Param[*SpecialRoute]     `json:"nat.special_integration_route"`
	NatExcludedSections     Param[[]string]          `json:"nat.excluded_permit_sections"`
	NatConvictionLimits     Param[ConvictionLimits]  `json:"nat.conviction_limits"`
	NatFullTimeException    Param[FullTimeException] `json:"nat.full_time_exception"`
	NatOldLivelihoodFiledBy Param[Date]              `json:"nat.old_livelihood_filed_by"`
	NatPersonalCapacityAge  Param[int]               `json:"nat.personal_capacity_age"`
	NatMinGermanLevel       Param[string]            `json:"nat.min_german_level"`
	NatCivicsTest           Param[CivicsTest]        `json:"nat.civics_test"`
	NatFees                 Param[NatFees]           `json:"nat.fees"`

	EmpBBG          Param[float64]            `json:"emp.bbg"`
	EmpBlueCard     Param[BlueCard]           `json:"emp.blue_card"`
	EmpAge45        Param[Age45]              `json:"emp.age45"`
	EmpChancenkarte Param[ChancenkartePoints] `json:"emp.chancenkarte"`
	EmpFees         Param[EmpFees]            `json:"emp.fees"`

	VEGarnishment        Param[GarnishmentTable] `json:"ve.garnishment_table"`
	VEStandardRate       Param[float64]          `json:"ve.standard_rate"`
	VEDefaultRequirement Param[Requirement]      `json:"ve.default_requirement"`
	VESigningStatuses    Param[SigningStatuses]  `json:"ve.signing_statuses"`
	VEFee                Param[float64]          `json:"ve.fee"`

	LegalBases Param[map[string][]LegalBasis] `json:"case.legal_bases"`
	// LegalRemedies is the Länder table of remedies for the
	// Rechtsbehelfsbelehrung of a Bescheid.
	LegalRemedies Param[RemedyTable] `json:"case.legal_remedies"`
}

// CivicsTest is the Einbürgerungstest: how many questions, how many right
// answers pass.
type CivicsTest struct {
	Questions int `json:"questions"`
	PassMark  int `json:"pass_mark"`
}

// CivicsPassMark is the pass mark of the Einbürgerungstest on d; false
// when the law data has none for that day.
func (l *Law) CivicsPassMark(d Date) (int, bool) {
	t, _, err := l.NatCivicsTest.At(d)
	if err != nil || t.PassMark <= 0 {
		return 0, false
	}
	return t.PassMark, true
}

// LegalBasis is one entry of a service's catalogue of Rechtsgrundlagen:
// what a caseworker sets on a case, and which evaluation of the rules
// engine pre-assesses its checklist.
type LegalBasis struct {
	ID         string `json:"id"`
	Title      string `json:"title"`
	Evaluation string `json:"evaluation"`
	// Checklist is the basis's own list of requirements. Without it the
	// checklist is every criterion of the evaluation (right where the
	// evaluation was written for exactly this basis, as for § 10 StAG).
	Checklist []ChecklistItem `json:"checklist,omitempty"`
}

// ChecklistItem is one requirement of a legal basis. Criterion names the
// evaluation's criterion whose result pre-assesses the item; an item
// without one (or whose criterion the evaluation did not produce) is
// "not pre-assessed" and checked by the caseworker against the documents.
type ChecklistItem struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Norm      string `json:"norm"`
	Criterion string `json:"criterion,omitempty"`
}

// Load parses the embedded law data.
func Load() (*Law, error) { return Parse(lawJSON) }

// Parse reads law data: every parameter of Law must be present with valid
// periods, and nothing else may be (a misspelt id is an error, not a
// parameter that silently never applies).
func Parse(data []byte) (*Law, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("law data: %w", err)
	}
	delete(raw, "_comment")
	law := &Law{}
	v := reflect.ValueOf(law).Elem()
	t := v.Type()
	for i := range t.NumField() {
		id := t.Field(i).Tag.Get("json")
		msg, ok := raw[id]
		if !ok {
			return nil, fmt.Errorf("law data: parameter %s is missing", id)
		}
		delete(raw, id)
		f := v.Field(i)
		if err := json.Unmarshal(msg, f.Addr().Interface()); err != nil {
			return nil, fmt.Errorf("law data: %s: %w", id, err)
		}
		f.FieldByName("ID").SetString(id)
	}
	if len(raw) > 0 {
		var extra []string
		for k := range raw {
			extra = append(extra, k)
		}
		return nil, fmt.Errorf("law data: unknown parameters %s", strings.Join(extra, ", "))
	}
	return law, nil
}

// ParamInfo describes one period of a parameter, for the page that lists
// the sources and for the record of what was verified.
type ParamInfo struct {
	ID       string
	From, To Date
	Value    any
	Source
	Estimate string
}

// Catalogue lists every period of every parameter.
func (l *Law) Catalogue() []ParamInfo {
	var list []ParamInfo
	v := reflect.ValueOf(l).Elem()
	for i := range v.NumField() {
		f := v.Field(i)
		id := f.FieldByName("ID").String()
		periods := f.FieldByName("Periods")
		for j := range periods.Len() {
			p := periods.Index(j)
			list = append(list, ParamInfo{
				ID: id, From: p.FieldByName("From").Interface().(Date), To: p.FieldByName("To").Interface().(Date),
				Value: p.FieldByName("Value").Interface(), Source: p.FieldByName("Source").Interface().(Source),
				Estimate: p.FieldByName("Estimate").String(),
			})
		}
	}
	return list
}
