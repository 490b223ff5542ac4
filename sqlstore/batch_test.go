package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/smd-oss/smd"
)

// People and documents added in one statement keep their order after
// those added one by one, and a batch mixing cases is refused whole.
func TestBatchInserts(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		c := f.newCase(t, f.a)
		if err := f.persons.AddPerson(ctx, &smd.Person{AuthorityID: f.a.ID, CaseID: c.ID, Role: smd.PersonApplicant, GivenNames: "Erste", FamilyName: "A"}); err != nil {
			t.Fatal(err)
		}
		batch := []*smd.Person{
			{AuthorityID: f.a.ID, CaseID: c.ID, Role: smd.PersonCoApplicant, GivenNames: "Zweite", FamilyName: "B", BirthDate: time.Date(2015, 3, 1, 0, 0, 0, 0, time.UTC), Nationality: "TUR"},
			{AuthorityID: f.a.ID, CaseID: c.ID, Role: smd.PersonCoApplicant, GivenNames: "Dritte", FamilyName: "C"},
		}
		if err := f.persons.AddPersons(ctx, batch); err != nil {
			t.Fatal(err)
		}
		list, err := f.persons.ListPersons(ctx, f.a.ID, c.ID)
		if err != nil || len(list) != 3 || list[0].GivenNames != "Erste" || list[1].GivenNames != "Zweite" || list[2].GivenNames != "Dritte" {
			t.Fatalf("persons: %v %v", list, err)
		}
		if !list[1].BirthDate.Equal(batch[0].BirthDate) || list[1].Nationality != "TUR" || !list[2].BirthDate.IsZero() {
			t.Fatalf("person fields: %+v %+v", list[1], list[2])
		}
		other := f.newCase(t, f.a)
		mixed := []*smd.Person{{AuthorityID: f.a.ID, CaseID: c.ID, GivenNames: "X"}, {AuthorityID: f.a.ID, CaseID: other.ID, GivenNames: "Y"}}
		if err := f.persons.AddPersons(ctx, mixed); smd.ErrorCode(err) != smd.EINVALID {
			t.Fatalf("mixed persons: %v", err)
		}
		docs := []*smd.Document{
			{AuthorityID: f.a.ID, CaseID: c.ID, Category: "doc.passport", Filename: "a.pdf", MIMEType: "application/pdf", Size: 10, SHA256: "aa", BlobKey: f.a.ID.String() + "/a"},
			{AuthorityID: f.a.ID, CaseID: c.ID, Category: "doc.other", Filename: "b.png", MIMEType: "image/png", Size: 20, SHA256: "bb", BlobKey: f.a.ID.String() + "/b"},
		}
		if err := f.docs.AddDocuments(ctx, docs); err != nil {
			t.Fatal(err)
		}
		got, err := f.docs.ListDocuments(ctx, f.a.ID, c.ID)
		if err != nil || len(got) != 2 {
			t.Fatalf("documents: %d %v", len(got), err)
		}
		d, err := f.docs.DocumentByID(ctx, f.a.ID, docs[1].ID)
		if err != nil || d.Filename != "b.png" || d.Size != 20 || d.BlobKey != docs[1].BlobKey {
			t.Fatalf("document: %+v %v", d, err)
		}
		if err := f.docs.AddDocuments(ctx, []*smd.Document{{AuthorityID: f.a.ID, CaseID: other.ID}, {AuthorityID: f.a.ID, CaseID: c.ID}}); smd.ErrorCode(err) != smd.EINVALID {
			t.Fatalf("mixed documents: %v", err)
		}
	})
}
