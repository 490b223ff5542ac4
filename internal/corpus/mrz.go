package corpus

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// This file holds the corpus's own small ICAO 9303 helpers: check digits,
// transliteration, building TD1/TD3 lines and reading them back into the
// fields of the `smd mrz` JSON. They are deliberately independent of the
// product's mrz package, so that the corpus can judge it.

// MRZ is the ground truth of a machine-readable zone in the shape of the
// `smd mrz` JSON (interfaces.md, "Documents").
type MRZ struct {
	Format         string          `json:"format"`
	Valid          bool            `json:"valid"`
	DocumentCode   string          `json:"document_code"`
	IssuingState   string          `json:"issuing_state"`
	Surname        string          `json:"surname"`
	GivenNames     string          `json:"given_names"`
	DocumentNumber string          `json:"document_number"`
	Nationality    string          `json:"nationality"`
	BirthDate      string          `json:"birth_date"`
	Sex            string          `json:"sex"`
	ExpiryDate     string          `json:"expiry_date"`
	PersonalNumber string          `json:"personal_number"`
	Checks         map[string]bool `json:"checks"`
}

// mrzValue is the ICAO 9303 character value: 0-9, A-Z → 10-35, '<' → 0;
// -1 for anything else.
func mrzValue(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'A' && c <= 'Z':
		return int(c-'A') + 10
	case c == '<':
		return 0
	}
	return -1
}

// CheckDigit is the ICAO 9303 check digit of s (weights 7, 3, 1), or -1 when
// s holds a character outside the MRZ alphabet.
func CheckDigit(s string) int {
	weights := [3]int{7, 3, 1}
	sum := 0
	for i := 0; i < len(s); i++ {
		v := mrzValue(s[i])
		if v < 0 {
			return -1
		}
		sum += v * weights[i%3]
	}
	return sum % 10
}

func checkChar(s string) byte { return byte('0' + CheckDigit(s)) }

// digitOK reports whether the check character c holds for field. An empty
// optional field (all '<') may carry '<' as its check character.
func digitOK(field string, c byte) bool {
	if c == '<' {
		return strings.Trim(field, "<") == ""
	}
	return c >= '0' && c <= '9' && int(c-'0') == CheckDigit(field)
}

// transliterations are the ICAO 9303 Part 3 recommendations for letters
// that do not decompose into a base letter plus marks. Umlauts become AE,
// OE, UE as on German documents; Turkish passports drop the marks instead
// (see mrzName).
var transliterations = map[rune]string{
	'Ä': "AE", 'Ö': "OE", 'Ü': "UE", 'ß': "SS", 'Æ': "AE", 'Ø': "OE", 'Å': "AA",
	'Ł': "L", 'Đ': "D", 'Ð': "D", 'Þ': "TH", 'Œ': "OE",
}

// mrzName turns a printed name into MRZ characters: upper case, ICAO
// transliteration, spaces and hyphens to '<', other punctuation dropped.
// plainUmlauts drops the marks of Ä, Ö, Ü instead of writing AE, OE, UE
// (what Turkey and several other states do).
func mrzName(s string, plainUmlauts bool) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		if r == 'ß' || r == 'ẞ' {
			b.WriteString("SS")
			continue
		}
		if t, ok := transliterations[r]; ok && !(plainUmlauts && (r == 'Ä' || r == 'Ö' || r == 'Ü')) {
			b.WriteString(t)
			continue
		}
		switch {
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r)
		case r == ' ' || r == '-':
			b.WriteByte('<')
		default:
			for _, d := range norm.NFD.String(string(r)) {
				if d >= 'A' && d <= 'Z' {
					b.WriteRune(d)
				} else if !unicode.Is(unicode.Mn, d) && unicode.IsLetter(d) {
					// A letter without a Latin base (Cyrillic, Arabic):
					// names of such holders are given in Latin letters,
					// so this does not happen; keep the output MRZ-clean.
					b.WriteByte('X')
				}
			}
		}
	}
	return b.String()
}

// nameField is SURNAME<<GIVEN<NAMES padded or cut to n characters.
func nameField(surname, given string, n int, plainUmlauts bool) string {
	s := mrzName(surname, plainUmlauts)
	if g := mrzName(given, plainUmlauts); g != "" {
		s += "<<" + g
	}
	return pad(s, n)
}

// pad fills s with '<' to n characters, or cuts it to n.
func pad(s string, n int) string {
	if len(s) >= n {
		return s[:n]
	}
	return s + strings.Repeat("<", n-len(s))
}

// mrzInput is what a TD1 or TD3 is built from: MRZ-ready values.
type mrzInput struct {
	Code           string // "P", "AR", "I"…
	Issuing        string // ISO 3166 alpha-3 or "D"
	Surname, Given string // printed names
	PlainUmlauts   bool
	Number         string // up to 9 characters
	Nationality    string
	Birth          string // YYMMDD
	Sex            string // "M", "F", "X" or "" (filler)
	Expiry         string // YYMMDD
	Personal       string // TD3 optional data, up to 14 characters
}

func sexChar(s string) string {
	if s == "" {
		return "<"
	}
	return s
}

// td3 builds the two 44-character lines of a passport.
func td3(in mrzInput) [2]string {
	l1 := pad(pad(in.Code, 2)+pad(in.Issuing, 3)+nameField(in.Surname, in.Given, 39, in.PlainUmlauts), 44)
	num := pad(in.Number, 9)
	pers := pad(in.Personal, 14)
	persCD := "<"
	if strings.Trim(pers, "<") != "" {
		persCD = string(checkChar(pers))
	}
	l2 := num + string(checkChar(num)) + pad(in.Nationality, 3) +
		in.Birth + string(checkChar(in.Birth)) + sexChar(in.Sex) +
		in.Expiry + string(checkChar(in.Expiry)) + pers + persCD
	l2 += string(checkChar(l2[0:10] + l2[13:20] + l2[21:43]))
	return [2]string{l1, l2}
}

// td1 builds the three 30-character lines of an ID-1 card (eAT, ID card).
// The optional data fields stay empty.
func td1(in mrzInput) [3]string {
	num := pad(in.Number, 9)
	l1 := pad(in.Code, 2) + pad(in.Issuing, 3) + num + string(checkChar(num)) + strings.Repeat("<", 15)
	l2 := in.Birth + string(checkChar(in.Birth)) + sexChar(in.Sex) +
		in.Expiry + string(checkChar(in.Expiry)) + pad(in.Nationality, 3) + strings.Repeat("<", 11)
	l2 += string(checkChar(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29]))
	l3 := nameField(in.Surname, in.Given, 30, in.PlainUmlauts)
	return [3]string{l1, l2, l3}
}

// ParseMRZ reads well-formed TD1 (3×30) or TD3 (2×44) lines into the truth
// the product should print. It fails on anything else (truncated lines,
// wrong lengths, characters outside the MRZ alphabet).
func ParseMRZ(lines []string) (*MRZ, error) {
	for _, l := range lines {
		for i := 0; i < len(l); i++ {
			if mrzValue(l[i]) < 0 {
				return nil, fmt.Errorf("corpus: character %q outside the MRZ alphabet", l[i])
			}
		}
	}
	switch {
	case len(lines) == 2 && len(lines[0]) == 44 && len(lines[1]) == 44:
		return parseTD3(lines[0], lines[1]), nil
	case len(lines) == 3 && len(lines[0]) == 30 && len(lines[1]) == 30 && len(lines[2]) == 30:
		return parseTD1(lines[0], lines[1], lines[2]), nil
	}
	return nil, fmt.Errorf("corpus: not a TD1 or TD3 MRZ")
}

func parseTD3(l1, l2 string) *MRZ {
	sur, given := splitName(l1[5:44])
	m := &MRZ{
		Format:         "TD3",
		DocumentCode:   trim(l1[0:2]),
		IssuingState:   trim(l1[2:5]),
		Surname:        sur,
		GivenNames:     given,
		DocumentNumber: trim(l2[0:9]),
		Nationality:    trim(l2[10:13]),
		BirthDate:      mrzDate(l2[13:19], true),
		Sex:            trim(l2[20:21]),
		ExpiryDate:     mrzDate(l2[21:27], false),
		PersonalNumber: trim(l2[28:42]),
		Checks: map[string]bool{
			"document_number": digitOK(l2[0:9], l2[9]),
			"birth_date":      digitOK(l2[13:19], l2[19]),
			"expiry_date":     digitOK(l2[21:27], l2[27]),
			"personal_number": digitOK(l2[28:42], l2[42]),
			"composite":       digitOK(l2[0:10]+l2[13:20]+l2[21:43], l2[43]),
		},
	}
	m.Valid = allTrue(m.Checks)
	return m
}

func parseTD1(l1, l2, l3 string) *MRZ {
	sur, given := splitName(l3)
	m := &MRZ{
		Format:         "TD1",
		DocumentCode:   trim(l1[0:2]),
		IssuingState:   trim(l1[2:5]),
		Surname:        sur,
		GivenNames:     given,
		DocumentNumber: trim(l1[5:14]),
		Nationality:    trim(l2[15:18]),
		BirthDate:      mrzDate(l2[0:6], true),
		Sex:            trim(l2[7:8]),
		ExpiryDate:     mrzDate(l2[8:14], false),
		PersonalNumber: trim(l1[15:30]),
		Checks: map[string]bool{
			"document_number": digitOK(l1[5:14], l1[14]),
			"birth_date":      digitOK(l2[0:6], l2[6]),
			"expiry_date":     digitOK(l2[8:14], l2[14]),
			"composite":       digitOK(l1[5:30]+l2[0:7]+l2[8:15]+l2[18:29], l2[29]),
		},
	}
	m.Valid = allTrue(m.Checks)
	return m
}

func allTrue(m map[string]bool) bool {
	for _, ok := range m {
		if !ok {
			return false
		}
	}
	return true
}

func trim(s string) string { return strings.Trim(s, "<") }

// splitName splits SURNAME<<GIVEN<NAMES; '<' inside a part becomes a space.
func splitName(f string) (surname, given string) {
	f = strings.TrimRight(f, "<")
	s, g, _ := strings.Cut(f, "<<")
	clean := func(p string) string {
		return strings.Join(strings.FieldsFunc(p, func(r rune) bool { return r == '<' }), " ")
	}
	return clean(s), clean(g)
}

// mrzDate turns YYMMDD into YYYY-MM-DD. Birth years are 19YY when YY is
// above 49 (the corpus makes no one born before 1950 or after 2007, so this
// agrees with the contract's "later than the current year" rule until
// 2049); expiry years are always 20YY.
func mrzDate(s string, birth bool) string {
	century := "20"
	if birth && s[0:2] > "49" {
		century = "19"
	}
	return century + s[0:2] + "-" + s[2:4] + "-" + s[4:6]
}
