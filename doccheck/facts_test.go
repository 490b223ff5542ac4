package doccheck

import "testing"

func TestLanguageLevel(t *testing.T) {
	cases := map[string]string{
		"Goethe-Zertifikat B1\nLesen 80 Hören 75":                                                     "B1",
		"Deutsch-Test für Zuwanderer\nGesamtergebnis: B1\nDie Stufe A2 wurde übertroffen.":            "B1",
		"telc Deutsch B2\nGemeinsamer Europäischer Referenzrahmen: Stufen A1 A2 B1 B2 C1 C2":          "B2",
		"Zertifikat Deutsch\nNiveau B1 nicht bestanden":                                               "",
		"Deutsch-Test für Zuwanderer\nErgebnis: A2":                                                   "A2",
		"Sprachkurs A1, A2, B1 besucht":                                                               "",
		"Language certificate\nLevel: C1":                                                             "",
		"Bescheinigung über die Teilnahme am Integrationskurs, Module A1 bis B1, Abschlussniveau: B1": "B1",
	}
	for text, want := range cases {
		if got := languageLevel(text); got != want {
			t.Errorf("%q: %q, want %q", text, got, want)
		}
	}
}

func TestAnnualSalary(t *testing.T) {
	cases := map[string]float64{
		"Das Bruttojahresgehalt beträgt 52.000,00 EUR.":                    52000,
		"Der Arbeitnehmer erhält ein Jahresbruttogehalt von EUR 48.300.":   48300,
		"The employee receives an annual gross salary of EUR 61,500.00.":   61500,
		"Jahresgehalt: 45 934,20 €":                                        45934.20,
		"Jahresgehalt nach Vereinbarung; Urlaub 30 Tage":                   0,
		"Bruttojahresgehalt (Tarifgruppe 2026) siehe Anlage 2026, Seite 3": 0,
	}
	for text, want := range cases {
		if got, _ := annualSalary(text); got != want {
			t.Errorf("%q: %v, want %v", text, got, want)
		}
	}
}

func TestTestPoints(t *testing.T) {
	cases := map[string]int{
		"Erreichte Punktzahl: 17 / 33\nErgebnis: bestanden":                        17,
		"hat den Test bestanden und 24 von 33 Punkten erreicht.":                   24,
		"Von 33 Fragen wurden 28 richtig beantwortet.":                             28,
		"Mit 17 oder mehr Punkten gilt der Test als bestanden. 30 von 33 Punkten.": 30,
		"Ergebnis: 12 von 33, 20 von 33":                                           0,
		"Einbürgerungstest bestanden":                                              0,
	}
	for text, want := range cases {
		if got := testPoints(text); got != want {
			t.Errorf("%q: %d, want %d", text, got, want)
		}
	}
}
