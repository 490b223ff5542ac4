package web_test

import (
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/smd-oss/smd/bundid"
	"github.com/smd-oss/smd/internal/browsertest"
	"github.com/smd-oss/smd/internal/dbtest"
	"github.com/smd-oss/smd/sqlstore"
	"github.com/smd-oss/smd/web"
)

// withBundID wires the SP and the simulator as dev mode does.
func withBundID(t *testing.T, db *sqlstore.DB) func(d *web.Deps, base string) {
	return func(d *web.Deps, base string) {
		key, cert, err := bundid.SelfSigned("test SP")
		if err != nil {
			t.Fatal(err)
		}
		acs, _ := url.Parse(base + "/bundid/acs")
		sp := &bundid.SP{EntityID: base + "/bundid", ACS: *acs, Key: key, Cert: cert, OnlineServiceID: "T",
			Replay: sqlstore.NewReplayStore(db), Now: time.Now}
		simBase, _ := url.Parse(base + "/dev/bundid")
		sim, err := bundid.NewSimulator(*simBase, sp.Metadata())
		if err != nil {
			t.Fatal(err)
		}
		sp.IDP = sim.Metadata()
		d.BundID, d.BundIDSimulator, d.BundIDLevel = sp, sim.Handler(), bundid.LevelSubstantial
		d.BundIDStateKey = []byte("0123456789abcdef0123456789abcdef")
	}
}

var hidden = regexp.MustCompile(`name="(SAMLRequest|SAMLResponse|RelayState)" value="([^"]*)"`)

func fields(body string) url.Values {
	v := url.Values{}
	for _, m := range hidden.FindAllStringSubmatch(body, -1) {
		v.Set(m[1], html.UnescapeString(m[2]))
	}
	return v
}

// An applicant signs in through the simulator and sees "Meine Anträge";
// a replayed response and a response without the browser's nonce cookie
// are refused.
func TestBundIDSignIn(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		h := newHarness(t, db, withBundID(t, db))
		c := h.client()
		r := h.get(c, "/konto/antraege")
		if r.status != 303 || !strings.HasPrefix(r.header.Get("Location"), "/bundid/anmelden") {
			t.Fatalf("signed out: %d %s", r.status, r.header.Get("Location"))
		}
		start := h.get(c, "/bundid/anmelden?next=/konto/antraege")
		if start.status != 200 || !strings.Contains(start.body, `action="`+h.srv.URL+`/dev/bundid/sso"`) {
			t.Fatalf("start page: %d", start.status)
		}
		h.checkHTML(start, "de")
		f := fields(start.body)
		f.Set("person", "anna")
		sim := h.do(c, "POST", "/dev/bundid/sso", f, nil)
		resp := fields(sim.body)
		if resp.Get("SAMLResponse") == "" {
			t.Fatalf("simulator: %d %s", sim.status, sim.body[:min(300, len(sim.body))])
		}
		// Without this browser's nonce cookie the response is refused (login CSRF).
		other := h.do(h.client(), "POST", "/bundid/acs", resp, map[string]string{"Sec-Fetch-Site": "cross-site"})
		if other.status != 401 {
			t.Fatalf("response in another browser: %d", other.status)
		}
		acs := h.do(c, "POST", "/bundid/acs", resp, map[string]string{"Sec-Fetch-Site": "cross-site"})
		if acs.status != 303 || acs.header.Get("Location") != "/konto/antraege" {
			t.Fatalf("ACS: %d %s", acs.status, acs.body[:min(300, len(acs.body))])
		}
		konto := h.get(c, "/konto/antraege")
		if konto.status != 200 || !strings.Contains(konto.body, "Anna Muster") || !strings.Contains(konto.body, "Vertrauensniveau hoch") {
			t.Fatalf("konto: %d", konto.status)
		}
		h.checkHTML(konto, "de")
		// Replay of the same response: refused.
		if again := h.do(c, "POST", "/bundid/acs", resp, nil); again.status != 401 {
			t.Fatalf("replay: %d", again.status)
		}
		// Sign out.
		h.do(c, "POST", "/konto/abmelden", url.Values{}, nil)
		if r := h.get(c, "/konto/antraege"); r.status != 303 {
			t.Fatalf("after sign-out: %d", r.status)
		}
	})
}

func TestBundIDNotConfigured(t *testing.T) {
	h := newHarness(t, dbtest.SQLite(t))
	r := h.get(h.client(), "/bundid/anmelden")
	if r.status != 503 || !strings.Contains(r.body, "noch nicht eingerichtet") {
		t.Fatalf("%d", r.status)
	}
	h.checkHTML(r, "de")
	if r := h.do(h.client(), "POST", "/bundid/acs", url.Values{"SAMLResponse": {"x"}}, nil); r.status != 404 {
		t.Fatalf("ACS without BundID: %d", r.status)
	}
}

// The same sign-in in a browser, by clicking, with axe on the portal's pages.
func TestBrowserBundIDSignIn(t *testing.T) {
	b := browsertest.New(t)
	db := dbtest.SQLite(t)
	h := newHarness(t, db, withBundID(t, db))
	for _, lang := range []string{"de", "ar"} {
		ctx := b.Tab(t)
		browsertest.Navigate(t, ctx, h.srv.URL+"/konto/antraege?lang="+lang)
		b.Axe(t, ctx)
		for _, button := range []string{"form button[type=submit]", "form button[type=submit]", "form button[type=submit]"} {
			if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(button))); err != nil {
				t.Fatal(err)
			}
		}
		if got := browsertest.Text(t, ctx, "main"); !strings.Contains(got, "Anna") {
			t.Fatalf("%s: not signed in: %q", lang, got)
		}
		b.Axe(t, ctx)
		b.CheckPage(t, h.srv.URL+"/konto/antraege?lang="+lang)
		if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`form[action="/konto/abmelden"] button`))); err != nil {
			t.Fatal(err)
		}
	}
}
