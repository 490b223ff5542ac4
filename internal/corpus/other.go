package corpus

import (
	"fmt"
	"strings"
)

var wordSalad = strings.Fields(`der die das und in zu den mit von ist nicht auf für sich dem ein eine als auch es an
werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über einen so zum war haben nur oder aber
vor zur bis mehr durch man sein wurde sei Jahr Stadt heute Zeit Menschen Arbeit Wetter Sommer Garten Verein Schule
Bahn Straße Projekt Sitzung Bericht Ergebnis Vorschlag Termin Woche Frage Antwort Kinder Familie Nachbarn Konzert
Markt Rathaus Fest Kaffee Kuchen Fahrrad Urlaub Ferien Brücke Fluss Wald Feuerwehr Bibliothek Museum Ausstellung
beginnt findet statt bitte gerne wieder neue alte große kleine schnell langsam gemeinsam jeden besonders wichtig`)

func salad(r rng, words int) string {
	var b strings.Builder
	for i := 0; i < words; i++ {
		w := pick(r, wordSalad)
		if i == 0 || b.Len() > 0 && strings.HasSuffix(b.String(), ". ") {
			w = capitalize(w)
		}
		b.WriteString(w)
		if r.chance(0.1) && i < words-1 {
			b.WriteString(". ")
		} else if i < words-1 {
			b.WriteByte(' ')
		}
	}
	return b.String() + "."
}

// tmplOther is noise: letters, bills and texts that are none of the
// categories — some of them close to one (a bank statement with a salary
// booking, a job reference, an invitation that asks for a passport).
func tmplOther(g *genCtx) {
	r, b := g.r, g.b
	p := g.self(false)
	when := r.date(g.today.AddDate(-2, 0, 0), g.today)
	g.e.Language = "de"
	letterHead := func(sender string) {
		b.plain(sender)
		b.gap()
		b.lines(salutation(p)+" "+p.FullName(), p.Address.Street, p.Address.Postcode+" "+p.Address.City)
		b.rightText(p.Address.City + ", " + deDate(when))
	}
	switch r.IntN(19) {
	case 0:
		g.e.Template = "other/abh-invitation"
		letterHead("Stadt " + p.Address.City + " · Ausländerbehörde")
		b.heading(pick(r, []string{"Einladung zur Vorsprache", "Ihr Termin bei der Ausländerbehörde", "Terminbestätigung"}))
		b.text(fmt.Sprintf("Sehr geehrte Damen und Herren, wir laden Sie am %s um %d:%02d Uhr zur persönlichen Vorsprache ein.", deDate(when.AddDate(0, 0, 14)), r.between(8, 15), pick(r, []int{0, 15, 30, 45})))
		b.text("Bitte bringen Sie folgende Unterlagen mit: gültiger Reisepass, bisheriger Aufenthaltstitel, ein aktuelles biometrisches Lichtbild, Nachweise über Ihr Einkommen der letzten drei Monate und Ihren Mietvertrag.")
		b.text("Sollten Sie den Termin nicht wahrnehmen können, sagen Sie ihn bitte rechtzeitig ab.")
		b.plain("Mit freundlichen Grüßen")
		b.plain("Im Auftrag")
	case 1:
		g.e.Template = "other/electricity-bill"
		letterHead(pick(r, []string{"Stadtwerke Bonn GmbH", "EnBW Energie Baden-Württemberg AG", "E.ON Energie Deutschland GmbH", "Vattenfall Europe Sales GmbH"}))
		b.heading("Jahresabrechnung Strom " + fmt.Sprint(when.Year()-1))
		b.field("Vertragskonto", randomChars(r, digits, 10))
		b.field("Verbrauch", fmt.Sprintf("%d kWh", r.between(900, 4200)))
		b.field("Gesamtbetrag", money(r, float64(r.between(400, 1600))))
		b.field("Geleistete Abschläge", money(r, float64(r.between(400, 1600))))
		b.text("Ihr neuer monatlicher Abschlag beträgt ab dem nächsten Monat " + money(r, float64(r.between(35, 140))) + ".")
	case 2:
		g.e.Template = "other/phone-bill"
		g.e.Language = "de"
		b.title(pick(r, []string{"Ihre Rechnung", "Mobilfunkrechnung", "Rechnung " + monthsDE[when.Month()-1]}))
		b.field("Kundennummer", randomChars(r, digits, 9))
		b.field("Rechnungsnummer", randomChars(r, digits, 12))
		b.row("Grundgebühr Tarif Allnet L", money(r, 29.99))
		b.row("Verbindungen Ausland", money(r, float64(r.between(0, 4000))/100))
		b.boldRow("Rechnungsbetrag", money(r, 29.99+float64(r.between(0, 4000))/100))
		b.small("Der Betrag wird per SEPA-Lastschrift von Ihrem Konto eingezogen.")
	case 3:
		g.e.Template = "other/job-reference"
		company := pick(r, companies)
		b.plain(company)
		b.title(pick(r, []string{"Arbeitszeugnis", "Qualifiziertes Arbeitszeugnis", "Zwischenzeugnis"}))
		b.text(fmt.Sprintf("%s %s, geboren am %s, war vom %s bis zum %s in unserem Unternehmen als %s beschäftigt.",
			map[string]string{"F": "Frau", "M": "Herr"}[p.Sex], p.FullName(), deDate(p.Birth), deDate(when.AddDate(-3, 0, 0)), deDate(when), pick(r, jobs)))
		b.text("Sie/Er erledigte die übertragenen Aufgaben stets zu unserer vollsten Zufriedenheit. Ihr/Sein Verhalten gegenüber Vorgesetzten und Kollegen war stets einwandfrei.")
		b.text("Wir bedauern das Ausscheiden und wünschen für die Zukunft alles Gute.")
		b.plain(pick(r, cities).City + ", " + deDate(when))
	case 4:
		g.e.Template = "other/bank-statement"
		b.plain(pick(r, []string{"Sparkasse KölnBonn", "Deutsche Bank", "Volksbank Dresden-Bautzen eG", "ING", "Mittelbrandenburgische Sparkasse"}))
		b.title(pick(r, []string{"Kontoauszug", "Kontoauszug Nr. " + fmt.Sprint(r.between(1, 12)), "Umsatzübersicht"}))
		b.field("Kontoinhaber", p.FullName())
		b.field("IBAN", "DE"+randomChars(r, digits, 20))
		b.boldRow("Datum", "Buchungstext", "Betrag")
		for i := 0; i < r.between(5, 14); i++ {
			d := when.AddDate(0, 0, -r.IntN(30))
			switch r.IntN(5) {
			case 0:
				b.row(deDate(d), "LOHN/GEHALT "+d.Format("01/2006")+" "+strings.ToUpper(pick(r, companies)), euro(float64(r.between(1800, 4800))))
			case 1:
				b.row(deDate(d), "MIETE "+d.Format("01/06"), "-"+euro(float64(r.between(500, 1300))))
			case 2:
				b.row(deDate(d), "KARTENZAHLUNG REWE SAGT DANKE", "-"+euro(float64(r.between(500, 9000))/100))
			case 3:
				b.row(deDate(d), "LASTSCHRIFT STADTWERKE ABSCHLAG", "-"+euro(float64(r.between(40, 120))))
			default:
				b.row(deDate(d), "DAUERAUFTRAG SPARPLAN", "-"+euro(50))
			}
		}
		b.field("Neuer Kontostand", euro(float64(r.between(-500, 9000))))
	case 5:
		g.e.Template = "other/doctor-letter"
		b.plain("Dr. med. " + randomPerson(r, nationalities[0]).FullName() + " · Fachärztin für Allgemeinmedizin")
		b.heading("Arztbrief")
		b.text(fmt.Sprintf("Sehr geehrte Kollegin, sehr geehrter Kollege, wir berichten über %s %s, geb. %s, die/der sich am %s in unserer Praxis vorstellte.",
			map[string]string{"F": "Frau", "M": "Herrn"}[p.Sex], p.FullName(), deDate(p.Birth), deDate(when)))
		b.field("Diagnose", pick(r, []string{"Akute Bronchitis (J20.9)", "Lumbago (M54.5)", "Arterielle Hypertonie (I10.90)"}))
		b.field("Therapie", pick(r, []string{"Inhalation, Schonung", "Physiotherapie 6x", "Ramipril 5 mg 1-0-0"}))
		b.text("Wir bitten um Wiedervorstellung in vier Wochen.")
	case 6:
		g.e.Template = "other/gym-cancellation"
		letterHead("FitX Studio " + p.Address.City)
		b.heading("Bestätigung Ihrer Kündigung")
		b.text(fmt.Sprintf("Hiermit bestätigen wir den Eingang Ihrer Kündigung vom %s. Ihre Mitgliedschaft endet zum %s.", deDate(when), deDate(when.AddDate(0, 3, 0))))
		b.text("Wir bedauern Ihre Entscheidung und würden uns freuen, Sie bald wieder bei uns begrüßen zu dürfen.")
	case 7:
		g.e.Template = "other/wohnungsgeberbestaetigung"
		b.title("Wohnungsgeberbestätigung")
		b.small("nach § 19 des Bundesmeldegesetzes (BMG)")
		b.field("Name und Anschrift des Wohnungsgebers", pick(r, landlords))
		b.field("Art der meldepflichtigen Wohnung", "Einzug")
		b.field("Datum des Einzugs", deDate(when))
		b.field("Anschrift der Wohnung", p.Address.Line())
		b.field("Meldepflichtige Person(en)", p.FullName())
		b.text("Ich bestätige mit meiner Unterschrift den Ein- bzw. Auszug der oben genannten Person(en) in die bezeichnete Wohnung.")
	case 8:
		g.e.Template = "other/meldebescheinigung"
		b.plain("Stadt " + p.Address.City + " · Bürgeramt")
		b.title(pick(r, []string{"Meldebescheinigung", "Einfache Meldebescheinigung", "Meldebestätigung"}))
		b.field("Familienname", p.Surname)
		b.field("Vornamen", p.Given)
		b.field("Geburtsdatum", deDate(p.Birth))
		b.field("Staatsangehörigkeit", p.Nat.Adjective)
		b.field("Anschrift", p.Address.Line())
		b.field("Einzugsdatum", deDate(when.AddDate(-1, 0, 0)))
	case 9:
		g.e.Template = "other/newsletter-en"
		g.e.Language = "en"
		b.title(pick(r, []string{"Community Newsletter", "Welcome to Bonn – Expat News", "International Office Update"}))
		b.text("Dear members, we are happy to announce our summer picnic in the park next Saturday. Bring your family and friends, food and drinks will be provided.")
		b.text("Reminder: the German conversation group meets every Tuesday at 6 pm in the library. All levels are welcome, from beginners to advanced speakers.")
		b.small("You receive this e-mail because you subscribed to our mailing list. Unsubscribe at any time.")
	case 10:
		g.e.Template = "other/kita-contract"
		b.title(pick(r, []string{"Betreuungsvertrag", "Betreuungsvertrag Kindertagesstätte"}))
		b.text(fmt.Sprintf("zwischen der Kita Sonnenblume, %s, und den Sorgeberechtigten %s.", randomAddress(r).Line(), p.FullName()))
		b.heading("§ 1 Betreuungsumfang")
		b.text(fmt.Sprintf("Das Kind wird ab dem %s an fünf Tagen in der Woche für %d Stunden täglich betreut.", deDate(when), pick(r, []int{7, 9, 10})))
		b.heading("§ 2 Elternbeitrag")
		b.text("Der monatliche Elternbeitrag richtet sich nach der Satzung der Stadt und wird gesondert festgesetzt.")
	case 11:
		g.e.Template = "other/abitur"
		b.plain(pick(r, []string{"Gymnasium am Rhein", "Humboldt-Gymnasium", "Gesamtschule Nord"}))
		b.title("Zeugnis der Allgemeinen Hochschulreife")
		b.text(fmt.Sprintf("%s, geboren am %s in %s, hat die Abiturprüfung bestanden.", p.FullName(), deDate(p.Birth), p.BirthPlace))
		b.field("Durchschnittsnote", fmt.Sprintf("%d,%d", r.between(1, 3), r.IntN(10)))
		b.text("Dieses Zeugnis berechtigt zum Studium an allen Hochschulen in der Bundesrepublik Deutschland.")
	case 14:
		g.e.Template = "other/rental-termination"
		letterHead(p.FullName())
		b.plain(pick(r, landlords))
		b.heading(pick(r, []string{"Kündigung des Mietvertrags", "Kündigung meiner Wohnung", "Kündigung Mietverhältnis"}))
		b.text(fmt.Sprintf("Sehr geehrte Damen und Herren, hiermit kündige ich den Mietvertrag über die Wohnung %s fristgerecht zum %s.", p.Address.Line(), deDate(when.AddDate(0, 3, 0))))
		b.text("Bitte bestätigen Sie mir den Eingang dieser Kündigung schriftlich und nennen Sie mir einen Termin für die Wohnungsübergabe. Die Kaution überweisen Sie bitte auf mein Konto.")
		b.plain("Mit freundlichen Grüßen")
		b.plain(p.FullName())
	case 15:
		g.e.Template = "other/employment-termination"
		letterHead(pick(r, companies))
		b.heading(pick(r, []string{"Kündigung des Arbeitsverhältnisses", "Ordentliche Kündigung", "Kündigung Ihres Arbeitsvertrages"}))
		b.text(fmt.Sprintf("Sehr geehrte/r %s, hiermit kündigen wir das mit Ihnen bestehende Arbeitsverhältnis ordentlich und fristgerecht zum %s, hilfsweise zum nächstmöglichen Termin.", p.FullName(), deDate(when.AddDate(0, 2, 0))))
		b.text("Ihren Resturlaub bitten wir Sie bis dahin zu nehmen. Sie sind verpflichtet, sich unverzüglich bei der Agentur für Arbeit arbeitsuchend zu melden.")
		b.plain("Mit freundlichen Grüßen, Personalabteilung")
	case 16:
		g.e.Template = "other/course-registration"
		level := pick(r, []string{"B1", "B2", "C1", "A2"})
		letterHead(pick(r, []string{"Volkshochschule ", "Sprachschule Lingua ", "inlingua "}) + p.Address.City)
		b.heading(pick(r, []string{"Anmeldebestätigung", "Bestätigung Ihrer Kursanmeldung", "Teilnahmebestätigung"}))
		b.text(fmt.Sprintf("Sie sind für den Kurs „Deutsch %s (Intensiv)“ angemeldet. Kursbeginn ist am %s, der Unterricht findet montags bis freitags von 9 bis 12:15 Uhr statt.", level, deDate(when.AddDate(0, 0, 21))))
		b.text(fmt.Sprintf("Am Ende des Kurses können Sie die Prüfung telc Deutsch %s ablegen. Die Prüfungsgebühr ist nicht im Kurspreis enthalten.", level))
		b.field("Kursgebühr", money(r, float64(r.between(300, 900))))
	case 17:
		g.e.Template = "other/translation-invoice"
		letterHead("Übersetzungsbüro " + randomPerson(r, nationalities[0]).Surname + " · Beeidigte Übersetzungen")
		b.heading(pick(r, []string{"Rechnung", "Rechnung Nr. " + randomChars(r, digits, 5)}))
		b.row("Übersetzung "+pick(r, []string{"Geburtsurkunde", "Heiratsurkunde", "Hochschulzeugnis", "Führerschein"})+" ("+translationFrom(pickNationality(r, true))+" ins Deutsche)", money(r, float64(r.between(40, 120))))
		b.row("Beglaubigung", money(r, 5))
		b.boldRow("Gesamtbetrag", money(r, float64(r.between(45, 130))))
		b.small("Zahlbar innerhalb von 14 Tagen ohne Abzug.")
	case 18:
		g.e.Template = "other/naturalisation-leaflet"
		b.title(pick(r, []string{"Merkblatt: Unterlagen für den Einbürgerungsantrag", "Checkliste Einbürgerung", "Welche Unterlagen brauche ich?"}))
		b.plain("Stadt " + pick(r, cities).City + " · Staatsangehörigkeitsbehörde")
		for _, item := range []string{"gültiger Reisepass und Aufenthaltstitel", "Geburtsurkunde, bei Verheirateten die Eheurkunde",
			"Nachweis deutscher Sprachkenntnisse auf Niveau B1 (z. B. Zertifikat Deutsch, DTZ)", "Bescheinigung über den bestandenen Einbürgerungstest",
			"Gehaltsabrechnungen der letzten sechs Monate und Arbeitsvertrag", "Mietvertrag", "Nachweis über die Krankenversicherung"} {
			b.text("• " + item)
		}
		b.small("Bitte reichen Sie Kopien ein und bringen Sie die Originale zum Termin mit.")
	case 12:
		g.e.Template = "other/word-salad"
		for i := 0; i < r.between(2, 7); i++ {
			b.text(salad(r, r.between(20, 90)))
		}
	default:
		g.e.Template = "other/club-minutes"
		b.title(pick(r, []string{"Protokoll der Mitgliederversammlung", "Einladung zum Sommerfest", "Rundschreiben"}))
		b.plain(pick(r, []string{"Sportverein Grün-Weiß", "Kleingartenverein Am Rhein e.V.", "Elternbeirat der Grundschule"}))
		for i := 0; i < r.between(2, 5); i++ {
			b.heading(fmt.Sprintf("TOP %d", i+1))
			b.text(salad(r, r.between(15, 50)))
		}
	}
	b.decorate(when)
}
