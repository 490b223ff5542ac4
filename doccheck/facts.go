package doccheck

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// readFacts reads the values the checklist can use, conservatively: a
// value is taken only where the wording leaves no doubt, because a "met"
// that is wrong is worse than no pre-assessment at all.
func readFacts(r *Report) {
	f := &Facts{}
	switch r.Category {
	case "language_certificate":
		f.LanguageLevel = languageLevel(r.Text)
	case "citizenship_test_certificate":
		f.TestPoints = testPoints(r.Text)
	case "employment_contract":
		f.AnnualSalaryEUR, f.SalaryBasis = annualSalary(r.Text)
	}
	if f.LanguageLevel != "" || f.AnnualSalaryEUR > 0 || f.TestPoints > 0 {
		r.Facts = f
	}
}

var (
	levelRe = regexp.MustCompile(`\b([ABC][12])\b`)
	// The level next to the result is the strongest evidence, next to a
	// level word or the exam's name the second.
	resultLevel = regexp.MustCompile(`(?i)(gesamtergebnis|ergebnis|erreichte[sn]?\s+(sprach)?niveau|abschlussniveau|result)\W{0,20}(?:(?:stufe|niveau|level|sprachniveau|ger)\W{0,5})?([ABC][12])\b`)
	namedLevel  = regexp.MustCompile(`(?i)(niveau|stufe|level|zertifikat deutsch|goethe-zertifikat|telc deutsch)\W{0,20}(?:(?:stufe|niveau|level|sprachniveau|ger)\W{0,5})?([ABC][12])\b`)
	failedRe    = regexp.MustCompile(`(?i)nicht\s+bestanden|not\s+passed|failed|nicht\s+erreicht`)
	// germanExam and otherExam tell which language a certificate tests:
	// only German counts for naturalisation, and an IELTS "CEFR Level B1"
	// is not German B1.
	germanExam = regexp.MustCompile(`(?i)deutsch|\bgerman\b|goethe-zertifikat|\btestdaf\b|\bösd\b|\bdtz\b|integrationskurs`)
	otherExam  = regexp.MustCompile(`(?i)\bielts\b|\btoefl\b|cambridge|\benglish\b|\benglisch\b|\bfrançais\b|\bdelf\b|\bdele\b`)
)

// languageLevel is the CEFR level a certificate states: the only level it
// names, or the one next to "Gesamtergebnis"/"Niveau"/the exam's name when
// it names several. A certificate that says "nicht bestanden" states none.
func languageLevel(text string) string {
	if failedRe.MatchString(text) || !germanExam.MatchString(text) || otherExam.MatchString(text) {
		return ""
	}
	levels := map[string]bool{}
	for _, m := range levelRe.FindAllStringSubmatch(text, -1) {
		levels[m[1]] = true
	}
	if len(levels) == 1 {
		for l := range levels {
			return l
		}
	}
	for _, re := range []*regexp.Regexp{resultLevel, namedLevel} {
		found := map[string]bool{}
		for _, m := range re.FindAllStringSubmatch(text, -1) {
			found[strings.ToUpper(m[len(m)-1])] = true
		}
		if len(found) == 1 {
			for l := range found {
				return l
			}
		}
		if len(found) > 1 {
			return ""
		}
	}
	return ""
}

var (
	annualRe    = regexp.MustCompile(`(?i)(brutto)?jahres(brutto)?(geh?al+t|vergütung|entgelt|einkommen)|jährliche[sn]? bruttogehalt|jährliche[sn]? (brutto)?vergütung|annual (gross )?(salary|remuneration)|gross annual salary`)
	yearlyRe    = regexp.MustCompile(`(?i)(vergütung|gehalt|salary|remuneration)[^\n]{0,40}?(\d{1,3}(?:[.,' ]\d{3})+|\d{4,7})(?:[.,](\d{2}))?\s*(?:EUR|€|Euro)?[^.\n]{0,20}(jährlich|im jahr|pro jahr|per year|per annum|a year)`)
	monthlyRe   = regexp.MustCompile(`(?i)(brutto)?monats(brutto)?gehalt|monatliche[sn]? (brutto)?(gehalt|vergütung|entgelt)|(gross )?monthly (gross )?salary`)
	hourlyRe    = regexp.MustCompile(`(?i)stundenlohn|hourly (wage|rate|pay)`)
	smallAmtRe  = regexp.MustCompile(`(\d{1,3})[.,](\d{2})\b`)
	hoursRe     = regexp.MustCompile(`(?i)(\d{1,2}(?:[.,]\d)?)\s*(wochen)?(stunden|hours)`)
	countRe     = regexp.MustCompile(`(?i)\b(1[34])\.\s*monatsgehalt|\b(12|13|14|twelve|thirteen|fourteen)\s+(salaries|monthly (instalments|installments|payments)|equal monthly|gehälter|monatsgehälter)`)
	amountRe    = regexp.MustCompile(`(?:EUR|€)?\s*(\d{1,3}(?:[.,' ]\d{3})+|\d{4,7})(?:[.,](\d{2}))?\s*(?:EUR|€|Euro)?`)
	currencyR   = regexp.MustCompile(`(?i)EUR|€|Euro`)
	germanMoney = regexp.MustCompile(`\d{1,3}(\.\d{3})+,\d{2}`)
)

// annualSalary is the gross annual salary an employment contract states,
// or that follows from what it states without assumptions of ours: an
// annual amount; a monthly amount times the payments a year the contract
// names (12 where it names no 13th or 14th salary, the legal default); an
// hourly wage times the weekly hours it names times 52 weeks. basis says
// how it was read; 0 when the contract states none of these.
func annualSalary(text string) (float64, string) {
	for _, loc := range annualRe.FindAllStringIndex(text, -1) {
		if v, ok := amountAfter(text, loc[1], 80); ok {
			return v, "annual"
		}
	}
	for _, loc := range monthlyRe.FindAllStringIndex(text, -1) {
		if v, ok := amountAfter(text, loc[1], 60); ok && v < 100_000 {
			n := 12.0
			if m := countRe.FindStringSubmatch(text); m != nil {
				n = map[string]float64{"13": 13, "14": 14, "12": 12, "twelve": 12, "thirteen": 13, "fourteen": 14}[strings.ToLower(m[1]+m[2])]
			}
			return round2(v * n), fmt.Sprintf("monthly×%g", n)
		}
	}
	if m := yearlyRe.FindStringSubmatch(text); m != nil {
		if v, ok := parseAmount(m[2], m[3]); ok {
			return v, "annual"
		}
	}
	if loc := hourlyRe.FindStringIndex(text); loc != nil {
		window := text[loc[1]:min(len(text), loc[1]+60)]
		am := smallAmtRe.FindStringSubmatch(window)
		hm := hoursRe.FindStringSubmatch(text[loc[1]:min(len(text), loc[1]+250)])
		if am != nil && hm != nil {
			wage, _ := strconv.ParseFloat(am[1]+"."+am[2], 64)
			hours, _ := strconv.ParseFloat(strings.ReplaceAll(hm[1], ",", "."), 64)
			if wage > 0 && hours > 0 && hours <= 60 {
				return round2(wage * hours * 52), fmt.Sprintf("hourly×%g h×52", hours)
			}
		}
	}
	return 0, ""
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

// amountAfter reads a euro amount within n characters after position i.
func amountAfter(text string, i, n int) (float64, bool) {
	window := text[i:min(len(text), i+n)]
	m := amountRe.FindStringSubmatchIndex(window)
	if m == nil {
		return 0, false
	}
	// A currency next to it, or the German money format with cents
	// ("33.600,00") right after the word: then it is euros.
	if !currencyR.MatchString(window[:min(len(window), m[1]+6)]) && !germanMoney.MatchString(window[m[0]:m[1]]) {
		return 0, false
	}
	cents := ""
	if m[4] >= 0 {
		cents = window[m[4]:m[5]]
	}
	return parseAmount(window[m[2]:m[3]], cents)
}

func parseAmount(whole, cents string) (float64, bool) {
	whole = strings.NewReplacer(".", "", ",", "", "'", "", " ", "").Replace(whole)
	v, err := strconv.ParseFloat(whole, 64)
	if err != nil || v < 1000 || v > 10_000_000 {
		return 0, false
	}
	if cents != "" {
		c, _ := strconv.ParseFloat(cents, 64)
		v += c / 100
	}
	return v, true
}

var (
	pointsRe     = regexp.MustCompile(`(?i)\b(\d{1,2})\s*(?:von|of|/)\s*33\b`)
	pointsLateRe = regexp.MustCompile(`(?i)von\s*33\s*fragen\s*wurden\s*(\d{1,2})\s*richtig|of\s*33\s*questions,?\s*(\d{1,2})\s*(?:were\s*)?answered`)
)

// testPoints is the score of the Einbürgerungstest (or the test "Leben in
// Deutschland") out of 33, when the certificate states exactly one.
func testPoints(text string) int {
	found := map[int]bool{}
	for _, re := range []*regexp.Regexp{pointsRe, pointsLateRe} {
		for _, m := range re.FindAllStringSubmatch(text, -1) {
			digits := strings.Join(m[1:], "")
			if n, err := strconv.Atoi(digits); err == nil && n <= 33 {
				found[n] = true
			}
		}
	}
	if len(found) != 1 {
		return 0
	}
	for n := range found {
		return n
	}
	return 0
}
