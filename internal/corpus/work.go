package corpus

import (
	"fmt"
	"math"
	"strings"
	"time"
)

var jobs = []string{"Softwareentwickler/in", "Pflegefachkraft", "Elektroniker/in für Betriebstechnik", "Data Scientist",
	"Maschinenbauingenieur/in", "Koch/Köchin", "Lagerlogistiker/in", "Assistenzarzt/-ärztin", "Berufskraftfahrer/in",
	"IT-Systemadministrator/in", "Bauingenieur/in", "Erzieher/in", "Fachinformatiker/in", "Projektmanager/in"}

// printedName spells a person the way payroll and contract software do:
// "Herrn Ümit Yılmaz", "Yılmaz, Ümit", capitals, or without the letters
// the software cannot print ("Yilmaz, Uemit").
func printedName(r rng, p Person) string {
	given, sur := p.Given, p.Surname
	if r.chance(0.2) {
		plain := strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "Ä", "Ae", "Ö", "Oe", "Ü", "Ue", "ß", "ss",
			"ı", "i", "İ", "I", "ş", "s", "Ş", "S", "ğ", "g", "ç", "c", "Ç", "C", "ł", "l", "Ł", "L", "ś", "s", "ą", "a", "ę", "e",
			"ń", "n", "ó", "o", "ź", "z", "ż", "z", "ț", "t", "ș", "s", "ă", "a", "â", "a", "î", "i", "đ", "d", "Đ", "D",
			"š", "s", "Š", "S", "ć", "c", "č", "c", "ž", "z")
		given, sur = plain.Replace(given), plain.Replace(sur)
	}
	switch r.IntN(4) {
	case 0:
		return sur + ", " + given
	case 1:
		return strings.ToUpper(sur) + " " + given
	}
	return given + " " + sur
}

func salutation(p Person) string { return map[string]string{"F": "Frau", "M": "Herrn"}[p.Sex] }

// otherPerson is someone else than p: a spouse or a colleague.
func otherPerson(r rng, p Person) Person {
	if r.chance(0.5) {
		return spouseOf(r, p)
	}
	return randomPerson(r, pickNationality(r, false))
}

// tmplPayslip is a monthly pay statement (Entgeltabrechnung).
func tmplPayslip(g *genCtx) {
	r, b := g.r, g.b
	applicant := randomPerson(r, pickNationality(r, true))
	p := applicant
	if r.chance(0.15) {
		p = otherPerson(r, applicant)
	}
	g.holder(p, applicant)
	name := printedName(r, p)
	g.e.Name = name
	g.e.Met = map[string]bool{MetPayslipName: *g.e.NameMatchesApplicant}
	month := g.today.AddDate(0, -r.between(1, 18), 0)
	month = time.Date(month.Year(), month.Month(), 1, 0, 0, 0, 0, time.UTC)
	company := pick(r, companies)
	minijob := r.chance(0.1)
	gross := float64(r.between(2100, 8600)/25*25) + float64(r.IntN(4))*0.25*float64(r.IntN(2))
	if minijob {
		gross = 538
		if month.Year() >= 2025 {
			gross = 556
		}
	}
	type line struct {
		name string
		v    float64
	}
	var deductions []line
	if !minijob {
		tax := round2(math.Max(0, (gross-1200)*(0.12+gross/80000)))
		deductions = []line{
			{"Lohnsteuer", tax},
			{"Solidaritätszuschlag", 0},
			{"Kirchensteuer", round2(tax * 0.09 * float64(r.IntN(2)))},
			{"KV-Beitrag AN", round2(math.Min(gross, 5512.5) * 0.0855)},
			{"RV-Beitrag AN", round2(math.Min(gross, 8050) * 0.093)},
			{"AV-Beitrag AN", round2(math.Min(gross, 8050) * 0.013)},
			{"PV-Beitrag AN", round2(math.Min(gross, 5512.5) * pick(r, []float64{0.018, 0.024}))},
		}
	}
	net := gross
	for _, d := range deductions {
		net -= d.v
	}
	net = round2(net)
	g.e.Month = month.Format("2006-01")
	g.e.GrossEUR, g.e.NetEUR = ptr(gross), ptr(net)
	monthDE := monthsDE[month.Month()-1] + " " + fmt.Sprint(month.Year())
	persNo := fmt.Sprint(r.between(100, 99999))
	switch r.IntN(4) {
	case 0, 1:
		g.e.Template = "payslip/datev"
		g.e.Language = "de"
		b.d.producer = "DATEV LODAS"
		b.plain(company)
		b.small(pick(r, cities).City)
		b.gap()
		b.lines(salutation(p), name, p.Address.Street, p.Address.Postcode+" "+p.Address.City)
		b.gap()
		b.title(pick(r, []string{"Abrechnung der Brutto/Netto-Bezüge", "Entgeltabrechnung", "Lohn- und Gehaltsabrechnung", "Verdienstabrechnung"}) + " " + pick(r, []string{"für ", ""}) + monthDE)
		b.row("Pers.-Nr.", persNo, "Steuerklasse", fmt.Sprint(r.between(1, 5)))
		b.row("Geburtsdatum", deDate(p.Birth), "SV-Nummer", fmt.Sprintf("%02d %s %s %03d", r.between(10, 65), p.Birth.Format("020106"), strings.ToUpper(mrzName(p.Surname, false)[:1]), r.between(0, 999)))
		b.rule()
		b.boldRow("Lohnart", "Bezeichnung", "Betrag")
		b.row("1000", pick(r, []string{"Gehalt", "Grundvergütung", "Monatslohn", "Lohn"}), euro(gross))
		b.row("", "Gesamtbrutto", euro(gross))
		for _, d := range deductions {
			b.row("", d.name, euro(d.v))
		}
		b.rule()
		b.boldRow("", pick(r, []string{"Nettobezüge", "Netto-Verdienst", "Nettoentgelt"}), euro(net))
		b.boldRow("", "Auszahlungsbetrag", euro(net))
		b.small("Überweisung an IBAN DE" + randomChars(r, digits, 2) + " " + randomChars(r, digits, 4) + " •••• " + randomChars(r, digits, 4))
	case 2:
		g.e.Template = "payslip/simple"
		g.e.Language = "de"
		b.title(pick(r, []string{"Lohnabrechnung", "Gehaltsabrechnung", "Lohnzettel"}) + " " + month.Format("01/2006"))
		b.field("Arbeitgeber", company)
		b.field("Arbeitnehmer/in", name)
		b.field("Personalnummer", persNo)
		b.field("Abrechnungszeitraum", "01."+month.Format("01.2006")+" – "+deDate(month.AddDate(0, 1, -1)))
		if minijob {
			b.text("Geringfügige Beschäftigung (Minijob), pauschale Abgaben trägt der Arbeitgeber.")
		}
		b.field("Bruttolohn", money(r, gross))
		if len(deductions) > 0 {
			b.field("Steuern", money(r, deductions[0].v+deductions[1].v+deductions[2].v))
			b.field("Sozialversicherung", money(r, deductions[3].v+deductions[4].v+deductions[5].v+deductions[6].v))
		}
		b.field(pick(r, []string{"Nettolohn", "Auszahlung", "Netto"}), money(r, net))
	default:
		g.e.Template = "payslip/english"
		g.e.Language = "en"
		b.title("Payslip – " + monthsEN[month.Month()-1] + " " + fmt.Sprint(month.Year()))
		b.field("Employer", company)
		b.field("Employee", name)
		b.field("Employee ID", persNo)
		b.field("Gross pay", "EUR "+euroEN(gross))
		for _, d := range deductions {
			if d.v > 0 {
				b.row(d.name, euroEN(d.v))
			}
		}
		b.field("Net pay", "EUR "+euroEN(net))
		b.small("Pay statement in accordance with § 108 GewO")
	}
	b.decorate(month)
}

// thresholdBlueCard is the standard § 18g threshold of a year (§ 2.3 of
// law-and-standards.md).
func thresholdBlueCard(year int) float64 {
	if year >= 2026 {
		return 50700
	}
	return 48300
}

// tmplEmployment is an employment contract with a salary. Salaries between
// 43,000 and 51,000 EUR are not made, so that the truth does not depend on
// which threshold (2025 or 2026, standard or reduced) a check applies.
func tmplEmployment(g *genCtx) {
	r, b := g.r, g.b
	p := g.self(true)
	start := r.date(day(2025, 1, 1), day(2026, 6, 1))
	start = time.Date(start.Year(), start.Month(), 1, 0, 0, 0, 0, time.UTC)
	high := r.chance(0.55)
	var annual float64
	var pay string
	mode := r.IntN(6)
	switch mode {
	case 0, 1: // annual
		if high {
			annual = float64(r.between(51000, 110000) / 500 * 500)
		} else {
			annual = float64(r.between(24000, 42999) / 100 * 100)
		}
		pay = pick(r, []string{
			"Der Arbeitnehmer erhält ein Jahresbruttogehalt in Höhe von %s, zahlbar in zwölf gleichen Monatsraten jeweils zum Monatsende.",
			"Die Vergütung beträgt brutto %s jährlich.",
			"Das jährliche Bruttogehalt beträgt %s. Es wird in 12 gleichen Teilbeträgen ausgezahlt.",
		})
		pay = fmt.Sprintf(pay, money(r, annual))
	case 2, 3: // monthly × 12
		var m float64
		if high {
			m = float64(r.between(4250, 9000) / 25 * 25)
		} else {
			m = float64(r.between(2000, 3580) / 25 * 25)
		}
		annual = m * 12
		pay = fmt.Sprintf(pick(r, []string{
			"Der Arbeitnehmer erhält ein monatliches Bruttogehalt von %s, fällig am Ende eines jeden Kalendermonats.",
			"Das Bruttomonatsgehalt beträgt %s.",
			"Als Vergütung wird ein Monatsgehalt von %s brutto vereinbart.",
		}), money(r, m))
	case 4: // monthly × 13
		var m float64
		if high {
			m = float64(r.between(4250, 8000) / 25 * 25)
		} else {
			m = float64(r.between(2000, 3300) / 25 * 25)
		}
		annual = m * 13
		pay = fmt.Sprintf("Das Bruttomonatsgehalt beträgt %s. Zusätzlich wird mit dem Novembergehalt ein 13. Monatsgehalt in gleicher Höhe gezahlt.", money(r, m))
	default: // hourly, always below the thresholds
		h := float64(r.between(1282, 2000)) / 100
		hours := r.between(30, 40)
		annual = round2(h * float64(hours) * 52)
		pay = fmt.Sprintf("Der Stundenlohn beträgt %s brutto. Die regelmäßige wöchentliche Arbeitszeit beträgt %d Stunden.", money(r, h), hours)
		high = false
	}
	threshold := thresholdBlueCard(start.Year())
	g.e.SalaryEUR, g.e.SalaryThresholdEUR = ptr(annual), ptr(threshold)
	g.e.Met = map[string]bool{MetSalaryThreshold: annual >= threshold}
	company := pick(r, companies)
	job := pick(r, jobs)
	signed := start.AddDate(0, -r.between(1, 4), 0)
	if r.IntN(5) == 0 {
		g.e.Template = "employment_contract/english"
		g.e.Language = "en"
		b.title(pick(r, []string{"Employment Agreement", "EMPLOYMENT CONTRACT", "Contract of Employment"}))
		b.text(fmt.Sprintf("between %s (the \"Employer\") and %s, born %s, residing at %s (the \"Employee\").",
			company, p.FullName(), isoDate(p.Birth), p.Address.Line()))
		b.heading("1. Position and start date")
		b.text(fmt.Sprintf("The Employee is employed as %s with effect from %s. The first six months are a probationary period.", strings.Split(job, "/")[0], enDate(start)))
		b.heading("2. Remuneration")
		if mode <= 1 {
			b.text(fmt.Sprintf("The Employee receives an annual gross salary of EUR %s, payable in twelve equal monthly instalments.", euroEN(annual)))
		} else if mode <= 4 {
			b.text(fmt.Sprintf("The Employee receives a gross monthly salary of EUR %s (%d salaries per year).", euroEN(annual/float64(12+boolInt(mode == 4))), 12+boolInt(mode == 4)))
		} else {
			b.text(pay)
		}
		b.heading("3. Working hours and leave")
		b.text("The regular working time is 40 hours per week. The Employee is entitled to 30 working days of paid leave per calendar year.")
		b.heading("4. Termination")
		b.text("After the probationary period, either party may terminate this agreement with the statutory notice period.")
		b.plain(pick(r, cities).City + ", " + enDate(signed))
		b.row("Employer", "Employee")
	} else {
		g.e.Language = "de"
		amend := r.IntN(6) == 0
		if amend {
			g.e.Template = "employment_contract/amendment"
			b.title(pick(r, []string{"Änderungsvertrag zum Arbeitsvertrag", "Ergänzung zum Arbeitsvertrag", "Nachtrag zum Anstellungsvertrag"}))
			b.text(fmt.Sprintf("zwischen %s und %s %s, geboren am %s.", company, salutation(p), p.FullName(), deDate(p.Birth)))
			b.text(fmt.Sprintf("Der zwischen den Parteien bestehende Arbeitsvertrag wird mit Wirkung vom %s wie folgt geändert:", deDate(start)))
			b.heading("§ 1 Vergütung")
			b.text(pay)
			b.text("Alle übrigen Bestimmungen des Arbeitsvertrages bleiben unverändert.")
		} else {
			g.e.Template = "employment_contract/de"
			b.title(pick(r, []string{"Arbeitsvertrag", "ARBEITSVERTRAG", "Anstellungsvertrag", "Arbeitsvertrag für Angestellte", "Befristeter Arbeitsvertrag"}))
			b.text("zwischen")
			b.plain(company + ", " + randomAddress(r).Line())
			b.small("– nachfolgend „Arbeitgeber“ genannt –")
			b.text("und")
			b.plain(salutation(p) + " " + p.FullName() + ", geboren am " + deDate(p.Birth) + ", wohnhaft " + p.Address.Line())
			b.small("– nachfolgend „Arbeitnehmer“ genannt –")
			b.heading("§ 1 Beginn und Probezeit")
			b.text(fmt.Sprintf("Das Arbeitsverhältnis beginnt am %s. Die ersten sechs Monate gelten als Probezeit.", deDate(start)))
			b.heading("§ 2 Tätigkeit")
			b.text(fmt.Sprintf("Der Arbeitnehmer wird als %s eingestellt. Der Arbeitgeber kann ihm andere zumutbare Tätigkeiten übertragen.", job))
			b.heading("§ 3 Vergütung")
			b.text(pay)
			b.heading("§ 4 Arbeitszeit")
			b.text(fmt.Sprintf("Die regelmäßige wöchentliche Arbeitszeit beträgt %d Stunden.", pick(r, []int{38, 39, 40})))
			b.heading("§ 5 Urlaub")
			b.text(fmt.Sprintf("Der Arbeitnehmer hat Anspruch auf %d Arbeitstage Erholungsurlaub im Kalenderjahr.", r.between(24, 30)))
			b.heading("§ 6 Kündigung")
			b.text("Nach Ablauf der Probezeit gelten die gesetzlichen Kündigungsfristen.")
		}
		b.gap()
		b.plain(pick(r, cities).City + ", den " + deDate(signed))
		b.row("Arbeitgeber", "Arbeitnehmer")
	}
	b.decorate(signed)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
