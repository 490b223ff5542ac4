// Package mrz reads the machine-readable zone of travel and identity
// documents after ICAO Doc 9303: TD1 (ID-1 cards such as identity cards
// and the German eAT, 3×30), TD2 (2×36) and TD3 (passports, 2×44). It
// checks every check digit, reads names, dates and codes as the contract
// of `smd mrz` (shared/spec/interfaces.md) defines them, and flags German
// eAT rules and published specimens (law-and-standards.md § 4.7).
//
// Parsing advises: a wrong check digit makes a result invalid, a flag
// adds a hint, and a caseworker decides.
package mrz

import (
	"strconv"
	"strings"
	"time"
)

// Parse reads an MRZ given as its lines (surrounding white space is
// ignored). today sets the century of two-digit birth years.
//
// Errors: EINVALID wrapping *NotMRZ when the lines are not an MRZ at all
// (count, lengths, characters, a document code the format does not
// allow). A readable MRZ with wrong check digits is no error: it comes
// back with Valid false and the failing checks false.
func Parse(lines []string, today time.Time) (*Result, error) {
	if len(lines) != 2 && len(lines) != 3 {
		return nil, notMRZ(ReasonLines, "%d line(s); an MRZ has 2 (TD2, TD3) or 3 (TD1)", len(lines))
	}
	var l [3]string
	for i, s := range lines {
		l[i] = strings.TrimSpace(s)
	}
	var f Format
	switch n := len(l[0]); {
	case len(lines) == 3 && n == 30 && len(l[1]) == 30 && len(l[2]) == 30:
		f = TD1
	case len(lines) == 2 && n == 36 && len(l[1]) == 36:
		f = TD2
	case len(lines) == 2 && n == 44 && len(l[1]) == 44:
		f = TD3
	default:
		return nil, notMRZ(ReasonLength, "line lengths %s, an MRZ has 3 lines of 30 (TD1), 2 of 36 (TD2) or 2 of 44 (TD3)", lengths(l[:len(lines)]))
	}
	for i, s := range l[:len(lines)] {
		for j := 0; j < len(s); j++ {
			if charValue(s[j]) < 0 {
				return nil, notMRZ(ReasonCharacters, "line %d, position %d: %q is not one of A-Z, 0-9 and <", i+1, j+1, s[j])
			}
		}
	}
	switch c := l[0][0]; {
	case c == 'V':
		return nil, notMRZ(ReasonVisa, "document code %q is a visa, whose MRZ (MRV) is not read", l[0][:2])
	case f == TD3 && c != 'P', f != TD3 && c != 'A' && c != 'C' && c != 'I':
		return nil, notMRZ(ReasonDocumentCode, "document code %q does not start %s as ICAO 9303 requires for %s", l[0][:2], allowedFirst(f), f)
	}
	r := &Result{Format: f, DocumentCode: trimFiller(l[0][:2]), IssuingState: trimFiller(l[0][2:5])}
	switch f {
	case TD1:
		parseTD1(r, l[0], l[1], l[2], today)
	default:
		parseTD2TD3(r, l[0], l[1], today)
	}
	r.Valid = r.Checks.All()
	r.addFlags()
	return r, nil
}

// parseTD1 reads ID-1 cards (ICAO 9303 Part 5):
//
//	line 1: code 1-2, state 3-5, document number 6-14, check 15, optional 16-30
//	line 2: birth 1-6, check 7, sex 8, expiry 9-14, check 15, nationality 16-18,
//	        optional 19-29, composite 30 over line 1 6-30 and line 2 1-7, 9-15, 19-29
//	line 3: name
func parseTD1(r *Result, l1, l2, l3 string, today time.Time) {
	number, overflow, check, optional := documentNumber(l1[5:14], l1[14], l1[15:30])
	r.DocumentNumber = number
	r.Checks.DocumentNumber = numberCheck(l1[5:14], overflow, check)
	r.PersonalNumber = trimFiller(optional)
	r.BirthDate = date(l2[0:6], true, today)
	r.Checks.BirthDate = checkField(l2[0:6], l2[6])
	r.Sex = trimFiller(l2[7:8])
	r.ExpiryDate = date(l2[8:14], false, today)
	r.Checks.ExpiryDate = checkField(l2[8:14], l2[14])
	r.Nationality = trimFiller(l2[15:18])
	r.OptionalData = trimFiller(l2[18:29])
	r.Checks.PersonalNumber = true // TD1 has no check digit for optional data
	var d digest
	d.add(l1[5:30])
	d.add(l2[0:7])
	d.add(l2[8:15])
	d.add(l2[18:29])
	r.Checks.Composite = d.holds(l2[29])
	r.Surname, r.GivenNames, r.NameFull = splitName(l3)
}

// parseTD2TD3 reads the two-line formats, which differ only in widths:
//
//	line 1: code 1-2, state 3-5, name 6-36 (TD2) or 6-44 (TD3)
//	line 2: document number 1-9, check 10, nationality 11-13, birth 14-19,
//	        check 20, sex 21, expiry 22-27, check 28, then
//	        TD3: personal number 29-42, check 43, composite 44 over 1-10, 14-20, 22-43
//	        TD2: optional 29-35, composite 36 over 1-10, 14-20, 22-35
func parseTD2TD3(r *Result, l1, l2 string, today time.Time) {
	w := len(l2)
	r.Surname, r.GivenNames, r.NameFull = splitName(l1[5:])
	if r.Format == TD3 {
		r.DocumentNumber = trimFiller(l2[0:9])
		r.Checks.DocumentNumber = checkField(l2[0:9], l2[9])
		personal := l2[28:42]
		r.PersonalNumber = trimFiller(personal)
		// An empty personal number may carry < or 0 as its check digit.
		r.Checks.PersonalNumber = checkField(personal, l2[42]) ||
			(l2[42] == '<' && r.PersonalNumber == "")
	} else {
		// TD2 knows the same overflow of long document numbers as TD1
		// (ICAO 9303 Part 6), into its optional data.
		number, overflow, check, optional := documentNumber(l2[0:9], l2[9], l2[28:35])
		r.DocumentNumber = number
		r.Checks.DocumentNumber = numberCheck(l2[0:9], overflow, check)
		r.PersonalNumber = trimFiller(optional)
		r.Checks.PersonalNumber = true // TD2 has no check digit for optional data
	}
	r.Nationality = trimFiller(l2[10:13])
	r.BirthDate = date(l2[13:19], true, today)
	r.Checks.BirthDate = checkField(l2[13:19], l2[19])
	r.Sex = trimFiller(l2[20:21])
	r.ExpiryDate = date(l2[21:27], false, today)
	r.Checks.ExpiryDate = checkField(l2[21:27], l2[27])
	var d digest
	d.add(l2[0:10])
	d.add(l2[13:20])
	d.add(l2[21 : w-1])
	r.Checks.Composite = d.holds(l2[w-1])
}

// documentNumber applies the overflow rule of TD1 and TD2 (ICAO 9303
// Parts 5 and 6): a document number longer than 9 characters puts its
// first 9 in the number field, a filler in the check position, and the
// rest, its check digit and a filler at the start of the optional data.
// It returns the number without fillers, the overflow part, the check
// character and what remains of the optional data.
func documentNumber(field string, check byte, optional string) (number, overflow string, cd byte, rest string) {
	if check != '<' || optional[0] == '<' {
		return trimFiller(field), "", check, optional
	}
	end := strings.IndexByte(optional, '<')
	if end < 0 {
		end = len(optional)
	}
	// optional[:end] is the overflow followed by the check digit.
	overflow, cd = optional[:end-1], optional[end-1]
	rest = optional[end:]
	if overflow == "" {
		return trimFiller(field), "", cd, rest
	}
	return trimFiller(field + overflow), overflow, cd, rest
}

func numberCheck(field, overflow string, check byte) bool {
	var d digest
	d.add(field)
	d.add(overflow)
	return d.holds(check)
}

func lengths(l []string) string {
	var b strings.Builder
	for i, s := range l {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Itoa(len(s)))
	}
	return b.String()
}

func allowedFirst(f Format) string {
	if f == TD3 {
		return "with P"
	}
	return "with A, C or I"
}
