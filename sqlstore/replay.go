package sqlstore

import (
	"context"
	"fmt"
	"time"
)

// ReplayStore implements bundid.ReplayStore: the primary key makes the
// second use of an assertion id fail on every instance at once.
type ReplayStore struct{ db *DB }

// NewReplayStore returns the store on db.
func NewReplayStore(db *DB) *ReplayStore { return &ReplayStore{db: db} }

// Remember records id until the given time and reports whether it was new.
// Expired ids are pruned on the way.
func (s *ReplayStore) Remember(ctx context.Context, id string, until time.Time) (bool, error) {
	now := s.db.Now()
	if _, err := s.db.Write.ExecContext(ctx, `DELETE FROM saml_assertions WHERE expires_at < $1`, now); err != nil {
		return false, fmt.Errorf("prune assertions: %w", err)
	}
	res, err := s.db.Write.ExecContext(ctx, `INSERT INTO saml_assertions (id, expires_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING`,
		id, until.UTC().Truncate(time.Microsecond))
	if err != nil {
		return false, fmt.Errorf("remember assertion: %w", err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}
