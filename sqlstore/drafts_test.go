package sqlstore_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/sqlstore"
)

func TestDrafts(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		s := sqlstore.NewDraftStore(f.db)
		later := time.Now().Add(30 * 24 * time.Hour)
		d, err := s.CreateDraft(ctx, "owner-a", smd.ServiceEinbuergerung, later)
		must(t, err)
		d2, err := s.SaveDraft(ctx, "owner-a", d.ID, 1, json.RawMessage(`{"name":"Anna"}`), later)
		must(t, err)
		if d2.Version != 2 {
			t.Fatalf("version %d", d2.Version)
		}
		got, err := s.DraftByID(ctx, "owner-a", d.ID)
		must(t, err)
		if string(got.Data) != `{"name":"Anna"}` || got.Service != smd.ServiceEinbuergerung {
			t.Fatalf("read back %+v", got)
		}
		// A second tab saving on the old version gets a conflict, not a lost update.
		_, err = s.SaveDraft(ctx, "owner-a", d.ID, 1, json.RawMessage(`{"name":"Anne"}`), later)
		wantCode(t, err, smd.ECONFLICT)
		// Bad data is refused and changes nothing.
		_, err = s.SaveDraft(ctx, "owner-a", d.ID, 2, json.RawMessage(`{broken`), later)
		wantCode(t, err, smd.EINVALID)
		_, err = s.SaveDraft(ctx, "owner-a", d.ID, 2, json.RawMessage(`"`+strings.Repeat("x", sqlstore.MaxDraftBytes)+`"`), later)
		wantCode(t, err, smd.EINVALID)
		_, err = s.CreateDraft(ctx, "owner-a", "visum", later)
		wantCode(t, err, smd.EINVALID)
		// Another owner: every method answers "not found" and changes nothing.
		_, err = s.DraftByID(ctx, "owner-b", d.ID)
		wantCode(t, err, smd.ENOTFOUND)
		_, err = s.SaveDraft(ctx, "owner-b", d.ID, 2, json.RawMessage(`{"x":1}`), later)
		wantCode(t, err, smd.ENOTFOUND)
		wantCode(t, s.DeleteDraft(ctx, "owner-b", d.ID), smd.ENOTFOUND)
		list, err := s.ListDrafts(ctx, "owner-b")
		must(t, err)
		if len(list) != 0 {
			t.Fatal("owner B lists A's drafts")
		}
		got, _ = s.DraftByID(ctx, "owner-a", d.ID)
		if got.Version != 2 || string(got.Data) != `{"name":"Anna"}` {
			t.Fatalf("A's draft changed: %+v", got)
		}
		// Expiry: an expired draft is gone for reads and removed by the cleanup.
		old, err := s.CreateDraft(ctx, "owner-a", smd.ServiceAufenthaltstitel, time.Now().Add(-time.Minute))
		must(t, err)
		_, err = s.DraftByID(ctx, "owner-a", old.ID)
		wantCode(t, err, smd.ENOTFOUND)
		list, _ = s.ListDrafts(ctx, "owner-a")
		if len(list) != 1 || list[0].ID != d.ID {
			t.Fatalf("list %d", len(list))
		}
		n, err := s.DeleteExpiredDrafts(ctx, time.Now())
		if err != nil || n != 1 {
			t.Fatalf("cleanup: %d %v", n, err)
		}
		must(t, s.DeleteDraft(ctx, "owner-a", d.ID))
		_, err = s.DraftByID(ctx, "owner-a", uuid.Must(uuid.NewV7()))
		wantCode(t, err, smd.ENOTFOUND)
	})
}
