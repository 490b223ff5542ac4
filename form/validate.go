package form

import (
	"fmt"
	"math"
	"net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Error is one problem with one field: Key is the message key, Args its
// placeholders (Label is filled in by the caller, who knows the language).
// Anchor is the id of the input to link to (the day of a date).
type Error struct {
	Field  string
	Anchor string
	Key    string
	Args   map[string]any
}

// Raw is what the browser sent for one field, before validation: Value,
// or Day, Month and Year for a date.
type Raw struct {
	Value, Day, Month, Year string
}

// ReadRaw takes a field's input from a posted form.
func (f *Field) ReadRaw(form url.Values) Raw {
	if f.Type == Date {
		return Raw{Day: form.Get(f.ID + "-tag"), Month: form.Get(f.ID + "-monat"), Year: form.Get(f.ID + "-jahr")}
	}
	return Raw{Value: form.Get(f.ID)}
}

// RawOf turns a stored canonical value back into input, for re-checking
// stored answers and for filling the inputs.
func (f *Field) RawOf(v string) Raw {
	if f.Type == Date {
		if t, err := time.Parse(time.DateOnly, v); err == nil {
			return Raw{Day: strconv.Itoa(t.Day()), Month: strconv.Itoa(int(t.Month())), Year: strconv.Itoa(t.Year())}
		}
		return Raw{}
	}
	if f.Type == Money && v != "" {
		return Raw{Value: strings.Replace(v, ".", ",", 1)}
	}
	return Raw{Value: v}
}

// Empty reports whether nothing was entered.
func (r Raw) Empty() bool {
	return strings.TrimSpace(r.Value+r.Day+r.Month+r.Year) == ""
}

func (f *Field) fail(key string, kv ...any) *Error {
	e := &Error{Field: f.ID, Anchor: f.ID, Key: key, Args: map[string]any{}}
	if f.Type == Date {
		e.Anchor = f.ID + "-tag"
	}
	if f.Type == Radio || f.Type == YesNo {
		e.Anchor = f.ID + "-" + f.Options[0]
	}
	for i := 0; i+1 < len(kv); i += 2 {
		e.Args[kv[i].(string)] = kv[i+1]
	}
	return e
}

// Validate checks one field's input and returns its canonical value ("" for
// an optional field left empty). now is today for Past and Future; scope
// gives the values After refers to.
func (f *Field) Validate(r Raw, scope Scope, now time.Time) (string, *Error) {
	if f.Type == Date {
		return f.validateDate(r, scope, now)
	}
	v := strings.TrimSpace(r.Value)
	if v == "" {
		if f.Optional {
			return "", nil
		}
		switch f.Type {
		case Radio, YesNo, Country:
			return "", f.fail("form.err.choose")
		case Confirm:
			return "", f.fail("form.err.confirm")
		}
		return "", f.fail("form.err.required")
	}
	if utf8.RuneCountInString(v) > f.MaxLen {
		return "", f.fail("form.err.too_long", "Max", f.MaxLen)
	}
	if !utf8.ValidString(v) || HasControl(v, f.Type == Textarea) {
		return "", f.fail("form.err.control")
	}
	switch f.Type {
	case Text, Textarea:
		return v, nil
	case Radio, YesNo:
		for _, o := range f.Options {
			if v == o {
				return v, nil
			}
		}
		return "", f.fail("form.err.choose")
	case Confirm:
		if v != "yes" {
			return "", f.fail("form.err.confirm")
		}
		return v, nil
	case Country:
		v = strings.ToUpper(v)
		if !IsCountry(v) {
			return "", f.fail("form.err.choose")
		}
		return v, nil
	case Email:
		if !ValidEmail(v) {
			return "", f.fail("form.err.email")
		}
		return v, nil
	case Tel:
		digits := 0
		for _, c := range v {
			switch {
			case c >= '0' && c <= '9':
				digits++
			case strings.ContainsRune(" +-/()", c):
			default:
				return "", f.fail("form.err.tel")
			}
		}
		if digits < 5 {
			return "", f.fail("form.err.tel")
		}
		return v, nil
	case PostalCode, Digits:
		n := 5
		if f.Type == Digits {
			n = f.Len
		}
		s := strings.NewReplacer(" ", "", "-", "").Replace(v)
		if len(s) != n || strings.Trim(s, "0123456789") != "" {
			return "", f.fail("form.err.digits", "Len", n)
		}
		return s, nil
	case Number:
		n, err := strconv.Atoi(strings.ReplaceAll(v, " ", ""))
		if err != nil {
			return "", f.fail("form.err.number")
		}
		if (f.Min != nil && float64(n) < *f.Min) || (f.Max != nil && float64(n) > *f.Max) {
			return "", f.fail("form.err.range", "Min", fmtNum(f.Min), "Max", fmtNum(f.Max))
		}
		return strconv.Itoa(n), nil
	case Money:
		x, ok := parseMoney(v)
		if !ok {
			return "", f.fail("form.err.money")
		}
		if (f.Min != nil && x < *f.Min) || (f.Max != nil && x > *f.Max) {
			return "", f.fail("form.err.range", "Min", fmtNum(f.Min), "Max", fmtNum(f.Max))
		}
		return strconv.FormatFloat(x, 'f', 2, 64), nil
	}
	return "", f.fail("form.err.required")
}

func fmtNum(p *float64) string {
	if p == nil {
		return "–"
	}
	return strconv.FormatFloat(*p, 'f', -1, 64)
}

// parseMoney accepts "2150", "2150,50", "2.150,50", "2150.50" and "2 150 €".
func parseMoney(s string) (float64, bool) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(strings.NewReplacer("€", "", "EUR", "", "\u00a0", "", " ", "").Replace(s)), ","))
	if s == "" {
		return 0, false
	}
	comma, dot := strings.LastIndexByte(s, ','), strings.LastIndexByte(s, '.')
	switch {
	case comma >= 0 && dot >= 0:
		if comma > dot { // 2.150,50
			s = strings.ReplaceAll(s, ".", "")
			s = strings.Replace(s, ",", ".", 1)
		} else { // 2,150.50
			s = strings.ReplaceAll(s, ",", "")
		}
	case comma >= 0:
		// Cents have at most two digits, so "48,300" is grouping.
		if len(s)-comma-1 == 3 {
			s = strings.ReplaceAll(s, ",", "")
		} else {
			s = strings.Replace(s, ",", ".", 1)
		}
	case dot >= 0:
		// "2.150" is two thousand in German; "2150.50" has cents.
		if len(s)-dot-1 == 3 {
			s = strings.ReplaceAll(s, ".", "")
		}
	}
	if strings.Count(s, ".") > 1 || strings.Trim(s, "0123456789.") != "" {
		return 0, false
	}
	if i := strings.IndexByte(s, '.'); i >= 0 && len(s)-i-1 > 2 {
		return 0, false
	}
	x, err := strconv.ParseFloat(s, 64)
	// Below 10¹³ a float64 keeps every amount to the cent, and the
	// canonical value fits the default MaxLen; above, "12345678901234567" would be
	// stored as 12345678901234568.00, or fail its own re-check.
	if err != nil || math.IsInf(x, 0) || math.IsNaN(x) || x < 0 || x >= 1e13 {
		return 0, false
	}
	return x, true
}

func (f *Field) validateDate(r Raw, scope Scope, now time.Time) (string, *Error) {
	if r.Empty() {
		if f.Optional {
			return "", nil
		}
		return "", f.fail("form.err.date_required")
	}
	for _, p := range []string{r.Day, r.Month, r.Year} {
		if len(p) > 8 || HasControl(p, false) {
			return "", f.fail("form.err.date_invalid")
		}
	}
	d, e1 := strconv.Atoi(strings.TrimSpace(r.Day))
	m, e2 := strconv.Atoi(strings.TrimSpace(r.Month))
	y, e3 := strconv.Atoi(strings.TrimSpace(r.Year))
	if e1 != nil || e2 != nil || e3 != nil {
		return "", f.fail("form.err.date_invalid")
	}
	if y < 1900 || y > 2200 {
		return "", f.fail("form.err.date_year")
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || int(t.Month()) != m {
		return "", f.fail("form.err.date_invalid")
	}
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	if f.Past && !t.Before(today) {
		return "", f.fail("form.err.date_past")
	}
	if f.Future && t.Before(today) {
		return "", f.fail("form.err.date_future")
	}
	v := t.Format(time.DateOnly)
	if f.After != "" {
		if o := scope.Get(f.After); o != "" && v < o {
			return "", f.fail("form.err.date_after", "Other", f.After)
		}
	}
	return v, nil
}

// HasControl reports control characters other than line breaks and tabs
// (where multiline) and the bidi overrides that can disguise text: they
// never belong in what a person types.
func HasControl(s string, multiline bool) bool {
	for _, r := range s {
		if multiline && (r == '\n' || r == '\r' || r == '\t') {
			continue
		}
		if unicode.IsControl(r) || r == utf8.RuneError || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) {
			return true
		}
	}
	return false
}

// ValidEmail accepts a plain address (no display name), as people type it.
func ValidEmail(s string) bool {
	if len(s) > 254 || strings.ContainsAny(s, " <>\"") {
		return false
	}
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && strings.Contains(s[strings.LastIndexByte(s, '@')+1:], ".")
}

// ValidatePage checks every visible field of the page and returns the
// canonical values of all of them; fields hidden by their condition are
// returned as "" so that a changed earlier answer clears what no longer
// applies.
func (p *Page) ValidatePage(get func(*Field) Raw, scope Scope, now time.Time) (map[string]string, []*Error) {
	vals := map[string]string{}
	var errs []*Error
	// Fields see the page's own new values (After within a page).
	local := Scope{Local: make(map[string]string, len(p.Fields)), Item: scope.Item, Main: scope.Main}
	for _, f := range p.Fields {
		if !f.When.Holds(local) {
			vals[f.ID] = ""
			continue
		}
		v, err := f.Validate(get(f), local, now)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		vals[f.ID] = v
		local.Local[f.ID] = v
	}
	return vals, errs
}

// String is for debugging.
func (e *Error) String() string { return fmt.Sprintf("%s: %s", e.Field, e.Key) }
