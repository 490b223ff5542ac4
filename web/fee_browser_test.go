package web_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/smd-oss/smd/internal/browsertest"
	"github.com/smd-oss/smd/internal/dbtest"
	"github.com/smd-oss/smd/internal/formfill"
)

// The fee form in the browser, without JavaScript of its own: the
// suggestion, the error state (a reduction without a reason: error
// summary, inline error) and the fee set; axe on each state.
func TestBrowserFee(t *testing.T) {
	b := browsertest.New(t)
	db := dbtest.SQLite(t)
	env := &applyEnv{}
	h := newHarness(t, db, withApply(t, db, env))
	caseID, _ := submitOne(t, h, env)
	ctx := b.Tab(t)
	staffSignInBrowser(t, ctx, h.srv.URL, "sachbearbeitung@bonn.example")
	browsertest.Navigate(t, ctx, h.srv.URL+"/arbeitsplatz/vorgaenge/"+caseID)
	click(t, ctx, `form[action$="/uebernehmen"] button`)
	b.Axe(t, ctx)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#gebuehr-reduced`))); err != nil {
		t.Fatal(err)
	}
	setAnswers(t, ctx, formfill.Step{Values: url.Values{"betrag": {"127,50"}}})
	// 422 with the form: click follows only successful answers.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`form[action$="/gebuehr"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.smd-error-summary`))); err != nil {
		t.Fatal(err)
	}
	if got := browsertest.Text(t, ctx, ".smd-error-summary"); !strings.Contains(got, "Begründen Sie") {
		t.Fatalf("no error summary: %q", got)
	}
	b.Axe(t, ctx)
	setAnswers(t, ctx, formfill.Step{Values: url.Values{"gebuehr_begruendung": {"Ermäßigung nach § 38 Abs. 4 StAG."}}})
	click(t, ctx, `form[action$="/gebuehr"] button[type=submit]`)
	if got := browsertest.Text(t, ctx, "main"); !strings.Contains(got, "Festgesetzt: 127,50 €") {
		t.Fatalf("fee not set: %.400s", got)
	}
	b.Axe(t, ctx)
}
