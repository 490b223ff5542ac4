package corpus

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/smd-oss/smd/pdf"
)

func testFonts(t *testing.T) *Fonts {
	t.Helper()
	regular, bold, ok := pdf.FindFont()
	if !ok {
		if os.Getenv("CI") == "true" {
			t.Fatal("no TrueType font (.ci/run installs fonts-dejavu-core)")
		}
		t.Skip("no TrueType font installed")
	}
	f, err := LoadFonts(regular, bold)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// The specimen vectors of law-and-standards.md § 4.7 through the corpus's
// own MRZ helpers.
func TestSpecimens(t *testing.T) {
	cases := []struct {
		lines []string
		want  MRZ
	}{
		{[]string{"P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"},
			MRZ{Format: "TD3", Valid: true, DocumentCode: "P", IssuingState: "UTO", Surname: "ERIKSSON", GivenNames: "ANNA MARIA",
				DocumentNumber: "L898902C3", Nationality: "UTO", BirthDate: "1974-08-12", Sex: "F", ExpiryDate: "2012-04-15", PersonalNumber: "ZE184226B"}},
		{[]string{"I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"},
			MRZ{Format: "TD1", Valid: true, DocumentCode: "I", IssuingState: "UTO", Surname: "ERIKSSON", GivenNames: "ANNA MARIA",
				DocumentNumber: "D23145890", Nationality: "UTO", BirthDate: "1974-08-12", Sex: "F", ExpiryDate: "2012-04-15"}},
		{[]string{"P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<", "C01X00T478D<<6408125F2702283<<<<<<<<<<<<<<<4"},
			MRZ{Format: "TD3", Valid: true, DocumentCode: "P", IssuingState: "D", Surname: "MUSTERMANN", GivenNames: "ERIKA",
				DocumentNumber: "C01X00T47", Nationality: "D", BirthDate: "1964-08-12", Sex: "F", ExpiryDate: "2027-02-28"}},
		{[]string{"IDD<<T220001293<<<<<<<<<<<<<<<", "6408125<2010315D<<<<<<<<<<<<<4", "MUSTERMANN<<ERIKA<<<<<<<<<<<<<"},
			MRZ{Format: "TD1", Valid: true, DocumentCode: "ID", IssuingState: "D", Surname: "MUSTERMANN", GivenNames: "ERIKA",
				DocumentNumber: "T22000129", Nationality: "D", BirthDate: "1964-08-12", Sex: "", ExpiryDate: "2020-10-31"}},
		{[]string{"ARD<<Y701001V39<<<<<<<<<<<<<<<", "7708121F2103318TUR<<<<<<<<<<<6", "MUSTERMANN<<ERIKA<<<<<<<<<<<<<"},
			MRZ{Format: "TD1", Valid: true, DocumentCode: "AR", IssuingState: "D", Surname: "MUSTERMANN", GivenNames: "ERIKA",
				DocumentNumber: "Y701001V3", Nationality: "TUR", BirthDate: "1977-08-12", Sex: "F", ExpiryDate: "2021-03-31"}},
	}
	for _, c := range cases {
		got, err := ParseMRZ(c.lines)
		if err != nil {
			t.Fatalf("%v: %v", c.lines, err)
		}
		if !got.Valid {
			t.Errorf("%v: checks %v", c.lines, got.Checks)
		}
		got.Checks = nil
		if !reflect.DeepEqual(*got, c.want) {
			t.Errorf("%v:\n got %+v\nwant %+v", c.lines, *got, c.want)
		}
	}
	// Building reproduces the specimens.
	l := td3(mrzInput{Code: "P", Issuing: "UTO", Surname: "Eriksson", Given: "Anna Maria", Number: "L898902C3",
		Nationality: "UTO", Birth: "740812", Sex: "F", Expiry: "120415", Personal: "ZE184226B"})
	if l[1] != "L898902C36UTO7408122F1204159ZE184226B<<<<<10" {
		t.Errorf("td3 line 2 = %s", l[1])
	}
	l1 := td1(mrzInput{Code: "AR", Issuing: "D", Surname: "Mustermann", Given: "Erika", Number: "Y701001V3",
		Nationality: "TUR", Birth: "770812", Sex: "F", Expiry: "210331"})
	if strings.Join(l1[:], "/") != "ARD<<Y701001V39<<<<<<<<<<<<<<</7708121F2103318TUR<<<<<<<<<<<6/MUSTERMANN<<ERIKA<<<<<<<<<<<<<" {
		t.Errorf("td1 = %v", l1)
	}
}

func TestMRZName(t *testing.T) {
	for in, want := range map[string]string{"Müller": "MUELLER", "Ümit": "UEMIT", "Groß": "GROSS", "Yılmaz": "YILMAZ",
		"Al-Hassan": "AL<HASSAN", "O'Brien": "OBRIEN", "Łukasz": "LUKASZ", "Đorđević": "DORDEVIC", "Nguyễn": "NGUYEN",
		"Ștefănescu": "STEFANESCU", "İsmail": "ISMAIL", "García Núñez": "GARCIA<NUNEZ"} {
		if got := mrzName(in, false); got != want {
			t.Errorf("mrzName(%q) = %q, want %q", in, got, want)
		}
	}
	if got := mrzName("Öztürk", true); got != "OZTURK" {
		t.Errorf("Turkish passport spelling = %q", got)
	}
}

func generate(t *testing.T, dir string, seed uint64, n int, fonts *Fonts) *Manifest {
	t.Helper()
	m, err := Generate(Options{Seed: seed, Count: n, Dir: dir, Fonts: fonts})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// The same seed gives the same bytes and the same truth; another seed
// gives other documents.
func TestGenerateDeterministic(t *testing.T) {
	fonts := testFonts(t)
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	n := MinCount + 60
	generate(t, a, 7, n, fonts)
	generate(t, b, 7, n, fonts)
	generate(t, c, 8, n, fonts)
	same := func(x, y string) bool {
		bx, err := os.ReadFile(x)
		if err != nil {
			t.Fatal(err)
		}
		by, err := os.ReadFile(y)
		if err != nil {
			t.Fatal(err)
		}
		return bytes.Equal(bx, by)
	}
	if !same(filepath.Join(a, ManifestName), filepath.Join(b, ManifestName)) {
		t.Error("truth.json differs for the same seed")
	}
	files, _ := filepath.Glob(filepath.Join(a, "docs", "*"))
	if len(files) != n {
		t.Fatalf("%d files, want %d", len(files), n)
	}
	differ := 0
	for _, f := range files {
		rel, _ := filepath.Rel(a, f)
		if !same(f, filepath.Join(b, rel)) {
			t.Errorf("%s differs for the same seed", rel)
		}
		if _, err := os.Stat(filepath.Join(c, rel)); err == nil && !same(f, filepath.Join(c, rel)) {
			differ++
		}
	}
	if differ < n/2 {
		t.Errorf("only %d of %d files differ between seeds 7 and 8", differ, n)
	}
	// Regenerating into the same directory replaces the corpus.
	generate(t, a, 8, n, fonts)
	if !same(filepath.Join(a, ManifestName), filepath.Join(c, ManifestName)) {
		t.Error("regenerating into a used directory does not give the fresh corpus")
	}
}

// Every category and hostile file is there, and the truth is consistent:
// valid MRZs have correct check digits, broken ones a wrong digit or a
// wrong shape; every entry names a file that exists.
func TestGenerateTruth(t *testing.T) {
	fonts := testFonts(t)
	dir := t.TempDir()
	m := generate(t, dir, 1, 400, fonts)
	if len(m.Documents) != 400 {
		t.Fatalf("%d documents", len(m.Documents))
	}
	perCategory := map[string]int{}
	hostile := map[string]bool{}
	defects := map[string]int{}
	met := map[string]map[bool]int{}
	for file, e := range m.Documents {
		if file != e.File {
			t.Errorf("key %s for file %s", file, e.File)
		}
		if _, err := os.Stat(filepath.Join(dir, file)); err != nil {
			t.Error(err)
		}
		if e.Hostile != "" {
			hostile[e.Hostile] = true
			if e.ExpectAccepted || len(e.ExpectedFindings) == 0 || e.ExpectedFindings[0].Severity != "error" {
				t.Errorf("%s: hostile %s must be refused with an error finding", file, e.Hostile)
			}
			continue
		}
		if !e.ExpectAccepted {
			t.Errorf("%s: a benign file expected refused", file)
		}
		perCategory[e.Category]++
		for k, v := range e.Met {
			if met[k] == nil {
				met[k] = map[bool]int{}
			}
			met[k][v]++
		}
		if e.Category == "passport" || (e.Category == "residence_permit" && !strings.Contains(e.Template, "zusatzblatt")) {
			if len(e.MRZLines) == 0 || e.MRZValid == nil {
				t.Errorf("%s: %s without MRZ", file, e.Category)
				continue
			}
		}
		if len(e.MRZLines) == 0 {
			if e.MRZ != nil || e.MRZValid != nil {
				t.Errorf("%s: MRZ truth without lines", file)
			}
			continue
		}
		kind, _, _ := strings.Cut(e.MRZDefect, ":")
		defects[kind]++
		valid := lineChecks(t, e.MRZLines)
		switch kind {
		case "":
			if !valid || !*e.MRZValid || e.MRZ == nil || !e.MRZ.Valid {
				t.Errorf("%s: MRZ marked valid, check digits do not hold: %v", file, e.MRZLines)
			}
		case "check_digit", "data":
			if valid || *e.MRZValid || e.MRZ == nil || e.MRZ.Valid {
				t.Errorf("%s: MRZ marked broken (%s), but every check digit holds: %v", file, e.MRZDefect, e.MRZLines)
			}
		case "truncated", "wrong_length":
			if e.MRZ != nil || *e.MRZValid {
				t.Errorf("%s: a %s MRZ has a parse truth", file, kind)
			}
			if ok := (len(e.MRZLines) == 2 && len(e.MRZLines[0]) == 44 && len(e.MRZLines[1]) == 44) ||
				(len(e.MRZLines) == 3 && len(e.MRZLines[0]) == 30 && len(e.MRZLines[1]) == 30 && len(e.MRZLines[2]) == 30); ok {
				t.Errorf("%s: %s MRZ has the right shape: %v", file, kind, e.MRZLines)
			}
		default:
			t.Errorf("%s: unknown defect %q", file, e.MRZDefect)
		}
	}
	for _, c := range Categories {
		if perCategory[c] == 0 {
			t.Errorf("no document of category %s", c)
		}
	}
	for _, h := range hostileKinds {
		if !hostile[h.name] {
			t.Errorf("no hostile file %s", h.name)
		}
	}
	for _, d := range []string{"", "check_digit", "data", "truncated", "wrong_length"} {
		if defects[d] == 0 {
			t.Errorf("no MRZ with defect %q", d)
		}
	}
	for _, k := range []string{MetLanguageB1, MetSalaryThreshold, MetPayslipName, MetCitizenshipTest} {
		if met[k][true] == 0 || met[k][false] == 0 {
			t.Errorf("criterion %s: %v, want both met and not met", k, met[k])
		}
	}
}

// lineChecks recomputes every check digit of well-formed TD1/TD3 lines
// straight from § 4.7 (positions, weights 7-3-1), apart from ParseMRZ.
func lineChecks(t *testing.T, lines []string) bool {
	t.Helper()
	ok := func(field string, c byte) bool {
		if c == '<' {
			return strings.Trim(field, "<") == ""
		}
		return int(c-'0') == CheckDigit(field)
	}
	switch {
	case len(lines) == 2 && len(lines[0]) == 44 && len(lines[1]) == 44:
		l2 := lines[1]
		return ok(l2[0:9], l2[9]) && ok(l2[13:19], l2[19]) && ok(l2[21:27], l2[27]) && ok(l2[28:42], l2[42]) &&
			ok(l2[0:10]+l2[13:20]+l2[21:43], l2[43])
	case len(lines) == 3 && len(lines[0]) == 30 && len(lines[1]) == 30 && len(lines[2]) == 30:
		l1, l2 := lines[0], lines[1]
		return ok(l1[5:14], l1[14]) && ok(l2[0:6], l2[6]) && ok(l2[8:14], l2[14]) &&
			ok(l1[5:30]+l2[0:7]+l2[8:15]+l2[18:29], l2[29])
	}
	return false
}
