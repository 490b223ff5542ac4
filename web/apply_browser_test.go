package web_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/apply"
	"github.com/smd-oss/smd/internal/browsertest"
	"github.com/smd-oss/smd/internal/dbtest"
	"github.com/smd-oss/smd/internal/formfill"
	"github.com/smd-oss/smd/sqlstore"
)

// click clicks the element and waits for the page it leads to; the page
// must not be an error.
func click(t *testing.T, ctx context.Context, selector string) {
	t.Helper()
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(selector)))
	if err != nil {
		t.Fatalf("click %s: %v", selector, err)
	}
	if resp.Status >= 400 {
		summary, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector('.smd-error-summary')||document.body).innerText`))
		t.Fatalf("click %s: HTTP %d: %s", selector, resp.Status, summary)
	}
}

// setAnswers puts a step's answers into the page's form fields.
func setAnswers(t *testing.T, ctx context.Context, s formfill.Step) {
	t.Helper()
	vals := map[string]string{}
	for k := range s.Values {
		if k != "action" {
			vals[k] = s.Values.Get(k)
		}
	}
	b, _ := json.Marshal(vals)
	missing, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => {
	  const vals = `+string(b)+`, missing = [];
	  for (const [name, v] of Object.entries(vals)) {
	    const els = document.querySelectorAll('[name="' + name + '"]');
	    if (!els.length) { missing.push(name); continue; }
	    for (const el of els) {
	      if (el.type === 'radio') { el.checked = el.value === v; }
	      else if (el.type === 'checkbox') { el.checked = v === el.value; }
	      else { el.value = v; }
	    }
	  }
	  return missing;
	})()`))
	if err != nil || len(missing) > 0 {
		t.Fatalf("%s: fields %v not on the page (%v)", s.Path, missing, err)
	}
}

// walkInBrowser answers the steps in the browser, page by page, with axe
// on each page before and after it is filled in.
func walkInBrowser(t *testing.T, b *browsertest.Browser, ctx context.Context, base string, steps []formfill.Step) {
	t.Helper()
	for _, s := range steps {
		browsertest.Navigate(t, ctx, base+s.Path)
		b.Axe(t, ctx)
		switch {
		case s.Values.Get("action") == "":
			// A group's list: "Weiter".
			click(t, ctx, `form[action$="`+s.Path+`"] button[type=submit]`)
		case strings.HasSuffix(s.Path, "/documents"):
			click(t, ctx, `button[name=action][value=continue]`)
		default:
			setAnswers(t, ctx, s)
			click(t, ctx, `button[name=action][value=continue]`)
		}
	}
}

// uploadInBrowser uploads files with the native file input.
func uploadInBrowser(t *testing.T, b *browsertest.Browser, ctx context.Context, base string, files map[string]string) {
	t.Helper()
	cats := make([]string, 0, len(files))
	for c := range files {
		cats = append(cats, c)
	}
	sort.Strings(cats)
	for _, cat := range cats {
		browsertest.Navigate(t, ctx, base+"/documents")
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`input[name=kategorie][value="`+cat+`"]`)),
			chromedp.SetUploadFiles(chromedp.CSS(`#datei`), []string{files[cat]})); err != nil {
			t.Fatal(err)
		}
		click(t, ctx, `button[name=action][value=upload]`)
		b.Axe(t, ctx)
	}
}

func writeFile(t *testing.T, name string, content []byte) string {
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, content, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// draftBaseOf is the draft's address from a page address.
func draftBaseOf(t *testing.T, ctx context.Context) string {
	t.Helper()
	loc, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname`))
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.SplitN(strings.TrimPrefix(loc, "/"), "/", 4)
	if len(parts) < 3 {
		t.Fatalf("not on a draft page: %s", loc)
	}
	return "/" + strings.Join(parts[:3], "/")
}

// fetchStatus downloads url in the page (with its cookies) and returns
// "status content-type".
func fetchStatus(t *testing.T, ctx context.Context, url string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`fetch(`+jsQuote(url)+`).then(r => r.status + " " + r.headers.get("content-type"))`,
		func(p *runtime.EvaluateParams) { yes := true; p.AwaitPromise = &yes }))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func jsQuote(s string) string { b, _ := json.Marshal(s); return string(b) }

func signInBrowser(t *testing.T, ctx context.Context, srv, person, next string) {
	t.Helper()
	browsertest.Navigate(t, ctx, srv+"/bundid/anmelden?next="+next)
	click(t, ctx, `form button[type=submit]`)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#person-`+person))); err != nil {
		t.Fatal(err)
	}
	click(t, ctx, `form button[type=submit]`)
	// The simulator's response form (posted by a button without JavaScript).
	click(t, ctx, `form button[type=submit]`)
}

// As a new user would: sign in through the simulator, run the
// Quick-Check, start the naturalisation application, add a spouse and a
// child, upload documents, leave, come back in English, finish, submit,
// download the receipt; the case exists once at Bonn with every answer
// and file.
func TestBrowserApplyNaturalisation(t *testing.T) {
	b := browsertest.New(t)
	db := dbtest.SQLite(t)
	env := &applyEnv{}
	h := newHarness(t, db, withApply(t, db, env))
	ctx := b.Tab(t)
	signInBrowser(t, ctx, h.srv.URL, "anna", "/einbuergerung/quick-check")
	// The Quick-Check: a few answers, then the link into the application.
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`a.kern-btn`))); err != nil {
		t.Fatal(err)
	}
	for _, a := range []browserAnswer{{question: "geburtsdatum", date: [3]string{"3", "2", "1990"}},
		{question: "aufenthaltsstatus", radio: "niederlassungserlaubnis"}} {
		answerInBrowser(t, b, ctx, a)
	}
	browsertest.Navigate(t, ctx, h.srv.URL+"/einbuergerung/quick-check/ergebnis")
	click(t, ctx, `a[href="/einbuergerung/antrag"]`)
	b.Axe(t, ctx)
	click(t, ctx, `form[action="/einbuergerung/antrag"] button`)
	base := draftBaseOf(t, ctx)
	b.Axe(t, ctx) // the task list
	steps, answers := formfill.Steps(env.forms["einbuergerung"], time.Now(), formfill.Options{Items: map[string]int{"children": 1}})
	half := len(steps) / 2
	walkInBrowser(t, b, ctx, h.srv.URL+base, steps[:half])
	// An error state on the way: a page sent empty.
	browsertest.Navigate(t, ctx, h.srv.URL+base+"/livelihood/income")
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector('#net_income').value = ''`)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`button[name=action][value=continue]`))); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`.smd-error-summary`))); err != nil {
		t.Fatal(err)
	}
	b.Axe(t, ctx)
	uploadInBrowser(t, b, ctx, h.srv.URL+base, map[string]string{
		"doc.passport":          writeFile(t, "pass.pdf", samplePDF(100<<10)),
		"doc.birth_certificate": writeFile(t, "geburtsurkunde.pdf", samplePDF(100<<10)),
		"doc.residence_permit":  writeFile(t, "aufenthaltstitel.png", samplePNG),
	})
	// Leave, and come back in English through "My applications".
	browsertest.Navigate(t, ctx, h.srv.URL+"/")
	browsertest.Navigate(t, ctx, h.srv.URL+"/konto/antraege?lang=en")
	b.Axe(t, ctx)
	click(t, ctx, `a[href="`+base+`"]`)
	if lang := browsertest.Attr(t, ctx, "html", "lang"); lang != "en" {
		t.Fatalf("language after coming back: %s", lang)
	}
	b.CheckPage(t, h.srv.URL+base)
	walkInBrowser(t, b, ctx, h.srv.URL+base, steps[half:])
	browsertest.Navigate(t, ctx, h.srv.URL+base+"/pruefen")
	b.Axe(t, ctx)
	b.CheckPage(t, h.srv.URL+base+"/pruefen")
	click(t, ctx, `form[action$="/absenden"] button`)
	b.Axe(t, ctx)
	number := browsertest.Text(t, ctx, ".smd-panel__number")
	receipt := browsertest.Attr(t, ctx, "a[download]", "href")
	if got := fetchStatus(t, ctx, receipt); got != "200 application/pdf" {
		t.Fatalf("receipt download: %s", got)
	}
	// The back button does not submit again.
	if err := chromedp.Do(ctx, chromedp.NavigateBack()); err != nil {
		t.Fatal(err)
	}
	browsertest.Navigate(t, ctx, h.srv.URL+base+"/pruefen")
	if got := browsertest.Text(t, ctx, "h1"); !strings.Contains(got, "already") {
		t.Errorf("after submit the check page says %q", got)
	}
	b.Axe(t, ctx)
	// Once at Bonn, with every answer and file.
	checkStoredCase(t, h, db, env, number, "bonn", smd.ChannelOnline, answers.Values, 3)
	browsertest.Navigate(t, ctx, h.srv.URL+"/konto/antraege")
	b.Axe(t, ctx)
	click(t, ctx, `a[href^="/konto/antraege/"]`)
	b.Axe(t, ctx)
	b.CheckPage(t, h.srv.URL+"/konto/antraege")
}

// checkStoredCase asserts that exactly one case exists, at the authority,
// with the channel, the answers and the number of files.
func checkStoredCase(t *testing.T, h *harness, db *sqlstore.DB, env *applyEnv, number, slug string, ch smd.Channel, want map[string]string, files int) {
	t.Helper()
	ctx := context.Background()
	if n := countCases(t, db); n != 1 {
		t.Fatalf("%d cases", n)
	}
	auth, err := h.auths.AuthorityBySlug(ctx, slug)
	if err != nil {
		t.Fatal(err)
	}
	c, err := h.cases.CaseByNumber(ctx, auth.ID, number)
	if err != nil {
		t.Fatalf("case %s not at %s: %v", number, slug, err)
	}
	if c.Channel != ch {
		t.Errorf("channel %s, want %s", c.Channel, ch)
	}
	app, err := sqlstore.NewApplicationStore(db).ApplicationByCase(ctx, auth.ID, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	var sub apply.Submitted
	if err := json.Unmarshal(app.Data, &sub); err != nil {
		t.Fatal(err)
	}
	for id, v := range want {
		if sub.Answers.Values[id] != v {
			t.Errorf("answer %s = %q, want %q", id, sub.Answers.Values[id], v)
		}
	}
	docs, err := sqlstore.NewDocumentStore(db).ListDocuments(ctx, auth.ID, c.ID)
	if err != nil || len(docs) != files {
		t.Fatalf("%d documents, want %d (%v)", len(docs), files, err)
	}
	for _, d := range docs {
		rc, err := env.svc.Files.Open(ctx, auth.ID, d.BlobKey)
		if err != nil {
			t.Fatalf("file %s: %v", d.Filename, err)
		}
		rc.Close()
	}
}

// The Verpflichtungserklärung through the Kurzantrag, as a new user: the
// Quick-Check first, then the short path, which asks only what BundID
// and the Quick-Check did not already say; the case reaches Dresden once,
// with the channel KURZ_ANTRAG.
func TestBrowserApplyKurzantragObligation(t *testing.T) {
	b := browsertest.New(t)
	db := dbtest.SQLite(t)
	env := &applyEnv{}
	h := newHarness(t, db, withApply(t, db, env))
	ctx := b.Tab(t)
	signInBrowser(t, ctx, h.srv.URL, "olena", "/verpflichtungserklaerung/quick-check?lang=uk")
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`a.kern-btn`))); err != nil {
		t.Fatal(err)
	}
	for _, a := range []browserAnswer{{question: "status", radio: "niederlassungserlaubnis"}, {question: "einkommen", text: "3200"},
		{question: "unterhalt", text: "1"}, {question: "gaeste", text: "1"}, {question: "kinder", text: "0"}} {
		answerInBrowser(t, b, ctx, a)
	}
	click(t, ctx, `a[href="/verpflichtungserklaerung/antrag"]`)
	click(t, ctx, `a[href="/verpflichtungserklaerung/kurzantrag"]`)
	b.Axe(t, ctx)
	click(t, ctx, `form[action="/verpflichtungserklaerung/kurzantrag"] button`)
	base := draftBaseOf(t, ctx)
	steps, answers := formfill.Steps(env.forms["verpflichtungserklaerung"], time.Now(), formfill.Options{
		Items: map[string]int{"guests": 1}, Values: map[string]string{"postal_code": "01067", "city": "Dresden",
			"street_address": "Theaterstraße 2", "given_names": "Olena", "family_name": "Kovalenko", "birth_date": "1985-11-20",
			"birth_place": "Kyjiw", "nationality": "UKR", "email": "olena.k@example.org", "ve_net_income": "3200.00"}})
	byPath := map[string]formfill.Step{}
	for _, s := range steps {
		byPath[s.Path] = s
	}
	var visited []string
	guests := 0
	for range 60 {
		here, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname`))
		rel := strings.TrimPrefix(here, base)
		if rel == "/pruefen" {
			break
		}
		visited = append(visited, rel)
		b.Axe(t, ctx)
		switch {
		case rel == "/guests" && guests == 0:
			guests++
			click(t, ctx, `#group-add`)
		case rel == "/guests":
			click(t, ctx, `form[action$="/guests"] button[type=submit]`)
		case rel == "/documents":
			if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`input[name=kategorie][value="doc.passport"]`)),
				chromedp.SetUploadFiles(chromedp.CSS(`#datei`), []string{writeFile(t, "pasport.pdf", samplePDF(50<<10))})); err != nil {
				t.Fatal(err)
			}
			click(t, ctx, `button[name=action][value=upload]`)
			click(t, ctx, `button[name=action][value=continue]`)
		default:
			s, ok := byPath[rel]
			if !ok {
				t.Fatalf("unexpected page %s", rel)
			}
			setAnswers(t, ctx, s)
			click(t, ctx, `button[name=action][value=continue]`)
		}
	}
	for _, known := range []string{"/person/name", "/contact/address", "/obligor_status/obligor_status", "/income/ve_income"} {
		for _, v := range visited {
			if v == known {
				t.Errorf("the Kurzantrag asked %s, which BundID or the Quick-Check already answered", known)
			}
		}
	}
	b.Axe(t, ctx)
	click(t, ctx, `form[action$="/absenden"] button`)
	b.Axe(t, ctx)
	number := browsertest.Text(t, ctx, ".smd-panel__number")
	// What was typed on the pages asked, and what BundID and the
	// Quick-Check said.
	want := map[string]string{"given_names": "Olena", "family_name": "Kovalenko", "postal_code": "01067",
		"obligor_status": "niederlassungserlaubnis", "ve_net_income": "3200.00", "dependants": "1"}
	for _, rel := range visited {
		for k := range byPath[rel].Values {
			k = strings.TrimSuffix(k, "-tag")
			if v, ok := answers.Values[k]; ok {
				want[k] = v
			}
		}
	}
	checkStoredCase(t, h, db, env, number, "dresden", smd.ChannelKurzAntrag, want, 1)
}
