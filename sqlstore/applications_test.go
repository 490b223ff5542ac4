package sqlstore_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/sqlstore"
)

// submitCase creates a case at a the way a submission does (system actor).
func (f *fixture) submitCase(t *testing.T, a *smd.Authority, svc smd.Service, ch smd.Channel) *smd.Case {
	t.Helper()
	c := &smd.Case{AuthorityID: a.ID, Service: svc, Channel: ch}
	must(t, f.cases.CreateCase(ctx, c, &smd.Action{Name: smd.ActSubmitted, Actor: smd.SystemActor}))
	return c
}

func application(c *smd.Case, owner, key string, at time.Time) *smd.Application {
	return &smd.Application{AuthorityID: c.AuthorityID, CaseID: c.ID, Owner: owner, SubmissionKey: key,
		FormVersion: 3, Language: "de", Data: json.RawMessage(`{"name":"Anna"}`), SubmittedAt: at}
}

func sameApplication(t *testing.T, got, want *smd.Application) {
	t.Helper()
	if got.AuthorityID != want.AuthorityID || got.CaseID != want.CaseID || got.Owner != want.Owner ||
		got.SubmissionKey != want.SubmissionKey || got.FormVersion != want.FormVersion || got.Language != want.Language {
		t.Fatalf("read back %+v, want %+v", got, want)
	}
	if string(got.Data) != string(want.Data) {
		t.Fatalf("data %s, want %s", got.Data, want.Data)
	}
	if !got.SubmittedAt.Equal(want.SubmittedAt.Truncate(time.Microsecond)) || got.SubmittedAt.Location() != time.UTC {
		t.Fatalf("submitted at %v, want %v in UTC", got.SubmittedAt, want.SubmittedAt.Truncate(time.Microsecond))
	}
}

func TestApplicationReadsBackAsWritten(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		s := sqlstore.NewApplicationStore(f.db)
		// Nanoseconds and a zone other than UTC: both databases must read
		// back the same instant, to the microsecond, in UTC.
		at := time.Date(2026, 3, 2, 10, 15, 30, 123456789, time.FixedZone("CET", 3600))
		want := application(f.caseA, "owner-1", "draft-1", at)
		want.Language, want.FormVersion = "en", 7
		want.Data = json.RawMessage(`{"name":"Jürgen Ö'Brien","kinder":[{"n":1},{"n":2}],"leer":null,"text":"a\"b\\c"}`)
		sent := bytes.Clone(want.Data)
		must(t, s.AddApplication(ctx, want))
		want.SubmittedAt, want.Data = at, sent

		got, err := s.ApplicationByCase(ctx, f.a.ID, f.caseA.ID)
		must(t, err)
		sameApplication(t, got, want)
		got, err = s.ApplicationBySubmission(ctx, "owner-1", "draft-1")
		must(t, err)
		sameApplication(t, got, want)
		got, err = s.OwnerApplication(ctx, "owner-1", f.caseA.ID)
		must(t, err)
		sameApplication(t, got, want)

		// Without a time the store stamps the database clock.
		clock := time.Date(2026, 4, 1, 8, 0, 0, 654321000, time.UTC)
		f.db.SetClock(func() time.Time { return clock })
		c2 := f.newCase(t, f.a)
		a2 := application(c2, "owner-1", "draft-2", time.Time{})
		must(t, s.AddApplication(ctx, a2))
		if !a2.SubmittedAt.Equal(clock) {
			t.Fatalf("stamped %v, want %v", a2.SubmittedAt, clock)
		}
		got, err = s.ApplicationByCase(ctx, f.a.ID, c2.ID)
		must(t, err)
		if !got.SubmittedAt.Equal(clock) {
			t.Fatalf("read back %v, want %v", got.SubmittedAt, clock)
		}

		// A paper case has no application.
		paper := f.submitCase(t, f.a, smd.ServiceAufenthaltstitel, smd.ChannelPapier)
		_, err = s.ApplicationByCase(ctx, f.a.ID, paper.ID)
		wantCode(t, err, smd.ENOTFOUND)
		_, err = s.ApplicationByCase(ctx, f.a.ID, uuid.Must(uuid.NewV7()))
		wantCode(t, err, smd.ENOTFOUND)
	})
}

func TestAddApplicationRefusesBadInput(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		s := sqlstore.NewApplicationStore(f.db)
		now := time.Now()
		wantCode(t, s.AddApplication(ctx, application(f.caseA, "", "draft-1", now)), smd.EINVALID)
		wantCode(t, s.AddApplication(ctx, application(f.caseA, "owner-1", "", now)), smd.EINVALID)
		// A case that does not exist at all.
		ghost := &smd.Case{AuthorityID: f.a.ID, ID: uuid.Must(uuid.NewV7())}
		wantCode(t, s.AddApplication(ctx, application(ghost, "owner-1", "draft-1", now)), smd.ENOTFOUND)
		_, err := s.ApplicationByCase(ctx, f.a.ID, f.caseA.ID)
		wantCode(t, err, smd.ENOTFOUND)
		_, err = s.ApplicationBySubmission(ctx, "owner-1", "draft-1")
		wantCode(t, err, smd.ENOTFOUND)
	})
}

func TestSubmissionKeyIsUniquePerOwner(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		s := sqlstore.NewApplicationStore(f.db)
		first := application(f.caseA, "owner-1", "draft-1", time.Now())
		must(t, s.AddApplication(ctx, first))

		// The same draft submitted again (a double click, a retry) for a
		// second case, at either authority: a conflict, not a second case.
		for _, a := range []*smd.Authority{f.a, f.b} {
			c := f.newCase(t, a)
			again := application(c, "owner-1", "draft-1", time.Now())
			again.Data = json.RawMessage(`{"name":"Anne"}`)
			err := s.AddApplication(ctx, again)
			wantCode(t, err, smd.ECONFLICT)
			_, err = s.ApplicationByCase(ctx, a.ID, c.ID)
			wantCode(t, err, smd.ENOTFOUND)
		}
		got, err := s.ApplicationBySubmission(ctx, "owner-1", "draft-1")
		must(t, err)
		if got.CaseID != f.caseA.ID || string(got.Data) != `{"name":"Anna"}` {
			t.Fatalf("the conflict changed the first application: %+v", got)
		}
		// A second application on the same case is a conflict too.
		wantCode(t, s.AddApplication(ctx, application(f.caseA, "owner-1", "draft-9", time.Now())), smd.ECONFLICT)

		// The same key under another owner is another submission.
		c := f.newCase(t, f.a)
		must(t, s.AddApplication(ctx, application(c, "owner-2", "draft-1", time.Now())))
		got, err = s.ApplicationBySubmission(ctx, "owner-2", "draft-1")
		must(t, err)
		if got.CaseID != c.ID || got.Owner != "owner-2" {
			t.Fatalf("owner-2's application: %+v", got)
		}
		got, err = s.ApplicationBySubmission(ctx, "owner-1", "draft-1")
		must(t, err)
		if got.CaseID != f.caseA.ID {
			t.Fatalf("owner-1's application moved: %+v", got)
		}
	})
}

func TestApplicationsAreOwnerScoped(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		s := sqlstore.NewApplicationStore(f.db)
		must(t, s.AddApplication(ctx, application(f.caseA, "owner-1", "draft-1", time.Now())))
		cb := f.newCase(t, f.b)
		must(t, s.AddApplication(ctx, application(cb, "owner-2", "draft-2", time.Now())))

		_, err := s.ApplicationBySubmission(ctx, "owner-2", "draft-1")
		wantCode(t, err, smd.ENOTFOUND)
		_, err = s.ApplicationBySubmission(ctx, "owner-1", "draft-2")
		wantCode(t, err, smd.ENOTFOUND)
		_, err = s.ApplicationBySubmission(ctx, "owner-1", "draft-404")
		wantCode(t, err, smd.ENOTFOUND)
		_, err = s.OwnerApplication(ctx, "owner-2", f.caseA.ID)
		wantCode(t, err, smd.ENOTFOUND)
		_, err = s.OwnerApplication(ctx, "owner-1", cb.ID)
		wantCode(t, err, smd.ENOTFOUND)
		_, err = s.OwnerApplication(ctx, "", f.caseA.ID)
		wantCode(t, err, smd.ENOTFOUND)
		_, err = s.OwnerApplication(ctx, "owner-1", uuid.Must(uuid.NewV7()))
		wantCode(t, err, smd.ENOTFOUND)

		got, err := s.OwnerApplication(ctx, "owner-2", cb.ID)
		must(t, err)
		if got.AuthorityID != f.b.ID || got.SubmissionKey != "draft-2" {
			t.Fatalf("owner-2's application: %+v", got)
		}
	})
}

func TestListOwnerCasesAcrossAuthoritiesNewestFirst(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		s := sqlstore.NewApplicationStore(f.db)
		base := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
		a1 := f.caseA
		b1 := f.submitCase(t, f.b, smd.ServiceAufenthaltstitel, smd.ChannelKurzAntrag)
		a2 := f.submitCase(t, f.a, smd.ServiceVerpflichtungserklaerung, smd.ChannelOnline)
		a2, err := f.cases.AppendAction(ctx, f.a.ID, a2.ID, a2.Version, &smd.Action{Name: smd.ActClaimed, Actor: smd.SystemActor})
		must(t, err)
		other := f.newCase(t, f.b)
		// Submitted in this order, not in the order of creation; b1's time is
		// given in a zone west of UTC, so that its wall clock is the earliest.
		must(t, s.AddApplication(ctx, application(a1, "owner-1", "k1", base)))
		must(t, s.AddApplication(ctx, application(b1, "owner-1", "k2", base.Add(2*time.Hour).In(time.FixedZone("EST", -5*3600)))))
		must(t, s.AddApplication(ctx, application(a2, "owner-1", "k3", base.Add(time.Hour))))
		must(t, s.AddApplication(ctx, application(other, "owner-2", "k1", base.Add(3*time.Hour))))

		list, err := s.ListOwnerCases(ctx, "owner-1")
		must(t, err)
		want := []struct {
			c  *smd.Case
			at time.Time
		}{{b1, base.Add(2 * time.Hour)}, {a2, base.Add(time.Hour)}, {a1, base}}
		if len(list) != len(want) {
			t.Fatalf("%d cases, want %d", len(list), len(want))
		}
		for i, w := range want {
			got := list[i]
			if got.Case.ID != w.c.ID || got.Case.AuthorityID != w.c.AuthorityID || got.Case.Number != w.c.Number ||
				got.Case.Service != w.c.Service || got.Case.Channel != w.c.Channel || got.Case.Status != w.c.Status ||
				got.Case.Version != w.c.Version {
				t.Fatalf("case %d: %+v, want %+v", i, got.Case, w.c)
			}
			if got.Case.Number == "" || got.Case.Status == "" {
				t.Fatalf("case %d not filled: %+v", i, got.Case)
			}
			if !got.SubmittedAt.Equal(w.at) {
				t.Fatalf("case %d submitted %v, want %v", i, got.SubmittedAt, w.at)
			}
		}
		if list[1].Case.Status != smd.StatusInReview {
			t.Fatalf("claimed case has status %s", list[1].Case.Status)
		}

		list, err = s.ListOwnerCases(ctx, "owner-2")
		must(t, err)
		if len(list) != 1 || list[0].Case.ID != other.ID {
			t.Fatalf("owner-2 lists %d cases", len(list))
		}
		list, err = s.ListOwnerCases(ctx, "owner-3")
		must(t, err)
		if len(list) != 0 {
			t.Fatalf("an owner without cases lists %d", len(list))
		}
	})
}

func TestAddApplicationRollsBackWithItsTransaction(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		s := sqlstore.NewApplicationStore(f.db)
		boom := errors.New("boom")
		var c *smd.Case
		err := f.db.InTx(ctx, func(ctx context.Context) error {
			c = &smd.Case{AuthorityID: f.a.ID, Service: smd.ServiceEinbuergerung, Channel: smd.ChannelOnline}
			if err := f.cases.CreateCase(ctx, c, &smd.Action{Name: smd.ActSubmitted, Actor: smd.SystemActor}); err != nil {
				return err
			}
			if err := s.AddApplication(ctx, application(c, "owner-1", "draft-1", time.Now())); err != nil {
				return err
			}
			// The transaction reads its own write.
			if _, err := s.ApplicationBySubmission(ctx, "owner-1", "draft-1"); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("InTx returned %v, want boom", err)
		}
		_, err = s.ApplicationBySubmission(ctx, "owner-1", "draft-1")
		wantCode(t, err, smd.ENOTFOUND)
		_, err = s.ApplicationByCase(ctx, f.a.ID, c.ID)
		wantCode(t, err, smd.ENOTFOUND)
		_, err = f.cases.CaseByID(ctx, f.a.ID, c.ID)
		wantCode(t, err, smd.ENOTFOUND)
		list, err := s.ListOwnerCases(ctx, "owner-1")
		must(t, err)
		if len(list) != 0 {
			t.Fatalf("rolled back application listed: %d", len(list))
		}

		// An application on an existing case, rolled back alone.
		err = f.db.InTx(ctx, func(ctx context.Context) error {
			if err := s.AddApplication(ctx, application(f.caseA, "owner-1", "draft-1", time.Now())); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("InTx returned %v, want boom", err)
		}
		_, err = s.ApplicationByCase(ctx, f.a.ID, f.caseA.ID)
		wantCode(t, err, smd.ENOTFOUND)
		// And the key is free for the real submission.
		must(t, s.AddApplication(ctx, application(f.caseA, "owner-1", "draft-1", time.Now())))
	})
}

func TestListExpiredDrafts(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		s := sqlstore.NewDraftStore(f.db)
		now := time.Now()
		// Expired drafts of two owners, created out of expiry order, and
		// unexpired ones of both.
		e2, err := s.CreateDraft(ctx, "owner-b", smd.ServiceAufenthaltstitel, now.Add(-2*time.Hour))
		must(t, err)
		e1, err := s.CreateDraft(ctx, "owner-a", smd.ServiceEinbuergerung, now.Add(-3*time.Hour))
		must(t, err)
		e3, err := s.CreateDraft(ctx, "owner-a", smd.ServiceEinbuergerung, now.Add(-time.Minute))
		must(t, err)
		for _, o := range []string{"owner-a", "owner-b"} {
			_, err := s.CreateDraft(ctx, o, smd.ServiceEinbuergerung, now.Add(time.Hour))
			must(t, err)
		}
		ids := func(l []*smd.Draft) []uuid.UUID {
			out := make([]uuid.UUID, len(l))
			for i, d := range l {
				out[i] = d.ID
			}
			return out
		}
		same := func(got []*smd.Draft, want ...*smd.Draft) {
			t.Helper()
			if len(got) != len(want) {
				t.Fatalf("got %v, want %v", ids(got), ids(want))
			}
			for i := range want {
				if got[i].ID != want[i].ID || got[i].Owner != want[i].Owner || !got[i].ExpiresAt.Equal(want[i].ExpiresAt) {
					t.Fatalf("got %v, want %v", ids(got), ids(want))
				}
			}
		}
		list, err := s.ListExpiredDrafts(ctx, now, 100)
		must(t, err)
		same(list, e1, e2, e3)
		if list[1].Service != smd.ServiceAufenthaltstitel || string(list[1].Data) != `{}` {
			t.Fatalf("draft not filled: %+v", list[1])
		}
		list, err = s.ListExpiredDrafts(ctx, now, 2)
		must(t, err)
		same(list, e1, e2)
		list, err = s.ListExpiredDrafts(ctx, now.Add(-150*time.Minute), 100)
		must(t, err)
		same(list, e1)
		list, err = s.ListExpiredDrafts(ctx, now.Add(-4*time.Hour), 100)
		must(t, err)
		same(list)
		// Listing deletes nothing; the cleanup then leaves none to list.
		list, _ = s.ListExpiredDrafts(ctx, now, 100)
		same(list, e1, e2, e3)
		n, err := s.DeleteExpiredDrafts(ctx, now)
		if err != nil || n != 3 {
			t.Fatalf("cleanup: %d %v", n, err)
		}
		list, err = s.ListExpiredDrafts(ctx, now, 100)
		must(t, err)
		same(list)
		for _, o := range []string{"owner-a", "owner-b"} {
			l, _ := s.ListDrafts(ctx, o)
			if len(l) != 1 {
				t.Fatalf("%s has %d unexpired drafts left", o, len(l))
			}
		}
	})
}

func TestDraftKeyStoreIsItsOwn(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		drafts, auths := sqlstore.NewDraftKeyStore(f.db), sqlstore.NewKeyStore(f.db)
		ns := uuid.Must(uuid.NewV7()) // no authority
		_, _, err := drafts.CurrentKey(ctx, ns)
		wantCode(t, err, smd.ENOTFOUND)
		must(t, drafts.AddKey(ctx, ns, 1, []byte("draft-1")))
		must(t, drafts.AddKey(ctx, ns, 2, []byte("draft-2")))
		wantCode(t, drafts.AddKey(ctx, ns, 2, []byte("again")), smd.ECONFLICT)
		v, w, err := drafts.CurrentKey(ctx, ns)
		must(t, err)
		if v != 2 || string(w) != "draft-2" {
			t.Fatalf("current key %d %q", v, w)
		}
		w, err = drafts.KeyByVersion(ctx, ns, 1)
		must(t, err)
		if string(w) != "draft-1" {
			t.Fatalf("key 1 = %q", w)
		}
		_, err = drafts.KeyByVersion(ctx, ns, 3)
		wantCode(t, err, smd.ENOTFOUND)

		// The authority key store does not see the draft keys.
		_, _, err = auths.CurrentKey(ctx, ns)
		wantCode(t, err, smd.ENOTFOUND)
		_, err = auths.KeyByVersion(ctx, ns, 1)
		wantCode(t, err, smd.ENOTFOUND)

		// Nor the draft store the authority keys, even under the same id
		// and version.
		must(t, auths.AddKey(ctx, f.a.ID, 1, []byte("authority-1")))
		_, _, err = drafts.CurrentKey(ctx, f.a.ID)
		wantCode(t, err, smd.ENOTFOUND)
		_, err = drafts.KeyByVersion(ctx, f.a.ID, 1)
		wantCode(t, err, smd.ENOTFOUND)
		must(t, drafts.AddKey(ctx, f.a.ID, 1, []byte("draft-a")))
		w, err = auths.KeyByVersion(ctx, f.a.ID, 1)
		must(t, err)
		if string(w) != "authority-1" {
			t.Fatalf("authority key = %q", w)
		}
		w, err = drafts.KeyByVersion(ctx, f.a.ID, 1)
		must(t, err)
		if string(w) != "draft-a" {
			t.Fatalf("draft key = %q", w)
		}
		v, w, err = drafts.CurrentKey(ctx, ns)
		must(t, err)
		if v != 2 || string(w) != "draft-2" {
			t.Fatalf("namespaces mixed: current key %d %q", v, w)
		}
	})
}
