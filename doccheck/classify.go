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
	cueOf("passport", 4, "Reisepass", `\breisepass\b`),
	cueOf("passport", 3, "Passport", `\bpass(port|eport|aporte)\b`),
	cueOf("passport", 1, "Passnummer", `pass(nummer|-nr)|passport no`),
	cueOf("passport", 1, "Behörde/Authority", `\bauthority\b|ausstellende behörde`),

	cueOf("residence_permit", 4, "Aufenthaltstitel", `aufenthaltstitel|residence permit|titre de séjour`),
	cueOf("residence_permit", 3, "Aufenthalts-/Niederlassungserlaubnis", `aufenthaltserlaubnis|niederlassungserlaubnis|daueraufenthalt|blaue karte eu|eu blue card`),
	cueOf("residence_permit", 1, "Anmerkungen/Remarks", `\banmerkungen\b|\bremarks\b`),

	cueOf("birth_certificate", 5, "Geburtsurkunde", `geburtsurkunde|birth certificate|auszug aus dem geburtenregister|geburtseintrag`),
	cueOf("birth_certificate", 1, "geboren/Eltern", `\beltern\b|\bmutter\b|\bvater\b|\bparents\b`),
	cueOf("birth_certificate", 1, "Geburtenregister", `geburtenregister|geburtsregister`),

	cueOf("marriage_certificate", 5, "Eheurkunde", `eheurkunde|heiratsurkunde|marriage certificate|auszug aus dem eheregister`),
	cueOf("marriage_certificate", 2, "Eheschließung", `eheschlie(ß|ss)ung|die ehe (wurde )?geschlossen|married|ehegatten`),
	cueOf("marriage_certificate", 1, "Eheregister", `eheregister|heiratsregister`),

	cueOf("language_certificate", 4, "Sprachzertifikat", `zertifikat deutsch|goethe-zertifikat|deutsch-test für zuwanderer|\btestdaf\b|\bösd\b|telc deutsch|sprachzertifikat|language certificate`),
	cueOf("language_certificate", 2, "GER-Niveau", `(niveau|stufe|level)\s*(a1|a2|b1|b2|c1|c2)\b|gemeinsamen? europäischen referenzrahmen|\bcefr\b`),
	cueOf("language_certificate", 1, "Prüfungsteile", `hörverstehen|leseverstehen|hören|lesen|schreiben|sprechen`),

	cueOf("citizenship_test_certificate", 5, "Einbürgerungstest", `einbürgerungstest|einbuergerungstest`),
	cueOf("citizenship_test_certificate", 3, "Test Leben in Deutschland", `test „?leben in deutschland“?|leben in deutschland`),
	cueOf("citizenship_test_certificate", 2, "von 33 Fragen", `von\s*33\s*(fragen|punkten)|of 33 questions|/\s*33\b`),

	cueOf("payslip", 5, "Entgeltabrechnung", `(lohn|gehalts|entgelt|verdienst|bezüge)-?\s*(und gehalts)?abrechnung|abrechnung der brutto|payslip|pay slip|salary statement`),
	cueOf("payslip", 2, "Auszahlungsbetrag", `auszahlung(sbetrag)?|überweisungsbetrag|net pay`),
	cueOf("payslip", 1, "Lohnsteuer/Sozialversicherung", `lohnsteuer|solidaritätszuschlag|kv-beitrag|rv-beitrag|sozialversicherung`),
	cueOf("payslip", 1, "Brutto/Netto", `\bbrutto\b|\bnetto\b|gross pay`),
	cueOf("payslip", 1, "Abrechnungsmonat", `abrechnungs(monat|zeitraum)|pay period`),

	cueOf("employment_contract", 5, "Arbeitsvertrag", `arbeitsvertrag|anstellungsvertrag|dienstvertrag|employment contract|contract of employment`),
	cueOf("employment_contract", 2, "Arbeitgeber und Arbeitnehmer", `arbeitnehmer(in)?\b|\bemployee\b`),
	cueOf("employment_contract", 1, "Probezeit/Kündigung", `probezeit|kündigungsfrist|probation|notice period`),
	cueOf("employment_contract", 1, "Urlaub", `urlaubs(anspruch|tage)|arbeitstage urlaub|annual leave`),
	cueOf("employment_contract", 1, "Jahresgehalt", `jahres(brutto)?gehalt|bruttojahres|annual (gross )?salary`),

	cueOf("rental_contract", 5, "Mietvertrag", `mietvertrag|wohnraummietvertrag|tenancy agreement|rental agreement|lease agreement`),
	cueOf("rental_contract", 2, "Vermieter/Mieter", `\bvermieter(in)?\b|\blandlord\b`),
	cueOf("rental_contract", 1, "Miete", `kaltmiete|nettokaltmiete|grundmiete|nebenkosten|betriebskosten|\bkaution\b|\brent\b`),
	cueOf("rental_contract", 1, "Mietsache", `mietsache|mieträume|wohnfläche|living space`),

	cueOf("health_insurance", 5, "Versicherungsbestätigung", `versicherungsbestätigung|mitgliedsbescheinigung|krankenversicherungsnachweis|bescheinigung über (die )?(mitgliedschaft|versicherung)|certificate of (health )?insurance`),
	cueOf("health_insurance", 3, "Krankenversicherung", `krankenversicherung|krankenkasse|health insurance|\baok\b|techniker krankenkasse|\bbarmer\b|\bdak\b`),
	cueOf("health_insurance", 1, "Versichertennummer", `versicherten-?nummer|versichert seit|insured since|krankenversichertennummer`),

	cueOf("degree", 4, "Hochschulabschluss", `bachelor of|master of|diplom-|diplomzeugnis|bachelorzeugnis|masterzeugnis|akademischen grad|degree certificate|doctor of`),
	cueOf("degree", 2, "Hochschule", `universität|hochschule|university|fachhochschule|technische universität`),
	cueOf("degree", 1, "Abschlussnote", `gesamtnote|abschlussnote|final grade|mit dem prädikat|studiengang|course of study`),
}

// classify picks the category with the most evidence and says which cues
// decided. Too little evidence is "other".
func (c *Checker) classify(r *Report) {
	scores := map[string]float64{}
	found := map[string][]string{}
	text := r.Text
	for _, q := range cues {
		if q.re.MatchString(text) {
			scores[q.category] += q.weight
			found[q.category] = append(found[q.category], fmt.Sprintf("%s (+%g)", q.label, q.weight))
		}
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
