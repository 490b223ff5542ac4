package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/google/uuid"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/vault"
)

// KeyStore implements vault.KeyStore, for the authorities' document keys
// or for the keys of draft uploads (which belong to no authority yet).
type KeyStore struct {
	db *DB
	// table and column are constants chosen by the constructors, never input.
	table, column string
}

// NewKeyStore returns the store of the authorities' keys on db.
func NewKeyStore(db *DB) *KeyStore {
	return &KeyStore{db: db, table: "authority_keys", column: "authority_id"}
}

// NewDraftKeyStore returns the store of the draft uploads' keys on db.
func NewDraftKeyStore(db *DB) *KeyStore {
	return &KeyStore{db: db, table: "draft_keys", column: "namespace"}
}

var _ vault.KeyStore = (*KeyStore)(nil)

// CurrentKey implements vault.KeyStore.
func (s *KeyStore) CurrentKey(ctx context.Context, authorityID uuid.UUID) (uint32, []byte, error) {
	var v int64
	var wrapped []byte
	err := s.db.reader(ctx).QueryRowContext(ctx, `SELECT version, wrapped FROM `+s.table+`
		WHERE `+s.column+` = $1 ORDER BY version DESC LIMIT 1`, authorityID).Scan(&v, &wrapped)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil, smd.Errorf(smd.ENOTFOUND, "no data key")
	}
	if err != nil {
		return 0, nil, fmt.Errorf("select key: %w", err)
	}
	return uint32(v), wrapped, nil
}

// KeyByVersion implements vault.KeyStore.
func (s *KeyStore) KeyByVersion(ctx context.Context, authorityID uuid.UUID, version uint32) ([]byte, error) {
	var wrapped []byte
	err := s.db.reader(ctx).QueryRowContext(ctx, `SELECT wrapped FROM `+s.table+` WHERE `+s.column+` = $1 AND version = $2`,
		authorityID, int64(version)).Scan(&wrapped)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, smd.Errorf(smd.ENOTFOUND, "no data key")
	}
	if err != nil {
		return nil, fmt.Errorf("select key: %w", err)
	}
	return wrapped, nil
}

// AddKey implements vault.KeyStore.
func (s *KeyStore) AddKey(ctx context.Context, authorityID uuid.UUID, version uint32, wrapped []byte) error {
	_, err := s.db.writer(ctx).ExecContext(ctx, `INSERT INTO `+s.table+` (`+s.column+`, version, wrapped, created_at)
		VALUES ($1, $2, $3, $4)`, authorityID, int64(version), wrapped, s.db.Now())
	if isUniqueViolation(err) {
		return smd.Errorf(smd.ECONFLICT, "data key exists")
	}
	if err != nil {
		return fmt.Errorf("insert key: %w", err)
	}
	return nil
}
