package i18n

import (
	"regexp"
	"sort"
	"strings"
	"testing"
)

// Every key German has must exist in every language: applicant keys in all
// five, workbench keys ("wb.") in German and English. Keys a language has
// that German lacks are stale and fail too.
func TestEveryKeyInEveryLanguage(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	de, err := c.Keys("de")
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(de)
	for _, l := range Languages[1:] {
		have, err := c.Keys(l.Code)
		if err != nil {
			t.Fatal(err)
		}
		set := map[string]bool{}
		for _, k := range have {
			set[k] = true
		}
		deSet := map[string]bool{}
		for _, k := range de {
			deSet[k] = true
			if strings.HasPrefix(k, "wb.") && !l.Workbench {
				continue
			}
			if !set[k] {
				t.Errorf("%s lacks %q", l.Code, k)
			}
		}
		for _, k := range have {
			if !deSet[k] {
				t.Errorf("%s has %q, which German does not", l.Code, k)
			}
		}
	}
}

var placeholder = regexp.MustCompile(`\{\{[^}]*\}\}`)

// A translation must keep the placeholders of the German text.
func TestPlaceholdersMatch(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range Languages[1:] {
		for k, de := range c.raw["de"] {
			tr, ok := c.raw[l.Code][k]
			if !ok {
				continue
			}
			a, b := placeholder.FindAllString(de, -1), placeholder.FindAllString(tr, -1)
			sort.Strings(a)
			sort.Strings(b)
			if strings.Join(a, ",") != strings.Join(b, ",") {
				t.Errorf("%s %q: placeholders %v, German has %v", l.Code, k, b, a)
			}
		}
	}
}

func TestTranslate(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if got := c.T("en", "frame.signout"); got != "Sign out" {
		t.Errorf("plain: %q", got)
	}
	if got := c.T("de", "frame.signed_in_as", map[string]string{"Name": "Anna"}); got != "Angemeldet als Anna" {
		t.Errorf("with data: %q", got)
	}
	if got := c.T("tr", "wb.title"); got != "Arbeitsplatz" {
		t.Errorf("workbench key in Turkish must fall back to German: %q", got)
	}
	if got := c.T("de", "no.such.key"); got != "no.such.key" {
		t.Errorf("missing key: %q", got)
	}
	for header, want := range map[string]string{"": "de", "ar-EG,ar;q=0.9": "ar", "uk": "uk", "fr-FR": "de", "en-GB,en;q=0.8": "en", "garbage;;;": "de"} {
		if got := c.Match(header).Code; got != want {
			t.Errorf("Match(%q) = %s, want %s", header, got, want)
		}
	}
}
