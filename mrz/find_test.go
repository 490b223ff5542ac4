package mrz

import (
	"strings"
	"testing"
)

func TestFind(t *testing.T) {
	t1, t2, t5 := specimens[0].lines, specimens[1].lines, specimens[4].lines
	spaced := func(s string) string { // as OCR and PDF text layers insert spaces
		return s[:5] + " " + s[5:14] + "  " + s[14:] + "\u00a0"
	}
	for _, c := range []struct {
		name string
		text string
		want []string // document numbers
	}{
		{"empty", "", nil},
		{"prose", "Reisepass\nName: Erika Mustermann\n", nil},
		{"TD3 alone", strings.Join(t1, "\n"), []string{"L898902C3"}},
		{"TD3 in text with CRLF", "REISEPASS\r\n" + t1[0] + "\r\n" + t1[1] + "\r\nSeite 1", []string{"L898902C3"}},
		{"spaces inside lines", spaced(t1[0]) + "\n" + spaced(t1[1]), []string{"L898902C3"}},
		{"blank line between", t1[0] + "\n\n  \n" + t1[1], []string{"L898902C3"}},
		{"TD1 and TD3 in one text", "Seite 1\n" + strings.Join(t5, "\n") + "\f\nSeite 2\n" + strings.Join(t1, "\n") + "\n", []string{"Y701001V3", "L898902C3"}},
		{"TD1", strings.Join(t2, "\n"), []string{"D23145890"}},
		{"text between lines", t1[0] + "\nUnterschrift\n" + t1[1], nil},
		{"TD1 missing a line", t2[0] + "\n" + t2[1], nil},
		{"lower case not repaired", strings.ToLower(t1[0]) + "\n" + t1[1], nil},
		{"« not repaired", strings.ReplaceAll(t1[0], "<<", "«") + "\n" + t1[1], nil},
		{"text on the MRZ line", "MRZ: " + t1[0] + "\n" + t1[1], nil},
		// A preceding line of MRZ characters and length is skipped when
		// the group one line later is valid.
		{"look-alike line before", "P<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<\n" + strings.Join(t1, "\n"), []string{"L898902C3"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, r := range Find(c.text, today) {
				got = append(got, r.DocumentNumber)
				if !r.Valid {
					t.Errorf("%s invalid: %v", r.DocumentNumber, r.Checks.Failed())
				}
			}
			if strings.Join(got, ",") != strings.Join(c.want, ",") {
				t.Errorf("found %v, want %v", got, c.want)
			}
		})
	}
}

// TestFindInvalid: an MRZ with a wrong check digit is found, invalid.
func TestFindInvalid(t *testing.T) {
	l := specimens[0].lines
	broken := l[1][:19] + "9" + l[1][20:]
	rs := Find(l[0]+"\n"+broken, today)
	if len(rs) != 1 || rs[0].Valid || rs[0].Checks.BirthDate {
		t.Fatalf("%+v", rs)
	}
}
