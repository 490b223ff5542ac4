package form

import (
	"sort"
	"sync"

	"golang.org/x/text/language"
)

// Stateless and Unknown are the ICAO codes for people without a
// nationality and with an unclarified one.
const (
	Stateless = "XXA"
	Unknown   = "XXX"
)

var (
	countriesOnce sync.Once
	countries     []string
	countrySet    map[string]bool
)

// Countries lists the ISO 3166-1 alpha-3 codes of the countries that
// golang.org/x/text knows (which also names them in every language), then
// XXA and XXX.
func Countries() []string {
	countriesOnce.Do(func() {
		countrySet = map[string]bool{}
		for a := 'A'; a <= 'Z'; a++ {
			for b := 'A'; b <= 'Z'; b++ {
				r, err := language.ParseRegion(string([]rune{a, b}))
				if err != nil || !r.IsCountry() || r.String() != string([]rune{a, b}) {
					continue
				}
				iso3 := r.ISO3()
				if len(iso3) != 3 || countrySet[iso3] || iso3 == "ZZZ" {
					continue
				}
				countrySet[iso3] = true
				countries = append(countries, iso3)
			}
		}
		sort.Strings(countries)
		for _, c := range []string{Stateless, Unknown} {
			countries = append(countries, c)
			countrySet[c] = true
		}
	})
	return countries
}

// IsCountry reports whether code is one of Countries.
func IsCountry(code string) bool {
	Countries()
	return countrySet[code]
}

// Region returns the x/text region of a code, for its name; ok is false
// for XXA and XXX, whose names come from the message catalogue.
func Region(code string) (language.Region, bool) {
	if code == Stateless || code == Unknown {
		return language.Region{}, false
	}
	r, err := language.ParseRegion(code)
	return r, err == nil
}
