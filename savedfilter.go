package smd

import (
	"context"
	"time"

	"github.com/google/uuid"
)

// Limits of saved filters. The store enforces them, so that a tampered
// form cannot store more; the web layer checks them first for friendly
// messages.
const (
	// SavedFilterNameMax is the longest name, in characters.
	SavedFilterNameMax = 80
	// SavedFilterQueryMax is the longest query string, in bytes; the
	// inbox's filters need well under 200.
	SavedFilterQueryMax = 500
	// SavedFiltersPerUser keeps the list on the inbox short enough to scan.
	SavedFiltersPerUser = 20
)

// SavedFilter is a caseworker's named view of the inbox ("Meine
// überfälligen Einbürgerungen"): the query string of the filter form, so
// that opening it is an ordinary, bookmarkable GET. It is personal: only
// its owner lists, opens or deletes it.
type SavedFilter struct {
	ID          uuid.UUID
	AuthorityID uuid.UUID
	UserID      uuid.UUID
	Name        string
	// Query is the encoded query string without "?" and without a page
	// number, e.g. "ansicht=ueberfaellig&leistung=einbuergerung"; the web
	// layer validates it against the filter form before saving.
	Query     string
	CreatedAt time.Time
}

// SavedFilterStore persists saved filters. Every method takes the
// authority and the user: a filter of another user, of the same authority
// or not, is ENOTFOUND and never listed.
type SavedFilterStore interface {
	// AddSavedFilter stores f for f.UserID of f.AuthorityID, setting f.ID
	// and f.CreatedAt. The name is trimmed. EINVALID when the name is
	// empty, longer than SavedFilterNameMax or has control characters,
	// when the query is longer than SavedFilterQueryMax, or when the user
	// already has SavedFiltersPerUser filters; ENOTFOUND when the user does
	// not exist in that authority; ECONFLICT when the user already has a
	// filter of that name.
	AddSavedFilter(ctx context.Context, f *SavedFilter) error
	// ListSavedFilters returns the user's filters in the order they were
	// saved (the same on both databases, unlike an order by name, which
	// follows each database's collation). It is empty, never an error, for
	// a user of another authority.
	ListSavedFilters(ctx context.Context, authorityID, userID uuid.UUID) ([]*SavedFilter, error)
	// DeleteSavedFilter deletes one of the user's filters; ENOTFOUND when
	// the user has no filter with that id.
	DeleteSavedFilter(ctx context.Context, authorityID, userID, id uuid.UUID) error
}
