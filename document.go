package smd

import (
	"context"
	"time"

	"github.com/google/uuid"
)

// Document is a Nachweis: a file on a case. Its metadata lives in the
// database, its content in the blob store under BlobKey.
type Document struct {
	ID          uuid.UUID
	AuthorityID uuid.UUID
	CaseID      uuid.UUID
	// Category is the document category (passport, payslip …) as declared
	// or as classified.
	Category string
	Filename string
	MIMEType string
	Size     int64
	// SHA256 is the hex digest of the content, for integrity and de-duplication.
	SHA256 string
	// BlobKey is where the content is, relative to the blob store.
	BlobKey    string
	ReceivedAt time.Time
}

// Categories of the letters the authority generates on a case
// (Schreiben, spec/domain.md).
const (
	// CategoryBescheid is the decision letter to the applicant.
	CategoryBescheid = "letter.bescheid"
	// CategoryEntscheidungsvorlage is the decision memo for the file: the
	// checklist with the caseworker's confirmations, who proposed and who
	// approved. Internal: never shown or sent to the applicant.
	CategoryEntscheidungsvorlage = "letter.entscheidungsvorlage"
)

// Internal reports whether the document is for the authority's file only.
// Every place that shows or sends case documents to the applicant (the
// account pages, notices, exports to the applicant) must leave internal
// documents out; the workbench marks them.
func (d *Document) Internal() bool { return d.Category == CategoryEntscheidungsvorlage }

// DocumentStore persists document metadata, scoped by authority.
type DocumentStore interface {
	// AddDocument records a document whose content is already in the blob
	// store; ENOTFOUND when the case is not the authority's.
	AddDocument(ctx context.Context, d *Document) error
	// AddDocuments records documents of one case in one statement;
	// ENOTFOUND when the case is not the authority's, EINVALID when they
	// belong to different cases.
	AddDocuments(ctx context.Context, ds []*Document) error
	// DocumentByID returns the document; ENOTFOUND when it is not the authority's.
	DocumentByID(ctx context.Context, authorityID, id uuid.UUID) (*Document, error)
	// ListDocuments returns a case's documents in order of receipt.
	ListDocuments(ctx context.Context, authorityID, caseID uuid.UUID) ([]*Document, error)
}
