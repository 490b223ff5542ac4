package corpus

import (
	"fmt"
	"strings"
	"unicode"
)

var standesaemter = []string{"Bonn", "Köln", "Potsdam", "Dresden", "Berlin-Mitte", "München", "Leipzig", "Essen"}

// tmplBirth is a birth certificate: German register extract, international
// (CIEC Formule A), English certified copy, or a sworn translation.
func tmplBirth(g *genCtx) {
	r, b := g.r, g.b
	applicant := g.self(false)
	p := applicant
	if r.chance(0.35) { // a child's certificate, filed by the parent
		child := randomPerson(r, applicant.Nat)
		child.Surname = applicant.Surname
		child.Birth = r.date(g.today.AddDate(-17, 0, 0), g.today.AddDate(0, -2, 0))
		p = child
		g.holder(child, applicant)
	}
	mother := randomPerson(r, p.Nat)
	mother.Sex, mother.Given = "F", pick(r, p.Nat.Female)
	father := randomPerson(r, p.Nat)
	father.Sex, father.Given, father.Surname = "M", pick(r, p.Nat.Male), p.Surname
	regNo := fmt.Sprintf("G %d/%d", r.between(1, 2400), p.Birth.Year())
	issued := g.today.AddDate(0, 0, -r.between(10, 2000))
	sex := map[string]string{"F": "weiblich", "M": "männlich"}[p.Sex]
	v := r.IntN(4)
	if v == 3 && p.Nat.Code == "D" {
		v = 0
	}
	switch v {
	case 0:
		g.e.Template = "birth_certificate/de-register"
		g.e.Language = "de"
		b.plain("Standesamt " + pick(r, standesaemter))
		b.title(pick(r, []string{"Geburtsurkunde", "GEBURTSURKUNDE", "Auszug aus dem Geburtenregister"}))
		b.field("Registernummer", regNo)
		b.field(pick(r, []string{"Familienname", "Name"}), p.Surname)
		b.field("Vorname(n)", p.Given)
		b.field("Geschlecht", sex)
		b.field(pick(r, []string{"Tag der Geburt", "Geburtstag", "geboren am"}), deDateLong(p.Birth))
		b.field(pick(r, []string{"Ort der Geburt", "Geburtsort", "in"}), p.BirthPlace)
		b.heading("Eltern")
		b.field("Mutter", mother.FullName())
		b.field("Vater", father.FullName())
		b.gap()
		b.text(pick(r, []string{"Die Übereinstimmung mit dem Eintrag im Geburtenregister wird beglaubigt.",
			"Diese Urkunde wurde auf Grund des Geburtenregisters ausgestellt.", ""}))
		b.plain(pick(r, standesaemter) + ", den " + deDate(issued))
		b.small("Der Standesbeamte / Die Standesbeamtin")
	case 1:
		g.e.Template = "birth_certificate/ciec-formule-a"
		g.e.Language = "mixed"
		b.title("Internationale Geburtsurkunde")
		b.plain("Auszug aus dem Geburtseintrag – Extrait d'acte de naissance – Extract from the register of births")
		b.field("Staat / État / State", p.Nat.Country)
		b.field("Standesamt / Service de l'état civil", p.BirthPlace)
		b.field("1. Ort der Geburt / Lieu de naissance", p.BirthPlace)
		b.field("2. Tag der Geburt / Date de naissance", isoDate(p.Birth))
		b.field("3. Geschlecht / Sexe", p.Sex)
		b.field("4. Name / Nom", upperName(p.Surname))
		b.field("5. Vornamen / Prénoms", p.Given)
		b.field("6. Name des Vaters / Nom du père", father.FullName())
		b.field("7. Name der Mutter / Nom de la mère", mother.FullName())
		b.field("Ausstellungsdatum / Date de délivrance", isoDate(issued))
		b.small("Formule A – Übereinkommen vom 8. September 1976 (CIEC Nr. 16)")
	case 2:
		g.e.Template = "birth_certificate/en-certified-copy"
		g.e.Language = "en"
		b.d.letter = r.chance(0.5)
		b.title(pick(r, []string{"CERTIFIED COPY OF AN ENTRY OF BIRTH", "Birth Certificate", "CERTIFICATE OF BIRTH"}))
		b.plain("Registration district: " + p.BirthPlace)
		b.row("When and where born", "Name and surname", "Sex")
		b.row(enDate(p.Birth)+", "+p.BirthPlace, p.FullName(), map[string]string{"F": "Girl", "M": "Boy"}[p.Sex])
		b.field("Father", father.FullName())
		b.field("Mother", mother.FullName()+pick(r, []string{"", " (née " + mother.Surname + ")"}))
		b.field("Registration No.", fmt.Sprint(r.between(10000, 999999)))
		b.text("Certified to be a true copy of an entry in the certified copy of a register of births in the district above mentioned.")
		b.plain("Given at the register office on " + enDate(issued))
	default:
		g.e.Template = "birth_certificate/translation"
		g.e.Language = "de"
		b.small("Übersetzung aus " + translationFrom(p.Nat))
		b.title(pick(r, []string{"Geburtsurkunde", "Geburtsbescheinigung", "Auszug aus dem Personenstandsregister (Geburt)"}))
		b.text("[Wappen] " + p.Nat.Country + " – Standesamt " + p.BirthPlace)
		b.field("Name", p.Surname)
		b.field("Vorname", p.Given)
		b.field("Geburtsdatum", deDate(p.Birth))
		b.field("Geburtsort", p.BirthPlace)
		b.field("Name der Mutter", mother.Given)
		b.field("Name des Vaters", father.Given)
		b.field("Aktenzeichen", fmt.Sprint(r.between(100, 99999)))
		b.gap()
		b.text("Ich bestätige hiermit als für die " + translationLanguage(p.Nat) + " Sprache allgemein beeidigte Übersetzerin, dass die vorstehende Übersetzung der mir im Original vorgelegten Urkunde vollständig und richtig ist.")
		b.plain(pick(r, cities).City + ", " + deDate(issued))
		b.small("Allgemein beeidigte Übersetzerin für " + translationLanguage(p.Nat) + " (OLG Köln)")
	}
}

// tmplMarriage is a marriage certificate in one of several forms.
func tmplMarriage(g *genCtx) {
	r, b := g.r, g.b
	a := g.self(false)
	s := spouseOf(r, a)
	married := r.date(maxTime(a.Birth, s.Birth).AddDate(18, 0, 0), g.today.AddDate(0, -1, 0))
	birthA, birthS := a.Surname, s.Surname
	issued := r.date(married, g.today)
	place := pick(r, append(standesaemter, a.BirthPlace))
	v := r.IntN(4)
	if v == 3 && a.Nat.Code == "D" {
		v = 0
	}
	switch v {
	case 0:
		g.e.Template = "marriage_certificate/de-register"
		g.e.Language = "de"
		b.plain("Standesamt " + place)
		b.title(pick(r, []string{"Eheurkunde", "EHEURKUNDE", "Auszug aus dem Eheregister", "Heiratsurkunde"}))
		b.field("Registernummer", fmt.Sprintf("E %d/%d", r.between(1, 900), married.Year()))
		b.heading("Ehegatte 1")
		b.field("Familienname", a.Surname)
		b.field("Geburtsname", birthA)
		b.field("Vorname(n)", a.Given)
		b.field("Geburtsdatum, -ort", deDate(a.Birth)+", "+a.BirthPlace)
		b.heading("Ehegatte 2")
		b.field("Familienname", s.Surname)
		b.field("Geburtsname", birthS)
		b.field("Vorname(n)", s.Given)
		b.field("Geburtsdatum, -ort", deDate(s.Birth)+", "+s.BirthPlace)
		b.field(pick(r, []string{"Tag der Eheschließung", "Datum der Eheschließung", "Eheschließung am"}), deDateLong(married))
		b.field("Ort der Eheschließung", place)
		b.plain(place + ", " + deDate(issued))
		b.small("Die Standesbeamtin")
	case 1:
		g.e.Template = "marriage_certificate/ciec-formule-b"
		g.e.Language = "mixed"
		b.title("Internationale Eheurkunde")
		b.plain("Auszug aus dem Heiratseintrag – Extrait d'acte de mariage – Extract from the register of marriages")
		b.field("Staat / État", a.Nat.Country)
		b.field("1. Ort der Eheschließung / Lieu du mariage", place)
		b.field("2. Tag der Eheschließung / Date du mariage", isoDate(married))
		b.field("3. Ehegatte 1 – Name / Époux 1 – Nom", upperName(a.Surname))
		b.field("4. Vornamen / Prénoms", a.Given)
		b.field("5. Ehegatte 2 – Name / Époux 2 – Nom", upperName(s.Surname))
		b.field("6. Vornamen / Prénoms", s.Given)
		b.small("Formule B – CIEC Übereinkommen Nr. 16")
	case 2:
		g.e.Template = "marriage_certificate/en"
		g.e.Language = "en"
		b.title(pick(r, []string{"Certificate of Marriage", "MARRIAGE CERTIFICATE", "Certified Copy of an Entry of Marriage"}))
		b.text("This is to certify that")
		b.centered(a.FullName(), true)
		b.text("and")
		b.centered(s.FullName(), true)
		b.text(fmt.Sprintf("were united in marriage on %s at %s, in accordance with the law.", enDate(married), place))
		b.field("Witnesses", randomPerson(r, a.Nat).FullName()+", "+randomPerson(r, a.Nat).FullName())
		b.field("Registrar", randomPerson(r, a.Nat).FullName())
		b.field("Entry No.", fmt.Sprint(r.between(100, 99999)))
	default:
		g.e.Template = "marriage_certificate/translation"
		g.e.Language = "de"
		b.small("Beglaubigte Übersetzung aus " + translationFrom(a.Nat))
		b.title(pick(r, []string{"Heiratsurkunde", "Eheschließungsurkunde", "Familienbuchauszug – Eheschließung"}))
		b.text(fmt.Sprintf("Am %s haben vor dem Standesbeamten in %s die Ehe geschlossen:", deDate(married), place))
		b.plain(a.FullName() + ", geboren am " + deDate(a.Birth) + " in " + a.BirthPlace)
		b.plain(s.FullName() + ", geboren am " + deDate(s.Birth) + " in " + s.BirthPlace)
		b.text("Die Ehegatten führen den Ehenamen " + a.Surname + ".")
		b.gap()
		b.text("Die Richtigkeit und Vollständigkeit der vorstehenden Übersetzung aus " + translationFrom(a.Nat) + " wird bescheinigt.")
		b.small("Öffentlich bestellter und beeidigter Übersetzer, " + pick(r, cities).City)
	}
}

// translations: the language a certificate of the state is translated
// from, as "aus dem …" and as the adjective of "für die … Sprache".
var translations = map[string][2]string{
	"TUR": {"dem Türkischen", "türkische"}, "UKR": {"dem Ukrainischen", "ukrainische"}, "SYR": {"dem Arabischen", "arabische"},
	"AFG": {"dem Dari", "persische (Dari)"}, "IND": {"dem Hindi", "Hindi-"}, "POL": {"dem Polnischen", "polnische"},
	"ROU": {"dem Rumänischen", "rumänische"}, "VNM": {"dem Vietnamesischen", "vietnamesische"},
	"BRA": {"dem Portugiesischen", "portugiesische"}, "ESP": {"dem Spanischen", "spanische"},
	"NGA": {"dem Englischen", "englische"}, "CHN": {"dem Chinesischen", "chinesische"}, "SRB": {"dem Serbischen", "serbische"},
	"IRN": {"dem Persischen", "persische"}, "GBR": {"dem Englischen", "englische"}, "ERI": {"dem Tigrinya", "Tigrinya-"},
}

func translationFrom(n Nationality) string { return translations[n.Code][0] }

// translationLanguage is "die türkische Sprache".
func translationLanguage(n Nationality) string {
	adj := translations[n.Code][1]
	if strings.HasSuffix(adj, "-") {
		return "die " + adj + "Sprache"
	}
	return "die " + adj + " Sprache"
}

// capitalize upper-cases the first letter: "türkisch" → "Türkisch".
func capitalize(s string) string {
	for i, r := range s {
		return string(unicode.ToUpper(r)) + s[i+len(string(r)):]
	}
	return s
}
