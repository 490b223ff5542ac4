package web

import (
	"sort"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/smd-oss/smd/form"
	"github.com/smd-oss/smd/quickcheck"
	"github.com/smd-oss/smd/rules"
)

// FieldView is one answer on a question page, rendered by the "afield"
// partial: an input, a textarea, a date group, radios, a country list or
// a declaration checkbox, with hint, inline error and ARIA links.
type FieldView struct {
	ID, Kind     string
	Label, Hint  string
	Caption      string // the section's caption, when the label is the page heading
	Heading      bool   // the label or legend is the page's <h1>
	Error        string
	Optional     bool
	Value        string
	Day, Month   string
	Year         string
	Options      []OptionView
	InputType    string
	InputMode    string
	Autocomplete string
	Width        string
	Prefilled    bool
	Frame        *Frame
}

// OptionView is a radio button or a list entry.
type OptionView struct {
	ID, Value, Label string
	Checked          bool
}

// DescribedBy lists the hint and error ids for aria-describedby.
func (f FieldView) DescribedBy() string {
	var ids []string
	if f.Hint != "" || f.Prefilled {
		ids = append(ids, f.ID+"-hint")
	}
	if f.Error != "" {
		ids = append(ids, f.ID+"-error")
	}
	return strings.Join(ids, " ")
}

// fieldView builds the view of f with the raw input (entered or stored).
func (s *Server) fieldView(fr *Frame, f *form.Field, raw form.Raw, heading bool, caption string) FieldView {
	v := FieldView{ID: f.ID, Kind: f.Type, Label: fr.T("form.f." + f.Key()), Heading: heading, Caption: caption,
		Optional: f.Optional, Value: raw.Value, Day: raw.Day, Month: raw.Month, Year: raw.Year,
		Autocomplete: f.Autocomplete, InputType: "text", Frame: fr}
	if f.Hint {
		v.Hint = fr.T("form.f." + f.Key() + ".hint")
	}
	switch f.Type {
	case form.Email:
		v.InputType = "email"
	case form.Tel:
		v.InputType = "tel"
	case form.PostalCode:
		v.InputMode, v.Width = "numeric", "smd-input--w5"
	case form.Digits:
		v.InputMode, v.Width = "numeric", "smd-input--w10"
	case form.Number:
		v.InputMode, v.Width = "numeric", "kern-form-input__input--width-4"
	case form.Money:
		v.InputMode, v.Width = "decimal", "smd-input--w10"
	case form.Radio, form.YesNo:
		for _, o := range f.Options {
			label := ""
			if f.Type == form.YesNo {
				label = fr.T("form." + o)
			} else {
				label = fr.T("form.o." + f.Key() + "." + o)
			}
			v.Options = append(v.Options, OptionView{ID: f.ID + "-" + o, Value: o, Label: label, Checked: raw.Value == o})
		}
	case form.Country:
		v.Options = append([]OptionView{{Value: "", Label: fr.T("form.country.choose")}}, countryOptions(fr, raw.Value)...)
	}
	if f.Type == form.Date && strings.HasPrefix(f.ID, "birth") {
		v.Autocomplete = "bday"
	}
	return v
}

// countryOptions lists the countries by their names in the page's
// language, sorted as that language sorts.
func countryOptions(fr *Frame, selected string) []OptionView {
	base := countryList(fr.Lang.Code)
	out := make([]OptionView, len(base))
	copy(out, base)
	for i := range out {
		out[i].Checked = out[i].Value == selected
	}
	for _, code := range []string{form.Stateless, form.Unknown} {
		out = append(out, OptionView{Value: code, Label: fr.T("form.country." + code), Checked: code == selected})
	}
	return out
}

var countryCache sync.Map // lang → []OptionView

func countryList(lang string) []OptionView {
	if v, ok := countryCache.Load(lang); ok {
		return v.([]OptionView)
	}
	tag := language.Make(lang)
	names := display.Regions(tag)
	var out []OptionView
	for _, code := range form.Countries() {
		r, ok := form.Region(code)
		if !ok {
			continue
		}
		name := names.Name(r)
		if name == "" {
			name = code
		}
		out = append(out, OptionView{Value: code, Label: name})
	}
	col := collate.New(tag)
	sort.SliceStable(out, func(i, j int) bool { return col.CompareString(out[i].Label, out[j].Label) < 0 })
	countryCache.Store(lang, out)
	return out
}

// countryName is a country's name in lang.
func countryName(fr *Frame, code string) string {
	if code == form.Stateless || code == form.Unknown {
		return fr.T("form.country." + code)
	}
	if r, ok := form.Region(code); ok {
		if n := display.Regions(language.Make(fr.Lang.Code)).Name(r); n != "" {
			return n
		}
	}
	return code
}

// displayValue formats a stored answer for the check-answers page and the
// receipt: dates and amounts the way the language writes them, choices by
// their labels.
func displayValue(fr *Frame, f *form.Field, v string) string {
	if v == "" {
		return ""
	}
	switch f.Type {
	case form.Date:
		if d, err := rules.ParseDate(v); err == nil {
			return quickcheck.FormatDate(d, fr.Lang.Code)
		}
	case form.Money:
		if x, err := strconv.ParseFloat(v, 64); err == nil {
			return quickcheck.FormatAmount(x, fr.Lang.Code)
		}
	case form.Radio:
		return fr.T("form.o." + f.Key() + "." + v)
	case form.YesNo, form.Confirm:
		return fr.T("form." + v)
	case form.Country:
		return countryName(fr, v)
	}
	return v
}
