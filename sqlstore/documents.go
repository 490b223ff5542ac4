package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/google/uuid"

	"github.com/smd-oss/smd"
)

// DocumentStore implements smd.DocumentStore.
type DocumentStore struct{ db *DB }

// NewDocumentStore returns the store on db.
func NewDocumentStore(db *DB) *DocumentStore { return &DocumentStore{db: db} }

var _ smd.DocumentStore = (*DocumentStore)(nil)

// AddDocument implements smd.DocumentStore; like AddPerson it inserts only
// through the authority's own case row.
func (s *DocumentStore) AddDocument(ctx context.Context, d *smd.Document) error {
	if d.ID == uuid.Nil {
		d.ID = uuid.Must(uuid.NewV7())
	}
	if d.ReceivedAt.IsZero() {
		d.ReceivedAt = s.db.Now()
	}
	res, err := s.db.writer(ctx).ExecContext(ctx, `INSERT INTO documents
		(authority_id, id, case_id, category, filename, mime_type, size, sha256, blob_key, received_at)
		SELECT c.authority_id, $3, c.id, $4, $5, $6, $7, $8, $9, $10
		FROM cases c WHERE c.authority_id = $1 AND c.id = $2`,
		d.AuthorityID, d.CaseID, d.ID, d.Category, d.Filename, d.MIMEType, d.Size, d.SHA256, d.BlobKey, d.ReceivedAt)
	if err != nil {
		return fmt.Errorf("insert document: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return smd.Errorf(smd.ENOTFOUND, "Den Vorgang gibt es nicht.")
	}
	return nil
}

// AddDocuments implements smd.DocumentStore: one statement for all, the
// tenant wall kept by the composite foreign key to the case row.
func (s *DocumentStore) AddDocuments(ctx context.Context, ds []*smd.Document) error {
	if len(ds) == 0 {
		return nil
	}
	const cols = 10
	var rows []string
	var args []any
	now := s.db.Now()
	for i, d := range ds {
		if d.AuthorityID != ds[0].AuthorityID || d.CaseID != ds[0].CaseID {
			return smd.Errorf(smd.EINVALID, "documents of different cases in one batch")
		}
		if d.ID == uuid.Nil {
			d.ID = uuid.Must(uuid.NewV7())
		}
		if d.ReceivedAt.IsZero() {
			d.ReceivedAt = now
		}
		rows = append(rows, placeholders(i, cols, 0))
		args = append(args, d.AuthorityID, d.ID, d.CaseID, d.Category, d.Filename, d.MIMEType, d.Size, d.SHA256, d.BlobKey, d.ReceivedAt)
	}
	_, err := s.db.writer(ctx).ExecContext(ctx, `INSERT INTO documents (`+documentColumns+`) VALUES `+strings.Join(rows, ","), args...)
	if isForeignKeyViolation(err) {
		return smd.Errorf(smd.ENOTFOUND, "Den Vorgang gibt es nicht.")
	}
	if err != nil {
		return fmt.Errorf("insert documents: %w", err)
	}
	return nil
}

const documentColumns = `authority_id, id, case_id, category, filename, mime_type, size, sha256, blob_key, received_at`

func scanDocument(row interface{ Scan(...any) error }) (*smd.Document, error) {
	var d smd.Document
	if err := row.Scan(&d.AuthorityID, &d.ID, &d.CaseID, &d.Category, &d.Filename, &d.MIMEType, &d.Size, &d.SHA256, &d.BlobKey, &d.ReceivedAt); err != nil {
		return nil, err
	}
	d.ReceivedAt = d.ReceivedAt.UTC()
	return &d, nil
}

// DocumentByID implements smd.DocumentStore.
func (s *DocumentStore) DocumentByID(ctx context.Context, authorityID, id uuid.UUID) (*smd.Document, error) {
	d, err := scanDocument(s.db.reader(ctx).QueryRowContext(ctx,
		`SELECT `+documentColumns+` FROM documents WHERE authority_id = $1 AND id = $2`, authorityID, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, smd.Errorf(smd.ENOTFOUND, "Das Dokument gibt es nicht.")
	}
	if err != nil {
		return nil, fmt.Errorf("select document: %w", err)
	}
	return d, nil
}

// ListDocuments implements smd.DocumentStore.
func (s *DocumentStore) ListDocuments(ctx context.Context, authorityID, caseID uuid.UUID) ([]*smd.Document, error) {
	rows, err := s.db.reader(ctx).QueryContext(ctx, `SELECT `+documentColumns+` FROM documents
		WHERE authority_id = $1 AND case_id = $2 ORDER BY received_at, id`, authorityID, caseID)
	if err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	defer rows.Close()
	var list []*smd.Document
	for rows.Next() {
		d, err := scanDocument(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, d)
	}
	return list, rows.Err()
}
