package form_test

import (
	"testing"

	"github.com/smd-oss/smd/form"
)

// statusDef has a person section (with a page shown only when there are
// children), a family group that requires it (at least one member), and a
// partner section shown only with a partner.
const statusDef = `{"service":"t","version":1,"routing":"plz","email":"mail",
 "sections":[
  {"id":"person","pages":[
    {"id":"name","fields":[{"id":"given","type":"text"},{"id":"plz","type":"postal_code"},{"id":"mail","type":"email","optional":true}]},
    {"id":"kids_q","fields":[{"id":"kids","type":"yesno"},{"id":"partner","type":"yesno"}]},
    {"id":"kids_page","when":{"field":"kids","in":["yes"]},"fields":[{"id":"kids_note","type":"text"}]}]},
  {"id":"family","kind":"group","requires":["person"],"group":{"min":1,"max":2,"label":["member_name"]},
   "pages":[{"id":"member","fields":[
     {"id":"member_name","type":"text"},
     {"id":"member_birth","type":"date","past":true,"optional":true},
     {"id":"member_works","type":"yesno"}]},
    {"id":"member_job","when":{"field":"member_works","in":["yes"]},"fields":[{"id":"member_employer","type":"text"}]}]},
  {"id":"partner_sec","when":{"field":"partner","in":["yes"]},"pages":[{"id":"pp","fields":[{"id":"partner_name","type":"text"}]}]}
 ]}`

func statusFixture(t *testing.T) (*form.Definition, *form.Section, *form.Section, *form.Section) {
	t.Helper()
	d, err := form.Parse([]byte(statusDef))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return d, d.Section("person"), d.Section("family"), d.Section("partner_sec")
}

func problemKeys(s *form.Section, a *form.Answers) map[string]string {
	out := map[string]string{}
	for _, e := range s.Problems(a, now) {
		out[e.Field] = e.Key
	}
	return out
}

func ids(ss []*form.Section) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.ID)
	}
	return out
}

func sameStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestStatusMainSection(t *testing.T) {
	d, person, family, _ := statusFixture(t)
	a := &form.Answers{}
	a.Ensure()
	status := func(s *form.Section) form.Status { return d.Status(s, a, now) }

	if got := status(person); got != form.NotStarted {
		t.Errorf("empty: person %s, want %s", got, form.NotStarted)
	}
	if got := status(family); got != form.CannotStart {
		t.Errorf("empty: family %s, want %s", got, form.CannotStart)
	}

	a.Values["given"] = "Maria"
	if got := status(person); got != form.InProgress {
		t.Errorf("one answer: person %s, want %s", got, form.InProgress)
	}
	// Answers that would be fine do not complete the section without Done.
	a.Values["plz"], a.Values["kids"], a.Values["partner"] = "53111", "no", "no"
	if got := status(person); got != form.InProgress {
		t.Errorf("all answered, not done: person %s, want %s", got, form.InProgress)
	}
	if got := status(family); got != form.CannotStart {
		t.Errorf("person in progress: family %s, want %s", got, form.CannotStart)
	}

	a.Done["person"] = true
	// The page on children is hidden: its required field does not count.
	if p := problemKeys(person, a); len(p) != 0 {
		t.Errorf("problems = %v, want none", p)
	}
	if got := status(person); got != form.Complete {
		t.Errorf("done: person %s, want %s", got, form.Complete)
	}
	if got := status(family); got != form.NotStarted {
		t.Errorf("person complete: family %s, want %s", got, form.NotStarted)
	}
	if n := len(person.VisiblePages(a.MainScope())); n != 2 {
		t.Errorf("visible pages = %d, want 2", n)
	}

	// Children: the page shows and its field is missing.
	a.Values["kids"] = "yes"
	if n := len(person.VisiblePages(a.MainScope())); n != 3 {
		t.Errorf("visible pages = %d, want 3", n)
	}
	if p := problemKeys(person, a); len(p) != 1 || p["kids_note"] != "form.err.required" {
		t.Errorf("problems = %v, want kids_note required", p)
	}
	if got := status(person); got != form.Failed {
		t.Errorf("missing answer on a shown page: person %s, want %s", got, form.Failed)
	}
	if got := status(family); got != form.CannotStart {
		t.Errorf("person failed: family %s, want %s", got, form.CannotStart)
	}
	a.Values["kids_note"] = "two"
	if got := status(person); got != form.Complete {
		t.Errorf("answered: person %s, want %s", got, form.Complete)
	}

	// A stored value that no longer validates fails the done section.
	for field, bad := range map[string]string{"given": "Ma\u202Eria", "plz": "5311", "kids": "maybe", "mail": "a@localhost"} {
		old := a.Values[field]
		a.Values[field] = bad
		if got := status(person); got != form.Failed {
			t.Errorf("%s = %q: person %s, want %s", field, bad, got, form.Failed)
		}
		if p := problemKeys(person, a); len(p) != 1 || p[field] == "" {
			t.Errorf("%s = %q: problems %v", field, bad, p)
		}
		a.Values[field] = old
	}
	if got := status(person); got != form.Complete {
		t.Errorf("restored: person %s, want %s", got, form.Complete)
	}
	// Not done, an invalid value is only in progress.
	a.Done["person"] = false
	a.Values["plz"] = "5311"
	if got := status(person); got != form.InProgress {
		t.Errorf("invalid, not done: person %s, want %s", got, form.InProgress)
	}
}

func TestStatusGroup(t *testing.T) {
	d, _, family, _ := statusFixture(t)
	a := &form.Answers{
		Values: map[string]string{"given": "Maria", "plz": "53111", "kids": "no", "partner": "no"},
		Done:   map[string]bool{"person": true},
	}
	a.Ensure()
	status := func() form.Status { return d.Status(family, a, now) }

	if got := status(); got != form.NotStarted {
		t.Fatalf("no items: family %s, want %s", got, form.NotStarted)
	}
	a.Done["family"] = true
	if got := status(); got != form.Failed {
		t.Errorf("done without items: family %s, want %s", got, form.Failed)
	}
	errs := family.Problems(a, now)
	if len(errs) != 1 || errs[0].Key != "form.err.group_min" || errs[0].Args["Min"] != 1 || errs[0].Field != "family" {
		t.Errorf("problems = %v, want group_min with Min 1", errs)
	}

	a.Done["family"] = false
	a.Groups["family"] = []map[string]string{{"member_name": "Ali", "member_works": "no"}}
	if got := status(); got != form.InProgress {
		t.Errorf("item, not done: family %s, want %s", got, form.InProgress)
	}
	a.Done["family"] = true
	if got := status(); got != form.Complete {
		t.Errorf("one item: family %s, want %s (problems %v)", got, form.Complete, problemKeys(family, a))
	}

	// The item's own answers decide its conditions.
	a.Groups["family"] = append(a.Groups["family"], map[string]string{"member_name": "Ayşe", "member_works": "yes"})
	if p := problemKeys(family, a); len(p) != 1 || p["member_employer"] != "form.err.required" {
		t.Errorf("problems = %v, want member_employer required", p)
	}
	if got := status(); got != form.Failed {
		t.Errorf("item with gap: family %s, want %s", got, form.Failed)
	}
	a.Groups["family"][1]["member_employer"] = "Stadt Bonn"
	if got := status(); got != form.Complete {
		t.Errorf("two items: family %s, want %s", got, form.Complete)
	}

	// An invalid stored value of an item.
	a.Groups["family"][0]["member_birth"] = "2030-01-01"
	if p := problemKeys(family, a); p["member_birth"] != "form.err.date_past" {
		t.Errorf("problems = %v, want member_birth date_past", p)
	}
	if got := status(); got != form.Failed {
		t.Errorf("future birth: family %s, want %s", got, form.Failed)
	}
	a.Groups["family"][0]["member_birth"] = "1990-03-27"
	if got := status(); got != form.Complete {
		t.Errorf("birth fixed: family %s, want %s", got, form.Complete)
	}

	// Too many items.
	a.Groups["family"] = append(a.Groups["family"], map[string]string{"member_name": "Can", "member_works": "no"})
	errs = family.Problems(a, now)
	if len(errs) != 1 || errs[0].Key != "form.err.group_max" || errs[0].Args["Max"] != 2 {
		t.Errorf("problems = %v, want group_max with Max 2", errs)
	}
	if got := status(); got != form.Failed {
		t.Errorf("three items: family %s, want %s", got, form.Failed)
	}
}

func TestIncomplete(t *testing.T) {
	d, _, _, partner := statusFixture(t)
	a := &form.Answers{}
	a.Ensure()
	incomplete := func() []string { return ids(d.Incomplete(a, now)) }

	// The partner section is hidden until there is a partner.
	if got := incomplete(); !sameStrings(got, []string{"person", "family"}) {
		t.Errorf("empty: incomplete %v", got)
	}
	if partner.Visible(a) {
		t.Error("partner section visible without a partner")
	}

	a.Values = map[string]string{"given": "Maria", "plz": "53111", "kids": "no", "partner": "yes"}
	a.Done["person"] = true
	if !partner.Visible(a) {
		t.Error("partner section hidden with a partner")
	}
	if got := incomplete(); !sameStrings(got, []string{"family", "partner_sec"}) {
		t.Errorf("person done: incomplete %v", got)
	}

	a.Groups["family"] = []map[string]string{{"member_name": "Ali", "member_works": "no"}}
	a.Done["family"] = true
	if got := incomplete(); !sameStrings(got, []string{"partner_sec"}) {
		t.Errorf("family done: incomplete %v", got)
	}

	a.Values["partner"] = "no"
	if got := incomplete(); len(got) != 0 {
		t.Errorf("no partner: incomplete %v, want none", got)
	}
	// A hidden section has no problems even with a stored bad value.
	a.Values["partner_name"] = "\x00"
	a.Done["partner_sec"] = true
	if p := partner.Problems(a, now); len(p) != 0 {
		t.Errorf("hidden section problems = %v", p)
	}

	a.Values["partner"] = "yes"
	a.Values["partner_name"] = "Jonas"
	if got := incomplete(); len(got) != 0 {
		t.Errorf("all done: incomplete %v, want none", got)
	}
	// Breaking the required section makes the dependent one unstartable.
	a.Values["plz"] = ""
	if got := d.Status(d.Section("family"), a, now); got != form.CannotStart {
		t.Errorf("person failed: family %s, want %s", got, form.CannotStart)
	}
	if got := incomplete(); !sameStrings(got, []string{"person", "family"}) {
		t.Errorf("person failed: incomplete %v", got)
	}
}

func TestDocumentsSectionHasNoProblems(t *testing.T) {
	d, err := form.Parse([]byte(`{"service":"t","version":1,"routing":"plz","email":"plz",
		"sections":[{"id":"a","pages":[{"id":"p","fields":[{"id":"plz","type":"postal_code"}]}]},{"id":"docs","kind":"documents"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	a := &form.Answers{}
	a.Ensure()
	docs := d.Section("docs")
	if got := d.Status(docs, a, now); got != form.NotStarted {
		t.Errorf("documents: %s, want %s", got, form.NotStarted)
	}
	a.Done["docs"] = true
	if got := d.Status(docs, a, now); got != form.Complete {
		t.Errorf("documents done: %s, want %s", got, form.Complete)
	}
}
