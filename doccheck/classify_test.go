package doccheck

import (
	"context"
	"testing"
)

// Each category is recognised from typical wording, says which cues
// decided, and a text without evidence is "other".
func TestClassify(t *testing.T) {
	cases := map[string][]string{
		"payslip":                      {"Verdienstabrechnung Oktober 2026", "Brutto 4.200,00", "Lohnsteuer 612,30", "Auszahlungsbetrag 2.811,45"},
		"employment_contract":          {"Arbeitsvertrag", "zwischen der Muster GmbH (Arbeitgeber) und Frau Anna Muster (Arbeitnehmerin)", "Die Probezeit beträgt sechs Monate.", "Das Bruttojahresgehalt beträgt 52.000 EUR."},
		"language_certificate":         {"Goethe-Zertifikat B1", "Zertifikat Deutsch", "Lesen 80 Hören 75 Schreiben 70 Sprechen 85"},
		"citizenship_test_certificate": {"Bescheinigung", "Die Teilnehmerin hat den Einbürgerungstest bestanden.", "Sie hat 28 von 33 Fragen richtig beantwortet."},
		"rental_contract":              {"Wohnraummietvertrag", "Vermieter: Hausverwaltung Rhein", "Nettokaltmiete 720,00 EUR, Betriebskosten 180,00 EUR, Kaution 2.160 EUR"},
		"health_insurance":             {"Versicherungsbestätigung", "Frau Anna Muster ist bei der Techniker Krankenkasse versichert.", "Versichertennummer A123456789"},
		"degree":                       {"Universität zu Köln", "Masterzeugnis", "Master of Science", "Gesamtnote: gut (1,7)"},
		"birth_certificate":            {"Geburtsurkunde", "Standesamt Bonn, Geburtenregister Nr. 1234/1990", "Eltern: Mutter Maria Muster, Vater Hans Muster"},
		"marriage_certificate":         {"Eheurkunde", "Die Ehe wurde am 12.05.2015 vor dem Standesamt geschlossen.", "Ehegatten: Anna Muster und Ali Yilmaz"},
		"other":                        {"Sehr geehrte Damen und Herren,", "anbei sende ich Ihnen die Unterlagen.", "Mit freundlichen Grüßen"},
	}
	for want, lines := range cases {
		r := New().Check(context.Background(), want+".pdf", textPDF(toLatin1(lines)...))
		if r.Category != want || len(r.Cues) == 0 || r.Confidence <= 0 || r.Confidence > 1 {
			t.Errorf("%s: got %s (%.2f) from %v", want, r.Category, r.Confidence, r.Cues)
		}
	}
}

func toLatin1(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = latin1(l)
	}
	return out
}
