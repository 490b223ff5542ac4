package oidc_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/oidc"
	"github.com/smd-oss/smd/oidc/devidp"
)

const callback = "https://portal.example/anmelden/oidc/callback"

type env struct {
	srv     *httptest.Server
	idp     *devidp.Provider
	bonn    *oidc.Client
	potsdam *oidc.Client
}

func settings(slug string) *oidc.Settings {
	return &oidc.Settings{Authority: slug, ClientID: "smd-" + slug, ClientSecret: "secret-" + slug, RolesClaim: "groups",
		Roles: map[string]smd.Role{"abh-sb": smd.RoleCaseworker, "abh-tl": smd.RoleTeamLead}}
}

func newEnv(t *testing.T) *env {
	t.Helper()
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	idp, err := devidp.New(srv.URL+"/idp", []*devidp.Client{
		{ID: "smd-bonn", Secret: "secret-bonn", RedirectURIs: []string{callback}, Label: "Bonn", Users: []devidp.User{
			{Subject: "u1", Email: "Erika@bonn.example", Name: "Erika Muster", Groups: []string{"abh-sb", "abh-tl", "kantine"}},
			{Subject: "u2", Email: "gast@bonn.example", Name: "Gast", Groups: []string{"kantine"}}}},
		{ID: "smd-potsdam", Secret: "secret-potsdam", RedirectURIs: []string{callback}, Label: "Potsdam", Users: []devidp.User{
			{Subject: "p1", Email: "paul@potsdam.example", Name: "Paul", Groups: []string{"abh-sb"}}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	mux.Handle("/idp/", idp)
	e := &env{srv: srv, idp: idp}
	for slug, c := range map[string]**oidc.Client{"bonn": &e.bonn, "potsdam": &e.potsdam} {
		s := settings(slug)
		s.Issuer = srv.URL + "/idp"
		*c = &oidc.Client{Settings: s, RedirectURL: callback}
	}
	return e
}

// noFollow returns redirects instead of following them.
var noFollow = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// chooseUser posts the provider's sign-in form as the browser would and
// returns the callback address it redirects to.
func chooseUser(t *testing.T, authURL, subject string, extra url.Values) *url.URL {
	t.Helper()
	u, err := url.Parse(authURL)
	if err != nil {
		t.Fatal(err)
	}
	form := u.Query()
	form.Set("user", subject)
	for k, v := range extra {
		form[k] = v
	}
	resp, err := noFollow.PostForm(u.Scheme+"://"+u.Host+u.Path, form)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		t.Fatalf("authorize: status %d", resp.StatusCode)
	}
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestSignInMapsRoles(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	now := time.Now()
	authURL, p, err := e.bonn.Begin(ctx, "/arbeitsplatz/eingang", now)
	if err != nil {
		t.Fatal(err)
	}
	q := mustQuery(t, authURL)
	if q.Get("code_challenge_method") != "S256" || q.Get("code_challenge") == "" || q.Get("nonce") != p.Nonce || q.Get("state") != p.State {
		t.Fatalf("authorization request lacks PKCE, nonce or state: %v", q)
	}
	if strings.Contains(authURL, p.Verifier) {
		t.Fatal("the PKCE verifier must never travel in the URL")
	}
	cb := chooseUser(t, authURL, "u1", nil)
	if !strings.HasPrefix(cb.String(), callback+"?") {
		t.Fatalf("redirected to %s", cb)
	}
	id, err := e.bonn.Finish(ctx, p, cb.Query().Get("state"), cb.Query().Get("code"), now)
	if err != nil {
		t.Fatal(err)
	}
	want := &oidc.Identity{Issuer: e.srv.URL + "/idp", Subject: "u1", Email: "Erika@bonn.example", Name: "Erika Muster",
		EmailVerified: true, Roles: []smd.Role{smd.RoleCaseworker, smd.RoleTeamLead}}
	if !reflect.DeepEqual(id, want) {
		t.Fatalf("identity %+v, want %+v", id, want)
	}

	// A user whose groups map to nothing comes back without roles.
	authURL, p, _ = e.bonn.Begin(ctx, "/", now)
	cb = chooseUser(t, authURL, "u2", nil)
	id, err = e.bonn.Finish(ctx, p, cb.Query().Get("state"), cb.Query().Get("code"), now)
	if err != nil || len(id.Roles) != 0 {
		t.Fatalf("unmapped groups: %+v, %v", id, err)
	}
}

func mustQuery(t *testing.T, raw string) url.Values {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u.Query()
}

func TestFinishRefuses(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	now := time.Now()
	start := func(c *oidc.Client) (*oidc.Pending, *url.URL) {
		authURL, p, err := c.Begin(ctx, "/", now)
		if err != nil {
			t.Fatal(err)
		}
		sub := "u1"
		if c == e.potsdam {
			sub = "p1"
		}
		return p, chooseUser(t, authURL, sub, nil)
	}
	cases := []struct {
		name string
		run  func() error
		code string
	}{
		{"state of another sign-in", func() error {
			p, cb := start(e.bonn)
			_, err := e.bonn.Finish(ctx, p, cb.Query().Get("state")+"x", cb.Query().Get("code"), now)
			return err
		}, smd.EINVALID},
		{"no state", func() error {
			p, cb := start(e.bonn)
			_, err := e.bonn.Finish(ctx, p, "", cb.Query().Get("code"), now)
			return err
		}, smd.EINVALID},
		{"no pending sign-in", func() error {
			_, cb := start(e.bonn)
			_, err := e.bonn.Finish(ctx, nil, cb.Query().Get("state"), cb.Query().Get("code"), now)
			return err
		}, smd.EINVALID},
		{"too late", func() error {
			p, cb := start(e.bonn)
			_, err := e.bonn.Finish(ctx, p, cb.Query().Get("state"), cb.Query().Get("code"), now.Add(oidc.PendingTTL+time.Second))
			return err
		}, smd.EINVALID},
		{"code used twice", func() error {
			p, cb := start(e.bonn)
			if _, err := e.bonn.Finish(ctx, p, cb.Query().Get("state"), cb.Query().Get("code"), now); err != nil {
				t.Fatal(err)
			}
			_, err := e.bonn.Finish(ctx, p, cb.Query().Get("state"), cb.Query().Get("code"), now)
			return err
		}, smd.EUNAUTHORIZED},
		{"wrong PKCE verifier", func() error {
			p, cb := start(e.bonn)
			p.Verifier = strings.Repeat("a", 43)
			_, err := e.bonn.Finish(ctx, p, cb.Query().Get("state"), cb.Query().Get("code"), now)
			return err
		}, smd.EUNAUTHORIZED},
		{"nonce of another sign-in", func() error {
			p, cb := start(e.bonn)
			p.Nonce = "other"
			_, err := e.bonn.Finish(ctx, p, cb.Query().Get("state"), cb.Query().Get("code"), now)
			return err
		}, smd.EUNAUTHORIZED},
		{"code of another authority's client", func() error {
			p, cb := start(e.potsdam)
			_, err := e.bonn.Finish(ctx, p, cb.Query().Get("state"), cb.Query().Get("code"), now)
			return err
		}, smd.EUNAUTHORIZED},
		{"expired code", func() error {
			p, cb := start(e.bonn)
			e.idp.Now = func() time.Time { return time.Now().Add(2 * time.Minute) }
			defer func() { e.idp.Now = time.Now }()
			_, err := e.bonn.Finish(ctx, p, cb.Query().Get("state"), cb.Query().Get("code"), now)
			return err
		}, smd.EUNAUTHORIZED},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if err := c.run(); smd.ErrorCode(err) != c.code {
				t.Fatalf("got %v (%s), want %s", err, smd.ErrorCode(err), c.code)
			}
		})
	}
}

func TestWrongSecretAndUnreachableProvider(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	s := settings("bonn")
	s.Issuer, s.ClientSecret = e.srv.URL+"/idp", "wrong"
	c := &oidc.Client{Settings: s, RedirectURL: callback}
	authURL, p, err := c.Begin(ctx, "/", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	cb := chooseUser(t, authURL, "u1", nil)
	if _, err := c.Finish(ctx, p, p.State, cb.Query().Get("code"), time.Now()); smd.ErrorCode(err) != smd.EUNAUTHORIZED {
		t.Fatalf("wrong client secret: %v", err)
	}

	down := settings("bonn")
	down.Issuer = "http://127.0.0.1:1/idp"
	c = &oidc.Client{Settings: down, RedirectURL: callback, HTTP: &http.Client{Timeout: time.Second}}
	if _, _, err := c.Begin(ctx, "/", time.Now()); !errors.Is(err, oidc.ErrUnavailable) {
		t.Fatalf("provider down: %v", err)
	}
}

func TestProviderRefusesBadAuthorizationRequests(t *testing.T) {
	e := newEnv(t)
	base := url.Values{"client_id": {"smd-bonn"}, "redirect_uri": {callback}, "response_type": {"code"}, "scope": {"openid email"},
		"state": {"st"}, "code_challenge": {"abc"}, "code_challenge_method": {"S256"}}
	cases := []struct {
		name      string
		change    func(url.Values)
		status    int
		wantError string // error parameter on the redirect; "" for a page
	}{
		{"fine", func(url.Values) {}, http.StatusOK, ""},
		{"unknown client", func(v url.Values) { v.Set("client_id", "nobody") }, http.StatusBadRequest, ""},
		{"foreign redirect", func(v url.Values) { v.Set("redirect_uri", "https://evil.example/cb") }, http.StatusBadRequest, ""},
		{"no PKCE", func(v url.Values) { v.Del("code_challenge") }, http.StatusFound, "invalid_request"},
		{"plain PKCE", func(v url.Values) { v.Set("code_challenge_method", "plain") }, http.StatusFound, "invalid_request"},
		{"no openid scope", func(v url.Values) { v.Set("scope", "email") }, http.StatusFound, "invalid_scope"},
		{"implicit flow", func(v url.Values) { v.Set("response_type", "token") }, http.StatusFound, "unsupported_response_type"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v := url.Values{}
			for k, vs := range base {
				v[k] = append([]string(nil), vs...)
			}
			c.change(v)
			resp, err := noFollow.Get(e.srv.URL + "/idp/authorize?" + v.Encode())
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != c.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, c.status)
			}
			if c.wantError != "" {
				loc := mustQuery(t, resp.Header.Get("Location"))
				if loc.Get("error") != c.wantError || loc.Get("state") != "st" {
					t.Fatalf("redirect %s", resp.Header.Get("Location"))
				}
			}
		})
	}

	// Cancelling sends access_denied back.
	authURL, _, err := e.bonn.Begin(context.Background(), "/", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	cb := chooseUser(t, authURL, "u1", url.Values{"abbrechen": {"1"}})
	if cb.Query().Get("error") != "access_denied" || cb.Query().Get("code") != "" {
		t.Fatalf("cancel: %s", cb)
	}
}

func TestClaimValues(t *testing.T) {
	claims := map[string]any{
		"groups":       []any{"a", "b", 3, ""},
		"role":         "x y",
		"realm_access": map[string]any{"roles": []any{"tl"}},
		"num":          4.0,
	}
	cases := map[string][]string{"groups": {"a", "b"}, "role": {"x", "y"}, "realm_access.roles": {"tl"}, "num": nil,
		"missing": nil, "groups.deeper": nil, "realm_access": nil}
	for path, want := range cases {
		if got := oidc.ClaimValues(claims, path); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %v, want %v", path, got, want)
		}
	}
}

func TestParseSettings(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "bonn.secret"), []byte("s3cret\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	good := `{"bonn": {"issuer": "https://login.bonn.example/realms/abh/", "client_id": "smd", "client_secret_file": "bonn.secret",
		"roles_claim": "realm_access.roles", "roles": {"ABH-SB": "caseworker", "ABH-TL": "team_lead"}}}`
	list, err := oidc.ParseSettings([]byte(good), dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].Authority != "bonn" || list[0].ClientSecret != "s3cret" || list[0].Issuer != "https://login.bonn.example/realms/abh" {
		t.Fatalf("%+v", list[0])
	}
	bad := map[string]string{
		"unknown field": `{"bonn": {"issuer": "https://x", "client_id": "c", "client_secret": "s", "role_claim": "g", "roles": {"a": "caseworker"}}}`,
		"unknown role":  `{"bonn": {"issuer": "https://x", "client_id": "c", "client_secret": "s", "roles_claim": "g", "roles": {"a": "boss"}}}`,
		"no roles":      `{"bonn": {"issuer": "https://x", "client_id": "c", "client_secret": "s", "roles_claim": "g", "roles": {}}}`,
		"no secret":     `{"bonn": {"issuer": "https://x", "client_id": "c", "roles_claim": "g", "roles": {"a": "caseworker"}}}`,
		"missing file":  `{"bonn": {"issuer": "https://x", "client_id": "c", "client_secret_file": "nope", "roles_claim": "g", "roles": {"a": "caseworker"}}}`,
		"no issuer URL": `{"bonn": {"issuer": "login", "client_id": "c", "client_secret": "s", "roles_claim": "g", "roles": {"a": "caseworker"}}}`,
		"not JSON":      `[`,
	}
	for name, raw := range bad {
		if _, err := oidc.ParseSettings([]byte(raw), dir); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
