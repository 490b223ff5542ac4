package sqlstore

import (
	"context"
	"fmt"

	"github.com/google/uuid"

	"github.com/smd-oss/smd"
)

// DocumentCheckStore implements smd.DocumentCheckStore.
type DocumentCheckStore struct{ db *DB }

// NewDocumentCheckStore returns the store on db.
func NewDocumentCheckStore(db *DB) *DocumentCheckStore { return &DocumentCheckStore{db: db} }

var _ smd.DocumentCheckStore = (*DocumentCheckStore)(nil)

// SaveDocumentCheck implements smd.DocumentCheckStore. It writes only
// through the authority's own document row, whose case it takes, so that a
// result can never attach to another authority's document.
func (s *DocumentCheckStore) SaveDocumentCheck(ctx context.Context, c *smd.DocumentCheck) error {
	if c.CheckedAt.IsZero() {
		c.CheckedAt = s.db.Now()
	}
	q := s.db.writer(ctx)
	res, err := q.ExecContext(ctx, `INSERT INTO document_checks
		(authority_id, document_id, case_id, category, confidence, accepted, report, checked_at)
		SELECT d.authority_id, d.id, d.case_id, $3, $4, $5, $6, $7 FROM documents d WHERE d.authority_id = $1 AND d.id = $2
		ON CONFLICT (authority_id, document_id) DO UPDATE SET category = excluded.category, confidence = excluded.confidence,
			accepted = excluded.accepted, report = excluded.report, checked_at = excluded.checked_at`,
		c.AuthorityID, c.DocumentID, c.Category, c.Confidence, c.Accepted, string(c.Report), c.CheckedAt)
	if err != nil {
		return fmt.Errorf("save document check: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return smd.Errorf(smd.ENOTFOUND, "Das Dokument gibt es nicht.")
	}
	return q.QueryRowContext(ctx, `SELECT case_id FROM document_checks WHERE authority_id = $1 AND document_id = $2`,
		c.AuthorityID, c.DocumentID).Scan(&c.CaseID)
}

// DocumentChecks implements smd.DocumentCheckStore.
func (s *DocumentCheckStore) DocumentChecks(ctx context.Context, authorityID, caseID uuid.UUID) ([]*smd.DocumentCheck, error) {
	rows, err := s.db.reader(ctx).QueryContext(ctx, `SELECT document_id, case_id, category, confidence, accepted, report, checked_at
		FROM document_checks WHERE authority_id = $1 AND case_id = $2`, authorityID, caseID)
	if err != nil {
		return nil, fmt.Errorf("list document checks: %w", err)
	}
	defer rows.Close()
	var list []*smd.DocumentCheck
	for rows.Next() {
		c := &smd.DocumentCheck{AuthorityID: authorityID}
		var report string
		if err := rows.Scan(&c.DocumentID, &c.CaseID, &c.Category, &c.Confidence, &c.Accepted, &report, &c.CheckedAt); err != nil {
			return nil, err
		}
		c.Report, c.CheckedAt = []byte(report), c.CheckedAt.UTC()
		list = append(list, c)
	}
	return list, rows.Err()
}
