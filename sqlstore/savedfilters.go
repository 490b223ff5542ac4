package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/form"
)

// SavedFilterStore implements smd.SavedFilterStore.
type SavedFilterStore struct{ db *DB }

// NewSavedFilterStore returns the store on db.
func NewSavedFilterStore(db *DB) *SavedFilterStore { return &SavedFilterStore{db: db} }

var _ smd.SavedFilterStore = (*SavedFilterStore)(nil)

// AddSavedFilter implements smd.SavedFilterStore. The user's row is locked
// (on PostgreSQL; SQLite has one writer anyway) while the filters are
// counted, so that two saves at once cannot pass the limit together.
func (s *SavedFilterStore) AddSavedFilter(ctx context.Context, f *smd.SavedFilter) error {
	f.Name = strings.TrimSpace(f.Name)
	switch {
	case f.Name == "":
		return smd.Errorf(smd.EINVALID, "Geben Sie einen Namen für den Filter ein.")
	case utf8.RuneCountInString(f.Name) > smd.SavedFilterNameMax:
		return smd.Errorf(smd.EINVALID, "Der Name darf höchstens %d Zeichen lang sein.", smd.SavedFilterNameMax)
	case !utf8.ValidString(f.Name) || form.HasControl(f.Name, false):
		return smd.Errorf(smd.EINVALID, "Der Name enthält Steuerzeichen.")
	case len(f.Query) > smd.SavedFilterQueryMax || !utf8.ValidString(f.Query) || form.HasControl(f.Query, false):
		return smd.Errorf(smd.EINVALID, "Dieser Filter kann nicht gespeichert werden.")
	}
	if f.ID == uuid.Nil {
		f.ID = uuid.Must(uuid.NewV7())
	}
	f.CreatedAt = s.db.Now()
	return s.db.InTx(ctx, func(ctx context.Context) error {
		q := s.db.writer(ctx)
		var one int
		err := q.QueryRowContext(ctx, `SELECT 1 FROM users WHERE authority_id = $1 AND id = $2`+s.db.Dialect.forUpdate(),
			f.AuthorityID, f.UserID).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return smd.Errorf(smd.ENOTFOUND, "Die Person gibt es nicht.")
		}
		if err != nil {
			return fmt.Errorf("select user: %w", err)
		}
		var n int
		if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM saved_filters WHERE authority_id = $1 AND user_id = $2`,
			f.AuthorityID, f.UserID).Scan(&n); err != nil {
			return fmt.Errorf("count saved filters: %w", err)
		}
		if n >= smd.SavedFiltersPerUser {
			return smd.Errorf(smd.EINVALID, "Sie können höchstens %d Filter speichern. Löschen Sie zuerst einen.", smd.SavedFiltersPerUser)
		}
		_, err = q.ExecContext(ctx, `INSERT INTO saved_filters (authority_id, id, user_id, name, query, created_at)
			VALUES ($1,$2,$3,$4,$5,$6)`, f.AuthorityID, f.ID, f.UserID, f.Name, f.Query, f.CreatedAt)
		if isUniqueViolation(err) {
			return smd.Errorf(smd.ECONFLICT, "Sie haben schon einen Filter mit diesem Namen.")
		}
		if err != nil {
			return fmt.Errorf("insert saved filter: %w", err)
		}
		return nil
	})
}

// ListSavedFilters implements smd.SavedFilterStore.
func (s *SavedFilterStore) ListSavedFilters(ctx context.Context, authorityID, userID uuid.UUID) ([]*smd.SavedFilter, error) {
	rows, err := s.db.reader(ctx).QueryContext(ctx, `SELECT authority_id, id, user_id, name, query, created_at FROM saved_filters
		WHERE authority_id = $1 AND user_id = $2 ORDER BY created_at, id`, authorityID, userID)
	if err != nil {
		return nil, fmt.Errorf("list saved filters: %w", err)
	}
	defer rows.Close()
	var list []*smd.SavedFilter
	for rows.Next() {
		var f smd.SavedFilter
		if err := rows.Scan(&f.AuthorityID, &f.ID, &f.UserID, &f.Name, &f.Query, &f.CreatedAt); err != nil {
			return nil, err
		}
		f.CreatedAt = f.CreatedAt.UTC()
		list = append(list, &f)
	}
	return list, rows.Err()
}

// DeleteSavedFilter implements smd.SavedFilterStore.
func (s *SavedFilterStore) DeleteSavedFilter(ctx context.Context, authorityID, userID, id uuid.UUID) error {
	res, err := s.db.writer(ctx).ExecContext(ctx, `DELETE FROM saved_filters WHERE authority_id = $1 AND user_id = $2 AND id = $3`,
		authorityID, userID, id)
	if err != nil {
		return fmt.Errorf("delete saved filter: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return smd.Errorf(smd.ENOTFOUND, "Den Filter gibt es nicht.")
	}
	return nil
}
