package corpus

import (
	"fmt"
)

var cefr = []string{"A1", "A2", "B1", "B2", "C1", "C2"}

func levelIndex(l string) int {
	for i, c := range cefr {
		if c == l {
			return i
		}
	}
	return -1
}

// atLeastB1 is the naturalisation level (§ 10 Abs. 1 Satz 1 Nr. 6 StAG).
func atLeastB1(l string) bool { return levelIndex(l) >= 2 }

func randomLevel(r rng) string {
	x := r.IntN(100)
	switch {
	case x < 5:
		return "A1"
	case x < 20:
		return "A2"
	case x < 60:
		return "B1"
	case x < 80:
		return "B2"
	case x < 95:
		return "C1"
	}
	return "C2"
}

// gerPhrases name a CEFR level, in the dative ("auf …", "entspricht …").
var gerPhrases = []string{
	"dem Niveau %s des Gemeinsamen europäischen Referenzrahmens für Sprachen (GER)",
	"der Kompetenzstufe %s des Gemeinsamen Europäischen Referenzrahmens",
	"der Stufe %s nach dem GER",
	"dem Sprachniveau %s",
}

// tmplLanguage is a German (rarely English) language certificate.
func tmplLanguage(g *genCtx) {
	r, b := g.r, g.b
	p := g.self(true)
	level := randomLevel(r)
	passed := !r.chance(0.1)
	taken := r.date(g.today.AddDate(-6, 0, 0), g.today.AddDate(0, 0, -14))
	centre := pick(r, []string{"Volkshochschule", "VHS", "Sprachschule Lingua", "inlingua", "Berlitz", "Goethe-Institut"}) + " " + pick(r, cities).City
	tested := "de"
	var exam string
	g.e.Language = "de"
	switch r.IntN(6) {
	case 0, 1:
		g.e.Template = "language_certificate/telc"
		names := map[string]string{"A1": "telc Deutsch A1", "A2": "telc Deutsch A2", "B1": "telc Deutsch B1 – Zertifikat Deutsch",
			"B2": "telc Deutsch B2", "C1": "telc Deutsch C1 Hochschule", "C2": "telc Deutsch C2"}
		exam = names[level]
		combined := false
		if (level == "B1" || level == "B2") && r.chance(0.35) {
			exam = pick(r, []string{"telc Deutsch B1·B2 Beruf", "telc Deutsch B1·B2 Pflege"})
			combined = true
		}
		b.small("telc gGmbH · Frankfurt am Main")
		if passed {
			b.title(pick(r, []string{"Zertifikat", "ZERTIFIKAT", "Certificate"}))
		} else {
			b.title(pick(r, []string{"Ergebnisbescheinigung", "Ergebnismitteilung"}))
		}
		b.centered(exam, true)
		b.field("Name, Vorname", p.Surname+", "+p.Given)
		b.field("Geburtsdatum", deDate(p.Birth))
		b.field("Geburtsort", p.BirthPlace)
		b.field("Prüfungsdatum", deDate(taken))
		b.field("Prüfungszentrum", centre)
		b.heading("Schriftliche Prüfung")
		for _, part := range []string{"Leseverstehen", "Sprachbausteine", "Hörverstehen", "Schriftlicher Ausdruck"} {
			b.row(part, fmt.Sprintf("%d,0 / %d", r.between(10, 45), 45))
		}
		b.heading("Mündliche Prüfung")
		b.row("Mündlicher Ausdruck", fmt.Sprintf("%d,0 / 75", r.between(30, 75)))
		if passed {
			b.field("Gesamtergebnis", pick(r, []string{"sehr gut", "gut", "befriedigend", "ausreichend", "bestanden"}))
			if combined {
				b.text(fmt.Sprintf("Die Prüfung wurde auf dem Niveau %s bestanden.", level))
			}
			b.text(fmt.Sprintf("Der/Die Teilnehmende hat Sprachkenntnisse auf "+pick(r, gerPhrases)+" nachgewiesen.", level))
		} else {
			b.field("Gesamtergebnis", "nicht bestanden")
			b.text("Die Prüfung wurde nicht bestanden. Eine Wiederholung ist jederzeit möglich.")
		}
	case 2:
		g.e.Template = "language_certificate/goethe"
		names := map[string]string{"A1": "Goethe-Zertifikat A1: Start Deutsch 1", "A2": "Goethe-Zertifikat A2",
			"B1": "Goethe-Zertifikat B1", "B2": "Goethe-Zertifikat B2", "C1": "Goethe-Zertifikat C1",
			"C2": "Goethe-Zertifikat C2: Großes Deutsches Sprachdiplom"}
		exam = names[level]
		b.title(exam)
		b.plain("Goethe-Institut " + pick(r, []string{"München", "Bonn", "Kyiv", "Istanbul", "New Delhi", "Damaskus (Online)"}))
		b.field("Name", p.FullName())
		b.field("Geboren am", deDate(p.Birth)+" in "+p.BirthPlace)
		b.field("Prüfungsdatum", deDate(taken))
		ok := "bestanden"
		for i, mod := range []string{"Lesen", "Hören", "Schreiben", "Sprechen"} {
			pts := r.between(60, 100)
			res := "bestanden"
			if !passed && i == 2 {
				pts, res, ok = r.between(20, 59), "nicht bestanden", "nicht bestanden"
			}
			b.row("Modul "+mod, fmt.Sprintf("%d / 100 Punkte", pts), res)
		}
		b.field("Ergebnis", ok)
		if passed {
			b.text(fmt.Sprintf("Das Goethe-Zertifikat entspricht der Stufe %s des sechsstufigen Kompetenzniveaus des Gemeinsamen Europäischen Referenzrahmens für Sprachen.", level))
		}
	case 3:
		g.e.Template = "language_certificate/dtz"
		exam = "Deutsch-Test für Zuwanderer"
		// The DTZ certifies A2 or B1 (or "unter A2").
		level = pick(r, []string{"A2", "B1", "B1", "B1"})
		if !passed {
			level = ""
		}
		b.small("Bundesamt für Migration und Flüchtlinge · " + pick(r, []string{"telc gGmbH", "g.a.s.t. e.V."}))
		b.title(pick(r, []string{"Deutsch-Test für Zuwanderer", "Zertifikat Deutsch-Test für Zuwanderer (DTZ)", "DTZ – Deutsch-Test für Zuwanderer"}))
		b.text("Der Deutsch-Test für Zuwanderer ist ein skalierter Test für die Niveaus A2 und B1 des Gemeinsamen europäischen Referenzrahmens.")
		b.field("Teilnehmer/in", p.Surname+", "+p.Given)
		b.field("geboren am", deDate(p.Birth))
		b.field("Prüfungsdatum", deDate(taken))
		b.field("Prüfungsort", centre)
		b.row("Hören/Lesen", pick(r, []string{"B1", "A2"}))
		b.row("Schreiben", pick(r, []string{"B1", "A2"}))
		b.row("Sprechen", pick(r, []string{"B1", "A2"}))
		if passed {
			b.field("Gesamtergebnis", level)
		} else {
			b.field("Gesamtergebnis", "unter A2")
		}
		b.small("Integrationskurs nach § 43 AufenthG – Abschlussprüfung")
	case 4:
		g.e.Template = "language_certificate/oesd"
		exam = "ÖSD Zertifikat " + level
		b.title(exam)
		b.plain("Österreichisches Sprachdiplom Deutsch")
		b.field("Kandidat/in", p.FullName())
		b.field("Geburtsdatum", deDate(p.Birth))
		b.field("Prüfungstermin", deDate(taken))
		b.field("Prüfungszentrum", centre)
		if passed {
			b.field("Gesamtergebnis", pick(r, []string{"mit Auszeichnung bestanden", "gut bestanden", "bestanden"}))
			b.text(fmt.Sprintf("Die Prüfung entspricht der "+pick(r, gerPhrases)+".", level))
		} else {
			b.field("Gesamtergebnis", "nicht bestanden")
		}
	default:
		g.e.Template = "language_certificate/english"
		g.e.Language = "en"
		tested = "en"
		level = pick(r, []string{"B2", "C1", "C2", "B1"})
		if r.chance(0.5) {
			exam = "IELTS Academic"
			b.title("IELTS Test Report Form")
			b.field("Candidate", p.FullName())
			b.field("Date of birth", isoDate(p.Birth))
			b.field("Test date", enDate(taken))
			band := map[string]string{"B1": "5.0", "B2": "6.0", "C1": "7.0", "C2": "8.5"}[level]
			b.field("Overall Band Score", band)
			b.field("CEFR Level", level)
		} else {
			exam = "Cambridge English Qualification"
			b.title(pick(r, []string{"Cambridge English B2 First", "Cambridge English C1 Advanced", "Cambridge English Certificate"}))
			b.text(p.FullName() + " has been awarded a certificate in English at Level " + level + " of the Common European Framework of Reference.")
			b.field("Date of examination", enDate(taken))
		}
		if !passed {
			passed = true // English reports always state a level
		}
	}
	if !passed {
		level = ""
	}
	g.e.LanguageLevel, g.e.TestedLanguage, g.e.Exam, g.e.Passed = level, tested, exam, ptr(passed)
	g.e.Met = map[string]bool{MetLanguageB1: tested == "de" && passed && atLeastB1(level)}
	g.b.decorate(taken)
}

// tmplCitizenshipTest is a result of the Einbürgerungstest (or of the test
// "Leben in Deutschland", which counts as one from 17 points).
func tmplCitizenshipTest(g *genCtx) {
	r, b := g.r, g.b
	p := g.self(true)
	points := r.between(9, 33)
	if r.chance(0.6) {
		points = r.between(17, 33)
	}
	taken := r.date(g.today.AddDate(-5, 0, 0), g.today.AddDate(0, 0, -10))
	passed := points >= 17
	g.e.Language = "de"
	anrede := map[string]string{"F": "Frau", "M": "Herr"}[p.Sex]
	switch r.IntN(3) {
	case 0:
		g.e.Template = "citizenship_test_certificate/bamf-bescheinigung"
		b.small("Bundesamt für Migration und Flüchtlinge · 90343 Nürnberg")
		if passed {
			b.title(pick(r, []string{"Bescheinigung", "Bescheinigung über den Einbürgerungstest"}))
			b.text(fmt.Sprintf("%s %s, geboren am %s in %s, hat am %s den Einbürgerungstest erfolgreich abgelegt.",
				anrede, p.FullName(), deDate(p.Birth), p.BirthPlace, deDate(taken)))
			b.text(fmt.Sprintf("Von 33 Fragen wurden %d richtig beantwortet.", points))
			b.text("Damit sind Kenntnisse der Rechts- und Gesellschaftsordnung und der Lebensverhältnisse in der Bundesrepublik Deutschland nach § 10 Abs. 1 Satz 1 Nr. 7 StAG nachgewiesen.")
		} else {
			b.title("Ergebnismitteilung Einbürgerungstest")
			b.text(fmt.Sprintf("%s %s, geboren am %s, hat am %s am Einbürgerungstest teilgenommen und %d von 33 Fragen richtig beantwortet. Der Test ist damit nicht bestanden.",
				anrede, p.FullName(), deDate(p.Birth), deDate(taken), points))
		}
	case 1:
		g.e.Template = "citizenship_test_certificate/vhs-result"
		b.plain("Volkshochschule " + pick(r, cities).City + " · Prüfungszentrum")
		b.title(pick(r, []string{"Ergebnis des Einbürgerungstests", "Einbürgerungstest – Ergebnis", "Test zur Einbürgerung: Ergebnismitteilung"}))
		b.field("Name, Vorname", p.Surname+", "+p.Given)
		b.field("Geburtsdatum", deDate(p.Birth))
		b.field("Testdatum", deDate(taken))
		b.field(pick(r, []string{"Erreichte Punktzahl", "Richtige Antworten", "Punkte"}), fmt.Sprintf("%d / 33", points))
		if passed {
			b.field("Ergebnis", "bestanden")
		} else {
			b.field("Ergebnis", "nicht bestanden (mindestens 17 richtige Antworten erforderlich)")
		}
	default:
		g.e.Template = "citizenship_test_certificate/leben-in-deutschland"
		if points < 15 {
			points = r.between(15, 33)
			passed = points >= 17
		}
		b.small("Bundesamt für Migration und Flüchtlinge")
		b.title(pick(r, []string{"Zertifikat Leben in Deutschland", "Test \"Leben in Deutschland\" – Zertifikat"}))
		b.text(fmt.Sprintf("%s %s, geboren am %s in %s, hat am %s den Test \"Leben in Deutschland\" bestanden und %d von 33 Punkten erreicht.",
			anrede, p.FullName(), deDate(p.Birth), p.BirthPlace, deDate(taken), points))
		b.text("Mit 17 oder mehr Punkten gilt der Test zugleich als bestandener Einbürgerungstest.")
		b.small("Orientierungskurs nach § 43 AufenthG, § 17 IntV")
	}
	g.e.TestPoints, g.e.Passed = ptr(points), ptr(passed)
	g.e.Met = map[string]bool{MetCitizenshipTest: passed}
	g.b.decorate(taken)
}
