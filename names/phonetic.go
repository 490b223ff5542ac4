package names

import (
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// KoelnerPhonetik is the Cologne phonetic code of s (Hans Joachim Postel,
// "Die Kölner Phonetik", IBM-Nachrichten 19, 1969): names that sound
// alike in German get the same digits, so Meier, Maier, Mayer and Mayr
// are all "67". Letters are coded by their neighbours as the published
// table says, repeated codes collapse, and 0 is kept only at the start.
// Umlauts count as vowels and ß as S; other Latin letters with
// diacritics count as their base letter; everything else is skipped.
// The code is a hint for people, never a match on its own.
func KoelnerPhonetik(s string) string {
	var letters []byte
	for _, r := range norm.NFC.String(s) {
		if c := phoneticLetter(r); c != 0 {
			letters = append(letters, c)
		}
	}
	raw := make([]byte, 0, len(letters)+4)
	for i, c := range letters {
		var prev, next byte
		if i > 0 {
			prev = letters[i-1]
		}
		if i+1 < len(letters) {
			next = letters[i+1]
		}
		raw = append(raw, code(c, prev, next, i == 0)...)
	}
	// Collapse repeats, then drop every 0 but a leading one.
	out := make([]byte, 0, len(raw))
	for i, c := range raw {
		if i > 0 && c == raw[i-1] {
			continue
		}
		if c == '0' && i > 0 {
			continue
		}
		out = append(out, c)
	}
	return string(out)
}

// phoneticLetter maps r to the A–Z letter the code uses, 0 to skip it.
func phoneticLetter(r rune) byte {
	u := unicode.ToUpper(r)
	switch {
	case u >= 'A' && u <= 'Z':
		return byte(u)
	case u == 'Ä':
		return 'A'
	case u == 'Ö':
		return 'O'
	case u == 'Ü':
		return 'U'
	case u == 'ß' || u == 'ẞ':
		return 'S'
	}
	if s, ok := icaoLatin[u]; ok && len(s) == 1 {
		return s[0]
	}
	if d := norm.NFD.String(string(u)); len(d) > 1 && d[0] >= 'A' && d[0] <= 'Z' {
		return d[0]
	}
	return 0
}

// code is the table of the Kölner Phonetik (as in the German Wikipedia
// article "Kölner Phonetik"); H has no code.
func code(c, prev, next byte, first bool) string {
	in := func(b byte, set string) bool {
		for i := 0; i < len(set); i++ {
			if set[i] == b {
				return true
			}
		}
		return false
	}
	switch c {
	case 'A', 'E', 'I', 'J', 'O', 'U', 'Y':
		return "0"
	case 'H':
		return ""
	case 'B':
		return "1"
	case 'P':
		if next == 'H' {
			return "3"
		}
		return "1"
	case 'D', 'T':
		if in(next, "CSZ") {
			return "8"
		}
		return "2"
	case 'F', 'V', 'W':
		return "3"
	case 'G', 'K', 'Q':
		return "4"
	case 'C':
		if first {
			if in(next, "AHKLOQRUX") {
				return "4"
			}
			return "8"
		}
		if in(prev, "SZ") {
			return "8"
		}
		if in(next, "AHKOQUX") {
			return "4"
		}
		return "8"
	case 'X':
		if in(prev, "CKQ") {
			return "8"
		}
		return "48"
	case 'L':
		return "5"
	case 'M', 'N':
		return "6"
	case 'R':
		return "7"
	case 'S', 'Z':
		return "8"
	}
	return ""
}
