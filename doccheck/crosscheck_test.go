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
		CrossCheck(r, c.people, time.Time{})
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
	// The passport expires on 28.02.2027: a stay until March is too long for it.
	r := ch.Check(context.Background(), "pass.pdf", pass)
	CrossCheck(r, cases[0].people, time.Date(2027, 3, 31, 0, 0, 0, 0, time.UTC))
	if !r.Has("mrz.expires_before_stay") {
		t.Errorf("stay beyond the expiry: %+v", r.Findings)
	}
	r = ch.Check(context.Background(), "pass.pdf", pass)
	CrossCheck(r, cases[0].people, time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC))
	if r.Has("mrz.expires_before_stay") {
		t.Error("a stay within the validity flagged")
	}
	slip := ch.Check(context.Background(), "lohn.pdf", textPDF("Gehaltsabrechnung Oktober 2026", latin1("Frau Ümit Müller-Lüdenscheidt"), "Brutto 4.000,00", "Auszahlungsbetrag 2.700,00"))
	CrossCheck(slip, []Person{{GivenNames: "Ümit", Surname: "Müller-Lüdenscheidt"}}, time.Time{})
	if !slip.Has("payslip.name_found") {
		t.Errorf("payslip with the name: %+v", slip.Findings)
	}
	slip = ch.Check(context.Background(), "lohn.pdf", textPDF("Gehaltsabrechnung Oktober 2026", "Herr UEMIT MUELLER-LUEDENSCHEIDT", "Brutto 4.000,00", "Auszahlungsbetrag 2.700,00"))
	CrossCheck(slip, []Person{{GivenNames: "Ümit", Surname: "Müller-Lüdenscheidt"}}, time.Time{})
	if !slip.Has("payslip.name_found") {
		t.Errorf("payslip with the transliterated name: %+v", slip.Findings)
	}
	CrossCheck(slip, []Person{{GivenNames: "Anna", Surname: "Muster"}}, time.Time{})
	if !slip.Has("payslip.name_missing") {
		t.Errorf("payslip of somebody else: %+v", slip.Findings)
	}
}
