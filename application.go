package smd

import (
	"context"
	"encoding/json"
	"time"

	"github.com/google/uuid"
)

// Application is an Antrag: the submitted form data of a case, in the
// version of the form definition it was filled in.
type Application struct {
	AuthorityID uuid.UUID
	CaseID      uuid.UUID
	// Owner is the applicant's account key; it lets them find their cases.
	Owner string
	// SubmissionKey identifies the submission (the draft's id), so that
	// submitting the same draft twice yields the same case.
	SubmissionKey string
	FormVersion   int
	// Language is the language the applicant used, for their receipts.
	Language    string
	Data        json.RawMessage
	SubmittedAt time.Time
}

// OwnedCase is one line of an applicant's "Meine Anträge".
type OwnedCase struct {
	Case        *Case
	SubmittedAt time.Time
}

// ApplicationStore persists applications. Authority methods are scoped by
// authority like every case store; owner methods by the applicant, who
// may have cases at several authorities.
type ApplicationStore interface {
	// AddApplication stores a's data on its case (inside the transaction
	// that creates the case). ECONFLICT when the owner already submitted
	// under the same key; ENOTFOUND when the case is not the authority's.
	AddApplication(ctx context.Context, a *Application) error
	// ApplicationByCase returns the case's application; ENOTFOUND when the
	// case is not the authority's or has none (paper intake).
	ApplicationByCase(ctx context.Context, authorityID, caseID uuid.UUID) (*Application, error)
	// ApplicationBySubmission returns the owner's application submitted
	// under key; ENOTFOUND when there is none.
	ApplicationBySubmission(ctx context.Context, owner, key string) (*Application, error)
	// OwnerApplication returns the owner's application of a case;
	// ENOTFOUND when the case is not theirs.
	OwnerApplication(ctx context.Context, owner string, caseID uuid.UUID) (*Application, error)
	// ListOwnerCases returns the owner's cases, newest first.
	ListOwnerCases(ctx context.Context, owner string) ([]*OwnedCase, error)
}
