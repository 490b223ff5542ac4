package web_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/google/uuid"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/i18n"
	"github.com/smd-oss/smd/internal/browsertest"
	"github.com/smd-oss/smd/internal/dbtest"
)

// A caseworker does the first steps of a case with the keyboard alone:
// the inbox sends them to sign in, they choose the authority's provider
// and the account there, come back to the inbox, open the case, claim it
// and set the legal basis — every move by Tab and Enter. The sign-in
// pages with the provider select pass the full page check (axe at 1280 and
// 320 px, forced colours, reflow, visible focus).
func TestBrowserWorkbenchByKeyboard(t *testing.T) {
	b := browsertest.New(t)
	db := dbtest.SQLite(t)
	env := &applyEnv{}
	h := newHarness(t, db, withApply(t, db, env), withDevIDP(t, db, nil))
	caseID, _ := submitOne(t, h, env)
	// The sign-in page with the providers' select is public: every language.
	for _, l := range i18n.Languages {
		b.CheckPage(t, h.srv.URL+"/anmelden?lang="+l.Code)
	}
	b.CheckPageStatus(t, h.srv.URL+"/anmelden/behoerde?lang=de", http.StatusUnprocessableEntity)

	ctx := b.Tab(t)
	browsertest.Navigate(t, ctx, h.srv.URL+"/arbeitsplatz/eingang?lang=de")
	// The authority select comes first and has Bonn chosen; Tab moves on
	// to the button that starts the sign-in there.
	tabTo(t, ctx, "the authority select", func(a activeEl) bool { return a.Name == "behoerde" })
	tabTo(t, ctx, "the provider button", func(a activeEl) bool { return a.Tag == "button" && a.Action == "/anmelden/behoerde" })
	pressEnter(t, ctx)
	// At the provider the first account (Bonn's caseworker) is chosen.
	tabTo(t, ctx, "the provider's sign-in button", func(a activeEl) bool { return a.Tag == "button" && a.Name == "anmelden" })
	pressEnter(t, ctx)
	if got := browsertest.Text(t, ctx, "h1"); !strings.Contains(got, "Eingang") {
		t.Fatalf("after sign-in on %q, want the inbox", got)
	}
	b.Axe(t, ctx)
	tabTo(t, ctx, "the case in the inbox", func(a activeEl) bool { return a.Tag == "a" && a.ID == "" && isCaseLink(t, ctx, caseID) })
	pressEnter(t, ctx)
	tabTo(t, ctx, "the claim button", func(a activeEl) bool { return a.Tag == "button" && strings.HasSuffix(a.Action, "/uebernehmen") })
	pressEnter(t, ctx)
	b.Axe(t, ctx)
	tabTo(t, ctx, "the legal basis button", func(a activeEl) bool {
		return a.Tag == "button" && a.Type == "submit" && strings.HasSuffix(a.Action, "/rechtsgrundlage")
	})
	pressEnter(t, ctx)
	b.Axe(t, ctx)

	c, err := h.cases.CaseByID(context.Background(), bonn(t, h).ID, mustUUID(t, caseID))
	if err != nil {
		t.Fatal(err)
	}
	if c.Assignee == uuid.Nil || c.Status != smd.StatusInReview {
		t.Fatalf("after the keyboard steps: assignee %v, status %s", c.Assignee, c.Status)
	}
	actions, err := h.cases.ListActions(context.Background(), c.AuthorityID, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(actions, func(a *smd.Action) bool { return a.Name == smd.ActLegalBasisSet }) {
		t.Fatal("no legal basis set by keyboard")
	}
}

// isCaseLink reports whether the focused link opens the case.
func isCaseLink(t *testing.T, ctx context.Context, caseID string) bool {
	t.Helper()
	href, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.getAttribute('href') || ''`))
	if err != nil {
		t.Fatal(err)
	}
	return href == "/arbeitsplatz/vorgaenge/"+caseID
}
