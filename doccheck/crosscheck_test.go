package doccheck

import (
	"context"
	"testing"
	"time"
)

func TestCrossCheck(t *testing.T) {
	ch := New()
	ch.Now = func() time.Time { return time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC) }
	pass := textPDF("P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<", "C01X00T478D<<6408125F2702283<<<<<<<<<<<<<<<4")
	born := time.Date(1964, 8, 12, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		name   string
		people []Person
		want   []string
		person int
	}{
		{"the applicant", []Person{{GivenNames: "Erika", Surname: "Mustermann", BirthDate: born, Nationality: "DEU"}}, []string{"mrz.name_matches"}, 0},
		{"the spouse of two", []Person{{GivenNames: "Max", Surname: "Mustermann"}, {GivenNames: "Erika", Surname: "Mustermann", BirthDate: born}}, []string{"mrz.name_matches"}, 1},
		{"another birth date", []Person{{GivenNames: "Erika", Surname: "Mustermann", BirthDate: born.AddDate(0, 0, 1)}}, []string{"mrz.name_matches", "mrz.birth_date_differs"}, 0},
		{"another nationality", []Person{{GivenNames: "Erika", Surname: "Mustermann", Nationality: "TUR"}}, []string{"mrz.nationality_differs"}, 0},
		{"somebody else", []Person{{GivenNames: "Ali", Surname: "Yilmaz"}}, []string{"mrz.name_differs"}, 0},
	}
	for _, c := range cases {
		r := ch.Check(context.Background(), "pass.pdf", pass)
		CrossCheck(r, c.people)
		for _, code := range c.want {
			if !r.Has(code) {
				t.Errorf("%s: no %s in %+v", c.name, code, r.Findings)
			}
		}
		if r.Match == nil || r.Match.Person != c.person {
			t.Errorf("%s: matched %+v", c.name, r.Match)
		}
		if !r.Accepted {
			t.Errorf("%s: a cross-check refused the file", c.name)
		}
	}
	slip := ch.Check(context.Background(), "lohn.pdf", textPDF("Gehaltsabrechnung Oktober 2026", latin1("Frau Ümit Müller-Lüdenscheidt"), "Brutto 4.000,00", "Auszahlungsbetrag 2.700,00"))
	CrossCheck(slip, []Person{{GivenNames: "Ümit", Surname: "Müller-Lüdenscheidt"}})
	if !slip.Has("payslip.name_found") {
		t.Errorf("payslip with the name: %+v", slip.Findings)
	}
	slip = ch.Check(context.Background(), "lohn.pdf", textPDF("Gehaltsabrechnung Oktober 2026", "Herr UEMIT MUELLER-LUEDENSCHEIDT", "Brutto 4.000,00", "Auszahlungsbetrag 2.700,00"))
	CrossCheck(slip, []Person{{GivenNames: "Ümit", Surname: "Müller-Lüdenscheidt"}})
	if !slip.Has("payslip.name_found") {
		t.Errorf("payslip with the transliterated name: %+v", slip.Findings)
	}
	CrossCheck(slip, []Person{{GivenNames: "Anna", Surname: "Muster"}})
	if !slip.Has("payslip.name_missing") {
		t.Errorf("payslip of somebody else: %+v", slip.Findings)
	}
}
