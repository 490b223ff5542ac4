package web_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/smd-oss/smd/i18n"
	"github.com/smd-oss/smd/internal/browsertest"
	"github.com/smd-oss/smd/internal/dbtest"
)

// The browser tests check what the static checks cannot: axe-core's WCAG
// 2.1 A/AA rules at 1280 px and 320 px and in forced colours, reflow, focus
// and keyboard use. The pages do not depend on the database engine, so they
// run on SQLite only.

func TestBrowserEveryPublicPageInEveryLanguage(t *testing.T) {
	b := browsertest.New(t)
	h := newHarness(t, dbtest.SQLite(t))
	for _, l := range i18n.Languages {
		for _, p := range publicPages {
			t.Run(l.Code+p, func(t *testing.T) {
				b.CheckPage(t, h.srv.URL+p+"?lang="+l.Code)
			})
		}
		b.CheckPageStatus(t, h.srv.URL+"/gibtsnicht?lang="+l.Code, 404)
	}
}

func TestBrowserErrorStatesAndFocus(t *testing.T) {
	b := browsertest.New(t)
	h := newHarness(t, dbtest.SQLite(t))
	for _, lang := range []string{"de", "ar"} {
		ctx := b.Tab(t)
		browsertest.Navigate(t, ctx, h.srv.URL+"/barrierefreiheit?lang="+lang)
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`form[action="/barrierefreiheit"] button[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS(`.smd-error-summary`))); err != nil {
			t.Fatal(err)
		}
		b.Axe(t, ctx)
		focused, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.activeElement.classList.contains('smd-error-summary')`))
		if err != nil || !focused {
			t.Errorf("%s: the error summary does not have focus after a failed submit (%v)", lang, err)
		}
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.smd-error-summary a`))); err != nil {
			t.Fatal(err)
		}
		fieldFocused, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.activeElement.id === 'beschreibung'`))
		if err != nil || !fieldFocused {
			t.Errorf("%s: the summary link does not focus the field (%v)", lang, err)
		}
		if title := browsertest.Text(t, ctx, "title"); !strings.HasPrefix(title, h.catalog.T(lang, "frame.error_prefix")) {
			t.Errorf("%s: title %q lacks the error prefix", lang, title)
		}
		// Send a valid report and check the confirmation.
		if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS(`#beschreibung`), "Der Fokus ist schlecht sichtbar."),
			chromedp.Click(chromedp.CSS(`form[action="/barrierefreiheit"] button[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS(`.smd-reference`))); err != nil {
			t.Fatal(err)
		}
		b.Axe(t, ctx)
	}
}

// A caseworker signs in and out with the keyboard alone, and every state
// on the way (empty form, errors, workbench) passes axe.
func TestBrowserSignInByKeyboard(t *testing.T) {
	b := browsertest.New(t)
	h := newHarness(t, dbtest.SQLite(t))
	ctx := b.Tab(t)
	browsertest.Navigate(t, ctx, h.srv.URL+"/anmelden?lang=de")
	b.Axe(t, ctx)
	stops := b.TabWalk(t, ctx)
	if len(stops) < 10 || !strings.Contains(stops[0], "Zum Inhalt springen") {
		t.Fatalf("tab order starts wrong: %v", stops)
	}
	// Wrong password first: the error state.
	if err := chromedp.Do(ctx,
		chromedp.Focus(chromedp.CSS(`#email`)), chromedp.SendKeys(chromedp.CSS(`#email`), "sachbearbeitung@bonn.example"),
		chromedp.SendKeys(chromedp.CSS(`#email`), "\t"), chromedp.SendKeys(chromedp.CSS(`#passwort`), "falsch\r"),
		chromedp.WaitVisible(chromedp.CSS(`.smd-error-summary`))); err != nil {
		t.Fatal(err)
	}
	b.Axe(t, ctx)
	if err := chromedp.Do(ctx,
		chromedp.Focus(chromedp.CSS(`#passwort`)), chromedp.SendKeys(chromedp.CSS(`#passwort`), testPassword+"\r"),
		chromedp.WaitVisible(chromedp.CSS(`#konto`))); err != nil {
		t.Fatal(err)
	}
	if got := browsertest.Text(t, ctx, "h1"); !strings.Contains(got, "Sachbearbeitung Bonn") {
		t.Fatalf("workbench heading %q", got)
	}
	b.Axe(t, ctx)
	// Reflow and forced colours of the signed-in workbench.
	b.CheckPage(t, h.srv.URL+"/arbeitsplatz?lang=en")
	// Sign out by keyboard: focus the button and press Enter.
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS(`.smd-account__form button`)), chromedp.KeyEvent("\r"),
		chromedp.WaitVisible(chromedp.CSS(`.smd-banner`))); err != nil {
		t.Fatal(err)
	}
	b.Axe(t, ctx)
}

func TestBrowserLanguageSwitch(t *testing.T) {
	b := browsertest.New(t)
	h := newHarness(t, dbtest.SQLite(t))
	ctx := b.Tab(t)
	browsertest.Navigate(t, ctx, h.srv.URL+"/datenschutz?lang=de")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.smd-lang-nav a[lang="ar"]`)),
		chromedp.WaitVisible(chromedp.CSS(`html[dir="rtl"]`))); err != nil {
		t.Fatal(err)
	}
	if lang := browsertest.Attr(t, ctx, "html", "lang"); lang != "ar" {
		t.Fatalf("html lang %q after switching to Arabic", lang)
	}
	// The choice is remembered on the next page.
	browsertest.Navigate(t, ctx, h.srv.URL+"/impressum")
	if lang := browsertest.Attr(t, ctx, "html", "lang"); lang != "ar" {
		t.Fatalf("html lang %q on the next page", lang)
	}
}
