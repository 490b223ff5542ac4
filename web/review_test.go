package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/internal/dbtest"
	"github.com/smd-oss/smd/sqlstore"
	"github.com/smd-oss/smd/web"
)

// Four eyes must see what they approve: while a decision waits, the team
// lead reads the whole case — application, documents including the
// Entscheidungsvorlage — without any form to change it, and the read is
// audited. Another caseworker still sees only the Basisdaten, and after the
// approval the team lead's full view ends.
func TestTeamLeadReviewsTheWholeCase(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		cc := newClaimedCase(t, db)
		h, caseID, page, sb := cc.h, cc.caseID, cc.page, cc.sb
		ctx := context.Background()
		lead, other := h.client(), h.client()
		signIn(h, lead, "leitung@bonn.example", testPassword)
		v := func(c *http.Client) string { return cc.version(t, c) }
		if h.get(lead, page).body == "" || strings.Contains(h.get(lead, page).body, "Muster") {
			t.Fatal("before a proposal the team lead sees the application of a case they do not hold")
		}
		if r := h.do(sb, "POST", page+"/entscheidung", url.Values{"version": {v(sb)}, "ergebnis": {"granted"},
			"begruendung_entscheidung": {"Alle Voraussetzungen erfüllt."}}, nil); r.status != 303 {
			t.Fatalf("propose: %d", r.status)
		}

		view := h.get(lead, page)
		if !strings.Contains(view.body, "Muster") || !strings.Contains(view.body, "Freigeben") {
			t.Fatal("the team lead does not see the application and the approval form")
		}
		for _, action := range []string{"/entscheidung", "/notiz", "/ruhen", "/anfordern", "/pruefpunkt", "/rechtsgrundlage", "/gebuehr", "/geprueft"} {
			if strings.Contains(view.body, `action="`+page+action+`"`) || regexp.MustCompile(`action="[^"]*`+regexp.QuoteMeta(action)+`"`).MatchString(view.body) {
				t.Errorf("the reviewing team lead gets the form %s", action)
			}
		}
		h.checkHTML(view, "de")
		memo := regexp.MustCompile(`href="(` + regexp.QuoteMeta(page) + `/dokumente/[^"]+)"[^>]*>[^<]*<span class="kern-sr-only">: Entscheidungsvorlage`).FindStringSubmatch(view.body)
		if h.handler.(*web.Server).Receipts != nil {
			if memo == nil {
				t.Fatal("no Entscheidungsvorlage among the documents of the review")
			}
			if r := h.get(lead, memo[1]); r.status != 200 || !strings.HasPrefix(r.body, "%PDF") {
				t.Fatalf("the team lead cannot read the Entscheidungsvorlage: %d", r.status)
			}
		}
		auth := bonn(t, h)
		cred, _ := sqlstore.NewUserStore(db).FindCredentials(ctx, "leitung@bonn.example")
		events, err := sqlstore.NewAuditStore(db).ListAudit(ctx, auth.ID, 0, 1000)
		if err != nil {
			t.Fatal(err)
		}
		read := false
		for _, e := range events {
			read = read || e.Action == "case_read" && e.Actor.ID == cred.User.ID.String() && e.ObjectID == caseID
		}
		if !read {
			t.Error("the team lead's read is not in the audit trail")
		}

		signIn(h, other, "admin@bonn.example", testPassword)
		if r := h.get(other, page); r.status == 200 && strings.Contains(r.body, "Muster") {
			t.Error("a user without the team lead role reads the proposed case")
		}
		if r := h.do(lead, "POST", page+"/freigabe", url.Values{"version": {v(lead)}, "freigabe": {"approve"}}, nil); r.status != 303 {
			t.Fatalf("approve: %d", r.status)
		}
		c, _ := h.cases.CaseByID(ctx, auth.ID, mustUUID(t, caseID))
		if c.Status == smd.StatusDecisionProposed {
			t.Fatalf("status %s", c.Status)
		}
		if strings.Contains(h.get(lead, page).body, "Muster") {
			t.Error("the full view outlives the review")
		}
	})
}

// Consequential steps are confirmed first: …/bestaetigen shows what is
// about to happen with the fields the case page sent, changes nothing,
// and its one button posts them to the step; an unknown step is a 400.
func TestConfirmationStep(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		cc := newClaimedCase(t, db)
		h, page, sb := cc.h, cc.page, cc.sb
		before := cc.version(t, sb)
		if !strings.Contains(h.get(sb, page).body, `name="aktion" value="entscheidung"`) {
			t.Fatal("the decision form does not go through the confirmation")
		}
		r := h.do(sb, "POST", page+"/bestaetigen", url.Values{"aktion": {"entscheidung"}, "version": {before}, "ergebnis": {"refused"},
			"begruendung_entscheidung": {"Der Lebensunterhalt ist nicht gesichert."}}, nil)
		if r.status != 200 || !strings.Contains(r.body, "Entscheidung bestätigen") || !strings.Contains(r.body, "Der Lebensunterhalt ist nicht gesichert.") ||
			!strings.Contains(r.body, `action="`+page+`/entscheidung"`) || !strings.Contains(r.body, `name="ergebnis" value="refused"`) || strings.Contains(r.body, `name="aktion"`) {
			t.Fatalf("confirmation page: %d", r.status)
		}
		h.checkHTML(r, "de")
		if cc.version(t, sb) != before {
			t.Fatal("the confirmation page changed the case")
		}
		if r := h.do(sb, "POST", page+"/bestaetigen", url.Values{"aktion": {"uebernehmen"}, "version": {before}}, nil); r.status != 400 {
			t.Fatalf("unknown step: %d", r.status)
		}
		// The page's button does the step.
		if r := h.do(sb, "POST", page+"/entscheidung", url.Values{"version": {before}, "ergebnis": {"refused"},
			"begruendung_entscheidung": {"Der Lebensunterhalt ist nicht gesichert."}}, nil); r.status != 303 {
			t.Fatalf("decide: %d", r.status)
		}
	})
}
