package mrz

import "strings"

// splitName reads a name field: the primary identifier (surname) before
// the first "<<", the secondary identifier (given names) after it, each
// with fillers turned into single spaces and trimmed. A field without
// "<<" is all surname (ICAO writes a single name as the primary
// identifier). full reports that the field has no filler at its end, so
// the issuer may have truncated the name.
func splitName(field string) (surname, given string, full bool) {
	full = len(field) > 0 && field[len(field)-1] != '<'
	s := strings.TrimRight(field, "<")
	if i := strings.Index(s, "<<"); i >= 0 {
		return fillerToSpace(s[:i]), fillerToSpace(s[i+2:]), full
	}
	return fillerToSpace(s), "", full
}

// fillerToSpace turns each run of fillers into one space and drops
// fillers at either end. It allocates only when a filler sits inside.
func fillerToSpace(s string) string {
	s = strings.Trim(s, "<")
	if strings.IndexByte(s, '<') < 0 {
		return s
	}
	var buf [64]byte // the longest name field (TD3) is 39
	b := buf[:0]
	for i := 0; i < len(s); i++ {
		if s[i] != '<' {
			b = append(b, s[i])
		} else if b[len(b)-1] != ' ' {
			b = append(b, ' ')
		}
	}
	return string(b)
}

// trimFiller drops fillers at both ends of a non-name field.
func trimFiller(s string) string { return strings.Trim(s, "<") }
