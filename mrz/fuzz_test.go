package mrz

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// checkConsistent is what every result must satisfy, whatever the input.
func checkConsistent(t *testing.T, r *Result) {
	t.Helper()
	if r.Valid != r.Checks.All() {
		t.Fatalf("valid %v but checks %+v", r.Valid, r.Checks)
	}
	if r.Valid != (len(r.Checks.Failed()) == 0) {
		t.Fatalf("valid %v but failed %v", r.Valid, r.Checks.Failed())
	}
	if w := r.Format.NameWidth(); w == 0 {
		t.Fatalf("format %q", r.Format)
	}
	for _, s := range []string{r.DocumentCode, r.IssuingState, r.DocumentNumber, r.Nationality, r.PersonalNumber, r.OptionalData, r.Sex} {
		if strings.HasPrefix(s, "<") || strings.HasSuffix(s, "<") {
			t.Fatalf("filler left at an end: %q", s)
		}
	}
	for _, s := range []string{r.Surname, r.GivenNames} {
		if strings.Contains(s, "<") || strings.Contains(s, "  ") || s != strings.TrimSpace(s) {
			t.Fatalf("name %q", s)
		}
	}
	for _, d := range []string{r.BirthDate, r.ExpiryDate} {
		if d != "" && len(d) != 10 {
			t.Fatalf("date %q", d)
		}
	}
	if _, err := json.Marshal(r); err != nil {
		t.Fatal(err)
	}
}

func FuzzParse(f *testing.F) {
	for _, v := range specimens {
		f.Add(strings.Join(v.lines, "\n"))
	}
	f.Add("I<UTOD23145890<7349<<<<<<<<<<<\n3407127M9507122UTO<<<<<<<<<<<2\nSTEVENSON<<PETER<JOHN<<<<<<<<<")
	f.Add("I<UTOD23145890<<<<<<<<<<<<<<<<\n3407127M9507122UTO<<<<<<<<<<<2\n<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<")
	f.Add("I<UTOD23145890<<<<<<<<<<<<<<<7\n3407127M9507122UTO<<<<<<<<<<<2\n<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<")
	f.Add("")
	f.Fuzz(func(t *testing.T, in string) {
		lines := strings.Split(in, "\n")
		r, err := Parse(lines, today)
		if err != nil {
			var nm *NotMRZ
			if r != nil || !errors.As(err, &nm) || nm.Reason == "" {
				t.Fatalf("error %v with result %v", err, r)
			}
			return
		}
		checkConsistent(t, r)
		again, err := Parse(lines, today)
		if err != nil || again.Valid != r.Valid || again.DocumentNumber != r.DocumentNumber {
			t.Fatal("not deterministic")
		}
	})
}

func FuzzFind(f *testing.F) {
	for _, v := range specimens {
		f.Add("Seite 1\n" + strings.Join(v.lines, "\n") + "\n")
	}
	f.Add("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n\n L898902C36UTO 7408122F1204159ZE184226B<<<<<10 ")
	f.Add("x\r\n\f\v\u00a0\u2009")
	f.Fuzz(func(t *testing.T, text string) {
		rs := Find(text, today)
		if len(rs) > strings.Count(text, "\n")+strings.Count(text, "\r")+strings.Count(text, "\f")+strings.Count(text, "\v") {
			t.Fatalf("%d results from too few lines", len(rs))
		}
		for _, r := range rs {
			checkConsistent(t, r)
		}
	})
}
