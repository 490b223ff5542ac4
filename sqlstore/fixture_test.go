package sqlstore_test

import (
	"context"
	"testing"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/internal/dbtest"
	"github.com/smd-oss/smd/sqlstore"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// fixture is two authorities, A and B, each with a user and a case; tests
// act as B on A's data to prove the wall between tenants.
type fixture struct {
	db        *sqlstore.DB
	auths     *sqlstore.AuthorityStore
	users     *sqlstore.UserStore
	cases     *sqlstore.CaseStore
	persons   *sqlstore.PersonStore
	docs      *sqlstore.DocumentStore
	audit     *sqlstore.AuditStore
	a, b      *smd.Authority
	userA     *smd.User
	caseA     *smd.Case
	personA   *smd.Person
	documentA *smd.Document
	// savedFilterA is userA's, set by the tenant-wall test.
	savedFilterA *smd.SavedFilter
}

var ctx = context.Background()

func newFixture(t *testing.T, db *sqlstore.DB) *fixture {
	t.Helper()
	f := &fixture{
		db: db, auths: sqlstore.NewAuthorityStore(db), users: sqlstore.NewUserStore(db),
		cases: sqlstore.NewCaseStore(db), persons: sqlstore.NewPersonStore(db),
		docs: sqlstore.NewDocumentStore(db), audit: sqlstore.NewAuditStore(db),
	}
	f.a = f.authority(t, "bonn", "05314000", "BN", "53111")
	f.b = f.authority(t, "potsdam", "12054000", "P", "14467")
	f.userA = &smd.User{AuthorityID: f.a.ID, Email: "sb@bonn.example", Name: "Sachbearbeitung Bonn", Roles: []smd.Role{smd.RoleCaseworker}}
	must(t, f.users.CreateUser(ctx, f.userA, "$argon2id$x"))
	f.caseA = f.newCase(t, f.a)
	f.personA = &smd.Person{AuthorityID: f.a.ID, CaseID: f.caseA.ID, Role: smd.PersonApplicant, GivenNames: "Anna", FamilyName: "Muster"}
	must(t, f.persons.AddPerson(ctx, f.personA))
	f.documentA = &smd.Document{AuthorityID: f.a.ID, CaseID: f.caseA.ID, Category: "passport", Filename: "pass.pdf",
		MIMEType: "application/pdf", Size: 10, SHA256: "00", BlobKey: "a/b"}
	must(t, f.docs.AddDocument(ctx, f.documentA))
	return f
}

func (f *fixture) authority(t *testing.T, slug, ags, prefix, pc string) *smd.Authority {
	t.Helper()
	a := &smd.Authority{Slug: slug, Name: "Stadt " + slug, AGS: ags, ARS: ags + "0000", Land: "NW", CasePrefix: prefix,
		Services: smd.Services, PostalCodes: []string{pc}}
	must(t, f.auths.CreateAuthority(ctx, a))
	return a
}

func (f *fixture) newCase(t *testing.T, a *smd.Authority) *smd.Case {
	t.Helper()
	c := &smd.Case{AuthorityID: a.ID, Service: smd.ServiceEinbuergerung, Channel: smd.ChannelOnline}
	must(t, f.cases.CreateCase(ctx, c, &smd.Action{Name: smd.ActSubmitted, Actor: smd.Actor{Kind: smd.ActorApplicant, ID: "x"}}))
	return c
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func wantCode(t testing.TB, err error, code string) {
	t.Helper()
	if got := smd.ErrorCode(err); got != code {
		t.Fatalf("error code = %q (%v), want %q", got, err, code)
	}
}

func each(t *testing.T, fn func(t *testing.T, f *fixture)) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) { fn(t, newFixture(t, db)) })
}
