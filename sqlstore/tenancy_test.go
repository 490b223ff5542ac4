package sqlstore_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/sqlstore"
)

// tenantWall lists every store method that takes an authority, each called
// as authority B on authority A's data. Each must either fail with
// ENOTFOUND or return nothing of A's. Later issues add their methods here:
// a store method missing from this table is a missing test.
var tenantWall = []struct {
	name string
	call func(f *fixture) (leaked bool, err error)
}{
	{"UserByID", func(f *fixture) (bool, error) {
		_, err := f.users.UserByID(ctx, f.b.ID, f.userA.ID)
		return err == nil, err
	}},
	{"ListUsers", func(f *fixture) (bool, error) {
		l, err := f.users.ListUsers(ctx, f.b.ID)
		return len(l) > 0, err
	}},
	{"RecordLoginFailure", func(f *fixture) (bool, error) {
		_, _, err := f.users.RecordLoginFailure(ctx, f.b.ID, f.userA.ID, 5, time.Now())
		return err == nil, err
	}},
	{"RecordLoginSuccess", func(f *fixture) (bool, error) {
		err := f.users.RecordLoginSuccess(ctx, f.b.ID, f.userA.ID, time.Now())
		return err == nil, err
	}},
	{"SyncExternalUser", func(f *fixture) (bool, error) {
		// The same provider identity under authority B makes B's own
		// account; it never returns or changes A's.
		const iss = "https://login.example"
		if _, err := f.users.SyncExternalUser(ctx, f.a.ID, smd.ExternalIdentity{Issuer: iss, Subject: "wall", Email: "wall@bonn.example", Name: "A", Roles: []smd.Role{smd.RoleCaseworker}}); err != nil {
			return false, err
		}
		u, err := f.users.SyncExternalUser(ctx, f.b.ID, smd.ExternalIdentity{Issuer: iss, Subject: "wall", Email: "wall@potsdam.example", Name: "B", Roles: []smd.Role{smd.RoleCaseworker}})
		if err != nil {
			return false, err
		}
		a, errA := f.users.FindCredentials(ctx, "wall@bonn.example")
		return u.AuthorityID != f.b.ID || errA != nil || a.User.Name != "A", nil
	}},
	{"SaveDocumentCheck", func(f *fixture) (bool, error) {
		err := sqlstore.NewDocumentCheckStore(f.db).SaveDocumentCheck(ctx, &smd.DocumentCheck{AuthorityID: f.b.ID, DocumentID: f.documentA.ID,
			Category: "other", Report: json.RawMessage(`{}`)})
		return err == nil, err
	}},
	{"DocumentChecks", func(f *fixture) (bool, error) {
		s := sqlstore.NewDocumentCheckStore(f.db)
		if err := s.SaveDocumentCheck(ctx, &smd.DocumentCheck{AuthorityID: f.a.ID, DocumentID: f.documentA.ID, Category: "passport", Report: json.RawMessage(`{}`)}); err != nil {
			return false, err
		}
		l, err := s.DocumentChecks(ctx, f.b.ID, f.caseA.ID)
		return len(l) > 0, err
	}},
	{"CaseByID", func(f *fixture) (bool, error) {
		_, err := f.cases.CaseByID(ctx, f.b.ID, f.caseA.ID)
		return err == nil, err
	}},
	{"CaseByNumber", func(f *fixture) (bool, error) {
		_, err := f.cases.CaseByNumber(ctx, f.b.ID, f.caseA.Number)
		return err == nil, err
	}},
	{"AppendAction", func(f *fixture) (bool, error) {
		_, err := f.cases.AppendAction(ctx, f.b.ID, f.caseA.ID, 1, &smd.Action{Name: smd.ActClaimed, Actor: smd.SystemActor})
		return err == nil, err
	}},
	{"ListActions", func(f *fixture) (bool, error) {
		l, err := f.cases.ListActions(ctx, f.b.ID, f.caseA.ID)
		return len(l) > 0, err
	}},
	{"ListQueue", func(f *fixture) (bool, error) {
		l, n, err := f.cases.ListQueue(ctx, f.b.ID, smd.QueueFilter{}, 0, 100)
		for _, c := range l {
			if c.AuthorityID != f.b.ID {
				return true, err
			}
		}
		return n > 0 && len(l) == 0, err
	}},
	{"CountByStatus", func(f *fixture) (bool, error) {
		l, err := f.cases.CountByStatus(ctx, f.b.ID)
		return len(l) > 0, err
	}},
	{"CountQueue", func(f *fixture) (bool, error) {
		c, err := f.cases.CountQueue(ctx, f.b.ID)
		return c != nil && (len(c.ByStatus) > 0 || c.Overdue > 0), err
	}},
	{"AddSavedFilter", func(f *fixture) (bool, error) {
		err := sqlstore.NewSavedFilterStore(f.db).AddSavedFilter(ctx, &smd.SavedFilter{AuthorityID: f.b.ID, UserID: f.userA.ID, Name: "B", Query: ""})
		return err == nil, err
	}},
	{"ListSavedFilters", func(f *fixture) (bool, error) {
		l, err := sqlstore.NewSavedFilterStore(f.db).ListSavedFilters(ctx, f.b.ID, f.userA.ID)
		return len(l) > 0, err
	}},
	{"DeleteSavedFilter", func(f *fixture) (bool, error) {
		err := sqlstore.NewSavedFilterStore(f.db).DeleteSavedFilter(ctx, f.b.ID, f.userA.ID, f.savedFilterA.ID)
		return err == nil, err
	}},
	{"AddPerson", func(f *fixture) (bool, error) {
		err := f.persons.AddPerson(ctx, &smd.Person{AuthorityID: f.b.ID, CaseID: f.caseA.ID, Role: smd.PersonApplicant, GivenNames: "X", FamilyName: "Y"})
		return err == nil, err
	}},
	{"AddPersons", func(f *fixture) (bool, error) {
		err := f.persons.AddPersons(ctx, []*smd.Person{{AuthorityID: f.b.ID, CaseID: f.caseA.ID, Role: smd.PersonApplicant, GivenNames: "X", FamilyName: "Y"}})
		return err == nil, err
	}},
	{"ListPersons", func(f *fixture) (bool, error) {
		l, err := f.persons.ListPersons(ctx, f.b.ID, f.caseA.ID)
		return len(l) > 0, err
	}},
	{"AddDocument", func(f *fixture) (bool, error) {
		err := f.docs.AddDocument(ctx, &smd.Document{AuthorityID: f.b.ID, CaseID: f.caseA.ID, Category: "other", Filename: "x", MIMEType: "x", SHA256: "x", BlobKey: "x"})
		return err == nil, err
	}},
	{"AddDocuments", func(f *fixture) (bool, error) {
		err := f.docs.AddDocuments(ctx, []*smd.Document{{AuthorityID: f.b.ID, CaseID: f.caseA.ID, Category: "other", Filename: "x", MIMEType: "x", SHA256: "x", BlobKey: "x"}})
		return err == nil, err
	}},
	{"DocumentByID", func(f *fixture) (bool, error) {
		_, err := f.docs.DocumentByID(ctx, f.b.ID, f.documentA.ID)
		return err == nil, err
	}},
	{"ListDocuments", func(f *fixture) (bool, error) {
		l, err := f.docs.ListDocuments(ctx, f.b.ID, f.caseA.ID)
		return len(l) > 0, err
	}},
	{"KeyByVersion", func(f *fixture) (bool, error) {
		_, err := sqlstore.NewKeyStore(f.db).KeyByVersion(ctx, f.b.ID, 1)
		return err == nil, err
	}},
	{"CurrentKey", func(f *fixture) (bool, error) {
		_, _, err := sqlstore.NewKeyStore(f.db).CurrentKey(ctx, f.b.ID)
		return err == nil, err
	}},
	{"AddApplication", func(f *fixture) (bool, error) {
		err := sqlstore.NewApplicationStore(f.db).AddApplication(ctx, &smd.Application{AuthorityID: f.b.ID, CaseID: f.caseA.ID,
			Owner: "owner-b", SubmissionKey: "draft-b", FormVersion: 1, Language: "de", Data: json.RawMessage(`{}`)})
		return err == nil, err
	}},
	{"ApplicationByCase", func(f *fixture) (bool, error) {
		_, err := sqlstore.NewApplicationStore(f.db).ApplicationByCase(ctx, f.b.ID, f.caseA.ID)
		return err == nil, err
	}},
	{"ListAudit", func(f *fixture) (bool, error) {
		l, err := f.audit.ListAudit(ctx, f.b.ID, 0, 100)
		for _, e := range l {
			if e.AuthorityID == f.a.ID {
				return true, err
			}
		}
		return false, err
	}},
}

func TestTenantWall(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		// A has a data key and an audit entry, so that a leak would show.
		must(t, sqlstore.NewKeyStore(f.db).AddKey(ctx, f.a.ID, 1, []byte("wrapped")))
		must(t, f.audit.AppendAudit(ctx, &smd.AuditEvent{AuthorityID: f.a.ID, Actor: smd.SystemActor, Action: "case_read", ObjectType: "case", ObjectID: f.caseA.ID.String()}))
		// A has an overdue request and a saved filter.
		due, err := f.cases.AppendAction(ctx, f.a.ID, f.newCase(t, f.a).ID, 1, &smd.Action{Name: smd.ActDocumentRequested, Actor: smd.SystemActor,
			Payload: json.RawMessage(`{"documents":["doc.photo"],"deadline":"2000-01-01"}`)})
		must(t, err)
		saved := sqlstore.NewSavedFilterStore(f.db)
		f.savedFilterA = &smd.SavedFilter{AuthorityID: f.a.ID, UserID: f.userA.ID, Name: "Meine", Query: "bearbeitung=meine"}
		must(t, saved.AddSavedFilter(ctx, f.savedFilterA))
		apps := sqlstore.NewApplicationStore(f.db)
		must(t, apps.AddApplication(ctx, &smd.Application{AuthorityID: f.a.ID, CaseID: f.caseA.ID, Owner: "owner-a",
			SubmissionKey: "draft-a", FormVersion: 1, Language: "de", Data: json.RawMessage(`{"name":"Anna"}`)}))
		for _, tc := range tenantWall {
			leaked, err := tc.call(f)
			if leaked {
				t.Errorf("%s: authority B got authority A's data", tc.name)
			}
			if err != nil && smd.ErrorCode(err) != smd.ENOTFOUND {
				t.Errorf("%s: error %v, want not found or nothing", tc.name, err)
			}
		}
		// And nothing B did changed A's data.
		c, err := f.cases.CaseByID(ctx, f.a.ID, f.caseA.ID)
		must(t, err)
		if c.Version != 1 || c.Status != smd.StatusSubmitted {
			t.Fatalf("A's case changed through B: %+v", c)
		}
		if l, _ := saved.ListSavedFilters(ctx, f.a.ID, f.userA.ID); len(l) != 1 || l[0].Name != "Meine" {
			t.Fatalf("A's saved filters changed through B: %+v", l)
		}
		if cq, _ := f.cases.CountQueue(ctx, f.a.ID); cq.Overdue != 1 || due.DueOn.IsZero() {
			t.Fatalf("A's overdue count: %+v", cq)
		}
		persons, _ := f.persons.ListPersons(ctx, f.a.ID, f.caseA.ID)
		docs, _ := f.docs.ListDocuments(ctx, f.a.ID, f.caseA.ID)
		if len(persons) != 1 || len(docs) != 1 {
			t.Fatalf("A's case gained persons or documents through B: %d, %d", len(persons), len(docs))
		}
		app, err := apps.ApplicationByCase(ctx, f.a.ID, f.caseA.ID)
		must(t, err)
		if app.Owner != "owner-a" || app.SubmissionKey != "draft-a" || string(app.Data) != `{"name":"Anna"}` {
			t.Fatalf("A's application changed through B: %+v", app)
		}
		if _, err := apps.ApplicationBySubmission(ctx, "owner-b", "draft-b"); smd.ErrorCode(err) != smd.ENOTFOUND {
			t.Fatalf("B's application on A's case was stored: %v", err)
		}
		if l, err := apps.ListOwnerCases(ctx, "owner-b"); err != nil || len(l) != 0 {
			t.Fatalf("B's owner lists %d cases (%v)", len(l), err)
		}
	})
}
