package smd

import (
	"context"
	"time"

	"github.com/google/uuid"
)

// Service is a Leistung: one of the three services of the portal.
type Service string

const (
	ServiceAufenthaltstitel         Service = "aufenthaltstitel"
	ServiceVerpflichtungserklaerung Service = "verpflichtungserklaerung"
	ServiceEinbuergerung            Service = "einbuergerung"
)

// Services lists the services in the order pages show them.
var Services = []Service{ServiceEinbuergerung, ServiceAufenthaltstitel, ServiceVerpflichtungserklaerung}

// Valid reports whether s is one of the three services.
func (s Service) Valid() bool {
	for _, v := range Services {
		if s == v {
			return true
		}
	}
	return false
}

// Authority is a Behörde (Ausländerbehörde, Einbürgerungsbehörde): the
// tenant. Every piece of case data belongs to exactly one authority.
type Authority struct {
	ID uuid.UUID
	// Slug names the authority in addresses and demo accounts ("bonn").
	Slug string
	Name string
	// AGS is the Amtlicher Gemeindeschlüssel (8 digits), ARS the Amtlicher
	// Regionalschlüssel (12 digits) of the territory the authority serves.
	AGS string
	ARS string
	// Land is the two-letter code of the Bundesland ("NW", "BB", "SN").
	Land string
	// CasePrefix starts every Vorgangsnummer of the authority ("BN").
	CasePrefix  string
	Email       string
	Phone       string
	Address     string
	Services    []Service
	PostalCodes []string
	CreatedAt   time.Time
	// FourEyes makes every decision wait for a second person's approval.
	FourEyes bool
	// Court is the Verwaltungsgericht responsible for the authority's
	// decisions, with its address ("Verwaltungsgericht Köln, Appellhofplatz,
	// 50667 Köln"), as the Rechtsbehelfsbelehrung names it. Optional: when
	// empty, letters say "das zuständige Verwaltungsgericht".
	Court string
}

// AuthorityStore persists authorities. Authorities are the tenants, so these
// are the only methods that are not scoped by one.
type AuthorityStore interface {
	// CreateAuthority stores a new authority with its services and postal
	// codes. ECONFLICT when the slug or AGS is taken.
	CreateAuthority(ctx context.Context, a *Authority) error
	// AuthorityByID returns the authority; ENOTFOUND if there is none.
	AuthorityByID(ctx context.Context, id uuid.UUID) (*Authority, error)
	// AuthorityBySlug returns the authority; ENOTFOUND if there is none.
	AuthorityBySlug(ctx context.Context, slug string) (*Authority, error)
	// ListAuthorities returns all authorities ordered by name.
	ListAuthorities(ctx context.Context) ([]*Authority, error)
	// AuthorityFor returns the authority responsible for a postal code and
	// a service: public information, which is how an applicant (and later
	// the routing of an application) finds the tenant. ENOTFOUND when no
	// authority of this deployment is responsible.
	// Services and PostalCodes are not loaded.
	AuthorityFor(ctx context.Context, postalCode string, svc Service) (*Authority, error)
}
