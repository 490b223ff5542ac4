package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/google/uuid"

	"github.com/smd-oss/smd"
)

// FeedbackStore implements smd.FeedbackStore.
type FeedbackStore struct{ db *DB }

// NewFeedbackStore returns the store on db.
func NewFeedbackStore(db *DB) *FeedbackStore { return &FeedbackStore{db: db} }

var _ smd.FeedbackStore = (*FeedbackStore)(nil)

// AddFeedback implements smd.FeedbackStore.
func (s *FeedbackStore) AddFeedback(ctx context.Context, f *smd.AccessibilityFeedback) error {
	if f.ID == uuid.Nil {
		f.ID = uuid.Must(uuid.NewV7())
	}
	if f.At.IsZero() {
		f.At = s.db.Now()
	}
	_, err := s.db.writer(ctx).ExecContext(ctx, `INSERT INTO accessibility_feedback (id, at, page, message, email, lang)
		VALUES ($1,$2,$3,$4,$5,$6)`, f.ID, f.At, f.Page, f.Message, f.Email, f.Lang)
	if err != nil {
		return fmt.Errorf("insert feedback: %w", err)
	}
	return nil
}

// FeedbackByID implements smd.FeedbackStore.
func (s *FeedbackStore) FeedbackByID(ctx context.Context, id uuid.UUID) (*smd.AccessibilityFeedback, error) {
	var f smd.AccessibilityFeedback
	err := s.db.reader(ctx).QueryRowContext(ctx, `SELECT id, at, page, message, email, lang FROM accessibility_feedback WHERE id = $1`, id).
		Scan(&f.ID, &f.At, &f.Page, &f.Message, &f.Email, &f.Lang)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, smd.Errorf(smd.ENOTFOUND, "Die Rückmeldung gibt es nicht.")
	}
	if err != nil {
		return nil, fmt.Errorf("select feedback: %w", err)
	}
	f.At = f.At.UTC()
	return &f, nil
}

// CountFeedback implements smd.FeedbackStore.
func (s *FeedbackStore) CountFeedback(ctx context.Context) (int, error) {
	var n int
	err := s.db.reader(ctx).QueryRowContext(ctx, `SELECT COUNT(*) FROM accessibility_feedback`).Scan(&n)
	return n, err
}
