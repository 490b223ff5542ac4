package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/smd-oss/smd"
)

// DraftStore implements smd.DraftStore.
type DraftStore struct{ db *DB }

// NewDraftStore returns the store on db.
func NewDraftStore(db *DB) *DraftStore { return &DraftStore{db: db} }

var _ smd.DraftStore = (*DraftStore)(nil)

// MaxDraftBytes bounds the stored answers of one draft.
const MaxDraftBytes = 512 << 10

// CreateDraft implements smd.DraftStore.
func (s *DraftStore) CreateDraft(ctx context.Context, owner string, svc smd.Service, expires time.Time) (*smd.Draft, error) {
	if owner == "" {
		return nil, smd.Errorf(smd.EINVALID, "no owner")
	}
	if !svc.Valid() {
		return nil, smd.Errorf(smd.EINVALID, "Unbekannte Leistung %q.", svc)
	}
	now := s.db.Now()
	d := &smd.Draft{ID: uuid.Must(uuid.NewV7()), Owner: owner, Service: svc, Data: json.RawMessage(`{}`), Version: 1,
		CreatedAt: now, UpdatedAt: now, ExpiresAt: expires.UTC().Truncate(time.Microsecond)}
	_, err := s.db.writer(ctx).ExecContext(ctx, `INSERT INTO drafts (owner, id, service, data, version, created_at, updated_at, expires_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`, d.Owner, d.ID, string(d.Service), string(d.Data), d.Version, d.CreatedAt, d.UpdatedAt, d.ExpiresAt)
	if err != nil {
		return nil, fmt.Errorf("insert draft: %w", err)
	}
	return d, nil
}

const draftColumns = `owner, id, service, data, version, created_at, updated_at, expires_at`

func scanDraft(row interface{ Scan(...any) error }) (*smd.Draft, error) {
	var d smd.Draft
	var svc, data string
	if err := row.Scan(&d.Owner, &d.ID, &svc, &data, &d.Version, &d.CreatedAt, &d.UpdatedAt, &d.ExpiresAt); err != nil {
		return nil, err
	}
	d.Service, d.Data = smd.Service(svc), json.RawMessage(data)
	d.CreatedAt, d.UpdatedAt, d.ExpiresAt = d.CreatedAt.UTC(), d.UpdatedAt.UTC(), d.ExpiresAt.UTC()
	return &d, nil
}

// DraftByID implements smd.DraftStore.
func (s *DraftStore) DraftByID(ctx context.Context, owner string, id uuid.UUID) (*smd.Draft, error) {
	d, err := scanDraft(s.db.reader(ctx).QueryRowContext(ctx, `SELECT `+draftColumns+` FROM drafts
		WHERE owner = $1 AND id = $2 AND expires_at > $3`, owner, id, s.db.Now()))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, smd.Errorf(smd.ENOTFOUND, "Den Entwurf gibt es nicht.")
	}
	if err != nil {
		return nil, fmt.Errorf("select draft: %w", err)
	}
	return d, nil
}

// SaveDraft implements smd.DraftStore.
func (s *DraftStore) SaveDraft(ctx context.Context, owner string, id uuid.UUID, baseVersion int, data json.RawMessage, expires time.Time) (*smd.Draft, error) {
	if len(data) > MaxDraftBytes || !json.Valid(data) {
		return nil, smd.Errorf(smd.EINVALID, "Die Angaben sind zu umfangreich oder beschädigt.")
	}
	var out *smd.Draft
	err := s.db.InTx(ctx, func(ctx context.Context) error {
		cur, err := s.DraftByID(ctx, owner, id)
		if err != nil {
			return err
		}
		if cur.Version != baseVersion {
			return smd.Errorf(smd.ECONFLICT, "Der Entwurf wurde inzwischen an anderer Stelle gespeichert. Laden Sie die Seite neu.")
		}
		now := s.db.Now()
		res, err := s.db.writer(ctx).ExecContext(ctx, `UPDATE drafts SET data = $4, version = $3 + 1, updated_at = $5, expires_at = $6, warned_at = NULL
			WHERE owner = $1 AND id = $2 AND version = $3`, owner, id, baseVersion, string(data), now, expires.UTC().Truncate(time.Microsecond))
		if err != nil {
			return fmt.Errorf("update draft: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return smd.Errorf(smd.ECONFLICT, "Der Entwurf wurde inzwischen an anderer Stelle gespeichert. Laden Sie die Seite neu.")
		}
		cur.Data, cur.Version, cur.UpdatedAt, cur.ExpiresAt = data, baseVersion+1, now, expires.UTC().Truncate(time.Microsecond)
		out = cur
		return nil
	})
	return out, err
}

// ListDrafts implements smd.DraftStore.
func (s *DraftStore) ListDrafts(ctx context.Context, owner string) ([]*smd.Draft, error) {
	return s.list(ctx, "list drafts", `SELECT `+draftColumns+` FROM drafts
		WHERE owner = $1 AND expires_at > $2 ORDER BY updated_at DESC, id`, owner, s.db.Now())
}

// DeleteDraft implements smd.DraftStore.
func (s *DraftStore) DeleteDraft(ctx context.Context, owner string, id uuid.UUID) error {
	res, err := s.db.writer(ctx).ExecContext(ctx, `DELETE FROM drafts WHERE owner = $1 AND id = $2`, owner, id)
	if err != nil {
		return fmt.Errorf("delete draft: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return smd.Errorf(smd.ENOTFOUND, "Den Entwurf gibt es nicht.")
	}
	return nil
}

// DeleteExpiredDrafts implements smd.DraftStore.
func (s *DraftStore) DeleteExpiredDrafts(ctx context.Context, now time.Time) (int64, error) {
	res, err := s.db.writer(ctx).ExecContext(ctx, `DELETE FROM drafts WHERE expires_at <= $1`, now.UTC())
	if err != nil {
		return 0, fmt.Errorf("delete expired drafts: %w", err)
	}
	return res.RowsAffected()
}

// ListExpiredDrafts implements smd.DraftStore.
func (s *DraftStore) ListExpiredDrafts(ctx context.Context, now time.Time, limit int) ([]*smd.Draft, error) {
	return s.list(ctx, "list expired drafts", `SELECT `+draftColumns+` FROM drafts
		WHERE expires_at <= $1 ORDER BY expires_at, owner, id LIMIT $2`, now.UTC(), limit)
}

// DraftsToWarn implements smd.DraftStore.
func (s *DraftStore) DraftsToWarn(ctx context.Context, before time.Time, limit int) ([]*smd.Draft, error) {
	return s.list(ctx, "list drafts to warn", `SELECT `+draftColumns+` FROM drafts
		WHERE expires_at <= $1 AND expires_at > $2 AND warned_at IS NULL ORDER BY expires_at, owner, id LIMIT $3`,
		before.UTC(), s.db.Now(), limit)
}

// MarkDraftWarned implements smd.DraftStore.
func (s *DraftStore) MarkDraftWarned(ctx context.Context, owner string, id uuid.UUID) error {
	res, err := s.db.writer(ctx).ExecContext(ctx, `UPDATE drafts SET warned_at = $3 WHERE owner = $1 AND id = $2`, owner, id, s.db.Now())
	if err != nil {
		return fmt.Errorf("mark draft warned: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return smd.Errorf(smd.ENOTFOUND, "Den Entwurf gibt es nicht.")
	}
	return nil
}

// list runs a query of whole drafts; what names the query in errors.
func (s *DraftStore) list(ctx context.Context, what, query string, args ...any) ([]*smd.Draft, error) {
	rows, err := s.db.reader(ctx).QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	var list []*smd.Draft
	for rows.Next() {
		d, err := scanDraft(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, d)
	}
	return list, rows.Err()
}
