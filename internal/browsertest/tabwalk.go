package browsertest

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// maxTabStops bounds a Tab walk. The portal's pages have far fewer stops, so
// a walk that reaches it is stuck, most likely in a keyboard trap.
const maxTabStops = 200

// errKeyboardTrap marks a walk that found a keyboard trap: a finding about the
// page, not a failure of the browser.
var errKeyboardTrap = errors.New("keyboard trap?")

// focusStop is the element that has the focus after a Tab press.
type focusStop struct {
	// Outside is true when no element of the page has the focus: the Tab
	// order ended and the focus went back to the document.
	Outside bool `json:"outside"`
	// Index is the number of the element among the stops seen before, or -1
	// for an element seen for the first time.
	Index   int    `json:"index"`
	Element string `json:"element"` // see describeJS
	// Indicator is false when the element shows no focus indicator: its
	// computed outline is none (style none or width 0) and its box-shadow
	// is none.
	Indicator bool   `json:"indicator"`
	Outline   string `json:"outline"` // computed outline, for the message
}

// tabWalkStartJS moves the starting point of sequential focus navigation to
// the top of the body, so that the next Tab reaches the first stop even when
// an earlier step of a flow focused or clicked something: a focusable
// placeholder at the very start takes the focus and is removed at once.
const tabWalkStartJS = `(() => {
	window.__browsertestStops = new Map();
	const start = document.createElement("span");
	start.tabIndex = -1;
	document.body.prepend(start);
	start.focus();
	start.remove();
	window.scrollTo(0, 0);
})()`

// focusStopJS describes document.activeElement after a Tab press, looking
// into open shadow roots. It numbers the elements it sees in
// window.__browsertestStops.
const focusStopJS = `(() => {
	` + describeJS + `
	let el = document.activeElement;
	while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
	if (!el || el === document.body || el === document.documentElement) return { outside: true, index: -1 };
	const stops = window.__browsertestStops;
	if (stops.has(el)) return { index: stops.get(el), element: describe(el) };
	stops.set(el, stops.size);
	const cs = getComputedStyle(el);
	const outline = cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0;
	return {
		index: -1,
		element: describe(el),
		indicator: outline || cs.boxShadow !== "none",
		outline: cs.outlineStyle + " " + cs.outlineWidth,
	};
})()`

// TabWalk presses Tab from the top of the page in the tab of ctx until the
// focus wraps around or leaves the page, and returns a description of each
// element that took the focus, in order, so that tests can assert the order.
// A description is the tag, then #id if any, then a name in quotes (the
// aria-label, the label, or the text; cut to 60 characters), for example
// `a "Weiter"`, `input#email "E-Mail-Adresse"` or `button "Senden"`. It fails
// the test (t.Error) for every stop without a visible focus indicator (WCAG
// 2.4.7), and when the focus jumps back to an earlier stop other than the
// first, or does not wrap within 200 presses (a keyboard trap, WCAG 2.1.2). It
// stops the test (t.Fatal) when the browser does not answer within 30 s.
func (b *Browser) TabWalk(t testing.TB, ctx context.Context) []string {
	t.Helper()
	stops, err := tabWalk(ctx)
	switch {
	case errors.Is(err, errKeyboardTrap):
		t.Error(err)
	case err != nil:
		t.Fatal(err)
	}
	var names []string
	for _, s := range stops {
		names = append(names, s.Element)
		if !s.Indicator {
			t.Errorf("tab walk: %s shows no focus indicator (outline %s, box-shadow none)", s.Element, s.Outline)
		}
	}
	return names
}

// tabWalk does the walk of TabWalk and returns the stops. It returns an error
// when the browser fails, and one that wraps errKeyboardTrap, with the stops
// so far, when the walk finds a keyboard trap.
func tabWalk(ctx context.Context) ([]focusStop, error) {
	ctx, cancel := context.WithTimeout(ctx, actionTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](tabWalkStartJS)); err != nil {
		return nil, fmt.Errorf("browsertest: tab walk: %w", err)
	}
	var stops []focusStop
	for range maxTabStops {
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
			return stops, fmt.Errorf("browsertest: tab walk: pressing Tab: %w", err)
		}
		s, err := chromedp.Run(ctx, chromedp.Evaluate[focusStop](focusStopJS))
		if err != nil {
			return stops, fmt.Errorf("browsertest: tab walk: reading the focus: %w", err)
		}
		switch {
		case s.Outside || s.Index == 0:
			// The end of the Tab order: the focus left the page or wrapped
			// to the first stop.
			return stops, nil
		case s.Index < 0:
			stops = append(stops, s)
		case s.Index == len(stops)-1:
			// Focus moves inside one element, such as the controls of a
			// <video>, which live in a shadow root we cannot see.
		default:
			return stops, fmt.Errorf("browsertest: tab walk: after %s the focus went back to %s, not on to a new stop: %w",
				stops[len(stops)-1].Element, s.Element, errKeyboardTrap)
		}
	}
	return stops, fmt.Errorf("browsertest: tab walk: the focus did not wrap around within %d Tab presses: %w", maxTabStops, errKeyboardTrap)
}
