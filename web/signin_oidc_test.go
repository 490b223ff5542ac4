package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/internal/dbtest"
	"github.com/smd-oss/smd/oidc/devidp"
	"github.com/smd-oss/smd/seed"
	"github.com/smd-oss/smd/sqlstore"
	"github.com/smd-oss/smd/web"
)

// withDevIDP mounts the dev identity provider at /dev/oidc with a client
// per demo authority, as dev mode does; *idp receives it.
func withDevIDP(t *testing.T, db *sqlstore.DB, idp **devidp.Provider) func(d *web.Deps, base string) {
	return func(d *web.Deps, base string) {
		auths, err := sqlstore.NewAuthorityStore(db).ListAuthorities(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		p, clients, err := seed.DevIdentityProvider(base+"/dev/oidc", base+web.OIDCCallbackPath, auths)
		if err != nil {
			t.Fatal(err)
		}
		d.OIDC, d.DevIDP = clients, p
		if idp != nil {
			*idp = p
		}
	}
}

// oidcSignIn goes the browser's way: the sign-in form's GET to the start,
// the provider's page, the choice of a user, the callback. It returns the
// callback's response.
func oidcSignIn(t *testing.T, h *harness, c *http.Client, authority, subject, next string) response {
	t.Helper()
	r := h.get(c, "/anmelden/behoerde?"+url.Values{"behoerde": {authority}, "next": {next}}.Encode())
	if r.status != http.StatusFound {
		t.Fatalf("start: %d %s", r.status, r.body)
	}
	auth, err := url.Parse(r.header.Get("Location"))
	if err != nil || !strings.HasPrefix(auth.String(), h.srv.URL+"/dev/oidc/authorize?") {
		t.Fatalf("start redirects to %s", auth)
	}
	page := h.get(c, strings.TrimPrefix(auth.String(), h.srv.URL))
	if page.status != 200 || !strings.Contains(page.body, `value="`+subject+`"`) {
		t.Fatalf("provider page: %d lacks %s", page.status, subject)
	}
	form := auth.Query()
	form.Set("user", subject)
	r = h.do(c, "POST", "/dev/oidc/authorize", form, nil)
	if r.status != http.StatusFound {
		t.Fatalf("provider: %d %s", r.status, r.body)
	}
	cb := r.header.Get("Location")
	if !strings.HasPrefix(cb, h.srv.URL+web.OIDCCallbackPath+"?") {
		t.Fatalf("provider sends back to %s", cb)
	}
	return h.get(c, strings.TrimPrefix(cb, h.srv.URL))
}

func TestOIDCSignIn(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		h := newHarness(t, db, withDevIDP(t, db, nil))
		c := h.client()
		signin := h.get(c, "/anmelden?lang=de")
		if !strings.Contains(signin.body, `action="/anmelden/behoerde"`) || !strings.Contains(signin.body, "Bundesstadt Bonn") {
			t.Fatal("the sign-in page offers no authority sign-in")
		}
		h.checkHTML(signin, "de")

		r := oidcSignIn(t, h, c, "bonn", "bonn-leitung", "/arbeitsplatz/eingang")
		if r.status != http.StatusSeeOther || r.header.Get("Location") != "/arbeitsplatz/eingang" {
			t.Fatalf("callback: %d %s", r.status, r.header.Get("Location"))
		}
		r = h.get(c, "/arbeitsplatz")
		if r.status != 200 || !strings.Contains(r.body, "leitung@bonn.example") || !strings.Contains(r.body, "Bundesstadt Bonn") {
			t.Fatalf("workbench after OIDC sign-in: %d", r.status)
		}
		// The provider's groups became roles on the demo account it linked.
		cred, err := sqlstore.NewUserStore(db).FindCredentials(context.Background(), "leitung@bonn.example")
		if err != nil || !cred.User.HasRole(smd.RoleTeamLead) || !cred.User.HasRole(smd.RoleCaseworker) || len(cred.User.Roles) != 2 {
			t.Fatalf("roles from claims: %+v %v", cred, err)
		}

		// Somebody without an SMD group is refused, with a reason.
		k := h.client()
		r = oidcSignIn(t, h, k, "bonn", "bonn-kantine", "/arbeitsplatz")
		if r.status != http.StatusForbidden || !strings.Contains(r.body, "keine Rolle") {
			t.Fatalf("no role: %d", r.status)
		}
		h.checkHTML(r, "de")
		if r := h.get(k, "/arbeitsplatz"); r.status != http.StatusSeeOther {
			t.Fatalf("refused person reaches the workbench: %d", r.status)
		}

		// Potsdam's provider makes a Potsdam account: it sees none of Bonn.
		p := h.client()
		if r := oidcSignIn(t, h, p, "potsdam", "potsdam-sachbearbeitung", "/arbeitsplatz"); r.status != http.StatusSeeOther {
			t.Fatalf("Potsdam sign-in: %d", r.status)
		}
		if r := h.get(p, "/arbeitsplatz"); !strings.Contains(r.body, "Potsdam") || strings.Contains(r.body, "Bundesstadt Bonn") {
			t.Fatal("Potsdam account shows Bonn")
		}
	})
}

func TestOIDCSignInFailures(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		h := newHarness(t, db, withDevIDP(t, db, nil))

		// No or unknown authority: the form again, with the error at the select.
		c := h.client()
		for _, q := range []string{"", "?behoerde=atlantis"} {
			r := h.get(c, "/anmelden/behoerde"+q)
			if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "Wählen Sie Ihre Behörde aus") || !strings.Contains(r.body, `aria-invalid="true"`) {
				t.Fatalf("start %q: %d", q, r.status)
			}
			h.checkHTML(r, "de")
		}

		// A callback without a started sign-in, or with a foreign state.
		if r := h.get(c, web.OIDCCallbackPath+"?code=x&state=y"); r.status != http.StatusBadRequest || !strings.Contains(r.body, "Melden Sie sich noch einmal an") {
			t.Fatalf("callback without sign-in: %d", r.status)
		}
		r := h.get(c, "/anmelden/behoerde?behoerde=bonn")
		auth, _ := url.Parse(r.header.Get("Location"))
		form := auth.Query()
		form.Set("user", "bonn-sachbearbeitung")
		r = h.do(c, "POST", "/dev/oidc/authorize", form, nil)
		cb, _ := url.Parse(r.header.Get("Location"))
		forged := cb.Query()
		forged.Set("state", "forged")
		if r := h.get(c, web.OIDCCallbackPath+"?"+forged.Encode()); r.status != http.StatusBadRequest {
			t.Fatalf("forged state: %d", r.status)
		}
		// The pending sign-in is used up by that attempt: the real callback
		// now fails too, so a callback can never be replayed.
		if r := h.get(c, strings.TrimPrefix(cb.String(), h.srv.URL)); r.status != http.StatusBadRequest {
			t.Fatalf("callback after a failed one: %d", r.status)
		}
		// The callback in another browser (no session) fails.
		other := h.client()
		if r := h.get(other, strings.TrimPrefix(cb.String(), h.srv.URL)); r.status != http.StatusBadRequest {
			t.Fatalf("callback in another browser: %d", r.status)
		}

		// Cancelled at the provider.
		r = h.get(c, "/anmelden/behoerde?behoerde=bonn")
		auth, _ = url.Parse(r.header.Get("Location"))
		form = auth.Query()
		form.Set("abbrechen", "1")
		r = h.do(c, "POST", "/dev/oidc/authorize", form, nil)
		r = h.get(c, strings.TrimPrefix(r.header.Get("Location"), h.srv.URL))
		if r.status != http.StatusUnauthorized || !strings.Contains(r.body, "abgebrochen") {
			t.Fatalf("cancelled: %d", r.status)
		}
		if r := h.get(c, "/arbeitsplatz"); r.status != http.StatusSeeOther {
			t.Fatal("signed in after a failed sign-in")
		}
	})
}

// TestRolesTakenAwayEndTheSession: when the directory takes a person's
// roles away, their next sign-in is refused and an old session of theirs no
// longer opens the workbench.
func TestRolesTakenAwayEndTheSession(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		h := newHarness(t, db, withDevIDP(t, db, nil))
		old := h.client()
		if r := oidcSignIn(t, h, old, "bonn", "bonn-sachbearbeitung", "/arbeitsplatz"); r.status != http.StatusSeeOther {
			t.Fatalf("sign-in: %d", r.status)
		}
		a, _ := h.auths.AuthorityBySlug(context.Background(), "bonn")
		users := sqlstore.NewUserStore(db)
		cred, _ := users.FindCredentials(context.Background(), "sachbearbeitung@bonn.example")
		if _, err := users.SyncExternalUser(context.Background(), a.ID, smd.ExternalIdentity{Issuer: h.srv.URL + "/dev/oidc",
			Subject: "bonn-sachbearbeitung", Email: cred.User.Email, Name: cred.User.Name}); err != nil {
			t.Fatal(err)
		}
		if r := h.get(old, "/arbeitsplatz/eingang"); r.status != http.StatusForbidden {
			t.Fatalf("old session without roles: %d", r.status)
		}
	})
}
