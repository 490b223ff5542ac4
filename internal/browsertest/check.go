package browsertest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// CheckPage loads url in a new tab and runs the page checks of spec/ui.md:
// axe (see [Browser.Axe]) at 1280×800 and at 320×640, a check that the page
// does not scroll sideways at 320 px (WCAG 1.4.10 Reflow), and axe again with
// forced colors active (Windows high-contrast modes). Findings fail the test
// with t.Error, so that one run lists all of them. A navigation error, an
// HTTP status of 400 or more, or a step that takes longer than 30 s stops the
// test with t.Fatal.
func (b *Browser) CheckPage(t testing.TB, url string) {
	t.Helper()
	b.checkPage(t, url, 0)
}

// CheckPageStatus is CheckPage for a page that must answer with the HTTP
// status wantStatus, such as the 404 page. Any other status fails the test.
func (b *Browser) CheckPageStatus(t testing.TB, url string, wantStatus int) {
	t.Helper()
	b.checkPage(t, url, wantStatus)
}

// checkPage is CheckPage with the status rule of navigate.
func (b *Browser) checkPage(t testing.TB, url string, wantStatus int) {
	t.Helper()
	ctx, closeTab, err := b.openTab()
	if err != nil {
		t.Fatal(err)
	}
	defer closeTab()
	if err := navigate(ctx, url, wantStatus); err != nil {
		t.Fatal(err)
	}

	b.checkAxe(t, ctx, "1280×800")

	// The page stays loaded: the viewport change relayouts it, as a resized
	// window does, and saves a load.
	setViewport(t, ctx, narrowWidth, narrowHeight)
	b.checkAxe(t, ctx, "320×640")
	r, err := checkReflow(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !r.fits() {
		t.Errorf("reflow: %s scrolls sideways at %d px: document width %d px; widest elements past the edge:\n%s",
			url, r.InnerWidth, r.ScrollWidth, r.formatOffenders())
	}

	// Forced colors at desktop width, where high-contrast users mostly are.
	setViewport(t, ctx, desktopWidth, desktopHeight)
	if err := setForcedColors(ctx, true); err != nil {
		t.Fatal(err)
	}
	b.checkAxe(t, ctx, "1280×800, forced colors")
}

// setViewport emulates a desktop screen (no mobile viewport rules, no touch)
// of width×height CSS pixels, and fails the test if that does not work.
func setViewport(t testing.TB, ctx context.Context, width, height int64) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, actionTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, height)); err != nil {
		t.Fatalf("browsertest: viewport %d×%d: %v", width, height, err)
	}
}

// setForcedColors turns the emulation of the media feature forced-colors on
// or off; it changes the colours as Windows' contrast themes do.
func setForcedColors(ctx context.Context, on bool) error {
	ctx, cancel := context.WithTimeout(ctx, actionTimeout)
	defer cancel()
	value := "none"
	if on {
		value = "active"
	}
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tab *chromedp.Target) error {
		_, err := cdp.Call(ctx, tab, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "forced-colors", Value: value}},
		})
		return err
	}))
	if err != nil {
		return fmt.Errorf("browsertest: forced-colors %s: %w", value, err)
	}
	return nil
}

// reflowReport measures horizontal scrolling.
type reflowReport struct {
	ScrollWidth int `json:"scrollWidth"` // document.documentElement.scrollWidth
	InnerWidth  int `json:"innerWidth"`  // window.innerWidth
	// Offenders are the five widest elements that reach past the right edge
	// of the viewport, widest first; empty when the page fits.
	Offenders []reflowOffender `json:"offenders"`
}

// reflowOffender is an element that reaches past the right edge.
type reflowOffender struct {
	Element string  `json:"element"` // see describeJS
	Width   float64 `json:"width"`
	Right   float64 `json:"right"`
}

// fits reports whether the page needs no horizontal scrolling. One pixel of
// slack absorbs rounding of fractional widths.
func (r reflowReport) fits() bool { return r.ScrollWidth <= r.InnerWidth+1 }

func (r reflowReport) formatOffenders() string {
	var b strings.Builder
	for _, o := range r.Offenders {
		fmt.Fprintf(&b, "  %s: %.0f px wide, right edge at %.0f px\n", o.Element, o.Width, o.Right)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// describeJS defines describe(el), a short description of an element for
// test messages and Tab walks: the tag, #id if any, and a name in quotes:
// aria-label, else the text of its first <label>, else its rendered text (not
// for select and textarea, whose text is their content), else the value of a
// button-like input, else the name attribute; cut to 60 characters. For
// example `a "Weiter"`, `input#email "E-Mail-Adresse"`, `button#send "Senden"`.
const describeJS = `const describe = (el) => {
	let s = el.localName;
	if (el.id) s += "#" + el.id;
	const label = el.labels && el.labels.length ? el.labels[0].innerText : "";
	const text = ["select", "textarea"].includes(el.localName) ? "" : el.innerText;
	const buttonValue = el.localName === "input" && ["submit", "button", "reset"].includes(el.type) ? el.value : "";
	const name = (el.getAttribute("aria-label") || label || text || buttonValue || el.getAttribute("name") || "")
		.replace(/\s+/g, " ").trim();
	if (name) s += ' "' + (name.length > 60 ? name.slice(0, 59) + "…" : name) + '"';
	return s;
};`

// reflowJS measures the page and, when it is too wide, finds the elements
// that reach past the right edge.
const reflowJS = `(() => {
	` + describeJS + `
	const vw = window.innerWidth;
	const r = { scrollWidth: document.documentElement.scrollWidth, innerWidth: vw, offenders: [] };
	if (r.scrollWidth <= vw + 1) return r;
	for (const el of document.body.querySelectorAll("*")) {
		const box = el.getBoundingClientRect();
		const right = box.right + window.scrollX;
		if (right > vw + 1) r.offenders.push({ element: describe(el), width: box.width, right });
	}
	r.offenders.sort((a, b) => b.width - a.width);
	r.offenders = r.offenders.slice(0, 5); // enough to find the culprit
	return r;
})()`

// checkReflow measures horizontal scrolling in the tab of ctx at its current
// viewport. It returns an error only when the page could not be measured.
func checkReflow(ctx context.Context) (reflowReport, error) {
	ctx, cancel := context.WithTimeout(ctx, actionTimeout)
	defer cancel()
	r, err := chromedp.Run(ctx, chromedp.Evaluate[reflowReport](reflowJS))
	if err != nil {
		return r, fmt.Errorf("browsertest: measuring reflow: %w", err)
	}
	return r, nil
}
