package doceval

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/smd-oss/smd/internal/corpus"
)

// The test binary doubles as a fake `smd docs check --json`: with
// DOCEVAL_FAKE set it reads truth.json from its working directory (the
// corpus) and answers from it, with deliberate mistakes the tests count.
func TestMain(m *testing.M) {
	if mode := os.Getenv("DOCEVAL_FAKE"); mode != "" {
		os.Exit(fakeChecker(mode, os.Args[1:]))
	}
	os.Exit(m.Run())
}

// fakeNumber is the document's number (docs/d0042.pdf → 42).
func fakeNumber(file string) int {
	base := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	n, _ := strconv.Atoi(strings.TrimPrefix(base, "d"))
	return n
}

// Deliberate mistakes of the fake checker.
func fakeWrongCategory(e *corpus.Entry) bool { return e.ExpectAccepted && fakeNumber(e.File)%10 == 3 }
func fakeWrongMRZ(e *corpus.Entry) bool      { return e.MRZ != nil && fakeNumber(e.File)%7 == 0 }
func fakeMissedHostile(e *corpus.Entry) bool { return e.Hostile == "svg_script" }
func fakeCrash(file string) bool             { return file == os.Getenv("DOCEVAL_FAKE_CRASH") }

func fakeChecker(mode string, args []string) int {
	if mode == "missing" {
		fmt.Fprintln(os.Stderr, `unknown command "docs"`)
		return 2
	}
	m, err := corpus.ReadManifest(".")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	var files []string
	for _, a := range args {
		if !strings.HasPrefix(a, "-") {
			files = append(files, a)
		}
	}
	enc := json.NewEncoder(os.Stdout)
	for _, f := range files {
		if fakeCrash(f) {
			panic("fake checker: crash on " + f)
		}
		e := m.Documents[f]
		r := Result{File: f, MIME: "application/pdf", Accepted: true, Category: e.Category, Confidence: 0.9,
			Findings: []Finding{{Code: "malware.not_scanned", Severity: "info", Message: "…"}}}
		if !e.ExpectAccepted && !fakeMissedHostile(e) {
			r.Accepted, r.Category = false, "other"
			r.Findings = append(r.Findings, Finding{Code: "fake.refused", Severity: "error", Message: e.Reason})
		}
		if fakeWrongCategory(e) {
			r.Category = "other"
			if e.Category == "other" {
				r.Category = "payslip"
			}
		}
		if e.MRZ != nil {
			mrz := *e.MRZ
			if fakeWrongMRZ(e) {
				mrz.Surname += "X"
			}
			r.MRZ = &mrz
		}
		if e.LanguageLevel != "" || e.SalaryEUR != nil {
			r.Facts = &Facts{LanguageLevel: e.LanguageLevel}
			if e.SalaryEUR != nil {
				r.Facts.AnnualSalaryEUR = *e.SalaryEUR
			}
		}
		if len(files) == 1 && strings.Contains(strings.Join(args, " "), "--person=") && e.Category == "payslip" {
			if *e.NameMatchesApplicant {
				r.Findings = append(r.Findings, Finding{Code: "payslip.name_found", Severity: "info"})
			} else {
				r.Findings = append(r.Findings, Finding{Code: "payslip.name_missing", Severity: "warning"})
			}
		}
		enc.Encode(r)
	}
	return 0
}

// fakeCorpus is a small corpus without TrueType fonts (quick).
func fakeCorpus(t *testing.T) (string, *corpus.Manifest) {
	t.Helper()
	dir := t.TempDir()
	m, err := corpus.Generate(corpus.Options{Seed: 5, Count: corpus.MinCount + 120, Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	return dir, m
}

func evaluate(t *testing.T, dir, mode string, cfg Config) (*Metrics, string, error) {
	t.Helper()
	t.Setenv("DOCEVAL_FAKE", mode)
	cfg.Corpus = dir
	cfg.Checker = []string{os.Args[0]}
	cfg.Out = filepath.Join(t.TempDir(), "report.md")
	cfg.JSON = filepath.Join(t.TempDir(), "metrics.json")
	cfg.Now = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	if err := Main(context.Background(), cfg); err != nil {
		return nil, "", err
	}
	b, err := os.ReadFile(cfg.JSON)
	if err != nil {
		t.Fatal(err)
	}
	var m Metrics
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	report, err := os.ReadFile(cfg.Out)
	if err != nil {
		t.Fatal(err)
	}
	return &m, string(report), nil
}

// The evaluator counts exactly the fake checker's mistakes, isolates a
// file that crashes the checker, and writes the report.
func TestEvaluateWithFakeChecker(t *testing.T) {
	dir, man := fakeCorpus(t)
	var crash string
	var wantWrong, wantN, wantMRZWrong, wantMRZ, wantHostile, wantEnglishMet int
	for f, e := range man.Documents {
		if e.ExpectAccepted && crash == "" && e.MRZ == nil && !fakeWrongCategory(e) {
			crash = f // its result is missing, so it counts as wrong
		}
	}
	t.Setenv("DOCEVAL_FAKE_CRASH", crash)
	for f, e := range man.Documents {
		if e.ExpectAccepted {
			wantN++
			if fakeWrongCategory(e) || f == crash {
				wantWrong++
			}
			if e.TestedLanguage == "en" && e.Category == "language_certificate" && !fakeWrongCategory(e) && cefrRank[e.LanguageLevel] >= 3 {
				wantEnglishMet++
			}
		} else {
			wantHostile++
		}
		if e.MRZ != nil && e.Format == "pdf" && e.TextLayer {
			wantMRZ++
			if fakeWrongMRZ(e) {
				wantMRZWrong++
			}
		}
	}
	if wantWrong < 2 || wantMRZWrong == 0 || wantEnglishMet == 0 {
		t.Fatalf("the fake corpus gives the fake checker too few chances to err: %d, %d, %d", wantWrong, wantMRZWrong, wantEnglishMet)
	}
	m, report, err := evaluate(t, dir, "ok", Config{})
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Classification.Accuracy; got.N != wantN || got.N-got.Hits != wantWrong {
		t.Errorf("classification %+v, want %d wrong of %d", got, wantWrong, wantN)
	}
	if len(m.Problems) != 1 || m.Problems[crash] == "" || !strings.Contains(m.Problems[crash], "crash on") {
		t.Errorf("problems %v, want the crash of %s with its message", m.Problems, crash)
	}
	if m.Examined != len(man.Documents)-1 {
		t.Errorf("examined %d of %d", m.Examined, len(man.Documents))
	}
	if got := m.MRZ.Exact; got.N != wantMRZ || got.N-got.Hits != wantMRZWrong || m.MRZ.FieldErrors["surname"] != wantMRZWrong {
		t.Errorf("MRZ %+v, field errors %v; want %d wrong of %d", got, m.MRZ.FieldErrors, wantMRZWrong, wantMRZ)
	}
	if got := m.Hygiene.Refused; got.N != wantHostile || got.Hits != wantHostile-1 {
		t.Errorf("hostile refused %+v, want all but the SVG of %d", got, wantHostile)
	}
	if !m.Hygiene.Measured || len(m.Hygiene.Kinds) != wantHostile {
		t.Errorf("hostile files not measured one by one: %+v", m.Hygiene)
	}
	// English certificates at B1 or above pre-fill "met" for German: wrong.
	for _, c := range m.Criteria {
		switch c.Key {
		case corpus.MetLanguageB1:
			if c.Met.N == 0 || c.Met.N-c.Met.Hits != wantEnglishMet {
				t.Errorf("language pre-fill %+v, want %d wrong (English certificates)", c.Met, wantEnglishMet)
			}
		case corpus.MetSalaryThreshold:
			if c.NotMet.N == 0 || c.NotMet.Hits != c.NotMet.N || c.Met.N != 0 {
				t.Errorf("salary pre-fill %+v / %+v, want only right 'not met'", c.Met, c.NotMet)
			}
		case corpus.MetPayslipName:
			if c.Met.N+c.NotMet.N != 0 {
				t.Errorf("payslip name measured without the applicant: %+v %+v", c.Met, c.NotMet)
			}
		}
	}
	gate := func(name string) Gate {
		for _, g := range m.Gates {
			if strings.HasPrefix(g.Name, name) {
				return g
			}
		}
		t.Fatalf("no gate %q", name)
		return Gate{}
	}
	if g := gate("Hostile files refused"); g.Pass == nil || *g.Pass {
		t.Errorf("hostile gate %+v, want fail (the SVG was accepted)", g)
	}
	if g := gate("Classification"); g.Pass == nil || *g.Pass != (float64(wantN-wantWrong)/float64(wantN) >= GateClassification) {
		t.Errorf("classification gate %+v", g)
	}
	for _, want := range []string{"# Document checks", "## Acceptance (issue 6)", "| Classification accuracy | ≥ 95 % |",
		"## Classification per category", "| passport |", "## Hostile files", "fake.refused", "seed 5", "Files without a result", crash} {
		if !strings.Contains(report, want) {
			t.Errorf("report lacks %q", want)
		}
	}
}

// With arguments for the applicant, each file is checked alone and the
// payslip criterion is measured.
func TestEvaluatePersonArgs(t *testing.T) {
	dir, man := fakeCorpus(t)
	payslips := 0
	for _, e := range man.Documents {
		if e.Category == "payslip" {
			payslips++
		}
	}
	m, _, err := evaluate(t, dir, "ok", Config{PersonArgs: []string{"--person={surname}|{given_names}|{birth_date}|{nationality}"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range m.Criteria {
		if c.Key == corpus.MetPayslipName && (c.Met.N+c.NotMet.N != payslips || c.Met.Hits != c.Met.N || c.NotMet.Hits != c.NotMet.N) {
			t.Errorf("payslip name %+v %+v, want %d right claims", c.Met, c.NotMet, payslips)
		}
	}
	if m.Speed.Processes < len(man.Documents) {
		t.Errorf("%d processes for %d files, want one per file", m.Speed.Processes, len(man.Documents))
	}
}

// Without the command the evaluator says so instead of reporting nothing.
func TestMissingCommand(t *testing.T) {
	dir, _ := fakeCorpus(t)
	_, _, err := evaluate(t, dir, "missing", Config{})
	if !errors.Is(err, ErrNoCommand) || !strings.Contains(err.Error(), `unknown command "docs"`) {
		t.Fatalf("err = %v, want ErrNoCommand with the command's message", err)
	}
}

// Evaluate on a hand-made truth: every measure on a case small enough to
// count by hand.
func TestEvaluateByHand(t *testing.T) {
	valid := &corpus.MRZ{Format: "TD3", Valid: true, DocumentCode: "P", IssuingState: "TUR", Surname: "YILMAZ", GivenNames: "UMIT",
		DocumentNumber: "U12345678", Nationality: "TUR", BirthDate: "1980-01-02", Sex: "M", ExpiryDate: "2030-01-01",
		Checks: map[string]bool{"document_number": true, "birth_date": true, "expiry_date": true, "personal_number": true, "composite": true}}
	broken := *valid
	broken.Valid, broken.Checks = false, map[string]bool{"document_number": false, "birth_date": true, "expiry_date": true, "personal_number": true, "composite": false}
	t1 := true
	man := &corpus.Manifest{Seed: 9, Today: "2026-03-01", Documents: map[string]*corpus.Entry{
		"a.pdf": {File: "a.pdf", Format: "pdf", TextLayer: true, Category: "passport", ExpectAccepted: true, MRZ: valid, MRZValid: &t1, MRZLines: []string{"x", "y"}},
		"b.pdf": {File: "b.pdf", Format: "pdf", TextLayer: true, Category: "passport", ExpectAccepted: true, MRZ: &broken, MRZLines: []string{"x", "y"}},
		"c.pdf": {File: "c.pdf", Format: "pdf", TextLayer: true, Category: "language_certificate", ExpectAccepted: true,
			LanguageLevel: "B2", TestedLanguage: "de", Met: map[string]bool{corpus.MetLanguageB1: true}},
		"d.pdf": {File: "d.pdf", Format: "pdf", TextLayer: true, Category: "payslip", ExpectAccepted: true},
		"e.pdf": {File: "e.pdf", Format: "bin", Category: "other", Hostile: "elf_named_pdf"},
	}}
	gotBroken := broken
	gotBroken.Surname = "YILMAS"
	run := &Run{Results: map[string]*Result{
		"a.pdf": {File: "a.pdf", Accepted: true, Category: "passport", MRZ: valid},
		"b.pdf": {File: "b.pdf", Accepted: true, Category: "residence_permit", MRZ: &gotBroken},
		"c.pdf": {File: "c.pdf", Accepted: true, Category: "language_certificate", Facts: &Facts{LanguageLevel: "B2"}},
		"d.pdf": {File: "d.pdf", Accepted: false, Category: "other", Findings: []Finding{{Code: "x", Severity: "error"}}},
		"e.pdf": {File: "e.pdf", Accepted: false, Category: "other", Findings: []Finding{{Code: "type.not_allowed", Severity: "error"}}},
	}, Problems: map[string]string{}}
	m := Evaluate(man, run, map[string]HostileResult{"e.pdf": {Seconds: 0.1, MB: 30}}, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
	if a := m.Classification.Accuracy; a.Hits != 2 || a.N != 4 {
		t.Errorf("accuracy %+v, want 2 of 4", a)
	}
	for _, c := range m.Classification.PerCategory {
		switch c.Category {
		case "passport":
			if c.Support != 2 || c.Predicted != 1 || c.Precision != 1 || c.Recall != 0.5 {
				t.Errorf("passport %+v", c)
			}
		case "residence_permit":
			if c.Predicted != 1 || c.Precision != 0 {
				t.Errorf("residence_permit %+v", c)
			}
		}
	}
	if e := m.MRZ.Exact; e.Hits != 1 || e.N != 2 || m.MRZ.FieldErrors["surname"] != 1 || m.MRZ.BrokenFlagged.Hits != 1 {
		t.Errorf("MRZ %+v", m.MRZ)
	}
	if m.MRZ.ValidClaims != 1 || m.MRZ.ValidRight != 1 || m.MRZ.TruthValid != 1 {
		t.Errorf("valid verdict %d/%d/%d", m.MRZ.ValidClaims, m.MRZ.ValidRight, m.MRZ.TruthValid)
	}
	if h := m.Hygiene; h.Refused.Hits != 1 || h.FalseRefusals.Hits != 1 || h.FalseRefusals.N != 4 || h.MaxMB != 30 {
		t.Errorf("hygiene %+v", h)
	}
	if c := m.Criteria[0]; c.Met.Hits != 1 || c.Met.N != 1 {
		t.Errorf("language %+v", c)
	}
	for _, g := range m.Gates {
		if g.Pass == nil {
			t.Errorf("gate %q not measured", g.Name)
			continue
		}
		wantPass := strings.HasPrefix(g.Name, "Hostile") || strings.HasPrefix(g.Name, "Each hostile") || strings.HasPrefix(g.Name, "Checklist")
		if *g.Pass != wantPass {
			t.Errorf("gate %q pass=%v, want %v (%s)", g.Name, *g.Pass, wantPass, g.Measured)
		}
	}
}
