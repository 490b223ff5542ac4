// Package form holds the application forms as data, in the manner of FIM:
// a definition per service lists sections, pages and fields with ids,
// types, limits, conditions and repeating groups. The pages render from the
// definitions, and the server validates every answer against the same
// definitions, so that what is asked and what is checked never drift apart.
//
// Texts are not in the definitions but in the message catalogue, under keys
// derived from the ids (see Keys), so that every language is complete.
package form

import (
	"embed"
	"encoding/json"
	"fmt"
	"slices"
)

// Field types.
const (
	Text       = "text"        // one line of text
	Textarea   = "textarea"    // several lines
	Date       = "date"        // day, month, year as three inputs
	Radio      = "radio"       // one of Options
	YesNo      = "yesno"       // "yes" or "no"
	Country    = "country"     // ISO 3166-1 alpha-3 (as in the MRZ), or XXA stateless, XXX unknown
	Email      = "email"       // a plain e-mail address
	Tel        = "tel"         // a telephone number
	PostalCode = "postal_code" // a German postal code, 5 digits
	Digits     = "digits"      // exactly Len digits (Betriebsnummer …)
	Number     = "number"      // a whole number within Min and Max
	Money      = "money"       // an amount in euro with up to two decimals
	Confirm    = "confirm"     // a declaration that must be ticked
)

// Definition is the form of one service.
type Definition struct {
	Service string `json:"service"`
	// Version changes whenever fields change meaning; a submitted
	// application keeps the version it was filled in.
	Version  int        `json:"version"`
	Sections []*Section `json:"sections"`
	// Routing names the field whose postal code decides the authority.
	Routing string `json:"routing"`
	// Email names the field whose address gets the receipt mail.
	Email string `json:"email"`
	// Facts maps answers to the facts of the rules engine, which then
	// says what follows from the law (documents, fees).
	Facts []Fact `json:"facts"`
	// Persons says which answers describe the people on the case.
	Persons []PersonMap `json:"persons"`

	fields map[string]*Field
}

// Section is one entry of the task list.
type Section struct {
	ID string `json:"id"`
	// Kind is "" for question pages, "group" for a repeating group and
	// "documents" for the upload page.
	Kind  string  `json:"kind,omitempty"`
	Group *Group  `json:"group,omitempty"`
	Pages []*Page `json:"pages,omitempty"`
	// Requires are sections that must be complete first ("Kann noch
	// nicht begonnen werden").
	Requires []string `json:"requires,omitempty"`
	// When hides the whole section.
	When *Cond `json:"when,omitempty"`
}

// Group makes a section repeat: spouse, children, stays abroad, guests.
type Group struct {
	Min int `json:"min"`
	Max int `json:"max"`
	// Label are the fields that name an item in the list ("Maria Yılmaz").
	Label []string `json:"label"`
}

// Page is one question page. A page with one field uses the field's label
// as its heading; a page with several has its own heading.
type Page struct {
	ID     string   `json:"id"`
	Fields []*Field `json:"fields"`
	When   *Cond    `json:"when,omitempty"`
}

// Field is one answer.
type Field struct {
	ID       string   `json:"id"`
	Type     string   `json:"type"`
	Optional bool     `json:"optional,omitempty"`
	MaxLen   int      `json:"max_len,omitempty"`
	Options  []string `json:"options,omitempty"`
	Min      *float64 `json:"min,omitempty"`
	Max      *float64 `json:"max,omitempty"`
	Len      int      `json:"len,omitempty"`
	// Past and Future restrict dates relative to today; After names a
	// date field of the same scope that this one must not precede.
	Past   bool   `json:"past,omitempty"`
	Future bool   `json:"future,omitempty"`
	After  string `json:"after,omitempty"`
	When   *Cond  `json:"when,omitempty"`
	// Prefill names the BundID attribute that fills this field.
	Prefill      string `json:"prefill,omitempty"`
	Autocomplete string `json:"autocomplete,omitempty"`
	// Hint says the message catalogue has a hint for the field.
	Hint bool `json:"hint,omitempty"`
	// Labels borrows the texts of another field with the same meaning.
	Labels string `json:"labels,omitempty"`
}

// Key is the stem of the field's message keys: "form.f.<key>" is the
// label, "form.f.<key>.hint" the hint, "form.o.<key>.<option>" the options.
func (f *Field) Key() string {
	if f.Labels != "" {
		return f.Labels
	}
	return f.ID
}

// Cond shows a page, field or section only when another field (of the
// same group item, else of the main answers) has one of the values.
type Cond struct {
	Field string   `json:"field"`
	In    []string `json:"in"`
}

// Fact maps one field to a fact of the rules engine. Map translates the
// field's values; without it the value is converted by the field's type.
type Fact struct {
	Name  string         `json:"name"`
	Field string         `json:"field"`
	Map   map[string]any `json:"map,omitempty"`
}

// PersonMap names the fields of one person role; Group is set for a
// repeating group (one person per item), When limits it.
type PersonMap struct {
	Role        string `json:"role"`
	Group       string `json:"group,omitempty"`
	GivenNames  string `json:"given_names"`
	FamilyName  string `json:"family_name"`
	BirthDate   string `json:"birth_date"`
	Nationality string `json:"nationality"`
	When        *Cond  `json:"when,omitempty"`
}

//go:embed defs/*.json
var defsFS embed.FS

// Services in the order of the portal.
var Services = []string{"einbuergerung", "aufenthaltstitel", "verpflichtungserklaerung"}

// Load parses and checks the embedded definitions. A broken definition
// fails the start, not an applicant's request.
func Load() (map[string]*Definition, error) {
	out := map[string]*Definition{}
	for _, svc := range Services {
		data, err := defsFS.ReadFile("defs/" + svc + ".json")
		if err != nil {
			return nil, err
		}
		d, err := Parse(data)
		if err != nil {
			return nil, fmt.Errorf("form %s: %w", svc, err)
		}
		if d.Service != svc {
			return nil, fmt.Errorf("form %s: service is %q", svc, d.Service)
		}
		out[svc] = d
	}
	return out, nil
}

// Parse reads a definition and checks its consistency: unique ids, known
// types, options for choices, conditions and references to existing fields.
func Parse(data []byte) (*Definition, error) {
	var d Definition
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, err
	}
	d.fields = map[string]*Field{}
	sections := map[string]bool{}
	pages := map[string]bool{}
	for _, s := range d.Sections {
		if s.ID == "" || sections[s.ID] {
			return nil, fmt.Errorf("section id %q empty or repeated", s.ID)
		}
		sections[s.ID] = true
		switch s.Kind {
		case "", "documents":
		case "group":
			if s.Group == nil || s.Group.Max < 1 || s.Group.Min > s.Group.Max || len(s.Group.Label) == 0 {
				return nil, fmt.Errorf("section %s: group needs min ≤ max, max ≥ 1 and label fields", s.ID)
			}
		default:
			return nil, fmt.Errorf("section %s: unknown kind %q", s.ID, s.Kind)
		}
		for _, p := range s.Pages {
			if p.ID == "" || pages[p.ID] || len(p.Fields) == 0 {
				return nil, fmt.Errorf("page id %q empty, repeated or without fields", p.ID)
			}
			pages[p.ID] = true
			for _, f := range p.Fields {
				if err := d.addField(f); err != nil {
					return nil, fmt.Errorf("page %s: %w", p.ID, err)
				}
			}
		}
	}
	for _, s := range d.Sections {
		for _, r := range s.Requires {
			if !sections[r] {
				return nil, fmt.Errorf("section %s requires unknown section %s", s.ID, r)
			}
		}
		conds := []*Cond{s.When}
		for _, p := range s.Pages {
			conds = append(conds, p.When)
			for _, f := range p.Fields {
				conds = append(conds, f.When)
				if f.After != "" && d.fields[f.After] == nil {
					return nil, fmt.Errorf("field %s: after unknown field %s", f.ID, f.After)
				}
			}
		}
		for _, c := range conds {
			if c != nil && (d.fields[c.Field] == nil || len(c.In) == 0) {
				return nil, fmt.Errorf("section %s: condition on unknown field %q or without values", s.ID, c.Field)
			}
		}
		if s.Group != nil {
			for _, l := range s.Group.Label {
				if d.fields[l] == nil {
					return nil, fmt.Errorf("section %s: label field %s unknown", s.ID, l)
				}
			}
		}
	}
	if err := d.checkCycles(); err != nil {
		return nil, err
	}
	for _, id := range []string{d.Routing, d.Email} {
		if d.fields[id] == nil {
			return nil, fmt.Errorf("routing or e-mail field %q unknown", id)
		}
	}
	for _, f := range d.Facts {
		if d.fields[f.Field] == nil {
			return nil, fmt.Errorf("fact %s from unknown field %s", f.Name, f.Field)
		}
	}
	for _, p := range d.Persons {
		for _, id := range []string{p.GivenNames, p.FamilyName, p.BirthDate, p.Nationality} {
			if d.fields[id] == nil {
				return nil, fmt.Errorf("person %s: unknown field %s", p.Role, id)
			}
		}
	}
	return &d, nil
}

// checkCycles refuses sections that require each other, directly or not:
// none of them could ever be started.
func (d *Definition) checkCycles() error {
	state := map[string]int{} // 1 visiting, 2 done
	var visit func(id string) error
	visit = func(id string) error {
		switch state[id] {
		case 1:
			return fmt.Errorf("section %s requires itself through others", id)
		case 2:
			return nil
		}
		state[id] = 1
		for _, r := range d.Section(id).Requires {
			if err := visit(r); err != nil {
				return err
			}
		}
		state[id] = 2
		return nil
	}
	for _, s := range d.Sections {
		if err := visit(s.ID); err != nil {
			return err
		}
	}
	return nil
}

func (d *Definition) addField(f *Field) error {
	if f.ID == "" || d.fields[f.ID] != nil {
		return fmt.Errorf("field id %q empty or repeated", f.ID)
	}
	known := []string{Text, Textarea, Date, Radio, YesNo, Country, Email, Tel, PostalCode, Digits, Number, Money, Confirm}
	if !slices.Contains(known, f.Type) {
		return fmt.Errorf("field %s: unknown type %q", f.ID, f.Type)
	}
	if f.Type == Radio && len(f.Options) < 2 {
		return fmt.Errorf("field %s: a radio needs options", f.ID)
	}
	if f.Type == Digits && f.Len < 1 {
		return fmt.Errorf("field %s: digits need len", f.ID)
	}
	if f.Type == YesNo {
		f.Options = []string{"yes", "no"}
	}
	if f.MaxLen < 0 {
		return fmt.Errorf("field %s: negative max_len", f.ID)
	}
	if f.MaxLen == 0 {
		f.MaxLen = defaultMaxLen[f.Type]
	}
	d.fields[f.ID] = f
	return nil
}

var defaultMaxLen = map[string]int{Text: 100, Textarea: 2000, Email: 254, Tel: 30, Money: 20, Number: 12,
	PostalCode: 10, Digits: 30, Date: 10, Radio: 64, YesNo: 3, Country: 3, Confirm: 3}

// Field returns the field with the id, or nil.
func (d *Definition) Field(id string) *Field { return d.fields[id] }

// Section returns the section with the id, or nil.
func (d *Definition) Section(id string) *Section {
	for _, s := range d.Sections {
		if s.ID == id {
			return s
		}
	}
	return nil
}

// Page returns the section's page with the id, or nil.
func (s *Section) Page(id string) *Page {
	for _, p := range s.Pages {
		if p.ID == id {
			return p
		}
	}
	return nil
}
