package names

import (
	"testing"
	"unicode"
)

func TestTransliterate(t *testing.T) {
	for _, c := range []struct {
		in, want string
		ok       bool
	}{
		{"Müller", "MUELLER", true},
		{"Ümit", "UEMIT", true},
		{"Müller-Lüdenscheidt", "MUELLER LUEDENSCHEIDT", true},
		{"Straße", "STRASSE", true},
		{"STRAẞE", "STRASSE", true},
		{"Björk Ågren", "BJOERK AAGREN", true},
		{"Søren Kierkegaard", "SOEREN KIERKEGAARD", true},
		{"François", "FRANCOIS", true},
		{"José Muñoz", "JOSE MUNOZ", true},
		{"Renée", "RENEE", true},
		{"Þór Æsa Œuvre", "THOR AESA OEUVRE", true},
		{"Łukasz Wałęsa", "LUKASZ WALESA", true},
		{"Şükrü Öztürk", "SUEKRUE OEZTUERK", true},
		{"Iğdır ışık", "IGDIR ISIK", true},
		{"O'Neill", "ONEILL", true},
		{"d’Alembert", "DALEMBERT", true},
		{"  van  der   Berg ", "VAN DER BERG", true},
		{"Ștefan Țurcanu", "STEFAN TURCANU", true}, // not in the table: base letter
		{"Mu\u0308ller", "MUELLER", true},          // decomposed input
		{"Nguyễn", "NGUYEN", true},                 // Vietnamese: base letter
		{"Иван Petrov", "PETROV", false},           // Cyrillic: not transliterated
		{"", "", true},
	} {
		got, ok := Transliterate(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("Transliterate(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

// TestTableIsUpperCase: the table is keyed by upper case, which letter
// relies on, and maps to A–Z only.
func TestTableIsUpperCase(t *testing.T) {
	for r, s := range icaoLatin {
		if r != 'ß' && r != 'ı' && r != 'İ' && unicode.ToUpper(r) != r {
			t.Errorf("%c is not upper case", r)
		}
		for i := 0; i < len(s); i++ {
			if s[i] < 'A' || s[i] > 'Z' {
				t.Errorf("%c maps to %q", r, s)
			}
		}
	}
	for r := range droppedDiacritic {
		if _, ok := icaoLatin[r]; !ok {
			t.Errorf("%c has an alternative but no ICAO spelling", r)
		}
	}
}
