package sqlstore_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/sqlstore"
)

func TestSessions(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		s := sqlstore.NewSessionStore(f.db)
		must(t, s.CommitCtx(ctx, "tok", []byte("eins"), time.Now().Add(time.Hour)))
		must(t, s.CommitCtx(ctx, "tok", []byte("zwei"), time.Now().Add(time.Hour)))
		b, found, err := s.FindCtx(ctx, "tok")
		if err != nil || !found || string(b) != "zwei" {
			t.Fatalf("find: %q %v %v", b, found, err)
		}
		must(t, s.CommitCtx(ctx, "alt", []byte("x"), time.Now().Add(-time.Minute)))
		if _, found, _ := s.FindCtx(ctx, "alt"); found {
			t.Fatal("expired session found")
		}
		if _, found, _ := s.FindCtx(ctx, "\x00garbage'); DROP TABLE sessions;--"); found {
			t.Fatal("garbage token found")
		}
		n, err := s.DeleteExpired(ctx)
		if err != nil || n != 1 {
			t.Fatalf("delete expired: %d %v", n, err)
		}
		must(t, s.DeleteCtx(ctx, "tok"))
		if _, found, _ := s.FindCtx(ctx, "tok"); found {
			t.Fatal("deleted session found")
		}
	})
}

// A failing step rolls back everything the transaction did.
func TestInTxRollsBackEverything(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		boom := errors.New("boom")
		err := f.db.InTx(ctx, func(ctx2 context.Context) error {
			c := &smd.Case{AuthorityID: f.a.ID, Service: smd.ServiceEinbuergerung, Channel: smd.ChannelOnline}
			must(t, f.cases.CreateCase(ctx2, c, &smd.Action{Name: smd.ActSubmitted, Actor: smd.SystemActor}))
			must(t, f.audit.AppendAudit(ctx2, &smd.AuditEvent{AuthorityID: f.a.ID, Actor: smd.SystemActor, Action: "case_created", ObjectType: "case", ObjectID: c.ID.String()}))
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("InTx returned %v", err)
		}
		counts, _ := f.cases.CountByStatus(ctx, f.a.ID)
		events, _ := f.audit.ListAudit(ctx, f.a.ID, 0, 10)
		if len(counts) != 1 || counts[0].Count != 1 || len(events) != 0 {
			t.Fatalf("rolled-back work is visible: %+v, %d audit events", counts, len(events))
		}
		// The counter rolled back too: the next case takes number 2.
		c := f.newCase(t, f.a)
		if c.Number[len(c.Number)-5:] != "00002" {
			t.Fatalf("case number after rollback: %s", c.Number)
		}
	})
}
