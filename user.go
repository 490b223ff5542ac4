package smd

import (
	"context"
	"slices"
	"time"

	"github.com/google/uuid"
)

// Role is what a staff account may do within its authority (spec/domain.md).
type Role string

const (
	// RoleCaseworker is Sachbearbeitung.
	RoleCaseworker Role = "caseworker"
	// RoleTeamLead is Teamleitung: caseworker plus assignment and approval.
	RoleTeamLead Role = "team_lead"
	// RoleAdmin is the authority administrator: settings and users, no case data.
	RoleAdmin Role = "admin"
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	return r == RoleCaseworker || r == RoleTeamLead || r == RoleAdmin
}

// User is a staff account of one authority.
type User struct {
	ID          uuid.UUID
	AuthorityID uuid.UUID
	Email       string
	Name        string
	Roles       []Role
	// Demo marks accounts made by `smd seed --demo`; their default password
	// is accepted only in dev mode.
	Demo      bool
	CreatedAt time.Time
}

// HasRole reports whether the user holds role r.
func (u *User) HasRole(r Role) bool { return slices.Contains(u.Roles, r) }

// Credentials is what sign-in needs to know about an account.
type Credentials struct {
	User         *User
	PasswordHash string
	// FailedLogins counts consecutive failures since the last success.
	FailedLogins int
	// LockedUntil is the end of a lockout; zero when not locked.
	LockedUntil time.Time
}

// ExternalIdentity is a staff member as the authority's own identity
// provider (OIDC) describes them at sign-in. Issuer and Subject identify
// them for good; e-mail, name and roles are the provider's current word
// and replace what SMD had.
type ExternalIdentity struct {
	Issuer, Subject, Email, Name string
	Roles                        []Role
	// EmailVerified is the provider's word that the address is the
	// person's; only a verified address links an existing local account.
	EmailVerified bool
}

// UserStore persists staff accounts. Every method but FindCredentials takes
// the authority.
type UserStore interface {
	// CreateUser stores the user with the password hash. ECONFLICT when the
	// e-mail address is taken (addresses are unique across authorities
	// because they are the sign-in name).
	CreateUser(ctx context.Context, u *User, passwordHash string) error
	// UserByID returns the user of the authority; ENOTFOUND otherwise.
	UserByID(ctx context.Context, authorityID, id uuid.UUID) (*User, error)
	// ListUsers returns the authority's users ordered by e-mail address.
	ListUsers(ctx context.Context, authorityID uuid.UUID) ([]*User, error)
	// FindCredentials looks an account up by its e-mail address. It is the one
	// lookup that is not scoped by authority, because signing in is how the
	// authority becomes known. ENOTFOUND when there is no such account.
	FindCredentials(ctx context.Context, email string) (*Credentials, error)
	// RecordLoginFailure counts a failed sign-in and locks the account until
	// lockUntil when the count reaches threshold. It returns the new count
	// and lockout end (zero if not locked).
	RecordLoginFailure(ctx context.Context, authorityID, userID uuid.UUID, threshold int, lockUntil time.Time) (int, time.Time, error)
	// SyncExternalUser finds the account of an identity of the authority's
	// provider — by issuer and subject, else by a verified e-mail address
	// within the authority (which links it) — or creates it without a
	// password, and
	// gives it the identity's e-mail, name and roles. The provider is the
	// authority's directory: whoever it says is a team lead today is one.
	// EINVALID for an unknown role or a missing subject or address;
	// ECONFLICT when the address belongs to an account of another
	// authority or to another linked account, or to a local account while
	// the provider has not verified it.
	SyncExternalUser(ctx context.Context, authorityID uuid.UUID, id ExternalIdentity) (*User, error)
	// RecordLoginSuccess resets the failure count and lockout.
	RecordLoginSuccess(ctx context.Context, authorityID, userID uuid.UUID, at time.Time) error
}
