package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/google/uuid"

	"github.com/smd-oss/smd"
)

// AuthorityStore implements smd.AuthorityStore.
type AuthorityStore struct{ db *DB }

// NewAuthorityStore returns the store on db.
func NewAuthorityStore(db *DB) *AuthorityStore { return &AuthorityStore{db: db} }

var _ smd.AuthorityStore = (*AuthorityStore)(nil)

// CreateAuthority implements smd.AuthorityStore. It also starts the
// authority's audit chain, so that audit appends only ever update.
func (s *AuthorityStore) CreateAuthority(ctx context.Context, a *smd.Authority) error {
	if a.ID == uuid.Nil {
		a.ID = uuid.Must(uuid.NewV7())
	}
	if a.CreatedAt.IsZero() {
		a.CreatedAt = s.db.Now()
	}
	return s.db.InTx(ctx, func(ctx context.Context) error {
		q := s.db.writer(ctx)
		_, err := q.ExecContext(ctx, `INSERT INTO authorities
			(id, slug, name, ags, ars, land, case_prefix, email, phone, address, created_at, four_eyes, court)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)`,
			a.ID, a.Slug, a.Name, a.AGS, a.ARS, a.Land, a.CasePrefix, a.Email, a.Phone, a.Address, a.CreatedAt, a.FourEyes, a.Court)
		if isUniqueViolation(err) {
			return smd.Errorf(smd.ECONFLICT, "Eine Behörde mit dem Kürzel %q oder dem AGS %q gibt es bereits.", a.Slug, a.AGS)
		}
		if err != nil {
			return fmt.Errorf("insert authority: %w", err)
		}
		for _, svc := range a.Services {
			if !svc.Valid() {
				return smd.Errorf(smd.EINVALID, "Unbekannte Leistung %q.", svc)
			}
			if _, err := q.ExecContext(ctx, `INSERT INTO authority_services (authority_id, service) VALUES ($1,$2)`, a.ID, string(svc)); err != nil {
				return fmt.Errorf("insert authority service: %w", err)
			}
		}
		for _, pc := range a.PostalCodes {
			if _, err := q.ExecContext(ctx, `INSERT INTO authority_postal_codes (authority_id, postal_code) VALUES ($1,$2)`, a.ID, pc); err != nil {
				return fmt.Errorf("insert postal code: %w", err)
			}
		}
		_, err = q.ExecContext(ctx, `INSERT INTO audit_heads (authority_id, seq, hash) VALUES ($1, 0, '')`, a.ID)
		return err
	})
}

const authorityColumns = `id, slug, name, ags, ars, land, case_prefix, email, phone, address, created_at, four_eyes, court`

func scanAuthority(row interface{ Scan(...any) error }) (*smd.Authority, error) {
	var a smd.Authority
	err := row.Scan(&a.ID, &a.Slug, &a.Name, &a.AGS, &a.ARS, &a.Land, &a.CasePrefix, &a.Email, &a.Phone, &a.Address, &a.CreatedAt, &a.FourEyes, &a.Court)
	if err != nil {
		return nil, err
	}
	a.CreatedAt = a.CreatedAt.UTC()
	return &a, nil
}

// AuthorityByID implements smd.AuthorityStore.
func (s *AuthorityStore) AuthorityByID(ctx context.Context, id uuid.UUID) (*smd.Authority, error) {
	return s.one(ctx, `SELECT `+authorityColumns+` FROM authorities WHERE id = $1`, id)
}

// AuthorityBySlug implements smd.AuthorityStore.
func (s *AuthorityStore) AuthorityBySlug(ctx context.Context, slug string) (*smd.Authority, error) {
	return s.one(ctx, `SELECT `+authorityColumns+` FROM authorities WHERE slug = $1`, slug)
}

func (s *AuthorityStore) one(ctx context.Context, query string, args ...any) (*smd.Authority, error) {
	a, err := scanAuthority(s.db.reader(ctx).QueryRowContext(ctx, query, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, smd.Errorf(smd.ENOTFOUND, "Die Behörde gibt es nicht.")
	}
	if err != nil {
		return nil, fmt.Errorf("select authority: %w", err)
	}
	if err := s.fill(ctx, a); err != nil {
		return nil, err
	}
	return a, nil
}

// fill loads the services and postal codes of a.
func (s *AuthorityStore) fill(ctx context.Context, a *smd.Authority) error {
	q := s.db.reader(ctx)
	rows, err := q.QueryContext(ctx, `SELECT service FROM authority_services WHERE authority_id = $1 ORDER BY service`, a.ID)
	if err != nil {
		return fmt.Errorf("select services: %w", err)
	}
	a.Services = nil
	for rows.Next() {
		var svc string
		if err := rows.Scan(&svc); err != nil {
			rows.Close()
			return err
		}
		a.Services = append(a.Services, smd.Service(svc))
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = q.QueryContext(ctx, `SELECT postal_code FROM authority_postal_codes WHERE authority_id = $1 ORDER BY postal_code`, a.ID)
	if err != nil {
		return fmt.Errorf("select postal codes: %w", err)
	}
	defer rows.Close()
	a.PostalCodes = nil
	for rows.Next() {
		var pc string
		if err := rows.Scan(&pc); err != nil {
			return err
		}
		a.PostalCodes = append(a.PostalCodes, pc)
	}
	return rows.Err()
}

// ListAuthorities implements smd.AuthorityStore.
func (s *AuthorityStore) ListAuthorities(ctx context.Context) ([]*smd.Authority, error) {
	rows, err := s.db.reader(ctx).QueryContext(ctx, `SELECT `+authorityColumns+` FROM authorities ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("list authorities: %w", err)
	}
	var list []*smd.Authority
	for rows.Next() {
		a, err := scanAuthority(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		list = append(list, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, a := range list {
		if err := s.fill(ctx, a); err != nil {
			return nil, err
		}
	}
	return list, nil
}

// AuthorityFor implements smd.AuthorityStore.
func (s *AuthorityStore) AuthorityFor(ctx context.Context, postalCode string, svc smd.Service) (*smd.Authority, error) {
	// One query, without the lists of services and postal codes: routing
	// runs on every submission and upload.
	a, err := scanAuthority(s.db.reader(ctx).QueryRowContext(ctx, `SELECT `+prefixed("a.", authorityColumns)+` FROM authorities a
		JOIN authority_postal_codes p ON p.authority_id = a.id AND p.postal_code = $1
		JOIN authority_services v ON v.authority_id = a.id AND v.service = $2
		ORDER BY a.name LIMIT 1`, postalCode, string(svc)))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, smd.Errorf(smd.ENOTFOUND, "Für diese Postleitzahl ist keine Behörde dieses Portals zuständig.")
	}
	if err != nil {
		return nil, fmt.Errorf("select authority: %w", err)
	}
	return a, nil
}

// prefixed qualifies a column list with a table alias.
func prefixed(alias, columns string) string {
	parts := strings.Split(columns, ", ")
	for i, p := range parts {
		parts[i] = alias + p
	}
	return strings.Join(parts, ", ")
}
