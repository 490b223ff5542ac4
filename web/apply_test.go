package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"mime/multipart"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/apply"
	"github.com/smd-oss/smd/blob"
	"github.com/smd-oss/smd/bundid"
	"github.com/smd-oss/smd/doccheck"
	"github.com/smd-oss/smd/form"
	"github.com/smd-oss/smd/internal/dbtest"
	"github.com/smd-oss/smd/internal/formfill"
	"github.com/smd-oss/smd/internal/hostile"
	"github.com/smd-oss/smd/jobs"
	"github.com/smd-oss/smd/pdf"
	"github.com/smd-oss/smd/rules"
	"github.com/smd-oss/smd/sqlstore"
	"github.com/smd-oss/smd/upload"
	"github.com/smd-oss/smd/vault"
	"github.com/smd-oss/smd/web"
	"image"
	"image/png"
)

// applyEnv is the application service of a test, with its blob folder.
type applyEnv struct {
	svc   *apply.Service
	blobs string
	forms map[string]*form.Definition
}

// withApply wires BundID and the application service as serve does, on a
// blob folder the test can inspect.
func withApply(t testing.TB, db *sqlstore.DB, env *applyEnv) func(d *web.Deps, base string) {
	return func(d *web.Deps, base string) {
		withBundID(t.(*testing.T), db)(d, base)
		env.blobs = t.TempDir()
		blobs, err := blob.OpenDir(env.blobs)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { blobs.Close() })
		master := bytes.Repeat([]byte{7}, 32)
		ring, _ := vault.NewRing(master, sqlstore.NewKeyStore(db))
		draftRing, _ := vault.NewRing(master, sqlstore.NewDraftKeyStore(db))
		forms, err := form.Load()
		if err != nil {
			t.Fatal(err)
		}
		env.forms = forms
		law, _ := rules.Load()
		queue, err := jobs.New(db, jobs.Options{})
		if err != nil {
			t.Fatal(err)
		}
		env.svc = &apply.Service{Tx: db, Drafts: sqlstore.NewDraftStore(db), Cases: sqlstore.NewCaseStore(db),
			Persons: sqlstore.NewPersonStore(db), Documents: sqlstore.NewDocumentStore(db), Applications: sqlstore.NewApplicationStore(db),
			Authorities: sqlstore.NewAuthorityStore(db), Audit: sqlstore.NewAuditStore(db), Jobs: queue,
			Files: &vault.Store{Blobs: blobs, Ring: ring}, DraftFiles: &vault.Store{Blobs: blobs, Ring: draftRing},
			Forms: forms, Law: law, Now: time.Now, DraftTTL: 30 * 24 * time.Hour, MaxUploads: 10}
		d.Apply = env.svc
		d.DocumentChecks = sqlstore.NewDocumentCheckStore(db)
		d.Checker = doccheck.New()
		d.BundIDLevels = map[smd.Service]bundid.Level{smd.ServiceEinbuergerung: bundid.LevelHigh,
			smd.ServiceAufenthaltstitel: bundid.LevelSubstantial, smd.ServiceVerpflichtungserklaerung: bundid.LevelHigh}
		d.UploadLimits = upload.Limits{MaxBytes: 200 << 10}
		if reg, bold, ok := pdf.FindFont(); ok {
			r, err := pdf.NewFallback(reg, bold)
			if err != nil {
				t.Fatal(err)
			}
			d.Receipts = r
		}
		d.ApplicationsOpen = true
	}
}

// signIn signs c in through the simulator as a demo person.
func (h *harness) signIn(c *http.Client, person, next string) {
	h.t.Helper()
	start := h.get(c, "/bundid/anmelden?next="+url.QueryEscape(next))
	f := fields(start.body)
	f.Set("person", person)
	sim := h.do(c, "POST", "/dev/bundid/sso", f, nil)
	acs := h.do(c, "POST", "/bundid/acs", fields(sim.body), map[string]string{"Sec-Fetch-Site": "cross-site"})
	if acs.status != 303 {
		h.t.Fatalf("sign-in as %s: %d", person, acs.status)
	}
}

var versionRe = regexp.MustCompile(`name="version" value="(\d+)"`)

func pageVersion(t testing.TB, body string) int {
	m := versionRe.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no version on page")
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// startDraft starts an application and returns the draft's address and version.
func (h *harness) startDraft(c *http.Client, svc smd.Service, kurz bool) (string, response) {
	h.t.Helper()
	path := "/" + string(svc) + "/antrag"
	if kurz {
		path = "/" + string(svc) + "/kurzantrag"
	}
	r := h.do(c, "POST", path, url.Values{}, nil)
	if r.status != 303 {
		h.t.Fatalf("start %s: %d %s", path, r.status, r.body)
	}
	loc := r.header.Get("Location")
	parts := strings.SplitN(strings.TrimPrefix(loc, "/"), "/", 4)
	return "/" + strings.Join(parts[:3], "/"), r
}

// walk posts the steps, following the version, and fails on any answer
// other than a redirect.
func (h *harness) walk(c *http.Client, base string, version int, steps []formfill.Step) int {
	h.t.Helper()
	for _, s := range steps {
		v := url.Values{}
		for k, vs := range s.Values {
			v[k] = vs
		}
		v.Set("version", strconv.Itoa(version))
		r := h.do(c, "POST", base+s.Path, v, nil)
		if r.status != 303 {
			h.t.Fatalf("POST %s: %d\n%s", s.Path, r.status, errorSummary(r.body))
		}
		version++
	}
	return version
}

var summaryRe = regexp.MustCompile(`(?s)<div class="kern-alert__body" role="alert">(.*?)</div>`)

func errorSummary(body string) string {
	if m := summaryRe.FindStringSubmatch(body); m != nil {
		return m[1]
	}
	if len(body) > 400 {
		return body[:400]
	}
	return body
}

// uploadFile posts one file to the upload page.
func (h *harness) uploadFile(c *http.Client, base string, version int, category, name string, content []byte) response {
	h.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	_ = mw.WriteField("version", strconv.Itoa(version))
	_ = mw.WriteField("action", "upload")
	_ = mw.WriteField("kategorie", category)
	fw, _ := mw.CreateFormFile("datei", name)
	_, _ = fw.Write(content)
	_ = mw.Close()
	req, _ := http.NewRequest("POST", h.srv.URL+base+"/documents", &buf)
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

// samplePDF is a small valid one-page PDF of about n bytes.
func samplePDF(n int) []byte { return hostile.OnePage(n) }

// samplePNG is a valid 1 × 1 PNG (a broken one is refused by the checks).
var samplePNG = func() []byte {
	var b bytes.Buffer
	_ = png.Encode(&b, image.NewGray(image.Rect(0, 0, 1, 1)))
	return b.Bytes()
}()

// files lists the blob files under a folder of the store.
func files(t testing.TB, root, prefix string) []string {
	var out []string
	_ = filepath.WalkDir(filepath.Join(root, prefix), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			out = append(out, p)
		}
		return nil
	})
	return out
}

func bonn(t testing.TB, h *harness) *smd.Authority {
	a, err := h.auths.AuthorityBySlug(context.Background(), "bonn")
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// The whole Einbürgerung over HTTP: BundID sign-in, pre-filled answers,
// a spouse and a child, two uploads, check answers, a double submit, the
// confirmation, the receipt, "Meine Anträge"; one case at Bonn with every
// answer and file, the draft and its uploads gone, another applicant
// locked out of all of it.
func TestApplyNaturalisationHTTP(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		env := &applyEnv{}
		h := newHarness(t, db, withApply(t, db, env))
		ctx := context.Background()
		c := h.client()
		// The start page asks for BundID first.
		start := h.get(c, "/einbuergerung/antrag")
		if start.status != 200 || !strings.Contains(start.body, "/bundid/anmelden?") {
			t.Fatalf("start signed out: %d", start.status)
		}
		h.checkHTML(start, "de")
		h.signIn(c, "anna", "/einbuergerung/antrag")
		start = h.get(c, "/einbuergerung/antrag")
		h.checkHTML(start, "de")
		base, _ := h.startDraft(c, smd.ServiceEinbuergerung, false)
		tasks := h.get(c, base)
		if tasks.status != 200 || !strings.Contains(tasks.body, "Nicht begonnen") {
			t.Fatalf("task list: %d", tasks.status)
		}
		h.checkHTML(tasks, "de")
		name := h.get(c, base+"/person/name")
		if !strings.Contains(name.body, `value="Anna"`) || !strings.Contains(name.body, "Übernommen") {
			t.Fatalf("BundID attributes not pre-filled")
		}
		h.checkHTML(name, "de")
		for _, p := range []string{"/person/birth", "/contact/address", "/spouse/spouse_included", "/livelihood/occupation", "/declarations/declarations_nat"} {
			r := h.get(c, base+p)
			if r.status != 200 {
				t.Fatalf("GET %s: %d", p, r.status)
			}
			h.checkHTML(r, "de")
		}
		version := pageVersion(t, tasks.body)
		steps, answers := formfill.Steps(env.forms["einbuergerung"], time.Now(), formfill.Options{Items: map[string]int{"children": 1}})
		// Answer everything but the documents and declarations first.
		docAt := -1
		for i, s := range steps {
			if s.Path == "/documents" {
				docAt = i
			}
		}
		version = h.walk(c, base, version, steps[:docAt])
		group := h.get(c, base+"/children")
		if !strings.Contains(group.body, "Elif Muster") {
			t.Fatal("child not listed")
		}
		h.checkHTML(group, "de")
		docs := h.get(c, base+"/documents")
		h.checkHTML(docs, "de")
		for _, u := range []struct {
			cat, name string
			body      []byte
		}{
			{"doc.passport", "pass.pdf", samplePDF(100 << 10)}, {"doc.birth_certificate", "geburtsurkunde.png", samplePNG}} {
			if r := h.uploadFile(c, base, version, u.cat, u.name, u.body); r.status != 303 {
				t.Fatalf("upload %s: %d %s", u.name, r.status, errorSummary(r.body))
			}
			version++
		}
		docs = h.get(c, base+"/documents")
		if !strings.Contains(docs.body, "pass.pdf") || !strings.Contains(docs.body, "geburtsurkunde.png") {
			t.Fatal("uploads not listed")
		}
		h.checkHTML(docs, "de")
		version = h.walk(c, base, version, steps[docAt:])
		check := h.get(c, base+"/pruefen")
		if check.status != 200 || !strings.Contains(check.body, "Antrag verbindlich absenden") || !strings.Contains(check.body, "Bonn") {
			t.Fatalf("check answers: %d %s", check.status, errorSummary(check.body))
		}
		h.checkHTML(check, "de")
		// A double click: two submits, one case.
		sub := url.Values{"version": {strconv.Itoa(version)}}
		first := h.do(c, "POST", base+"/absenden", sub, nil)
		second := h.do(c, "POST", base+"/absenden", sub, nil)
		if first.status != 303 || second.status != 303 || first.header.Get("Location") != base+"/eingegangen" || second.header.Get("Location") != base+"/eingegangen" {
			t.Fatalf("submit: %d %d", first.status, second.status)
		}
		done := h.get(c, base+"/eingegangen")
		h.checkHTML(done, "de")
		number := regexp.MustCompile(`BN-\d{4}-\d{5}`).FindString(done.body)
		if done.status != 200 || number == "" {
			t.Fatalf("confirmation: %d", done.status)
		}
		// Back button on the check page: "already sent".
		if back := h.get(c, base+"/pruefen"); !strings.Contains(back.body, "bereits gesendet") {
			t.Fatal("back after submit does not say already sent")
		}
		// Exactly one case, at Bonn, with every answer and file.
		auth := bonn(t, h)
		var n int
		if err := db.Read.QueryRowContext(ctx, `SELECT COUNT(*) FROM cases`).Scan(&n); err != nil || n != 1 {
			t.Fatalf("%d cases (%v)", n, err)
		}
		cs, err := h.cases.CaseByNumber(ctx, auth.ID, number)
		if err != nil || cs.Channel != smd.ChannelOnline || cs.Status != smd.StatusSubmitted {
			t.Fatalf("case: %+v %v", cs, err)
		}
		app, err := sqlstore.NewApplicationStore(db).ApplicationByCase(ctx, auth.ID, cs.ID)
		if err != nil {
			t.Fatal(err)
		}
		var stored apply.Submitted
		_ = json.Unmarshal(app.Data, &stored)
		for id, v := range answers.Values {
			if stored.Answers.Values[id] != v {
				t.Errorf("answer %s = %q, want %q", id, stored.Answers.Values[id], v)
			}
		}
		if len(stored.Answers.Groups["children"]) != 1 {
			t.Error("child missing from the application")
		}
		docsList, _ := sqlstore.NewDocumentStore(db).ListDocuments(ctx, auth.ID, cs.ID)
		persons, _ := sqlstore.NewPersonStore(db).ListPersons(ctx, auth.ID, cs.ID)
		if len(docsList) != 2 || len(persons) != 3 {
			t.Fatalf("%d documents, %d persons", len(docsList), len(persons))
		}
		rc, err := env.svc.Files.Open(ctx, auth.ID, docsList[0].BlobKey)
		if err != nil {
			t.Fatal(err)
		}
		content, _ := io.ReadAll(rc)
		rc.Close()
		if !bytes.Equal(content, samplePDF(100<<10)) {
			t.Fatal("stored passport differs from the upload")
		}
		if left := files(t, env.blobs, apply.DraftNamespace.String()); len(left) != 0 {
			t.Fatalf("draft uploads left behind: %v", left)
		}
		var jobsN int
		if err := db.Read.QueryRowContext(ctx, `SELECT COUNT(*) FROM river_job WHERE kind = 'receipt_mail'`).Scan(&jobsN); err != nil || jobsN != 1 {
			t.Fatalf("%d receipt jobs (%v)", jobsN, err)
		}
		// The receipt and "Meine Anträge".
		if env.svc != nil && h.handler.(*web.Server).Receipts != nil {
			pdfResp := h.get(c, "/konto/antraege/"+cs.ID.String()+"/eingangsbestaetigung.pdf")
			if pdfResp.status != 200 || !strings.HasPrefix(pdfResp.body, "%PDF-") {
				t.Fatalf("receipt: %d", pdfResp.status)
			}
		}
		konto := h.get(c, "/konto/antraege")
		if !strings.Contains(konto.body, number) || !strings.Contains(konto.body, "Eingegangen") {
			t.Fatal("case not in Meine Anträge")
		}
		h.checkHTML(konto, "de")
		detail := h.get(c, "/konto/antraege/"+cs.ID.String())
		if !strings.Contains(detail.body, "Antrag eingegangen") {
			t.Fatal("history missing")
		}
		h.checkHTML(detail, "de")
		// Another applicant sees none of it.
		other := h.client()
		h.signIn(other, "olena", "/konto/antraege")
		for _, p := range []string{base, base + "/pruefen", base + "/eingegangen", "/konto/antraege/" + cs.ID.String(),
			"/konto/antraege/" + cs.ID.String() + "/eingangsbestaetigung.pdf"} {
			if r := h.get(other, p); r.status != 404 {
				t.Errorf("olena GET %s: %d", p, r.status)
			}
		}
		if r := h.do(other, "POST", base+"/absenden", sub, nil); r.status != 404 {
			t.Errorf("olena submits anna's draft: %d", r.status)
		}
		// A draft of anna's that is not submitted: olena can neither read
		// nor write it, by any address.
		open, _ := h.startDraft(c, smd.ServiceEinbuergerung, false)
		v := url.Values{"version": {"2"}, "action": {"continue"}, "given_names": {"Olena"}, "family_name": {"X"}}
		for _, p := range []string{open + "/person/name", open + "/children", open + "/children/1/entfernen", open + "/loeschen", open + "/absenden"} {
			if r := h.do(other, "POST", p, v, nil); r.status != 404 {
				t.Errorf("olena POST %s: %d", p, r.status)
			}
		}
		if r := h.uploadFile(other, open, 2, "doc.passport", "x.pdf", samplePDF(2000)); r.status != 404 {
			t.Errorf("olena uploads into anna's draft: %d", r.status)
		}
		if d, err := env.svc.Load(ctx, apply.Owner("SIM-BPK2-ANNA-0001"), mustUUID(t, open[strings.LastIndexByte(open, '/')+1:])); err != nil ||
			d.Version != 2 || d.Data.Answers.Values["given_names"] != "Anna" {
			t.Fatalf("anna's draft changed by olena: %v", err)
		}
	})
}

func mustUUID(t testing.TB, s string) uuid.UUID {
	id, err := uuid.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return id
}
