package web_test

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/internal/browsertest"
	"github.com/smd-oss/smd/internal/dbtest"
	"github.com/smd-oss/smd/internal/formfill"
)

func staffSignInBrowser(t *testing.T, ctx context.Context, srv, email string) {
	t.Helper()
	browsertest.Navigate(t, ctx, srv+"/anmelden?lang=de")
	setAnswers(t, ctx, formfill.Step{Path: "/anmelden", Values: url.Values{"email": {email}, "passwort": {testPassword}}})
	click(t, ctx, `form[action="/anmelden"] button[type=submit]`)
}

// staffSignInOIDC signs in at the authority's identity provider as a
// caseworker does: the authority chosen on the sign-in page, the provider's
// page (dev mode's built-in one), back with the session. axe runs on both
// pages.
func staffSignInOIDC(t *testing.T, b *browsertest.Browser, ctx context.Context, srv, authority, subject string) {
	t.Helper()
	browsertest.Navigate(t, ctx, srv+"/anmelden?lang=de")
	b.Axe(t, ctx)
	setAnswers(t, ctx, formfill.Step{Path: "/anmelden", Values: url.Values{"behoerde": {authority}}})
	click(t, ctx, `form[action="/anmelden/behoerde"] button[type=submit]`)
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`input[value="`+subject+`"]`))); err != nil {
		t.Fatal(err)
	}
	b.Axe(t, ctx)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`input[value="`+subject+`"]`))); err != nil {
		t.Fatal(err)
	}
	click(t, ctx, `button[name=anmelden]`)
	if got := browsertest.Text(t, ctx, "body"); !strings.Contains(got, "Abmelden") {
		t.Fatalf("not signed in after the provider: %.300s", got)
	}
}

func staffSignOutBrowser(t *testing.T, ctx context.Context) {
	t.Helper()
	click(t, ctx, `form[action="/abmelden"] button`)
}

// A caseworker of Bonn signs in at the authority's identity provider
// (OIDC) and works the application in the browser: finds it in
// the inbox, claims it, sets the legal basis, confirms a checklist item
// and asks for a document; the applicant uploads it; the caseworker
// proposes the decision, the team lead approves it (four eyes), the
// Bescheid is filed, and the caseworker records the steps in person. axe
// runs on every state; the applicant's page tells each step.
func TestBrowserWorkbenchFlow(t *testing.T) {
	b := browsertest.New(t)
	db := dbtest.SQLite(t)
	env := &applyEnv{}
	h := newHarness(t, db, withApply(t, db, env), withDevIDP(t, db, nil))
	caseID, number := submitOne(t, h, env)
	ctx := b.Tab(t)
	staffSignInOIDC(t, b, ctx, h.srv.URL, "bonn", "bonn-sachbearbeitung")
	browsertest.Navigate(t, ctx, h.srv.URL+"/arbeitsplatz/eingang?bearbeitung=offen")
	b.Axe(t, ctx)
	click(t, ctx, `a[href="/arbeitsplatz/vorgaenge/`+caseID+`"]`)
	b.Axe(t, ctx)
	click(t, ctx, `form[action$="/uebernehmen"] button`)
	b.Axe(t, ctx)
	click(t, ctx, `form[action$="/rechtsgrundlage"] button[type=submit]`)
	b.Axe(t, ctx)
	click(t, ctx, `form[action$="/pruefpunkt"] button[value=confirm]`)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#dokument-doc\.payslips`))); err != nil {
		t.Fatal(err)
	}
	d := time.Now().AddDate(0, 0, 14)
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector('#frist-tag').value='`+strconv.Itoa(d.Day())+`';
		document.querySelector('#frist-monat').value='`+strconv.Itoa(int(d.Month()))+`';document.querySelector('#frist-jahr').value='`+strconv.Itoa(d.Year())+`'`)); err != nil {
		t.Fatal(err)
	}
	click(t, ctx, `form[action$="/anfordern"] button[type=submit]`)
	b.Axe(t, ctx)
	// The applicant answers (their own browser: an HTTP client here).
	anna := h.client()
	h.signIn(anna, "anna", "/konto/antraege")
	if r := h.postFiles(anna, "/konto/antraege/"+caseID+"/nachreichen", map[string][]byte{"nachweis-0": samplePDF(3000)}); r.status != 303 {
		t.Fatalf("applicant upload: %d", r.status)
	}
	browsertest.Navigate(t, ctx, h.srv.URL+"/arbeitsplatz/vorgaenge/"+caseID)
	if got := browsertest.Text(t, ctx, "main"); !strings.Contains(got, "nachweis-0.pdf") {
		t.Fatal("the uploaded document is not on the case page")
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#ergebnis-granted`))); err != nil {
		t.Fatal(err)
	}
	click(t, ctx, `form:has(input[name=aktion][value=entscheidung]) button[type=submit]`)
	// The confirmation page shows the outcome; its button decides.
	if got := browsertest.Text(t, ctx, "h1"); got != "Entscheidung bestätigen" {
		t.Fatalf("after the decision form: %q, want its confirmation", got)
	}
	b.Axe(t, ctx)
	click(t, ctx, `form[action$="/entscheidung"] button[type=submit]`)
	b.Axe(t, ctx)
	staffSignOutBrowser(t, ctx)
	staffSignInOIDC(t, b, ctx, h.srv.URL, "bonn", "bonn-leitung")
	browsertest.Navigate(t, ctx, h.srv.URL+"/arbeitsplatz/vorgaenge/"+caseID)
	b.Axe(t, ctx)
	click(t, ctx, `form:has(input[name=aktion][value=freigabe]) button[value=approve]`)
	b.Axe(t, ctx)
	click(t, ctx, `form[action$="/freigabe"] button[type=submit]`)
	b.Axe(t, ctx)
	staffSignOutBrowser(t, ctx)
	staffSignInBrowser(t, ctx, h.srv.URL, "sachbearbeitung@bonn.example")
	browsertest.Navigate(t, ctx, h.srv.URL+"/arbeitsplatz/vorgaenge/"+caseID)
	if got := browsertest.Text(t, ctx, "main"); !strings.Contains(got, "Bescheid-"+number+".pdf") {
		t.Fatal("no Bescheid among the documents")
	}
	for _, task := range []string{"originals_inspected", "declaration_of_allegiance_made", "certificate_handed_over"} {
		click(t, ctx, `form[action$="/aufgabe"]:has(input[value="`+task+`"]) button[type=submit]`)
	}
	b.Axe(t, ctx)
	c, err := h.cases.CaseByID(context.Background(), bonn(t, h).ID, mustUUID(t, caseID))
	if err != nil || c.Status != smd.StatusHandedOver {
		t.Fatalf("final status %v (%v)", c.Status, err)
	}
	kp := h.get(anna, "/konto/antraege/"+caseID)
	for _, want := range []string{"Unterlagen angefordert", "Unterlagen eingegangen", "Entscheidung getroffen", "Einbürgerungsurkunde ausgehändigt"} {
		if !strings.Contains(kp.body, want) {
			t.Errorf("the applicant's page lacks %q", want)
		}
	}
}
