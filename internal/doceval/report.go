package doceval

import (
	"fmt"
	"io"
	"strings"
)

// Meta describes how a report came about.
type Meta struct {
	Command  string // how to reproduce: make eval
	Checker  string // the command line of the checker
	Version  string // smd version (git describe)
	Machine  string
	Font     string
	Duration string // of the whole evaluation
}

func pct(v float64) string { return fmt.Sprintf("%.1f %%", 100*v) }

func rate(r Rate) string {
	if r.N == 0 {
		return "–"
	}
	return fmt.Sprintf("%s (%d/%d)", pct(r.Value()), r.Hits, r.N)
}

func ratio(hits, n int) string { return rate(Rate{Hits: hits, N: n}) }

func verdict(p *bool) string {
	switch {
	case p == nil:
		return "not measured"
	case *p:
		return "**pass**"
	}
	return "**fail**"
}

// WriteMarkdown writes the report of docs/document-checks.md.
func WriteMarkdown(w io.Writer, m *Metrics, meta Meta) error {
	var b strings.Builder
	p := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	p("# Document checks: measured on the evaluation corpus\n\n")
	p("This file is written by `%s` (issue 6, item 8); do not edit it by hand. ", meta.Command)
	p("The corpus is synthetic and labelled (`internal/corpus`, see docs/testing.md); the evaluator reads only the JSON lines of ")
	p("`smd docs check --json` (interfaces.md, \"Documents\") and compares them with the corpus's `truth.json`.\n\n")
	p("| | |\n|---|---|\n")
	p("| Command | `%s` |\n", meta.Command)
	p("| Checker | `%s` (smd %s) |\n", meta.Checker, meta.Version)
	p("| Corpus | %d documents, seed %d, reference date %s |\n", m.Count, m.Seed, m.Today)
	if meta.Font != "" {
		p("| Font of the gopdf documents | %s |\n", meta.Font)
	}
	p("| Evaluated on | %s |\n", m.Evaluated)
	p("| Machine | %s |\n", meta.Machine)
	p("| Results | %d of %d files", m.Examined, m.Count)
	if len(m.Problems) > 0 {
		p(", **%d without a result**", len(m.Problems))
	}
	p(" |\n")
	p("| Speed | %d files in %.1f s wall, %.1f s CPU over %d processes: %.0f files per CPU second |\n",
		m.Speed.Files, m.Speed.Wall.Seconds(), m.Speed.CPU.Seconds(), m.Speed.Processes, m.Speed.FilesPerCPU)
	if meta.Duration != "" {
		p("| Whole evaluation | %s |\n", meta.Duration)
	}

	p("\n**Limits of this measurement.** The documents are synthetic: many templates per category with varied layout, ")
	p("wording, typos, cover letters and near misses, but the people who write the checks can read the templates, so the ")
	p("numbers are an upper bound for real uploads (tune on another seed; new templates are the honest test). Images carry ")
	p("no text (OCR is not measured). The payslip-name and identity pre-fills need the application's people, which ")
	p("`smd docs check` does not take; they are measured only with `-person-args`.\n")

	p("\n## Acceptance (issue 6)\n\n| Criterion | Threshold | Measured | Result |\n|---|---|---|---|\n")
	for _, g := range m.Gates {
		p("| %s | %s | %s | %s |\n", g.Name, g.Threshold, g.Measured, verdict(g.Pass))
	}

	p("\n## Per check\n\nPrecision: of the documents the check flagged, the share it was right for; recall: of the documents it should have flagged, the share it did.\n\n")
	p("| Check | Precision | Recall | Notes |\n|---|---|---|---|\n")
	hy := m.Hygiene
	refusedAll := hy.Refused.Hits + (hy.FalseRefusals.Hits)
	p("| Refusal of hostile files | %s | %s | benign files refused: %s |\n", ratio(hy.Refused.Hits, refusedAll), rate(hy.Refused), rate(hy.FalseRefusals))
	p("| Classification (macro average over %d categories) | %s | %s | accuracy %s |\n", len(m.Classification.PerCategory),
		pct(m.Classification.MacroPrec), pct(m.Classification.MacroRecall), rate(m.Classification.Accuracy))
	p("| MRZ read exactly (every field, validity, each check digit) | – | %s | valid MRZs %s, with a wrong check digit %s |\n", rate(m.MRZ.Exact), rate(m.MRZ.ExactValid), rate(m.MRZ.ExactBroken))
	p("| MRZ verdict \"valid\" | %s | %s | |\n", ratio(m.MRZ.ValidRight, m.MRZ.ValidClaims), ratio(m.MRZ.ValidRight, m.MRZ.TruthValid))
	p("| Broken MRZ (wrong check digit) reported invalid | – | %s | |\n", rate(m.MRZ.BrokenFlagged))
	p("| Malformed MRZ (truncated, wrong length) reported valid | – | – | %s (must be 0) |\n", rate(m.MRZ.MalformedValid))
	p("| MRZ reported where there is none | – | – | %s (must be 0) |\n", rate(m.MRZ.Phantom))
	for _, f := range m.Facts {
		p("| Fact: %s | %s | %s | read on %d of %d documents that state it |\n", f.Name, ratio(f.Right, f.Read), ratio(f.Right, f.Truth), f.Read, f.Truth)
	}

	p("\n## Checklist pre-fills\n\nThe pre-fill is derived from each result as the workbench derives it (web/doccheckview.go, `withEvidence`); ")
	p("\"right\" means the truth of the document agrees. Criteria that need the application's people (payslip name, identity) are only measured when the evaluator passes them (`-person-args`).\n\n")
	p("| Criterion | Rule | \"met\" right | \"not met\" right | documents meeting it |\n|---|---|---|---|---|\n")
	for _, c := range m.Criteria {
		p("| %s | %s | %s | %s | %d |\n", c.Title, c.Rule, rate(c.Met), rate(c.NotMet), c.TruthMet)
	}

	p("\n## Classification per category\n\nOver the %d documents the pipeline must accept.\n\n", m.Classification.Accuracy.N)
	p("| Category | Documents | Predicted | Right | Precision | Recall | F1 |\n|---|---:|---:|---:|---:|---:|---:|\n")
	for _, c := range m.Classification.PerCategory {
		p("| %s | %d | %d | %d | %s | %s | %s |\n", c.Category, c.Support, c.Predicted, c.Right, pct(c.Precision), pct(c.Recall), pct(c.F1))
	}
	p("\n| Slice | Accuracy |\n|---|---|\n")
	for _, s := range m.Classification.Slices {
		p("| %s | %s |\n", s.Name, rate(s.Accuracy))
	}
	if len(m.Classification.Confusions) > 0 {
		p("\nMost frequent confusions:\n\n| Truth | Predicted | Documents |\n|---|---|---:|\n")
		for i, c := range m.Classification.Confusions {
			if i == maxExamples {
				break
			}
			p("| %s | %s | %d |\n", c.Truth, c.Predicted, c.Count)
		}
	}

	p("\n## MRZ\n\nOn the PDFs with a text layer: %s read exactly. ", rate(m.MRZ.Exact))
	if len(m.MRZ.FieldErrors) > 0 {
		p("Fields that differed: ")
		first := true
		for _, k := range sortedKeys(m.MRZ.FieldErrors) {
			if !first {
				p(", ")
			}
			p("%s %d", k, m.MRZ.FieldErrors[k])
			first = false
		}
		p(".")
	}
	p("\n")

	p("\n## Hostile files\n\nEach was also run in its own process to measure time and peak memory (maximum resident set size of the whole `smd` process).\n\n")
	p("| File | Kind | Refused | Error findings | Time | Memory |\n|---|---|---|---|---:|---:|\n")
	for _, k := range hy.Kinds {
		t, mem := "–", "–"
		if k.Measured {
			t, mem = fmt.Sprintf("%.2f s", k.Seconds), fmt.Sprintf("%.0f MB", k.MB)
		}
		refused := "yes"
		if !k.Refused {
			refused = "**no**"
		}
		codes := strings.Join(k.Codes, ", ")
		if k.Problem != "" {
			codes += " " + k.Problem
		}
		p("| %s | %s | %s | %s | %s | %s |\n", k.File, k.Reason, refused, codes, t, mem)
	}
	if len(hy.FalseExamples) > 0 {
		p("\nBenign files refused:\n\n")
		writeMisses(&b, hy.FalseExamples)
	}

	p("\n## Finding codes seen\n\n| Code | Severity | Results |\n|---|---|---:|\n")
	for _, c := range m.Codes {
		p("| %s | %s | %d |\n", c.Code, c.Severity, c.Count)
	}

	p("\n## Examples of wrong answers\n\nFor whoever tunes the checks: the first few of each kind (file, template of the generator, truth, answer).\n")
	section := func(title string, ms []Miss) {
		if len(ms) == 0 {
			return
		}
		p("\n### %s\n\n", title)
		writeMisses(&b, ms)
	}
	section("Classification", m.Classification.Misses)
	section("MRZ", m.MRZ.Misses)
	for _, f := range m.Facts {
		section("Fact: "+f.Name, f.Misses)
	}
	for _, c := range m.Criteria {
		section("Pre-fill: "+c.Title, c.Misses)
	}
	if len(m.Problems) > 0 {
		p("\n### Files without a result\n\n| File | Problem |\n|---|---|\n")
		for _, f := range sortedKeys(m.Problems) {
			p("| %s | %s |\n", f, m.Problems[f])
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeMisses(b *strings.Builder, ms []Miss) {
	b.WriteString("| File | Template | Truth | Answer |\n|---|---|---|---|\n")
	for _, m := range ms {
		fmt.Fprintf(b, "| %s | %s | %s | %s |\n", m.File, m.Template, esc(m.Want), esc(m.Got))
	}
}

func esc(s string) string { return strings.ReplaceAll(s, "|", "\\|") }

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sortStrings(keys)
	return keys
}
