package doccheck

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// Categories are the document categories of interfaces.md.
var Categories = []string{"passport", "residence_permit", "birth_certificate", "marriage_certificate",
	"language_certificate", "citizenship_test_certificate", "payslip", "employment_contract",
	"rental_contract", "health_insurance", "degree", "other"}

// cue is a piece of evidence for a category: a pattern in the text and
// its weight. Strong cues (the document's own title) weigh 3 or more,
// words that also occur elsewhere 1.
type cue struct {
	category string
	label    string
	weight   float64
	re       *regexp.Regexp
}

func cueOf(category string, weight float64, label, pattern string) cue {
	return cue{category: category, label: label, weight: weight, re: regexp.MustCompile(`(?i)` + pattern)}
}

// cues are the classification's evidence, written from what the documents
// say about themselves and tuned on the evaluation corpus
// (docs/document-checks.md). The MRZ is the strongest cue and is added in
// classify.
var cues = []cue{
	// Documents about documents: leaflets and checklists of the authority
	// name every category and are none of them.
	cueOf("other", 9, "Merkblatt/Checkliste", `merkblatt|informationsblatt|checkliste|unterlagen für (den|die|das)|erforderliche unterlagen|welche unterlagen|required documents|which documents`),
	cueOf("other", 9, "Kündigung", `(?m)^\s*(kündigung|termination of|notice of termination)\b`),

	cueOf("passport", 5, "Reisepass", `\breisepass\b|^\s*pass\b`),
	cueOf("passport", 4, "Passport", `\bpass(port|eport|aporte|aport)\b`),
	cueOf("passport", 4, "MRZ-Zeile eines Passes", `(?m)^P[A-Z<][A-Z]{1,3}[A-Z<]*<<[A-Z<]{3,}\s*$`),
	cueOf("passport", 1, "Passnummer", `pass(nummer|-nr)|passport no|document no`),
	cueOf("passport", 1, "Behörde/Authority", `\bauthority\b|ausstellende behörde`),

	cueOf("residence_permit", 5, "Aufenthaltstitel", `aufenthaltstitel|residence permit|titre de séjour|zusatzblatt`),
	cueOf("residence_permit", 3, "Aufenthalts-/Niederlassungserlaubnis", `aufenthaltserlaubnis|niederlassungserlaubnis|daueraufenthalt|blaue karte eu|eu blue card`),
	cueOf("residence_permit", 4, "MRZ-Zeile eines Aufenthaltstitels", `(?m)^A[RS]D<<[A-Z0-9<]{20,}\s*$`),
	cueOf("residence_permit", 1, "Anmerkungen/Nebenbestimmungen", `\banmerkungen\b|\bremarks\b|nebenbestimmungen`),

	cueOf("birth_certificate", 5, "Geburtsurkunde", `geburtsurkunde|birth certificate|certificate of birth|auszug aus dem geburtenregister|geburtseintrag|personenstandsregister \(geburt\)|acte de naissance|extrait d.acte de naissance|register of births`),
	cueOf("birth_certificate", 2, "Eltern", `\beltern\b|\bmutter\b|\bvater\b|\bparents\b|\bmother\b|\bfather\b|name der mutter|name des vaters`),
	cueOf("birth_certificate", 2, "Geburtsort/when and where born", `geburtsort|when and where born|lieu de naissance|place of birth`),
	cueOf("birth_certificate", 1, "Geburtenregister", `geburtenregister|geburtsregister`),

	cueOf("marriage_certificate", 5, "Eheurkunde", `eheurkunde|heiratsurkunde|marriage certificate|entry of marriage|auszug aus dem eheregister|acte de mariage|familienbuch`),
	cueOf("marriage_certificate", 3, "Eheschließung", `eheschlie(ß|ss)ung|die\s+ehe\s+(wurde\s+)?geschlossen|ehe\s+geschlossen|united in marriage|ehegatten|ehenamen|date du mariage`),
	cueOf("marriage_certificate", 1, "Eheregister", `eheregister|heiratsregister|\bspouse|époux|epoux`),

	cueOf("language_certificate", 5, "Sprachzertifikat", `zertifikat deutsch|goethe-zertifikat|deutsch-test für zuwanderer|\btestdaf\b|\bösd\b|sprachdiplom|telc deutsch|sprachzertifikat|language certificate|\bielts\b|\btoefl\b|test report form`),
	cueOf("language_certificate", 3, "GER-Niveau", `(niveau|stufe|level)\s*(a1|a2|b1|b2|c1|c2)\b|nach dem ger\b|gemeinsamen? europäischen referenzrahmen|\bcefr\b`),
	cueOf("language_certificate", 1, "Prüfungsteile", `hörverstehen|leseverstehen|\bhören\b|\blesen\b|schreiben|sprechen|listening|reading|speaking`),

	cueOf("citizenship_test_certificate", 6, "Einbürgerungstest", `einbürgerungstest|einbuergerungstest|test zur einbürgerung`),
	cueOf("citizenship_test_certificate", 4, "Test Leben in Deutschland", `leben in deutschland`),
	cueOf("citizenship_test_certificate", 3, "von 33 Fragen", `von\s*33\s*(fragen|punkten)|of 33 questions|\d{1,2}\s*/\s*33\b`),

	cueOf("payslip", 5, "Entgeltabrechnung", `(lohn|gehalts|entgelt|verdienst|bezüge)-?\s*(und gehalts)?abrechnung|lohnzettel|abrechnung der brutto|payslip|pay slip|salary statement|earnings statement`),
	cueOf("payslip", 2, "Auszahlungsbetrag", `auszahlung(sbetrag)?|überweisungsbetrag|net pay|nettolohn|nettoverdienst|net salary`),
	cueOf("payslip", 2, "Lohnsteuer/Sozialversicherung", `lohnsteuer|solidaritätszuschlag|kv-beitrag|rv-beitrag|sozialversicherung|income tax|social security`),
	cueOf("payslip", 1, "Brutto/Netto", `\bbrutto(lohn|gehalt|bezüge)?\b|\bnetto\b|gross pay|gross salary`),
	cueOf("payslip", 1, "Abrechnungsmonat", `abrechnungs(monat|zeitraum)|pay period|personalnummer|employee no`),

	cueOf("employment_contract", 5, "Arbeitsvertrag", `arbeitsvertrag|anstellungsvertrag|dienstvertrag|employment (contract|agreement)|contract of employment|änderungsvertrag|nachtrag zum arbeitsvertrag`),
	cueOf("employment_contract", 2, "Arbeitgeber und Arbeitnehmer", `(?s)arbeitnehmer(in)?\b.*arbeitgeber|arbeitgeber.*arbeitnehmer(in)?\b|\bemployee\b.*\bemployer\b|\bemployer\b.*\bemployee\b`),
	cueOf("employment_contract", 1, "Probezeit/Kündigung", `probezeit|probation(ary)?|notice period`),
	cueOf("employment_contract", 1, "Urlaub", `urlaubs(anspruch|tage)|arbeitstage urlaub|annual leave|wochenarbeitszeit|working hours`),
	cueOf("employment_contract", 2, "Jahresgehalt", `jahres(brutto)?gehalt|bruttojahres|annual (gross )?salary|gross annual|gross monthly salary|monatliche[sn]? bruttogehalt`),

	cueOf("rental_contract", 5, "Mietvertrag", `mietvertrag|wohnraummietvertrag|untermiete|untermietvertrag|tenancy agreement|rental agreement|lease agreement`),
	cueOf("rental_contract", 2, "Vermieter/Mieter", `\b(haupt|unter)?mieter(in)?\b.*\bvermieter|\bvermieter(in)?\b.*\bmieter|\blandlord\b|\btenant\b`),
	cueOf("rental_contract", 1, "Miete", `kaltmiete|nettokaltmiete|grundmiete|nebenkosten|betriebskosten|\bkaution\b|\brent\b|miete \(warm\)|mietbeginn`),
	cueOf("rental_contract", 1, "Mietsache", `mietsache|mieträume|mietgegenstand|wohnfläche|living space`),

	cueOf("health_insurance", 5, "Versicherungsbestätigung", `versicherungsbestätigung|mitgliedsbescheinigung|krankenversicherungsnachweis|bescheinigung über (die )?(mitgliedschaft|versicherung)|certificate of (health )?insurance|proof of health insurance|insurance certificate`),
	cueOf("health_insurance", 3, "Krankenversicherung", `krankenversicherung|krankenkasse|health insurance|\baok\b|\bbkk\b|\bikk\b|techniker krankenkasse|\bbarmer\b|\bdak\b`),
	cueOf("health_insurance", 2, "versichert", `versichert (ist|seit)|pflichtmitglied|pflegeversicherung|versicherungsschutz|is insured|policy number`),
	cueOf("health_insurance", 1, "Versichertennummer", `versicherten-?nummer|krankenversichertennummer|insured since`),

	cueOf("degree", 5, "Hochschulabschluss", `bachelor of|master of|diplom-|diplomzeugnis|bachelorzeugnis|masterzeugnis|promotionsurkunde|akademischen grad|degree certificate|doctor of|diploma supplement|masterprüfung|bachelorprüfung|diplomprüfung`),
	cueOf("degree", 2, "Hochschule", `universität|hochschule|university|fachhochschule|college|institute of technology`),
	cueOf("degree", 2, "Abschlussnote", `gesamtnote|abschlussnote|final grade|mit dem prädikat|studiengang|course of study|dissertation|overall classification|den grad|the degree`),
}

// classify picks the category with the most evidence and says which cues
// decided. Too little evidence is "other".
func (c *Checker) classify(r *Report) {
	scores := map[string]float64{}
	found := map[string][]string{}
	text := r.Text
	head := headOf(text, 6)
	titled := map[string]bool{}
	for _, q := range cues {
		if q.weight >= 4 && q.category != "other" && q.re.MatchString(head) {
			titled[q.category] = true
		}
	}
	if len(titled) >= 3 {
		// A page that names three kinds of document at its top is a list
		// of documents (a leaflet, a cover letter), none of them.
		scores["other"] += 9
		found["other"] = append(found["other"], fmt.Sprintf("nennt %d Dokumentarten am Anfang (Liste oder Merkblatt) (+9)", len(titled)))
	}
	for _, q := range cues {
		w := q.weight
		switch {
		case q.weight >= 4 && q.re.MatchString(head):
			// A document names itself in its first lines.
		case q.re.MatchString(text):
			if q.weight >= 4 {
				// The same word further down is mentioned, not the title:
				// "bringen Sie Ihren Aufenthaltstitel mit".
				w = q.weight / 3
			}
		default:
			continue
		}
		scores[q.category] += w
		found[q.category] = append(found[q.category], fmt.Sprintf("%s (+%.3g)", q.label, w))
	}
	if code := mrzDocumentCode(r); code != "" {
		cat, label := "passport", "MRZ eines Reisepasses"
		if !strings.HasPrefix(code, "P") {
			cat, label = "residence_permit", "MRZ eines Aufenthaltstitels/Ausweises"
		}
		scores[cat] += 6
		found[cat] = append(found[cat], label+" (+6)")
	}
	type ranked struct {
		cat   string
		score float64
	}
	var list []ranked
	for k, v := range scores {
		list = append(list, ranked{k, v})
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].score != list[j].score {
			return list[i].score > list[j].score
		}
		return list[i].cat < list[j].cat
	})
	if len(list) == 0 || list[0].score < 3 {
		r.Category, r.Confidence = "other", 0.5
		r.Cues = []string{"keine ausreichenden Merkmale einer Kategorie"}
		return
	}
	top, second := list[0].score, 0.0
	if len(list) > 1 {
		second = list[1].score
	}
	r.Category = list[0].cat
	r.Cues = found[list[0].cat]
	// Confidence grows with the margin over the runner-up and with the
	// amount of evidence; it is a ranking aid, not a probability.
	conf := (top - second/2) / top * min(1, top/8)
	r.Confidence = float64(int(max(0.05, min(0.99, conf))*100+0.5)) / 100
}

// mrzDocumentCode is the document code of the MRZ found, "" without one.
func mrzDocumentCode(r *Report) string { return r.mrzCode }

// headOf is the first n non-empty lines of each page of text (pages are
// separated by form feeds): where documents name themselves, also behind a
// cover letter.
func headOf(text string, n int) string {
	var lines []string
	for _, page := range strings.Split(text, "\f") {
		k := 0
		for _, l := range strings.Split(page, "\n") {
			if strings.TrimSpace(l) != "" {
				lines = append(lines, l)
				if k++; k == n {
					break
				}
			}
		}
	}
	return strings.Join(lines, "\n")
}
