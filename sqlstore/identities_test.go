package sqlstore_test

import (
	"slices"
	"testing"

	"github.com/smd-oss/smd"
)

func TestSyncExternalUser(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		const iss = "https://login.bonn.example"
		id := smd.ExternalIdentity{Issuer: iss, Subject: "s-1", Email: "Neu@Bonn.example", Name: "Nora Neu", Roles: []smd.Role{smd.RoleCaseworker}}
		u, err := f.users.SyncExternalUser(ctx, f.a.ID, id)
		must(t, err)
		if u.AuthorityID != f.a.ID || u.Email != "neu@bonn.example" || u.Name != "Nora Neu" || !slices.Equal(u.Roles, id.Roles) {
			t.Fatalf("created %+v", u)
		}
		// An account made this way has no password.
		c, err := f.users.FindCredentials(ctx, "neu@bonn.example")
		must(t, err)
		if c.PasswordHash != "" {
			t.Fatalf("password hash %q", c.PasswordHash)
		}

		// The next sign-in finds the same account and takes the provider's
		// current name, address and roles.
		id.Email, id.Name, id.Roles = "nora.neu@bonn.example", "Nora Neu-Alt", []smd.Role{smd.RoleTeamLead, smd.RoleCaseworker}
		u2, err := f.users.SyncExternalUser(ctx, f.a.ID, id)
		must(t, err)
		if u2.ID != u.ID || u2.Email != "nora.neu@bonn.example" || u2.Name != "Nora Neu-Alt" || !u2.HasRole(smd.RoleTeamLead) || len(u2.Roles) != 2 {
			t.Fatalf("synced %+v", u2)
		}
		id.Roles = nil
		u3, err := f.users.SyncExternalUser(ctx, f.a.ID, id)
		must(t, err)
		if u3.ID != u.ID || len(u3.Roles) != 0 {
			t.Fatalf("roles taken away: %+v", u3)
		}

		// A local account of the authority with the same address is linked,
		// but only when the provider vouches for the address.
		_, err = f.users.SyncExternalUser(ctx, f.a.ID, smd.ExternalIdentity{Issuer: iss, Subject: "s-sb", Email: f.userA.Email, Name: "SB", Roles: []smd.Role{smd.RoleCaseworker}})
		wantCode(t, err, smd.ECONFLICT)
		linked, err := f.users.SyncExternalUser(ctx, f.a.ID, smd.ExternalIdentity{Issuer: iss, Subject: "s-sb", Email: f.userA.Email, Name: "SB", Roles: []smd.Role{smd.RoleCaseworker}, EmailVerified: true})
		must(t, err)
		if linked.ID != f.userA.ID {
			t.Fatalf("not linked: %s vs %s", linked.ID, f.userA.ID)
		}
		// …but not a second time for another person of the same provider.
		_, err = f.users.SyncExternalUser(ctx, f.a.ID, smd.ExternalIdentity{Issuer: iss, Subject: "s-other", Email: f.userA.Email, Name: "X", Roles: []smd.Role{smd.RoleCaseworker}, EmailVerified: true})
		wantCode(t, err, smd.ECONFLICT)

		// An address of another authority's account is never taken over.
		_, err = f.users.SyncExternalUser(ctx, f.b.ID, smd.ExternalIdentity{Issuer: "https://login.potsdam.example", Subject: "p", Email: f.userA.Email, Name: "X", Roles: []smd.Role{smd.RoleCaseworker}})
		wantCode(t, err, smd.ECONFLICT)
		// Changing one's address to a taken one is refused, nothing changes.
		id.Email = f.userA.Email
		_, err = f.users.SyncExternalUser(ctx, f.a.ID, id)
		wantCode(t, err, smd.ECONFLICT)
		again, err := f.users.UserByID(ctx, f.a.ID, u.ID)
		must(t, err)
		if again.Email != "nora.neu@bonn.example" {
			t.Fatalf("half-written sync: %+v", again)
		}

		_, err = f.users.SyncExternalUser(ctx, f.a.ID, smd.ExternalIdentity{Issuer: iss, Subject: "s-2", Email: "x@bonn.example", Roles: []smd.Role{"king"}})
		wantCode(t, err, smd.EINVALID)
		_, err = f.users.SyncExternalUser(ctx, f.a.ID, smd.ExternalIdentity{Issuer: iss, Email: "x@bonn.example"})
		wantCode(t, err, smd.EINVALID)
	})
}
