package rules

import (
	"errors"
	"strings"
	"testing"
)

func TestLawLoads(t *testing.T) {
	law, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range law.Catalogue() {
		if p.Tag == "U" && p.Verified == "" {
			t.Errorf("%s from %s is tagged U without a record of what was verified", p.ID, p.From)
		}
	}
}

func TestParamAt(t *testing.T) {
	law, _ := Load()
	if _, _, err := law.NatSpecialRoute.At(MustDate("2025-10-29")); err != nil {
		t.Fatal(err)
	}
	r, _, _ := law.NatSpecialRoute.At(MustDate("2025-10-29"))
	if r == nil || r.ResidenceYears != 3 {
		t.Fatalf("special route on its last day: %+v", r)
	}
	if r, _, _ := law.NatSpecialRoute.At(MustDate("2025-10-30")); r != nil {
		t.Fatal("special route after its repeal")
	}
	_, _, err := law.NatResidenceYears.At(MustDate("2020-01-01"))
	var nv *NoValueError
	if !errors.As(err, &nv) || nv.Param != "nat.residence_years" {
		t.Fatalf("date before the data: %v", err)
	}
	_, p, err := law.VEGarnishment.At(MustDate("2026-09-01"))
	if err != nil || p.Estimate == "" {
		t.Fatalf("2026/27 garnishment table must be marked as an estimate: %v %+v", err, p)
	}
}

func TestParseRefusesBadData(t *testing.T) {
	good := string(lawJSON)
	for name, mutate := range map[string]func(string) string{
		"missing": func(s string) string { return strings.Replace(s, `"ve.fee"`, `"ve.feex"`, 1) },
		"overlap": func(s string) string {
			return strings.Replace(s, `"valid_from": "2024-07-01", "valid_to": "2025-06-30"`, `"valid_from": "2024-06-01", "valid_to": "2025-06-30"`, 1)
		},
		"no tag":   func(s string) string { return strings.Replace(s, `"tag": "V"}`, `"tag": "X"}`, 1) },
		"bad date": func(s string) string { return strings.Replace(s, `"2024-06-27"`, `"2024-02-30"`, 1) },
	} {
		if _, err := Parse([]byte(mutate(good))); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestDates(t *testing.T) {
	for _, bad := range []string{"2026-02-30", "2026-2-3", "26-01-01", "2026-01-01T00:00:00Z", "", "heute"} {
		if _, err := ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) accepted", bad)
		}
	}
	cases := []struct {
		from, to string
		want     int
	}{
		{"2020-06-27", "2025-06-26", 4}, {"2020-06-27", "2025-06-27", 5}, {"2020-02-29", "2025-02-28", 4},
		{"2020-02-29", "2025-03-01", 5}, {"2025-01-01", "2024-01-01", 0},
	}
	for _, c := range cases {
		if got := FullYears(MustDate(c.from), MustDate(c.to)); got != c.want {
			t.Errorf("FullYears(%s, %s) = %d, want %d", c.from, c.to, got, c.want)
		}
	}
}
