package seed

import (
	"crypto/rand"
	"encoding/base64"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/oidc"
	"github.com/smd-oss/smd/oidc/devidp"
)

// DevGroups are the directory groups the dev identity provider gives each
// role of the demo accounts; DevIdentityProvider maps them back. The shape
// is that of a real directory: group names the authority chose.
var DevGroups = map[smd.Role]string{
	smd.RoleCaseworker: "smd-sachbearbeitung",
	smd.RoleTeamLead:   "smd-teamleitung",
	smd.RoleAdmin:      "smd-administration",
}

// DevIdentityProvider makes the dev mode's built-in OIDC provider at issuer
// with one client per authority (as if each had its own directory) and the
// matching clients of the portal, whose callback is redirect. Each client's
// users are the authority's demo accounts — same addresses, so that signing
// in there links the same account — and one person without any SMD group,
// who is refused.
func DevIdentityProvider(issuer, redirect string, auths []*smd.Authority) (*devidp.Provider, []*oidc.Client, error) {
	roles := map[string]smd.Role{}
	for r, g := range DevGroups {
		roles[g] = r
	}
	var clients []*oidc.Client
	var registered []*devidp.Client
	for _, au := range auths {
		secret := make([]byte, 24)
		_, _ = rand.Read(secret)
		c := &devidp.Client{ID: "smd-" + au.Slug, Secret: base64.RawURLEncoding.EncodeToString(secret),
			RedirectURIs: []string{redirect}, Label: au.Name}
		for _, acc := range DemoAccounts {
			u := devidp.User{Subject: au.Slug + "-" + acc.Local, Email: acc.Local + "@" + au.Slug + ".example", Name: acc.Name + " " + au.Name}
			for _, r := range acc.Roles {
				u.Groups = append(u.Groups, DevGroups[r])
			}
			c.Users = append(c.Users, u)
		}
		c.Users = append(c.Users, devidp.User{Subject: au.Slug + "-kantine", Email: "kantine@" + au.Slug + ".example",
			Name: "Kantine " + au.Name, Groups: []string{"kantine"}})
		registered = append(registered, c)
		clients = append(clients, &oidc.Client{RedirectURL: redirect, Settings: &oidc.Settings{Authority: au.Slug, Issuer: issuer,
			ClientID: c.ID, ClientSecret: c.Secret, RolesClaim: "groups", Roles: roles, Label: au.Name}})
	}
	idp, err := devidp.New(issuer, registered)
	if err != nil {
		return nil, nil, err
	}
	return idp, clients, nil
}
