package names

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// unit is one letter of a name in MRZ spelling: the ICAO form and, for a
// few letters, the form with the diacritic dropped.
type unit struct {
	icao, alt string
	plain     bool // the application had the letter A–Z itself
}

// noLatin marks a letter without a Latin transliteration; it matches no
// MRZ character.
const noLatin = "\x00"

// Transliterate spells a name as the MRZ does (ICAO 9303 Part 3): upper
// case A–Z after the table in table.go, name parts separated by one
// space (the MRZ's filler), hyphens as separators, apostrophes and full
// stops left out. ok is false when a letter has no Latin
// transliteration (such as Cyrillic or Arabic script, whose ICAO tables
// are not implemented); that letter is left out of the result.
func Transliterate(name string) (mrz string, ok bool) {
	ok = true
	var b strings.Builder
	for _, tok := range tokens(name) {
		n := b.Len()
		for _, u := range tok {
			if u.icao == noLatin {
				ok = false
				continue
			}
			if b.Len() == n && n > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(u.icao)
		}
	}
	return b.String(), ok
}

// tokens splits a name into its parts, each as MRZ units.
func tokens(name string) [][]unit {
	var out [][]unit
	var cur []unit
	flush := func() {
		if len(cur) > 0 {
			out = append(out, cur)
			cur = nil
		}
	}
	for _, r := range norm.NFC.String(name) {
		switch {
		case isSeparator(r):
			flush()
		case !unicode.IsLetter(r):
			// apostrophes, full stops, digits, marks: not written in the MRZ
		default:
			cur = append(cur, letter(r))
		}
	}
	flush()
	return out
}

func isSeparator(r rune) bool {
	switch r {
	case '-', '‐', '‑', '‒', '–', '—', '<', ',', '/':
		return true
	}
	return unicode.IsSpace(r)
}

// letter is the MRZ spelling of one letter.
func letter(r rune) unit {
	u := unicode.ToUpper(r)
	if u >= 'A' && u <= 'Z' {
		return unit{icao: string(u), plain: true}
	}
	if s, ok := icaoLatin[u]; ok {
		return unit{icao: s, alt: droppedDiacritic[u]}
	}
	// Not in the table: a precomposed Latin letter whose decomposition
	// starts with a base letter A–Z (Ș, Ț, Ạ, Ǎ).
	if d := norm.NFD.String(string(u)); len(d) > 1 && d[0] >= 'A' && d[0] <= 'Z' {
		rest := []rune(d[1:])
		marks := true
		for _, m := range rest {
			marks = marks && unicode.Is(unicode.Mn, m)
		}
		if marks {
			return unit{icao: d[:1]}
		}
	}
	return unit{icao: noLatin}
}

// splitParts splits a name at its separators.
func splitParts(s string) []string { return strings.FieldsFunc(s, isSeparator) }

// mrzTokens splits an MRZ name as mrz.Result gives it (parts separated by
// spaces or fillers).
func mrzTokens(s string) []string {
	return strings.FieldsFunc(strings.ToUpper(s), func(r rune) bool { return r == ' ' || r == '<' })
}
