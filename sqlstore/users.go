package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/smd-oss/smd"
)

// UserStore implements smd.UserStore.
type UserStore struct{ db *DB }

// NewUserStore returns the store on db.
func NewUserStore(db *DB) *UserStore { return &UserStore{db: db} }

var _ smd.UserStore = (*UserStore)(nil)

// NormalizeEmail is the form in which addresses are stored and looked up.
func NormalizeEmail(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// CreateUser implements smd.UserStore.
func (s *UserStore) CreateUser(ctx context.Context, u *smd.User, passwordHash string) error {
	if u.ID == uuid.Nil {
		u.ID = uuid.Must(uuid.NewV7())
	}
	if u.CreatedAt.IsZero() {
		u.CreatedAt = s.db.Now()
	}
	u.Email = NormalizeEmail(u.Email)
	for _, r := range u.Roles {
		if !r.Valid() {
			return smd.Errorf(smd.EINVALID, "Unbekannte Rolle %q.", r)
		}
	}
	return s.db.InTx(ctx, func(ctx context.Context) error {
		q := s.db.writer(ctx)
		_, err := q.ExecContext(ctx, `INSERT INTO users (authority_id, id, email, name, password_hash, demo, created_at)
			VALUES ($1,$2,$3,$4,$5,$6,$7)`, u.AuthorityID, u.ID, u.Email, u.Name, passwordHash, u.Demo, u.CreatedAt)
		if isUniqueViolation(err) {
			return smd.Errorf(smd.ECONFLICT, "Die E-Mail-Adresse %s ist schon vergeben.", u.Email)
		}
		if err != nil {
			return fmt.Errorf("insert user: %w", err)
		}
		for _, r := range u.Roles {
			if _, err := q.ExecContext(ctx, `INSERT INTO user_roles (authority_id, user_id, role) VALUES ($1,$2,$3)`, u.AuthorityID, u.ID, string(r)); err != nil {
				return fmt.Errorf("insert role: %w", err)
			}
		}
		return nil
	})
}

const userColumns = `authority_id, id, email, name, demo, created_at`

func scanUser(row interface{ Scan(...any) error }, extra ...any) (*smd.User, error) {
	var u smd.User
	dest := append([]any{&u.AuthorityID, &u.ID, &u.Email, &u.Name, &u.Demo, &u.CreatedAt}, extra...)
	if err := row.Scan(dest...); err != nil {
		return nil, err
	}
	u.CreatedAt = u.CreatedAt.UTC()
	return &u, nil
}

// UserByID implements smd.UserStore.
func (s *UserStore) UserByID(ctx context.Context, authorityID, id uuid.UUID) (*smd.User, error) {
	u, err := scanUser(s.db.reader(ctx).QueryRowContext(ctx,
		`SELECT `+userColumns+` FROM users WHERE authority_id = $1 AND id = $2`, authorityID, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, smd.Errorf(smd.ENOTFOUND, "Das Konto gibt es nicht.")
	}
	if err != nil {
		return nil, fmt.Errorf("select user: %w", err)
	}
	return u, s.loadRoles(ctx, u)
}

func (s *UserStore) loadRoles(ctx context.Context, u *smd.User) error {
	rows, err := s.db.reader(ctx).QueryContext(ctx,
		`SELECT role FROM user_roles WHERE authority_id = $1 AND user_id = $2 ORDER BY role`, u.AuthorityID, u.ID)
	if err != nil {
		return fmt.Errorf("select roles: %w", err)
	}
	defer rows.Close()
	u.Roles = nil
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			return err
		}
		u.Roles = append(u.Roles, smd.Role(r))
	}
	return rows.Err()
}

// ListUsers implements smd.UserStore.
func (s *UserStore) ListUsers(ctx context.Context, authorityID uuid.UUID) ([]*smd.User, error) {
	rows, err := s.db.reader(ctx).QueryContext(ctx,
		`SELECT `+userColumns+` FROM users WHERE authority_id = $1 ORDER BY email`, authorityID)
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	var list []*smd.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		list = append(list, u)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, u := range list {
		if err := s.loadRoles(ctx, u); err != nil {
			return nil, err
		}
	}
	return list, nil
}

// FindCredentials implements smd.UserStore.
func (s *UserStore) FindCredentials(ctx context.Context, email string) (*smd.Credentials, error) {
	var c smd.Credentials
	var locked sql.NullTime
	u, err := scanUser(s.db.reader(ctx).QueryRowContext(ctx,
		`SELECT `+userColumns+`, password_hash, failed_logins, locked_until FROM users WHERE email = $1`,
		NormalizeEmail(email)), &c.PasswordHash, &c.FailedLogins, &locked)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, smd.Errorf(smd.ENOTFOUND, "Das Konto gibt es nicht.")
	}
	if err != nil {
		return nil, fmt.Errorf("select credentials: %w", err)
	}
	if locked.Valid {
		c.LockedUntil = locked.Time.UTC()
	}
	c.User = u
	return &c, s.loadRoles(ctx, u)
}

// RecordLoginFailure implements smd.UserStore. The increment happens in the
// database so that parallel attempts cannot undercount.
func (s *UserStore) RecordLoginFailure(ctx context.Context, authorityID, userID uuid.UUID, threshold int, lockUntil time.Time) (int, time.Time, error) {
	var count int
	var locked sql.NullTime
	err := s.db.InTx(ctx, func(ctx context.Context) error {
		q := s.db.writer(ctx)
		err := q.QueryRowContext(ctx, `UPDATE users SET failed_logins = failed_logins + 1
			WHERE authority_id = $1 AND id = $2 RETURNING failed_logins`, authorityID, userID).Scan(&count)
		if errors.Is(err, sql.ErrNoRows) {
			return smd.Errorf(smd.ENOTFOUND, "Das Konto gibt es nicht.")
		}
		if err != nil {
			return fmt.Errorf("count failure: %w", err)
		}
		if count >= threshold {
			locked = sql.NullTime{Time: lockUntil, Valid: true}
			// The count starts again after a lockout, so that the next
			// lockout needs a full series of failures again.
			_, err = q.ExecContext(ctx, `UPDATE users SET locked_until = $3, failed_logins = 0
				WHERE authority_id = $1 AND id = $2`, authorityID, userID, lockUntil)
		}
		return err
	})
	if err != nil {
		return 0, time.Time{}, err
	}
	return count, locked.Time, nil
}

// RecordLoginSuccess implements smd.UserStore.
func (s *UserStore) RecordLoginSuccess(ctx context.Context, authorityID, userID uuid.UUID, at time.Time) error {
	res, err := s.db.writer(ctx).ExecContext(ctx, `UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = $3
		WHERE authority_id = $1 AND id = $2`, authorityID, userID, at)
	if err != nil {
		return fmt.Errorf("record login: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return smd.Errorf(smd.ENOTFOUND, "Das Konto gibt es nicht.")
	}
	return nil
}
