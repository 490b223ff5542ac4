package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/smd-oss/smd"
)

// ApplicationStore implements smd.ApplicationStore.
type ApplicationStore struct{ db *DB }

// NewApplicationStore returns the store on db.
func NewApplicationStore(db *DB) *ApplicationStore { return &ApplicationStore{db: db} }

var _ smd.ApplicationStore = (*ApplicationStore)(nil)

// AddApplication implements smd.ApplicationStore. It inserts only through
// the authority's own case row, like documents and persons.
func (s *ApplicationStore) AddApplication(ctx context.Context, a *smd.Application) error {
	if a.Owner == "" || a.SubmissionKey == "" {
		return smd.Errorf(smd.EINVALID, "application without owner or submission key")
	}
	if a.SubmittedAt.IsZero() {
		a.SubmittedAt = s.db.Now()
	}
	// As stored: UTC to the microsecond, so that both databases read it back
	// alike and SQLite's text timestamps sort by time.
	a.SubmittedAt = a.SubmittedAt.UTC().Truncate(time.Microsecond)
	res, err := s.db.writer(ctx).ExecContext(ctx, `INSERT INTO applications
		(authority_id, case_id, owner, submission_key, form_version, language, data, submitted_at)
		SELECT c.authority_id, c.id, $3, $4, $5, $6, $7, $8 FROM cases c WHERE c.authority_id = $1 AND c.id = $2`,
		a.AuthorityID, a.CaseID, a.Owner, a.SubmissionKey, a.FormVersion, a.Language, string(a.Data), a.SubmittedAt)
	if isUniqueViolation(err) {
		return smd.Errorf(smd.ECONFLICT, "Dieser Antrag wurde bereits gesendet.")
	}
	if err != nil {
		return fmt.Errorf("insert application: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return smd.Errorf(smd.ENOTFOUND, "Den Vorgang gibt es nicht.")
	}
	return nil
}

const applicationColumns = `authority_id, case_id, owner, submission_key, form_version, language, data, submitted_at`

func (s *ApplicationStore) one(ctx context.Context, where string, args ...any) (*smd.Application, error) {
	var a smd.Application
	var data string
	err := s.db.reader(ctx).QueryRowContext(ctx, `SELECT `+applicationColumns+` FROM applications WHERE `+where, args...).
		Scan(&a.AuthorityID, &a.CaseID, &a.Owner, &a.SubmissionKey, &a.FormVersion, &a.Language, &data, &a.SubmittedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, smd.Errorf(smd.ENOTFOUND, "Den Antrag gibt es nicht.")
	}
	if err != nil {
		return nil, fmt.Errorf("select application: %w", err)
	}
	a.Data = []byte(data)
	a.SubmittedAt = a.SubmittedAt.UTC()
	return &a, nil
}

// ApplicationByCase implements smd.ApplicationStore.
func (s *ApplicationStore) ApplicationByCase(ctx context.Context, authorityID, caseID uuid.UUID) (*smd.Application, error) {
	return s.one(ctx, `authority_id = $1 AND case_id = $2`, authorityID, caseID)
}

// ApplicationBySubmission implements smd.ApplicationStore.
func (s *ApplicationStore) ApplicationBySubmission(ctx context.Context, owner, key string) (*smd.Application, error) {
	return s.one(ctx, `owner = $1 AND submission_key = $2`, owner, key)
}

// OwnerApplication implements smd.ApplicationStore.
func (s *ApplicationStore) OwnerApplication(ctx context.Context, owner string, caseID uuid.UUID) (*smd.Application, error) {
	return s.one(ctx, `owner = $1 AND case_id = $2`, owner, caseID)
}

// ListOwnerCases implements smd.ApplicationStore.
func (s *ApplicationStore) ListOwnerCases(ctx context.Context, owner string) ([]*smd.OwnedCase, error) {
	rows, err := s.db.reader(ctx).QueryContext(ctx, `SELECT `+prefixed("c.", caseColumns)+`, a.submitted_at
		FROM applications a JOIN cases c ON c.authority_id = a.authority_id AND c.id = a.case_id
		WHERE a.owner = $1 ORDER BY a.submitted_at DESC, c.id`, owner)
	if err != nil {
		return nil, fmt.Errorf("list owner cases: %w", err)
	}
	defer rows.Close()
	var out []*smd.OwnedCase
	for rows.Next() {
		oc := &smd.OwnedCase{}
		c, err := scanCaseWith(rows, &oc.SubmittedAt)
		if err != nil {
			return nil, err
		}
		oc.Case = c
		oc.SubmittedAt = oc.SubmittedAt.UTC()
		out = append(out, oc)
	}
	return out, rows.Err()
}
