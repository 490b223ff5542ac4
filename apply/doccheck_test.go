package apply_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/riverqueue/river"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/apply"
	"github.com/smd-oss/smd/bundid"
	"github.com/smd-oss/smd/doccheck"
	"github.com/smd-oss/smd/internal/dbtest"
	"github.com/smd-oss/smd/mrz"
	"github.com/smd-oss/smd/pdf"
	"github.com/smd-oss/smd/sqlstore"
	"github.com/smd-oss/smd/upload"
)

// td3 builds a passport MRZ with correct check digits.
func td3(surname, given, number, nat, birth, sex, expiry string) [2]string {
	pad := func(s string, n int) string { return (s + strings.Repeat("<", n))[:n] }
	d := func(s string) string { return string(rune('0' + mrz.CheckDigit(s))) }
	l1 := pad("P<"+nat+surname+"<<"+strings.ReplaceAll(given, " ", "<"), 44)
	num, pers := pad(number, 9), pad("", 14)
	l2 := num + d(num) + nat + birth + d(birth) + sex + expiry + d(expiry) + pers + "<"
	l2 += d(l2[0:10] + l2[13:20] + l2[21:43])
	return [2]string{l1, l2}
}

// Every uploaded document gets a check job in the submission's
// transaction; the worker reads the document, finds the passport's MRZ,
// compares it with the applicant and stores the result for the workbench.
func TestDocumentCheckJob(t *testing.T) {
	reg, bold, ok := pdf.FindFont()
	if !ok {
		t.Skip("no TrueType font for the test PDF")
	}
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		owner := apply.Owner("test-bpk")
		d, _ := e.svc.Start(ctx, owner, smd.ServiceEinbuergerung, smd.ChannelOnline, apply.Sources{Identity: &bundid.Identity{
			BPK2: "test-bpk", GivenName: "Ümit", Surname: "Yılmaz", Email: "uemit@example.org", Level: bundid.LevelHigh}})
		d = e.fill(t, owner, d, map[string]string{"given_names": "Ümit", "family_name": "Yılmaz", "email": "uemit@example.org"})
		r, err := pdf.NewFallback(reg, bold)
		if err != nil {
			t.Fatal(err)
		}
		m := td3("YILMAZ", "UEMIT", "U12345678", "TUR", "900203", "M", "310101")
		body, err := r.Render(ctx, &pdf.Document{Title: "Reisepass / Passport", Blocks: []pdf.Block{{Text: m[0] + "\n" + m[1]}}})
		if err != nil {
			t.Fatal(err)
		}
		f, err := upload.Read(bytes.NewReader(body), "pass.pdf", upload.DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		if d, err = e.svc.AddUpload(ctx, owner, d.ID, d.Version, "doc.passport", f); err != nil {
			t.Fatal(err)
		}
		rc, err := e.svc.Submit(ctx, owner, d.ID, d.Version, "de")
		if err != nil {
			t.Fatal(err)
		}
		var n int
		if err := db.Read.QueryRowContext(ctx, `SELECT COUNT(*) FROM river_job WHERE kind = 'document_check'`).Scan(&n); err != nil || n != 1 {
			t.Fatalf("%d check jobs (%v)", n, err)
		}
		docs, _ := e.svc.Documents.ListDocuments(ctx, rc.Authority.ID, rc.Case.ID)
		checks := sqlstore.NewDocumentCheckStore(db)
		w := &apply.DocumentCheckWorker{Service: e.svc, Checker: doccheck.New(), Checks: checks}
		if err := w.Work(ctx, &river.Job[apply.DocumentCheckArgs]{Args: apply.DocumentCheckArgs{AuthorityID: rc.Authority.ID, DocumentID: docs[0].ID}}); err != nil {
			t.Fatal(err)
		}
		list, err := checks.DocumentChecks(ctx, rc.Authority.ID, rc.Case.ID)
		if err != nil || len(list) != 1 {
			t.Fatalf("%d results (%v)", len(list), err)
		}
		var rep doccheck.Report
		if err := json.Unmarshal(list[0].Report, &rep); err != nil {
			t.Fatal(err)
		}
		if list[0].Category != "passport" || !list[0].Accepted || rep.MRZ == nil || !rep.MRZ.Valid || !rep.Has("mrz.name_matches") {
			t.Fatalf("%s %v %+v", list[0].Category, list[0].Accepted, rep.Findings)
		}
		// A document that is gone is done, not retried forever.
		if err := w.Work(ctx, &river.Job[apply.DocumentCheckArgs]{Args: apply.DocumentCheckArgs{AuthorityID: rc.Authority.ID, DocumentID: rc.Case.ID}}); err != nil {
			t.Fatalf("missing document: %v", err)
		}
	})
}
