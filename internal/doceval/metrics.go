package doceval

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/smd-oss/smd/internal/corpus"
	"github.com/smd-oss/smd/rules"
)

// Acceptance thresholds of issue 6.
const (
	GateMRZ            = 0.99 // MRZ extraction from PDFs with a text layer, exact
	GateClassification = 0.95 // classification accuracy
	GateMet            = 0.99 // checklist pre-fills that say "met" are right
	GateHostileSeconds = 5.0  // each hostile file refused within
	GateHostileMB      = 256  // and within this much memory
)

// Metrics are the measurements of one evaluation.
type Metrics struct {
	Seed      uint64 `json:"seed"`
	Count     int    `json:"count"`
	Today     string `json:"corpus_today"`
	Evaluated string `json:"evaluated"` // date of the evaluation (expiry and thresholds depend on it)
	Examined  int    `json:"examined"`
	// Problems are files the command gave no result for.
	Problems       map[string]string `json:"problems,omitempty"`
	Classification Classification    `json:"classification"`
	Hygiene        Hygiene           `json:"hygiene"`
	MRZ            MRZMetrics        `json:"mrz"`
	Facts          []FactScore       `json:"facts"`
	Criteria       []CriterionScore  `json:"criteria"`
	Codes          []CodeCount       `json:"codes"`
	Speed          Speed             `json:"speed"`
	Gates          []Gate            `json:"gates"`
}

// Rate is hits of n.
type Rate struct {
	Hits int `json:"hits"`
	N    int `json:"n"`
}

func (r Rate) Value() float64 {
	if r.N == 0 {
		return 0
	}
	return float64(r.Hits) / float64(r.N)
}

func (r *Rate) add(hit bool) {
	r.N++
	if hit {
		r.Hits++
	}
}

// Classification compares the category of every document the pipeline must
// accept with the truth.
type Classification struct {
	Accuracy    Rate            `json:"accuracy"`
	PerCategory []CategoryScore `json:"per_category"`
	// Slices: accuracy by PDF writer, language and typos.
	Slices      []Slice     `json:"slices"`
	Confusions  []Confusion `json:"confusions"`
	Misses      []Miss      `json:"misses"`
	MacroPrec   float64     `json:"macro_precision"`
	MacroRecall float64     `json:"macro_recall"`
}

type CategoryScore struct {
	Category  string  `json:"category"`
	Support   int     `json:"support"`   // documents of the category in the truth
	Predicted int     `json:"predicted"` // documents the checker put there
	Right     int     `json:"right"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

type Slice struct {
	Name     string `json:"name"`
	Accuracy Rate   `json:"accuracy"`
}

type Confusion struct {
	Truth, Predicted string
	Count            int
}

// Miss is an example of a wrong answer, for whoever tunes the checks.
type Miss struct {
	File     string `json:"file"`
	Template string `json:"template"`
	Want     string `json:"want"`
	Got      string `json:"got"`
}

// Hygiene is the refusal of hostile files and the acceptance of the rest.
type Hygiene struct {
	Refused          Rate            `json:"refused"`            // hostile files refused
	WithErrorFinding Rate            `json:"with_error_finding"` // … with a finding of severity error
	FalseRefusals    Rate            `json:"false_refusals"`     // benign files refused
	Kinds            []HostileResult `json:"kinds"`
	FalseExamples    []Miss          `json:"false_examples"`
	MaxSeconds       float64         `json:"max_seconds"`
	MaxMB            float64         `json:"max_mb"`
	Measured         bool            `json:"measured"`
}

type HostileResult struct {
	Kind     string   `json:"kind"`
	File     string   `json:"file"`
	Reason   string   `json:"reason"`
	Refused  bool     `json:"refused"`
	Codes    []string `json:"codes"` // codes of the error findings
	Seconds  float64  `json:"seconds"`
	MB       float64  `json:"mb"`
	Problem  string   `json:"problem,omitempty"`
	Measured bool     `json:"measured"`
}

// MRZMetrics are the MRZ results on PDFs with a text layer.
type MRZMetrics struct {
	// Exact: the MRZ the checker reports equals the truth in every field,
	// the validity and each check, over documents with a well-formed MRZ.
	Exact       Rate `json:"exact"`
	ExactValid  Rate `json:"exact_valid"`  // … of those whose check digits hold
	ExactBroken Rate `json:"exact_broken"` // … of those with a wrong check digit or data
	// Validity of the "valid" verdict: precision and recall of valid=true.
	ValidClaims, ValidRight, TruthValid int
	// Broken detected: MRZs with a wrong digit reported with valid=false.
	BrokenFlagged Rate `json:"broken_flagged"`
	// Malformed MRZs (truncated, wrong length): none may be reported valid.
	MalformedValid Rate `json:"malformed_reported_valid"`
	// Documents without an MRZ for which one was reported.
	Phantom     Rate           `json:"phantom"`
	FieldErrors map[string]int `json:"field_errors"`
	Misses      []Miss         `json:"misses"`
}

// FactScore is how well a value the checklist uses was read.
type FactScore struct {
	Name string `json:"name"`
	// Read: documents where the checker gave the value; Right: … and it is
	// the truth; Truth: documents that state the value.
	Read, Right, Truth int
	Misses             []Miss `json:"misses"`
}

// CriterionScore is how right the pre-fills of one checklist criterion are.
type CriterionScore struct {
	Key, Title, Rule string
	Met, NotMet      Rate // claims and how many were right
	TruthMet         int  // documents that meet the criterion
	Misses           []Miss
}

type CodeCount struct {
	Code, Severity string
	Count          int
}

// Speed is how fast the command checked the corpus.
type Speed struct {
	Wall, CPU   time.Duration
	Processes   int
	Files       int
	FilesPerCPU float64 `json:"files_per_cpu_second"`
}

// Gate is one acceptance criterion of the issue.
type Gate struct {
	Name      string `json:"name"`
	Threshold string `json:"threshold"`
	Measured  string `json:"measured"`
	Pass      *bool  `json:"pass"` // nil: not measured
}

// criterion derives the pre-fill the product makes from one result, as
// web/doccheckview.go (withEvidence) does: "met", "not_met" or "".
type criterion struct {
	key, title, rule string
	claim            func(r *Result, now time.Time) string
	truth            func(e *corpus.Entry, now time.Time) bool
}

var cefrRank = map[string]int{"A1": 1, "A2": 2, "B1": 3, "B2": 4, "C1": 5, "C2": 6}

// blueCard are the § 18g thresholds (standard, reduced) of a date's year
// (law-and-standards.md § 2.3).
func blueCard(now time.Time) (standard, reduced float64) {
	if now.Year() >= 2026 {
		return 50700, 45934.20
	}
	return 48300, 43759.80
}

var criteria = []criterion{
	{key: corpus.MetLanguageB1, title: "Sprachkenntnisse B1 (NAT-09)",
		rule: "accepted, category language_certificate, facts.language_level B1 or above → met; A1/A2 → not met",
		claim: func(r *Result, _ time.Time) string {
			if !r.Accepted || r.Category != "language_certificate" || r.Facts == nil || cefrRank[r.Facts.LanguageLevel] == 0 {
				return ""
			}
			if cefrRank[r.Facts.LanguageLevel] >= cefrRank["B1"] {
				return "met"
			}
			return "not_met"
		},
		truth: func(e *corpus.Entry, _ time.Time) bool { return e.Met[corpus.MetLanguageB1] }},
	{key: corpus.MetSalaryThreshold, title: "Gehalt Blaue Karte (AT-18G)",
		rule: "accepted, facts.annual_salary_eur below the reduced threshold of the day → not met (the product never pre-fills met)",
		claim: func(r *Result, now time.Time) string {
			if !r.Accepted || r.Facts == nil || r.Facts.AnnualSalaryEUR <= 0 {
				return ""
			}
			if _, reduced := blueCard(now); r.Facts.AnnualSalaryEUR < reduced {
				return "not_met"
			}
			return ""
		},
		truth: func(e *corpus.Entry, _ time.Time) bool { return e.Met[corpus.MetSalaryThreshold] }},
	{key: corpus.MetPayslipName, title: "Name auf der Gehaltsabrechnung",
		rule: "finding payslip.name_found → met, payslip.name_missing → not met (needs the application's people)",
		claim: func(r *Result, _ time.Time) string {
			switch {
			case r.has("payslip.name_found"):
				return "met"
			case r.has("payslip.name_missing"):
				return "not_met"
			}
			return ""
		},
		truth: func(e *corpus.Entry, _ time.Time) bool { return e.Met[corpus.MetPayslipName] }},
	{key: "identity", title: "Identität aus der MRZ (NAT-03)",
		rule: "valid MRZ, no doubting finding, matched to the applicant with the same birth date → met (needs the application's people)",
		claim: func(r *Result, _ time.Time) string {
			if !r.Accepted || r.MRZ == nil || !r.MRZ.Valid || r.Match == nil || r.Match.Person != 0 || r.Match.BirthDate != "same" {
				return ""
			}
			for _, f := range r.Findings {
				if strings.HasPrefix(f.Code, "mrz.") && f.Severity != "info" {
					return ""
				}
			}
			return "met"
		},
		truth: func(e *corpus.Entry, now time.Time) bool {
			return e.MRZ != nil && e.MRZ.Valid && !e.Specimen && e.MRZ.ExpiryDate >= now.Format("2006-01-02") &&
				e.NameMatchesApplicant != nil && *e.NameMatchesApplicant
		}},
	{key: corpus.MetCitizenshipTest, title: "Einbürgerungstest (NAT-10)",
		rule: "accepted, category citizenship_test_certificate, facts.test_points at least the pass mark of the law data (17 of 33) → met; fewer → not met",
		claim: func(r *Result, now time.Time) string {
			if !r.Accepted || r.Category != "citizenship_test_certificate" || r.Facts == nil || r.Facts.TestPoints == 0 {
				return ""
			}
			pass, ok := civicsPassMark(now)
			if !ok {
				return ""
			}
			if r.Facts.TestPoints >= pass {
				return "met"
			}
			return "not met"
		},
		truth: func(e *corpus.Entry, _ time.Time) bool { return e.Met[corpus.MetCitizenshipTest] }},
}

const maxExamples = 15

// Evaluate compares the run with the truth.
func Evaluate(m *corpus.Manifest, run *Run, hostile map[string]HostileResult, now time.Time) *Metrics {
	out := &Metrics{Seed: m.Seed, Count: len(m.Documents), Today: m.Today, Evaluated: now.Format("2006-01-02"),
		Examined: len(run.Results), Problems: run.Problems}
	files := make([]string, 0, len(m.Documents))
	for f := range m.Documents {
		files = append(files, f)
	}
	sort.Strings(files)
	empty := &Result{Category: "", Findings: nil}
	get := func(f string) *Result {
		if r := run.Results[f]; r != nil {
			return r
		}
		return empty // no result counts against every measure
	}

	// Classification.
	cl := &out.Classification
	support, predicted, right := map[string]int{}, map[string]int{}, map[string]int{}
	confusions := map[[2]string]int{}
	slices := map[string]*Rate{}
	slice := func(name string, hit bool) {
		if slices[name] == nil {
			slices[name] = &Rate{}
		}
		slices[name].add(hit)
	}
	for _, f := range files {
		e := m.Documents[f]
		if !e.ExpectAccepted {
			continue
		}
		r := get(f)
		hit := r.Category == e.Category
		cl.Accuracy.add(hit)
		support[e.Category]++
		predicted[r.Category]++
		if hit {
			right[e.Category]++
		} else {
			confusions[[2]string{e.Category, r.Category}]++
			if len(cl.Misses) < maxExamples*2 {
				cl.Misses = append(cl.Misses, Miss{File: f, Template: e.Template, Want: e.Category, Got: orNone(r.Category)})
			}
		}
		slice("writer: "+e.Producer, hit)
		slice("language: "+e.Language, hit)
		if e.Typos {
			slice("with typos", hit)
		} else {
			slice("without typos", hit)
		}
	}
	for _, c := range corpus.Categories {
		s := CategoryScore{Category: c, Support: support[c], Predicted: predicted[c], Right: right[c]}
		if s.Predicted > 0 {
			s.Precision = float64(s.Right) / float64(s.Predicted)
		}
		if s.Support > 0 {
			s.Recall = float64(s.Right) / float64(s.Support)
		}
		if s.Precision+s.Recall > 0 {
			s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
		}
		cl.MacroPrec += s.Precision / float64(len(corpus.Categories))
		cl.MacroRecall += s.Recall / float64(len(corpus.Categories))
		cl.PerCategory = append(cl.PerCategory, s)
	}
	for k, n := range confusions {
		cl.Confusions = append(cl.Confusions, Confusion{Truth: k[0], Predicted: orNone(k[1]), Count: n})
	}
	sort.Slice(cl.Confusions, func(i, j int) bool {
		a, b := cl.Confusions[i], cl.Confusions[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		return a.Truth+a.Predicted < b.Truth+b.Predicted
	})
	names := make([]string, 0, len(slices))
	for n := range slices {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		cl.Slices = append(cl.Slices, Slice{Name: n, Accuracy: *slices[n]})
	}

	// Hygiene.
	hy := &out.Hygiene
	for _, f := range files {
		e := m.Documents[f]
		r := get(f)
		refused := r != empty && !r.Accepted
		if e.ExpectAccepted {
			hy.FalseRefusals.add(refused)
			if refused && len(hy.FalseExamples) < maxExamples {
				hy.FalseExamples = append(hy.FalseExamples, Miss{File: f, Template: e.Template, Want: "accepted", Got: strings.Join(errorCodes(r), ", ")})
			}
			continue
		}
		hy.Refused.add(refused)
		codes := errorCodes(r)
		hy.WithErrorFinding.add(refused && len(codes) > 0)
		h := HostileResult{Kind: e.Hostile, File: f, Reason: e.Reason, Refused: refused, Codes: codes}
		if hr, ok := hostile[f]; ok {
			h.Seconds, h.MB, h.Problem, h.Measured = hr.Seconds, hr.MB, hr.Problem, true
			hy.Measured = true
			hy.MaxSeconds = max(hy.MaxSeconds, h.Seconds)
			hy.MaxMB = max(hy.MaxMB, h.MB)
		}
		if p := run.Problems[f]; p != "" && h.Problem == "" {
			h.Problem = p
		}
		hy.Kinds = append(hy.Kinds, h)
	}

	// MRZ, on PDFs with a text layer the pipeline must accept.
	mz := &out.MRZ
	mz.FieldErrors = map[string]int{}
	for _, f := range files {
		e := m.Documents[f]
		if !e.ExpectAccepted || e.Format != "pdf" || !e.TextLayer {
			continue
		}
		r := get(f)
		if r.MRZ != nil && r.MRZ.Valid {
			mz.ValidClaims++
			if e.MRZ != nil && e.MRZ.Valid {
				mz.ValidRight++
			}
		}
		if e.MRZ != nil && e.MRZ.Valid {
			mz.TruthValid++
		}
		switch {
		case e.MRZ != nil:
			diffs := mrzDiff(e.MRZ, r.MRZ)
			exact := len(diffs) == 0
			mz.Exact.add(exact)
			if e.MRZ.Valid {
				mz.ExactValid.add(exact)
			} else {
				mz.ExactBroken.add(exact)
				mz.BrokenFlagged.add(r.MRZ != nil && !r.MRZ.Valid)
			}
			for _, d := range diffs {
				mz.FieldErrors[d.field]++
			}
			if !exact && len(mz.Misses) < maxExamples {
				d := diffs[0]
				mz.Misses = append(mz.Misses, Miss{File: f, Template: e.Template + " " + e.MRZDefect, Want: d.field + "=" + d.want, Got: d.got})
			}
		case len(e.MRZLines) > 0: // truncated or wrong length
			mz.MalformedValid.add(r.MRZ != nil && r.MRZ.Valid)
		default:
			mz.Phantom.add(r.MRZ != nil)
		}
	}

	// Facts.
	lang := FactScore{Name: "language level (German certificates)"}
	sal := FactScore{Name: "annual gross salary (employment contracts)"}
	for _, f := range files {
		e := m.Documents[f]
		if !e.ExpectAccepted {
			continue
		}
		r := get(f)
		if e.Category == "language_certificate" && e.TestedLanguage == "de" {
			want := e.LanguageLevel
			got := ""
			if r.Facts != nil {
				got = r.Facts.LanguageLevel
			}
			if want != "" {
				lang.Truth++
			}
			if got != "" {
				lang.Read++
				if got == want {
					lang.Right++
				} else if len(lang.Misses) < maxExamples {
					if want == "" {
						want = "none (not passed)"
					}
					lang.Misses = append(lang.Misses, Miss{File: f, Template: e.Template, Want: want, Got: got})
				}
			}
		}
		if e.Category == "employment_contract" && e.SalaryEUR != nil {
			sal.Truth++
			if r.Facts != nil && r.Facts.AnnualSalaryEUR > 0 {
				sal.Read++
				if d := r.Facts.AnnualSalaryEUR - *e.SalaryEUR; d > -0.5 && d < 0.5 {
					sal.Right++
				} else if len(sal.Misses) < maxExamples {
					sal.Misses = append(sal.Misses, Miss{File: f, Template: e.Template, Want: fmt.Sprintf("%.2f", *e.SalaryEUR), Got: fmt.Sprintf("%.2f", r.Facts.AnnualSalaryEUR)})
				}
			}
		}
	}
	out.Facts = []FactScore{lang, sal}

	// Checklist criteria.
	for _, c := range criteria {
		s := CriterionScore{Key: c.key, Title: c.title, Rule: c.rule}
		for _, f := range files {
			e := m.Documents[f]
			if !e.ExpectAccepted {
				continue
			}
			truth := c.truth(e, now)
			if truth {
				s.TruthMet++
			}
			switch c.claim(get(f), now) {
			case "met":
				s.Met.add(truth)
				if !truth && len(s.Misses) < maxExamples {
					s.Misses = append(s.Misses, Miss{File: f, Template: e.Template, Want: "not met", Got: "met"})
				}
			case "not_met":
				s.NotMet.add(!truth)
				if truth && len(s.Misses) < maxExamples {
					s.Misses = append(s.Misses, Miss{File: f, Template: e.Template, Want: "met", Got: "not met"})
				}
			}
		}
		out.Criteria = append(out.Criteria, s)
	}

	// Finding codes.
	codes := map[[2]string]int{}
	for _, r := range run.Results {
		for _, fd := range r.Findings {
			codes[[2]string{fd.Code, fd.Severity}]++
		}
	}
	for k, n := range codes {
		out.Codes = append(out.Codes, CodeCount{Code: k[0], Severity: k[1], Count: n})
	}
	sort.Slice(out.Codes, func(i, j int) bool {
		if out.Codes[i].Count != out.Codes[j].Count {
			return out.Codes[i].Count > out.Codes[j].Count
		}
		return out.Codes[i].Code < out.Codes[j].Code
	})

	out.Speed = Speed{Wall: run.Wall, CPU: run.CPU, Processes: run.Processes, Files: len(run.Results)}
	if run.CPU > 0 {
		out.Speed.FilesPerCPU = float64(len(run.Results)) / run.CPU.Seconds()
	}
	out.Gates = gates(out)
	return out
}

func gates(m *Metrics) []Gate {
	pass := func(ok bool) *bool { return &ok }
	pct := func(r Rate) string { return fmt.Sprintf("%.1f %% (%d of %d)", 100*r.Value(), r.Hits, r.N) }
	var gs []Gate
	gs = append(gs, Gate{Name: "MRZ extraction from PDFs with a text layer, exact", Threshold: "≥ 99 %",
		Measured: pct(m.MRZ.Exact), Pass: pass(m.MRZ.Exact.N > 0 && m.MRZ.Exact.Value() >= GateMRZ)})
	gs = append(gs, Gate{Name: "Classification accuracy", Threshold: "≥ 95 %",
		Measured: pct(m.Classification.Accuracy), Pass: pass(m.Classification.Accuracy.N > 0 && m.Classification.Accuracy.Value() >= GateClassification)})
	var met Rate
	for _, c := range m.Criteria {
		met.Hits += c.Met.Hits
		met.N += c.Met.N
	}
	g := Gate{Name: `Checklist pre-fills that say "met" are right`, Threshold: "≥ 99 %", Measured: pct(met)}
	if met.N > 0 {
		g.Pass = pass(met.Value() >= GateMet)
	} else {
		g.Measured = `not measured: no "met" pre-fill in the results`
	}
	gs = append(gs, g)
	gs = append(gs, Gate{Name: "Hostile files refused with an error finding", Threshold: "100 %",
		Measured: pct(m.Hygiene.WithErrorFinding), Pass: pass(m.Hygiene.WithErrorFinding.N > 0 && m.Hygiene.WithErrorFinding.Hits == m.Hygiene.WithErrorFinding.N)})
	g = Gate{Name: "Each hostile file within 5 s and 256 MB (one process per file)", Threshold: "≤ 5 s, ≤ 256 MB"}
	if m.Hygiene.Measured {
		g.Measured = fmt.Sprintf("at most %.2f s, %.0f MB", m.Hygiene.MaxSeconds, m.Hygiene.MaxMB)
		ok := m.Hygiene.MaxSeconds <= GateHostileSeconds && m.Hygiene.MaxMB <= GateHostileMB
		for _, k := range m.Hygiene.Kinds {
			ok = ok && k.Problem == ""
		}
		g.Pass = pass(ok)
	} else {
		g.Measured = "not measured"
	}
	gs = append(gs, g)
	return gs
}

type fieldDiff struct{ field, want, got string }

// mrzDiff lists the fields in which got differs from the truth: every
// field of the `smd mrz` JSON, the validity and each check the truth has.
func mrzDiff(want, got *corpus.MRZ) []fieldDiff {
	if got == nil {
		return []fieldDiff{{"mrz", want.Format + " " + want.DocumentNumber, "none"}}
	}
	var d []fieldDiff
	cmp := func(name, w, g string) {
		if w != g {
			d = append(d, fieldDiff{name, w, g})
		}
	}
	cmp("format", want.Format, got.Format)
	cmp("valid", fmt.Sprint(want.Valid), fmt.Sprint(got.Valid))
	cmp("document_code", want.DocumentCode, got.DocumentCode)
	cmp("issuing_state", want.IssuingState, got.IssuingState)
	cmp("surname", want.Surname, got.Surname)
	cmp("given_names", want.GivenNames, got.GivenNames)
	cmp("document_number", want.DocumentNumber, got.DocumentNumber)
	cmp("nationality", want.Nationality, got.Nationality)
	cmp("birth_date", want.BirthDate, got.BirthDate)
	cmp("sex", want.Sex, got.Sex)
	cmp("expiry_date", want.ExpiryDate, got.ExpiryDate)
	cmp("personal_number", want.PersonalNumber, got.PersonalNumber)
	keys := make([]string, 0, len(want.Checks))
	for k := range want.Checks {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		g, ok := got.Checks[k]
		if !ok {
			d = append(d, fieldDiff{"checks." + k, fmt.Sprint(want.Checks[k]), "missing"})
		} else if g != want.Checks[k] {
			d = append(d, fieldDiff{"checks." + k, fmt.Sprint(want.Checks[k]), fmt.Sprint(g)})
		}
	}
	return d
}

func errorCodes(r *Result) []string {
	var out []string
	for _, f := range r.Findings {
		if f.Severity == "error" {
			out = append(out, f.Code)
		}
	}
	return out
}

func orNone(s string) string {
	if s == "" {
		return "(no result)"
	}
	return s
}

// civicsPassMark is the pass mark of the Einbürgerungstest in the law data
// on the day, as the workbench reads it.
func civicsPassMark(now time.Time) (int, bool) {
	law, err := rules.Load()
	if err != nil {
		return 0, false
	}
	return law.CivicsPassMark(rules.DateOf(now))
}
