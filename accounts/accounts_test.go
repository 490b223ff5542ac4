package accounts_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/accounts"
	"github.com/smd-oss/smd/internal/dbtest"
	"github.com/smd-oss/smd/password"
	"github.com/smd-oss/smd/sqlstore"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

var ctx = context.Background()

type env struct {
	svc   *accounts.Service
	audit *sqlstore.AuditStore
	user  *smd.User
	now   time.Time
}

func setup(t *testing.T, db *sqlstore.DB, pw string, demo, dev bool) *env {
	t.Helper()
	a := &smd.Authority{Slug: "bonn", Name: "Bonn", AGS: "05314000", ARS: "053140000000", Land: "NW", CasePrefix: "BN"}
	if err := sqlstore.NewAuthorityStore(db).CreateAuthority(ctx, a); err != nil {
		t.Fatal(err)
	}
	hash, _ := password.Hash(pw, password.Fast)
	u := &smd.User{AuthorityID: a.ID, Email: "sachbearbeitung@bonn.example", Name: "SB", Roles: []smd.Role{smd.RoleCaseworker}, Demo: demo}
	users := sqlstore.NewUserStore(db)
	if err := users.CreateUser(ctx, u, hash); err != nil {
		t.Fatal(err)
	}
	e := &env{audit: sqlstore.NewAuditStore(db), user: u, now: time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)}
	e.svc = &accounts.Service{Tx: db, Users: users, Audit: e.audit, Now: func() time.Time { return e.now },
		Threshold: 5, Lockout: 15 * time.Minute, DevMode: dev, HashParams: password.Fast}
	return e
}

func (e *env) actions(t *testing.T) []string {
	t.Helper()
	events, err := e.audit.ListAudit(ctx, e.user.AuthorityID, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	var list []string
	for _, ev := range events {
		list = append(list, ev.Action)
	}
	return list
}

func TestSignIn(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		e := setup(t, db, "richtig-lang", false, false)
		u, err := e.svc.SignIn(ctx, " SachBearbeitung@bonn.example", "richtig-lang")
		if err != nil || u.ID != e.user.ID {
			t.Fatalf("sign-in: %v", err)
		}
		if _, err := e.svc.SignIn(ctx, "sachbearbeitung@bonn.example", "falsch"); !errors.Is(err, accounts.ErrWrongCredentials) {
			t.Fatalf("wrong password: %v", err)
		}
		if _, err := e.svc.SignIn(ctx, "niemand@bonn.example", "x"); !errors.Is(err, accounts.ErrWrongCredentials) {
			t.Fatalf("unknown address: %v", err)
		}
		if _, err := e.svc.SignIn(ctx, "", ""); smd.ErrorCode(err) != smd.EINVALID {
			t.Fatalf("empty: %v", err)
		}
		got := e.actions(t)
		if len(got) != 2 || got[0] != "login_succeeded" || got[1] != "login_failed" {
			t.Fatalf("audit %v", got)
		}
	})
}

func TestLockoutAfterFiveFailures(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		e := setup(t, db, "richtig-lang", false, false)
		for i := 1; i <= 4; i++ {
			if _, err := e.svc.SignIn(ctx, e.user.Email, "falsch"); !errors.Is(err, accounts.ErrWrongCredentials) {
				t.Fatalf("failure %d: %v", i, err)
			}
		}
		_, err := e.svc.SignIn(ctx, e.user.Email, "falsch")
		var lo *accounts.LockedOut
		if !errors.As(err, &lo) || smd.ErrorCode(err) != smd.EFORBIDDEN || !lo.Until.Equal(e.now.Add(15*time.Minute)) {
			t.Fatalf("fifth failure: %v", err)
		}
		// While locked, even the right password is refused.
		e.now = e.now.Add(14 * time.Minute)
		if _, err := e.svc.SignIn(ctx, e.user.Email, "richtig-lang"); !errors.As(err, &lo) {
			t.Fatalf("right password while locked: %v", err)
		}
		// After the lockout, the right password works again.
		e.now = e.now.Add(2 * time.Minute)
		if _, err := e.svc.SignIn(ctx, e.user.Email, "richtig-lang"); err != nil {
			t.Fatalf("after lockout: %v", err)
		}
		got := e.actions(t)
		if len(got) != 6 || got[4] != "account_locked" || got[5] != "login_succeeded" {
			t.Fatalf("audit %v", got)
		}
		if seq, err := e.audit.VerifyAudit(ctx, e.user.AuthorityID); seq != 0 || err != nil {
			t.Fatalf("audit chain broken at %d: %v", seq, err)
		}
	})
}

func TestDemoPasswordOnlyInDevMode(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		e := setup(t, db, accounts.DefaultDemoPassword, true, false)
		if _, err := e.svc.SignIn(ctx, e.user.Email, accounts.DefaultDemoPassword); !errors.Is(err, accounts.ErrWrongCredentials) {
			t.Fatalf("demo password outside dev mode: %v", err)
		}
		e.svc.DevMode = true
		if _, err := e.svc.SignIn(ctx, e.user.Email, accounts.DefaultDemoPassword); err != nil {
			t.Fatalf("demo password in dev mode: %v", err)
		}
	})
}

func TestSignInExternal(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		e := setup(t, db, "richtig-lang", false, false)
		id := smd.ExternalIdentity{Issuer: "https://login.bonn.example", Subject: "42", Email: "tl@bonn.example", Name: "TL",
			Roles: []smd.Role{smd.RoleTeamLead}}
		u, err := e.svc.SignInExternal(ctx, e.user.AuthorityID, id)
		if err != nil || !u.HasRole(smd.RoleTeamLead) {
			t.Fatalf("%+v %v", u, err)
		}
		// The account has no password: password sign-in is refused like a
		// wrong password, not with an error about a malformed hash.
		if _, err := e.svc.SignIn(ctx, "tl@bonn.example", "irgendwas"); !errors.Is(err, accounts.ErrWrongCredentials) {
			t.Fatalf("password sign-in of a provider account: %v", err)
		}
		id.Roles = nil
		if _, err := e.svc.SignInExternal(ctx, e.user.AuthorityID, id); !errors.Is(err, accounts.ErrNoRole) {
			t.Fatalf("no role: %v", err)
		}
		after, err := sqlstore.NewUserStore(db).UserByID(ctx, u.AuthorityID, u.ID)
		if err != nil || len(after.Roles) != 0 {
			t.Fatalf("roles kept after the directory took them: %+v %v", after, err)
		}
		events, err := e.audit.ListAudit(ctx, e.user.AuthorityID, 0, 100)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, ev := range events {
			if ev.ObjectID == u.ID.String() {
				got = append(got, ev.Action)
			}
		}
		if len(got) != 2 || got[0] != "login_succeeded" || got[1] != "login_refused" {
			t.Fatalf("audit %v", got)
		}
	})
}
