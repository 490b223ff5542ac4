package corpus

import (
	"fmt"
)

// tmplRental is a residential lease (Mietvertrag) in one of several forms.
func tmplRental(g *genCtx) {
	r, b := g.r, g.b
	p := g.self(true)
	landlord := pick(r, landlords)
	start := r.date(g.today.AddDate(-6, 0, 0), g.today.AddDate(0, 2, 0))
	start = day(start.Year(), start.Month(), 1)
	rooms := r.between(1, 5)
	area := r.between(22, 120)
	cold := float64(area) * (7 + r.Float64()*10)
	cold = float64(int(cold/5) * 5)
	ops := float64(r.between(60, 320))
	heat := float64(r.between(40, 160))
	floor := pick(r, []string{"EG", "1. OG", "2. OG links", "3. OG rechts", "DG", "4. OG Mitte"})
	switch r.IntN(4) {
	case 0, 1:
		g.e.Template = "rental_contract/wohnraum"
		g.e.Language = "de"
		b.title(pick(r, []string{"Mietvertrag für Wohnraum", "Wohnraummietvertrag", "MIETVERTRAG", "Mietvertrag über eine Wohnung"}))
		b.text("Zwischen")
		b.plain(landlord)
		b.small("– Vermieter –")
		b.text("und")
		b.plain(p.FullName() + pick(r, []string{"", ", geb. " + deDate(p.Birth)}))
		b.small("– Mieter –")
		b.text("wird folgender Mietvertrag geschlossen:")
		b.heading("§ 1 Mietsache")
		b.text(fmt.Sprintf("Vermietet wird die Wohnung %s, %s, bestehend aus %d Zimmern, Küche, Bad/WC%s. Die Wohnfläche beträgt ca. %d m².",
			p.Address.Line(), floor, rooms, pick(r, []string{"", ", Balkon", ", Kellerabteil"}), area))
		b.heading("§ 2 Mietzeit")
		b.text(fmt.Sprintf("Das Mietverhältnis beginnt am %s und läuft auf unbestimmte Zeit.", deDate(start)))
		b.heading("§ 3 Miete und Nebenkosten")
		b.row("Grundmiete (netto kalt)", money(r, cold))
		b.row("Vorauszahlung Betriebskosten", money(r, ops))
		b.row("Vorauszahlung Heizkosten", money(r, heat))
		b.boldRow("Gesamtmiete monatlich", money(r, cold+ops+heat))
		b.text("Die Miete ist monatlich im Voraus, spätestens am dritten Werktag, auf das Konto des Vermieters zu zahlen.")
		b.heading("§ 4 Mietsicherheit")
		b.text(fmt.Sprintf("Der Mieter leistet eine Kaution in Höhe von %s (drei Nettokaltmieten).", money(r, 3*cold)))
		b.heading("§ 5 Schönheitsreparaturen und Hausordnung")
		b.text("Die Hausordnung ist Bestandteil dieses Vertrages. Tierhaltung bedarf der Zustimmung des Vermieters.")
	case 2:
		g.e.Template = "rental_contract/untermiete"
		g.e.Language = "de"
		main := randomPerson(r, nationalities[0])
		b.title(pick(r, []string{"Untermietvertrag", "Untermietvertrag (möbliertes Zimmer)", "Vertrag über Untermiete"}))
		b.field("Hauptmieter/in", main.FullName()+", "+p.Address.Line())
		b.field("Untermieter/in", p.FullName())
		b.field("Mietgegenstand", fmt.Sprintf("%d möbliertes Zimmer (%d m²) mit Mitbenutzung von Küche und Bad", 1, r.between(10, 25)))
		b.field("Mietbeginn", deDate(start))
		b.field("Miete (warm)", money(r, float64(r.between(350, 850))))
		b.text("Die Zustimmung des Vermieters zur Untervermietung liegt vor. Die Kündigungsfrist beträgt drei Monate.")
	default:
		g.e.Template = "rental_contract/english"
		g.e.Language = "en"
		b.title(pick(r, []string{"Residential Lease Agreement", "Tenancy Agreement", "Apartment Rental Agreement"}))
		b.field("Landlord", landlord)
		b.field("Tenant", p.FullName())
		b.field("Premises", p.Address.Line()+", "+floor)
		b.field("Start of tenancy", enDate(start))
		b.field("Monthly base rent", "EUR "+euroEN(cold))
		b.field("Utilities (advance payment)", "EUR "+euroEN(ops+heat))
		b.field("Security deposit", "EUR "+euroEN(3*cold))
		b.text("The tenancy is concluded for an indefinite period. German tenancy law (§§ 535 ff. BGB) applies.")
	}
	b.gap()
	b.plain(pick(r, cities).City + ", " + deDate(start.AddDate(0, 0, -r.between(5, 60))))
	b.row("Vermieter / Landlord", "Mieter / Tenant")
	b.decorate(start)
}

// tmplHealth is a confirmation of health insurance.
func tmplHealth(g *genCtx) {
	r, b := g.r, g.b
	p := g.self(true)
	ins := pick(r, insurers)
	since := r.date(g.today.AddDate(-8, 0, 0), g.today.AddDate(0, -1, 0))
	kvnr := randomChars(r, letters, 1) + randomChars(r, digits, 9)
	issued := r.date(since, g.today)
	anrede := map[string]string{"F": "Frau", "M": "Herr"}[p.Sex]
	switch r.IntN(4) {
	case 0, 1:
		g.e.Template = "health_insurance/gkv"
		g.e.Language = "de"
		b.plain(ins.Name)
		b.lines(salutation(p)+" "+p.FullName(), p.Address.Street, p.Address.Postcode+" "+p.Address.City)
		b.gap()
		b.title(pick(r, []string{"Mitgliedsbescheinigung", "Versicherungsbestätigung", "Bescheinigung über die Mitgliedschaft", "Bescheinigung zur Vorlage bei der Ausländerbehörde"}))
		b.field("Krankenversichertennummer", kvnr)
		b.field("Geburtsdatum", deDate(p.Birth))
		b.text(fmt.Sprintf("Hiermit bestätigen wir, dass %s %s seit dem %s bei der %s als %s versichert ist.",
			anrede, p.FullName(), deDate(since), ins.Short, pick(r, []string{"Pflichtmitglied", "freiwilliges Mitglied", "versicherungspflichtig Beschäftigte/r"})))
		b.text("Die Mitgliedschaft umfasst auch die soziale Pflegeversicherung. Der Versicherungsschutz besteht unbefristet.")
		b.plain(pick(r, cities).City + ", " + deDate(issued))
		b.small("Diese Bescheinigung wurde maschinell erstellt und ist ohne Unterschrift gültig.")
	case 2:
		g.e.Template = "health_insurance/pkv"
		g.e.Language = "de"
		b.plain(ins.Name)
		b.title(pick(r, []string{"Versicherungsbestätigung", "Bestätigung über den Krankenversicherungsschutz", "Versicherungsnachweis"}))
		b.field("Versicherte Person", p.FullName())
		b.field("Geburtsdatum", deDate(p.Birth))
		b.field("Versicherungsnummer", fmt.Sprintf("%d.%03d.%03d", r.between(100, 999), r.IntN(1000), r.IntN(1000)))
		b.field("Versicherungsbeginn", deDate(since))
		b.field("Tarif", pick(r, []string{"Komfort 300", "BestMed 2", "AktiMed Plus 90", "Vital 750"}))
		b.field("Selbstbehalt", money(r, float64(pick(r, []int{0, 300, 600, 1200}))))
		b.text("Es besteht eine substitutive Krankheitskostenvollversicherung. Der Versicherungsschutz genügt den Anforderungen des § 193 Abs. 3 VVG und schließt die private Pflegepflichtversicherung ein.")
		b.plain(deDate(issued))
	default:
		g.e.Template = "health_insurance/english"
		g.e.Language = "en"
		b.plain(pick(r, []string{"EuroCare Expat Insurance", "Techniker Krankenkasse – International Customer Service", "Global Student Health"}))
		b.title(pick(r, []string{"Confirmation of Health Insurance Coverage", "Certificate of Insurance", "Proof of Health Insurance"}))
		b.text(fmt.Sprintf("We hereby confirm that %s, born %s, is insured with us from %s.", p.FullName(), enDate(p.Birth), enDate(since)))
		b.field("Policy number", randomChars(r, letters, 3)+"-"+randomChars(r, digits, 7))
		b.field("Coverage", pick(r, []string{"full coverage for inpatient and outpatient treatment", "comprehensive health insurance including long-term care"}))
		b.text("This insurance meets the requirements for the issue of a residence permit in Germany.")
	}
	b.decorate(issued)
}

var subjects = []struct{ de, en string }{
	{"Informatik", "Computer Science"}, {"Maschinenbau", "Mechanical Engineering"}, {"Elektrotechnik", "Electrical Engineering"},
	{"Betriebswirtschaftslehre", "Business Administration"}, {"Humanmedizin", "Medicine"}, {"Chemie", "Chemistry"},
	{"Wirtschaftsinformatik", "Business Informatics"}, {"Bauingenieurwesen", "Civil Engineering"}, {"Pflegewissenschaft", "Nursing Science"},
}

// tmplDegree is a university degree certificate (Zeugnis, Urkunde,
// Diploma Supplement), German or English.
func tmplDegree(g *genCtx) {
	r, b := g.r, g.b
	p := g.self(true)
	subj := pick(r, subjects)
	grad := r.date(p.Birth.AddDate(21, 0, 0), g.today.AddDate(0, -2, 0))
	deGrade := pick(r, []string{"sehr gut (1,3)", "gut (1,7)", "gut (2,0)", "befriedigend (2,7)", "mit Auszeichnung (1,0)", "gut (2,3)"})
	deg := pick(r, []struct{ de, en, short string }{
		{"Bachelor of Science", "Bachelor of Science", "B.Sc."}, {"Master of Science", "Master of Science", "M.Sc."},
		{"Bachelor of Engineering", "Bachelor of Engineering", "B.Eng."}, {"Master of Arts", "Master of Arts", "M.A."},
	})
	er := map[string]string{"F": "sie", "M": "er"}[p.Sex]
	switch r.IntN(5) {
	case 0:
		g.e.Template = "degree/zeugnis"
		g.e.Language = "de"
		uni := pick(r, universities[:5])
		exam := pick(r, []string{"Bachelorprüfung", "Masterprüfung", "Diplomprüfung"})
		b.plain(uni.Name)
		b.title(pick(r, []string{"Zeugnis", "Zeugnis über die " + exam, "Prüfungszeugnis"}))
		b.text(fmt.Sprintf("%s %s, geboren am %s in %s, hat die %s im Studiengang %s mit der Gesamtnote", map[string]string{"F": "Frau", "M": "Herr"}[p.Sex],
			p.FullName(), deDate(p.Birth), p.BirthPlace, exam, subj.de))
		b.centered(deGrade, true)
		b.text("bestanden.")
		b.boldRow("Modul", "ECTS", "Note")
		for i := 0; i < r.between(4, 9); i++ {
			b.row(pick(r, []string{"Mathematik I", "Algorithmen und Datenstrukturen", "Technische Mechanik", "Grundlagen der BWL", "Statistik", "Projektmanagement", "Thermodynamik", "Datenbanken", "Wissenschaftliches Arbeiten"}), fmt.Sprint(pick(r, []int{5, 6, 8, 10})), pick(r, []string{"1,0", "1,3", "1,7", "2,0", "2,3", "2,7", "3,0"}))
		}
		b.field("Thema der Abschlussarbeit", pick(r, []string{"Verteilte Konsensverfahren in Edge-Netzen", "Ermüdungsverhalten geschweißter Stahlverbindungen", "Digitale Transformation im Mittelstand", "Lastprognose mit neuronalen Netzen"}))
		b.plain(uni.City + ", den " + deDate(grad))
		b.small("Der/Die Vorsitzende des Prüfungsausschusses")
	case 1:
		g.e.Template = "degree/urkunde"
		g.e.Language = "de"
		uni := pick(r, universities[:5])
		b.title(pick(r, []string{"Urkunde", "URKUNDE", "Bachelorurkunde", "Masterurkunde"}))
		b.centered(uni.Name, false)
		b.text(fmt.Sprintf("verleiht %s %s, geboren am %s in %s, den akademischen Grad", map[string]string{"F": "Frau", "M": "Herrn"}[p.Sex], p.FullName(), deDate(p.Birth), p.BirthPlace))
		b.centered(deg.de+" ("+deg.short+")", true)
		b.text(fmt.Sprintf("nachdem %s die Prüfung im Studiengang %s am %s bestanden hat.", er, subj.de, deDate(grad)))
		b.small("Siegel der Hochschule · Die Präsidentin · Der Dekan")
	case 2:
		g.e.Template = "degree/english"
		g.e.Language = "en"
		uni := pick(r, universities[5:])
		b.title(uni.Name)
		b.centered(pick(r, []string{"DEGREE CERTIFICATE", "Provisional Degree Certificate", "DIPLOMA"}), true)
		b.text(fmt.Sprintf("This is to certify that %s, having fulfilled all requirements, has been admitted to the degree of", p.FullName()))
		b.centered(deg.en+" in "+subj.en, true)
		b.text(pick(r, []string{"with First Class with Distinction", "with Second Class (Upper Division)", "with a cumulative GPA of 3.6 / 4.0", "with honours"}) + " in the examination held in " + monthsEN[grad.Month()-1] + " " + fmt.Sprint(grad.Year()) + ".")
		b.field("Register No.", randomChars(r, digits+letters[:6], 10))
		b.plain(uni.City + ", " + enDate(grad))
		b.small("Registrar · Vice-Chancellor")
	case 3:
		g.e.Template = "degree/diploma-supplement"
		g.e.Language = "en"
		uni := pick(r, universities)
		b.title("Diploma Supplement")
		b.small("This Diploma Supplement model was developed by the European Commission, Council of Europe and UNESCO/CEPES.")
		b.heading("1. Information identifying the holder of the qualification")
		b.field("1.1 Family name", p.Surname)
		b.field("1.2 First name", p.Given)
		b.field("1.3 Date of birth", isoDate(p.Birth))
		b.heading("2. Information identifying the qualification")
		b.field("2.1 Name of qualification", deg.en+" ("+deg.short+")")
		b.field("2.2 Main field of study", subj.en)
		b.field("2.3 Institution awarding the qualification", uni.Name)
		b.heading("4. Information on the contents and results gained")
		b.field("4.5 Overall classification", pick(r, []string{"1.7 (good)", "2.0 (good)", "1.3 (very good)"}))
		b.heading("5. Information on the function of the qualification")
		b.text("The degree qualifies the holder to apply for admission to doctoral studies.")
	default:
		g.e.Template = "degree/promotion"
		g.e.Language = "de"
		uni := pick(r, universities[:5])
		b.title("Promotionsurkunde")
		b.centered(uni.Name, false)
		b.text(fmt.Sprintf("Die Fakultät verleiht %s %s, geboren am %s in %s, den Grad", map[string]string{"F": "Frau", "M": "Herrn"}[p.Sex], p.FullName(), deDate(p.Birth), p.BirthPlace))
		b.centered(pick(r, []string{"Doktor der Naturwissenschaften (Dr. rer. nat.)", "Doktor-Ingenieur (Dr.-Ing.)", "Doktor der Philosophie (Dr. phil.)"}), true)
		b.text("nachdem " + er + " in ordnungsgemäßem Promotionsverfahren durch die Dissertation und die mündliche Prüfung die wissenschaftliche Befähigung nachgewiesen hat.")
		b.field("Gesamturteil", pick(r, []string{"magna cum laude", "cum laude", "summa cum laude"}))
		b.plain(uni.City + ", " + deDate(grad))
	}
	b.decorate(grad)
}
