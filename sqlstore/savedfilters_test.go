package sqlstore_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/sqlstore"
)

// A caseworker saves, lists and deletes their own filters; names are
// trimmed, required, at most 80 characters without control characters,
// unique per user (another user may use the same name), and there are at
// most 20 per user. Nobody else lists or deletes them.
func TestSavedFilters(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		s := sqlstore.NewSavedFilterStore(f.db)
		colleague := &smd.User{AuthorityID: f.a.ID, Email: "kollegin@bonn.example", Name: "Kollegin", Roles: []smd.Role{smd.RoleCaseworker}}
		must(t, f.users.CreateUser(ctx, colleague, "$argon2id$x"))
		mine := &smd.SavedFilter{AuthorityID: f.a.ID, UserID: f.userA.ID, Name: "  Überfällige Einbürgerungen ", Query: "ansicht=ueberfaellig&leistung=einbuergerung"}
		must(t, s.AddSavedFilter(ctx, mine))
		if mine.ID == uuid.Nil || mine.CreatedAt.IsZero() || mine.Name != "Überfällige Einbürgerungen" {
			t.Fatalf("saved: %+v", mine)
		}
		wantCode(t, s.AddSavedFilter(ctx, &smd.SavedFilter{AuthorityID: f.a.ID, UserID: f.userA.ID, Name: "Überfällige Einbürgerungen", Query: "status=submitted"}), smd.ECONFLICT)
		must(t, s.AddSavedFilter(ctx, &smd.SavedFilter{AuthorityID: f.a.ID, UserID: colleague.ID, Name: "Überfällige Einbürgerungen", Query: "ansicht=ueberfaellig"}))
		for _, bad := range []*smd.SavedFilter{
			{Name: "   ", Query: "status=submitted"},
			{Name: strings.Repeat("ä", 81), Query: "status=submitted"},
			{Name: "Tab\tim Namen", Query: "status=submitted"},
			{Name: "Lang", Query: "leistung=" + strings.Repeat("x", smd.SavedFilterQueryMax)},
		} {
			bad.AuthorityID, bad.UserID = f.a.ID, f.userA.ID
			wantCode(t, s.AddSavedFilter(ctx, bad), smd.EINVALID)
		}
		must(t, s.AddSavedFilter(ctx, &smd.SavedFilter{AuthorityID: f.a.ID, UserID: f.userA.ID, Name: strings.Repeat("ä", 80), Query: ""}))
		wantCode(t, s.AddSavedFilter(ctx, &smd.SavedFilter{AuthorityID: f.a.ID, UserID: uuid.New(), Name: "Niemand", Query: ""}), smd.ENOTFOUND)
		list, err := s.ListSavedFilters(ctx, f.a.ID, f.userA.ID)
		must(t, err)
		if len(list) != 2 || list[0].ID != mine.ID || list[0].Query != mine.Query || list[0].UserID != f.userA.ID {
			t.Fatalf("list: %+v", list)
		}
		// The colleague cannot delete mine; I can, once.
		wantCode(t, s.DeleteSavedFilter(ctx, f.a.ID, colleague.ID, mine.ID), smd.ENOTFOUND)
		must(t, s.DeleteSavedFilter(ctx, f.a.ID, f.userA.ID, mine.ID))
		wantCode(t, s.DeleteSavedFilter(ctx, f.a.ID, f.userA.ID, mine.ID), smd.ENOTFOUND)
		if l, _ := s.ListSavedFilters(ctx, f.a.ID, colleague.ID); len(l) != 1 {
			t.Fatalf("the colleague's filter went with mine: %d", len(l))
		}
		// The limit.
		for i := len(list) - 1; i < smd.SavedFiltersPerUser; i++ {
			must(t, s.AddSavedFilter(ctx, &smd.SavedFilter{AuthorityID: f.a.ID, UserID: f.userA.ID, Name: fmt.Sprintf("Filter %d", i), Query: "seite=1"}))
		}
		wantCode(t, s.AddSavedFilter(ctx, &smd.SavedFilter{AuthorityID: f.a.ID, UserID: f.userA.ID, Name: "Einer zu viel", Query: ""}), smd.EINVALID)
		if l, _ := s.ListSavedFilters(ctx, f.a.ID, f.userA.ID); len(l) != smd.SavedFiltersPerUser {
			t.Fatalf("%d filters, want the limit %d", len(l), smd.SavedFiltersPerUser)
		}
	})
}
