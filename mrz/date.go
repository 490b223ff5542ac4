package mrz

import "time"

// date turns an MRZ date YYMMDD into YYYY-MM-DD, or "" when it is no
// calendar date (a filler for an unknown part, a letter, month 13,
// 30 February). ICAO gives only two year digits: a birth year later than
// today's two-digit year is 19YY, any other 20YY (interfaces.md), so
// nobody is born in a later year; someone born over 100 years ago reads
// as a child, which the MRZ cannot tell apart. An expiry year is always
// 20YY.
func date(s string, birth bool, today time.Time) string {
	var v [6]int
	for i := 0; i < 6; i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return ""
		}
		v[i] = int(c - '0')
	}
	yy, mm, dd := v[0]*10+v[1], v[2]*10+v[3], v[4]*10+v[5]
	year := 2000 + yy
	if birth && yy > today.Year()%100 {
		year = 1900 + yy
	}
	if mm < 1 || mm > 12 || dd < 1 || dd > daysIn(year, mm) {
		return ""
	}
	b := [10]byte{
		byte('0' + year/1000), byte('0' + year/100%10), s[0], s[1], '-',
		s[2], s[3], '-', s[4], s[5],
	}
	return string(b[:])
}

func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
