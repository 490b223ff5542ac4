// Package seed creates the demo data of interfaces.md: three authorities
// with their real keys and nine staff accounts.
package seed

import (
	"context"
	"fmt"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/password"
)

// Stores are what seeding writes to.
type Stores struct {
	Tx          smd.Transactor
	Authorities smd.AuthorityStore
	Users       smd.UserStore
}

// DemoAuthority describes one demo authority.
type DemoAuthority struct {
	Slug, City, Name, AGS, ARS, Land, Prefix string
	Email, Phone, Address                    string
	// Court is the Verwaltungsgericht for the authority's decisions, with
	// its address as we remember it ([U]: check before a real deployment
	// relies on it).
	Court string
	// PostalFrom and PostalTo bound the postal codes the authority serves
	// in the demo (a real subset of its territory).
	PostalFrom, PostalTo int
}

// DemoAuthorities are Bonn, Potsdam and Dresden.
var DemoAuthorities = []DemoAuthority{
	{Slug: "bonn", City: "Bonn", Name: "Bundesstadt Bonn – Ausländerbehörde und Einbürgerungsbehörde", AGS: "05314000", ARS: "053140000000", Land: "NW", Prefix: "BN",
		Email: "auslaenderamt@bonn.example", Phone: "+49 228 77-0", Address: "Stadthaus, Berliner Platz 2, 53111 Bonn", PostalFrom: 53111, PostalTo: 53229,
		Court: "Verwaltungsgericht Köln, Appellhofplatz, 50667 Köln"},
	{Slug: "potsdam", City: "Potsdam", Name: "Landeshauptstadt Potsdam – Ausländerbehörde und Einbürgerungsbehörde", AGS: "12054000", ARS: "120540000000", Land: "BB", Prefix: "P",
		Email: "auslaenderbehoerde@potsdam.example", Phone: "+49 331 289-0", Address: "Friedrich-Ebert-Straße 79/81, 14469 Potsdam", PostalFrom: 14467, PostalTo: 14482,
		Court: "Verwaltungsgericht Potsdam, Friedrich-Ebert-Straße 32, 14469 Potsdam"},
	{Slug: "dresden", City: "Dresden", Name: "Landeshauptstadt Dresden – Ausländerbehörde und Einbürgerungsbehörde", AGS: "14612000", ARS: "146120000000", Land: "SN", Prefix: "DD",
		Email: "auslaenderbehoerde@dresden.example", Phone: "+49 351 488-0", Address: "Theaterstraße 13, 01067 Dresden", PostalFrom: 1067, PostalTo: 1328,
		Court: "Verwaltungsgericht Dresden, Hans-Oster-Straße 4, 01099 Dresden"},
}

// demoPostalCodes gives a demo authority every code between the bounds of
// interfaces.md. Not every number in a range is a delivery area; a real
// deployment loads the authority's actual list.
func demoPostalCodes(from, to int) []string {
	var list []string
	for pc := from; pc <= to; pc++ {
		list = append(list, fmt.Sprintf("%05d", pc))
	}
	return list
}

// DemoAccounts are the three accounts of each authority.
var DemoAccounts = []struct {
	Local string
	Name  string
	Roles []smd.Role
}{
	{"sachbearbeitung", "Sachbearbeitung", []smd.Role{smd.RoleCaseworker}},
	{"leitung", "Teamleitung", []smd.Role{smd.RoleCaseworker, smd.RoleTeamLead}},
	{"admin", "Administration", []smd.Role{smd.RoleAdmin}},
}

// Demo creates what is missing of the demo data and leaves what exists, so
// that it can run on every start. It returns how many authorities and
// accounts it created.
func Demo(ctx context.Context, s Stores, demoPassword string, params password.Params) (authorities, users int, err error) {
	hash, err := password.Hash(demoPassword, params)
	if err != nil {
		return 0, 0, err
	}
	for _, d := range DemoAuthorities {
		err := s.Tx.InTx(ctx, func(ctx context.Context) error {
			a, err := s.Authorities.AuthorityBySlug(ctx, d.Slug)
			if smd.ErrorCode(err) == smd.ENOTFOUND {
				a = &smd.Authority{Slug: d.Slug, Name: d.Name, AGS: d.AGS, ARS: d.ARS, Land: d.Land, CasePrefix: d.Prefix,
					Email: d.Email, Phone: d.Phone, Address: d.Address, Services: smd.Services,
					PostalCodes: demoPostalCodes(d.PostalFrom, d.PostalTo), FourEyes: true, Court: d.Court}
				if err = s.Authorities.CreateAuthority(ctx, a); err != nil {
					return err
				}
				authorities++
			} else if err != nil {
				return err
			}
			for _, acc := range DemoAccounts {
				email := acc.Local + "@" + d.Slug + ".example"
				_, err := s.Users.FindCredentials(ctx, email)
				if err == nil {
					continue
				}
				if smd.ErrorCode(err) != smd.ENOTFOUND {
					return err
				}
				u := &smd.User{AuthorityID: a.ID, Email: email, Name: acc.Name + " " + d.City, Roles: acc.Roles, Demo: true}
				if err := s.Users.CreateUser(ctx, u, hash); err != nil {
					return err
				}
				users++
			}
			return nil
		})
		if err != nil {
			return authorities, users, fmt.Errorf("seed %s: %w", d.Slug, err)
		}
	}
	return authorities, users, nil
}
