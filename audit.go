package smd

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/google/uuid"
)

// AuditEvent is a Protokolleintrag: who did or read what, when. Events of an
// authority form a hash chain (each Hash covers the event and PrevHash), so
// that a changed or deleted entry is detected by `smd audit verify`.
type AuditEvent struct {
	AuthorityID uuid.UUID
	// Seq numbers the authority's events without gaps, starting at 1.
	Seq        int64
	At         time.Time
	Actor      Actor
	Action     string // e.g. "login_succeeded", "case_read"
	ObjectType string // e.g. "user", "case"
	ObjectID   string
	Details    json.RawMessage
	PrevHash   string
	Hash       string
}

// AuditStore appends to and reads the per-authority audit chain.
type AuditStore interface {
	// AppendAudit adds e to the authority's chain, setting Seq, PrevHash and
	// Hash. Call it inside the transaction of the change it records.
	AppendAudit(ctx context.Context, e *AuditEvent) error
	// ListAudit returns the authority's events from seq after on, at most limit.
	ListAudit(ctx context.Context, authorityID uuid.UUID, after int64, limit int) ([]*AuditEvent, error)
	// VerifyAudit recomputes the authority's chain and returns the first seq
	// that does not match (0 when all match).
	VerifyAudit(ctx context.Context, authorityID uuid.UUID) (int64, error)
}

// ComputeHash returns the chain hash of e: SHA-256 over the previous hash and
// every recorded field, each length-prefixed so that no two different events
// can serialise alike.
func (e *AuditEvent) ComputeHash() string {
	h := sha256.New()
	for _, f := range []string{
		e.PrevHash, e.AuthorityID.String(), strconv.FormatInt(e.Seq, 10),
		e.At.UTC().Format(time.RFC3339Nano), string(e.Actor.Kind), e.Actor.ID,
		e.Action, e.ObjectType, e.ObjectID, string(e.Details),
	} {
		fmt.Fprintf(h, "%d:%s;", len(f), f)
	}
	return hex.EncodeToString(h.Sum(nil))
}
