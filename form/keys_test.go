package form_test

import (
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/smd-oss/smd/form"
	"github.com/smd-oss/smd/i18n"
)

// errKeys are the error keys validate.go and status.go use.
// TestErrKeysListed keeps the list in step with the code.
var errKeys = []string{
	"form.err.choose",
	"form.err.confirm",
	"form.err.control",
	"form.err.date_after",
	"form.err.date_future",
	"form.err.date_invalid",
	"form.err.date_past",
	"form.err.date_required",
	"form.err.date_year",
	"form.err.digits",
	"form.err.email",
	"form.err.group_max",
	"form.err.group_min",
	"form.err.money",
	"form.err.number",
	"form.err.range",
	"form.err.required",
	"form.err.tel",
	"form.err.too_long",
}

// catalogKeys returns, per language, the set of message keys.
func catalogKeys(t *testing.T) map[string]map[string]bool {
	t.Helper()
	c, err := i18n.Load()
	if err != nil {
		t.Fatalf("i18n.Load: %v", err)
	}
	out := map[string]map[string]bool{}
	for _, l := range i18n.Languages {
		keys, err := c.Keys(l.Code)
		if err != nil {
			t.Fatalf("Keys(%s): %v", l.Code, err)
		}
		set := map[string]bool{}
		for _, k := range keys {
			set[k] = true
		}
		out[l.Code] = set
	}
	return out
}

func TestDefinitionKeysInEveryLanguage(t *testing.T) {
	cat := catalogKeys(t)
	defs := loadDefs(t)
	for _, svc := range form.Services {
		d := defs[svc]
		keys := d.Keys()
		if len(keys) == 0 {
			t.Fatalf("%s: no keys", svc)
		}
		for _, l := range i18n.Languages {
			for _, k := range keys {
				if !cat[l.Code][k] {
					t.Errorf("%s: %s lacks %q", svc, l.Code, k)
				}
			}
		}
	}
}

func TestErrKeysInEveryLanguage(t *testing.T) {
	cat := catalogKeys(t)
	for _, l := range i18n.Languages {
		for _, k := range errKeys {
			if !cat[l.Code][k] {
				t.Errorf("%s lacks %q", l.Code, k)
			}
		}
	}
}

// Every form.err.* key in the code is in errKeys, and no more.
func TestErrKeysListed(t *testing.T) {
	re := regexp.MustCompile(`"(form\.err\.[a-z_]+)"`)
	found := map[string]bool{}
	for _, name := range []string{"validate.go", "status.go"} {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(src), -1) {
			found[m[1]] = true
		}
	}
	var got []string
	for k := range found {
		got = append(got, k)
	}
	sort.Strings(got)
	if strings.Join(got, "\n") != strings.Join(errKeys, "\n") {
		t.Errorf("error keys in the code:\n%s\nlisted in the test:\n%s", strings.Join(got, "\n"), strings.Join(errKeys, "\n"))
	}
}

func TestKeys(t *testing.T) {
	d, err := form.Parse([]byte(`{"service":"t","version":1,"routing":"plz","email":"plz","sections":[
		{"id":"a","pages":[{"id":"p1","fields":[{"id":"plz","type":"postal_code","hint":true}]},
		                   {"id":"p2","fields":[{"id":"k","type":"radio","options":["x","y"]},{"id":"k2","type":"yesno","labels":"k"}]}]},
		{"id":"g","kind":"group","group":{"min":0,"max":2,"label":["n"]},"pages":[{"id":"p3","fields":[{"id":"n","type":"text"}]}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"form.cap.a", "form.cap.g",
		"form.f.k", "form.f.n", "form.f.plz", "form.f.plz.hint",
		"form.group.g.add", "form.group.g.empty", "form.group.g.item",
		"form.o.k.x", "form.o.k.y",
		"form.page.p2",
		"form.sec.a", "form.sec.g",
		"form.t.title",
	}
	if got := d.Keys(); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("Keys() =\n%v\nwant\n%v", got, want)
	}
}
