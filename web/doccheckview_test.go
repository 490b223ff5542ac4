package web_test

import (
	"context"
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/doccheck"
	"github.com/smd-oss/smd/internal/dbtest"
	"github.com/smd-oss/smd/mrz"
	"github.com/smd-oss/smd/sqlstore"
)

// The workbench shows each document's automated check — pending until the
// job ran, then the verdict, the category with its confidence, the MRZ and
// the findings — the completeness of the required documents, and lets a
// valid MRZ that matches the applicant and a B1 certificate pre-assess the
// checklist, saying which document.
func TestDocumentChecksInTheWorkbench(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		cc := newClaimedCase(t, db)
		h, caseID, page, sb := cc.h, cc.caseID, cc.page, cc.sb
		ctx := context.Background()
		if body := h.get(sb, page).body; !strings.Contains(body, "wird geprüft") || !strings.Contains(body, "Vollständigkeit") {
			t.Fatal("no pending check or completeness on the case page")
		}
		auth := bonn(t, h)
		docs, _ := sqlstore.NewDocumentStore(db).ListDocuments(ctx, auth.ID, mustUUID(t, caseID))
		checks := sqlstore.NewDocumentCheckStore(db)
		save := func(d *smd.Document, rep *doccheck.Report) {
			raw, _ := json.Marshal(rep)
			if err := checks.SaveDocumentCheck(ctx, &smd.DocumentCheck{AuthorityID: auth.ID, DocumentID: d.ID, Category: rep.Category,
				Confidence: rep.Confidence, Accepted: rep.Accepted, Report: raw}); err != nil {
				t.Fatal(err)
			}
		}
		pass := &doccheck.Report{File: docs[0].Filename, Accepted: true, Category: "passport", Confidence: 0.91, Cues: []string{"MRZ eines Reisepasses (+6)"},
			MRZ:   &mrz.Result{Format: mrz.TD3, Valid: true, DocumentNumber: "C01X00T47", Surname: "MUSTER", GivenNames: "ANNA"},
			Match: &doccheck.PersonMatch{Person: 0, BirthDate: "same"},
			Findings: []doccheck.Finding{{Code: "mrz.name_matches", Severity: doccheck.Info, Message: "Name passt."},
				{Code: "image.low_resolution", Severity: doccheck.Warning, Message: "Das Bild ist sehr klein."}}}
		save(docs[0], pass)
		body := h.get(sb, page).body
		for _, want := range []string{"erkannt als", "91 %", "MRZ TD3 · C01X00T47 · MUSTER, ANNA · Prüfziffern stimmen", "1 Hinweise", "Das Bild ist sehr klein.", "MRZ eines Reisepasses"} {
			if !strings.Contains(body, want) {
				t.Errorf("case page lacks %q", want)
			}
		}
		h.checkHTML(h.get(sb, page), "de")
		v := strconv.Itoa(pageVersion(t, body))
		if r := h.do(sb, "POST", page+"/rechtsgrundlage", url.Values{"version": {v}, "basis": {"stag10"}}, nil); r.status != 303 {
			t.Fatalf("basis: %d", r.status)
		}
		body = h.get(sb, page).body
		identity := body[strings.Index(body, `id="check-NAT-03"`):]
		identity = identity[:strings.Index(identity, `class="smd-check"`)+1]
		if !strings.Contains(identity, "MRZ mit gültigen Prüfziffern") {
			t.Errorf("NAT-03 not pre-assessed by the passport:\n%s", identity)
		}
		// A refused file says so, and counts for nothing.
		pass.Accepted, pass.Findings = false, []doccheck.Finding{{Code: "pdf.active_content", Severity: doccheck.Error, Message: "JavaScript."}}
		save(docs[0], pass)
		body = h.get(sb, page).body
		if !strings.Contains(body, "abgelehnt: nicht sicher zu öffnen") || strings.Contains(body, "MRZ mit gültigen Prüfziffern") {
			t.Error("a refused document still counts")
		}
	})
}
