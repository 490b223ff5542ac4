package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/google/uuid"

	"github.com/smd-oss/smd"
)

// SyncExternalUser implements smd.UserStore. It runs in one transaction, so
// that two first sign-ins of the same person at once make one account (the
// second insert of the identity fails and is reported as ECONFLICT, and
// the person's next attempt finds the account).
func (s *UserStore) SyncExternalUser(ctx context.Context, authorityID uuid.UUID, id smd.ExternalIdentity) (*smd.User, error) {
	email := NormalizeEmail(id.Email)
	if id.Issuer == "" || id.Subject == "" || email == "" {
		return nil, smd.Errorf(smd.EINVALID, "Der Anmeldedienst hat Kennung oder E-Mail-Adresse nicht übermittelt.")
	}
	for _, r := range id.Roles {
		if !r.Valid() {
			return nil, smd.Errorf(smd.EINVALID, "Unbekannte Rolle %q.", r)
		}
	}
	var u *smd.User
	err := s.db.InTx(ctx, func(ctx context.Context) error {
		q := s.db.writer(ctx)
		var userID uuid.UUID
		err := q.QueryRowContext(ctx, `SELECT user_id FROM user_identities WHERE authority_id = $1 AND issuer = $2 AND subject = $3`,
			authorityID, id.Issuer, id.Subject).Scan(&userID)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			userID, err = s.linkOrCreate(ctx, authorityID, id, email)
			if err != nil {
				return err
			}
		case err != nil:
			return fmt.Errorf("select identity: %w", err)
		default:
			_, err := q.ExecContext(ctx, `UPDATE users SET email = $3, name = $4 WHERE authority_id = $1 AND id = $2`,
				authorityID, userID, email, id.Name)
			if isUniqueViolation(err) {
				return smd.Errorf(smd.ECONFLICT, "Die E-Mail-Adresse %s gehört schon zu einem anderen Konto.", email)
			}
			if err != nil {
				return fmt.Errorf("update user: %w", err)
			}
		}
		if _, err := q.ExecContext(ctx, `DELETE FROM user_roles WHERE authority_id = $1 AND user_id = $2`, authorityID, userID); err != nil {
			return fmt.Errorf("delete roles: %w", err)
		}
		for _, r := range id.Roles {
			if _, err := q.ExecContext(ctx, `INSERT INTO user_roles (authority_id, user_id, role) VALUES ($1,$2,$3)`,
				authorityID, userID, string(r)); err != nil {
				return fmt.Errorf("insert role: %w", err)
			}
		}
		u, err = s.UserByID(ctx, authorityID, userID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// linkOrCreate links the identity to the authority's account with its
// address, or creates an account without a password.
func (s *UserStore) linkOrCreate(ctx context.Context, authorityID uuid.UUID, id smd.ExternalIdentity, email string) (uuid.UUID, error) {
	q := s.db.writer(ctx)
	var owner, userID uuid.UUID
	err := q.QueryRowContext(ctx, `SELECT authority_id, id FROM users WHERE email = $1`, email).Scan(&owner, &userID)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		userID = uuid.Must(uuid.NewV7())
		_, err = q.ExecContext(ctx, `INSERT INTO users (authority_id, id, email, name, password_hash, created_at)
			VALUES ($1,$2,$3,$4,'',$5)`, authorityID, userID, email, id.Name, s.db.Now())
		if isUniqueViolation(err) {
			return uuid.Nil, smd.Errorf(smd.ECONFLICT, "Die E-Mail-Adresse %s ist schon vergeben.", email)
		}
		if err != nil {
			return uuid.Nil, fmt.Errorf("insert user: %w", err)
		}
	case err != nil:
		return uuid.Nil, fmt.Errorf("select user by e-mail: %w", err)
	case owner != authorityID:
		return uuid.Nil, smd.Errorf(smd.ECONFLICT, "Die E-Mail-Adresse %s gehört zu einem Konto einer anderen Behörde.", email)
	case !id.EmailVerified:
		// An address the provider lets people type in unverified must not
		// take over somebody's local account.
		return uuid.Nil, smd.Errorf(smd.ECONFLICT, "Die E-Mail-Adresse %s gehört zu einem Konto; der Anmeldedienst hat sie nicht bestätigt.", email)
	default:
		// An account already linked to another person of the same provider
		// is not taken over because an address was reassigned.
		var n int
		if err := q.QueryRowContext(ctx, `SELECT count(*) FROM user_identities WHERE authority_id = $1 AND user_id = $2 AND issuer = $3`,
			authorityID, userID, id.Issuer).Scan(&n); err != nil {
			return uuid.Nil, fmt.Errorf("count identities: %w", err)
		}
		if n > 0 {
			return uuid.Nil, smd.Errorf(smd.ECONFLICT, "Die E-Mail-Adresse %s gehört schon zu einem anderen Konto.", email)
		}
		if _, err := q.ExecContext(ctx, `UPDATE users SET name = $3 WHERE authority_id = $1 AND id = $2`, authorityID, userID, id.Name); err != nil {
			return uuid.Nil, fmt.Errorf("update user: %w", err)
		}
	}
	_, err = q.ExecContext(ctx, `INSERT INTO user_identities (authority_id, user_id, issuer, subject, created_at) VALUES ($1,$2,$3,$4,$5)`,
		authorityID, userID, id.Issuer, id.Subject, s.db.Now())
	if isUniqueViolation(err) {
		return uuid.Nil, smd.Errorf(smd.ECONFLICT, "Diese Anmeldung wird gerade schon eingerichtet. Versuchen Sie es noch einmal.")
	}
	if err != nil {
		return uuid.Nil, fmt.Errorf("insert identity: %w", err)
	}
	return userID, nil
}
