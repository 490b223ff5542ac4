package doccheck

import (
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
	case "employment_contract":
		f.AnnualSalaryEUR = annualSalary(r.Text)
	}
	if f.LanguageLevel != "" || f.AnnualSalaryEUR > 0 {
		r.Facts = f
	}
}

var (
	levelRe = regexp.MustCompile(`\b([ABC][12])\b`)
	// The level next to the result is the strongest evidence, next to a
	// level word or the exam's name the second.
	resultLevel = regexp.MustCompile(`(?i)(gesamtergebnis|ergebnis|erreichte[sn]?\s+(sprach)?niveau|abschlussniveau|result)\W{0,20}(?:(?:stufe|niveau|level|sprachniveau|ger)\W{0,5})?([ABC][12])\b`)
	namedLevel  = regexp.MustCompile(`(?i)(niveau|stufe|level|zertifikat deutsch|goethe-zertifikat|telc deutsch)\W{0,20}(?:(?:stufe|niveau|level|sprachniveau|ger)\W{0,5})?([ABC][12])\b`)
	failedRe    = regexp.MustCompile(`(?i)nicht bestanden|not passed|failed|nicht erreicht`)
)

// languageLevel is the CEFR level a certificate states: the only level it
// names, or the one next to "Gesamtergebnis"/"Niveau"/the exam's name when
// it names several. A certificate that says "nicht bestanden" states none.
func languageLevel(text string) string {
	if failedRe.MatchString(text) {
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
	annualRe  = regexp.MustCompile(`(?i)(brutto)?jahres(brutto)?(gehalt|vergütung|entgelt|einkommen)|jährliche[sn]? bruttogehalt|jährliche[sn]? (brutto)?vergütung|annual (gross )?(salary|remuneration)|gross annual salary`)
	amountRe  = regexp.MustCompile(`(?:EUR|€)?\s*(\d{1,3}(?:[.,' ]\d{3})+|\d{4,7})(?:[.,](\d{2}))?\s*(?:EUR|€|Euro)?`)
	currencyR = regexp.MustCompile(`(?i)EUR|€|Euro`)
)

// annualSalary is the gross annual salary an employment contract states
// explicitly ("Bruttojahresgehalt … 52.000,00 EUR"), 0 when it states none
// or only a monthly amount (which 12, 13 or 14 payments make yearly: not
// ours to guess).
func annualSalary(text string) float64 {
	for _, loc := range annualRe.FindAllStringIndex(text, -1) {
		window := text[loc[1]:min(len(text), loc[1]+80)]
		m := amountRe.FindStringSubmatchIndex(window)
		if m == nil || !currencyR.MatchString(window[:min(len(window), m[1]+6)]) {
			continue
		}
		whole := window[m[2]:m[3]]
		whole = strings.NewReplacer(".", "", ",", "", "'", "", " ", "").Replace(whole)
		v, err := strconv.ParseFloat(whole, 64)
		if err != nil || v < 1000 || v > 10_000_000 {
			continue
		}
		if m[4] >= 0 {
			cents, _ := strconv.ParseFloat(window[m[4]:m[5]], 64)
			v += cents / 100
		}
		return v
	}
	return 0
}
