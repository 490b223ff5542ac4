package names

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/smd-oss/smd/mrz"
)

func keys(m Match) []string {
	var out []string
	for _, r := range m.Reasons {
		out = append(out, r.Key)
	}
	return out
}

func TestCompare(t *testing.T) {
	for _, c := range []struct {
		name      string
		mrz       Name
		truncated bool
		app       Name
		level     Level
		reasons   []string
	}{
		{"identical", Name{"ERIKSSON", "ANNA MARIA"}, false, Name{"Eriksson", "Anna Maria"}, Exact, []string{ReasonIdentical}},
		{"hyphen is a separator", Name{"ERIKSSON", "ANNA MARIA"}, false, Name{"Eriksson", "Anna-Maria"}, Exact, []string{ReasonIdentical}},
		{"Müller = MUELLER", Name{"MUELLER", "HANS"}, false, Name{"Müller", "Hans"}, Exact, []string{ReasonTransliterated}},
		{"Ümit = UEMIT", Name{"OEZTUERK", "UEMIT"}, false, Name{"Öztürk", "Ümit"}, Exact, []string{ReasonTransliterated}},
		{"double name", Name{"MUELLER LUEDENSCHEIDT", "ERNST AUGUST"}, false, Name{"Müller-Lüdenscheidt", "Ernst August"}, Exact, []string{ReasonTransliterated}},
		{"ß = SS", Name{"GROSS", "JUERGEN"}, false, Name{"Groß", "Jürgen"}, Exact, []string{ReasonTransliterated}},
		{"Ø Å Ç É Ñ", Name{"SOERENSEN AAGAARD", "FRANCOIS RENE NUNEZ"}, false, Name{"Sørensen Ågaard", "François René Núñez"}, Exact, []string{ReasonTransliterated}},
		{"Turkish passport drops the dots", Name{"OZTURK", "UMIT"}, false, Name{"Öztürk", "Ümit"}, Equivalent, []string{ReasonDiacriticsDropped}},
		{"given names reordered", Name{"ERIKSSON", "MARIA ANNA"}, false, Name{"Eriksson", "Anna Maria"}, Equivalent, []string{ReasonGivenOrder}},
		{"reordered and dots dropped", Name{"OZTURK", "AYSE UMIT"}, false, Name{"Öztürk", "Ümit Ayşe"}, Equivalent, []string{ReasonGivenOrder, ReasonDiacriticsDropped}},
		{"given names truncated", Name{"ABDULRAHMAN ALHASHEMI", "MOHAMMED ABDULL"}, true,
			Name{"Abdulrahman Alhashemi", "Mohammed Abdullah Hassan"}, Equivalent, []string{ReasonGivenTruncated}},
		{"given names as initials", Name{"WOLFESCHLEGELSTEINHAUSEN", "H B C D"}, true,
			Name{"Wolfeschlegelsteinhausen", "Hubert Blaine Charles David"}, Equivalent, []string{ReasonGivenTruncated}},
		{"surname truncated inside an umlaut", Name{"SCHROEDER MUELLERLUEDU", ""}, true,
			Name{"Schröder-Müllerlüdüngen", ""}, Equivalent, []string{ReasonSurnameTruncated}},
		{"truncation only when the field is full", Name{"ABDULRAHMAN", "MOHAMMED ABDULL"}, false,
			Name{"Abdulrahman", "Mohammed Abdullah Hassan"}, Different, []string{ReasonGivenDiffer}},
		{"swapped", Name{"ERIKSSON", "ANNA"}, false, Name{"Anna", "Eriksson"}, Similar, []string{ReasonSwapped}},
		{"a given name missing", Name{"ERIKSSON", "ANNA MARIA"}, false, Name{"Eriksson", "Anna"}, Similar, []string{ReasonGivenSubset}},
		{"sounds alike", Name{"MAYER", "HANS"}, false, Name{"Meier", "Hans"}, Similar, []string{ReasonSurnameSoundsAlike}},
		{"given sound alike", Name{"MUELLER", "KRISTOF"}, false, Name{"Müller", "Christoph"}, Similar, []string{ReasonGivenSoundAlike}},
		{"surname differs", Name{"SCHMIDT", "ANNA"}, false, Name{"Becker", "Anna"}, Different, []string{ReasonSurnameDiffers}},
		{"both differ", Name{"SCHMIDT", "ANNA"}, false, Name{"Becker", "Paul"}, Different, []string{ReasonSurnameDiffers, ReasonGivenDiffer}},
		{"Cyrillic in the application", Name{"SHEVCHENKO", "TARAS"}, false, Name{"Шевченко", "Taras"}, Different, []string{ReasonSurnameDiffers, ReasonNoLatin}},
		{"no given names on either side", Name{"NGUYEN", ""}, false, Name{"Nguyen", ""}, Exact, []string{ReasonIdentical}},
		{"given names only in the MRZ", Name{"NGUYEN", "VAN AN"}, false, Name{"Nguyễn", ""}, Different, []string{ReasonGivenDiffer}},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := Compare(c.mrz, c.truncated, c.app)
			if m.Level != c.level || !slices.Equal(keys(m), c.reasons) {
				t.Errorf("got %s %v, want %s %v", m.Level, keys(m), c.level, c.reasons)
			}
			for _, r := range m.Reasons {
				if r.Message == "" {
					t.Errorf("reason %s has no message", r.Key)
				}
			}
		})
	}
}

// TestCompareMRZ goes from MRZ lines to a verdict, as the document
// pipeline does; the name fills TD1's 30 characters, so it may be
// truncated.
func TestCompareMRZ(t *testing.T) {
	r, err := mrz.Parse([]string{
		"ARD<<Y701001V39<<<<<<<<<<<<<<<",
		"7708121F2103318TUR<<<<<<<<<<<6",
		"OEZTUERK<<UEMIT<AYSE<FATMA<NUR",
	}, time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if !r.NameFull {
		t.Fatal("name field not full")
	}
	m := CompareMRZ(r, Name{Surname: "Öztürk", GivenNames: "Ümit Ayşe Fatma Nurhan"})
	if m.Level != Equivalent || !slices.Equal(keys(m), []string{ReasonGivenTruncated}) {
		t.Errorf("%+v", m)
	}
	b, _ := json.Marshal(m)
	if !strings.Contains(string(b), `"level":"equivalent"`) || !strings.Contains(string(b), `"key":"names.given_truncated"`) {
		t.Errorf("JSON %s", b)
	}
}

// TestMessagesComplete: every reason key has a German message.
func TestMessagesComplete(t *testing.T) {
	for _, k := range []string{ReasonIdentical, ReasonTransliterated, ReasonDiacriticsDropped, ReasonGivenOrder,
		ReasonSurnameTruncated, ReasonGivenTruncated, ReasonSwapped, ReasonGivenSubset, ReasonSurnameSoundsAlike,
		ReasonGivenSoundAlike, ReasonSurnameDiffers, ReasonGivenDiffer, ReasonNoLatin} {
		if Messages[k] == "" {
			t.Errorf("%s has no message", k)
		}
	}
	if len(Messages) != 13 {
		t.Errorf("%d messages for 13 keys", len(Messages))
	}
}

func FuzzCompare(f *testing.F) {
	f.Add("MUELLER", "HANS", true, "Müller", "Hans")
	f.Add("OZTURK", "AYSE UMIT", false, "Öztürk", "Ümit Ayşe")
	f.Add("", "", true, "Шевченко", "—'.")
	f.Fuzz(func(t *testing.T, ms, mg string, trunc bool, as, ag string) {
		m := Compare(Name{ms, mg}, trunc, Name{as, ag})
		switch m.Level {
		case Exact, Equivalent, Similar, Different:
		default:
			t.Fatalf("level %q", m.Level)
		}
		if len(m.Reasons) == 0 {
			t.Fatal("no reason")
		}
		// Comparing a name with its own transliteration is always exact.
		s, ok1 := Transliterate(as)
		g, ok2 := Transliterate(ag)
		if ok1 && ok2 && s != "" && len(s) <= 39 && len(g) <= 39 {
			if m := Compare(Name{s, g}, false, Name{as, ag}); m.Level != Exact {
				t.Fatalf("%q %q against its own transliteration %q %q: %+v", as, ag, s, g, m)
			}
		}
	})
}
