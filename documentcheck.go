package smd

import (
	"context"
	"encoding/json"
	"time"

	"github.com/google/uuid"
)

// DocumentCheck is the result of the automated checks of one document
// (package doccheck): advice for the caseworker, never a decision.
type DocumentCheck struct {
	AuthorityID uuid.UUID
	DocumentID  uuid.UUID
	CaseID      uuid.UUID
	// Category is the classified category ("passport", …, "other") and
	// Confidence how sure the classification is (0–1).
	Category   string
	Confidence float64
	// Accepted is false when a check refused the file (unsafe or broken).
	Accepted bool
	// Report is the checker's whole report as JSON (findings, MRZ, facts,
	// the cross-check with the application).
	Report    json.RawMessage
	CheckedAt time.Time
}

// DocumentCheckStore keeps the check results, scoped by authority.
type DocumentCheckStore interface {
	// SaveDocumentCheck stores the result of a document, replacing an
	// earlier one (a re-check after a checker update). ENOTFOUND when the
	// document is not the authority's.
	SaveDocumentCheck(ctx context.Context, c *DocumentCheck) error
	// DocumentChecks returns the results of a case's documents; documents
	// not checked yet have none.
	DocumentChecks(ctx context.Context, authorityID, caseID uuid.UUID) ([]*DocumentCheck, error)
}
