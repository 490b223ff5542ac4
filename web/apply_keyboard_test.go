package web_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/internal/browsertest"
	"github.com/smd-oss/smd/internal/dbtest"
	"github.com/smd-oss/smd/internal/formfill"
)

// keys sends key presses to the focused element.
func keys(t *testing.T, ctx context.Context, k string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.KeyEvent(k)); err != nil {
		t.Fatal(err)
	}
}

// active describes the focused element: "name=value" for inputs, the
// selector-relevant id otherwise.
type activeEl struct {
	Tag, Name, Type, Value, ID, Action string
	Checked                            bool
}

func active(t *testing.T, ctx context.Context) activeEl {
	t.Helper()
	var a activeEl
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](`(() => { const e = document.activeElement; return {
	  Tag: e.tagName.toLowerCase(), Name: e.name || '', Type: e.type || '', Value: e.value || '', ID: e.id || '',
	  Action: (e.form && e.form.getAttribute('action')) || '', Checked: !!e.checked }; })()`))
	if err != nil {
		t.Fatal(err)
	}
	_ = json.Unmarshal(raw, &a)
	return a
}

// tabTo presses Tab until match holds for the focused element; the
// keyboard is the only way focus moves.
func tabTo(t *testing.T, ctx context.Context, what string, match func(activeEl) bool) activeEl {
	t.Helper()
	for range 80 {
		keys(t, ctx, "\t")
		if a := active(t, ctx); match(a) {
			return a
		}
	}
	t.Fatalf("Tab never reached %s", what)
	return activeEl{}
}

// pressEnter presses Enter on the focused element and waits for the page
// it leads to.
func pressEnter(t *testing.T, ctx context.Context) {
	t.Helper()
	resp, err := chromedp.RunResponse(ctx, chromedp.KeyEvent(kb.Enter))
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status >= 400 {
		summary, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector('.smd-error-summary')||document.body).innerText`))
		t.Fatalf("HTTP %d: %s", resp.Status, summary)
	}
}

// typeInto replaces the focused text input's value by typing.
func typeInto(t *testing.T, ctx context.Context, a activeEl, v string) {
	t.Helper()
	if a.Value != "" {
		keys(t, ctx, kb.End+strings.Repeat(kb.Backspace, len([]rune(a.Value))))
	}
	keys(t, ctx, v)
}

// keyboardPage answers one question page with the keyboard alone and
// presses "Weiter".
func keyboardPage(t *testing.T, ctx context.Context, s formfill.Step) {
	t.Helper()
	names, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => { const seen = new Set(), out = [];
	  for (const e of document.querySelectorAll('main form [name]')) {
	    if (e.type === 'hidden' || e.tagName === 'BUTTON' || seen.has(e.name)) continue;
	    seen.add(e.name); out.push(e.name); }
	  return out; })()`))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		want := s.Values.Get(name)
		a := tabTo(t, ctx, name, func(a activeEl) bool { return a.Name == name })
		switch {
		case a.Type == "radio":
			for range 20 {
				if a.Value == want {
					keys(t, ctx, " ")
					break
				}
				keys(t, ctx, kb.ArrowDown)
				a = active(t, ctx)
			}
		case a.Type == "checkbox":
			if a.Checked != (want == "yes") {
				keys(t, ctx, " ")
			}
		case a.Tag == "select":
			for range 300 {
				if a.Value == want {
					break
				}
				keys(t, ctx, kb.ArrowDown)
				a = active(t, ctx)
			}
			if a.Value != want {
				t.Fatalf("%s: country %s not reached by keyboard", s.Path, want)
			}
		default:
			typeInto(t, ctx, a, want)
		}
	}
	tabTo(t, ctx, "Weiter", func(a activeEl) bool { return a.Tag == "button" && a.Value == "continue" })
	pressEnter(t, ctx)
}

// A whole residence-title application by keyboard alone: sign-in at
// BundID, start, every question page, the group-free task list, the
// upload page's "Weiter", check answers and the binding submit.
func TestBrowserApplyByKeyboard(t *testing.T) {
	b := browsertest.New(t)
	db := dbtest.SQLite(t)
	env := &applyEnv{}
	h := newHarness(t, db, withApply(t, db, env))
	ctx := b.Tab(t)
	browsertest.Navigate(t, ctx, h.srv.URL+"/aufenthaltstitel/antrag?lang=de")
	tabTo(t, ctx, "sign-in", func(a activeEl) bool { return a.Tag == "a" && strings.HasPrefix(href(t, ctx), "/bundid/anmelden") })
	pressEnter(t, ctx)
	tabTo(t, ctx, "BundID button", func(a activeEl) bool { return a.Tag == "button" })
	pressEnter(t, ctx)
	a := tabTo(t, ctx, "person", func(a activeEl) bool { return a.Name == "person" })
	for a.Value != "karim" {
		keys(t, ctx, kb.ArrowDown)
		a = active(t, ctx)
	}
	tabTo(t, ctx, "simulator button", func(a activeEl) bool { return a.Tag == "button" })
	pressEnter(t, ctx)
	tabTo(t, ctx, "response button", func(a activeEl) bool { return a.Tag == "button" })
	pressEnter(t, ctx)
	tabTo(t, ctx, "begin", func(a activeEl) bool { return a.Tag == "button" && a.Action == "/aufenthaltstitel/antrag" })
	pressEnter(t, ctx)
	base := draftBaseOf(t, ctx)
	steps, answers := formfill.Steps(env.forms["aufenthaltstitel"], time.Now(), formfill.Options{Values: map[string]string{"postal_code": "14467", "city": "Potsdam"}})
	for _, s := range steps {
		// "Weiter" leads to the section's next page; after its last page
		// the task list is back, and the keyboard follows the next link.
		if here, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname`)); here != base+s.Path {
			if here != base {
				t.Fatalf("at %s, expected the task list or %s", here, s.Path)
			}
			tabTo(t, ctx, s.Path, func(a activeEl) bool { return a.Tag == "a" && href(t, ctx) == base+s.Path })
			pressEnter(t, ctx)
		}
		switch {
		case strings.HasSuffix(s.Path, "/documents"):
			tabTo(t, ctx, "Weiter", func(a activeEl) bool { return a.Tag == "button" && a.Value == "continue" })
			pressEnter(t, ctx)
		default:
			keyboardPage(t, ctx, s)
		}
	}
	tabTo(t, ctx, "check answers", func(a activeEl) bool { return a.Tag == "a" && href(t, ctx) == base+"/pruefen" })
	pressEnter(t, ctx)
	b.TabWalk(t, ctx)
	tabTo(t, ctx, "submit", func(a activeEl) bool { return a.Tag == "button" && strings.HasSuffix(a.Action, "/absenden") })
	pressEnter(t, ctx)
	b.Axe(t, ctx)
	number := browsertest.Text(t, ctx, ".smd-panel__number")
	checkStoredCase(t, h, db, env, number, "potsdam", smd.ChannelOnline, answers.Values, 0)
}

// href is the focused link's address.
func href(t *testing.T, ctx context.Context) string {
	h, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.getAttribute('href') || ''`))
	return h
}
