package rules

import "testing"

// BenchmarkNaturalisation is the in-process cost of one naturalisation
// check with every fact given (target: ≤ 20 µs, ≤ 50 allocations).
func BenchmarkNaturalisation(b *testing.B) {
	l, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	f := NatFacts{
		BirthDate: ptr(MustDate("1985-03-01")), ResidenceStatus: ptr("aufenthaltserlaubnis"), ResidencePermitSection: ptr("18b"),
		ResidenceSince: ptr(MustDate("2019-05-01")), SpouseOfGerman: ptr(false), IdentityDocument: ptr("passport"),
		ReceivesBenefits: ptr(true), FullTimeEmployed: ptr(true), FullTimeMonthsLast24: ptr(22), GermanLevel: ptr("B2"),
		CitizenshipTestPassed: ptr(true), Convictions: &[]Conviction{{Type: "fine", DailyRates: 30}},
		CommitsToConstitution: ptr(true), Polygamy: ptr(false),
	}
	d := MustDate("2026-11-22")
	b.ReportAllocs()
	for b.Loop() {
		if r := l.Naturalisation(f, d); r.Outcome != Eligible {
			b.Fatal(r.Outcome)
		}
	}
}
