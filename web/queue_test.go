package web_test

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/google/uuid"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/internal/browsertest"
	"github.com/smd-oss/smd/internal/dbtest"
	"github.com/smd-oss/smd/internal/formfill"
	"github.com/smd-oss/smd/sqlstore"
	"github.com/smd-oss/smd/web"
)

// A Bonn caseworker finds the submitted application in the inbox, sees
// only its basic data until claiming it, then the applicant's answers and
// files (each view in the audit trail); two claims at once give one
// winner; Potsdam gets 404 for every address of the case.
func TestWorkbenchQueueAndClaim(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		env := &applyEnv{}
		h := newHarness(t, db, withApply(t, db, env))
		ctx := context.Background()
		caseID, number := submitOne(t, h, env)
		sb := h.client()
		if r := signIn(h, sb, "sachbearbeitung@bonn.example", testPassword); r.status != 303 {
			t.Fatalf("staff sign-in: %d", r.status)
		}
		inbox := h.get(sb, "/arbeitsplatz/eingang?leistung=einbuergerung&kanal=ONLINE&bearbeitung=offen")
		if inbox.status != 200 || !strings.Contains(inbox.body, number) {
			t.Fatalf("inbox: %d", inbox.status)
		}
		h.checkHTML(inbox, "de")
		if r := h.get(sb, "/arbeitsplatz/eingang?kanal=PAPIER"); strings.Contains(r.body, number) {
			t.Fatal("paper filter shows the online case")
		}
		if r := h.get(sb, "/arbeitsplatz/eingang?reihenfolge=neueste"); !strings.Contains(r.body, `aria-sort="descending"`) {
			t.Fatal("newest-first order not marked")
		}
		if r := h.get(sb, "/arbeitsplatz/eingang?status=nonsense"); r.status != 400 {
			t.Fatalf("bad filter: %d", r.status)
		}
		page := "/arbeitsplatz/vorgaenge/" + caseID
		before := h.get(sb, page)
		if before.status != 200 || strings.Contains(before.body, "Muster") || !strings.Contains(before.body, "Vorgang übernehmen") {
			t.Fatalf("unclaimed case page shows personal data or no claim button: %d", before.status)
		}
		h.checkHTML(before, "de")
		version := pageVersion(t, before.body)
		// Two claims at once: one wins, the other is told.
		other := h.client()
		signIn(h, other, "leitung@bonn.example", testPassword)
		var wg sync.WaitGroup
		results := make([]response, 2)
		for i, cl := range []int{0, 1} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				client := sb
				if cl == 1 {
					client = other
				}
				results[i] = h.do(client, "POST", page+"/uebernehmen", url.Values{"version": {strconv.Itoa(version)}}, nil)
			}()
		}
		wg.Wait()
		c, err := h.cases.CaseByID(ctx, bonn(t, h).ID, mustUUID(t, caseID))
		if err != nil || c.Version != version+1 {
			t.Fatalf("after two claims: version %d (%v)", c.Version, err)
		}
		winner, loser := sb, other
		if u, _ := sqlstore.NewUserStore(db).UserByID(ctx, c.AuthorityID, c.Assignee); u == nil || u.Email != "sachbearbeitung@bonn.example" {
			winner, loser = other, sb
		}
		if r := h.get(loser, page); !strings.Contains(r.body, "von jemand anderem übernommen") || strings.Contains(r.body, "Muster") {
			t.Fatal("the second claimer is not told, or sees personal data")
		}
		full := h.get(winner, page)
		if !strings.Contains(full.body, "Muster") || !strings.Contains(full.body, "pass.pdf") {
			t.Fatal("claimed case page lacks the application or documents")
		}
		h.checkHTML(full, "de")
		doc := regexp.MustCompile(`href="(/arbeitsplatz/vorgaenge/[^"?]+/dokumente/[^"?]+)" download`).FindStringSubmatch(full.body)
		if doc == nil {
			t.Fatal("no document link")
		}
		if r := h.get(winner, doc[1]); r.status != 200 || r.body != string(samplePDF(5000)) || !strings.HasPrefix(r.header.Get("Content-Disposition"), "attachment") {
			t.Fatalf("document download: %d %s", r.status, r.header.Get("Content-Disposition"))
		}
		// Viewing it in the browser: inline, in a sandbox without scripts.
		if r := h.get(winner, doc[1]+"?ansicht=1"); r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Disposition"), "inline") ||
			!strings.Contains(r.header.Get("Content-Security-Policy"), "sandbox") {
			t.Fatalf("document view: %d %s %s", r.status, r.header.Get("Content-Disposition"), r.header.Get("Content-Security-Policy"))
		}
		if r := h.get(loser, doc[1]); r.status != 404 {
			t.Fatalf("document for the one who did not claim: %d", r.status)
		}
		var reads int
		if err := db.Read.QueryRow(`SELECT COUNT(*) FROM audit_events WHERE action IN ('case_read', 'document_read') AND object_id = $1`, caseID).Scan(&reads); err != nil || reads < 2 {
			t.Fatalf("%d audited reads (%v)", reads, err)
		}
		// Potsdam: 404 everywhere.
		potsdam := h.client()
		signIn(h, potsdam, "sachbearbeitung@potsdam.example", testPassword)
		for _, p := range []string{page, doc[1]} {
			if r := h.get(potsdam, p); r.status != 404 {
				t.Errorf("Potsdam GET %s: %d", p, r.status)
			}
		}
		if r := h.do(potsdam, "POST", page+"/uebernehmen", url.Values{"version": {strconv.Itoa(c.Version)}}, nil); r.status != 404 {
			t.Errorf("Potsdam claims: %d", r.status)
		}
		if r := h.get(potsdam, "/arbeitsplatz/eingang"); strings.Contains(r.body, number) {
			t.Error("Potsdam's inbox shows the Bonn case")
		}
	})
}

// submitOne has anna submit a naturalisation with one uploaded passport
// over HTTP and returns the case's id and number.
func submitOne(t *testing.T, h *harness, env *applyEnv) (string, string) {
	t.Helper()
	db := h.db
	applicant := h.client()
	h.signIn(applicant, "anna", "/einbuergerung/antrag")
	base, _ := h.startDraft(applicant, smd.ServiceEinbuergerung, false)
	v := pageVersion(t, h.get(applicant, base).body)
	steps, _ := formfill.Steps(env.forms["einbuergerung"], time.Now(), formfill.Options{})
	for i, s := range steps {
		if s.Path == "/documents" {
			v = h.walk(applicant, base, v, steps[:i])
			if r := h.uploadFile(applicant, base, v, "doc.passport", "pass.pdf", samplePDF(5000)); r.status != 303 {
				t.Fatalf("upload: %d", r.status)
			}
			v = h.walk(applicant, base, v+1, steps[i:])
			break
		}
	}
	if r := h.do(applicant, "POST", base+"/absenden", url.Values{"version": {strconv.Itoa(v)}}, nil); r.status != 303 {
		t.Fatalf("submit: %d", r.status)
	}
	var caseID, number string
	if err := db.Read.QueryRow(`SELECT id, number FROM cases`).Scan(&caseID, &number); err != nil {
		t.Fatal(err)
	}
	return caseID, number
}

// The inbox and the case page, before and after claiming, have no axe
// violations and reflow at 320 px.
func TestBrowserWorkbenchCase(t *testing.T) {
	b := browsertest.New(t)
	db := dbtest.SQLite(t)
	env := &applyEnv{}
	h := newHarness(t, db, withApply(t, db, env))
	caseID, _ := submitOne(t, h, env)
	ctx := b.Tab(t)
	browsertest.Navigate(t, ctx, h.srv.URL+"/anmelden?lang=de")
	setAnswers(t, ctx, formfill.Step{Path: "/anmelden", Values: url.Values{"email": {"sachbearbeitung@bonn.example"}, "passwort": {testPassword}}})
	click(t, ctx, `form[action="/anmelden"] button[type=submit]`)
	for _, p := range []string{"/arbeitsplatz/eingang", "/arbeitsplatz/vorgaenge/" + caseID} {
		browsertest.Navigate(t, ctx, h.srv.URL+p)
		b.Axe(t, ctx)
		b.CheckPage(t, h.srv.URL+p)
	}
	click(t, ctx, `form[action$="/uebernehmen"] button`)
	b.Axe(t, ctx)
	if got := browsertest.Text(t, ctx, "main"); !strings.Contains(got, "Muster") {
		t.Fatal("claimed case page without the application")
	}
	b.CheckPage(t, h.srv.URL+"/arbeitsplatz/vorgaenge/"+caseID)
	// The inbox with counts, after a failed save of the current filter
	// (error summary) and with the saved filter listed.
	browsertest.Navigate(t, ctx, h.srv.URL+"/arbeitsplatz/eingang?ansicht=wartend")
	save := `form[action="/arbeitsplatz/filter"] button[type=submit]`
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(save)))
	if err != nil || resp.Status != 422 {
		t.Fatalf("saving without a name: %v", err)
	}
	b.Axe(t, ctx)
	setAnswers(t, ctx, formfill.Step{Values: url.Values{"filtername": {"Wartende Vorgänge"}}})
	click(t, ctx, save)
	b.Axe(t, ctx)
	if got := browsertest.Text(t, ctx, ".smd-saved-filters"); !strings.Contains(got, "Wartende Vorgänge") {
		t.Fatalf("saved filter not listed: %q", got)
	}
	b.CheckPage(t, h.srv.URL+"/arbeitsplatz/eingang?ansicht=wartend")
}

// A paper application stamped ten days ago goes before an online one
// submitted today; a stamp in the future or a missing name is refused
// with a specific message; the case carries its applicant and an audit
// record, and Potsdam does not see it.
func TestPaperIntake(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		env := &applyEnv{}
		h := newHarness(t, db, withApply(t, db, env))
		_, online := submitOne(t, h, env)
		sb := h.client()
		signIn(h, sb, "sachbearbeitung@bonn.example", testPassword)
		formPage := h.get(sb, "/arbeitsplatz/papierantrag")
		if formPage.status != 200 {
			t.Fatalf("form: %d", formPage.status)
		}
		h.checkHTML(formPage, "de")
		stamp := time.Now().AddDate(0, 0, -10)
		v := url.Values{"leistung": {"einbuergerung"}, "eingang-tag": {strconv.Itoa(stamp.Day())}, "eingang-monat": {strconv.Itoa(int(stamp.Month()))},
			"eingang-jahr": {strconv.Itoa(stamp.Year())}, "given_names": {"Mehmet"}, "family_name": {"Papier"}, "nationality": {"TUR"}}
		future := url.Values{}
		for k, vs := range v {
			future[k] = vs
		}
		future.Set("eingang-jahr", strconv.Itoa(time.Now().Year()+1))
		future.Set("family_name", "")
		bad := h.do(sb, "POST", "/arbeitsplatz/papierantrag", future, nil)
		if bad.status != 422 || !strings.Contains(bad.body, "nicht in der Zukunft") || !strings.Contains(bad.body, "Familienname der antragstellenden Person") {
			t.Fatalf("bad paper form: %d %s", bad.status, errorSummary(bad.body))
		}
		h.checkHTML(bad, "de")
		r := h.do(sb, "POST", "/arbeitsplatz/papierantrag", v, nil)
		if r.status != 303 || !strings.HasPrefix(r.header.Get("Location"), "/arbeitsplatz/vorgaenge/") {
			t.Fatalf("record: %d %s", r.status, errorSummary(r.body))
		}
		inbox := h.get(sb, "/arbeitsplatz/eingang")
		paperAt := strings.Index(inbox.body, "Papierantrag</td>")
		onlineAt := strings.Index(inbox.body, online)
		if paperAt < 0 || onlineAt < 0 || paperAt > onlineAt {
			t.Fatalf("paper application not before the online one (%d, %d)", paperAt, onlineAt)
		}
		var audited int
		if err := db.Read.QueryRow(`SELECT COUNT(*) FROM audit_events WHERE action = 'paper_application_recorded'`).Scan(&audited); err != nil || audited != 1 {
			t.Fatalf("%d audit records (%v)", audited, err)
		}
		potsdam := h.client()
		signIn(h, potsdam, "sachbearbeitung@potsdam.example", testPassword)
		if pr := h.get(potsdam, r.header.Get("Location")); pr.status != 404 {
			t.Fatalf("Potsdam sees the paper case: %d", pr.status)
		}
	})
}

// A team lead assigns a case to a caseworker, who then sees it in full;
// a caseworker may not assign, and nobody can assign to a user of another
// authority.
func TestTeamLeadAssigns(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		env := &applyEnv{}
		h := newHarness(t, db, withApply(t, db, env))
		ctx := context.Background()
		caseID, _ := submitOne(t, h, env)
		lead, sb := h.client(), h.client()
		signIn(h, lead, "leitung@bonn.example", testPassword)
		signIn(h, sb, "sachbearbeitung@bonn.example", testPassword)
		page := "/arbeitsplatz/vorgaenge/" + caseID
		view := h.get(lead, page)
		if !strings.Contains(view.body, `action="`+page+`/zuweisen"`) {
			t.Fatal("team lead has no assign form")
		}
		h.checkHTML(view, "de")
		users := sqlstore.NewUserStore(db)
		cred, err := users.FindCredentials(ctx, "sachbearbeitung@bonn.example")
		if err != nil {
			t.Fatal(err)
		}
		potsdamCred, _ := users.FindCredentials(ctx, "sachbearbeitung@potsdam.example")
		version := pageVersion(t, view.body)
		if r := h.do(sb, "POST", page+"/zuweisen", url.Values{"version": {strconv.Itoa(version)}, "user": {cred.User.ID.String()}}, nil); r.status != 403 {
			t.Fatalf("caseworker assigns: %d", r.status)
		}
		if r := h.do(lead, "POST", page+"/zuweisen", url.Values{"version": {strconv.Itoa(version)}, "user": {potsdamCred.User.ID.String()}}, nil); r.status != 400 {
			t.Fatalf("assign to Potsdam's caseworker: %d", r.status)
		}
		if r := h.do(lead, "POST", page+"/zuweisen", url.Values{"version": {strconv.Itoa(version)}, "user": {cred.User.ID.String()}}, nil); r.status != 303 {
			t.Fatalf("assign: %d", r.status)
		}
		if full := h.get(sb, page); !strings.Contains(full.body, "Muster") {
			t.Fatal("the assigned caseworker does not see the application")
		}
		c, _ := h.cases.CaseByID(ctx, bonn(t, h).ID, mustUUID(t, caseID))
		if c.Assignee != cred.User.ID || c.Status != smd.StatusInReview {
			t.Fatalf("case: %+v", c)
		}
	})
}

// postFiles sends files under the given field names, multipart.
func (h *harness) postFiles(c *http.Client, path string, files map[string][]byte) response {
	h.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for field, content := range files {
		fw, _ := mw.CreateFormFile(field, field+".pdf")
		_, _ = fw.Write(content)
	}
	_ = mw.Close()
	req, _ := http.NewRequest("POST", h.srv.URL+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := c.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return response{status: resp.StatusCode, header: resp.Header, body: string(b)}
}

// The caseworker asks for payslips with a deadline; the applicant sees
// the request under "Meine Anträge" and uploads them (a bad file is
// refused first, nothing stored); the case returns to the caseworker with
// the new document. Nobody else can ask or answer.
func TestDocumentRequestRoundTrip(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		cc := newClaimedCase(t, db)
		h, caseID, page, sb := cc.h, cc.caseID, cc.page, cc.sb
		ctx := context.Background()
		view := h.get(sb, page)
		h.checkHTML(view, "de")
		version := pageVersion(t, view.body)
		deadline := time.Now().AddDate(0, 0, 14)
		req := url.Values{"version": {strconv.Itoa(version)}, "frist-tag": {strconv.Itoa(deadline.Day())},
			"frist-monat": {strconv.Itoa(int(deadline.Month()))}, "frist-jahr": {strconv.Itoa(deadline.Year())}, "nachricht": {"Bitte die letzten drei."}}
		if r := h.do(sb, "POST", page+"/anfordern", req, nil); r.status != 422 || !strings.Contains(r.body, "mindestens eine Unterlage") {
			t.Fatalf("request without documents: %d", r.status)
		}
		req.Set("dokument", "doc.payslips")
		if r := h.do(sb, "POST", page+"/anfordern", req, nil); r.status != 303 {
			t.Fatalf("request: %d %s", r.status, errorSummary(r.body))
		}
		auth := bonn(t, h)
		c, _ := h.cases.CaseByID(ctx, auth.ID, mustUUID(t, caseID))
		if c.Status != smd.StatusWaitingForApplicant {
			t.Fatalf("status %s", c.Status)
		}
		var notices int
		if err := db.Read.QueryRow(`SELECT COUNT(*) FROM river_job WHERE kind = 'case_notice'`).Scan(&notices); err != nil || notices != 1 {
			t.Fatalf("%d notices queued with the request (%v)", notices, err)
		}
		// Potsdam cannot ask.
		potsdam := h.client()
		signIn(h, potsdam, "sachbearbeitung@potsdam.example", testPassword)
		if r := h.do(potsdam, "POST", page+"/anfordern", req, nil); r.status != 404 {
			t.Fatalf("Potsdam requests: %d", r.status)
		}
		// The applicant.
		anna := h.client()
		h.signIn(anna, "anna", "/konto/antraege")
		konto := "/konto/antraege/" + caseID
		kp := h.get(anna, konto)
		if !strings.Contains(kp.body, "bittet um Unterlagen") || !strings.Contains(kp.body, "Bitte die letzten drei.") {
			t.Fatal("the applicant does not see the request")
		}
		h.checkHTML(kp, "de")
		before := len(files(t, cc.env.blobs, auth.ID.String()))
		if r := h.postFiles(anna, konto+"/nachreichen", map[string][]byte{"nachweis-0": {}}); r.status != 422 || !strings.Contains(r.body, "ist leer") {
			t.Fatalf("empty file: %d", r.status)
		}
		if after := len(files(t, cc.env.blobs, auth.ID.String())); after != before {
			t.Fatalf("a refused file was stored (%d → %d)", before, after)
		}
		olena := h.client()
		h.signIn(olena, "olena", "/konto/antraege")
		if r := h.postFiles(olena, konto+"/nachreichen", map[string][]byte{"nachweis-0": samplePDF(3000)}); r.status != 404 {
			t.Fatalf("olena answers anna's request: %d", r.status)
		}
		if r := h.postFiles(anna, konto+"/nachreichen", map[string][]byte{"nachweis-0": samplePDF(3000)}); r.status != 303 {
			t.Fatalf("upload: %d %s", r.status, errorSummary(r.body))
		}
		c, _ = h.cases.CaseByID(ctx, auth.ID, c.ID)
		if c.Status != smd.StatusInReview || c.Assignee == uuid.Nil {
			t.Fatalf("after the upload: %s, assignee %s", c.Status, c.Assignee)
		}
		full := h.get(sb, page)
		if !strings.Contains(full.body, "nachweis-0.pdf") || !strings.Contains(full.body, "Unterlagen eingegangen") {
			t.Fatal("the caseworker does not see the new document")
		}
		if kp := h.get(anna, konto); strings.Contains(kp.body, "bittet um Unterlagen") || !strings.Contains(kp.body, "Unterlagen eingegangen") {
			t.Fatal("the applicant's page does not show the answered request")
		}
	})
}

// Notes stay internal; suspension needs a reason and can be resumed; an
// empty note is refused; only the caseworker who has the case acts.
func TestNotesAndSuspension(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		cc := newClaimedCase(t, db)
		h, caseID, page, sb := cc.h, cc.caseID, cc.page, cc.sb
		ctx := context.Background()
		lead := h.client()
		signIn(h, lead, "leitung@bonn.example", testPassword)
		v := func() string { return cc.version(t, sb) }
		if r := h.do(sb, "POST", page+"/notiz", url.Values{"version": {v()}, "text": {"  "}}, nil); r.status != 422 {
			t.Fatalf("empty note: %d", r.status)
		}
		if r := h.do(lead, "POST", page+"/notiz", url.Values{"version": {v()}, "text": {"Von der Leitung"}}, nil); r.status != 403 {
			t.Fatalf("note by someone without the case: %d", r.status)
		}
		if r := h.do(sb, "POST", page+"/notiz", url.Values{"version": {v()}, "text": {"Pass läuft bald ab, nachfragen."}}, nil); r.status != 303 {
			t.Fatalf("note: %d", r.status)
		}
		if r := h.do(sb, "POST", page+"/ruhen", url.Values{"version": {v()}, "grund": {"Strafverfahren abwarten"}}, nil); r.status != 303 {
			t.Fatalf("suspend: %d", r.status)
		}
		c, _ := h.cases.CaseByID(ctx, bonn(t, h).ID, mustUUID(t, caseID))
		if c.Status != smd.StatusSuspended {
			t.Fatalf("status %s", c.Status)
		}
		full := h.get(sb, page)
		if !strings.Contains(full.body, "Pass läuft bald ab") || !strings.Contains(full.body, "Strafverfahren abwarten") || !strings.Contains(full.body, "Bearbeitung fortsetzen") {
			t.Fatal("notes or resume form missing")
		}
		h.checkHTML(full, "de")
		if r := h.do(sb, "POST", page+"/fortsetzen", url.Values{"version": {v()}, "grund": {"Verfahren eingestellt"}}, nil); r.status != 303 {
			t.Fatalf("resume: %d", r.status)
		}
		c, _ = h.cases.CaseByID(ctx, c.AuthorityID, c.ID)
		if c.Status != smd.StatusInReview {
			t.Fatalf("status after resume %s", c.Status)
		}
		// The applicant sees that processing rested, never the notes.
		anna := h.client()
		h.signIn(anna, "anna", "/konto/antraege")
		kp := h.get(anna, "/konto/antraege/"+caseID)
		if strings.Contains(kp.body, "Pass läuft bald ab") || strings.Contains(kp.body, "Strafverfahren") || !strings.Contains(kp.body, "Bearbeitung ruht") {
			t.Fatal("applicant's page: internal text shown or suspension not told")
		}
	})
}

// The legal basis is suggested from the application and set by the
// caseworker; the checklist then shows the rules engine's pre-assessment
// per item, and each confirmation or override is recorded with the user.
func TestGuidedProcessing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		cc := newClaimedCase(t, db)
		h, caseID, page, sb := cc.h, cc.caseID, cc.page, cc.sb
		ctx := context.Background()
		v := func() string { return cc.version(t, sb) }
		first := h.get(sb, page)
		if !regexp.MustCompile(`id="basis-stag10" name="basis" value="stag10" checked`).MatchString(first.body) || !strings.Contains(first.body, "Legen Sie zuerst die Rechtsgrundlage fest") {
			t.Fatal("§ 10 StAG not suggested, or checklist shown before a basis is set")
		}
		if r := h.do(sb, "POST", page+"/rechtsgrundlage", url.Values{"version": {v()}, "basis": {"18b"}}, nil); r.status != 400 {
			t.Fatalf("a basis of another service: %d", r.status)
		}
		if r := h.do(sb, "POST", page+"/rechtsgrundlage", url.Values{"version": {v()}, "basis": {"stag10"}}, nil); r.status != 303 {
			t.Fatalf("set basis: %d", r.status)
		}
		withList := h.get(sb, page)
		items := regexp.MustCompile(`name="item" value="([^"]+)"`).FindAllStringSubmatch(withList.body, -1)
		if len(items) < 4 {
			t.Fatalf("%d checklist items", len(items))
		}
		h.checkHTML(withList, "de")
		if r := h.do(sb, "POST", page+"/pruefpunkt", url.Values{"version": {v()}, "item": {items[0][1]}, "decision": {"confirm"}}, nil); r.status != 303 {
			t.Fatalf("confirm: %d", r.status)
		}
		override := url.Values{"version": {v()}, "item": {items[2][1]}, "decision": {"override"}, "status": {"not_met"}, "begruendung": {""}}
		if r := h.do(sb, "POST", page+"/pruefpunkt", override, nil); r.status != 422 {
			t.Fatalf("override without reason: %d", r.status)
		}
		override.Set("begruendung", "Zertifikat ist gefälscht.")
		override.Set("version", v())
		if r := h.do(sb, "POST", page+"/pruefpunkt", override, nil); r.status != 303 {
			t.Fatalf("override: %d", r.status)
		}
		after := h.get(sb, page)
		if !strings.Contains(after.body, "Vorbewertung bestätigt am") || !strings.Contains(after.body, "Zertifikat ist gefälscht.") {
			t.Fatal("decisions not shown")
		}
		auth := bonn(t, h)
		cred, _ := sqlstore.NewUserStore(db).FindCredentials(ctx, "sachbearbeitung@bonn.example")
		actions, _ := h.cases.ListActions(ctx, auth.ID, mustUUID(t, caseID))
		var recorded int
		for _, a := range actions {
			if (a.Name == smd.ActChecklistItemConfirmed || a.Name == smd.ActChecklistItemOverridden || a.Name == smd.ActLegalBasisSet) && a.Actor.ID == cred.User.ID.String() {
				recorded++
			}
		}
		if recorded != 3 {
			t.Fatalf("%d recorded steps with the user", recorded)
		}
		potsdam := h.client()
		signIn(h, potsdam, "sachbearbeitung@potsdam.example", testPassword)
		if r := h.do(potsdam, "POST", page+"/pruefpunkt", url.Values{"version": {v()}, "item": {items[1][1]}, "decision": {"confirm"}}, nil); r.status != 404 {
			t.Fatalf("Potsdam confirms: %d", r.status)
		}
		if r := h.do(sb, "POST", page+"/rechtsgrundlage", url.Values{"version": {v()}, "basis": {""}}, nil); r.status != 303 {
			t.Fatalf("reset: %d", r.status)
		}
		if !strings.Contains(h.get(sb, page).body, "Legen Sie zuerst die Rechtsgrundlage fest") {
			t.Fatal("checklist still shown after the reset")
		}
	})
}

// With four eyes (the demo authorities' setting) the caseworker proposes,
// a team lead approves, and only then is the case decided and the
// Bescheid filed; nobody approves their own proposal; a refusal needs
// reasons.
func TestDecisionWithFourEyes(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		cc := newClaimedCase(t, db)
		h, caseID, page, sb := cc.h, cc.caseID, cc.page, cc.sb
		ctx := context.Background()
		number := cc.number
		lead := h.client()
		signIn(h, lead, "leitung@bonn.example", testPassword)
		v := func(c *http.Client) string { return cc.version(t, c) }
		if r := h.do(sb, "POST", page+"/entscheidung", url.Values{"version": {v(sb)}, "ergebnis": {"refused"}}, nil); r.status != 422 {
			t.Fatalf("refusal without reasons: %d", r.status)
		}
		if r := h.do(sb, "POST", page+"/entscheidung", url.Values{"version": {v(sb)}, "ergebnis": {"refused"},
			"begruendung_entscheidung": {"Der Lebensunterhalt ist nicht gesichert."}}, nil); r.status != 303 {
			t.Fatalf("propose: %d", r.status)
		}
		auth := bonn(t, h)
		c, _ := h.cases.CaseByID(ctx, auth.ID, mustUUID(t, caseID))
		if c.Status != smd.StatusDecisionProposed {
			t.Fatalf("status %s", c.Status)
		}
		if r := h.do(sb, "POST", page+"/freigabe", url.Values{"version": {v(sb)}, "freigabe": {"approve"}}, nil); r.status != 403 {
			t.Fatalf("the proposer approves: %d", r.status)
		}
		leadView := h.get(lead, page)
		if !strings.Contains(leadView.body, "Der Lebensunterhalt ist nicht gesichert.") || !strings.Contains(leadView.body, "Freigeben") {
			t.Fatal("the team lead does not see the proposal")
		}
		h.checkHTML(leadView, "de")
		if r := h.do(lead, "POST", page+"/freigabe", url.Values{"version": {v(lead)}, "freigabe": {"approve"}}, nil); r.status != 303 {
			t.Fatalf("approve: %d", r.status)
		}
		c, _ = h.cases.CaseByID(ctx, auth.ID, c.ID)
		if c.Status != smd.StatusDecided {
			t.Fatalf("after approval: %s", c.Status)
		}
		docs, _ := sqlstore.NewDocumentStore(db).ListDocuments(ctx, auth.ID, c.ID)
		var letter *smd.Document
		for _, d := range docs {
			if d.Category == "letter.bescheid" {
				letter = d
			}
		}
		if h.handler.(*web.Server).Receipts != nil {
			if letter == nil || letter.Filename != "Bescheid-"+number+".pdf" {
				t.Fatalf("no Bescheid filed: %+v", docs)
			}
			r := h.get(sb, page+"/dokumente/"+letter.ID.String())
			if r.status != 200 || !strings.HasPrefix(r.body, "%PDF-") {
				t.Fatalf("Bescheid download: %d", r.status)
			}
		}
		// A team lead cannot approve a proposal of their own.
		caseID2, _ := submitOne(t, h, cc.env)
		page2 := "/arbeitsplatz/vorgaenge/" + caseID2
		h.do(lead, "POST", page2+"/uebernehmen", url.Values{"version": {"1"}}, nil)
		v2 := func() string { return strconv.Itoa(pageVersion(t, h.get(lead, page2).body)) }
		h.do(lead, "POST", page2+"/entscheidung", url.Values{"version": {v2()}, "ergebnis": {"granted"}}, nil)
		if r := h.do(lead, "POST", page2+"/freigabe", url.Values{"version": {v2()}, "freigabe": {"approve"}}, nil); r.status != 403 {
			t.Fatalf("self-approval: %d", r.status)
		}
	})
}

// After a granted naturalisation the steps in person are tasks with a
// day: the certificate can be recorded as handed over only after the
// declaration of allegiance; then the case is closed and archived.
func TestOfflineTasksAndClosing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		cc := newClaimedCase(t, db)
		h, caseID, page, sb := cc.h, cc.caseID, cc.page, cc.sb
		ctx := context.Background()
		lead := h.client()
		signIn(h, lead, "leitung@bonn.example", testPassword)
		v := func() string { return cc.version(t, sb) }
		h.do(sb, "POST", page+"/entscheidung", url.Values{"version": {v()}, "ergebnis": {"granted"}}, nil)
		h.do(lead, "POST", page+"/freigabe", url.Values{"version": {v()}, "freigabe": {"approve"}}, nil)
		auth := bonn(t, h)
		c, _ := h.cases.CaseByID(ctx, auth.ID, mustUUID(t, caseID))
		if c.Status != smd.StatusWaitingForAppointment {
			t.Fatalf("after a granted decision: %s", c.Status)
		}
		today := time.Now()
		task := func(name string, day time.Time) response {
			f := "am-" + name
			return h.do(sb, "POST", page+"/aufgabe", url.Values{"version": {v()}, "aufgabe": {name},
				f + "-tag": {strconv.Itoa(day.Day())}, f + "-monat": {strconv.Itoa(int(day.Month()))}, f + "-jahr": {strconv.Itoa(day.Year())}}, nil)
		}
		view := h.get(sb, page)
		if !strings.Contains(view.body, "Feierliches Bekenntnis") {
			t.Fatal("no offline tasks on the page")
		}
		h.checkHTML(view, "de")
		if r := task("certificate_handed_over", today); r.status != 422 || !strings.Contains(r.body, "Erst nach den vorherigen Schritten") {
			t.Fatalf("certificate before the declaration: %d", r.status)
		}
		if r := task("originals_inspected", today.AddDate(0, 0, 2)); r.status != 422 {
			t.Fatalf("a day in the future: %d", r.status)
		}
		for _, n := range []string{"originals_inspected", "declaration_of_allegiance_made", "certificate_handed_over"} {
			if r := task(n, today); r.status != 303 {
				t.Fatalf("%s: %d", n, r.status)
			}
		}
		for _, step := range []string{"abschliessen", "archivieren"} {
			if r := h.do(sb, "POST", page+"/"+step, url.Values{"version": {v()}}, nil); r.status != 303 {
				t.Fatalf("%s: %d", step, r.status)
			}
		}
		c, _ = h.cases.CaseByID(ctx, auth.ID, c.ID)
		if c.Status != smd.StatusArchived {
			t.Fatalf("final status %s", c.Status)
		}
		anna := h.client()
		h.signIn(anna, "anna", "/konto/antraege")
		kp := h.get(anna, "/konto/antraege/"+caseID)
		for _, want := range []string{"Feierliches Bekenntnis abgegeben", "Einbürgerungsurkunde ausgehändigt", "Entscheidung getroffen"} {
			if !strings.Contains(kp.body, want) {
				t.Errorf("the applicant does not see %q", want)
			}
		}
	})
}

// A document can be marked as checked, or asked for again from its row.
func TestDocumentRowActions(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		cc := newClaimedCase(t, db)
		h, caseID, page, sb := cc.h, cc.caseID, cc.page, cc.sb
		ctx := context.Background()
		view := h.get(sb, page)
		h.checkHTML(view, "de")
		mark := regexp.MustCompile(`action="(/arbeitsplatz/vorgaenge/[^"]+/dokumente/[^"]+/geprueft)"`).FindStringSubmatch(view.body)
		if mark == nil {
			t.Fatal("no mark-as-checked form")
		}
		if r := h.do(sb, "POST", mark[1], url.Values{"version": {strconv.Itoa(pageVersion(t, view.body))}}, nil); r.status != 303 {
			t.Fatalf("mark: %d", r.status)
		}
		view = h.get(sb, page)
		if !strings.Contains(view.body, "geprüft am") {
			t.Fatal("checked state not shown")
		}
		deadline := time.Now().AddDate(0, 0, 14)
		again := url.Values{"version": {strconv.Itoa(pageVersion(t, view.body))}, "dokument": {"doc.passport"}, "frist-tag": {strconv.Itoa(deadline.Day())},
			"frist-monat": {strconv.Itoa(int(deadline.Month()))}, "frist-jahr": {strconv.Itoa(deadline.Year())}, "nachricht": {"Bitte erneut."}}
		if r := h.do(sb, "POST", page+"/anfordern", again, nil); r.status != 303 {
			t.Fatalf("request again: %d", r.status)
		}
		c, _ := h.cases.CaseByID(ctx, bonn(t, h).ID, mustUUID(t, caseID))
		if c.Status != smd.StatusWaitingForApplicant {
			t.Fatalf("status %s", c.Status)
		}
	})
}

// queueCase creates a case of the authority with slug and takes it
// through the actions, each with its payload, as the given user: the
// inbox tests need cases in many states without the applicant's pages.
func queueCase(t *testing.T, h *harness, slug string, user uuid.UUID, steps ...string) *smd.Case {
	t.Helper()
	ctx := context.Background()
	a, err := h.auths.AuthorityBySlug(ctx, slug)
	if err != nil {
		t.Fatal(err)
	}
	c := &smd.Case{AuthorityID: a.ID, Service: smd.ServiceEinbuergerung, Channel: smd.ChannelOnline}
	if err := h.cases.CreateCase(ctx, c, &smd.Action{Name: smd.ActSubmitted, Actor: smd.SystemActor}); err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(steps); i += 2 {
		a := &smd.Action{Name: smd.ActionName(steps[i]), Actor: smd.Actor{Kind: smd.ActorUser, ID: user.String()}}
		if steps[i+1] != "" {
			a.Payload = []byte(steps[i+1])
		}
		if c, err = h.cases.AppendAction(ctx, c.AuthorityID, c.ID, c.Version, a); err != nil {
			t.Fatalf("%s: %v", steps[i], err)
		}
	}
	return c
}

func staffID(t *testing.T, h *harness, email string) uuid.UUID {
	t.Helper()
	cred, err := sqlstore.NewUserStore(h.db).FindCredentials(context.Background(), email)
	if err != nil {
		t.Fatal(err)
	}
	return cred.User.ID
}

// The views "wartend" and "überfällig" list the right cases and show the
// deadline; the counts above the list are the authority's own, each a
// link to its view; an unknown view is a bad request.
func TestQueueViewsAndCounts(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		h := newHarness(t, db)
		me := staffID(t, h, "sachbearbeitung@bonn.example")
		past := time.Now().AddDate(0, 0, -2).Format(time.DateOnly) // past in Germany whatever the host's zone
		later := time.Now().AddDate(0, 0, 14).Format(time.DateOnly)
		request := func(deadline string) string {
			return `{"documents":["doc.payslips"],"deadline":"` + deadline + `"}`
		}
		late := queueCase(t, h, "bonn", me, "claimed", "", "document_requested", request(past))
		soon := queueCase(t, h, "bonn", me, "claimed", "", "document_requested", request(later))
		agencies := queueCase(t, h, "bonn", me, "claimed", "", "participation_sent", "")
		fresh := queueCase(t, h, "bonn", me)
		pdID := staffID(t, h, "sachbearbeitung@potsdam.example")
		for range 2 {
			queueCase(t, h, "potsdam", pdID, "claimed", "", "document_requested", request(past))
		}
		sb := h.client()
		signIn(h, sb, "sachbearbeitung@bonn.example", testPassword)
		has := func(body string, cases ...*smd.Case) bool {
			for _, c := range cases {
				if !strings.Contains(body, ">"+c.Number+"<") {
					return false
				}
			}
			return true
		}
		overdue := h.get(sb, "/arbeitsplatz/eingang?ansicht=ueberfaellig")
		if overdue.status != 200 || !has(overdue.body, late) || has(overdue.body, soon) || has(overdue.body, fresh) {
			t.Fatalf("overdue view: %d", overdue.status)
		}
		if !strings.Contains(overdue.body, ">überfällig<") || !strings.Contains(overdue.body, `<option value="ueberfaellig" selected>`) {
			t.Fatal("overdue case not marked, or the view not selected in the form")
		}
		h.checkHTML(overdue, "de")
		waiting := h.get(sb, "/arbeitsplatz/eingang?ansicht=wartend")
		if !has(waiting.body, late, soon, agencies) || has(waiting.body, fresh) || !strings.Contains(waiting.body, "3 Vorgänge") {
			t.Fatal("waiting view")
		}
		// The order link keeps the view.
		if !strings.Contains(waiting.body, `href="/arbeitsplatz/eingang?ansicht=wartend&amp;reihenfolge=neueste"`) {
			t.Fatal("the sort link drops the view")
		}
		for _, bad := range []string{"ansicht=alles", "bearbeitung=andere", "reihenfolge=zufall", "status=submitted&status=closed"} {
			if r := h.get(sb, "/arbeitsplatz/eingang?"+bad); r.status != 400 {
				t.Errorf("%s: %d", bad, r.status)
			}
		}
		// Counts: Bonn's own, linked to their views.
		inbox := h.get(sb, "/arbeitsplatz/eingang")
		for _, want := range []string{
			`<a class="kern-link" href="/arbeitsplatz/eingang?ansicht=ueberfaellig">Überfällig: <strong>1</strong></a>`,
			`<a class="kern-link" href="/arbeitsplatz/eingang?status=waiting_for_applicant">Wartet auf Unterlagen: <strong>2</strong></a>`,
			`<a class="kern-link" href="/arbeitsplatz/eingang?status=waiting_for_agencies">Wartet auf andere Behörden: <strong>1</strong></a>`,
			`<a class="kern-link" href="/arbeitsplatz/eingang?status=submitted">Eingegangen: <strong>1</strong></a>`,
		} {
			if !strings.Contains(inbox.body, want) {
				t.Errorf("inbox lacks %s", want)
			}
		}
		h.checkHTML(inbox, "de")
		if r := h.get(sb, "/arbeitsplatz/eingang?status=submitted"); !strings.Contains(r.body, `href="/arbeitsplatz/eingang?status=submitted" aria-current="true"`) {
			t.Error("the current count is not marked")
		}
		if r := h.get(sb, "/arbeitsplatz/eingang?ansicht=ueberfaellig&lang=en"); !strings.Contains(r.body, "Overdue: <strong>1</strong>") || !strings.Contains(r.body, ">overdue<") {
			t.Error("English inbox")
		}
		potsdam := h.client()
		signIn(h, potsdam, "sachbearbeitung@potsdam.example", testPassword)
		pr := h.get(potsdam, "/arbeitsplatz/eingang?ansicht=ueberfaellig")
		if !strings.Contains(pr.body, "Überfällig: <strong>2</strong>") || has(pr.body, late) || strings.Contains(pr.body, "Eingegangen:") {
			t.Fatal("Potsdam's counts or list include Bonn's cases")
		}
	})
}

// claimedCase is the start of most workbench tests: an application
// submitted by anna to Bonn, and Bonn's caseworker signed in with the case
// claimed.
type claimedCase struct {
	h      *harness
	env    *applyEnv
	caseID string
	number string
	page   string
	sb     *http.Client
}

func newClaimedCase(t *testing.T, db *sqlstore.DB) *claimedCase {
	t.Helper()
	c := &claimedCase{env: &applyEnv{}}
	c.h = newHarness(t, db, withApply(t, db, c.env))
	c.caseID, c.number = submitOne(t, c.h, c.env)
	c.page = "/arbeitsplatz/vorgaenge/" + c.caseID
	c.sb = c.h.client()
	signIn(c.h, c.sb, "sachbearbeitung@bonn.example", testPassword)
	if r := c.h.do(c.sb, "POST", c.page+"/uebernehmen", url.Values{"version": {"1"}}, nil); r.status != http.StatusSeeOther {
		t.Fatalf("claim: %d", r.status)
	}
	return c
}

// version is the case version the page of client cl shows now.
func (c *claimedCase) version(t *testing.T, cl *http.Client) string {
	t.Helper()
	return strconv.Itoa(pageVersion(t, c.h.get(cl, c.page).body))
}
