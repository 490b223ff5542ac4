package corpus

import (
	"fmt"
	"strings"
	"time"
)

// genCtx is what a template works with: the random source, the content
// builder and the truth it fills in.
type genCtx struct {
	r       rng
	b       *builder
	e       *Entry
	today   time.Time
	variant int // the how-many-th document of its category: spreads MRZ defects evenly
}

// holder records p as the person of the document, filed by applicant.
func (g *genCtx) holder(p, applicant Person) {
	g.e.Name = p.FullName()
	g.e.Holder = holderOf(p)
	g.e.Applicant = holderOf(applicant)
	g.e.NameMatchesApplicant = ptr(p.Surname == applicant.Surname && p.Given == applicant.Given && p.Birth.Equal(applicant.Birth))
}

// self makes a foreign applicant and records them as the holder.
func (g *genCtx) self(foreignOnly bool) Person {
	p := randomPerson(g.r, pickNationality(g.r, foreignOnly))
	g.holder(p, p)
	return p
}

// mrzDefects spreads broken MRZs over the MRZ documents: one in five is
// broken (check digit, data, truncated, wrong length).
var mrzDefects = []string{"", "", "", "", "check_digit", "", "", "", "", "truncated", "", "", "",
	"data", "", "", "", "wrong_length", "", "check_digit"}

// setMRZ applies the document's defect to lines and records the truth.
func (g *genCtx) setMRZ(lines []string) []string {
	defect := mrzDefects[g.variant%len(mrzDefects)]
	r := g.r
	lines = append([]string(nil), lines...)
	td3 := len(lines) == 2
	switch defect {
	case "check_digit":
		type pos struct {
			line, col int
			field     string
		}
		var ps []pos
		if td3 {
			ps = []pos{{1, 9, "document_number"}, {1, 19, "birth_date"}, {1, 27, "expiry_date"}, {1, 43, "composite"}}
			if lines[1][42] != '<' {
				ps = append(ps, pos{1, 42, "personal_number"})
			}
		} else {
			ps = []pos{{0, 14, "document_number"}, {1, 6, "birth_date"}, {1, 14, "expiry_date"}, {1, 29, "composite"}}
		}
		p := pick(r, ps)
		old := lines[p.line][p.col]
		c := byte('0' + r.IntN(10))
		for c == old {
			c = byte('0' + r.IntN(10))
		}
		lines[p.line] = lines[p.line][:p.col] + string(c) + lines[p.line][p.col+1:]
		defect += ":" + p.field
	case "data":
		// A character of the document number differs from what its check
		// digit was computed for (a misprint or a forgery).
		line, from := 1, 0
		if !td3 {
			line, from = 0, 5
		}
		col := from + r.IntN(4)
		old := lines[line][col]
		const alnum = "0123456789CFGHJKLMNPRTVWXYZ"
		c := alnum[r.IntN(len(alnum))]
		for c == old || CheckDigit(string(c)) == CheckDigit(string(old)) {
			c = alnum[r.IntN(len(alnum))]
		}
		lines[line] = lines[line][:col] + string(c) + lines[line][col+1:]
	case "truncated":
		i := r.IntN(len(lines))
		lines[i] = lines[i][:len(lines[i])-r.between(1, 6)]
	case "wrong_length":
		i := r.IntN(len(lines))
		k := r.IntN(len(lines[i]))
		if r.chance(0.5) {
			lines[i] = lines[i][:k] + "<" + lines[i][k:]
		} else {
			lines[i] = lines[i][:k] + lines[i][k+1:]
		}
	}
	g.e.MRZLines = lines
	g.e.MRZDefect = defect
	m, err := ParseMRZ(lines)
	if err == nil {
		g.e.MRZ = m
	}
	g.e.MRZValid = ptr(err == nil && m.Valid)
	return lines
}

const germanDocAlphabet = "0123456789CFGHJKLMNPRTVWXYZ"

func randomChars(r rng, alphabet string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[r.IntN(len(alphabet))]
	}
	return string(b)
}

const digits = "0123456789"
const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

// passportNumber follows the look of the state's numbers.
func passportNumber(r rng, nat string) string {
	switch nat {
	case "D":
		return string("CFGHJK"[r.IntN(6)]) + randomChars(r, germanDocAlphabet, 8)
	case "TUR":
		return "U" + randomChars(r, digits, 8)
	case "UKR":
		return randomChars(r, letters, 2) + randomChars(r, digits, 6)
	case "IND":
		return randomChars(r, letters, 1) + randomChars(r, digits, 7)
	case "SYR", "IRN":
		return randomChars(r, digits, 9)
	}
	return randomChars(r, letters, 2) + randomChars(r, digits, 7)
}

// personalNumber is the optional data of a passport: national identity
// numbers where the state writes them.
func personalNumber(r rng, p Person) string {
	switch p.Nat.Code {
	case "TUR":
		return string("123456789"[r.IntN(9)]) + randomChars(r, digits, 10)
	case "UKR":
		return p.Birth.Format("20060102") + randomChars(r, digits, 5)
	case "D", "IND", "NGA", "GBR":
		return ""
	}
	if r.chance(0.4) {
		return randomChars(r, letters+digits, r.between(6, 12))
	}
	return ""
}

func yymmdd(t time.Time) string { return t.Format("060102") }

var passportHeaders = map[string][]string{
	"TUR": {"TÜRKİYE CUMHURİYETİ", "REPUBLIC OF TÜRKİYE", "PASAPORT / PASSPORT"},
	"UKR": {"УКРАЇНА / UKRAINE", "ПАСПОРТ ГРОМАДЯНИНА УКРАЇНИ ДЛЯ ВИЇЗДУ ЗА КОРДОН", "PASSPORT"},
	"SYR": {"SYRIAN ARAB REPUBLIC", "الجمهورية العربية السورية", "PASSPORT / جواز سفر"},
	"AFG": {"ISLAMIC REPUBLIC OF AFGHANISTAN", "PASSPORT"},
	"IND": {"REPUBLIC OF INDIA", "PASSPORT"},
	"POL": {"RZECZPOSPOLITA POLSKA", "REPUBLIC OF POLAND", "PASZPORT / PASSPORT / PASSEPORT"},
	"ROU": {"ROMÂNIA / ROMANIA / ROUMANIE", "PAȘAPORT / PASSPORT / PASSEPORT"},
	"VNM": {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM", "HỘ CHIẾU / PASSPORT"},
	"BRA": {"REPÚBLICA FEDERATIVA DO BRASIL", "PASSAPORTE / PASSPORT / PASSEPORT"},
	"ESP": {"UNIÓN EUROPEA", "REINO DE ESPAÑA", "PASAPORTE"},
	"NGA": {"FEDERAL REPUBLIC OF NIGERIA", "PASSPORT"},
	"CHN": {"PEOPLE'S REPUBLIC OF CHINA", "PASSPORT"},
	"SRB": {"РЕПУБЛИКА СРБИЈА / REPUBLIC OF SERBIA", "ПАСОШ / PASSPORT"},
	"IRN": {"ISLAMIC REPUBLIC OF IRAN", "PASSPORT"},
	"GBR": {"UNITED KINGDOM OF GREAT BRITAIN AND NORTHERN IRELAND", "PASSPORT"},
	"ERI": {"THE STATE OF ERITREA", "PASSPORT"},
}

// passport is a passport's data page (TD3) in one of several layouts.
func tmplPassport(g *genCtx) {
	r, b := g.r, g.b
	var p Person
	layout := r.IntN(5)
	if layout == 0 {
		p = randomPerson(r, nationalities[0]) // German passport
		g.holder(p, p)
	} else {
		p = g.self(true)
	}
	issued := r.date(g.today.AddDate(-10, 0, 0), g.today.AddDate(0, -1, 0))
	expiry := issued.AddDate(10, 0, -1)
	if r.chance(0.15) {
		expiry = issued.AddDate(5, 0, -1)
	}
	in := mrzInput{Code: "P", Issuing: p.Nat.Code, Surname: p.Surname, Given: p.Given, PlainUmlauts: p.Nat.PlainUmlauts,
		Number: passportNumber(r, p.Nat.Code), Nationality: p.Nat.Code, Birth: yymmdd(p.Birth), Sex: p.Sex,
		Expiry: yymmdd(expiry), Personal: personalNumber(r, p)}
	l := td3(in)
	lines := g.setMRZ(l[:])
	authority := "Stadt " + pick(r, cities).City
	if p.Nat.Code != "D" {
		authority = pick(r, []string{"MINISTRY OF FOREIGN AFFAIRS", "MINISTRY OF INTERIOR", "CONSULATE GENERAL", "EMBASSY IN BERLIN", "GENERAL DIRECTORATE OF MIGRATION"})
	}
	switch layout {
	case 0:
		g.e.Template = "passport/de-trilingual"
		b.title(pick(r, []string{"BUNDESREPUBLIK DEUTSCHLAND", "BUNDESREPUBLIK DEUTSCHLAND · FEDERAL REPUBLIC OF GERMANY"}))
		if r.chance(0.6) {
			b.centered("FEDERAL REPUBLIC OF GERMANY · RÉPUBLIQUE FÉDÉRALE D'ALLEMAGNE", false)
		}
		b.centered(pick(r, []string{"REISEPASS / PASSPORT / PASSEPORT", "REISEPASS PASSPORT PASSEPORT"}), true)
		b.gap()
		b.field("Typ/Type/Type", "P")
		b.field("Kode/Code/Code", "D")
		b.field("Pass-Nr./Passport No./Passeport N°", in.Number)
		b.field("1. Name/Surname/Nom", upperName(p.Surname))
		b.field("2. Vornamen/Given names/Prénoms", upperName(p.Given))
		b.field("3. Geburtstag/Date of birth/Date de naissance", passportDate(r, p.Birth))
		b.field("4. Staatsangehörigkeit/Nationality/Nationalité", "DEUTSCH")
		b.field("5. Geschlecht/Sex/Sexe", p.Sex)
		b.field("6. Geburtsort/Place of birth/Lieu de naissance", upperName(p.BirthPlace))
		b.field("7. Ausstellungsdatum/Date of issue/Date de délivrance", passportDate(r, issued))
		b.field("8. Gültig bis/Date of expiry/Date d'expiration", passportDate(r, expiry))
		b.field("9. Behörde/Authority/Autorité", upperName(authority))
	case 1, 2:
		g.e.Template = "passport/foreign-data-page"
		for i, h := range passportHeaders[p.Nat.Code] {
			if i == 0 {
				b.title(h)
			} else {
				b.centered(h, true)
			}
		}
		b.gap()
		type kv struct{ k, v string }
		fields := []kv{
			{pick(r, []string{"Type / Type", "Type"}), "P"},
			{pick(r, []string{"Code of issuing State / Code de l'État émetteur", "Country code", "Code"}), p.Nat.Code},
			{pick(r, []string{"Passport No. / N° du passeport", "Passport No.", "Document No."}), in.Number},
			{pick(r, []string{"Surname / Nom", "Surname", "Family name"}), upperName(p.Surname)},
			{pick(r, []string{"Given names / Prénoms", "Given name(s)", "Name"}), upperName(p.Given)},
			{pick(r, []string{"Nationality / Nationalité", "Nationality"}), strings.ToUpper(p.Nat.English)},
			{pick(r, []string{"Date of birth / Date de naissance", "Date of birth"}), passportDate(r, p.Birth)},
			{pick(r, []string{"Sex / Sexe", "Sex"}), p.Sex},
			{pick(r, []string{"Place of birth / Lieu de naissance", "Place of birth"}), upperName(p.BirthPlace)},
			{pick(r, []string{"Date of issue / Date de délivrance", "Date of issue"}), passportDate(r, issued)},
			{pick(r, []string{"Date of expiry / Date d'expiration", "Date of expiry", "Valid until"}), passportDate(r, expiry)},
			{pick(r, []string{"Authority / Autorité", "Issuing authority"}), authority},
		}
		if in.Personal != "" {
			fields = append(fields, kv{pick(r, []string{"Personal No.", "Personal No. / N° personnel", "National ID No."}), in.Personal})
		}
		// Data pages differ in order: move a few fields.
		for i := 0; i < 3; i++ {
			a, c := r.IntN(len(fields)), r.IntN(len(fields))
			fields[a], fields[c] = fields[c], fields[a]
		}
		for _, f := range fields {
			b.field(f.k, f.v)
		}
		if layout == 2 {
			b.gap()
			b.small(pick(r, []string{"This passport is the property of the Government and must be surrendered on request.",
				"The bearer of this passport is under the protection of the State.", "Signature of bearer / Signature du titulaire"}))
		}
	case 3:
		g.e.Template = "passport/certified-copy"
		b.d.header = pick(r, []string{"Kopie", "Beglaubigte Kopie", "Ablichtung"})
		for i, h := range passportHeaders[p.Nat.Code] {
			if i == 0 {
				b.heading(h)
			} else {
				b.plain(h)
			}
		}
		b.plain(fmt.Sprintf("P  %s  %s", p.Nat.Code, in.Number))
		b.plain(upperName(p.Surname))
		b.plain(upperName(p.Given))
		b.plain(strings.ToUpper(p.Nat.English) + "   " + passportDate(r, p.Birth) + "   " + p.Sex)
		b.plain(upperName(p.BirthPlace))
		b.plain(passportDate(r, issued) + "   " + passportDate(r, expiry))
	default:
		g.e.Template = "passport/scan-minimal"
		b.small(pick(r, []string{"Scan 1", "IMG_" + fmt.Sprint(r.between(1000, 9999)), "Passport scan", "Reisepass Seite 2"}))
		b.plain(upperName(p.Surname) + ", " + upperName(p.Given))
		b.plain(passportDate(r, p.Birth) + " " + upperName(p.BirthPlace))
		b.plain(in.Number)
	}
	b.gap()
	b.mrz(lines...)
	if layout == 3 {
		b.gap()
		b.text(fmt.Sprintf("Die Übereinstimmung dieser Ablichtung mit dem vorgelegten Original wird hiermit amtlich beglaubigt. %s, den %s",
			pick(r, cities).City, deDate(g.today.AddDate(0, 0, -r.between(5, 300)))))
		b.small("Siegel / Unterschrift")
	}
	g.e.Language = "mixed"
}

var titleKinds = []struct{ name, basis string }{
	{"AUFENTHALTSERLAUBNIS", "§ 18b Abs. 1 AufenthG"}, {"AUFENTHALTSERLAUBNIS", "§ 28 Abs. 1 Satz 1 Nr. 1 AufenthG"},
	{"AUFENTHALTSERLAUBNIS", "§ 16b Abs. 1 AufenthG"}, {"AUFENTHALTSERLAUBNIS", "§ 24 Abs. 1 AufenthG"},
	{"BLAUE KARTE EU", "§ 18g Abs. 1 AufenthG"}, {"NIEDERLASSUNGSERLAUBNIS", "§ 9 AufenthG"},
	{"NIEDERLASSUNGSERLAUBNIS", "§ 18c Abs. 2 AufenthG"}, {"ERLAUBNIS ZUM DAUERAUFENTHALT-EU", "§ 9a AufenthG"},
	{"AUFENTHALTSERLAUBNIS", "§ 20a AufenthG"},
}

// specimenSerials are the blacklisted eAT specimen numbers of § 4.7.
var specimenSerials = []string{"Y701001V3", "Y70101V03", "Y701001V1"}

// tmplResidencePermit is the German eAT (TD1) front and back, or its
// supplementary sheet without an MRZ.
func tmplResidencePermit(g *genCtx) {
	r, b := g.r, g.b
	p := g.self(true)
	kind := pick(r, titleKinds)
	issued := r.date(g.today.AddDate(-4, 0, 0), g.today.AddDate(0, 0, -20))
	expiry := issued.AddDate(r.between(1, 4), 0, 0)
	ausl := "Ausländerbehörde " + pick(r, cities).City
	if r.IntN(6) == 0 {
		g.e.Template = "residence_permit/zusatzblatt"
		b.title(pick(r, []string{"Zusatzblatt zum Aufenthaltstitel", "Zusatzblatt", "ZUSATZBLATT zum elektronischen Aufenthaltstitel"}))
		b.field("Name, Vorname", p.Surname+", "+p.Given)
		b.field("Geburtsdatum", deDate(p.Birth))
		b.field("Aufenthaltstitel Nr.", randomChars(r, germanDocAlphabet, 9))
		b.heading("Nebenbestimmungen")
		b.text(pick(r, []string{
			"Beschäftigung nur als Softwareentwickler/in bei der " + pick(r, companies) + " gestattet. Selbständige Tätigkeit nicht gestattet.",
			"Erwerbstätigkeit gestattet.", "Wohnsitzauflage: Wohnsitznahme im Land Brandenburg.",
			"Studium an der " + pick(r, universities[:5]).Name + ". Beschäftigung bis 140 ganze Tage oder 280 halbe Tage im Jahr sowie studentische Nebentätigkeit erlaubt.",
			"Erlischt mit Beendigung des Beschäftigungsverhältnisses. Wechsel des Arbeitgebers nur mit Zustimmung der Ausländerbehörde."}))
		b.field("Gültig bis", deDate(expiry))
		b.gap()
		b.plain(ausl + ", " + deDate(issued))
		b.small("Im Auftrag – Siegel")
		g.e.Language = "de"
		return
	}
	number := randomChars(r, germanDocAlphabet, 9)
	if g.variant%97 == 3 { // about one in a hundred: a specimen card
		number = pick(r, specimenSerials[:1])
		g.e.Specimen = true
	}
	in := mrzInput{Code: "AR", Issuing: "D", Surname: p.Surname, Given: p.Given, Number: number,
		Nationality: p.Nat.Code, Birth: yymmdd(p.Birth), Sex: p.Sex, Expiry: yymmdd(expiry)}
	l := td1(in)
	lines := g.setMRZ(l[:])
	can := randomChars(r, digits, 6)
	if r.chance(0.5) {
		g.e.Template = "residence_permit/eat-card"
		b.title("AUFENTHALTSTITEL")
		b.centered("BUNDESREPUBLIK DEUTSCHLAND", true)
		b.rightText(number)
		b.field("NAME", upperName(p.Surname))
		b.field("VORNAMEN", upperName(p.Given))
		b.field("GÜLTIG BIS", deDate(expiry))
		b.field("ART DES TITELS", kind.name)
		b.field("ANMERKUNGEN", kind.basis+pick(r, []string{"", " · Erwerbstätigkeit gestattet", " · Beschäftigung nur gemäß Zusatzblatt"}))
		b.field("ZUGANGSNUMMER", can)
		if r.chance(0.5) {
			b.pageBreak()
		} else {
			b.rule()
		}
		b.field("GEBURTSTAG", deDate(p.Birth))
		b.field("GEBURTSORT", upperName(p.BirthPlace))
		b.field("STAATSANGEHÖRIGKEIT", p.Nat.Code)
		b.field("GESCHLECHT", p.Sex)
		b.field("ANSCHRIFT", strings.ToUpper(p.Address.Line()))
		b.field("AUSSTELLENDE BEHÖRDE", upperName(ausl))
		b.field("AUSSTELLUNGSDATUM", deDate(issued))
		b.gap()
		b.mrz(lines...)
	} else {
		g.e.Template = "residence_permit/eat-copy"
		b.heading(pick(r, []string{"Aufenthaltstitel – Vorder- und Rückseite", "Kopie Aufenthaltstitel", "eAT Vorderseite / Rückseite", "Residence permit (copy)"}))
		b.small("Vorderseite")
		b.plain("BUNDESREPUBLIK DEUTSCHLAND   AUFENTHALTSTITEL   " + number)
		b.plain("Name: " + upperName(p.Surname) + "   Vornamen: " + upperName(p.Given))
		b.plain("Art des Titels: " + kind.name + "   Gültig bis: " + deDate(expiry))
		b.plain("Anmerkungen: " + kind.basis)
		b.small("Rückseite")
		b.plain("Geburtstag " + deDate(p.Birth) + "   Staatsangehörigkeit " + p.Nat.Code + "   Geschlecht " + p.Sex)
		b.plain("Anschrift " + p.Address.Line())
		b.plain(ausl + "   " + deDate(issued))
		b.gap()
		b.mrz(lines...)
	}
	g.e.Language = "de"
}
