package mrz

// CheckDigit is the ICAO 9303 check digit of s (Part 3, "check digits in
// the MRZ"): each character's value (0–9 for digits, 10–35 for A–Z, 0 for
// the filler <) times the repeating weights 7, 3, 1, summed, modulo 10.
// It returns -1 when s holds any other character, so that a caller can
// never mistake garbage for a matching digit.
func CheckDigit(s string) int {
	var d digest
	if !d.add(s) {
		return -1
	}
	return d.sum % 10
}

// digest accumulates a check-digit sum over several pieces as if they
// were one string: the composite check runs over non-adjacent fields, and
// concatenating them would allocate on every parse.
type digest struct{ sum, n int }

var weights = [3]int{7, 3, 1}

// add feeds s and reports false at the first character outside the MRZ
// alphabet (the sum is then meaningless).
func (d *digest) add(s string) bool {
	for i := 0; i < len(s); i++ {
		v := charValue(s[i])
		if v < 0 {
			return false
		}
		d.sum += v * weights[d.n%3]
		d.n++
	}
	return true
}

// holds reports whether c is the digit the sum calls for. A filler or a
// letter in a check position never holds: the caller handles the one case
// where ICAO allows a filler (an empty optional field).
func (d *digest) holds(c byte) bool {
	return c >= '0' && c <= '9' && int(c-'0') == d.sum%10
}

func charValue(c byte) int {
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

// checkField is the check of one field with its digit.
func checkField(field string, c byte) bool {
	var d digest
	return d.add(field) && d.holds(c)
}
