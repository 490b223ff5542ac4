package rules

import (
	"errors"
	"strings"
	"testing"
)

// Fee suggestions with the vectors of spec/law-and-standards.md: § 1.7
// (255 EUR per adult, 51 EUR per co-naturalised minor), § 2.7 (residence
// titles) and VE-10 (29 EUR per obligor). Amounts are cents.
func TestSuggestFee(t *testing.T) {
	l := law(t)
	d := MustDate("2026-11-22")
	adult, child := MustDate("1985-03-01"), MustDate("2015-06-01")
	turns18 := MustDate("2008-11-22") // 18 on d: pays the full fee
	cases := []struct {
		name  string
		facts FeeFacts
		total int64
		items string
	}{
		{"naturalisation alone", FeeFacts{Service: "einbuergerung", Persons: []FeePerson{{Role: "applicant", Birth: adult}}}, 25500, "nat_adult×1"},
		{"with spouse and two minors", FeeFacts{Service: "einbuergerung", Persons: []FeePerson{{Role: "applicant", Birth: adult},
			{Role: "co_applicant", Birth: adult}, {Role: "co_applicant", Birth: child}, {Role: "co_applicant", Birth: child}}}, 25500*2 + 5100*2, "nat_adult×2 nat_minor×2"},
		{"child turning 18 on the decision day", FeeFacts{Service: "einbuergerung", Persons: []FeePerson{{Role: "applicant", Birth: adult},
			{Role: "co_applicant", Birth: turns18}}}, 51000, "nat_adult×2"},
		{"co-applicant without birth date", FeeFacts{Service: "einbuergerung", Persons: []FeePerson{{Role: "applicant"}, {Role: "co_applicant"}}}, 51000, "nat_adult×2"},
		{"no persons recorded", FeeFacts{Service: "einbuergerung"}, 25500, "nat_adult×1"},
		{"Blue Card", FeeFacts{Service: "aufenthaltstitel", Basis: "18g"}, 10000, "residence_permit×1"},
		{"extension", FeeFacts{Service: "aufenthaltstitel", Basis: "18b", Extension: true}, 9300, "residence_permit_extension×1"},
		{"settlement permit", FeeFacts{Service: "aufenthaltstitel", Basis: "18c"}, 11300, "settlement_permit×1"},
		{"VE one obligor, two guests", FeeFacts{Service: "verpflichtungserklaerung", Persons: []FeePerson{{Role: "obligor"}, {Role: "guest"}, {Role: "guest"}}}, 2900, "ve×1"},
		{"VE two obligors", FeeFacts{Service: "verpflichtungserklaerung", Persons: []FeePerson{{Role: "obligor"}, {Role: "obligor"}}}, 5800, "ve×2"},
	}
	for _, c := range cases {
		s, err := l.SuggestFee(c.facts, d)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		var items []string
		var sum int64
		for _, it := range s.Items {
			items = append(items, it.ID+"×"+string(rune('0'+it.Count)))
			sum += it.Cents
		}
		if s.TotalCents != c.total || sum != c.total || strings.Join(items, " ") != c.items || len(s.Sources) == 0 {
			t.Errorf("%s: %d cents %v (sources %v), want %d %s", c.name, s.TotalCents, items, s.Sources, c.total, c.items)
		}
	}
	if _, err := l.SuggestFee(FeeFacts{Service: "einbuergerung"}, MustDate("2020-01-01")); !errors.As(err, new(*NoValueError)) {
		t.Errorf("a date before the data: %v", err)
	}
	if _, err := l.SuggestFee(FeeFacts{Service: "hundesteuer"}, d); err == nil {
		t.Error("unknown service accepted")
	}
}

// The Rechtsbehelf per Land: Klage in Nordrhein-Westfalen, Widerspruch in
// Brandenburg, and no answer (never a guess) for a Land without a row.
func TestRemedy(t *testing.T) {
	l := law(t)
	d := MustDate("2026-11-22")
	for _, c := range []struct {
		land, service string
		want          RemedyKind
	}{
		{"NW", "einbuergerung", Klage}, {"NW", "aufenthaltstitel", Klage}, {"NW", "verpflichtungserklaerung", Klage},
		{"BB", "einbuergerung", Widerspruch}, {"BB", "aufenthaltstitel", Widerspruch}, {"BB", "verpflichtungserklaerung", Widerspruch},
	} {
		k, row, err := l.Remedy(c.land, c.service, d)
		if err != nil || k != c.want || row.Citation == "" {
			t.Errorf("%s %s: %q %v, want %q", c.land, c.service, k, err, c.want)
		}
	}
	for _, c := range []struct{ land, service, date string }{
		{"SN", "einbuergerung", "2026-11-22"}, {"NW", "hundesteuer", "2026-11-22"}, {"NW", "einbuergerung", "2024-01-01"},
	} {
		var nv *NoValueError
		if _, _, err := l.Remedy(c.land, c.service, MustDate(c.date)); !errors.As(err, &nv) {
			t.Errorf("%s %s %s: %v, want a NoValueError", c.land, c.service, c.date, err)
		}
	}
}

func TestRemedyTableRefusesBadRows(t *testing.T) {
	row := func(extra string) string {
		return `[{"land": "NW", "valid_from": "2024-06-27", "kinds": {"einbuergerung": "klage"}, "source": "x", "tag": "S"` + extra + `}]`
	}
	for name, data := range map[string]string{
		"unknown kind":  `[{"land": "NW", "valid_from": "2024-06-27", "kinds": {"einbuergerung": "beschwerde"}, "source": "x", "tag": "S"}]`,
		"no source":     `[{"land": "NW", "valid_from": "2024-06-27", "kinds": {"einbuergerung": "klage"}, "tag": "S"}]`,
		"U unverified":  `[{"land": "NW", "valid_from": "2024-06-27", "kinds": {"einbuergerung": "klage"}, "source": "x", "tag": "U"}]`,
		"no start":      `[{"land": "NW", "kinds": {"einbuergerung": "klage"}, "source": "x", "tag": "S"}]`,
		"bad land":      `[{"land": "NRW", "valid_from": "2024-06-27", "kinds": {"einbuergerung": "klage"}, "source": "x", "tag": "S"}]`,
		"overlap":       strings.TrimSuffix(row(`, "valid_to": "2025-12-31"`), "]") + "," + strings.TrimPrefix(row(""), "["),
		"unknown field": row(`, "court": "VG"`),
	} {
		var tb RemedyTable
		if err := tb.UnmarshalJSON([]byte(data)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	var tb RemedyTable
	if err := tb.UnmarshalJSON([]byte(row(""))); err != nil {
		t.Errorf("a good row: %v", err)
	}
}
