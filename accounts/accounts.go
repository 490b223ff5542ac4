// Package accounts signs staff in and out: password check, lockout after
// repeated failures, and the audit records of both.
package accounts

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/password"
)

// DefaultDemoPassword is the password of the demo accounts when
// SMD_DEMO_PASSWORD is not set; it is accepted only in dev mode.
const DefaultDemoPassword = "demo"

// LockedOut is wrapped in the EFORBIDDEN error of a locked account, so that
// pages can say until when.
type LockedOut struct{ Until time.Time }

func (l *LockedOut) Error() string { return "account locked until " + l.Until.Format(time.RFC3339) }

// Service signs staff in.
type Service struct {
	Tx    smd.Transactor
	Users smd.UserStore
	Audit smd.AuditStore
	Now   func() time.Time
	// Threshold failures in a row lock the account for Lockout.
	Threshold int
	Lockout   time.Duration
	// HashParams are those of new hashes (zero: password.Default); the
	// timing dummy for unknown addresses uses them too.
	HashParams password.Params
	// DevMode allows the default demo password.
	DevMode bool

	dummyOnce sync.Once
	dummy     string
}

// ErrWrongCredentials is the one answer for an unknown address and a wrong
// password alike, so that sign-in does not reveal which accounts exist.
var ErrWrongCredentials = smd.Errorf(smd.EUNAUTHORIZED, "Die E-Mail-Adresse oder das Passwort ist falsch.")

// SignIn checks the credentials and returns the user.
//
// Errors: EINVALID when a field is empty; EUNAUTHORIZED
// (ErrWrongCredentials) for an unknown address or a wrong password;
// EFORBIDDEN wrapping *LockedOut while the account is locked, including on
// the failure that locks it.
func (s *Service) SignIn(ctx context.Context, email, pw string) (*smd.User, error) {
	if email == "" || pw == "" {
		return nil, smd.Errorf(smd.EINVALID, "Geben Sie E-Mail-Adresse und Passwort ein.")
	}
	now := s.Now()
	c, err := s.Users.FindCredentials(ctx, email)
	if smd.ErrorCode(err) == smd.ENOTFOUND {
		// Spend the same time as a real check, so timing does not tell
		// whether the address exists.
		_, _ = password.Verify(pw, s.dummyHash())
		return nil, ErrWrongCredentials
	}
	if err != nil {
		return nil, err
	}
	u := c.User
	if c.PasswordHash == "" {
		// An account of the authority's identity provider has no password
		// here; it signs in there. Same answer and time as a wrong password.
		_, _ = password.Verify(pw, s.dummyHash())
		return nil, ErrWrongCredentials
	}
	if now.Before(c.LockedUntil) {
		return nil, locked(c.LockedUntil)
	}
	ok, err := password.Verify(pw, c.PasswordHash)
	if errors.Is(err, password.ErrMalformed) {
		return nil, fmt.Errorf("account %s: %w", u.ID, err)
	}
	if ok && u.Demo && !s.DevMode && pw == DefaultDemoPassword {
		ok = false // the well-known demo password is refused outside dev mode
	}
	if !ok {
		var until time.Time
		err := s.Tx.InTx(ctx, func(ctx context.Context) error {
			n, lockedUntil, err := s.Users.RecordLoginFailure(ctx, u.AuthorityID, u.ID, s.Threshold, now.Add(s.Lockout))
			if err != nil {
				return err
			}
			until = lockedUntil
			action := "login_failed"
			if !until.IsZero() {
				action = "account_locked"
			}
			return s.audit(ctx, u, action, map[string]any{"failures": n})
		})
		if err != nil {
			return nil, err
		}
		if !until.IsZero() {
			return nil, locked(until)
		}
		return nil, ErrWrongCredentials
	}
	err = s.Tx.InTx(ctx, func(ctx context.Context) error {
		if err := s.Users.RecordLoginSuccess(ctx, u.AuthorityID, u.ID, now); err != nil {
			return err
		}
		return s.audit(ctx, u, "login_succeeded", nil)
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// ErrNoRole refuses a provider identity whose claims map to no role of SMD.
var ErrNoRole = smd.Errorf(smd.EFORBIDDEN, "Ihr Konto hat beim Anmeldedienst Ihrer Behörde keine Rolle für SMD.")

// SignInExternal signs in a person the authority's identity provider has
// vouched for: it syncs the account with the provider's name, address and
// roles and records the sign-in, in one transaction.
//
// Errors: EFORBIDDEN (ErrNoRole) when the identity has no role — the
// account's roles are still emptied, so that a person the directory took
// the roles from cannot go on with an old session's rights at the next
// request; ECONFLICT and EINVALID from smd.UserStore.SyncExternalUser.
func (s *Service) SignInExternal(ctx context.Context, authorityID uuid.UUID, id smd.ExternalIdentity) (*smd.User, error) {
	var u *smd.User
	err := s.Tx.InTx(ctx, func(ctx context.Context) error {
		var err error
		if u, err = s.Users.SyncExternalUser(ctx, authorityID, id); err != nil {
			return err
		}
		details := map[string]any{"via": "oidc", "issuer": id.Issuer}
		if len(u.Roles) == 0 {
			return s.audit(ctx, u, "login_refused", details)
		}
		if err := s.Users.RecordLoginSuccess(ctx, u.AuthorityID, u.ID, s.Now()); err != nil {
			return err
		}
		return s.audit(ctx, u, "login_succeeded", details)
	})
	if err != nil {
		return nil, err
	}
	if len(u.Roles) == 0 {
		return nil, ErrNoRole
	}
	return u, nil
}

// SignedOut records that u signed out.
func (s *Service) SignedOut(ctx context.Context, u *smd.User) error {
	return s.audit(ctx, u, "logout", nil)
}

func (s *Service) audit(ctx context.Context, u *smd.User, action string, details map[string]any) error {
	var raw json.RawMessage
	if details != nil {
		b, err := json.Marshal(details)
		if err != nil {
			return err
		}
		raw = b
	}
	return s.Audit.AppendAudit(ctx, &smd.AuditEvent{
		AuthorityID: u.AuthorityID,
		At:          s.Now(),
		Actor:       smd.Actor{Kind: smd.ActorUser, ID: u.ID.String()},
		Action:      action,
		ObjectType:  "user",
		ObjectID:    u.ID.String(),
		Details:     raw,
	})
}

func (s *Service) dummyHash() string {
	s.dummyOnce.Do(func() {
		p := s.HashParams
		if p.KeyLen == 0 {
			p = password.Default
		}
		s.dummy, _ = password.Hash("dummy password for timing", p)
	})
	return s.dummy
}

func locked(until time.Time) error {
	return &smd.Error{
		Code:    smd.EFORBIDDEN,
		Message: "Nach zu vielen fehlgeschlagenen Anmeldeversuchen ist das Konto vorübergehend gesperrt.",
		Err:     &LockedOut{Until: until},
	}
}
