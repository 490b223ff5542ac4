package web

import (
	"slices"
	"strconv"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/rules"
)

// The Quick-Check questions as data: one question per page (GOV.UK), each
// with the fact it sets, when it is asked, and which answers lead to an
// exit page. Labels, hints and option texts are message keys
// "qcp.<service>.<id>…".

type qcKind string

const (
	qcRadio  qcKind = "radio"
	qcDate   qcKind = "date"
	qcNumber qcKind = "number"
	qcText   qcKind = "text"
)

type qcOption struct {
	Value string
	// Facts are set when the option is chosen.
	Facts map[string]any
	// Exit names the exit page this answer leads to.
	Exit string
}

type qcQuestion struct {
	ID       string
	Kind     qcKind
	Fact     string // date, number and text questions
	Options  []qcOption
	Min, Max float64
	Integer  bool
	// Ask says whether the question matters given the answers so far; nil
	// means always.
	Ask func(a qcAnswers) bool
}

type qcAnswers map[string]string

func yesNo(fact string) []qcOption {
	return []qcOption{{Value: "ja", Facts: map[string]any{fact: true}}, {Value: "nein", Facts: map[string]any{fact: false}}}
}

func enumOptions(fact string, values []string) []qcOption {
	opts := make([]qcOption, len(values))
	for i, v := range values {
		opts[i] = qcOption{Value: v, Facts: map[string]any{fact: v}}
	}
	return opts
}

func answered(id string, values ...string) func(qcAnswers) bool {
	return func(a qcAnswers) bool { return slices.Contains(values, a[id]) }
}

// under16 is true when the birth date answer says the person is under 16 today.
func under16(a qcAnswers) bool {
	d, err := rules.ParseDate(a["geburtsdatum"])
	if err != nil {
		return false
	}
	return rules.FullYears(d, rules.DateOf(nowFunc())) < 16
}

var qcServices = map[smd.Service][]qcQuestion{
	smd.ServiceEinbuergerung: {
		{ID: "geburtsdatum", Kind: qcDate, Fact: "birth_date"},
		{ID: "aufenthaltsstatus", Kind: qcRadio, Options: func() []qcOption {
			o := enumOptions("residence_status", rules.ResidenceStatuses)
			for i := range o {
				if o[i].Value == "aufenthaltsgestattung" || o[i].Value == "duldung" || o[i].Value == "none" {
					o[i].Exit = "status"
				}
			}
			return o
		}()},
		{ID: "paragraf", Kind: qcText, Fact: "residence_permit_section", Ask: answered("aufenthaltsstatus", "aufenthaltserlaubnis")},
		{ID: "aufenthalt-seit", Kind: qcDate, Fact: "residence_since"},
		{ID: "ehe", Kind: qcRadio, Options: yesNo("spouse_of_german")},
		{ID: "heirat", Kind: qcDate, Fact: "marriage_since", Ask: answered("ehe", "ja")},
		{ID: "pass", Kind: qcRadio, Options: enumOptions("identity_document", rules.IdentityDocuments)},
		{ID: "leistungen", Kind: qcRadio, Options: yesNo("receives_benefits")},
		{ID: "ausnahme", Kind: qcRadio, Ask: answered("leistungen", "ja"), Options: []qcOption{
			{Value: "gastarbeiter", Facts: map[string]any{"guest_worker": true}},
			{Value: "vollzeit", Facts: map[string]any{"full_time_employed": true, "full_time_months_last_24": 20}},
			{Value: "ehepartner", Facts: map[string]any{"spouse_full_time_with_minor_child": true}},
			{Value: "keine", Facts: map[string]any{"guest_worker": false, "full_time_employed": false, "spouse_full_time_with_minor_child": false}},
		}},
		{ID: "deutsch", Kind: qcRadio, Options: append(enumOptions("german_level", rules.CEFRLevels[1:]),
			qcOption{Value: "schulabschluss", Facts: map[string]any{"german_school_degree": true}},
			qcOption{Value: "befreiung", Facts: map[string]any{"exemption_illness_disability_age": true}},
			qcOption{Value: "none", Facts: map[string]any{"german_level": "none"}})},
		{ID: "test", Kind: qcRadio, Options: yesNo("citizenship_test_passed"),
			Ask: func(a qcAnswers) bool {
				return a["deutsch"] != "schulabschluss" && a["deutsch"] != "befreiung" && !under16(a)
			}},
		{ID: "strafen", Kind: qcRadio, Options: []qcOption{
			{Value: "keine", Facts: map[string]any{"convictions": []any{}}},
			{Value: "gering", Facts: map[string]any{"convictions": []any{map[string]any{"type": "fine", "daily_rates": 90}}}},
			{Value: "hoeher", Facts: map[string]any{"convictions": []any{map[string]any{"type": "fine", "daily_rates": 91}}}},
			{Value: "verfahren", Facts: map[string]any{"convictions": []any{}, "pending_investigation": true}},
		}},
		{ID: "bekenntnis", Kind: qcRadio, Options: yesNo("commits_to_constitution"), Ask: func(a qcAnswers) bool { return !under16(a) }},
		{ID: "mehrehe", Kind: qcRadio, Options: yesNo("polygamy")},
	},
	smd.ServiceAufenthaltstitel: {
		{ID: "geburtsdatum", Kind: qcDate, Fact: "birth_date"},
		{ID: "qualifikation", Kind: qcRadio, Options: enumOptions("qualification", rules.Qualifications)},
		{ID: "abschluss", Kind: qcDate, Fact: "degree_awarded_on",
			Ask: answered("qualifikation", "german_degree", "recognized_foreign_degree", "comparable_foreign_degree")},
		{ID: "it-erfahrung", Kind: qcNumber, Fact: "it_experience_years_last_7", Min: 0, Max: 7},
		{ID: "jobangebot", Kind: qcRadio, Options: yesNo("job_offer")},
		{ID: "gehalt", Kind: qcNumber, Fact: "annual_gross_salary_eur", Min: 0, Max: 10_000_000, Ask: answered("jobangebot", "ja")},
		{ID: "engpass", Kind: qcRadio, Options: yesNo("occupation_shortage")},
		{ID: "deutsch", Kind: qcRadio, Options: enumOptions("german_level", rules.CEFRLevels)},
		{ID: "englisch", Kind: qcRadio, Options: enumOptions("english_level", rules.CEFRLevels)},
		{ID: "erfahrung", Kind: qcNumber, Fact: "experience_years_last_7", Min: 0, Max: 7},
		{ID: "erfahrung-5", Kind: qcNumber, Fact: "experience_years_last_5", Min: 0, Max: 5, Ask: func(a qcAnswers) bool {
			f, err := strconv.ParseFloat(a["erfahrung"], 64)
			return err == nil && f < 5 && f >= 2
		}},
		{ID: "teilanerkennung", Kind: qcRadio, Options: yesNo("partial_recognition")},
		{ID: "voraufenthalt", Kind: qcRadio, Options: yesNo("previous_stay_6_months")},
		{ID: "lebensunterhalt", Kind: qcRadio, Options: yesNo("livelihood_secured")},
	},
	smd.ServiceVerpflichtungserklaerung: {
		{ID: "status", Kind: qcRadio, Options: func() []qcOption {
			o := enumOptions("obligor_status", rules.ObligorStatuses)
			for i := range o {
				switch o[i].Value {
				case "visa", "duldung", "aufenthaltsgestattung", "fiktionsbescheinigung":
					o[i].Exit = "unterzeichnen"
				}
			}
			return o
		}()},
		{ID: "einkommen", Kind: qcNumber, Fact: "monthly_net_income_eur", Min: 0, Max: 1_000_000,
			Ask: func(a qcAnswers) bool { return a["status"] != "company" }},
		{ID: "unterhalt", Kind: qcNumber, Fact: "dependants", Min: 0, Max: 20, Integer: true,
			Ask: func(a qcAnswers) bool { return a["status"] != "company" }},
		{ID: "gaeste", Kind: qcNumber, Fact: "adult_guests", Min: 0, Max: 20, Integer: true},
		{ID: "kinder", Kind: qcNumber, Fact: "minor_guests", Min: 0, Max: 20, Integer: true},
	},
}
