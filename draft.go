package smd

import (
	"context"
	"encoding/json"
	"time"

	"github.com/google/uuid"
)

// Draft is an Entwurf: an application a signed-in applicant has started
// and not yet submitted. It belongs to the applicant's account, not yet to
// an authority: the responsible authority is known only at submission.
// Drafts are kept on the server so that they survive a change of device
// or language, and expire after a configurable time.
type Draft struct {
	ID uuid.UUID
	// Owner is the applicant's account key (a hash of the BundID bPK2).
	Owner   string
	Service Service
	// Data are the answers so far, as the form definition stores them.
	Data json.RawMessage
	// Version counts saves; a save names the version it was based on, so
	// that two open tabs cannot silently overwrite each other.
	Version   int
	CreatedAt time.Time
	UpdatedAt time.Time
	ExpiresAt time.Time
}

// DraftStore persists drafts. Every method takes the owner: a draft of
// another owner is ENOTFOUND, exactly like one that does not exist.
type DraftStore interface {
	// CreateDraft stores a new, empty draft expiring at expires.
	CreateDraft(ctx context.Context, owner string, svc Service, expires time.Time) (*Draft, error)
	// DraftByID returns the owner's draft; ENOTFOUND otherwise (also when expired).
	DraftByID(ctx context.Context, owner string, id uuid.UUID) (*Draft, error)
	// SaveDraft replaces the data if the draft is still at baseVersion and
	// moves the expiry; ECONFLICT when it was saved meanwhile, ENOTFOUND
	// when it is not the owner's.
	SaveDraft(ctx context.Context, owner string, id uuid.UUID, baseVersion int, data json.RawMessage, expires time.Time) (*Draft, error)
	// ListDrafts returns the owner's unexpired drafts, newest first.
	ListDrafts(ctx context.Context, owner string) ([]*Draft, error)
	// DeleteDraft removes the owner's draft; ENOTFOUND when there is none.
	DeleteDraft(ctx context.Context, owner string, id uuid.UUID) error
	// ListExpiredDrafts returns up to limit drafts of any owner that expired
	// before now, for the cleanup that also deletes their uploads.
	ListExpiredDrafts(ctx context.Context, now time.Time, limit int) ([]*Draft, error)
	// DraftsToWarn returns up to limit unexpired drafts of any owner that
	// expire before the given time and whose applicant was not warned since
	// the last save, soonest first.
	DraftsToWarn(ctx context.Context, before time.Time, limit int) ([]*Draft, error)
	// MarkDraftWarned records that the owner was warned of the expiry;
	// the next save clears it. ENOTFOUND when the draft is gone.
	MarkDraftWarned(ctx context.Context, owner string, id uuid.UUID) error
	// DeleteExpiredDrafts removes drafts expired before now and returns how many.
	DeleteExpiredDrafts(ctx context.Context, now time.Time) (int64, error)
}
