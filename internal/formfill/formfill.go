// Package formfill fills the application forms with plausible answers, as
// a careful applicant would: the tests, the browser tests and the load
// tool walk the real pages with it. It knows the forms only through their
// definitions, so a new field gets an answer without changes here.
package formfill

import (
	"net/url"
	"strconv"
	"time"

	"github.com/smd-oss/smd/form"
)

// Step is one POST of the walk, relative to the draft's address.
type Step struct {
	Path   string
	Values url.Values
}

// Options shape the answers.
type Options struct {
	// Items is how many items each repeating group gets (default its minimum).
	Items map[string]int
	// Values override the sample answer of a field (canonical form).
	Values map[string]string
}

// Steps returns the posts that complete every section of def, in order,
// and the answers they give.
func Steps(def *form.Definition, now time.Time, o Options) ([]Step, *form.Answers) {
	a := &form.Answers{}
	a.Ensure()
	var steps []Step
	for _, sec := range def.Sections {
		if !sec.Visible(a) {
			continue
		}
		switch sec.Kind {
		case "documents":
			steps = append(steps, Step{Path: "/" + sec.ID, Values: url.Values{"action": {"continue"}}})
		case "group":
			n, ok := o.Items[sec.ID]
			if !ok {
				n = sec.Group.Min
			}
			for i := 1; i <= n; i++ {
				item := map[string]string{}
				a.Groups[sec.ID] = append(a.Groups[sec.ID], item)
				for _, p := range sec.Pages {
					if !p.When.Holds(a.ItemScope(item)) {
						continue
					}
					steps = append(steps, Step{Path: "/" + sec.ID + "/" + strconv.Itoa(i) + "/" + p.ID, Values: fill(p, a.ItemScope(item), item, now, o, i)})
				}
			}
			steps = append(steps, Step{Path: "/" + sec.ID, Values: url.Values{}})
		default:
			for _, p := range sec.Pages {
				if !p.When.Holds(a.MainScope()) {
					continue
				}
				steps = append(steps, Step{Path: "/" + sec.ID + "/" + p.ID, Values: fill(p, a.MainScope(), a.Values, now, o, 0)})
			}
		}
		a.Done[sec.ID] = true
	}
	return steps, a
}

// fill answers one page, recording the answers in into.
func fill(p *form.Page, sc form.Scope, into map[string]string, now time.Time, o Options, item int) url.Values {
	v := url.Values{"action": {"continue"}}
	for _, f := range p.Fields {
		if !f.When.Holds(form.Scope{Item: into, Main: sc.Main}) {
			continue
		}
		val, ok := o.Values[f.ID]
		if !ok {
			val = Sample(f, now, item)
		}
		// What the server will store: its canonical form of the answer.
		if cv, err := f.Validate(f.RawOf(val), form.Scope{Item: into, Main: sc.Main}, now); err == nil {
			into[f.ID] = cv
		} else {
			into[f.ID] = val
		}
		if f.Type == form.Date {
			t, _ := time.Parse(time.DateOnly, val)
			v.Set(f.ID+"-tag", strconv.Itoa(t.Day()))
			v.Set(f.ID+"-monat", strconv.Itoa(int(t.Month())))
			v.Set(f.ID+"-jahr", strconv.Itoa(t.Year()))
			continue
		}
		v.Set(f.ID, val)
	}
	return v
}

var samples = map[string]string{
	"given_names": "Anna", "family_name": "Muster", "birth_place": "Izmir", "street_address": "Berliner Platz 5",
	"postal_code": "53111", "city": "Bonn", "email": "anna.muster@example.org", "phone": "0228 123456",
	"spouse_given_names": "Mehmet", "spouse_family_name": "Muster", "child_given_names": "Elif", "child_family_name": "Muster",
	"employer_name": "Beispiel GmbH", "passport_number": "C01X00T47", "guest_given_names": "Olena", "guest_family_name": "Kowalenko",
	"guest_passport_number": "FB123456", "id_document_number": "L01X00T47", "job_title": "Softwareentwicklerin", "weekly_hours": "40", "vacation_days": "30",
	"gross_salary_annual": "58000", "net_income": "2850", "ve_net_income": "3200", "rent": "950", "dependants": "1",
	"spouse_included": "yes", "citizenship_test": "yes", "german_level": "B2", "emp_german_level": "B1",
	"legal_basis": "18b", "qualification": "german_degree", "stay_at_obligor": "yes", "nationality": "TUR",
	"guest_nationality": "UKR", "abroad_country": "TUR", "employer_postal_code": "53113", "contract_limited": "no",
}

// Sample is a plausible canonical answer for f.
func Sample(f *form.Field, now time.Time, item int) string {
	if v, ok := samples[f.ID]; ok {
		return v
	}
	day := func(d int) string { return now.AddDate(0, 0, d).Format(time.DateOnly) }
	switch f.Type {
	case form.Text:
		v := "Angabe " + f.ID
		if len(v) > f.MaxLen {
			v = v[:f.MaxLen]
		}
		return v
	case form.Textarea:
		return "Keine weiteren Angaben."
	case form.Date:
		switch {
		case f.Future && f.After != "":
			return day(80)
		case f.Future:
			return day(60)
		case f.Past && f.After != "":
			return day(-400)
		case f.After != "":
			return day(400)
		case f.Past:
			return day(-3650 - item*365)
		}
		return day(30)
	case form.Radio:
		return f.Options[0]
	case form.YesNo:
		return "no"
	case form.Country:
		return "TUR"
	case form.Email:
		return "kontakt@example.org"
	case form.Tel:
		return "0228 654321"
	case form.PostalCode:
		return "53111"
	case form.Digits:
		s := ""
		for i := range f.Len {
			s += strconv.Itoa((i + 1) % 10)
		}
		return s
	case form.Number:
		if f.Min != nil {
			return strconv.Itoa(int(*f.Min))
		}
		return "1"
	case form.Money:
		return "1000"
	case form.Confirm:
		return "yes"
	}
	return ""
}
