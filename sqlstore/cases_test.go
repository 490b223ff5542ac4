package sqlstore_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/sqlstore"
)

func TestCaseNumbersArePerAuthorityAndSequential(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		year := time.Now().In(time.FixedZone("CET", 3600)).Year()
		if want := fmt.Sprintf("BN-%d-00001", year); f.caseA.Number != want {
			t.Fatalf("first Bonn case = %s, want %s", f.caseA.Number, want)
		}
		c2 := f.newCase(t, f.a)
		cb := f.newCase(t, f.b)
		if !strings.HasSuffix(c2.Number, "-00002") || !strings.HasPrefix(cb.Number, "P-") || !strings.HasSuffix(cb.Number, "-00001") {
			t.Fatalf("numbers: %s, %s", c2.Number, cb.Number)
		}
		got, err := f.cases.CaseByNumber(ctx, f.a.ID, c2.Number)
		must(t, err)
		if got.ID != c2.ID || got.Status != smd.StatusSubmitted || got.Version != 1 || got.Channel != smd.ChannelOnline {
			t.Fatalf("read back %+v", got)
		}
	})
}

func TestCreateCaseRefusesBadInputAndWritesNothing(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		for name, c := range map[string]*smd.Case{
			"service": {AuthorityID: f.a.ID, Service: "visum", Channel: smd.ChannelOnline},
			"channel": {AuthorityID: f.a.ID, Service: smd.ServiceEinbuergerung, Channel: "FAX"},
			"future":  {AuthorityID: f.a.ID, Service: smd.ServiceEinbuergerung, Channel: smd.ChannelPapier, ReceivedAt: time.Now().Add(48 * time.Hour)},
		} {
			err := f.cases.CreateCase(ctx, c, &smd.Action{Name: smd.ActSubmitted, Actor: smd.SystemActor})
			if smd.ErrorCode(err) != smd.EINVALID {
				t.Errorf("%s: got %v, want invalid", name, err)
			}
		}
		err := f.cases.CreateCase(ctx, &smd.Case{AuthorityID: f.a.ID, Service: smd.ServiceEinbuergerung, Channel: smd.ChannelOnline},
			&smd.Action{Name: smd.ActClaimed, Actor: smd.SystemActor})
		wantCode(t, err, smd.EINVALID)
		counts, err := f.cases.CountByStatus(ctx, f.a.ID)
		must(t, err)
		if len(counts) != 1 || counts[0].Count != 1 {
			t.Fatalf("a refused case was stored: %+v", counts)
		}
	})
}

func TestPaperCaseKeepsItsDateOfReceipt(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		received := time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)
		c := &smd.Case{AuthorityID: f.a.ID, Service: smd.ServiceAufenthaltstitel, Channel: smd.ChannelPapier, ReceivedAt: received}
		must(t, f.cases.CreateCase(ctx, c, &smd.Action{Name: smd.ActSubmitted, Actor: smd.Actor{Kind: smd.ActorUser, ID: f.userA.ID.String()}}))
		got, err := f.cases.CaseByID(ctx, f.a.ID, c.ID)
		must(t, err)
		if !got.ReceivedAt.Equal(received) {
			t.Fatalf("received %v, want %v", got.ReceivedAt, received)
		}
	})
}

func TestHistoryDerivesStatus(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		steps := []struct {
			name    smd.ActionName
			payload string
			want    smd.Status
		}{
			{smd.ActClaimed, "", smd.StatusInReview},
			{smd.ActDocumentRequested, `{"document":"passport"}`, smd.StatusWaitingForApplicant},
			{smd.ActDocumentReceived, "", smd.StatusInReview},
			{smd.ActDecisionProposed, "", smd.StatusDecisionProposed},
			{smd.ActDecisionApproved, "", smd.StatusDecisionProposed},
			{smd.ActDecided, `{"outcome":"granted"}`, smd.StatusWaitingForAppointment},
			{smd.ActDeclarationOfAllegianceMade, "", smd.StatusWaitingForAppointment},
			{smd.ActCertificateHandedOver, "", smd.StatusHandedOver},
			{smd.ActClosed, "", smd.StatusClosed},
			{smd.ActArchived, "", smd.StatusArchived},
		}
		c := f.caseA
		for _, s := range steps {
			var err error
			c, err = f.cases.AppendAction(ctx, f.a.ID, c.ID, c.Version, &smd.Action{Name: s.name, Actor: smd.SystemActor, Payload: json.RawMessage(s.payload)})
			must(t, err)
			if c.Status != s.want {
				t.Fatalf("after %s: status %s, want %s", s.name, c.Status, s.want)
			}
		}
		actions, err := f.cases.ListActions(ctx, f.a.ID, c.ID)
		must(t, err)
		if len(actions) != len(steps)+1 {
			t.Fatalf("%d actions", len(actions))
		}
		derived, err := smd.DeriveStatus(actions)
		must(t, err)
		if derived != c.Status {
			t.Fatalf("replayed status %s, stored %s", derived, c.Status)
		}
		got, err := f.cases.CaseByID(ctx, f.a.ID, c.ID)
		must(t, err)
		if got.Status != smd.StatusArchived || got.Version != len(steps)+1 {
			t.Fatalf("stored %+v", got)
		}
		_, err = f.cases.AppendAction(ctx, f.a.ID, c.ID, c.Version, &smd.Action{Name: smd.ActNoteAdded, Actor: smd.SystemActor})
		wantCode(t, err, smd.EINVALID)
	})
}

func TestAppendActionRefusesWhatTheLifecycleForbids(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		for _, a := range []smd.ActionName{smd.ActSubmitted, smd.ActResumed, smd.ActClosed, "bogus"} {
			_, err := f.cases.AppendAction(ctx, f.a.ID, f.caseA.ID, 1, &smd.Action{Name: a, Actor: smd.SystemActor})
			if smd.ErrorCode(err) != smd.EINVALID {
				t.Errorf("%s on a submitted case: %v, want invalid", a, err)
			}
		}
		_, err := f.cases.AppendAction(ctx, f.a.ID, f.caseA.ID, 1, &smd.Action{Name: smd.ActNoteAdded, Actor: smd.SystemActor, Payload: json.RawMessage(`{broken`)})
		wantCode(t, err, smd.EINVALID)
		got, _ := f.cases.CaseByID(ctx, f.a.ID, f.caseA.ID)
		if got.Version != 1 {
			t.Fatalf("refused actions changed the case: version %d", got.Version)
		}
	})
}

// Two caseworkers acting on the same case version: exactly one wins, the
// other gets a conflict, and the history has no gap or duplicate.
func TestConcurrentActionsConflictInsteadOfLosingUpdates(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		const n = 8
		var wg sync.WaitGroup
		errs := make([]error, n)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = f.cases.AppendAction(ctx, f.a.ID, f.caseA.ID, 1, &smd.Action{Name: smd.ActNoteAdded, Actor: smd.SystemActor,
					Payload: json.RawMessage(fmt.Sprintf(`{"note":%d}`, i))})
			}()
		}
		wg.Wait()
		ok := 0
		for _, err := range errs {
			switch smd.ErrorCode(err) {
			case "":
				ok++
			case smd.ECONFLICT:
			default:
				t.Fatalf("unexpected error: %v", err)
			}
		}
		if ok != 1 {
			t.Fatalf("%d writers succeeded on the same version, want exactly 1", ok)
		}
		actions, err := f.cases.ListActions(ctx, f.a.ID, f.caseA.ID)
		must(t, err)
		if len(actions) != 2 || actions[1].Seq != 2 {
			t.Fatalf("history %d entries", len(actions))
		}
	})
}

func TestPersonsAndDocumentsReadBack(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		birth := time.Date(1990, 5, 17, 0, 0, 0, 0, time.UTC)
		child := &smd.Person{AuthorityID: f.a.ID, CaseID: f.caseA.ID, Role: smd.PersonCoApplicant, GivenNames: "Ümit", FamilyName: "Müller", BirthDate: birth, Nationality: "TUR"}
		must(t, f.persons.AddPerson(ctx, child))
		ps, err := f.persons.ListPersons(ctx, f.a.ID, f.caseA.ID)
		must(t, err)
		if len(ps) != 2 || ps[1].GivenNames != "Ümit" || !ps[1].BirthDate.Equal(birth) || ps[0].Role != smd.PersonApplicant {
			t.Fatalf("persons %+v %+v", ps[0], ps[1])
		}
		d, err := f.docs.DocumentByID(ctx, f.a.ID, f.documentA.ID)
		must(t, err)
		if d.Filename != "pass.pdf" || d.CaseID != f.caseA.ID || d.Size != 10 {
			t.Fatalf("document %+v", d)
		}
	})
}

// A reserved number is kept by CreateCase; numbers stay unique when
// reserved and assigned numbers mix; reserving inside a transaction (which
// would hold the counter) is refused; an unknown authority is ENOTFOUND.
func TestReserveNumber(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		cs := sqlstore.NewCaseStore(f.db)
		reserved := &smd.Case{AuthorityID: f.a.ID, Service: smd.ServiceEinbuergerung, Channel: smd.ChannelOnline}
		if err := cs.ReserveNumber(ctx, reserved); err != nil || reserved.Number == "" {
			t.Fatalf("reserve: %q %v", reserved.Number, err)
		}
		plain := &smd.Case{AuthorityID: f.a.ID, Service: smd.ServiceEinbuergerung, Channel: smd.ChannelOnline}
		if err := cs.CreateCase(ctx, plain, &smd.Action{Name: smd.ActSubmitted, Actor: smd.SystemActor}); err != nil {
			t.Fatal(err)
		}
		number := reserved.Number
		if err := cs.CreateCase(ctx, reserved, &smd.Action{Name: smd.ActSubmitted, Actor: smd.SystemActor}); err != nil {
			t.Fatal(err)
		}
		if reserved.Number != number || plain.Number == number {
			t.Fatalf("numbers: reserved %s → %s, plain %s", number, reserved.Number, plain.Number)
		}
		got, err := cs.CaseByNumber(ctx, f.a.ID, number)
		if err != nil || got.ID != reserved.ID {
			t.Fatalf("case by reserved number: %v", err)
		}
		err = f.db.InTx(ctx, func(ctx context.Context) error {
			return cs.ReserveNumber(ctx, &smd.Case{AuthorityID: f.a.ID})
		})
		if smd.ErrorCode(err) != smd.EINTERNAL {
			t.Fatalf("reserve in a transaction: %v", err)
		}
		if err := cs.ReserveNumber(ctx, &smd.Case{AuthorityID: uuid.New()}); smd.ErrorCode(err) != smd.ENOTFOUND {
			t.Fatalf("unknown authority: %v", err)
		}
	})
}
