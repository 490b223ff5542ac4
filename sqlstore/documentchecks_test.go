package sqlstore_test

import (
	"encoding/json"
	"testing"

	"github.com/google/uuid"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/sqlstore"
)

func TestDocumentChecks(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		s := sqlstore.NewDocumentCheckStore(f.db)
		c := &smd.DocumentCheck{AuthorityID: f.a.ID, DocumentID: f.documentA.ID, Category: "passport", Confidence: 0.93, Accepted: true,
			Report: json.RawMessage(`{"findings":[{"code":"mrz.name_matches"}]}`)}
		must(t, s.SaveDocumentCheck(ctx, c))
		if c.CaseID != f.caseA.ID {
			t.Fatalf("case %s", c.CaseID)
		}
		// A re-check replaces the result.
		c.Category, c.Accepted, c.Report = "residence_permit", false, json.RawMessage(`{"findings":[]}`)
		must(t, s.SaveDocumentCheck(ctx, c))
		list, err := s.DocumentChecks(ctx, f.a.ID, f.caseA.ID)
		must(t, err)
		if len(list) != 1 || list[0].Category != "residence_permit" || list[0].Accepted || list[0].Confidence != 0.93 || list[0].DocumentID != f.documentA.ID {
			t.Fatalf("%+v", list)
		}
		var rep map[string]any
		if json.Unmarshal(list[0].Report, &rep) != nil {
			t.Fatalf("report %s", list[0].Report)
		}
		wantCode(t, s.SaveDocumentCheck(ctx, &smd.DocumentCheck{AuthorityID: f.a.ID, DocumentID: uuid.New(), Report: json.RawMessage(`{}`)}), smd.ENOTFOUND)
	})
}
