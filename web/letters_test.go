package web_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/internal/dbtest"
	"github.com/smd-oss/smd/sqlstore"
	"github.com/smd-oss/smd/web"
)

// The fee of a naturalisation: the suggestion from the law data is on
// the case page; a different amount without a reason is refused with the
// form and nothing stored; with a reason it is recorded as "fee_set" (in
// cents, with the items, the reason and the user) together with its audit
// record, and the Bescheid states it. Potsdam gets 404.
func TestFeeSet(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		env := &applyEnv{}
		h := newHarness(t, db, withApply(t, db, env))
		caseID, _ := submitOne(t, h, env)
		page := "/arbeitsplatz/vorgaenge/" + caseID
		sb := h.client()
		signIn(h, sb, "sachbearbeitung@bonn.example", testPassword)
		h.do(sb, "POST", page+"/uebernehmen", url.Values{"version": {"1"}}, nil)
		view := h.get(sb, page)
		if !strings.Contains(view.body, "Einbürgerung je erwachsene Person") || !strings.Contains(view.body, "255,00 €") || !strings.Contains(view.body, `action="`+page+`/gebuehr"`) {
			t.Fatal("no fee suggestion or form on the case page")
		}
		h.checkHTML(view, "de")
		v := func() string { return strconv.Itoa(pageVersion(t, h.get(sb, page).body)) }
		countFees := func() (actions, audits int) {
			t.Helper()
			if err := db.Read.QueryRow(`SELECT COUNT(*) FROM case_actions WHERE name = 'fee_set'`).Scan(&actions); err != nil {
				t.Fatal(err)
			}
			if err := db.Read.QueryRow(`SELECT COUNT(*) FROM audit_events WHERE action = 'fee_set'`).Scan(&audits); err != nil {
				t.Fatal(err)
			}
			return
		}
		for name, c := range map[string]struct {
			form url.Values
			want string
		}{
			"different amount, no reason": {url.Values{"gebuehr": {"reduced"}, "betrag": {"100"}}, "Begründen Sie, warum die Gebühr vom Vorschlag abweicht."},
			"exemption, no reason":        {url.Values{"gebuehr": {"exempt"}}, "Begründen Sie, warum die Gebühr vom Vorschlag abweicht."},
			"unreadable amount":           {url.Values{"gebuehr": {"reduced"}, "betrag": {"hundert"}, "gebuehr_begruendung": {"x"}}, "Geben Sie den Betrag in Euro an"},
			"no choice":                   {url.Values{"gebuehr": {"nonsense"}}, "Wählen Sie, welche Gebühr festgesetzt wird."},
		} {
			c.form.Set("version", v())
			r := h.do(sb, "POST", page+"/gebuehr", c.form, nil)
			if r.status != 422 || !strings.Contains(r.body, c.want) || !strings.Contains(r.body, "smd-error-summary") {
				t.Fatalf("%s: %d %s", name, r.status, errorSummary(r.body))
			}
			h.checkHTML(r, "de")
		}
		if a, b := countFees(); a != 0 || b != 0 {
			t.Fatalf("refused fee stored: %d actions, %d audit records", a, b)
		}
		r := h.do(sb, "POST", page+"/gebuehr", url.Values{"version": {v()}, "gebuehr": {"reduced"}, "betrag": {"127,50"},
			"gebuehr_begruendung": {"Ermäßigung nach § 38 Abs. 4 StAG wegen geringen Einkommens."}}, nil)
		if r.status != 303 {
			t.Fatalf("fee with reason: %d %s", r.status, errorSummary(r.body))
		}
		if a, b := countFees(); a != 1 || b != 1 {
			t.Fatalf("fee: %d actions, %d audit records", a, b)
		}
		auth := bonn(t, h)
		actions, _ := h.cases.ListActions(context.Background(), auth.ID, mustUUID(t, caseID))
		fee := actions[len(actions)-1]
		var p web.FeePayload
		if err := json.Unmarshal(fee.Payload, &p); err != nil || fee.Name != smd.ActFeeSet || p.AmountCents != 12750 || p.SuggestedCents < 25500 ||
			len(p.Items) == 0 || p.Items[0].ID != "nat_adult" || p.Reason == "" || fee.Actor.Kind != smd.ActorUser {
			t.Fatalf("fee action %s %+v by %+v", fee.Name, p, fee.Actor)
		}
		if view := h.get(sb, page); !strings.Contains(view.body, "Festgesetzt: 127,50 €") {
			t.Fatal("the fee set is not shown")
		}

		potsdam := h.client()
		signIn(h, potsdam, "sachbearbeitung@potsdam.example", testPassword)
		if r := h.do(potsdam, "POST", page+"/gebuehr", url.Values{"version": {v()}, "gebuehr": {"suggested"}}, nil); r.status != 404 {
			t.Fatalf("Potsdam sets the fee: %d", r.status)
		}

		lead := h.client()
		signIn(h, lead, "leitung@bonn.example", testPassword)
		h.do(sb, "POST", page+"/entscheidung", url.Values{"version": {v()}, "ergebnis": {"granted"}}, nil)
		if r := h.do(sb, "POST", page+"/gebuehr", url.Values{"version": {v()}, "gebuehr": {"suggested"}}, nil); r.status != 303 {
			t.Fatalf("fee after the proposal: %d", r.status)
		} else if a, _ := countFees(); a != 1 {
			t.Fatal("a fee was set after the proposal")
		}
		h.do(lead, "POST", page+"/freigabe", url.Values{"version": {v()}, "freigabe": {"approve"}}, nil)
		if h.handler.(*web.Server).Receipts == nil {
			return
		}
		text := letterText(t, h, db, auth, caseID, smd.CategoryBescheid, "")
		for _, want := range []string{"Festgesetzte Gebühr", "127,50 €", "Ermäßigung", "§ 38 Abs. 4 StAG wegen geringen Einkommens"} {
			if !strings.Contains(text, want) {
				t.Errorf("Bescheid lacks %q", want)
			}
		}
	})
}

// The Rechtsbehelfsbelehrung follows the authority's Land: Klage at the
// Verwaltungsgericht Köln for Bonn (NW), Widerspruch at the authority for
// Potsdam (BB), and for Dresden (SN, not in the law data) a neutral text
// that names both and says that it cannot tell, which the
// Entscheidungsvorlage flags. Paper cases, decided with four eyes.
func TestBescheidRemedyPerLand(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		env := &applyEnv{}
		h := newHarness(t, db, withApply(t, db, env))
		if h.handler.(*web.Server).Receipts == nil {
			t.Skip("no PDF renderer (no system font)")
		}
		for _, c := range []struct {
			slug        string
			want, never []string
			vorlage     string
		}{
			{"bonn", []string{"Klage beim Verwaltungsgericht Köln, Appellhofplatz, 50667 Köln", "Ein Widerspruchsverfahren findet nicht statt."},
				[]string{"Widerspruch erhoben"}, "§ 110 Abs. 1 JustG NRW"},
			{"potsdam", []string{"Widerspruch erhoben werden", "Landeshauptstadt Potsdam"}, []string{"Klage beim"}, "§§ 68, 70 VwGO"},
			{"dresden", []string{"noch nicht hinterlegt", "Widerspruch bei der Behörde", "Klage beim Verwaltungsgericht Dresden"}, nil,
				"Für das Land SN ist in den Rechtsdaten kein Rechtsbehelf hinterlegt"},
		} {
			auth, err := h.auths.AuthorityBySlug(context.Background(), c.slug)
			if err != nil {
				t.Fatal(err)
			}
			caseID := decidePaperCase(t, h, c.slug)
			text := letterText(t, h, db, auth, caseID, smd.CategoryBescheid, "")
			for _, want := range c.want {
				if !strings.Contains(text, want) {
					t.Errorf("%s: Bescheid lacks %q:\n%s", c.slug, want, text)
				}
			}
			for _, never := range c.never {
				if strings.Contains(text, never) {
					t.Errorf("%s: Bescheid says %q", c.slug, never)
				}
			}
			for _, want := range []string{auth.Phone, auth.Email, "Festgesetzte Gebühr", "255,00 €"} {
				if !strings.Contains(text, want) {
					t.Errorf("%s: Bescheid lacks %q", c.slug, want)
				}
			}
			memo := letterText(t, h, db, auth, caseID, smd.CategoryEntscheidungsvorlage, "-Freigabe")
			for _, want := range []string{c.vorlage, "Keine Gebühr festgesetzt", "Teamleitung " + strings.ToUpper(c.slug[:1]) + c.slug[1:]} {
				if !strings.Contains(memo, want) {
					t.Errorf("%s: Entscheidungsvorlage lacks %q:\n%s", c.slug, want, memo)
				}
			}
		}
	})
}

// decidePaperCase records a paper naturalisation at the authority, claims
// it, proposes a grant and has the team lead approve; it returns the case id.
func decidePaperCase(t *testing.T, h *harness, slug string) string {
	t.Helper()
	sb, lead := h.client(), h.client()
	signIn(h, sb, "sachbearbeitung@"+slug+".example", testPassword)
	signIn(h, lead, "leitung@"+slug+".example", testPassword)
	stamp := time.Now().AddDate(0, 0, -3)
	r := h.do(sb, "POST", "/arbeitsplatz/papierantrag", url.Values{"leistung": {"einbuergerung"}, "eingang-tag": {strconv.Itoa(stamp.Day())},
		"eingang-monat": {strconv.Itoa(int(stamp.Month()))}, "eingang-jahr": {strconv.Itoa(stamp.Year())},
		"given_names": {"Mehmet"}, "family_name": {"Papier"}, "nationality": {"TUR"}}, nil)
	page := r.header.Get("Location")
	if r.status != 303 || !strings.HasPrefix(page, "/arbeitsplatz/vorgaenge/") {
		t.Fatalf("%s: paper intake %d", slug, r.status)
	}
	v := func(c *http.Client) string { return strconv.Itoa(pageVersion(t, h.get(c, page).body)) }
	h.do(sb, "POST", page+"/uebernehmen", url.Values{"version": {v(sb)}}, nil)
	if r := h.do(sb, "POST", page+"/entscheidung", url.Values{"version": {v(sb)}, "ergebnis": {"granted"}}, nil); r.status != 303 {
		t.Fatalf("%s: propose %d", slug, r.status)
	}
	if r := h.do(lead, "POST", page+"/freigabe", url.Values{"version": {v(lead)}, "freigabe": {"approve"}}, nil); r.status != 303 {
		t.Fatalf("%s: approve %d", slug, r.status)
	}
	return strings.TrimPrefix(page, "/arbeitsplatz/vorgaenge/")
}

// The Entscheidungsvorlage is filed when the decision is proposed (with
// the pending approval) and again when it is taken (with the approver):
// the legal basis, every checklist item with the pre-assessment and the
// caseworker's confirmation or override, the documents checked, the
// outcome with reasons. Caseworkers see it, marked internal; the
// applicant's pages never show it; Potsdam gets 404 for it.
func TestEntscheidungsvorlage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		env := &applyEnv{}
		h := newHarness(t, db, withApply(t, db, env))
		if h.handler.(*web.Server).Receipts == nil {
			t.Skip("no PDF renderer (no system font)")
		}
		caseID, number := submitOne(t, h, env)
		page := "/arbeitsplatz/vorgaenge/" + caseID
		sb, lead := h.client(), h.client()
		signIn(h, sb, "sachbearbeitung@bonn.example", testPassword)
		signIn(h, lead, "leitung@bonn.example", testPassword)
		v := func(c *http.Client) string { return strconv.Itoa(pageVersion(t, h.get(c, page).body)) }
		h.do(sb, "POST", page+"/uebernehmen", url.Values{"version": {"1"}}, nil)
		h.do(sb, "POST", page+"/rechtsgrundlage", url.Values{"version": {v(sb)}, "basis": {"stag10"}}, nil)
		items := checklistItems(t, h.get(sb, page).body)
		if len(items) < 2 {
			t.Fatalf("checklist items: %v", items)
		}
		h.do(sb, "POST", page+"/pruefpunkt", url.Values{"version": {v(sb)}, "item": {items[0]}, "decision": {"confirm"}}, nil)
		h.do(sb, "POST", page+"/pruefpunkt", url.Values{"version": {v(sb)}, "item": {items[1]}, "decision": {"override"},
			"status": {"met"}, "begruendung": {"Nachweis im Original vorgelegt."}}, nil)
		auth := bonn(t, h)
		docs, _ := sqlstore.NewDocumentStore(db).ListDocuments(context.Background(), auth.ID, mustUUID(t, caseID))
		h.do(sb, "POST", page+"/dokumente/"+docs[0].ID.String()+"/geprueft", url.Values{"version": {v(sb)}}, nil)
		if r := h.do(sb, "POST", page+"/entscheidung", url.Values{"version": {v(sb)}, "ergebnis": {"refused"},
			"begruendung_entscheidung": {"Der Lebensunterhalt ist nicht gesichert."}}, nil); r.status != 303 {
			t.Fatalf("propose: %d", r.status)
		}
		memo := letterText(t, h, db, auth, caseID, smd.CategoryEntscheidungsvorlage, "")
		for _, want := range []string{"Entscheidungsvorlage", number, "§ 10 StAG", items[0], items[1], "Vorprüfung:",
			"bestätigt von Sachbearbeitung Bonn", "abweichend bewertet", "Nachweis im Original vorgelegt.", "pass.pdf", "geprüft von Sachbearbeitung Bonn",
			"Ablehnen", "Der Lebensunterhalt ist nicht gesichert.", "Vorgeschlagen von", "Freigabe ausstehend", "Klage beim Verwaltungsgericht"} {
			if !strings.Contains(memo, want) {
				t.Errorf("Entscheidungsvorlage lacks %q", want)
			}
		}
		view := h.get(sb, page)
		if !strings.Contains(view.body, "Entscheidungsvorlage-"+number+".pdf") || !strings.Contains(view.body, "nur intern") {
			t.Fatal("the caseworker does not see the Entscheidungsvorlage, marked internal")
		}
		h.checkHTML(view, "de")
		h.do(lead, "POST", page+"/freigabe", url.Values{"version": {v(lead)}, "freigabe": {"approve"}}, nil)
		approved := letterText(t, h, db, auth, caseID, smd.CategoryEntscheidungsvorlage, "-Freigabe")
		if !strings.Contains(approved, "Freigegeben von Teamleitung Bonn") {
			t.Errorf("the approved Entscheidungsvorlage lacks the approver:\n%s", approved)
		}
		var generated int
		if err := db.Read.QueryRow(`SELECT COUNT(*) FROM case_actions WHERE name = 'letter_generated' AND case_id = $1`, caseID).Scan(&generated); err != nil || generated != 3 {
			t.Fatalf("%d letter_generated actions (%v), want 3", generated, err)
		}

		// The applicant sees neither the memo nor its file name anywhere.
		anna := h.client()
		h.signIn(anna, "anna", "/konto/antraege")
		for _, p := range []string{"/konto/antraege", "/konto/antraege/" + caseID} {
			r := h.get(anna, p)
			if r.status != 200 || strings.Contains(r.body, "Entscheidungsvorlage") || strings.Contains(r.body, "Vorgeschlagen von") {
				t.Fatalf("applicant page %s: %d, shows the internal memo", p, r.status)
			}
		}
		memoDoc := letterDoc(t, db, auth, caseID, smd.CategoryEntscheidungsvorlage, "")
		if r := h.get(anna, page+"/dokumente/"+memoDoc.ID.String()); r.status == 200 {
			t.Fatal("the applicant downloads the memo")
		}
		if !memoDoc.Internal() {
			t.Fatal("the memo is not internal")
		}
		potsdam := h.client()
		signIn(h, potsdam, "sachbearbeitung@potsdam.example", testPassword)
		if r := h.get(potsdam, page+"/dokumente/"+memoDoc.ID.String()); r.status != 404 {
			t.Fatalf("Potsdam GET memo: %d", r.status)
		}
	})
}

// checklistItems returns the ids of the open checklist items of a case page.
func checklistItems(t *testing.T, body string) []string {
	t.Helper()
	var ids []string
	for _, part := range strings.Split(body, `<input type="hidden" name="item" value="`)[1:] {
		id, _, _ := strings.Cut(part, `"`)
		if len(ids) == 0 || ids[len(ids)-1] != id {
			ids = append(ids, id)
		}
	}
	return ids
}

// letterDoc finds the letter of a category on a case whose file name ends
// in suffix + ".pdf".
func letterDoc(t *testing.T, db *sqlstore.DB, auth *smd.Authority, caseID, category, suffix string) *smd.Document {
	t.Helper()
	docs, err := sqlstore.NewDocumentStore(db).ListDocuments(context.Background(), auth.ID, mustUUID(t, caseID))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		approved := strings.HasSuffix(d.Filename, "-Freigabe.pdf")
		if d.Category == category && (suffix == "" && !approved || suffix != "" && strings.HasSuffix(d.Filename, suffix+".pdf")) {
			return d
		}
	}
	t.Fatalf("no %s%s among %d documents", category, suffix, len(docs))
	return nil
}

// letterText reads a letter's file from the blob store and returns its
// text, white space collapsed, as pdftotext extracts it.
func letterText(t *testing.T, h *harness, db *sqlstore.DB, auth *smd.Authority, caseID, category, suffix string) string {
	t.Helper()
	d := letterDoc(t, db, auth, caseID, category, suffix)
	rc, err := h.handler.(*web.Server).Apply.Files.Open(context.Background(), auth.ID, d.BlobKey)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil || !strings.HasPrefix(string(b), "%PDF-") {
		t.Fatalf("letter file: %v", err)
	}
	return pdfText(t, b)
}

// pdfText is the text of a PDF as poppler's pdftotext extracts it, with
// white space collapsed; it skips without the tool (fails under CI=true,
// where .ci/run installs it).
func pdfText(t *testing.T, b []byte) string {
	t.Helper()
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		if ci, _ := strconv.ParseBool(os.Getenv("CI")); ci {
			t.Fatal("pdftotext not found (CI=true, where a skip is a failure)")
		}
		t.Skip("pdftotext not found; apt-get install poppler-utils")
	}
	path := filepath.Join(t.TempDir(), "letter.pdf")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// Without four eyes the caseworker decides at once: the Entscheidungsvorlage
// names the caseworker and says that no approval is provided for, and the
// Bescheid is filed with it.
func TestDecisionWithoutFourEyes(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		env := &applyEnv{}
		h := newHarness(t, db, withApply(t, db, env))
		if h.handler.(*web.Server).Receipts == nil {
			t.Skip("no PDF renderer (no system font)")
		}
		if _, err := db.Write.Exec(`UPDATE authorities SET four_eyes = $1 WHERE slug = 'bonn'`, false); err != nil {
			t.Fatal(err)
		}
		caseID, _ := submitOne(t, h, env)
		page := "/arbeitsplatz/vorgaenge/" + caseID
		sb := h.client()
		signIn(h, sb, "sachbearbeitung@bonn.example", testPassword)
		h.do(sb, "POST", page+"/uebernehmen", url.Values{"version": {"1"}}, nil)
		if r := h.do(sb, "POST", page+"/entscheidung", url.Values{"version": {strconv.Itoa(pageVersion(t, h.get(sb, page).body))}, "ergebnis": {"granted"}}, nil); r.status != 303 {
			t.Fatalf("decide: %d", r.status)
		}
		auth := bonn(t, h)
		c, _ := h.cases.CaseByID(context.Background(), auth.ID, mustUUID(t, caseID))
		if c.Status != smd.StatusWaitingForAppointment {
			t.Fatalf("status %s", c.Status)
		}
		memo := letterText(t, h, db, auth, caseID, smd.CategoryEntscheidungsvorlage, "")
		for _, want := range []string{"Vorgeschlagen von Sachbearbeitung Bonn", "keine Freigabe vorgesehen", "Stattgeben"} {
			if !strings.Contains(memo, want) {
				t.Errorf("Entscheidungsvorlage lacks %q", want)
			}
		}
		if text := letterText(t, h, db, auth, caseID, smd.CategoryBescheid, ""); !strings.Contains(text, "Ihrem Antrag wird stattgegeben.") {
			t.Error("Bescheid lacks the outcome")
		}
	})
}
