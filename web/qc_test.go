package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/smd-oss/smd/i18n"
	"github.com/smd-oss/smd/internal/dbtest"
)

type httpClient struct{ *http.Client }

type step struct {
	path string
	form url.Values
}

// walk answers the questions in order and checks that each answer leads
// to the next page given.
func walk(t *testing.T, h *harness, c *httpClient, steps []step) {
	t.Helper()
	for _, s := range steps {
		page := h.get(c.Client, s.path)
		if page.status != 200 {
			t.Fatalf("GET %s: %d", s.path, page.status)
		}
		h.checkHTML(page, "de")
		r := h.do(c.Client, "POST", s.path, s.form, nil)
		if r.status != 303 {
			t.Fatalf("POST %s: %d %s", s.path, r.status, r.body[:min(len(r.body), 300)])
		}
	}
}

func TestQuickCheckNaturalisationPages(t *testing.T) {
	h := newHarness(t, dbtest.SQLite(t))
	c := &httpClient{h.client()}
	base := "/einbuergerung/quick-check"
	if r := h.get(c.Client, base); r.status != 200 || !strings.Contains(r.body, base+"/geburtsdatum") {
		t.Fatalf("start page: %d", r.status)
	}
	walk(t, h, c, []step{
		{base + "/geburtsdatum", url.Values{"geburtsdatum-tag": {"3"}, "geburtsdatum-monat": {"2"}, "geburtsdatum-jahr": {"1990"}}},
		{base + "/aufenthaltsstatus", url.Values{"aufenthaltsstatus": {"aufenthaltserlaubnis"}}},
		{base + "/paragraf", url.Values{"paragraf": {"18b"}}},
		{base + "/aufenthalt-seit", url.Values{"aufenthalt-seit-tag": {"1"}, "aufenthalt-seit-monat": {"3"}, "aufenthalt-seit-jahr": {"2018"}}},
		{base + "/ehe", url.Values{"ehe": {"nein"}}},
		{base + "/pass", url.Values{"pass": {"passport"}}},
		{base + "/leistungen", url.Values{"leistungen": {"nein"}}},
		{base + "/deutsch", url.Values{"deutsch": {"B1"}}},
		{base + "/test", url.Values{"test": {"ja"}}},
		{base + "/strafen", url.Values{"strafen": {"keine"}}},
		{base + "/bekenntnis", url.Values{"bekenntnis": {"ja"}}},
		{base + "/mehrehe", url.Values{"mehrehe": {"nein"}}},
	})
	r := h.get(c.Client, base+"/ergebnis")
	if r.status != 200 || !strings.Contains(r.body, "voraussichtlich") || !strings.Contains(r.body, "255 EUR") || !strings.Contains(r.body, "§ 10 Abs. 1 S. 1 StAG") {
		t.Fatalf("result: %d", r.status)
	}
	h.checkHTML(r, "de")
	// The answers survive a language switch.
	r = h.get(c.Client, base+"/ergebnis?lang=ar")
	if !strings.Contains(r.body, `dir="rtl"`) || !strings.Contains(r.body, "kern-badge--success") || strings.Contains(r.body, "kern-badge--danger") {
		t.Fatal("result in Arabic lost the answers")
	}
	h.checkHTML(r, "ar")
	// And the back button: a question page shows the stored answer.
	if r := h.get(c.Client, base+"/deutsch?lang=de"); !strings.Contains(r.body, `value="B1" checked`) {
		t.Fatal("stored answer not shown")
	}
	// Changing one answer changes the result: no test, so not yet.
	h.do(c.Client, "POST", base+"/test", url.Values{"test": {"nein"}}, nil)
	if r := h.get(c.Client, base+"/ergebnis"); !strings.Contains(r.body, "noch nicht alle") {
		t.Fatal("changed answer not used")
	}
	// Restart forgets everything.
	h.do(c.Client, "POST", base+"/neu", url.Values{}, nil)
	if r := h.get(c.Client, base+"/ergebnis"); !strings.Contains(r.body, "unklar") {
		t.Fatal("answers kept after restart")
	}
}

func TestQuickCheckBranchesAndExits(t *testing.T) {
	h := newHarness(t, dbtest.SQLite(t))
	c := h.client()
	base := "/einbuergerung/quick-check"
	// A settlement permit skips the section question.
	r := h.do(c, "POST", base+"/aufenthaltsstatus", url.Values{"aufenthaltsstatus": {"niederlassungserlaubnis"}}, nil)
	if r.header.Get("Location") != base+"/aufenthalt-seit" {
		t.Fatalf("after settlement permit: %s", r.header.Get("Location"))
	}
	// A Duldung leads to the exit page, which offers to change the answer.
	r = h.do(c, "POST", base+"/aufenthaltsstatus", url.Values{"aufenthaltsstatus": {"duldung"}}, nil)
	exit := r.header.Get("Location")
	if !strings.HasPrefix(exit, base+"/hinweis/status") {
		t.Fatalf("after Duldung: %s", exit)
	}
	page := h.get(c, exit)
	if page.status != 200 || !strings.Contains(page.body, "nicht möglich") || !strings.Contains(page.body, base+"/aufenthaltsstatus") {
		t.Fatalf("exit page: %d", page.status)
	}
	h.checkHTML(page, "de")
	// No benefits: the exceptions question is skipped.
	r = h.do(c, "POST", base+"/leistungen", url.Values{"leistungen": {"nein"}}, nil)
	if r.header.Get("Location") != base+"/deutsch" {
		t.Fatalf("after no benefits: %s", r.header.Get("Location"))
	}
	r = h.do(c, "POST", base+"/leistungen", url.Values{"leistungen": {"ja"}}, nil)
	if r.header.Get("Location") != base+"/ausnahme" {
		t.Fatalf("after benefits: %s", r.header.Get("Location"))
	}
	// Unknown questions and exits are 404.
	for _, p := range []string{base + "/gibtsnicht", base + "/hinweis/gibtsnicht?frage=pass", "/visum/quick-check"} {
		if r := h.get(c, p); r.status != 404 {
			t.Errorf("%s: %d", p, r.status)
		}
	}
}

func TestQuickCheckQuestionErrors(t *testing.T) {
	h := newHarness(t, dbtest.SQLite(t))
	c := h.client()
	base := "/einbuergerung/quick-check"
	cases := []struct {
		path string
		form url.Values
		want string
	}{
		{base + "/pass", url.Values{}, "Wählen Sie eine Antwort aus"},
		{base + "/pass", url.Values{"pass": {"erfunden"}}, "Wählen Sie eine Antwort aus"},
		{base + "/geburtsdatum", url.Values{}, "Geben Sie das Datum ein"},
		{base + "/geburtsdatum", url.Values{"geburtsdatum-tag": {"30"}, "geburtsdatum-monat": {"2"}, "geburtsdatum-jahr": {"2026"}}, "ein Datum ein, das es gibt"},
		{base + "/aufenthalt-seit", url.Values{"aufenthalt-seit-tag": {"1"}, "aufenthalt-seit-monat": {"1"}, "aufenthalt-seit-jahr": {"2999"}}, "in der Vergangenheit"},
		{base + "/paragraf", url.Values{"paragraf": {"abc"}}, "so ein, wie er auf der Karte steht"},
		{"/verpflichtungserklaerung/quick-check/einkommen", url.Values{"einkommen": {"-5"}}, "außerhalb"},
		{"/verpflichtungserklaerung/quick-check/einkommen", url.Values{"einkommen": {"viel"}}, "zum Beispiel 3 oder 2500"},
		{"/verpflichtungserklaerung/quick-check/unterhalt", url.Values{"unterhalt": {"1,5"}}, "zum Beispiel 3 oder 2500"},
	}
	for _, tc := range cases {
		r := h.do(c, "POST", tc.path, tc.form, nil)
		if r.status != 422 || !strings.Contains(r.body, tc.want) {
			t.Errorf("%s %v: %d, want 422 with %q", tc.path, tc.form, r.status, tc.want)
			continue
		}
		h.checkHTML(r, "de")
		if strings.Contains(tc.path, "geburtsdatum") && len(tc.form) > 0 && !strings.Contains(r.body, `value="30"`) {
			t.Error("typed values are not kept")
		}
	}
	// German number formats are understood.
	r := h.do(c, "POST", "/verpflichtungserklaerung/quick-check/einkommen", url.Values{"einkommen": {"3.280,00 €"}}, nil)
	if r.status != 303 {
		t.Fatalf("3.280,00 €: %d", r.status)
	}
	if r := h.get(c, "/verpflichtungserklaerung/quick-check/einkommen"); !strings.Contains(r.body, `value="3280"`) {
		t.Fatal("income not stored as 3280")
	}
}

func TestQuickCheckAllServicesAllLanguages(t *testing.T) {
	h := newHarness(t, dbtest.SQLite(t))
	c := h.client()
	for _, l := range i18n.Languages {
		for _, svc := range []string{"einbuergerung", "aufenthaltstitel", "verpflichtungserklaerung"} {
			for _, p := range []string{"", "/ergebnis"} {
				r := h.get(c, "/"+svc+"/quick-check"+p+"?lang="+l.Code)
				if r.status != 200 {
					t.Fatalf("%s%s %s: %d", svc, p, l.Code, r.status)
				}
				h.checkHTML(r, l.Code)
				if strings.Contains(r.body, "qcp.") || strings.Contains(r.body, "qc.") && strings.Contains(r.body, ".unknown") {
					t.Errorf("%s%s %s shows a message key", svc, p, l.Code)
				}
			}
		}
	}
}
