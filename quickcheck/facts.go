package quickcheck

import (
	"encoding/json"

	"github.com/smd-oss/smd/rules"
)

// natFields are the einbuergerung facts of interfaces.md.
func natFields(f *rules.NatFacts) []field {
	return []field{
		dateF("birth_date", &f.BirthDate),
		enumF("residence_status", rules.ResidenceStatuses, &f.ResidenceStatus),
		{"residence_permit_section", func(p *parser, path string, raw json.RawMessage) {
			var s string
			if json.Unmarshal(raw, &s) != nil {
				p.fail(path, "qc.err.section")
				return
			}
			sec, ok := rules.NormalizeSection(s)
			if !ok {
				p.fail(path, "qc.err.section")
				return
			}
			f.ResidencePermitSection = &sec
		}},
		dateF("residence_since", &f.ResidenceSince),
		boolF("special_integration", &f.SpecialIntegration),
		boolF("spouse_of_german", &f.SpouseOfGerman),
		dateF("marriage_since", &f.MarriageSince),
		enumF("identity_document", rules.IdentityDocuments, &f.IdentityDocument),
		boolF("receives_benefits", &f.ReceivesBenefits),
		boolF("guest_worker", &f.GuestWorker),
		boolF("guest_worker_spouse", &f.GuestWorkerSpouse),
		boolF("full_time_employed", &f.FullTimeEmployed),
		intF("full_time_months_last_24", 0, 24, &f.FullTimeMonthsLast24),
		boolF("spouse_full_time_with_minor_child", &f.SpouseFullTimeWithMinorChild),
		dateF("application_filed_on", &f.ApplicationFiledOn),
		enumF("german_level", rules.CEFRLevels, &f.GermanLevel),
		boolF("german_school_degree", &f.GermanSchoolDegree),
		boolF("oral_everyday_german", &f.OralEverydayGerman),
		boolF("citizenship_test_passed", &f.CitizenshipTestPassed),
		boolF("exemption_illness_disability_age", &f.ExemptionIllnessDisabilityAge),
		{"convictions", func(p *parser, path string, raw json.RawMessage) {
			var list []rules.Conviction
			ok := p.listOf(path, raw, 100, func(ip string, obj map[string]json.RawMessage) {
				var c rules.Conviction
				var typ *string
				var rates, months *int
				var susp, rem, hate *bool
				p.object(ip, obj,
					enumF("type", rules.ConvictionTypes, &typ),
					intF("daily_rates", 0, 10000, &rates),
					intF("months", 0, 1200, &months),
					boolF("suspended", &susp), boolF("remitted", &rem), boolF("hate_motive", &hate))
				if typ == nil {
					if _, given := obj["type"]; !given {
						p.fail(ip+".type", "qc.err.required")
					}
					return
				}
				c.Type = *typ
				if rates != nil {
					c.DailyRates = *rates
				}
				if months != nil {
					c.Months = *months
				}
				c.Suspended, c.Remitted, c.HateMotive = susp != nil && *susp, rem != nil && *rem, hate != nil && *hate
				list = append(list, c)
			})
			if ok {
				if list == nil {
					list = []rules.Conviction{}
				}
				f.Convictions = &list
			}
		}},
		boolF("pending_investigation", &f.PendingInvestigation),
		boolF("commits_to_constitution", &f.CommitsToConstitution),
		boolF("polygamy", &f.Polygamy),
	}
}

// empFields are the aufenthaltstitel facts of interfaces.md.
func empFields(f *rules.EmpFacts) []field {
	return []field{
		dateF("birth_date", &f.BirthDate),
		enumF("qualification", rules.Qualifications, &f.Qualification),
		dateF("degree_awarded_on", &f.DegreeAwardedOn),
		numF("it_experience_years_last_7", 0, 7, &f.ITExperienceYearsLast7),
		boolF("occupation_shortage", &f.OccupationShortage),
		boolF("job_offer", &f.JobOffer),
		numF("annual_gross_salary_eur", 0, 100_000_000, &f.AnnualGrossSalaryEUR),
		enumF("german_level", rules.CEFRLevels, &f.GermanLevel),
		enumF("english_level", rules.CEFRLevels, &f.EnglishLevel),
		numF("experience_years_last_5", 0, 5, &f.ExperienceYearsLast5),
		numF("experience_years_last_7", 0, 7, &f.ExperienceYearsLast7),
		boolF("partial_recognition", &f.PartialRecognition),
		boolF("previous_stay_6_months", &f.PreviousStay6Months),
		boolF("spouse_qualifies", &f.SpouseQualifies),
		boolF("livelihood_secured", &f.LivelihoodSecured),
	}
}

// veFields are the verpflichtungserklaerung facts of interfaces.md.
func veFields(f *rules.VEFacts) []field {
	return []field{
		enumF("obligor_status", rules.ObligorStatuses, &f.ObligorStatus),
		numF("monthly_net_income_eur", 0, 10_000_000, &f.MonthlyNetIncomeEUR),
		intF("dependants", 0, 50, &f.Dependants),
		{"guests", func(p *parser, path string, raw json.RawMessage) {
			var list []rules.Guest
			ok := p.listOf(path, raw, 50, func(ip string, obj map[string]json.RawMessage) {
				var minor *bool
				p.object(ip, obj, boolF("minor", &minor))
				list = append(list, rules.Guest{Minor: minor != nil && *minor})
			})
			if ok {
				if list == nil {
					list = []rules.Guest{}
				}
				f.Guests = &list
			}
		}},
	}
}
