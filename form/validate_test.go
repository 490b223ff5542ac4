package form_test

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/smd-oss/smd/form"
)

// now is the fixed "today" of every test: 15 June 2025, noon.
var now = time.Date(2025, time.June, 15, 12, 0, 0, 0, time.UTC)

// parseFields builds a one-section, one-page definition around the given
// field JSON objects, so that the fields get what Parse fills in (MaxLen
// defaults, the options of yesno). Routing and e-mail name the first field.
func parseFields(t testing.TB, fields ...string) *form.Definition {
	t.Helper()
	var first struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal([]byte(fields[0]), &first); err != nil {
		t.Fatalf("field JSON: %v", err)
	}
	src := `{"service":"test","version":1,"routing":"` + first.ID + `","email":"` + first.ID + `",
		"sections":[{"id":"s","pages":[{"id":"p","fields":[` + strings.Join(fields, ",") + `]}]}]}`
	d, err := form.Parse([]byte(src))
	if err != nil {
		t.Fatalf("Parse: %v\n%s", err, src)
	}
	return d
}

// parseField is parseFields for one field, which it returns.
func parseField(t testing.TB, field string) *form.Field {
	t.Helper()
	d := parseFields(t, field)
	return d.Fields()[0]
}

type valCase struct {
	name  string
	field *form.Field
	raw   form.Raw
	want  string // canonical value when err is ""
	err   string // expected error key
}

func v(s string) form.Raw { return form.Raw{Value: s} }

func runCases(t *testing.T, cases []valCase, scope form.Scope) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, e := c.field.Validate(c.raw, scope, now)
			if c.err == "" {
				if e != nil {
					t.Fatalf("Validate(%+q): error %s %v, want %q", c.raw, e.Key, e.Args, c.want)
				}
				if got != c.want {
					t.Fatalf("Validate(%+q) = %q, want %q", c.raw, got, c.want)
				}
				return
			}
			if e == nil {
				t.Fatalf("Validate(%+q) = %q, want error %s", c.raw, got, c.err)
			}
			if e.Key != c.err {
				t.Fatalf("Validate(%+q): error %s, want %s", c.raw, e.Key, c.err)
			}
			if got != "" {
				t.Errorf("Validate(%+q): value %q together with error", c.raw, got)
			}
			if e.Field != c.field.ID {
				t.Errorf("Error.Field = %q, want %q", e.Field, c.field.ID)
			}
		})
	}
}

func TestValidateText(t *testing.T) {
	text := parseField(t, `{"id":"name","type":"text"}`)
	opt := parseField(t, `{"id":"nick","type":"text","optional":true}`)
	short := parseField(t, `{"id":"code","type":"text","max_len":5}`)
	area := parseField(t, `{"id":"story","type":"textarea"}`)
	if text.MaxLen != 100 || area.MaxLen != 2000 || short.MaxLen != 5 {
		t.Fatalf("MaxLen defaults: text %d, textarea %d, explicit %d", text.MaxLen, area.MaxLen, short.MaxLen)
	}
	runCases(t, []valCase{
		{"plain", text, v("Maria"), "Maria", ""},
		{"trimmed", text, v("  Maria Yılmaz \t"), "Maria Yılmaz", ""},
		{"empty required", text, v(""), "", "form.err.required"},
		{"blank required", text, v("   "), "", "form.err.required"},
		{"empty optional", opt, v(""), "", ""},
		{"blank optional", opt, v(" \t "), "", ""},
		{"100 umlauts fit", text, v(strings.Repeat("ü", 100)), strings.Repeat("ü", 100), ""},
		{"101 umlauts too long", text, v(strings.Repeat("ü", 101)), "", "form.err.too_long"},
		{"101 ascii too long", text, v(strings.Repeat("a", 101)), "", "form.err.too_long"},
		{"max_len 5 ok", short, v("abcde"), "abcde", ""},
		{"max_len 5 too long", short, v("abcdef"), "", "form.err.too_long"},
		{"length after trim", short, v("  abcde  "), "abcde", ""},
		{"NUL", text, v("a\x00b"), "", "form.err.control"},
		{"ESC", text, v("a\x1b[31mb"), "", "form.err.control"},
		{"DEL", text, v("a\x7fb"), "", "form.err.control"},
		{"C1 control", text, v("a\u0085b"), "", "form.err.control"},
		{"RLO U+202E", text, v("abc\u202Etxt.exe"), "", "form.err.control"},
		{"LRE U+202A", text, v("a\u202Ab"), "", "form.err.control"},
		{"RLI U+2067", text, v("a\u2067b"), "", "form.err.control"},
		{"PDI U+2069", text, v("a\u2069b"), "", "form.err.control"},
		{"invalid UTF-8", text, v("a\xffb"), "", "form.err.control"},
		{"newline in text", text, v("a\nb"), "", "form.err.control"},
		{"CR in text", text, v("a\rb"), "", "form.err.control"},
		{"tab in text", text, v("a\tb"), "", "form.err.control"},
		{"newline in textarea", area, v("line one\nline two"), "line one\nline two", ""},
		{"CRLF and tab in textarea", area, v("a\r\n\tb"), "a\r\n\tb", ""},
		{"textarea trimmed", area, v("\n\n text \n"), "text", ""},
		{"NUL in textarea", area, v("a\x00b"), "", "form.err.control"},
		{"RLO in textarea", area, v("a\u202Eb"), "", "form.err.control"},
		{"vertical tab in textarea", area, v("a\vb"), "", "form.err.control"},
		{"textarea too long", area, v(strings.Repeat("ü", 2001)), "", "form.err.too_long"},
	}, form.Scope{})

	_, e := text.Validate(v(strings.Repeat("ü", 101)), form.Scope{}, now)
	if e == nil || e.Args["Max"] != 100 {
		t.Errorf("too_long Args = %v, want Max 100", e)
	}
	if e != nil && e.Anchor != "name" {
		t.Errorf("Anchor = %q, want the field id", e.Anchor)
	}
}

func TestValidateChoices(t *testing.T) {
	radio := parseField(t, `{"id":"status","type":"radio","options":["single","married","divorced"]}`)
	optRadio := parseField(t, `{"id":"title","type":"radio","options":["dr","prof"],"optional":true}`)
	yesno := parseField(t, `{"id":"kids","type":"yesno"}`)
	confirm := parseField(t, `{"id":"declare","type":"confirm"}`)
	country := parseField(t, `{"id":"nat","type":"country"}`)
	optCountry := parseField(t, `{"id":"nat2","type":"country","optional":true}`)
	runCases(t, []valCase{
		{"radio option", radio, v("married"), "married", ""},
		{"radio trimmed", radio, v(" single "), "single", ""},
		{"radio unknown", radio, v("widowed"), "", "form.err.choose"},
		{"radio case matters", radio, v("Single"), "", "form.err.choose"},
		{"radio empty", radio, v(""), "", "form.err.choose"},
		{"radio optional empty", optRadio, v(""), "", ""},
		{"radio control", radio, v("single\x00"), "", "form.err.control"},
		{"yes", yesno, v("yes"), "yes", ""},
		{"no", yesno, v("no"), "no", ""},
		{"ja", yesno, v("ja"), "", "form.err.choose"},
		{"yesno empty", yesno, v(""), "", "form.err.choose"},
		{"confirm yes", confirm, v("yes"), "yes", ""},
		{"confirm no", confirm, v("no"), "", "form.err.confirm"},
		{"confirm on", confirm, v("on"), "", "form.err.confirm"},
		{"confirm empty", confirm, v(""), "", "form.err.confirm"},
		{"country TUR", country, v("TUR"), "TUR", ""},
		{"country lower case", country, v("tur"), "TUR", ""},
		{"country mixed and spaces", country, v(" dEu "), "DEU", ""},
		{"country stateless", country, v("XXA"), "XXA", ""},
		{"country unknown nationality", country, v("XXX"), "XXX", ""},
		{"country ZZZ", country, v("ZZZ"), "", "form.err.choose"},
		{"country alpha-2", country, v("DE"), "", "form.err.choose"},
		{"country empty", country, v(""), "", "form.err.choose"},
		{"country optional empty", optCountry, v(""), "", ""},
		{"country too long", country, v("DEUT"), "", "form.err.too_long"},
	}, form.Scope{})

	anchors := []struct {
		f    *form.Field
		raw  string
		want string
	}{
		{radio, "x", "status-single"},
		{radio, "", "status-single"},
		{yesno, "maybe", "kids-yes"},
		{confirm, "", "declare"},
		{country, "ZZZ", "nat"},
	}
	for _, a := range anchors {
		_, e := a.f.Validate(v(a.raw), form.Scope{}, now)
		if e == nil {
			t.Fatalf("%s %q: no error", a.f.ID, a.raw)
		}
		if e.Anchor != a.want {
			t.Errorf("%s %q: Anchor %q, want %q", a.f.ID, a.raw, e.Anchor, a.want)
		}
	}
}

func TestValidateContact(t *testing.T) {
	email := parseField(t, `{"id":"email","type":"email"}`)
	tel := parseField(t, `{"id":"phone","type":"tel"}`)
	postal := parseField(t, `{"id":"plz","type":"postal_code"}`)
	digits := parseField(t, `{"id":"betriebsnummer","type":"digits","len":8}`)
	runCases(t, []valCase{
		{"email plain", email, v("maria@example.de"), "maria@example.de", ""},
		{"email trimmed", email, v("  a@x.de "), "a@x.de", ""},
		{"email plus and subdomain", email, v("a.b+c@mail.x.de"), "a.b+c@mail.x.de", ""},
		{"email space", email, v("a b@x.de"), "", "form.err.email"},
		{"email display name", email, v("Name <a@x.de>"), "", "form.err.email"},
		{"email angle brackets", email, v("<a@x.de>"), "", "form.err.email"},
		{"email quoted", email, v(`"a"@x.de`), "", "form.err.email"},
		{"email no dot in domain", email, v("a@localhost"), "", "form.err.email"},
		{"email no at", email, v("ax.de"), "", "form.err.email"},
		{"email no local part", email, v("@x.de"), "", "form.err.email"},
		{"email two ats", email, v("a@b@x.de"), "", "form.err.email"},
		{"email empty", email, v(""), "", "form.err.required"},
		{"email too long", email, v(strings.Repeat("a", 250) + "@x.de"), "", "form.err.too_long"},
		{"tel plain", tel, v("0228123456"), "0228123456", ""},
		{"tel with signs", tel, v("+49 (0)228 / 12-34"), "+49 (0)228 / 12-34", ""},
		{"tel five digits", tel, v("12345"), "12345", ""},
		{"tel four digits", tel, v("1234"), "", "form.err.tel"},
		{"tel four digits and signs", tel, v("+1 (2) 3-4"), "", "form.err.tel"},
		{"tel letters", tel, v("0228 CALLME"), "", "form.err.tel"},
		{"tel extension letters", tel, v("0228 1234 ext 5"), "", "form.err.tel"},
		{"tel empty", tel, v(""), "", "form.err.required"},
		{"postal", postal, v("53111"), "53111", ""},
		{"postal with space", postal, v("53 111"), "53111", ""},
		{"postal with dash", postal, v("53-111"), "53111", ""},
		{"postal four digits", postal, v("5311"), "", "form.err.digits"},
		{"postal six digits", postal, v("531111"), "", "form.err.digits"},
		{"postal letter", postal, v("5311a"), "", "form.err.digits"},
		{"postal D- prefix", postal, v("D-53111"), "", "form.err.digits"},
		{"postal empty", postal, v(""), "", "form.err.required"},
		{"digits 8", digits, v("12345678"), "12345678", ""},
		{"digits grouped", digits, v("1234 5678"), "12345678", ""},
		{"digits 7", digits, v("1234567"), "", "form.err.digits"},
		{"digits 9", digits, v("123456789"), "", "form.err.digits"},
		{"digits letter", digits, v("1234567x"), "", "form.err.digits"},
		{"digits non-ASCII digit", digits, v("1234567٣"), "", "form.err.digits"},
	}, form.Scope{})

	for _, c := range []struct {
		f   *form.Field
		len int
	}{{postal, 5}, {digits, 8}} {
		_, e := c.f.Validate(v("1"), form.Scope{}, now)
		if e == nil || e.Args["Len"] != c.len {
			t.Errorf("%s: digits error Args %v, want Len %d", c.f.ID, e, c.len)
		}
	}
}

func TestValidateNumber(t *testing.T) {
	hours := parseField(t, `{"id":"hours","type":"number","min":1,"max":60}`)
	count := parseField(t, `{"id":"count","type":"number"}`)
	runCases(t, []valCase{
		{"in range", hours, v("40"), "40", ""},
		{"min", hours, v("1"), "1", ""},
		{"max", hours, v("60"), "60", ""},
		{"trimmed", hours, v(" 7 "), "7", ""},
		{"leading zero", hours, v("07"), "7", ""},
		{"plus sign", hours, v("+5"), "5", ""},
		{"below min", hours, v("0"), "", "form.err.range"},
		{"negative", hours, v("-1"), "", "form.err.range"},
		{"above max", hours, v("61"), "", "form.err.range"},
		{"decimal", hours, v("4.5"), "", "form.err.number"},
		{"decimal comma", hours, v("4,5"), "", "form.err.number"},
		{"letters", hours, v("abc"), "", "form.err.number"},
		{"empty", hours, v(""), "", "form.err.required"},
		{"unbounded grouped", count, v("1 000"), "1000", ""},
		{"unbounded negative", count, v("-3"), "-3", ""},
		{"too long", count, v("1234567890123"), "", "form.err.too_long"},
	}, form.Scope{})

	_, e := hours.Validate(v("61"), form.Scope{}, now)
	if e == nil || e.Args["Min"] != "1" || e.Args["Max"] != "60" {
		t.Errorf("range Args = %v, want Min 1, Max 60", e)
	}
}

func TestValidateMoney(t *testing.T) {
	money := parseField(t, `{"id":"income","type":"money"}`)
	bounded := parseField(t, `{"id":"rent","type":"money","min":0,"max":100000}`)
	optional := parseField(t, `{"id":"other","type":"money","optional":true}`)
	runCases(t, []valCase{
		{"whole", money, v("2150"), "2150.00", ""},
		{"German grouping and cents", money, v("2.150,50"), "2150.50", ""},
		{"German cents", money, v("2150,50"), "2150.50", ""},
		{"English grouping and cents", money, v("2,150.50"), "2150.50", ""},
		{"English grouping", money, v("48,300"), "48300.00", ""},
		{"German grouping", money, v("2.150"), "2150.00", ""},
		{"spaces and euro sign", money, v("1 000 €"), "1000.00", ""},
		{"EUR", money, v("100 EUR"), "100.00", ""},
		{"no-break space", money, v("1\u00a0000"), "1000.00", ""},
		{"point cents", money, v("2150.50"), "2150.50", ""},
		{"one decimal", money, v("2150,5"), "2150.50", ""},
		{"trailing comma", money, v("2150,"), "2150.00", ""},
		{"zero", money, v("0"), "0.00", ""},
		{"several groups", money, v("1.234.567,89"), "1234567.89", ""},
		{"negative", money, v("-5"), "", "form.err.money"},
		{"comma twice", money, v("1,234,5"), "", "form.err.money"},
		{"letters", money, v("abc"), "", "form.err.money"},
		{"points twice", money, v("1.2.3"), "", "form.err.money"},
		{"three decimals", money, v("12,345.678"), "", "form.err.money"},
		{"only euro", money, v("€"), "", "form.err.money"},
		{"exponent", money, v("1e5"), "", "form.err.money"},
		{"empty", money, v(""), "", "form.err.required"},
		{"optional empty", optional, v(""), "", ""},
		{"too long", money, v(strings.Repeat("1", 21)), "", "form.err.too_long"},
		{"largest exact amount", money, v("9.999.999.999.999,99"), "9999999999999.99", ""},
		{"10^13 refused", money, v("10000000000000"), "", "form.err.money"},
		{"beyond float precision", money, v("12345678901234567"), "", "form.err.money"},
		{"canonical would not fit", money, v("99999999999999999,9"), "", "form.err.money"},
		{"bounded ok", bounded, v("950,00"), "950.00", ""},
		{"bounded max", bounded, v("100.000"), "100000.00", ""},
		{"above max", bounded, v("100.000,01"), "", "form.err.range"},
	}, form.Scope{})

	_, e := bounded.Validate(v("200000"), form.Scope{}, now)
	if e == nil || e.Args["Min"] != "0" || e.Args["Max"] != "100000" {
		t.Errorf("range Args = %v, want Min 0, Max 100000", e)
	}
}

func TestValidateDate(t *testing.T) {
	d := parseFields(t,
		`{"id":"birth","type":"date","past":true}`,
		`{"id":"plain","type":"date"}`,
		`{"id":"opt","type":"date","optional":true}`,
		`{"id":"expiry","type":"date","future":true}`,
		`{"id":"from","type":"date"}`,
		`{"id":"to","type":"date","after":"from"}`,
	)
	birth, plain, opt, expiry, to := d.Field("birth"), d.Field("plain"), d.Field("opt"), d.Field("expiry"), d.Field("to")
	dt := func(day, month, year string) form.Raw { return form.Raw{Day: day, Month: month, Year: year} }
	runCases(t, []valCase{
		{"valid", plain, dt("27", "3", "1990"), "1990-03-27", ""},
		{"zero padded", plain, dt("07", "03", "1990"), "1990-03-07", ""},
		{"spaces", plain, dt(" 7 ", " 3", "1990 "), "1990-03-07", ""},
		{"leap day", plain, dt("29", "2", "2020"), "2020-02-29", ""},
		{"empty required", plain, dt("", "", ""), "", "form.err.date_required"},
		{"blank required", plain, dt(" ", " ", " "), "", "form.err.date_required"},
		{"empty optional", opt, dt("", "", ""), "", ""},
		{"optional but partial", opt, dt("1", "", "2000"), "", "form.err.date_invalid"},
		{"day missing", plain, dt("", "3", "1990"), "", "form.err.date_invalid"},
		{"month missing", plain, dt("27", "", "1990"), "", "form.err.date_invalid"},
		{"year missing", plain, dt("27", "3", ""), "", "form.err.date_invalid"},
		{"31 February", plain, dt("31", "2", "2020"), "", "form.err.date_invalid"},
		{"29 February 2021", plain, dt("29", "2", "2021"), "", "form.err.date_invalid"},
		{"31 April", plain, dt("31", "4", "2020"), "", "form.err.date_invalid"},
		{"day zero", plain, dt("0", "3", "1990"), "", "form.err.date_invalid"},
		{"month 13", plain, dt("1", "13", "1990"), "", "form.err.date_invalid"},
		{"negative day", plain, dt("-1", "3", "1990"), "", "form.err.date_invalid"},
		{"letters", plain, dt("ab", "3", "1990"), "", "form.err.date_invalid"},
		{"month name", plain, dt("1", "März", "1990"), "", "form.err.date_invalid"},
		{"control", plain, dt("1\x00", "3", "1990"), "", "form.err.date_invalid"},
		{"overlong part", plain, dt("000000001", "3", "1990"), "", "form.err.date_invalid"},
		{"two-digit year", plain, dt("1", "3", "99"), "", "form.err.date_year"},
		{"year 1899", plain, dt("1", "3", "1899"), "", "form.err.date_year"},
		{"year 2201", plain, dt("1", "3", "2201"), "", "form.err.date_year"},
		{"past yesterday", birth, dt("14", "6", "2025"), "2025-06-14", ""},
		{"past today", birth, dt("15", "6", "2025"), "", "form.err.date_past"},
		{"past tomorrow", birth, dt("16", "6", "2025"), "", "form.err.date_past"},
		{"future today", expiry, dt("15", "6", "2025"), "2025-06-15", ""},
		{"future next year", expiry, dt("1", "1", "2026"), "2026-01-01", ""},
		{"future yesterday", expiry, dt("14", "6", "2025"), "", "form.err.date_future"},
		{"value is no date", plain, form.Raw{Value: "1990-03-27"}, "", "form.err.date_invalid"},
	}, form.Scope{})

	from := form.Scope{Main: map[string]string{"from": "2020-05-01"}}
	runCases(t, []valCase{
		{"after later", to, dt("2", "5", "2020"), "2020-05-02", ""},
		{"after same day", to, dt("1", "5", "2020"), "2020-05-01", ""},
		{"after earlier", to, dt("30", "4", "2020"), "", "form.err.date_after"},
	}, from)
	runCases(t, []valCase{
		{"after, other empty", to, dt("30", "4", "2020"), "2020-04-30", ""},
	}, form.Scope{})
	// The group item comes before the main answers.
	item := form.Scope{Item: map[string]string{"from": "2021-01-01"}, Main: map[string]string{"from": "2019-01-01"}}
	runCases(t, []valCase{
		{"after in item scope", to, dt("1", "6", "2020"), "", "form.err.date_after"},
	}, item)

	_, e := to.Validate(dt("30", "4", "2020"), from, now)
	if e == nil || e.Args["Other"] != "from" {
		t.Errorf("date_after Args = %v, want Other from", e)
	}
	for _, f := range []*form.Field{plain, birth, to} {
		_, e := f.Validate(dt("31", "2", "2020"), from, now)
		if e == nil || e.Anchor != f.ID+"-tag" {
			t.Errorf("%s: Anchor of %v, want %s-tag", f.ID, e, f.ID)
		}
	}
}

func TestReadRawAndRawOf(t *testing.T) {
	d := parseFields(t,
		`{"id":"birth","type":"date"}`,
		`{"id":"income","type":"money"}`,
		`{"id":"name","type":"text"}`,
	)
	birth, income, name := d.Field("birth"), d.Field("income"), d.Field("name")
	posted := url.Values{"birth-tag": {"7"}, "birth-monat": {"3"}, "birth-jahr": {"1990"}, "income": {"2.150,50"}, "name": {"Maria"}}
	if got := birth.ReadRaw(posted); got != (form.Raw{Day: "7", Month: "3", Year: "1990"}) {
		t.Errorf("ReadRaw date = %+v", got)
	}
	if got := income.ReadRaw(posted); got != (form.Raw{Value: "2.150,50"}) {
		t.Errorf("ReadRaw money = %+v", got)
	}
	if got := birth.RawOf("1990-03-07"); got != (form.Raw{Day: "7", Month: "3", Year: "1990"}) {
		t.Errorf("RawOf date = %+v", got)
	}
	if got := birth.RawOf("garbage"); !got.Empty() {
		t.Errorf("RawOf bad date = %+v, want empty", got)
	}
	if got := income.RawOf("2150.50"); got != (form.Raw{Value: "2150,50"}) {
		t.Errorf("RawOf money = %+v", got)
	}
	if got := income.RawOf(""); !got.Empty() {
		t.Errorf("RawOf empty money = %+v", got)
	}
	// Stored values re-validate to themselves.
	for f, val := range map[*form.Field]string{birth: "1990-03-07", income: "2150.50", name: "Maria"} {
		got, e := f.Validate(f.RawOf(val), form.Scope{}, now)
		if e != nil || got != val {
			t.Errorf("%s: Validate(RawOf(%q)) = %q, %v", f.ID, val, got, e)
		}
	}
}

func TestValidatePage(t *testing.T) {
	d := parseFields(t,
		`{"id":"from","type":"date"}`,
		`{"id":"to","type":"date","after":"from"}`,
		`{"id":"kids","type":"yesno"}`,
		`{"id":"kids_count","type":"number","min":1,"max":20,"when":{"field":"kids","in":["yes"]}}`,
	)
	page := d.Sections[0].Pages[0]
	post := func(vals url.Values) func(*form.Field) form.Raw {
		return func(f *form.Field) form.Raw { return f.ReadRaw(vals) }
	}
	// After sees the page's own new value of from; the hidden field is cleared.
	vals, errs := page.ValidatePage(post(url.Values{
		"from-tag": {"1"}, "from-monat": {"5"}, "from-jahr": {"2020"},
		"to-tag": {"30"}, "to-monat": {"4"}, "to-jahr": {"2020"},
		"kids": {"no"}, "kids_count": {"3"},
	}), form.Scope{Main: map[string]string{"from": "2019-01-01", "kids_count": "2"}}, now)
	if len(errs) != 1 || errs[0].Field != "to" || errs[0].Key != "form.err.date_after" {
		t.Fatalf("errors = %v, want one date_after on to", errs)
	}
	if vals["from"] != "2020-05-01" || vals["kids"] != "no" {
		t.Errorf("values = %v", vals)
	}
	if v, ok := vals["kids_count"]; !ok || v != "" {
		t.Errorf("hidden field kids_count = %q, %v; want cleared", v, ok)
	}
	// The condition sees the page's own new answer.
	vals, errs = page.ValidatePage(post(url.Values{
		"from-tag": {"1"}, "from-monat": {"5"}, "from-jahr": {"2020"},
		"kids": {"yes"}, "kids_count": {"0"},
	}), form.Scope{Main: map[string]string{}}, now)
	keys := map[string]string{}
	for _, e := range errs {
		keys[e.Field] = e.Key
	}
	if keys["to"] != "form.err.date_required" || keys["kids_count"] != "form.err.range" || len(keys) != 2 {
		t.Errorf("errors = %v", keys)
	}
	if vals["from"] != "2020-05-01" {
		t.Errorf("values = %v", vals)
	}
}
