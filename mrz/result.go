package mrz

import "strings"

// Format is the ICAO 9303 layout of a machine-readable zone.
type Format string

const (
	TD1 Format = "TD1" // ID-1 cards (identity cards, the German eAT): 3 lines of 30
	TD2 Format = "TD2" // ID-2 cards: 2 lines of 36
	TD3 Format = "TD3" // passport books: 2 lines of 44
)

// NameWidth is the number of characters the format has for the name
// (surname, "<<", given names); a name that fills it may be truncated.
func (f Format) NameWidth() int {
	switch f {
	case TD1:
		return 30
	case TD2:
		return 31
	case TD3:
		return 39
	}
	return 0
}

// Result is a parsed MRZ. Its JSON is the contract of `smd mrz` in
// shared/spec/interfaces.md; Flags and OptionalData are additions that
// are left out when empty.
type Result struct {
	Format Format `json:"format"`
	// Valid is true exactly when every check in Checks holds. It says
	// nothing about Flags: a specimen has valid check digits.
	Valid        bool   `json:"valid"`
	DocumentCode string `json:"document_code"`
	// IssuingState and Nationality are ICAO three-letter codes with the
	// filler removed, so Germany's "D<<" is "D".
	IssuingState   string `json:"issuing_state"`
	Surname        string `json:"surname"`
	GivenNames     string `json:"given_names"`
	DocumentNumber string `json:"document_number"`
	Nationality    string `json:"nationality"`
	// BirthDate and ExpiryDate are YYYY-MM-DD, or "" when the MRZ holds no
	// calendar date there (unknown parts written as <, or impossible
	// values); a flag then says so.
	BirthDate string `json:"birth_date"`
	// Sex is "F", "M", "X", or "" for the filler (unspecified).
	Sex        string `json:"sex"`
	ExpiryDate string `json:"expiry_date"`
	// PersonalNumber is TD3's personal number field, or the optional data
	// of line 1 for TD1 and of line 2 for TD2 (where states put theirs).
	PersonalNumber string `json:"personal_number"`
	Checks         Checks `json:"checks"`
	// OptionalData is TD1's second optional field (line 2, positions
	// 19–29), which has no place in the contract.
	OptionalData string `json:"optional_data,omitempty"`
	// Flags are observations beyond the check digits, as the keys of
	// flags.go, most important first: specimens, the German eAT serial
	// rules, dates that are no calendar dates, an unknown sex code.
	Flags []string `json:"flags,omitempty"`
	// NameFull is true when the name fills its field to the last
	// position, so the issuer may have truncated it (ICAO 9303 Part 3):
	// name matching then accepts a prefix.
	NameFull bool `json:"-"`
}

// Checks are the check digits of the MRZ. A check the format does not
// have (TD1 and TD2 carry no digit for the optional data) counts as
// holding, so that Valid can be "every check holds" for every format.
type Checks struct {
	DocumentNumber bool `json:"document_number"`
	BirthDate      bool `json:"birth_date"`
	ExpiryDate     bool `json:"expiry_date"`
	PersonalNumber bool `json:"personal_number"`
	Composite      bool `json:"composite"`
}

// All reports whether every check holds.
func (c Checks) All() bool {
	return c.DocumentNumber && c.BirthDate && c.ExpiryDate && c.PersonalNumber && c.Composite
}

// Failed lists the JSON names of the checks that do not hold, in the
// order of the contract, for messages such as "check digit of
// birth_date is wrong".
func (c Checks) Failed() []string {
	var out []string
	for _, f := range []struct {
		ok   bool
		name string
	}{
		{c.DocumentNumber, "document_number"},
		{c.BirthDate, "birth_date"},
		{c.ExpiryDate, "expiry_date"},
		{c.PersonalNumber, "personal_number"},
		{c.Composite, "composite"},
	} {
		if !f.ok {
			out = append(out, f.name)
		}
	}
	return out
}

// Specimen reports whether any flag marks the document as a specimen
// (Muster): a known specimen serial, name or ICAO's fictitious state.
func (r *Result) Specimen() bool {
	for _, f := range r.Flags {
		if strings.HasPrefix(f, "mrz.specimen_") {
			return true
		}
	}
	return false
}

// IsPassport reports whether the MRZ is a passport's (document code P…).
func (r *Result) IsPassport() bool { return strings.HasPrefix(r.DocumentCode, "P") }

// IsGermanResidencePermit reports whether the MRZ is a German electronic
// residence permit (eAT): issued by D with document code AR, or AS for
// Swiss nationals (law-and-standards.md § 4.7).
func (r *Result) IsGermanResidencePermit() bool {
	return r.IssuingState == "D" && (r.DocumentCode == "AR" || r.DocumentCode == "AS")
}
