package web

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/google/uuid"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/apply"
	"github.com/smd-oss/smd/doccheck"
	"github.com/smd-oss/smd/quickcheck"
	"github.com/smd-oss/smd/rules"
)

// Automated document checks in the workbench (issue 6, item 7): each
// document's result in the documents table, the completeness of the
// required documents, and the evidence the checks give checklist items.
// All of it advises; the caseworker confirms or overrides.

// docCheckView is what the documents table shows of one document's check.
type docCheckView struct {
	Pending    bool
	Summary    string
	Badge      string
	Classified string
	Cues       string
	MRZ        string
	Findings   []string
}

// categoryDoc maps a classified category to the document key of the
// requirements ("doc.…"), for labels and completeness.
var categoryDoc = map[string]string{
	"passport": "doc.passport", "residence_permit": "doc.residence_permit", "birth_certificate": "doc.birth_certificate",
	"marriage_certificate": "doc.marriage_certificate", "language_certificate": "doc.language_certificate",
	"citizenship_test_certificate": "doc.citizenship_test_certificate", "payslip": "doc.payslips",
	"employment_contract": "doc.employment_contract", "rental_contract": "doc.rental_contract",
	"health_insurance": "doc.health_insurance", "degree": "doc.degree",
}

// docChecksOf loads a case's check results by document, with their reports.
func (s *Server) docChecksOf(ctx context.Context, c *smd.Case) (map[uuid.UUID]*checkResult, error) {
	out := map[uuid.UUID]*checkResult{}
	if s.DocumentChecks == nil {
		return out, nil
	}
	list, err := s.DocumentChecks.DocumentChecks(ctx, c.AuthorityID, c.ID)
	if err != nil {
		return nil, err
	}
	for _, dc := range list {
		cr := &checkResult{check: dc}
		if json.Unmarshal(dc.Report, &cr.report) == nil {
			out[dc.DocumentID] = cr
		}
	}
	return out, nil
}

// checkResult is a stored check with its report decoded.
type checkResult struct {
	check  *smd.DocumentCheck
	report doccheck.Report
}

func (s *Server) checkView(fr *Frame, cr *checkResult) *docCheckView {
	if cr == nil {
		return &docCheckView{Pending: true, Summary: fr.T("wb.doc.check.pending"), Badge: "kern-badge--info"}
	}
	v := &docCheckView{}
	warnings := 0
	for _, f := range cr.report.Findings {
		if f.Severity == doccheck.Info {
			continue
		}
		if f.Severity == doccheck.Warning {
			warnings++
		}
		v.Findings = append(v.Findings, fr.T("wb.doc.check.severity."+string(f.Severity))+": "+f.Message)
	}
	switch {
	case !cr.check.Accepted:
		v.Summary, v.Badge = fr.T("wb.doc.check.refused"), "kern-badge--danger"
	case warnings > 0:
		v.Summary, v.Badge = fr.TD("wb.doc.check.warnings", map[string]int{"Count": warnings}), "kern-badge--warning"
	default:
		v.Summary, v.Badge = fr.T("wb.doc.check.ok"), "kern-badge--success"
	}
	if cr.check.Accepted {
		v.Classified = fr.TD("wb.doc.check.classified", map[string]string{"Category": categoryLabel(fr, cr.check.Category),
			"Confidence": strconv.Itoa(int(cr.check.Confidence*100 + 0.5))})
		v.Cues = strings.Join(cr.report.Cues, "; ")
	}
	if m := cr.report.MRZ; m != nil {
		valid := fr.T("wb.doc.check.mrz_valid")
		if !m.Valid {
			valid = fr.T("wb.doc.check.mrz_invalid")
		}
		v.MRZ = fr.TD("wb.doc.check.mrz", map[string]string{"Format": string(m.Format), "Number": m.DocumentNumber,
			"Name": m.Surname + ", " + m.GivenNames, "Valid": valid})
	}
	return v
}

func categoryLabel(fr *Frame, cat string) string {
	if k, ok := categoryDoc[cat]; ok {
		return fr.T(k)
	}
	return fr.T("wb.doc.check.category_other")
}

// completeness is the required documents of the application and which
// are there.
type completeness struct {
	Summary string
	Items   []completeItem
}

type completeItem struct {
	Label, Files string
	Present      bool
}

// completenessOf compares the documents the rules engine required at
// submission with the documents of the case: a requirement is met by a
// document declared for it or classified as its category.
func completenessOf(fr *Frame, sub *apply.Submitted, docs []*smd.Document, checks map[uuid.UUID]*checkResult) *completeness {
	if sub == nil || len(sub.Required) == 0 {
		return nil
	}
	out := &completeness{}
	have := 0
	for _, req := range sub.Required {
		it := completeItem{Label: fr.T(req)}
		var files []string
		for _, d := range docs {
			cr := checks[d.ID]
			if d.Category == req || cr != nil && cr.check.Accepted && categoryDoc[cr.check.Category] == req {
				files = append(files, d.Filename)
			}
		}
		if len(files) > 0 {
			it.Present, it.Files = true, strings.Join(files, ", ")
			have++
		}
		out.Items = append(out.Items, it)
	}
	out.Summary = fr.TD("wb.complete.summary", map[string]int{"Have": have, "Need": len(sub.Required)})
	return out
}

// withEvidence lets the document checks pre-assess checklist items where
// a document says more than the answers: the language level of an
// accepted certificate (NAT-09), the identity from a valid MRZ that
// matches the applicant (NAT-03), a salary below the Blue Card threshold
// (AT-18G). The item says which document; the caseworker confirms or
// overrides as with every item.
func (s *Server) withEvidence(entries []checkEntry, checks map[uuid.UUID]*checkResult) []checkEntry {
	if len(checks) == 0 {
		return entries
	}
	for i := range entries {
		e := &entries[i]
		switch e.Criterion {
		case "NAT-09":
			languageEvidence(e, checks)
		case "NAT-03":
			identityEvidence(e, checks)
		case "NAT-10":
			s.civicsEvidence(e, checks)
		case "AT-18G":
			s.salaryEvidence(e, checks)
		}
	}
	return entries
}

// civicsEvidence: an Einbürgerungstest certificate with its score; the
// pass mark is law data (NAT-10).
func (s *Server) civicsEvidence(e *checkEntry, checks map[uuid.UUID]*checkResult) {
	pass, ok := s.Law.CivicsPassMark(rules.DateOf(nowFunc()))
	if !ok {
		return
	}
	for _, cr := range checks {
		if f := cr.report.Facts; cr.check.Accepted && cr.check.Category == "citizenship_test_certificate" && f != nil && f.TestPoints > 0 {
			args := map[string]any{"Document": cr.report.File, "Points": f.TestPoints, "Pass": pass}
			if f.TestPoints >= pass {
				e.Status, e.Reason = rules.Met, rules.Reason{Key: "wb.check.doc_civics", Args: args}
			} else {
				e.Status, e.Reason = rules.NotMet, rules.Reason{Key: "wb.check.doc_civics_low", Args: args}
			}
			return
		}
	}
}

// cefr orders the levels.
var cefr = map[string]int{"A1": 1, "A2": 2, "B1": 3, "B2": 4, "C1": 5, "C2": 6}

func languageEvidence(e *checkEntry, checks map[uuid.UUID]*checkResult) {
	best, file := "", ""
	for _, cr := range checks {
		if f := cr.report.Facts; cr.check.Accepted && cr.check.Category == "language_certificate" && f != nil && cefr[f.LanguageLevel] > cefr[best] {
			best, file = f.LanguageLevel, cr.report.File
		}
	}
	if best == "" {
		return
	}
	args := map[string]any{"Level": best, "Document": file}
	if cefr[best] >= cefr["B1"] {
		e.Status, e.Reason = rules.Met, rules.Reason{Key: "wb.check.doc_language", Args: args}
		return
	}
	e.Status, e.Reason = rules.NotMet, rules.Reason{Key: "wb.check.doc_language_low", Args: args}
}

// identityDoubts are the findings that keep a valid MRZ from confirming
// the identity.
var identityDoubts = []string{"mrz.invalid", "mrz.expired", "mrz.specimen_serial", "mrz.specimen_name", "mrz.specimen_state",
	"mrz.eat_serial", "mrz.name_similar", "mrz.name_differs", "mrz.birth_date_differs"}

func identityEvidence(e *checkEntry, checks map[uuid.UUID]*checkResult) {
	for _, cr := range checks {
		r := &cr.report
		if r.MRZ == nil || !cr.check.Accepted {
			continue
		}
		var doubts []string
		for _, code := range identityDoubts {
			if r.Has(code) {
				doubts = append(doubts, code)
			}
		}
		if len(doubts) == 0 && r.MRZ.Valid && r.Match != nil && r.Match.Person == 0 && r.Match.BirthDate == "same" {
			e.Status, e.Reason = rules.Met, rules.Reason{Key: "wb.check.doc_identity", Args: map[string]any{"Document": r.File}}
			return
		}
		if len(doubts) > 0 {
			e.Status, e.Reason = rules.Unknown, rules.Reason{Key: "wb.check.doc_identity_doubt", Args: map[string]any{"Document": r.File, "Findings": strings.Join(doubts, ", ")}}
		}
	}
}

func (s *Server) salaryEvidence(e *checkEntry, checks map[uuid.UUID]*checkResult) {
	_, reduced, err := s.Law.BlueCardThresholds(rules.DateOf(nowFunc()))
	if err != nil {
		return
	}
	for _, cr := range checks {
		if f := cr.report.Facts; cr.check.Accepted && f != nil && f.AnnualSalaryEUR > 0 && f.AnnualSalaryEUR < reduced {
			e.Status, e.Reason = rules.NotMet, rules.Reason{Key: "wb.check.doc_salary_low", Args: map[string]any{"Document": cr.report.File,
				"Salary": quickcheck.FormatAmount(f.AnnualSalaryEUR, "de"), "Threshold": quickcheck.FormatAmount(reduced, "de")}}
			return
		}
	}
}
