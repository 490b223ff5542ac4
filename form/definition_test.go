package form_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/smd-oss/smd/form"
)

func loadDefs(t *testing.T) map[string]*form.Definition {
	t.Helper()
	defs, err := form.Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return defs
}

func TestLoad(t *testing.T) {
	defs := loadDefs(t)
	if len(defs) != len(form.Services) || len(defs) != 3 {
		t.Fatalf("Load returned %d definitions, want the %d services", len(defs), len(form.Services))
	}
	for _, svc := range form.Services {
		d := defs[svc]
		if d == nil {
			t.Fatalf("no definition for %s", svc)
		}
		if d.Service != svc || d.Version < 1 || len(d.Sections) == 0 || len(d.Fields()) == 0 {
			t.Errorf("%s: service %q, version %d, %d sections, %d fields", svc, d.Service, d.Version, len(d.Sections), len(d.Fields()))
		}
	}
}

func TestDefinitionsConsistent(t *testing.T) {
	for svc, d := range loadDefs(t) {
		t.Run(svc, func(t *testing.T) {
			if f := d.Field(d.Routing); f == nil || f.Type != form.PostalCode {
				t.Errorf("routing field %q: %v, want a postal code", d.Routing, f)
			}
			if f := d.Field(d.Email); f == nil || f.Type != form.Email {
				t.Errorf("e-mail field %q: %v, want an e-mail field", d.Email, f)
			}
			for _, fc := range d.Facts {
				f := d.Field(fc.Field)
				if f == nil {
					t.Errorf("fact %s: unknown field %q", fc.Name, fc.Field)
					continue
				}
				// A map translates values the field can have.
				opts := f.Options
				if f.Type == form.Confirm {
					opts = []string{"yes"}
				}
				for k := range fc.Map {
					if len(opts) == 0 {
						t.Errorf("fact %s: map on %s field %s without options", fc.Name, f.Type, f.ID)
					} else if !contains(opts, k) {
						t.Errorf("fact %s: map key %q is no value of %s %v", fc.Name, k, f.ID, opts)
					}
				}
			}
			for _, p := range d.Persons {
				for _, id := range []string{p.GivenNames, p.FamilyName, p.BirthDate, p.Nationality} {
					if d.Field(id) == nil {
						t.Errorf("person %s: unknown field %q", p.Role, id)
					}
				}
				if f := d.Field(p.BirthDate); f != nil && f.Type != form.Date {
					t.Errorf("person %s: birth date %s is a %s", p.Role, f.ID, f.Type)
				}
				if f := d.Field(p.Nationality); f != nil && f.Type != form.Country {
					t.Errorf("person %s: nationality %s is a %s", p.Role, f.ID, f.Type)
				}
				if p.Group != "" {
					if s := d.Section(p.Group); s == nil || s.Kind != "group" {
						t.Errorf("person %s: group %q is no group section", p.Role, p.Group)
					}
				}
			}
			for _, s := range d.Sections {
				if d.Section(s.ID) != s {
					t.Errorf("Section(%q) does not find the section", s.ID)
				}
				for _, p := range s.Pages {
					if s.Page(p.ID) != p {
						t.Errorf("Page(%q) does not find the page", p.ID)
					}
				}
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestEveryFieldHasMaxLen(t *testing.T) {
	for svc, d := range loadDefs(t) {
		for _, f := range d.Fields() {
			if f.MaxLen <= 0 {
				t.Errorf("%s: field %s (%s) has MaxLen %d", svc, f.ID, f.Type, f.MaxLen)
			}
			if d.Field(f.ID) != f {
				t.Errorf("%s: Field(%q) does not find the field", svc, f.ID)
			}
			// Every option must be choosable within the limit.
			for _, o := range f.Options {
				if len([]rune(o)) > f.MaxLen {
					t.Errorf("%s: option %q of %s longer than MaxLen %d", svc, o, f.ID, f.MaxLen)
				}
			}
		}
	}
	// Parse fills the default of every type, not only in the embedded forms.
	for _, typ := range []string{form.Text, form.Textarea, form.Date, form.Radio, form.YesNo, form.Country,
		form.Email, form.Tel, form.PostalCode, form.Digits, form.Number, form.Money, form.Confirm} {
		f := parseField(t, fmt.Sprintf(`{"id":"x","type":%q,"options":["a","b"],"len":3}`, typ))
		if f.MaxLen <= 0 {
			t.Errorf("type %s: MaxLen %d after Parse", typ, f.MaxLen)
		}
	}
}

// A valid minimal definition that the broken cases below vary.
const goodDef = `{"service":"t","version":1,"routing":"plz","email":"mail",
 "sections":[
  {"id":"a","pages":[{"id":"p1","fields":[
    {"id":"plz","type":"postal_code"},
    {"id":"mail","type":"email"},
    {"id":"kind","type":"radio","options":["x","y"]}]}]},
  {"id":"b","requires":["a"],"kind":"group","group":{"min":0,"max":3,"label":["name"]},
   "pages":[{"id":"p2","when":{"field":"kind","in":["x"]},"fields":[{"id":"name","type":"text"}]}]}
 ],
 "facts":[{"name":"kind","field":"kind"}]}`

func TestParseGood(t *testing.T) {
	d, err := form.Parse([]byte(goodDef))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if d.Field("kind") == nil || d.Section("b").Group.Max != 3 || len(d.Fields()) != 4 {
		t.Errorf("definition parsed wrongly: %+v", d)
	}
	if d.Field("nope") != nil || d.Section("nope") != nil || d.Section("a").Page("nope") != nil {
		t.Error("lookups of unknown ids must return nil")
	}
	y := parseField(t, `{"id":"q","type":"yesno"}`)
	if strings.Join(y.Options, ",") != "yes,no" {
		t.Errorf("yesno options = %v", y.Options)
	}
}

func TestParseRefusesBroken(t *testing.T) {
	page := func(fields string) string {
		return `{"service":"t","version":1,"routing":"plz","email":"mail","sections":[{"id":"a","pages":[{"id":"p","fields":[
			{"id":"plz","type":"postal_code"},{"id":"mail","type":"email"}` + fields + `]}]}]}`
	}
	sections := func(extra string) string {
		return `{"service":"t","version":1,"routing":"plz","email":"mail","sections":[{"id":"a","pages":[{"id":"p","fields":[
			{"id":"plz","type":"postal_code"},{"id":"mail","type":"email"}]}]}` + extra + `]}`
	}
	cases := []struct {
		name, src string
		want      []string // substrings of the error
	}{
		{"not JSON", `{"service":`, nil},
		{"duplicate field id", page(`,{"id":"plz","type":"text"}`), []string{"plz", "repeated"}},
		{"duplicate field across sections", sections(`,{"id":"b","pages":[{"id":"q","fields":[{"id":"mail","type":"text"}]}]}`), []string{"mail", "repeated"}},
		{"empty field id", page(`,{"id":"","type":"text"}`), []string{"field id", "empty"}},
		{"unknown type", page(`,{"id":"x","type":"checkbox"}`), []string{"x", "unknown type", "checkbox"}},
		{"radio without options", page(`,{"id":"r","type":"radio"}`), []string{"r", "radio", "options"}},
		{"radio with one option", page(`,{"id":"r","type":"radio","options":["a"]}`), []string{"r", "radio", "options"}},
		{"digits without len", page(`,{"id":"bn","type":"digits"}`), []string{"bn", "len"}},
		{"condition on unknown field", page(`,{"id":"x","type":"text","when":{"field":"ghost","in":["yes"]}}`), []string{"condition", "ghost"}},
		{"condition without values", page(`,{"id":"k","type":"yesno"},{"id":"x","type":"text","when":{"field":"k","in":[]}}`), []string{"condition", "without values"}},
		{"page condition on unknown field", sections(`,{"id":"b","pages":[{"id":"q","when":{"field":"ghost","in":["x"]},"fields":[{"id":"x","type":"text"}]}]}`), []string{"b", "ghost"}},
		{"section condition on unknown field", sections(`,{"id":"b","when":{"field":"ghost","in":["x"]},"pages":[{"id":"q","fields":[{"id":"x","type":"text"}]}]}`), []string{"b", "ghost"}},
		{"after unknown field", page(`,{"id":"to","type":"date","after":"from"}`), []string{"to", "after", "from"}},
		{"requires unknown section", sections(`,{"id":"b","requires":["c"],"pages":[{"id":"q","fields":[{"id":"x","type":"text"}]}]}`), []string{"b", "requires", "c"}},
		{"duplicate section", sections(`,{"id":"a","pages":[{"id":"q","fields":[{"id":"x","type":"text"}]}]}`), []string{"section", "a", "repeated"}},
		{"empty section id", sections(`,{"id":"","pages":[{"id":"q","fields":[{"id":"x","type":"text"}]}]}`), []string{"section", "empty"}},
		{"unknown section kind", sections(`,{"id":"b","kind":"wizard"}`), []string{"b", "kind", "wizard"}},
		{"duplicate page id", sections(`,{"id":"b","pages":[{"id":"p","fields":[{"id":"x","type":"text"}]}]}`), []string{"page", "p", "repeated"}},
		{"page without fields", sections(`,{"id":"b","pages":[{"id":"q","fields":[]}]}`), []string{"page", "q", "without fields"}},
		{"group without label", sections(`,{"id":"b","kind":"group","group":{"min":0,"max":3,"label":[]},"pages":[{"id":"q","fields":[{"id":"x","type":"text"}]}]}`), []string{"b", "group", "label"}},
		{"group without group", sections(`,{"id":"b","kind":"group","pages":[{"id":"q","fields":[{"id":"x","type":"text"}]}]}`), []string{"b", "group"}},
		{"group min above max", sections(`,{"id":"b","kind":"group","group":{"min":4,"max":3,"label":["x"]},"pages":[{"id":"q","fields":[{"id":"x","type":"text"}]}]}`), []string{"b", "min ≤ max"}},
		{"group max zero", sections(`,{"id":"b","kind":"group","group":{"min":0,"max":0,"label":["x"]},"pages":[{"id":"q","fields":[{"id":"x","type":"text"}]}]}`), []string{"b", "max ≥ 1"}},
		{"group label unknown", sections(`,{"id":"b","kind":"group","group":{"min":0,"max":3,"label":["ghost"]},"pages":[{"id":"q","fields":[{"id":"x","type":"text"}]}]}`), []string{"b", "label", "ghost"}},
		{"routing unknown", strings.Replace(page(""), `"routing":"plz"`, `"routing":"zip"`, 1), []string{"routing", "zip"}},
		{"routing missing", strings.Replace(page(""), `"routing":"plz",`, ``, 1), []string{"routing"}},
		{"email unknown", strings.Replace(page(""), `"email":"mail"`, `"email":"e"`, 1), []string{"e-mail", `"e"`}},
		{"fact from unknown field", strings.Replace(page(""), `"sections"`, `"facts":[{"name":"age","field":"ghost"}],"sections"`, 1), []string{"fact", "age", "ghost"}},
		{"person with unknown field", strings.Replace(page(""), `"sections"`, `"persons":[{"role":"applicant","given_names":"plz","family_name":"plz","birth_date":"ghost","nationality":"plz"}],"sections"`, 1), []string{"person", "applicant", "ghost"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := form.Parse([]byte(c.src))
			if err == nil {
				t.Fatalf("Parse accepted the definition: %+v", d)
			}
			if d != nil {
				t.Errorf("Parse returned a definition together with error %v", err)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
	// The helpers themselves build a valid definition.
	if _, err := form.Parse([]byte(page(""))); err != nil {
		t.Fatalf("base definition: %v", err)
	}
	if _, err := form.Parse([]byte(sections(""))); err != nil {
		t.Fatalf("base definition: %v", err)
	}
}

// Sections that require each other could never start: Parse refuses them.
func TestParseRefusesRequirementCycles(t *testing.T) {
	def := `{"service":"x","version":1,"routing":"p","email":"p","sections":[
	 {"id":"a","requires":["b"],"pages":[{"id":"pa","fields":[{"id":"p","type":"postal_code"}]}]},
	 {"id":"b","requires":["a"],"pages":[{"id":"pb","fields":[{"id":"q","type":"text"}]}]}]}`
	if _, err := form.Parse([]byte(def)); err == nil || !strings.Contains(err.Error(), "requires itself") {
		t.Fatalf("cycle accepted: %v", err)
	}
}
