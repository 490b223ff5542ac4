package smd

import (
	"context"
	"time"

	"github.com/google/uuid"
)

// PersonRole is the part a person plays on a case.
type PersonRole string

const (
	PersonApplicant   PersonRole = "applicant"    // Antragsteller
	PersonCoApplicant PersonRole = "co_applicant" // Miteinzubürgernde (spouse, children)
	PersonObligor     PersonRole = "obligor"      // Verpflichtungsgeber
	PersonGuest       PersonRole = "guest"        // Gast
)

// Person is someone named on a case. Personal data lives only here and in
// the application data, so that reads of it can be audited in one place.
type Person struct {
	ID          uuid.UUID
	AuthorityID uuid.UUID
	CaseID      uuid.UUID
	Role        PersonRole
	GivenNames  string
	FamilyName  string
	BirthDate   time.Time // zero when not known
	Nationality string    // ISO 3166-1 alpha-3 as in the MRZ
}

// PersonStore persists the people on cases, scoped by authority.
type PersonStore interface {
	// AddPerson stores p on its case; ENOTFOUND when the case is not the authority's.
	AddPerson(ctx context.Context, p *Person) error
	// AddPersons stores people of one case in one statement, in order;
	// ENOTFOUND when the case is not the authority's, EINVALID when they
	// belong to different cases.
	AddPersons(ctx context.Context, ps []*Person) error
	// ListPersons returns the people on a case in the order they were added.
	ListPersons(ctx context.Context, authorityID, caseID uuid.UUID) ([]*Person, error)
}
