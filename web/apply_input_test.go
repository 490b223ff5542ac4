package web_test

import (
	"context"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/apply"
	"github.com/smd-oss/smd/i18n"
	"github.com/smd-oss/smd/internal/dbtest"
	"github.com/smd-oss/smd/internal/formfill"
	"github.com/smd-oss/smd/internal/hostile"
	"github.com/smd-oss/smd/sqlstore"
)

func countCases(t *testing.T, db *sqlstore.DB) int {
	var n int
	if err := db.Read.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM cases`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// Bad input is refused with a specific message and changes nothing:
// absurd lengths, control characters, impossible dates, and uploads that
// are empty, too large, of a forbidden type or lying about their type.
func TestApplyRefusesBadInput(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		env := &applyEnv{}
		h := newHarness(t, db, withApply(t, db, env))
		c := h.client()
		h.signIn(c, "anna", "/einbuergerung/antrag")
		base, _ := h.startDraft(c, smd.ServiceEinbuergerung, false)
		version := pageVersion(t, h.get(c, base).body)
		post := func(path string, v url.Values) response {
			v.Set("version", strconv.Itoa(version))
			v.Set("action", "continue")
			return h.do(c, "POST", base+path, v, nil)
		}
		cases := []struct {
			name, path string
			form       url.Values
			want       string
		}{
			{"absurd length", "/person/name", url.Values{"given_names": {strings.Repeat("A", 10000)}, "family_name": {"Muster"}}, "höchstens 100 Zeichen"},
			{"control character", "/person/name", url.Values{"given_names": {"An\x00na"}, "family_name": {"Muster"}}, "Steuerzeichen"},
			{"bidi override", "/person/name", url.Values{"given_names": {"Anna"}, "family_name": {"Mus\u202eter"}}, "Steuerzeichen"},
			{"missing", "/person/name", url.Values{"given_names": {""}, "family_name": {"Muster"}}, "Machen Sie eine Angabe bei „Vornamen“"},
			{"impossible date", "/person/birth", url.Values{"birth_date-tag": {"31"}, "birth_date-monat": {"2"}, "birth_date-jahr": {"1990"},
				"birth_place": {"Izmir"}, "birth_country": {"TUR"}}, "muss ein echtes Datum sein"},
			{"future birth", "/person/birth", url.Values{"birth_date-tag": {"1"}, "birth_date-monat": {"1"}, "birth_date-jahr": {"2100"},
				"birth_place": {"Izmir"}, "birth_country": {"TUR"}}, "in der Vergangenheit"},
			{"unknown country", "/person/birth", url.Values{"birth_date-tag": {"1"}, "birth_date-monat": {"1"}, "birth_date-jahr": {"1990"},
				"birth_place": {"Izmir"}, "birth_country": {"ZZZ"}}, "Wählen Sie bei „Geburtsland“"},
			{"postal code", "/contact/address", url.Values{"street_address": {"Weg 1"}, "postal_code": {"5311"}, "city": {"Bonn"}}, "5 Ziffern"},
			{"money", "/livelihood/income", url.Values{"net_income": {"viel"}}, "Betrag in Euro"},
		}
		for _, tc := range cases {
			r := post(tc.path, tc.form)
			if r.status != 422 || !strings.Contains(r.body, tc.want) || !strings.Contains(r.body, "<title>Fehler: ") {
				t.Errorf("%s: %d, want 422 with %q; summary %s", tc.name, r.status, tc.want, errorSummary(r.body))
				continue
			}
			h.checkHTML(r, "de")
		}
		if v := pageVersion(t, h.get(c, base).body); v != version {
			t.Fatalf("refused input changed the draft: version %d → %d", version, v)
		}
		// Uploads.
		exe := append([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"), make([]byte, 200)...)
		uploads := []struct {
			name, cat, file string
			body            []byte
			want            string
		}{
			{"empty", "doc.passport", "pass.pdf", nil, "ist leer"},
			{"too large", "doc.passport", "pass.pdf", samplePDF(250 << 10), "größer als"},
			{"forbidden type", "doc.passport", "pass.pdf", exe, "kein PDF, JPEG oder PNG"},
			{"lying type", "doc.passport", "pass.pdf", samplePNG, "passt nicht zum Inhalt"},
			{"unknown category", "doc.nonsense", "pass.pdf", samplePDF(2000), "welcher Nachweis"},
			// Past the gate, the document checks refuse what nobody could open safely.
			{"password", "doc.passport", "pass.pdf", hostile.LockedPDF(), "mit einem Kennwort geschützt"},
			{"JavaScript", "doc.passport", "pass.pdf", hostile.JavaScriptPDF(), "aktive Inhalte"},
			{"10,000 pages", "doc.passport", "pass.pdf", hostile.Pages(10000), "zu viele Seiten"},
			{"pixel bomb", "doc.passport", "pass.png", hostile.PNGHeader(50000, 50000), "nicht sicher öffnen"},
			{"broken PDF", "doc.passport", "pass.pdf", hostile.OnePage(3000)[:1500], "beschädigt oder unvollständig"},
		}
		for _, u := range uploads {
			r := h.uploadFile(c, base, version, u.cat, u.file, u.body)
			if r.status != 422 || !strings.Contains(r.body, u.want) {
				t.Errorf("upload %s: %d, want 422 with %q; %s", u.name, r.status, u.want, errorSummary(r.body))
				continue
			}
			h.checkHTML(r, "de")
		}
		if left := files(t, env.blobs, ""); len(left) != 0 {
			t.Fatalf("refused uploads left files: %v", left)
		}
		// A body far over the limit is a 413 page, nothing stored.
		if r := h.uploadFile(c, base, version, "doc.passport", "big.pdf", samplePDF(2<<20)); r.status != 413 {
			t.Errorf("huge upload: %d", r.status)
		}
		// A stale version (another tab saved meanwhile) keeps the input and says so.
		ok := post("/person/name", url.Values{"given_names": {"Anna"}, "family_name": {"Muster"}})
		if ok.status != 303 {
			t.Fatalf("valid answer: %d", ok.status)
		}
		stale := post("/person/name", url.Values{"given_names": {"Annabel"}, "family_name": {"Muster"}})
		if stale.status != 409 || !strings.Contains(stale.body, `value="Annabel"`) || !strings.Contains(stale.body, "anderen Fenster") {
			t.Errorf("stale save: %d", stale.status)
		}
		// Addresses that do not exist.
		for _, p := range []string{base + "/nope/nope", base + "/person/nope", "/einbuergerung/antrag/not-a-uuid", base + "/children/5/child_name", base + "/person/1/name"} {
			if r := h.get(c, p); r.status != 404 {
				t.Errorf("GET %s: %d", p, r.status)
			}
		}
	})
}

// The Kurzantrag asks only what is missing: BundID attributes and the
// answers of an earlier application fill the rest; the case carries the
// channel KURZ_ANTRAG. A service that needs a higher BundID level sends the
// applicant back to sign in.
func TestApplyKurzantrag(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		env := &applyEnv{}
		h := newHarness(t, db, withApply(t, db, env))
		ctx := context.Background()
		c := h.client()
		h.signIn(c, "karim", "/aufenthaltstitel/kurzantrag")
		// Karim signed in at "substantiell": naturalisation needs "hoch".
		if r := h.do(c, "POST", "/einbuergerung/antrag", url.Values{}, nil); r.status != 303 ||
			!strings.Contains(r.header.Get("Location"), "leistung=einbuergerung") {
			t.Fatalf("low level start: %d %s", r.status, r.header.Get("Location"))
		}
		page := h.get(c, "/aufenthaltstitel/kurzantrag")
		h.checkHTML(page, "de")
		base, r := h.startDraft(c, smd.ServiceAufenthaltstitel, true)
		// Name and address are known from BundID; the birth place is not.
		if loc := r.header.Get("Location"); loc != base+"/person/birth" {
			t.Fatalf("first missing page: %s", loc)
		}
		version := pageVersion(t, h.get(c, base).body)
		steps, _ := formfill.Steps(env.forms["aufenthaltstitel"], time.Now(), formfill.Options{Values: map[string]string{"postal_code": "14467", "city": "Potsdam"}})
		version = h.walk(c, base, version, steps)
		if r := h.do(c, "POST", base+"/absenden", url.Values{"version": {strconv.Itoa(version)}}, nil); r.status != 303 {
			t.Fatalf("submit: %d %s", r.status, errorSummary(r.body))
		}
		potsdam, _ := h.auths.AuthorityBySlug(ctx, "potsdam")
		var channel string
		if err := db.Read.QueryRowContext(ctx, `SELECT channel FROM cases WHERE authority_id = $1`, potsdam.ID).Scan(&channel); err != nil || channel != "KURZ_ANTRAG" {
			t.Fatalf("case at Potsdam: %q %v", channel, err)
		}
		// A second Kurzantrag takes over what the first application said
		// beyond BundID (the phone number).
		base2, _ := h.startDraft(c, smd.ServiceAufenthaltstitel, true)
		d, err := env.svc.Load(ctx, apply.Owner("SIM-BPK2-KARIM-0003"), mustUUID(t, base2[strings.LastIndexByte(base2, '/')+1:]))
		if err != nil {
			t.Fatal(err)
		}
		if d.Data.Answers.Values["phone"] != "0228 123456" || d.Data.Prefilled["phone"] != "earlier" {
			t.Fatalf("earlier application not used: %q %q", d.Data.Answers.Values["phone"], d.Data.Prefilled["phone"])
		}
		if !d.Data.Answers.Done["person"] || !d.Data.Answers.Done["contact"] {
			t.Fatal("complete pre-filled sections are not done")
		}
	})
}

// A postal code no authority of the deployment serves gets a clear page;
// nothing is created and the draft stays. Concurrent submissions of one
// draft give one case.
func TestApplyRoutingAndConcurrentSubmit(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		env := &applyEnv{}
		h := newHarness(t, db, withApply(t, db, env))
		c := h.client()
		h.signIn(c, "anna", "/einbuergerung/antrag")
		base, _ := h.startDraft(c, smd.ServiceEinbuergerung, false)
		version := pageVersion(t, h.get(c, base).body)
		steps, _ := formfill.Steps(env.forms["einbuergerung"], time.Now(), formfill.Options{Values: map[string]string{"postal_code": "99999"}})
		version = h.walk(c, base, version, steps)
		r := h.do(c, "POST", base+"/absenden", url.Values{"version": {strconv.Itoa(version)}}, nil)
		if r.status != 422 || !strings.Contains(r.body, "99999") {
			t.Fatalf("no authority: %d", r.status)
		}
		h.checkHTML(r, "de")
		if n := countCases(t, db); n != 0 {
			t.Fatalf("%d cases", n)
		}
		fix := h.do(c, "POST", base+"/contact/address", url.Values{"version": {strconv.Itoa(version)}, "action": {"continue"},
			"street_address": {"Berliner Platz 5"}, "postal_code": {"53111"}, "city": {"Bonn"}}, nil)
		if fix.status != 303 {
			t.Fatalf("fix address: %d", fix.status)
		}
		version++
		var wg sync.WaitGroup
		statuses := make([]int, 20)
		for i := range statuses {
			wg.Add(1)
			go func() {
				defer wg.Done()
				statuses[i] = h.do(c, "POST", base+"/absenden", url.Values{"version": {strconv.Itoa(version)}}, nil).status
			}()
		}
		wg.Wait()
		for i, s := range statuses {
			if s != 303 {
				t.Errorf("submit %d: %d", i, s)
			}
		}
		if n := countCases(t, db); n != 1 {
			t.Fatalf("%d cases after 20 concurrent submits", n)
		}
	})
}

var leakedKey = regexp.MustCompile(`\b(form|apply|konto|receipt)\.[a-z_]+\.[a-z_.]+\b`)

// Every page of the application renders in every portal language with
// its texts (no message key shows through), passes the static checks and
// carries the language and direction.
func TestApplyPagesInEveryLanguage(t *testing.T) {
	db := dbtest.SQLite(t)
	env := &applyEnv{}
	h := newHarness(t, db, withApply(t, db, env))
	c := h.client()
	h.signIn(c, "anna", "/einbuergerung/antrag")
	base, _ := h.startDraft(c, smd.ServiceEinbuergerung, false)
	version := pageVersion(t, h.get(c, base).body)
	steps, _ := formfill.Steps(env.forms["einbuergerung"], time.Now(), formfill.Options{Items: map[string]int{"children": 1, "stays_abroad": 1}})
	version = h.walk(c, base, version, steps)
	// A second application, submitted, for the confirmation and the case page.
	base2, _ := h.startDraft(c, smd.ServiceEinbuergerung, false)
	v2 := h.walk(c, base2, pageVersion(t, h.get(c, base2).body), steps)
	if r := h.do(c, "POST", base2+"/absenden", url.Values{"version": {strconv.Itoa(v2)}}, nil); r.status != 303 {
		t.Fatalf("submit: %d", r.status)
	}
	var caseID string
	if err := db.Read.QueryRow(`SELECT id FROM cases`).Scan(&caseID); err != nil {
		t.Fatal(err)
	}
	pages := []string{"/einbuergerung/antrag", "/einbuergerung/kurzantrag", base, base2 + "/eingegangen", "/konto/antraege/" + caseID}
	for _, s := range steps {
		if s.Values.Get("action") != "" || strings.HasSuffix(s.Path, "/documents") {
			pages = append(pages, base+s.Path)
		}
	}
	pages = append(pages, base+"/children", base+"/pruefen", "/konto/antraege")
	for _, l := range i18n.Languages {
		for _, p := range pages {
			r := h.get(c, p+"?lang="+l.Code)
			if r.status != 200 {
				t.Fatalf("%s in %s: %d", p, l.Code, r.status)
			}
			if !strings.Contains(r.body, `<html lang="`+l.Code+`" dir="`+l.Dir+`"`) {
				t.Errorf("%s in %s: wrong <html>", p, l.Code)
			}
			if k := leakedKey.FindString(r.body); k != "" {
				t.Errorf("%s in %s shows the message key %s", p, l.Code, k)
			}
			h.checkHTML(r, l.Code)
		}
	}
}

// An answer sent after the session ended gets a clear page with the way
// back, not a silent redirect; GET pages lead to the sign-in.
func TestApplySessionExpired(t *testing.T) {
	db := dbtest.SQLite(t)
	env := &applyEnv{}
	h := newHarness(t, db, withApply(t, db, env))
	c := h.client()
	h.signIn(c, "anna", "/einbuergerung/antrag")
	base, _ := h.startDraft(c, smd.ServiceEinbuergerung, false)
	stranger := h.client()
	r := h.do(stranger, "POST", base+"/person/name", url.Values{"version": {"2"}, "given_names": {"Anna"}}, nil)
	if r.status != 401 || !strings.Contains(r.body, "Sitzung abgelaufen") || !strings.Contains(r.body, "/bundid/anmelden?") {
		t.Fatalf("POST without session: %d", r.status)
	}
	h.checkHTML(r, "de")
	if g := h.get(stranger, base+"/person/name"); g.status != 303 || !strings.HasPrefix(g.header.Get("Location"), "/bundid/anmelden?") {
		t.Fatalf("GET without session: %d", g.status)
	}
}
