package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/smd-oss/smd/internal/browsertest"
	"github.com/smd-oss/smd/internal/dbtest"
	"github.com/smd-oss/smd/sqlstore"
	"github.com/smd-oss/smd/web"
)

// The session warning's "extend" answers 204 to the script, takes the
// form back to its page without it (never to another site), and says so
// plainly when the session has already ended.
func TestExtendSession(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		h := newHarness(t, db)
		c := h.client()
		if r := h.do(c, "POST", "/sitzung", url.Values{"next": {"/arbeitsplatz"}}, nil); r.status != http.StatusUnauthorized || !strings.Contains(r.body, "Sitzung abgelaufen") {
			t.Fatalf("without a session: %d", r.status)
		}
		signIn(h, c, "sachbearbeitung@bonn.example", testPassword)
		page := h.get(c, "/arbeitsplatz")
		if !strings.Contains(page.body, `id="smd-session"`) || !strings.Contains(page.body, `data-idle="1800"`) {
			t.Fatal("no session warning on a signed-in page")
		}
		h.checkHTML(page, "de")
		if r := h.get(h.client(), "/"); strings.Contains(r.body, `id="smd-session"`) {
			t.Fatal("a session warning without a session")
		}
		if r := h.do(c, "POST", "/sitzung", url.Values{}, map[string]string{"X-SMD-Fetch": "1"}); r.status != http.StatusNoContent {
			t.Fatalf("extend by script: %d", r.status)
		}
		if r := h.do(c, "POST", "/sitzung", url.Values{"next": {"/arbeitsplatz/eingang"}}, nil); r.status != http.StatusSeeOther || r.header.Get("Location") != "/arbeitsplatz/eingang" {
			t.Fatalf("extend by form: %d %s", r.status, r.header.Get("Location"))
		}
		if r := h.do(c, "POST", "/sitzung", url.Values{"next": {"//evil.example/x"}}, nil); r.header.Get("Location") != "/" {
			t.Fatalf("extend to another site: %s", r.header.Get("Location"))
		}
	})
}

// In the browser, the warning opens before the idle timeout as a modal
// dialog with the focus on it, passes axe, and "extend" closes it and
// keeps the session (WCAG 2.2.1).
func TestBrowserSessionWarning(t *testing.T) {
	b := browsertest.New(t)
	db := dbtest.SQLite(t)
	h := newHarness(t, db, func(d *web.Deps, _ string) { d.IdleTimeout = 9 * time.Second })
	ctx := b.Tab(t)
	staffSignInBrowser(t, ctx, h.srv.URL, "sachbearbeitung@bonn.example")
	browsertest.Navigate(t, ctx, h.srv.URL+"/arbeitsplatz")
	open := func() bool {
		v, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById('smd-session').open`))
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	deadline := time.Now().Add(20 * time.Second)
	for !open() && time.Now().Before(deadline) {
		time.Sleep(200 * time.Millisecond)
	}
	if !open() {
		t.Fatal("the session warning did not open")
	}
	if got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.closest('dialog') ? 'in' : 'out'`)); got != "in" {
		t.Error("the focus is not in the warning")
	}
	b.Axe(t, ctx)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#smd-session button`))); err != nil {
		t.Fatal(err)
	}
	for open() && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	if open() {
		t.Fatal("extend did not close the warning")
	}
	if got := browsertest.Text(t, ctx, "h1"); got == "" {
		t.Fatal("the page went away")
	}
	browsertest.Navigate(t, ctx, h.srv.URL+"/arbeitsplatz")
	if got := browsertest.Text(t, ctx, "body"); !strings.Contains(got, "Abmelden") {
		t.Fatal("signed out after extending")
	}
}
