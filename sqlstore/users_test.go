package sqlstore_test

import (
	"testing"
	"time"

	"github.com/smd-oss/smd"
)

func TestUsers(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		dup := &smd.User{AuthorityID: f.b.ID, Email: " SB@Bonn.example ", Name: "X", Roles: []smd.Role{smd.RoleAdmin}}
		wantCode(t, f.users.CreateUser(ctx, dup, "h"), smd.ECONFLICT)
		wantCode(t, f.users.CreateUser(ctx, &smd.User{AuthorityID: f.b.ID, Email: "x@p.example", Roles: []smd.Role{"king"}}, "h"), smd.EINVALID)

		c, err := f.users.FindCredentials(ctx, "SB@BONN.EXAMPLE")
		must(t, err)
		if c.User.ID != f.userA.ID || c.PasswordHash != "$argon2id$x" || !c.User.HasRole(smd.RoleCaseworker) || c.FailedLogins != 0 {
			t.Fatalf("credentials %+v", c)
		}
		_, err = f.users.FindCredentials(ctx, "nobody@bonn.example")
		wantCode(t, err, smd.ENOTFOUND)

		until := time.Now().Add(time.Hour).UTC().Truncate(time.Microsecond)
		for i := 1; i <= 3; i++ {
			n, locked, err := f.users.RecordLoginFailure(ctx, f.a.ID, f.userA.ID, 3, until)
			must(t, err)
			if n != i || (i < 3) != locked.IsZero() {
				t.Fatalf("failure %d: count %d locked %v", i, n, locked)
			}
		}
		c, _ = f.users.FindCredentials(ctx, f.userA.Email)
		if !c.LockedUntil.Equal(until) || c.FailedLogins != 0 {
			t.Fatalf("after lockout: %+v", c)
		}
		must(t, f.users.RecordLoginSuccess(ctx, f.a.ID, f.userA.ID, time.Now()))
		c, _ = f.users.FindCredentials(ctx, f.userA.Email)
		if !c.LockedUntil.IsZero() || c.FailedLogins != 0 {
			t.Fatalf("after success: %+v", c)
		}
		list, err := f.users.ListUsers(ctx, f.a.ID)
		must(t, err)
		if len(list) != 1 || list[0].Email != "sb@bonn.example" {
			t.Fatalf("list %+v", list)
		}
	})
}

func TestAuthorities(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		wantCode(t, f.auths.CreateAuthority(ctx, &smd.Authority{Slug: "bonn", Name: "x", AGS: "1", ARS: "1", Land: "NW", CasePrefix: "X"}), smd.ECONFLICT)
		wantCode(t, f.auths.CreateAuthority(ctx, &smd.Authority{Slug: "neu", Name: "x", AGS: "2", ARS: "2", Land: "NW", CasePrefix: "X", Services: []smd.Service{"visum"}}), smd.EINVALID)
		if _, err := f.auths.AuthorityBySlug(ctx, "neu"); smd.ErrorCode(err) != smd.ENOTFOUND {
			t.Fatalf("a refused authority was half-stored: %v", err)
		}
		a, err := f.auths.AuthorityBySlug(ctx, "bonn")
		must(t, err)
		if a.ID != f.a.ID || len(a.Services) != 3 || len(a.PostalCodes) != 1 || a.PostalCodes[0] != "53111" {
			t.Fatalf("authority %+v", a)
		}
		list, err := f.auths.ListAuthorities(ctx)
		must(t, err)
		if len(list) != 2 || list[0].Slug != "bonn" {
			t.Fatalf("list %+v", list)
		}
	})
}

func TestAuthorityFor(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		a, err := f.auths.AuthorityFor(ctx, "53111", smd.ServiceEinbuergerung)
		must(t, err)
		if a.ID != f.a.ID {
			t.Fatalf("53111 went to %s", a.Slug)
		}
		b, err := f.auths.AuthorityFor(ctx, "14467", smd.ServiceVerpflichtungserklaerung)
		must(t, err)
		if b.ID != f.b.ID {
			t.Fatalf("14467 went to %s", b.Slug)
		}
		_, err = f.auths.AuthorityFor(ctx, "99999", smd.ServiceEinbuergerung)
		wantCode(t, err, smd.ENOTFOUND)
		_, err = f.auths.AuthorityFor(ctx, "53111", "visum")
		wantCode(t, err, smd.ENOTFOUND)
	})
}
