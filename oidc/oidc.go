// Package oidc signs caseworkers in with their authority's own identity
// provider: OpenID Connect authorization code flow with PKCE (RFC 7636,
// S256), nonce and state, ID token verified against the provider's keys.
// Roles come from a claim of the ID token, mapped per authority, because
// every authority names its groups differently and only the authority's
// directory knows who is a team lead today.
//
// The package knows nothing of HTTP routes or sessions: the web layer keeps
// the Pending state of a sign-in in the session and hands it back with the
// code to Finish.
package oidc

import (
	"fmt"
	"slices"
	"strings"

	"github.com/smd-oss/smd"
)

// Settings is the identity provider of one authority.
type Settings struct {
	// Authority is the slug of the authority whose staff sign in here.
	Authority string `json:"-"`
	// Issuer is the provider's issuer URL; its discovery document lives at
	// Issuer + "/.well-known/openid-configuration".
	Issuer string `json:"issuer"`
	// ClientID and ClientSecret are the portal's registration at the
	// provider. The secret is read from ClientSecretFile when set, so that
	// the settings file itself holds no secret.
	ClientID         string `json:"client_id"`
	ClientSecret     string `json:"client_secret,omitempty"`
	ClientSecretFile string `json:"client_secret_file,omitempty"`
	// RolesClaim is the claim that carries the user's groups or roles, a
	// dotted path for nested claims ("realm_access.roles" in Keycloak).
	RolesClaim string `json:"roles_claim"`
	// Roles maps a value of the roles claim to an SMD role. Values that are
	// not listed give no role; a user with no role cannot sign in.
	Roles map[string]smd.Role `json:"roles"`
	// Scopes are asked for in addition to "openid" (default: profile, email).
	Scopes []string `json:"scopes,omitempty"`
	// Label is what the sign-in page shows for this provider (default: the
	// authority's name).
	Label string `json:"label,omitempty"`
}

// Validate reports the first thing wrong with s, naming the field.
func (s *Settings) Validate() error {
	switch {
	case s.Authority == "":
		return fmt.Errorf("oidc: authority slug missing")
	case !strings.HasPrefix(s.Issuer, "https://") && !strings.HasPrefix(s.Issuer, "http://"):
		return fmt.Errorf("oidc %s: issuer must be an http(s) URL", s.Authority)
	case s.ClientID == "":
		return fmt.Errorf("oidc %s: client_id missing", s.Authority)
	case s.ClientSecret == "":
		return fmt.Errorf("oidc %s: client secret missing (client_secret_file)", s.Authority)
	case s.RolesClaim == "":
		return fmt.Errorf("oidc %s: roles_claim missing", s.Authority)
	case len(s.Roles) == 0:
		return fmt.Errorf("oidc %s: roles mapping is empty, so nobody could sign in", s.Authority)
	}
	for v, r := range s.Roles {
		if !r.Valid() {
			return fmt.Errorf("oidc %s: claim value %q maps to unknown role %q", s.Authority, v, r)
		}
	}
	return nil
}

// MapRoles turns the values of the roles claim into SMD roles, each once,
// in a stable order.
func (s *Settings) MapRoles(values []string) []smd.Role {
	var roles []smd.Role
	for _, v := range values {
		if r, ok := s.Roles[v]; ok && !slices.Contains(roles, r) {
			roles = append(roles, r)
		}
	}
	slices.Sort(roles)
	return roles
}
