package form_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/smd-oss/smd/form"
)

// fuzzFields are one or more fields of every type, as Parse builds them.
func fuzzFields(t testing.TB) []*form.Field {
	d := parseFields(t,
		`{"id":"text","type":"text"}`,
		`{"id":"text_opt","type":"text","optional":true,"max_len":5}`,
		`{"id":"area","type":"textarea"}`,
		`{"id":"date","type":"date"}`,
		`{"id":"date_past","type":"date","past":true,"optional":true}`,
		`{"id":"date_future","type":"date","future":true}`,
		`{"id":"date_after","type":"date","after":"date"}`,
		`{"id":"radio","type":"radio","options":["a","b","c"]}`,
		`{"id":"yesno","type":"yesno"}`,
		`{"id":"confirm","type":"confirm"}`,
		`{"id":"country","type":"country"}`,
		`{"id":"email","type":"email"}`,
		`{"id":"tel","type":"tel"}`,
		`{"id":"plz","type":"postal_code"}`,
		`{"id":"digits","type":"digits","len":8}`,
		`{"id":"number","type":"number","min":0,"max":100}`,
		`{"id":"number_free","type":"number"}`,
		`{"id":"money","type":"money","min":0,"max":1000000}`,
		`{"id":"money_free","type":"money","optional":true}`,
	)
	return d.Fields()
}

var moneyRe = regexp.MustCompile(`^[0-9]+\.[0-9]{2}$`)

func FuzzValidate(f *testing.F) {
	seeds := [][4]string{
		{"Maria Yılmaz", "27", "3", "1990"},
		{"", "", "", ""},
		{"  ", " ", " ", " "},
		{"2.150,50", "31", "2", "2020"},
		{"2,150.50", "29", "2", "2020"},
		{"48,300", "1", "1", "99"},
		{"1 000 €", "15", "6", "2025"},
		{"-5", "0", "13", "2201"},
		{"1,234,5", "+1", "-1", "1900"},
		{"tur", "1", "1", "2200"},
		{"a@x.de", "07", "03", "1990"},
		{"Name <a@x.de>", "x", "y", "z"},
		{"+49 (0)228 / 12-34", "", "3", "1990"},
		{"53 111", "1\x00", "1", "2000"},
		{"1234 5678", "1", "1", "2000"},
		{"line\nline", "1", "1", "2000"},
		{"abc\u202Etxt", "1", "1", "2000"},
		{"\xff\xfe", "\xff", "1", "2000"},
		{"yes", "1", "1", "2000"},
		{"99999999999999999,9", "1", "1", "2000"},
		{"12345678901234567", "1", "1", "2000"},
		{"ırq", "1", "1", "2000"},
	}
	for _, s := range seeds {
		f.Add(s[0], s[1], s[2], s[3])
	}
	fields := fuzzFields(f)
	scope := form.Scope{Main: map[string]string{"date": "2000-01-01"}}
	f.Fuzz(func(t *testing.T, value, day, month, year string) {
		raw := form.Raw{Value: value, Day: day, Month: month, Year: year}
		for _, fld := range fields {
			got, e := fld.Validate(raw, scope, now)
			if e != nil {
				if got != "" {
					t.Errorf("%s: value %q together with error %s", fld.ID, got, e.Key)
				}
				if !strings.HasPrefix(e.Key, "form.err.") || e.Field != fld.ID || e.Anchor == "" {
					t.Errorf("%s: malformed error %+v", fld.ID, e)
				}
				continue
			}
			if got == "" {
				if !fld.Optional {
					t.Errorf("%s: required field accepted %+q as empty", fld.ID, raw)
				}
				continue
			}
			checkCanonical(t, fld, got)
			// Idempotent: the stored value validates to itself.
			again, e := fld.Validate(fld.RawOf(got), scope, now)
			if e != nil || again != got {
				t.Errorf("%s: %+q → %q, but Validate(RawOf(%q)) = %q, %v", fld.ID, raw, got, got, again, e)
			}
		}
	})
}

func checkCanonical(t *testing.T, fld *form.Field, v string) {
	t.Helper()
	if !utf8.ValidString(v) {
		t.Errorf("%s: canonical %q is not UTF-8", fld.ID, v)
	}
	if v != strings.TrimSpace(v) {
		t.Errorf("%s: canonical %q is not trimmed", fld.ID, v)
	}
	for _, r := range v {
		if fld.Type == form.Textarea && (r == '\n' || r == '\r' || r == '\t') {
			continue
		}
		if unicode.IsControl(r) || r == utf8.RuneError || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) {
			t.Errorf("%s: canonical %q contains control character %U", fld.ID, v, r)
		}
	}
	switch fld.Type {
	case form.Money:
		if !moneyRe.MatchString(v) {
			t.Errorf("%s: canonical %q has not exactly two decimals", fld.ID, v)
		}
		if _, err := strconv.ParseFloat(v, 64); err != nil {
			t.Errorf("%s: canonical %q does not parse: %v", fld.ID, v, err)
		}
	case form.Date:
		if _, err := time.Parse(time.DateOnly, v); err != nil {
			t.Errorf("%s: canonical %q is no date: %v", fld.ID, v, err)
		}
	case form.Number:
		if _, err := strconv.Atoi(v); err != nil {
			t.Errorf("%s: canonical %q is no number: %v", fld.ID, v, err)
		}
	case form.PostalCode, form.Digits:
		if strings.Trim(v, "0123456789") != "" {
			t.Errorf("%s: canonical %q has non-digits", fld.ID, v)
		}
	case form.Country:
		if !form.IsCountry(v) {
			t.Errorf("%s: canonical %q is no country", fld.ID, v)
		}
	case form.Radio, form.YesNo:
		if !contains(fld.Options, v) {
			t.Errorf("%s: canonical %q is no option", fld.ID, v)
		}
	case form.Confirm:
		if v != "yes" {
			t.Errorf("%s: canonical %q", fld.ID, v)
		}
	}
}
