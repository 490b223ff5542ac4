package mrz

import (
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/smd-oss/smd"
)

// today is fixed so that the two-digit years pivot the same every day.
var today = time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)

// specimens are the vectors of law-and-standards.md § 4.7 with the JSON
// of interfaces.md each must give (flags aside).
var specimens = []struct {
	name  string
	lines []string
	want  string
	flags []string
}{
	{"T1 ICAO TD3", []string{
		"P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
		"L898902C36UTO7408122F1204159ZE184226B<<<<<10",
	}, `{"format":"TD3","valid":true,"document_code":"P","issuing_state":"UTO","surname":"ERIKSSON","given_names":"ANNA MARIA",
		"document_number":"L898902C3","nationality":"UTO","birth_date":"1974-08-12","sex":"F","expiry_date":"2012-04-15",
		"personal_number":"ZE184226B","checks":{"document_number":true,"birth_date":true,"expiry_date":true,"personal_number":true,"composite":true}}`,
		[]string{FlagSpecimenSerial, FlagSpecimenName, FlagSpecimenState}},
	{"T2 ICAO TD1", []string{
		"I<UTOD231458907<<<<<<<<<<<<<<<",
		"7408122F1204159UTO<<<<<<<<<<<6",
		"ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
	}, `{"format":"TD1","valid":true,"document_code":"I","issuing_state":"UTO","surname":"ERIKSSON","given_names":"ANNA MARIA",
		"document_number":"D23145890","nationality":"UTO","birth_date":"1974-08-12","sex":"F","expiry_date":"2012-04-15",
		"personal_number":"","checks":{"document_number":true,"birth_date":true,"expiry_date":true,"personal_number":true,"composite":true}}`,
		[]string{FlagSpecimenSerial, FlagSpecimenName, FlagSpecimenState}},
	{"T3 German passport", []string{
		"P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<",
		"C01X00T478D<<6408125F2702283<<<<<<<<<<<<<<<4",
	}, `{"format":"TD3","valid":true,"document_code":"P","issuing_state":"D","surname":"MUSTERMANN","given_names":"ERIKA",
		"document_number":"C01X00T47","nationality":"D","birth_date":"1964-08-12","sex":"F","expiry_date":"2027-02-28",
		"personal_number":"","checks":{"document_number":true,"birth_date":true,"expiry_date":true,"personal_number":true,"composite":true}}`,
		[]string{FlagSpecimenSerial, FlagSpecimenName}},
	{"T4 German identity card", []string{
		"IDD<<T220001293<<<<<<<<<<<<<<<",
		"6408125<2010315D<<<<<<<<<<<<<4",
		"MUSTERMANN<<ERIKA<<<<<<<<<<<<<",
	}, `{"format":"TD1","valid":true,"document_code":"ID","issuing_state":"D","surname":"MUSTERMANN","given_names":"ERIKA",
		"document_number":"T22000129","nationality":"D","birth_date":"1964-08-12","sex":"","expiry_date":"2020-10-31",
		"personal_number":"","checks":{"document_number":true,"birth_date":true,"expiry_date":true,"personal_number":true,"composite":true}}`,
		[]string{FlagSpecimenSerial, FlagSpecimenName}},
	{"T5 German eAT", []string{
		"ARD<<Y701001V39<<<<<<<<<<<<<<<",
		"7708121F2103318TUR<<<<<<<<<<<6",
		"MUSTERMANN<<ERIKA<<<<<<<<<<<<<",
	}, `{"format":"TD1","valid":true,"document_code":"AR","issuing_state":"D","surname":"MUSTERMANN","given_names":"ERIKA",
		"document_number":"Y701001V3","nationality":"TUR","birth_date":"1977-08-12","sex":"F","expiry_date":"2021-03-31",
		"personal_number":"","checks":{"document_number":true,"birth_date":true,"expiry_date":true,"personal_number":true,"composite":true}}`,
		[]string{FlagSpecimenSerial, FlagSpecimenName}},
}

// contract is the JSON of r without the additions to the contract.
func contract(t *testing.T, r *Result) map[string]any {
	t.Helper()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	delete(m, "flags")
	delete(m, "optional_data")
	return m
}

func TestSpecimenVectors(t *testing.T) {
	for _, v := range specimens {
		t.Run(v.name, func(t *testing.T) {
			r, err := Parse(v.lines, today)
			if err != nil {
				t.Fatal(err)
			}
			var want map[string]any
			if err := json.Unmarshal([]byte(v.want), &want); err != nil {
				t.Fatal(err)
			}
			if got := contract(t, r); !reflect.DeepEqual(got, want) {
				t.Errorf("JSON\n got %v\nwant %v", got, want)
			}
			if !slices.Equal(r.Flags, v.flags) {
				t.Errorf("flags %v, want %v", r.Flags, v.flags)
			}
			if !r.Specimen() {
				t.Error("a specimen not recognised as one")
			}
		})
	}
}

// TestSpecimenCheckDigits reproduces each check digit § 4.7 lists.
func TestSpecimenCheckDigits(t *testing.T) {
	for _, c := range []struct {
		s    string
		want int
	}{
		{"L898902C3", 6}, {"740812", 2}, {"120415", 9}, {"ZE184226B<<<<<", 1},
		{"L898902C36" + "7408122" + "1204159ZE184226B<<<<<1", 0},
		{"D23145890", 7},
		{"D23145890" + "7<<<<<<<<<<<<<<<" + "7408122" + "1204159" + "<<<<<<<<<<<", 6},
		{"C01X00T47", 8}, {"640812", 5}, {"270228", 3},
		{"T22000129", 3}, {"201031", 5},
		{"Y701001V3", 9}, {"770812", 1}, {"210331", 8},
		{"", 0}, {"<<<<", 0}, {"A", 0}, {"Z", 5}, {"1", 7},
	} {
		if got := CheckDigit(c.s); got != c.want {
			t.Errorf("CheckDigit(%q) = %d, want %d", c.s, got, c.want)
		}
	}
	for _, bad := range []string{"a", "L898902C3 ", "É", "-"} {
		if got := CheckDigit(bad); got != -1 {
			t.Errorf("CheckDigit(%q) = %d, want -1", bad, got)
		}
	}
}

// TestBrokenCheckDigits changes each check digit of the specimens in turn:
// the result is invalid and names exactly the failing checks.
func TestBrokenCheckDigits(t *testing.T) {
	type pos struct{ line, col int }
	cases := map[string]map[string]pos{
		"T1 ICAO TD3": {
			"document_number": {1, 9}, "birth_date": {1, 19}, "expiry_date": {1, 27},
			"personal_number": {1, 42}, "composite": {1, 43},
		},
		"T5 German eAT": {
			"document_number": {0, 14}, "birth_date": {1, 6}, "expiry_date": {1, 14}, "composite": {1, 29},
		},
	}
	for _, v := range specimens {
		for check, p := range cases[v.name] {
			t.Run(v.name+"/"+check, func(t *testing.T) {
				lines := slices.Clone(v.lines)
				b := []byte(lines[p.line])
				b[p.col] = '0' + (b[p.col]-'0'+1)%10
				lines[p.line] = string(b)
				r, err := Parse(lines, today)
				if err != nil {
					t.Fatal(err)
				}
				if r.Valid {
					t.Fatal("valid with a wrong check digit")
				}
				want := []string{check}
				if check != "composite" {
					// the composite covers the other check digits too
					want = append(want, "composite")
				}
				if got := r.Checks.Failed(); !slices.Equal(got, want) {
					t.Errorf("failed checks %v, want %v", got, want)
				}
			})
		}
	}
}

// TestCheckDigitLetterOrFiller: a letter or a filler in a check position
// fails the check; it never reads as a digit.
func TestCheckDigitLetterOrFiller(t *testing.T) {
	for _, c := range []byte{'<', 'A', 'O'} {
		l := slices.Clone(specimens[0].lines)
		l[1] = l[1][:19] + string(c) + l[1][20:]
		r, err := Parse(l, today)
		if err != nil {
			t.Fatal(err)
		}
		if r.Checks.BirthDate || r.Valid {
			t.Errorf("%q as birth date check digit holds", c)
		}
	}
}

// TestTD3EmptyPersonalNumber: an empty personal number may carry < or 0
// as its check digit; anything else fails.
func TestTD3EmptyPersonalNumber(t *testing.T) {
	l := slices.Clone(specimens[2].lines) // T3 carries '<'
	for _, c := range []struct {
		cd   byte
		want bool
	}{{'<', true}, {'0', true}, {'1', false}} {
		l[1] = l[1][:42] + string(c.cd) + l[1][43:]
		r, err := Parse(l, today)
		if err != nil {
			t.Fatal(err)
		}
		if r.Checks.PersonalNumber != c.want {
			t.Errorf("check digit %q: personal_number %v, want %v", c.cd, r.Checks.PersonalNumber, c.want)
		}
	}
}

// TestTD1LongDocumentNumber: the overflow of a 12-character document
// number into the optional data (ICAO 9303 Part 5; the lines follow the
// Part 5 example, every check digit recomputed with CheckDigit).
func TestTD1LongDocumentNumber(t *testing.T) {
	lines := []string{
		"I<UTOD23145890<7349<<<<<<<<<<<",
		"3407127M9507122UTO<<<<<<<<<<<2",
		"STEVENSON<<PETER<JOHN<<<<<<<<<",
	}
	r, err := Parse(lines, today)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Valid || r.DocumentNumber != "D23145890734" || r.PersonalNumber != "" {
		t.Fatalf("got valid=%v number=%q personal=%q, failed %v", r.Valid, r.DocumentNumber, r.PersonalNumber, r.Checks.Failed())
	}
	if r.BirthDate != "1934-07-12" || r.ExpiryDate != "2095-07-12" || r.Sex != "M" {
		t.Errorf("dates %s %s sex %s", r.BirthDate, r.ExpiryDate, r.Sex)
	}
	if r.Surname != "STEVENSON" || r.GivenNames != "PETER JOHN" {
		t.Errorf("name %q %q", r.Surname, r.GivenNames)
	}
	// The overflow's own check digit is checked.
	bad := slices.Clone(lines)
	bad[0] = "I<UTOD23145890<7348<<<<<<<<<<<"
	if r, _ := Parse(bad, today); r.Checks.DocumentNumber {
		t.Error("wrong overflow check digit holds")
	}
	// Optional data after the overflow's terminating filler is kept.
	withData := []string{"I<UTOD23145890<7349<AB12<<<<<<", lines[1], lines[2]}
	r, err = Parse(withData, today)
	if err != nil {
		t.Fatal(err)
	}
	if r.DocumentNumber != "D23145890734" || r.PersonalNumber != "AB12" || !r.Checks.DocumentNumber {
		t.Errorf("number %q personal %q", r.DocumentNumber, r.PersonalNumber)
	}
}

// TestTD2 builds a TD2 with CheckDigit and reads it back.
func TestTD2(t *testing.T) {
	l2 := "D23145890" + "7" + "UTO" + "740812" + "2" + "F" + "120415" + "9" + "<<<<<<<"
	var d digest
	d.add(l2[0:10])
	d.add(l2[13:20])
	d.add(l2[21:35])
	l2 += string(byte('0' + d.sum%10))
	r, err := Parse([]string{"I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", l2}, today)
	if err != nil {
		t.Fatal(err)
	}
	if r.Format != TD2 || !r.Valid || r.DocumentNumber != "D23145890" || r.GivenNames != "ANNA MARIA" || r.BirthDate != "1974-08-12" {
		t.Errorf("%+v", r)
	}
}

func TestGermanFiller(t *testing.T) {
	r, err := Parse(specimens[2].lines, today)
	if err != nil {
		t.Fatal(err)
	}
	if r.IssuingState != "D" || r.Nationality != "D" {
		t.Errorf("issuing %q nationality %q, want D", r.IssuingState, r.Nationality)
	}
	if b, _ := json.Marshal(r); strings.Contains(string(b), "<") {
		t.Errorf("filler in JSON: %s", b)
	}
}

func TestGermanEAT(t *testing.T) {
	r, _ := Parse(specimens[4].lines, today)
	if !r.IsGermanResidencePermit() || r.IsPassport() {
		t.Error("eAT not recognised")
	}
	for s, want := range map[string]bool{
		"Y701001V3": true, "L01X00T47": true, "0000CFGHJ": true,
		"T2200012": false, "T220001290": false, "A01X00T47": false, "B01X00T47": false,
		"D01X00T47": false, "Q01X00T47": false, "S01X00T47": false, "E01X00T47": false, "l01x00t47": false,
	} {
		if got := ValidEATSerial(s); got != want {
			t.Errorf("ValidEATSerial(%q) = %v", s, got)
		}
	}
	// A serial with a vowel, check digits correct: valid, but flagged.
	l1 := "ARD<<A701001V3" + string(byte('0'+CheckDigit("A701001V3"))) + "<<<<<<<<<<<<<<<"
	l2 := "7708121F2103318TUR<<<<<<<<<<<"
	l2 += string(byte('0' + CheckDigit(l1[5:30]+l2[0:7]+l2[8:15]+l2[18:29])))
	r, err := Parse([]string{l1, l2, "OEZTUERK<<UEMIT<<<<<<<<<<<<<<<"}, today)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Valid || !slices.Equal(r.Flags, []string{FlagEATSerial}) || r.Specimen() {
		t.Errorf("valid %v flags %v", r.Valid, r.Flags)
	}
	// AS: residence permit for Swiss nationals.
	l1 = "AS" + l1[2:]
	l2 = l2[:29] + string(byte('0'+CheckDigit(l1[5:30]+l2[0:7]+l2[8:15]+l2[18:29])))
	if r, _ := Parse([]string{l1, l2, "MEIER<<HANS<<<<<<<<<<<<<<<<<<<"}, today); !r.IsGermanResidencePermit() {
		t.Error("AS not an eAT")
	}
}

func TestYearPivot(t *testing.T) {
	for _, c := range []struct {
		s     string
		birth bool
		today time.Time
		want  string
	}{
		{"740812", true, today, "1974-08-12"},
		{"261231", true, today, "2026-12-31"}, // this year: 20xx
		{"270101", true, today, "1927-01-01"}, // later than this year: 19xx
		{"000229", true, today, "2000-02-29"},
		{"990101", true, today, "1999-01-01"},
		{"270101", true, time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), "2027-01-01"},
		{"990101", false, today, "2099-01-01"}, // expiry always 20xx
		{"740812", false, today, "2074-08-12"},
		{"010229", true, today, ""}, // 2001 is no leap year
		{"741301", true, today, ""},
		{"740800", true, today, ""},
		{"740431", true, today, ""},
		{"74<<<<", true, today, ""},
		{"7A0812", true, today, ""},
	} {
		if got := date(c.s, c.birth, c.today); got != c.want {
			t.Errorf("date(%q, birth=%v, %d) = %q, want %q", c.s, c.birth, c.today.Year(), got, c.want)
		}
	}
}

func TestUnknownBirthDateFlagged(t *testing.T) {
	l2 := "L898902C36UTO74<<<<" + "X" + "F1204159ZE184226B<<<<<1"
	l2 = l2[:19] + string(byte('0'+CheckDigit("74<<<<"))) + l2[20:]
	var d digest
	d.add(l2[0:10])
	d.add(l2[13:20])
	d.add(l2[21:43])
	l2 += string(byte('0' + d.sum%10))
	r, err := Parse([]string{specimens[0].lines[0], l2}, today)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Valid || r.BirthDate != "" || !slices.Contains(r.Flags, FlagBirthDate) {
		t.Errorf("valid %v birth %q flags %v failed %v", r.Valid, r.BirthDate, r.Flags, r.Checks.Failed())
	}
}

func TestNames(t *testing.T) {
	for _, c := range []struct {
		field, surname, given string
		full                  bool
	}{
		{"ERIKSSON<<ANNA<MARIA<<<<<<<", "ERIKSSON", "ANNA MARIA", false},
		{"MUELLER<LUEDENSCHEIDT<<HANS<<<", "MUELLER LUEDENSCHEIDT", "HANS", false},
		{"ERIKSSON<<<<<<<", "ERIKSSON", "", false},
		{"NGUYEN", "NGUYEN", "", true},
		{"AL<HASSAN<<MOHAMMED<ABDULLAH<AB", "AL HASSAN", "MOHAMMED ABDULLAH AB", true},
		{"SMITH<<JOHN<<PAUL<", "SMITH", "JOHN PAUL", false},
		{"<<<<<<", "", "", false},
	} {
		s, g, full := splitName(c.field)
		if s != c.surname || g != c.given || full != c.full {
			t.Errorf("splitName(%q) = %q, %q, %v", c.field, s, g, full)
		}
	}
}

func TestNotMRZ(t *testing.T) {
	t1 := specimens[0].lines
	for _, c := range []struct {
		name   string
		lines  []string
		reason string
	}{
		{"nothing", nil, ReasonLines},
		{"one line", t1[:1], ReasonLines},
		{"four lines", []string{t1[0], t1[1], t1[0], t1[1]}, ReasonLines},
		{"short", []string{t1[0], t1[1][:43]}, ReasonLength},
		{"mixed", []string{t1[0][:36], t1[1]}, ReasonLength},
		{"three of 44", []string{t1[0], t1[1], t1[1]}, ReasonLength},
		{"lower case", []string{strings.ToLower(t1[0]), t1[1]}, ReasonCharacters},
		{"space inside", []string{t1[0][:20] + " " + t1[0][21:], t1[1]}, ReasonCharacters},
		{"guillemet", []string{strings.Replace(t1[0], "<", "«", 1)[:44], t1[1]}, ReasonCharacters},
		{"TD3 not P", []string{"I" + t1[0][1:], t1[1]}, ReasonDocumentCode},
		{"TD1 P", []string{"P" + specimens[1].lines[0][1:], specimens[1].lines[1], specimens[1].lines[2]}, ReasonDocumentCode},
		{"visa", []string{"V" + t1[0][1:], t1[1]}, ReasonVisa},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, err := Parse(c.lines, today)
			var nm *NotMRZ
			if r != nil || !errors.As(err, &nm) || smd.ErrorCode(err) != smd.EINVALID {
				t.Fatalf("got %v, %v", r, err)
			}
			if nm.Reason != c.reason || nm.Detail == "" {
				t.Errorf("reason %q (%s), want %q", nm.Reason, nm.Detail, c.reason)
			}
		})
	}
}

// TestSurroundingSpace: lines pasted with indentation or CRLF still parse.
func TestSurroundingSpace(t *testing.T) {
	l := specimens[0].lines
	r, err := Parse([]string{"  " + l[0] + "\r", "\t" + l[1] + " "}, today)
	if err != nil || !r.Valid {
		t.Fatalf("%v %v", r, err)
	}
}
