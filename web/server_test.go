package web_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/accounts"
	"github.com/smd-oss/smd/i18n"
	"github.com/smd-oss/smd/internal/browsertest"
	"github.com/smd-oss/smd/internal/dbtest"
	"github.com/smd-oss/smd/internal/htmlcheck"
	"github.com/smd-oss/smd/mail"
	"github.com/smd-oss/smd/password"
	"github.com/smd-oss/smd/rules"
	"github.com/smd-oss/smd/seed"
	"github.com/smd-oss/smd/sqlstore"
	"github.com/smd-oss/smd/web"
)

func TestMain(m *testing.M) { dbtest.Main(m, browsertest.Close) }

const testPassword = "test-passwort-1"

type pinger struct{ err error }

func (p *pinger) Ping(context.Context) error { return p.err }

type harness struct {
	t       testing.TB
	handler http.Handler
	db      *sqlstore.DB
	srv     *httptest.Server
	catalog *i18n.Catalog
	blobs   *pinger
	cases   *sqlstore.CaseStore
	auths   *sqlstore.AuthorityStore
}

// newHarness serves the real handler on loopback with the demo data.
func newHarness(t *testing.T, db *sqlstore.DB, opts ...func(d *web.Deps, base string)) *harness {
	return newHarnessTB(t, db, opts...)
}

func newHarnessTB(t testing.TB, db *sqlstore.DB, opts ...func(d *web.Deps, base string)) *harness {
	t.Helper()
	ctx := context.Background()
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, db: db, catalog: cat, blobs: &pinger{}, cases: sqlstore.NewCaseStore(db), auths: sqlstore.NewAuthorityStore(db)}
	users := sqlstore.NewUserStore(db)
	if _, _, err := seed.Demo(ctx, seed.Stores{Tx: db, Authorities: h.auths, Users: users}, testPassword, password.Fast); err != nil {
		t.Fatal(err)
	}
	audit := sqlstore.NewAuditStore(db)
	law, err := rules.Load()
	if err != nil {
		t.Fatal(err)
	}
	deps := web.Deps{
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Catalog: cat,
		Authorities: h.auths, Users: users, Cases: h.cases, Feedback: sqlstore.NewFeedbackStore(db), Audit: audit,
		Tx: db, Persons: sqlstore.NewPersonStore(db), SavedFilters: sqlstore.NewSavedFilterStore(db),
		Accounts: &accounts.Service{Tx: db, Users: users, Audit: audit, Now: db.Now, Threshold: 5,
			Lockout: 15 * time.Minute, HashParams: password.Fast},
		SessionStore: sqlstore.NewSessionStore(db),
		Ready:        map[string]web.Pinger{"database": db, "blobs": h.blobs},
		Registry:     prometheus.NewRegistry(),
		MaxBodyBytes: 64 << 10, SessionLifetime: time.Hour, IdleTimeout: 30 * time.Minute,
		Law: law,
	}
	// The server's address is known before the handler is built, for
	// options that need absolute URLs (the SAML endpoints).
	h.srv = httptest.NewUnstartedServer(nil)
	base := "http://" + h.srv.Listener.Addr().String()
	for _, o := range opts {
		o(&deps, base)
	}
	srv, err := web.New(deps)
	if err != nil {
		t.Fatal(err)
	}
	h.handler = srv
	h.srv.Config.Handler = srv
	h.srv.Start()
	t.Cleanup(h.srv.Close)
	return h
}

// client is a browser-like client: cookies, no automatic redirects.
func (h *harness) client() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

type response struct {
	status int
	header http.Header
	body   string
}

func (h *harness) do(c *http.Client, method, path string, form url.Values, hdr map[string]string) response {
	h.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, h.srv.URL+path, body)
	if err != nil {
		h.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := c.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return response{status: resp.StatusCode, header: resp.Header, body: string(b)}
}

func (h *harness) get(c *http.Client, path string) response { return h.do(c, "GET", path, nil, nil) }

// checkHTML runs the static accessibility checks on a page.
func (h *harness) checkHTML(r response, lang string) {
	h.t.Helper()
	prefix := h.catalog.T(lang, "frame.error_prefix")
	if p := htmlcheck.Check(r.body, htmlcheck.Options{ErrorTitlePrefix: prefix}); len(p) > 0 {
		h.t.Errorf("%s page has problems: %v", lang, p)
	}
}

var publicPages = []string{"/", "/barrierefreiheit", "/datenschutz", "/impressum", "/leichte-sprache", "/gebaerdensprache", "/kontakt", "/anmelden",
	"/einbuergerung", "/aufenthaltstitel", "/verpflichtungserklaerung"}

func TestPublicPagesInEveryLanguage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		h := newHarness(t, db)
		for _, l := range i18n.Languages {
			c := h.client()
			for _, p := range publicPages {
				r := h.get(c, p+"?lang="+l.Code)
				if r.status != 200 {
					t.Fatalf("%s in %s: status %d", p, l.Code, r.status)
				}
				if !strings.Contains(r.body, `<html lang="`+l.Code+`" dir="`+l.Dir+`"`) {
					t.Errorf("%s in %s: wrong <html> attributes", p, l.Code)
				}
				h.checkHTML(r, l.Code)
			}
		}
	})
}

func TestStartPageNamesTheServicesWithKERN(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		h := newHarness(t, db)
		r := h.get(h.client(), "/")
		for _, want := range []string{"Einbürgerung", "Aufenthaltstitel", "Verpflichtungserklärung", "Offizielle Website – Bundesrepublik Deutschland",
			"Zum Inhalt springen", `href="/barrierefreiheit"`, `href="/leichte-sprache"`, `href="/datenschutz"`, `href="/impressum"`, `data-kern-theme="light"`} {
			if !strings.Contains(r.body, want) {
				t.Errorf("start page lacks %q", want)
			}
		}
		// The KERN stylesheet is served from the binary with a long cache life.
		m := regexp.MustCompile(`href="(/static/[0-9a-f]+/vendor/kern/kern\.min\.css)"`).FindStringSubmatch(r.body)
		if m == nil {
			t.Fatal("no KERN stylesheet linked")
		}
		css := h.get(h.client(), m[1])
		if css.status != 200 || !strings.Contains(css.body, ".kern-btn") || !strings.Contains(css.header.Get("Cache-Control"), "immutable") {
			t.Fatalf("KERN css: %d %q", css.status, css.header.Get("Cache-Control"))
		}
		// No page asks for anything from another server.
		if regexp.MustCompile(`(src|href|action)="(https?:)?//`).MatchString(r.body) {
			t.Error("start page refers to another server")
		}
	})
}

func TestSecurityHeaders(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		h := newHarness(t, db)
		r := h.get(h.client(), "/")
		csp := r.header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "frame-ancestors 'none'") {
			t.Fatalf("CSP %q", csp)
		}
		for k, v := range map[string]string{"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "same-origin"} {
			if r.header.Get(k) != v {
				t.Errorf("%s = %q", k, r.header.Get(k))
			}
		}
		if strings.Contains(r.body, "<script>") || strings.Contains(r.body, " style=") || strings.Contains(r.body, " onclick") {
			t.Error("inline script or style in the page")
		}
	})
}

func TestUnknownPathsGetThe404Page(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		h := newHarness(t, db)
		for _, p := range []string{"/gibtsnicht", "/static/abc/nichts.css", "/arbeitsplatz/x/y", "/%2e%2e/etc/passwd", "/static/x/%2e%2e/%2e%2e/go.mod"} {
			r := h.get(h.client(), p)
			if r.status != 404 || !strings.Contains(r.body, "Seite nicht gefunden") {
				t.Errorf("%s: %d", p, r.status)
			}
		}
		h.checkHTML(h.get(h.client(), "/gibtsnicht"), "de")
		r := h.get(h.client(), "/gibtsnicht?lang=ar")
		if !strings.Contains(r.body, `dir="rtl"`) {
			t.Error("404 page not in Arabic frame")
		}
	})
}

func signIn(h *harness, c *http.Client, email, pw string) response {
	return h.do(c, "POST", "/anmelden", url.Values{"email": {email}, "passwort": {pw}, "next": {"/arbeitsplatz"}}, nil)
}

func TestSignInAndOut(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		h := newHarness(t, db)
		c := h.client()
		r := h.get(c, "/arbeitsplatz")
		if r.status != http.StatusSeeOther || r.header.Get("Location") != "/anmelden?next=%2Farbeitsplatz" {
			t.Fatalf("signed-out workbench: %d %s", r.status, r.header.Get("Location"))
		}
		r = signIn(h, c, "sachbearbeitung@bonn.example", testPassword)
		if r.status != http.StatusSeeOther || r.header.Get("Location") != "/arbeitsplatz" {
			t.Fatalf("sign-in: %d %s", r.status, r.header.Get("Location"))
		}
		r = h.get(c, "/arbeitsplatz")
		if r.status != 200 || !strings.Contains(r.body, "sachbearbeitung@bonn.example") || !strings.Contains(r.body, "Bundesstadt Bonn") ||
			!strings.Contains(r.body, "Sachbearbeitung") || !strings.Contains(r.body, "05314000") {
			t.Fatalf("workbench: %d", r.status)
		}
		h.checkHTML(r, "de")
		// Turkish is not offered on the workbench: it stays German.
		if r := h.get(c, "/arbeitsplatz?lang=tr"); !strings.Contains(r.body, `<html lang="de"`) || strings.Contains(r.body, `hreflang="tr"`) {
			t.Error("workbench served in a language it is not translated to")
		}
		if r := h.get(c, "/arbeitsplatz?lang=en"); !strings.Contains(r.body, `<html lang="en"`) || !strings.Contains(r.body, "Caseworker") {
			t.Error("workbench not in English")
		}
		r = h.do(c, "POST", "/abmelden", url.Values{}, nil)
		if r.status != http.StatusSeeOther || r.header.Get("Location") != "/anmelden" {
			t.Fatalf("sign-out: %d", r.status)
		}
		if r := h.get(c, "/anmelden?lang=de"); !strings.Contains(r.body, "Sie haben sich abgemeldet.") {
			t.Error("no sign-out confirmation")
		}
		if r := h.get(c, "/arbeitsplatz"); r.status != http.StatusSeeOther {
			t.Fatalf("workbench after sign-out: %d", r.status)
		}
	})
}

func TestSignInErrors(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		h := newHarness(t, db)
		c := h.client()
		r := signIn(h, c, "", "")
		if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "Geben Sie Ihre E-Mail-Adresse ein") || !strings.Contains(r.body, "Geben Sie Ihr Passwort ein") {
			t.Fatalf("empty form: %d", r.status)
		}
		h.checkHTML(r, "de")
		r = signIn(h, c, "sachbearbeitung@bonn.example", "falsch")
		if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "Die E-Mail-Adresse oder das Passwort ist falsch") {
			t.Fatalf("wrong password: %d", r.status)
		}
		if !strings.Contains(r.body, `value="sachbearbeitung@bonn.example"`) || strings.Contains(r.body, `value="falsch"`) {
			t.Error("the form must keep the address and never echo the password")
		}
		h.checkHTML(r, "de")
		for range 3 {
			signIn(h, c, "sachbearbeitung@bonn.example", "falsch")
		}
		r = signIn(h, c, "sachbearbeitung@bonn.example", "falsch")
		if r.status != http.StatusForbidden || !strings.Contains(r.body, "gesperrt") {
			t.Fatalf("fifth failure: %d", r.status)
		}
		h.checkHTML(r, "de")
		// Locked: the right password does not help now.
		r = signIn(h, c, "sachbearbeitung@bonn.example", testPassword)
		if r.status != http.StatusForbidden {
			t.Fatalf("right password while locked: %d", r.status)
		}
		// Other accounts are not affected.
		if r := signIn(h, h.client(), "leitung@bonn.example", testPassword); r.status != http.StatusSeeOther {
			t.Fatalf("another account: %d", r.status)
		}
		// A redirect target outside the site is ignored.
		r = h.do(h.client(), "POST", "/anmelden", url.Values{"email": {"admin@bonn.example"}, "passwort": {testPassword}, "next": {"//evil.example/x"}}, nil)
		if r.header.Get("Location") != "/arbeitsplatz" {
			t.Fatalf("open redirect to %q", r.header.Get("Location"))
		}
	})
}

func TestMalformedSessionCookieMeansSignedOut(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		h := newHarness(t, db)
		for _, v := range []string{"%%%", strings.Repeat("A", 4000), "abc; DROP TABLE sessions"} {
			r := h.do(h.client(), "GET", "/arbeitsplatz", nil, map[string]string{"Cookie": "smd_session=" + v})
			if r.status != http.StatusSeeOther {
				t.Errorf("cookie %q: status %d, want redirect to sign-in", v[:min(len(v), 10)], r.status)
			}
			r = h.do(h.client(), "GET", "/", nil, map[string]string{"Cookie": "smd_session=" + v})
			if r.status != 200 {
				t.Errorf("cookie %q on the start page: %d", v[:min(len(v), 10)], r.status)
			}
		}
	})
}

func TestCrossSitePostIsRefused(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		h := newHarness(t, db)
		form := url.Values{"email": {"sachbearbeitung@bonn.example"}, "passwort": {testPassword}}
		for name, hdr := range map[string]map[string]string{
			"sec-fetch-site": {"Sec-Fetch-Site": "cross-site"},
			"origin":         {"Sec-Fetch-Site": "", "Origin": "https://evil.example"},
		} {
			r := h.do(h.client(), "POST", "/anmelden", form, hdr)
			if r.status != http.StatusForbidden || !strings.Contains(r.body, "Anfrage abgelehnt") {
				t.Errorf("%s: %d", name, r.status)
			}
		}
		var n int
		_ = db.Read.QueryRow(`SELECT COUNT(*) FROM audit_events`).Scan(&n)
		if n != 0 {
			t.Fatalf("a refused request reached the sign-in service (%d audit events)", n)
		}
	})
}

func TestBodyOverTheLimitGets413(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		h := newHarness(t, db)
		big := url.Values{"beschreibung": {strings.Repeat("x", 70<<10)}}
		r := h.do(h.client(), "POST", "/barrierefreiheit", big, nil)
		if r.status != http.StatusRequestEntityTooLarge || !strings.Contains(r.body, "zu groß") {
			t.Fatalf("declared length: %d", r.status)
		}
		// Without Content-Length (chunked), the limit applies while reading.
		req, _ := http.NewRequest("POST", h.srv.URL+"/barrierefreiheit", io.MultiReader(strings.NewReader("beschreibung="), strings.NewReader(strings.Repeat("y", 70<<10))))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		req.ContentLength = -1
		resp, err := h.client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusRequestEntityTooLarge {
			t.Fatalf("chunked: %d", resp.StatusCode)
		}
		n, _ := sqlstore.NewFeedbackStore(db).CountFeedback(context.Background())
		if n != 0 {
			t.Fatal("an oversized report was stored")
		}
	})
}

func TestAccessibilityFeedback(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		h := newHarness(t, db)
		c := h.client()
		for name, tc := range map[string]struct {
			form url.Values
			want string
		}{
			"empty":   {url.Values{}, "Beschreiben Sie die Barriere"},
			"email":   {url.Values{"beschreibung": {"Kontrast zu schwach"}, "email": {"kein-at"}}, "richtigen Format"},
			"long":    {url.Values{"beschreibung": {strings.Repeat("ä", 5001)}}, "höchstens 5.000 Zeichen"},
			"control": {url.Values{"beschreibung": {"a\x00b"}}, "Steuerzeichen"},
			"bidi":    {url.Values{"beschreibung": {"ok"}, "seite": {"x\u202Ey"}}, "Steuerzeichen"},
		} {
			r := h.do(c, "POST", "/barrierefreiheit", tc.form, nil)
			if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, tc.want) {
				t.Errorf("%s: %d, want 422 with %q", name, r.status, tc.want)
			}
			h.checkHTML(r, "de")
		}
		r := h.do(c, "POST", "/barrierefreiheit", url.Values{"beschreibung": {"Kontrast zu schwach"}, "email": {"kein-at"}, "seite": {"/kontakt"}}, nil)
		if !strings.Contains(r.body, `>Kontrast zu schwach</textarea>`) || !strings.Contains(r.body, `value="/kontakt"`) {
			t.Error("values were not kept after an error")
		}
		fs := sqlstore.NewFeedbackStore(db)
		if n, _ := fs.CountFeedback(context.Background()); n != 0 {
			t.Fatal("invalid reports were stored")
		}
		r = h.do(c, "POST", "/barrierefreiheit?lang=en", url.Values{"beschreibung": {"Der Kontrast der Links ist zu schwach.\nBitte prüfen."}, "email": {"a@b.example"}}, nil)
		if r.status != http.StatusSeeOther || !strings.HasPrefix(r.header.Get("Location"), "/barrierefreiheit/danke/") {
			t.Fatalf("valid report: %d", r.status)
		}
		thanks := h.get(c, r.header.Get("Location"))
		if thanks.status != 200 || !strings.Contains(thanks.body, "Thank you") {
			t.Fatalf("thanks page: %d", thanks.status)
		}
		h.checkHTML(thanks, "en")
		if n, _ := fs.CountFeedback(context.Background()); n != 1 {
			t.Fatalf("%d reports stored", n)
		}
		if r := h.get(c, "/barrierefreiheit/danke/00000000-0000-0000-0000-000000000000"); r.status != 404 {
			t.Fatalf("unknown reference: %d", r.status)
		}
	})
}

func TestLanguageChoiceIsRemembered(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		h := newHarness(t, db)
		c := h.client()
		h.get(c, "/?lang=uk")
		if r := h.get(c, "/impressum"); !strings.Contains(r.body, `<html lang="uk"`) {
			t.Error("language not remembered")
		}
		r := h.do(h.client(), "GET", "/", nil, map[string]string{"Accept-Language": "tr-TR,tr;q=0.9,en;q=0.5"})
		if !strings.Contains(r.body, `<html lang="tr"`) {
			t.Error("Accept-Language not used")
		}
		r = h.do(h.client(), "GET", "/?lang=xx", nil, map[string]string{"Accept-Language": "fr"})
		if !strings.Contains(r.body, `<html lang="de"`) {
			t.Error("unknown language must fall back to German")
		}
	})
}

func TestHealthReadinessMetrics(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		h := newHarness(t, db)
		c := h.client()
		if r := h.get(c, "/healthz"); r.status != 200 || r.body != "ok\n" {
			t.Fatalf("healthz %d %q", r.status, r.body)
		}
		if r := h.get(c, "/readyz"); r.status != 200 {
			t.Fatalf("readyz %d", r.status)
		}
		h.blobs.err = errors.New("bucket gone")
		if r := h.get(c, "/readyz"); r.status != 503 || !strings.Contains(r.body, "blobs") {
			t.Fatalf("readyz with a failing blob store: %d %q", r.status, r.body)
		}
		r := h.get(c, "/metrics")
		if r.status != 200 || !strings.Contains(r.body, `smd_http_requests_total{code="503",route="GET /readyz"} 1`) {
			t.Fatalf("metrics: %d\n%s", r.status, r.body)
		}
	})
}

// The workbench shows the signed-in user's authority only.
func TestWorkbenchShowsOnlyOwnAuthority(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		h := newHarness(t, db)
		ctx := context.Background()
		potsdam, err := h.auths.AuthorityBySlug(ctx, "potsdam")
		if err != nil {
			t.Fatal(err)
		}
		for range 3 {
			c := &smd.Case{AuthorityID: potsdam.ID, Service: smd.ServiceEinbuergerung, Channel: smd.ChannelOnline}
			if err := h.cases.CreateCase(ctx, c, &smd.Action{Name: smd.ActSubmitted, Actor: smd.SystemActor}); err != nil {
				t.Fatal(err)
			}
		}
		bonn := h.client()
		signIn(h, bonn, "sachbearbeitung@bonn.example", testPassword)
		r := h.get(bonn, "/arbeitsplatz")
		if strings.Contains(r.body, "Landeshauptstadt Potsdam") || !strings.Contains(r.body, "noch keine Vorgänge") {
			t.Fatal("Bonn's workbench shows Potsdam's data")
		}
		pd := h.client()
		signIn(h, pd, "sachbearbeitung@potsdam.example", testPassword)
		r = h.get(pd, "/arbeitsplatz")
		if !strings.Contains(r.body, "Eingegangen") || !strings.Contains(r.body, ">3<") {
			t.Fatal("Potsdam's workbench does not count its cases")
		}
	})
}

// Cached anonymous pages never reach a signed-in user or another language,
// and a one-time message is never swallowed by the cache.
func TestPageCacheNeverServesPersonalPages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		h := newHarness(t, db)
		anon := h.client()
		for range 2 {
			if r := h.get(anon, "/?lang=de"); strings.Contains(r.body, "Abmelden") {
				t.Fatal("anonymous start page shows a sign-out button")
			}
		}
		if r := h.get(anon, "/?lang=en"); !strings.Contains(r.body, `<html lang="en"`) {
			t.Fatal("cache served German for English")
		}
		c := h.client()
		signIn(h, c, "sachbearbeitung@bonn.example", testPassword)
		if r := h.get(c, "/?lang=de"); !strings.Contains(r.body, "Abmelden") || !strings.Contains(r.body, "Sachbearbeitung Bonn") {
			t.Fatal("signed-in user got the cached anonymous start page")
		}
		h.do(c, "POST", "/abmelden", url.Values{}, nil)
		if r := h.get(c, "/barrierefreiheit?lang=de"); !strings.Contains(r.body, "Sie haben sich abgemeldet.") {
			t.Fatal("the one-time message was lost to the cache")
		}
		if r := h.get(c, "/barrierefreiheit?lang=de"); strings.Contains(r.body, "Sie haben sich abgemeldet.") {
			t.Fatal("the one-time message was cached")
		}
	})
}

// failingCases breaks the one store call the workbench makes.
type failingCases struct{ *sqlstore.CaseStore }

func (failingCases) CountByStatus(context.Context, uuid.UUID) ([]smd.StatusCount, error) {
	return nil, errors.New("database on fire")
}

// An unexpected error shows the 500 page in the frame, without details.
func TestInternalErrorPage(t *testing.T) {
	h := newHarness(t, dbtest.SQLite(t), func(d *web.Deps, _ string) { d.Cases = failingCases{d.Cases.(*sqlstore.CaseStore)} })
	c := h.client()
	signIn(h, c, "sachbearbeitung@bonn.example", testPassword)
	r := h.get(c, "/arbeitsplatz")
	if r.status != 500 || !strings.Contains(r.body, "Es ist ein Fehler aufgetreten") || strings.Contains(r.body, "on fire") {
		t.Fatalf("500 page: %d", r.status)
	}
	h.checkHTML(r, "de")
}

// With secure cookies the session cookie is __Host- prefixed, Secure,
// HttpOnly and SameSite=Lax.
func TestSecureSessionCookie(t *testing.T) {
	h := newHarness(t, dbtest.SQLite(t), func(d *web.Deps, _ string) { d.SecureCookies = true })
	r := signIn(h, h.client(), "sachbearbeitung@bonn.example", testPassword)
	var cookie string
	for _, c := range r.header.Values("Set-Cookie") {
		if strings.HasPrefix(c, "__Host-smd_session=") {
			cookie = c
		}
	}
	for _, want := range []string{"Secure", "HttpOnly", "SameSite=Lax", "Path=/"} {
		if !strings.Contains(cookie, want) {
			t.Fatalf("session cookie %q lacks %s", cookie, want)
		}
	}
}

func TestInformationPagesFindTheAuthority(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		h := newHarness(t, db)
		c := h.client()
		r := h.get(c, "/einbuergerung?plz=53113&lang=de")
		if r.status != 200 || !strings.Contains(r.body, "Bundesstadt Bonn") || !strings.Contains(r.body, "255 EUR") || !strings.Contains(r.body, "/einbuergerung/quick-check") {
			t.Fatalf("Bonn postal code: %d", r.status)
		}
		h.checkHTML(r, "de")
		if r := h.get(c, "/verpflichtungserklaerung?plz=01067"); !strings.Contains(r.body, "Landeshauptstadt Dresden") || !strings.Contains(r.body, "29 EUR") {
			t.Fatal("Dresden postal code")
		}
		if r := h.get(c, "/aufenthaltstitel?plz=80331"); !strings.Contains(r.body, "keine Behörde zuständig") {
			t.Fatal("a postal code no authority serves")
		}
		r = h.get(c, "/aufenthaltstitel?plz=5311")
		if !strings.Contains(r.body, "5 Ziffern haben") || !strings.Contains(r.body, "<title>Fehler: ") {
			t.Fatal("invalid postal code")
		}
		h.checkHTML(r, "de")
		if r := h.get(c, "/einbuergerung?plz=%3Cscript%3E"); strings.Contains(r.body, "<script>") {
			t.Fatal("postal code echoed unescaped")
		}
	})
}

func TestDevMail(t *testing.T) {
	dir := t.TempDir()
	folder := &mail.Folder{Dir: dir, From: "noreply@smd.example"}
	h := newHarness(t, dbtest.SQLite(t), func(d *web.Deps, _ string) { d.DevMail = folder })
	if r := h.get(h.client(), "/dev/mail"); r.status != 200 || !strings.Contains(r.body, "Noch keine E-Mails") {
		t.Fatalf("empty: %d", r.status)
	}
	if err := folder.Send(context.Background(), mail.Message{To: "a@b.de", Subject: "Eingang BN-2026-00001", Body: "<script>x</script>"}); err != nil {
		t.Fatal(err)
	}
	r := h.get(h.client(), "/dev/mail")
	if !strings.Contains(r.body, "Eingang BN-2026-00001") || strings.Contains(r.body, "<script>x") {
		t.Fatal("mail not listed or not escaped")
	}
	h.checkHTML(r, "de")
	// Outside dev mode there is no such page.
	if r := h.get(h.client(), "/dev/mail"); newHarness(t, dbtest.SQLite(t)).get(h.client(), "/dev/mail").status != 404 || r.status != 200 {
		t.Fatal("/dev/mail exists outside dev mode")
	}
}
