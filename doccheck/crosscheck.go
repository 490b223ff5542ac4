package doccheck

import (
	"strings"
	"time"
	"unicode"

	"github.com/smd-oss/smd/names"
)

// Person is someone the application names, as far as a document can be
// compared with them.
type Person struct {
	GivenNames, Surname string
	BirthDate           time.Time // zero when unknown
	Nationality         string    // ICAO/ISO alpha-3, "" when unknown
}

// PersonMatch says whom of the application a document belongs to and how
// well the names agree.
type PersonMatch struct {
	// Person is the index in the people compared with.
	Person int         `json:"person"`
	Name   names.Match `json:"name"`
	// BirthDate and Nationality: "same", "differs" or "" (not compared).
	BirthDate   string `json:"birth_date,omitempty"`
	Nationality string `json:"nationality,omitempty"`
}

// levelRank orders name levels, best first.
var levelRank = map[names.Level]int{names.Exact: 0, names.Equivalent: 1, names.Similar: 2, names.Different: 3}

// CrossCheck compares a checked document with the application: an MRZ's
// name, birth date and nationality with its people, its expiry with the end
// of the intended stay (stayUntil; zero when the application names none);
// the name on a payslip. It adds findings to r and records the match. With
// no people it does nothing.
func CrossCheck(r *Report, people []Person, stayUntil time.Time) {
	if len(people) == 0 || !r.Accepted {
		return
	}
	if r.MRZ != nil {
		crossCheckMRZ(r, people)
		if !stayUntil.IsZero() && r.MRZ.ExpiryDate != "" && r.MRZ.ExpiryDate < stayUntil.Format(time.DateOnly) {
			r.add("mrz.expires_before_stay", Warning, "Das Dokument läuft laut MRZ am "+germanDate(r.MRZ.ExpiryDate)+
				" ab, vor dem Ende des beabsichtigten Aufenthalts am "+stayUntil.Format("02.01.2006")+".")
		}
	}
	if r.Category == "payslip" && r.Text != "" {
		if nameInText(r.Text, people[0]) {
			r.add("payslip.name_found", Info, "Der Name der antragstellenden Person steht auf der Abrechnung.")
		} else {
			r.add("payslip.name_missing", Warning, "Der Name der antragstellenden Person steht nicht auf der Abrechnung: bitte prüfen, wessen Abrechnung das ist.")
		}
	}
}

func crossCheckMRZ(r *Report, people []Person) {
	best, bestMatch := -1, names.Match{Level: names.Different}
	for i, p := range people {
		m := names.CompareMRZ(r.MRZ, names.Name{Surname: p.Surname, GivenNames: p.GivenNames})
		if best < 0 || levelRank[m.Level] < levelRank[bestMatch.Level] {
			best, bestMatch = i, m
		}
	}
	pm := &PersonMatch{Person: best, Name: bestMatch}
	r.Match = pm
	why := ""
	if len(bestMatch.Reasons) > 0 {
		why = " " + bestMatch.Reasons[0].Message
	}
	switch bestMatch.Level {
	case names.Exact, names.Equivalent:
		r.add("mrz.name_matches", Info, "Der Name in der MRZ passt zu einer Person des Antrags."+why)
	case names.Similar:
		r.add("mrz.name_similar", Warning, "Der Name in der MRZ ähnelt nur einer Person des Antrags."+why)
		return
	default:
		r.add("mrz.name_differs", Warning, "Der Name in der MRZ passt zu keiner Person des Antrags."+why)
		return
	}
	p := people[best]
	if !p.BirthDate.IsZero() && r.MRZ.BirthDate != "" {
		pm.BirthDate = "same"
		if r.MRZ.BirthDate != p.BirthDate.Format("2006-01-02") {
			pm.BirthDate = "differs"
			r.add("mrz.birth_date_differs", Warning, "Das Geburtsdatum in der MRZ ("+germanDate(r.MRZ.BirthDate)+") weicht vom Antrag ("+p.BirthDate.Format("02.01.2006")+") ab.")
		}
	}
	if p.Nationality != "" && r.MRZ.Nationality != "" {
		pm.Nationality = "same"
		if icao(r.MRZ.Nationality) != icao(p.Nationality) {
			pm.Nationality = "differs"
			r.add("mrz.nationality_differs", Warning, "Die Staatsangehörigkeit in der MRZ ("+r.MRZ.Nationality+") weicht vom Antrag ("+p.Nationality+") ab.")
		}
	}
}

// icao maps Germany's one-letter MRZ code to the alpha-3 code.
func icao(code string) string {
	if code == "D" {
		return "DEU"
	}
	return code
}

// nameInText reports whether the person's surname and one of the given
// names stand in the text as words, in the spelling of the application or
// transliterated as ICAO does (Müller or Mueller, Ștefănescu or
// Stefanescu, O'Brien or OBrien).
func nameInText(text string, p Person) bool {
	words := map[string]bool{}
	for _, w := range nameWords(text) {
		words[w] = true
	}
	has := func(name string) bool {
		parts := nameWords(name)
		for _, part := range parts {
			if !words[part] {
				return false
			}
		}
		return len(parts) > 0
	}
	if !has(p.Surname) {
		return false
	}
	for _, g := range strings.Fields(p.GivenNames) {
		if has(g) {
			return true
		}
	}
	return false
}

// nameWords splits text into words of letters (apostrophes dropped, so
// that O'Brien is one word) and spells each as the MRZ would.
func nameWords(text string) []string {
	text = strings.NewReplacer("'", "", "’", "", "`", "").Replace(text)
	var out []string
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if t, ok := names.Transliterate(w); ok && t != "" {
			out = append(out, strings.ReplaceAll(t, " ", ""))
		} else {
			out = append(out, strings.ToUpper(w))
		}
	}
	return out
}
