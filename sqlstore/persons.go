package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/smd-oss/smd"
)

// PersonStore implements smd.PersonStore.
type PersonStore struct{ db *DB }

// NewPersonStore returns the store on db.
func NewPersonStore(db *DB) *PersonStore { return &PersonStore{db: db} }

var _ smd.PersonStore = (*PersonStore)(nil)

// AddPerson implements smd.PersonStore. The insert selects from the case
// row, so a case of another authority inserts nothing and reads as ENOTFOUND.
func (s *PersonStore) AddPerson(ctx context.Context, p *smd.Person) error {
	if p.ID == uuid.Nil {
		p.ID = uuid.Must(uuid.NewV7())
	}
	var birth sql.NullTime
	if !p.BirthDate.IsZero() {
		birth = sql.NullTime{Time: p.BirthDate.UTC(), Valid: true}
	}
	return s.db.InTx(ctx, func(ctx context.Context) error {
		res, err := s.db.writer(ctx).ExecContext(ctx, `INSERT INTO persons
			(authority_id, id, case_id, role, given_names, family_name, birth_date, nationality, position)
			SELECT c.authority_id, $3, c.id, $4, $5, $6, $7, $8,
				(SELECT COUNT(*) FROM persons p WHERE p.authority_id = c.authority_id AND p.case_id = c.id) + 1
			FROM cases c WHERE c.authority_id = $1 AND c.id = $2`,
			p.AuthorityID, p.CaseID, p.ID, string(p.Role), p.GivenNames, p.FamilyName, birth, p.Nationality)
		if err != nil {
			return fmt.Errorf("insert person: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return smd.Errorf(smd.ENOTFOUND, "Den Vorgang gibt es nicht.")
		}
		return nil
	})
}

// AddPersons implements smd.PersonStore: one statement for all. The
// composite foreign key to the case row keeps the tenant wall: a case of
// another authority fails the insert and reads as ENOTFOUND.
func (s *PersonStore) AddPersons(ctx context.Context, ps []*smd.Person) error {
	if len(ps) == 0 {
		return nil
	}
	const cols = 8
	var rows []string
	args := []any{ps[0].AuthorityID, ps[0].CaseID}
	for i, p := range ps {
		if p.AuthorityID != ps[0].AuthorityID || p.CaseID != ps[0].CaseID {
			return smd.Errorf(smd.EINVALID, "persons of different cases in one batch")
		}
		if p.ID == uuid.Nil {
			p.ID = uuid.Must(uuid.NewV7())
		}
		var birth sql.NullTime
		if !p.BirthDate.IsZero() {
			birth = sql.NullTime{Time: p.BirthDate.UTC(), Valid: true}
		}
		ph := placeholders(i, cols-2, 2)
		// Positions continue after the people the case already has.
		rows = append(rows, "($1,"+ph[1:len(ph)-1]+",$2,"+fmt.Sprintf(
			"(SELECT COUNT(*) FROM persons x WHERE x.authority_id = $1 AND x.case_id = $2) + %d)", i+1))
		args = append(args, p.ID, string(p.Role), p.GivenNames, p.FamilyName, birth, p.Nationality)
	}
	_, err := s.db.writer(ctx).ExecContext(ctx, `INSERT INTO persons
		(authority_id, id, role, given_names, family_name, birth_date, nationality, case_id, position)
		VALUES `+strings.Join(rows, ","), args...)
	if isForeignKeyViolation(err) {
		return smd.Errorf(smd.ENOTFOUND, "Den Vorgang gibt es nicht.")
	}
	if err != nil {
		return fmt.Errorf("insert persons: %w", err)
	}
	return nil
}

// ListPersons implements smd.PersonStore.
func (s *PersonStore) ListPersons(ctx context.Context, authorityID, caseID uuid.UUID) ([]*smd.Person, error) {
	rows, err := s.db.reader(ctx).QueryContext(ctx, `SELECT authority_id, id, case_id, role, given_names, family_name, birth_date, nationality
		FROM persons WHERE authority_id = $1 AND case_id = $2 ORDER BY position`, authorityID, caseID)
	if err != nil {
		return nil, fmt.Errorf("list persons: %w", err)
	}
	defer rows.Close()
	var list []*smd.Person
	for rows.Next() {
		var p smd.Person
		var role string
		var birth sql.NullTime
		if err := rows.Scan(&p.AuthorityID, &p.ID, &p.CaseID, &role, &p.GivenNames, &p.FamilyName, &birth, &p.Nationality); err != nil {
			return nil, err
		}
		p.Role = smd.PersonRole(role)
		if birth.Valid {
			t := birth.Time
			p.BirthDate = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		}
		list = append(list, &p)
	}
	return list, rows.Err()
}
