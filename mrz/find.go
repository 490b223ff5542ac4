package mrz

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Find returns the MRZs in text, such as the text layer of a PDF or OCR
// output, in the order they appear; nil when there is none. Results with
// wrong check digits are returned too (Valid false): a scan whose MRZ
// does not add up is what a caseworker should see.
//
// It is conservative on purpose, because a guessed character would
// fabricate evidence: white space inside a line is dropped (OCR and PDF
// extraction insert spaces), blank lines between MRZ lines are skipped,
// and nothing else is repaired. A line counts only when what remains is
// 30, 36 or 44 characters of A–Z, 0–9 and <; lower case, « for <, or a
// line with other text around the MRZ are not read. Lines of one length
// that follow each other (2 of 44, 2 of 36, 3 of 30) are parsed; when a
// group does not parse, or parses invalid while the group one line later
// parses valid, the search moves on by one line.
func Find(text string, today time.Time) []*Result {
	var cands []candidate
	k := 0 // index of the current non-blank line
	for len(text) > 0 {
		i := strings.IndexAny(text, "\n\r\f\v")
		line := text
		if i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		s, blank := mrzLine(line)
		if blank {
			continue
		}
		if s != "" {
			cands = append(cands, candidate{s, k})
		}
		k++
	}
	var out []*Result
	for i := 0; i < len(cands); {
		r, n := groupAt(cands, i, today)
		if r == nil {
			i++
			continue
		}
		if !r.Valid {
			if next, _ := groupAt(cands, i+1, today); next != nil && next.Valid {
				i++
				continue
			}
		}
		out = append(out, r)
		i += n
	}
	return out
}

// candidate is a line that could belong to an MRZ, with its position
// among the non-blank lines (MRZ lines must be adjacent).
type candidate struct {
	s string
	k int
}

// groupAt parses the group that starts at cands[i], if the following
// candidates complete it, and returns the result and its number of lines.
func groupAt(cands []candidate, i int, today time.Time) (*Result, int) {
	if i >= len(cands) {
		return nil, 0
	}
	w := len(cands[i].s)
	n := 2
	if w == 30 {
		n = 3
	}
	if i+n > len(cands) {
		return nil, 0
	}
	var lines [3]string
	for j := 0; j < n; j++ {
		c := cands[i+j]
		if len(c.s) != w || c.k != cands[i].k+j {
			return nil, 0
		}
		lines[j] = c.s
	}
	r, err := Parse(lines[:n], today)
	if err != nil {
		return nil, 0
	}
	return r, n
}

// mrzLine returns line without white space when that is a possible MRZ
// line, "" otherwise; blank reports a line of only white space.
func mrzLine(line string) (s string, blank bool) {
	n, spaces := 0, false
	for i := 0; i < len(line); {
		c := line[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c == ' ' || c == '\t':
				spaces = true
			case charValue(c) >= 0:
				n++
			default:
				return "", false
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(line[i:])
		i += size
		if !unicode.IsSpace(r) {
			return "", false
		}
		spaces = true
	}
	if n == 0 {
		return "", true
	}
	if n != 30 && n != 36 && n != 44 {
		return "", false
	}
	if !spaces {
		return line, false
	}
	b := make([]byte, 0, n)
	for i := 0; i < len(line); i++ {
		if charValue(line[i]) >= 0 {
			b = append(b, line[i])
		}
	}
	return string(b), false
}
