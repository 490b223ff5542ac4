package web_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/smd-oss/smd/internal/browsertest"
	"github.com/smd-oss/smd/internal/dbtest"
)

// One answer in the browser: radio value, date parts or text.
type browserAnswer struct {
	question string
	radio    string
	date     [3]string
	text     string
}

func answerInBrowser(t *testing.T, b *browsertest.Browser, ctx context.Context, a browserAnswer) {
	t.Helper()
	b.Axe(t, ctx) // the empty (or previously answered) question page
	var steps []chromedp.Action[chromedp.Void]
	switch {
	case a.radio != "":
		steps = append(steps, chromedp.Click(chromedp.CSS(`input[name="`+a.question+`"][value="`+a.radio+`"]`)))
	case a.date[0] != "":
		for i, part := range []string{"tag", "monat", "jahr"} {
			steps = append(steps, chromedp.SendKeys(chromedp.CSS(`#`+a.question+`-`+part), a.date[i]))
		}
	default:
		steps = append(steps, chromedp.SendKeys(chromedp.CSS(`#`+a.question), a.text))
	}
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("answering %s: %v", a.question, err)
	}
	// RunResponse returns when the page the form leads to has loaded.
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`main form button[type=submit]`)))
	if err != nil || resp.Status != 200 {
		t.Fatalf("after answering %s: %v", a.question, err)
	}
}

// A browser walks the naturalisation Quick-Check to an eligible, a not-yet
// and a review result, in German and in Arabic, with axe on every page
// state: empty, error and answered.
func TestBrowserQuickCheck(t *testing.T) {
	b := browsertest.New(t)
	h := newHarness(t, dbtest.SQLite(t))
	base := h.srv.URL + "/einbuergerung/quick-check"
	for _, lang := range []string{"de", "ar"} {
		t.Run(lang, func(t *testing.T) {
			ctx := b.Tab(t)
			browsertest.Navigate(t, ctx, base+"?lang="+lang)
			b.Axe(t, ctx)
			if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`a.kern-btn`))); err != nil {
				t.Fatal(err)
			}
			// Error state: continue without a date.
			if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`form button[type=submit]`))); err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`.smd-error-summary`))); err != nil {
				t.Fatal(err)
			}
			b.Axe(t, ctx)
			for _, a := range []browserAnswer{
				{question: "geburtsdatum", date: [3]string{"3", "2", "1990"}},
				{question: "aufenthaltsstatus", radio: "aufenthaltserlaubnis"},
				{question: "paragraf", text: "18b"},
				{question: "aufenthalt-seit", date: [3]string{"1", "3", "2018"}},
				{question: "ehe", radio: "nein"},
				{question: "pass", radio: "passport"},
				{question: "leistungen", radio: "nein"},
				{question: "deutsch", radio: "B1"},
				{question: "test", radio: "ja"},
				{question: "strafen", radio: "keine"},
				{question: "bekenntnis", radio: "ja"},
				{question: "mehrehe", radio: "nein"},
			} {
				answerInBrowser(t, b, ctx, a)
			}
			if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`.kern-alert--success`))); err != nil {
				t.Fatalf("no eligible result: %v", err)
			}
			b.Axe(t, ctx)
			b.CheckPage(t, base+"/ergebnis?lang="+lang)
			// The back button shows the answered state.
			browsertest.Navigate(t, ctx, base+"/test")
			b.Axe(t, ctx)
			answerInBrowser(t, b, ctx, browserAnswer{question: "test", radio: "nein"})
			browsertest.Navigate(t, ctx, base+"/ergebnis")
			if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`.kern-alert--warning`))); err != nil {
				t.Fatalf("no not-yet result: %v", err)
			}
			b.Axe(t, ctx)
			// Start again: nothing known, so the result asks for review.
			if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`form[action$="/neu"] button`))); err != nil {
				t.Fatal(err)
			}
			browsertest.Navigate(t, ctx, base+"/ergebnis")
			if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`.kern-alert--info`))); err != nil {
				t.Fatalf("no review result: %v", err)
			}
			b.Axe(t, ctx)
			if got := browsertest.Attr(t, ctx, "html", "dir"); (lang == "ar") != (got == "rtl") {
				t.Errorf("dir %q in %s", got, lang)
			}
			// Exit page.
			browsertest.Navigate(t, ctx, base+"/aufenthaltsstatus")
			answerInBrowser(t, b, ctx, browserAnswer{question: "aufenthaltsstatus", radio: "duldung"})
			if !strings.Contains(browsertest.Attr(t, ctx, "html", "lang"), lang) {
				t.Errorf("language lost on the exit page")
			}
			b.Axe(t, ctx)
		})
	}
	// The other two services' start and question pages at both widths.
	for _, p := range []string{"/aufenthaltstitel/quick-check/qualifikation", "/verpflichtungserklaerung/quick-check/einkommen", "/einbuergerung/quick-check/geburtsdatum"} {
		b.CheckPage(t, h.srv.URL+p+"?lang=de")
	}
}
