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

// AuditStore implements smd.AuditStore as one hash chain per authority.
type AuditStore struct{ db *DB }

// NewAuditStore returns the store on db.
func NewAuditStore(db *DB) *AuditStore { return &AuditStore{db: db} }

var _ smd.AuditStore = (*AuditStore)(nil)

// AppendAudit implements smd.AuditStore. The chain head row is locked for
// the rest of the transaction, which serialises appends per authority
// without blocking other authorities.
func (s *AuditStore) AppendAudit(ctx context.Context, e *smd.AuditEvent) error {
	if e.At.IsZero() {
		e.At = s.db.Now()
	}
	e.At = e.At.UTC().Truncate(time.Microsecond)
	if len(e.Details) == 0 {
		e.Details = json.RawMessage(`{}`)
	}
	return s.db.InTx(ctx, func(ctx context.Context) error {
		q := s.db.writer(ctx)
		err := q.QueryRowContext(ctx, `SELECT seq, hash FROM audit_heads WHERE authority_id = $1`+s.db.Dialect.forUpdate(),
			e.AuthorityID).Scan(&e.Seq, &e.PrevHash)
		if errors.Is(err, sql.ErrNoRows) {
			return smd.Errorf(smd.ENOTFOUND, "Die Behörde gibt es nicht.")
		}
		if err != nil {
			return fmt.Errorf("select audit head: %w", err)
		}
		e.Seq++
		e.Hash = e.ComputeHash()
		insert := `INSERT INTO audit_events
			(authority_id, seq, at, actor_kind, actor_id, action, object_type, object_id, details, prev_hash, hash)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`
		args := []any{e.AuthorityID, e.Seq, e.At, string(e.Actor.Kind), e.Actor.ID, e.Action, e.ObjectType, e.ObjectID,
			string(e.Details), e.PrevHash, e.Hash}
		if s.db.Dialect == Postgres {
			// One round trip for event and head: the head row is locked,
			// and every append of the authority waits for this one.
			_, err = q.ExecContext(ctx, `WITH ev AS (`+insert+`)
				UPDATE audit_heads SET seq = $2, hash = $11 WHERE authority_id = $1`, args...)
			if err != nil {
				return fmt.Errorf("append audit event: %w", err)
			}
			return nil
		}
		if _, err := q.ExecContext(ctx, insert, args...); err != nil {
			return fmt.Errorf("insert audit event: %w", err)
		}
		_, err = q.ExecContext(ctx, `UPDATE audit_heads SET seq = $2, hash = $3 WHERE authority_id = $1`, e.AuthorityID, e.Seq, e.Hash)
		return err
	})
}

// ListAudit implements smd.AuditStore.
func (s *AuditStore) ListAudit(ctx context.Context, authorityID uuid.UUID, after int64, limit int) ([]*smd.AuditEvent, error) {
	rows, err := s.db.reader(ctx).QueryContext(ctx, `SELECT authority_id, seq, at, actor_kind, actor_id, action, object_type, object_id, details, prev_hash, hash
		FROM audit_events WHERE authority_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`, authorityID, after, limit)
	if err != nil {
		return nil, fmt.Errorf("list audit: %w", err)
	}
	defer rows.Close()
	var list []*smd.AuditEvent
	for rows.Next() {
		var e smd.AuditEvent
		var kind, details string
		if err := rows.Scan(&e.AuthorityID, &e.Seq, &e.At, &kind, &e.Actor.ID, &e.Action, &e.ObjectType, &e.ObjectID, &details, &e.PrevHash, &e.Hash); err != nil {
			return nil, err
		}
		e.At, e.Actor.Kind, e.Details = e.At.UTC(), smd.ActorKind(kind), json.RawMessage(details)
		list = append(list, &e)
	}
	return list, rows.Err()
}

// VerifyAudit implements smd.AuditStore. It walks the chain in pages and
// checks each link and each hash, and that the head matches the last event,
// so that truncating the tail is caught as well.
func (s *AuditStore) VerifyAudit(ctx context.Context, authorityID uuid.UUID) (int64, error) {
	var prev string
	var seq int64
	for {
		page, err := s.ListAudit(ctx, authorityID, seq, 1000)
		if err != nil {
			return 0, err
		}
		for _, e := range page {
			if e.Seq != seq+1 || e.PrevHash != prev || e.ComputeHash() != e.Hash {
				return seq + 1, nil
			}
			prev, seq = e.Hash, e.Seq
		}
		if len(page) < 1000 {
			break
		}
	}
	var headSeq int64
	var headHash string
	err := s.db.reader(ctx).QueryRowContext(ctx, `SELECT seq, hash FROM audit_heads WHERE authority_id = $1`, authorityID).Scan(&headSeq, &headHash)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, smd.Errorf(smd.ENOTFOUND, "Die Behörde gibt es nicht.")
	}
	if err != nil {
		return 0, err
	}
	if headSeq != seq || headHash != prev {
		return seq + 1, nil
	}
	return 0, nil
}
