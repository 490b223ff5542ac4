package smd

import (
	"context"
	"time"

	"github.com/google/uuid"
)

// AccessibilityFeedback is a report of a barrier sent through the form of
// the accessibility statement (BGG § 12b). It concerns the portal, not a
// case, so it belongs to the operator rather than to an authority.
type AccessibilityFeedback struct {
	ID      uuid.UUID
	At      time.Time
	Page    string // the address the barrier was found on, as given
	Message string
	Email   string // optional, for an answer
	Lang    string
}

// FeedbackStore persists accessibility feedback.
type FeedbackStore interface {
	// AddFeedback stores f.
	AddFeedback(ctx context.Context, f *AccessibilityFeedback) error
	// FeedbackByID returns the feedback; ENOTFOUND when there is none.
	FeedbackByID(ctx context.Context, id uuid.UUID) (*AccessibilityFeedback, error)
	// CountFeedback returns how many reports there are.
	CountFeedback(ctx context.Context) (int, error)
}
