package sqlstore_test

import (
	"encoding/json"
	"testing"

	"github.com/smd-oss/smd"
)

func TestAuditChainDetectsTampering(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		for i := range 5 {
			must(t, f.audit.AppendAudit(ctx, &smd.AuditEvent{AuthorityID: f.a.ID, Actor: smd.Actor{Kind: smd.ActorUser, ID: f.userA.ID.String()},
				Action: "case_read", ObjectType: "case", ObjectID: f.caseA.ID.String(), Details: json.RawMessage(`{"i":` + string(rune('0'+i)) + `}`)}))
		}
		must(t, f.audit.AppendAudit(ctx, &smd.AuditEvent{AuthorityID: f.b.ID, Actor: smd.SystemActor, Action: "x", ObjectType: "y", ObjectID: "z"}))
		events, err := f.audit.ListAudit(ctx, f.a.ID, 0, 100)
		must(t, err)
		if len(events) != 5 || events[0].Seq != 1 || events[4].PrevHash != events[3].Hash {
			t.Fatalf("chain %d events", len(events))
		}
		if seq, err := f.audit.VerifyAudit(ctx, f.a.ID); err != nil || seq != 0 {
			t.Fatalf("intact chain reported broken at %d: %v", seq, err)
		}
		// Someone edits an entry in the database directly.
		_, err = f.db.Write.ExecContext(ctx, `UPDATE audit_events SET object_id = 'other' WHERE authority_id = $1 AND seq = 3`, f.a.ID)
		must(t, err)
		if seq, _ := f.audit.VerifyAudit(ctx, f.a.ID); seq != 3 {
			t.Fatalf("edited entry 3: verify says %d", seq)
		}
		if seq, _ := f.audit.VerifyAudit(ctx, f.b.ID); seq != 0 {
			t.Fatalf("B's chain is affected by A's: %d", seq)
		}
	})
}

func TestAuditChainDetectsDeletedTail(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		for range 3 {
			must(t, f.audit.AppendAudit(ctx, &smd.AuditEvent{AuthorityID: f.a.ID, Actor: smd.SystemActor, Action: "a", ObjectType: "b", ObjectID: "c"}))
		}
		_, err := f.db.Write.ExecContext(ctx, `DELETE FROM audit_events WHERE authority_id = $1 AND seq = 3`, f.a.ID)
		must(t, err)
		if seq, _ := f.audit.VerifyAudit(ctx, f.a.ID); seq != 3 {
			t.Fatalf("deleted last entry: verify says %d", seq)
		}
	})
}
