package browsertest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// axeReport is the part of an axe-core result that the tests use.
type axeReport struct {
	URL string `json:"url"`
	// Violations break a WCAG 2.0/2.1 A or AA rule: BITV 2.0 through
	// EN 301 549. They fail the test.
	Violations []axeRule `json:"violations"`
	// BestPractice are violations of axe's best-practice rules, which no law
	// requires. They are logged for triage.
	BestPractice []axeRule `json:"bestPractice"`
	// Incomplete are the checks axe could not decide, for a human to review.
	Incomplete []axeRule `json:"incomplete"`
}

// axeRule is one rule of an axe result with the nodes it found.
type axeRule struct {
	ID      string    `json:"id"`
	Impact  string    `json:"impact"`
	Help    string    `json:"help"`
	HelpURL string    `json:"helpUrl"`
	Nodes   []axeNode `json:"nodes"`
}

// axeNode is an element that a rule flagged.
type axeNode struct {
	// Target has one CSS selector per frame level; a selector into a shadow
	// root joins its parts with " >>> ".
	Target  []string `json:"target"`
	HTML    string   `json:"html"`
	Summary string   `json:"summary"` // axe's failureSummary: what to fix
}

// runAxeJS runs axe once for the WCAG rules and the best-practice rules
// together (one run is cheaper than two) and splits the violations by tag.
// It keeps only the fields of axeReport, so little crosses the protocol.
const runAxeJS = `(async () => {
	const wcag = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
	const results = await axe.run(document, {
		runOnly: { type: "tag", values: [...wcag, "best-practice"] },
		resultTypes: ["violations", "incomplete"],
	});
	const isWCAG = (r) => r.tags.some((tag) => wcag.includes(tag));
	const rule = (r) => ({
		id: r.id,
		impact: r.impact || "",
		help: r.help,
		helpUrl: r.helpUrl,
		nodes: r.nodes.map((n) => ({
			target: n.target.map((s) => [].concat(s).join(" >>> ")),
			html: n.html,
			summary: n.failureSummary || "",
		})),
	});
	return {
		url: location.href,
		violations: results.violations.filter(isWCAG).map(rule),
		bestPractice: results.violations.filter((r) => !isWCAG(r)).map(rule),
		incomplete: results.incomplete.map(rule),
	};
})()`

// Axe runs axe-core on what the tab of ctx shows now, with the WCAG 2.0 and
// 2.1 A and AA rules (tags wcag2a, wcag2aa, wcag21a, wcag21aa), and fails the
// test (t.Error) listing every violation. Best-practice findings and
// incomplete items are logged, not failed. Call it in a flow after each state
// it reaches. The test stops (t.Fatal) if axe cannot run.
func (b *Browser) Axe(t testing.TB, ctx context.Context) {
	t.Helper()
	b.checkAxe(t, ctx, "")
}

// checkAxe is Axe with a label for the pass (such as "320×640") in its
// messages.
func (b *Browser) checkAxe(t testing.TB, ctx context.Context, pass string) {
	t.Helper()
	r, err := b.runAxe(ctx)
	if err != nil {
		t.Fatal(err)
	}
	where := r.URL
	if pass != "" {
		where += " (" + pass + ")"
	}
	if len(r.Violations) > 0 {
		t.Errorf("axe: %d WCAG A/AA violations on %s:\n%s", len(r.Violations), where, formatRules(r.Violations))
	}
	if len(r.BestPractice) > 0 {
		t.Logf("axe: best-practice findings on %s (not failing):\n%s", where, formatRules(r.BestPractice))
	}
	if len(r.Incomplete) > 0 {
		ids := make([]string, len(r.Incomplete))
		for i, rule := range r.Incomplete {
			ids[i] = fmt.Sprintf("%s (%d)", rule.ID, len(rule.Nodes))
		}
		t.Logf("axe: %d incomplete items to review by hand on %s: %s", len(r.Incomplete), where, strings.Join(ids, ", "))
	}
}

// runAxe injects axe-core into the page unless it is there already (a page
// that navigated has lost it), runs it and returns its findings. It returns
// an error only when axe could not run.
func (b *Browser) runAxe(ctx context.Context) (axeReport, error) {
	ctx, cancel := context.WithTimeout(ctx, actionTimeout)
	defer cancel()
	loaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof window.axe?.run === "function"`))
	if err == nil && !loaded {
		// Runtime.evaluate is not subject to the page's Content-Security-Policy,
		// so this works on pages that forbid inline scripts.
		err = chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](b.axeSource))
	}
	if err != nil {
		return axeReport{}, fmt.Errorf("browsertest: injecting axe-core: %w", err)
	}
	r, err := chromedp.Run(ctx, chromedp.Evaluate[axeReport](runAxeJS, chromedp.EvalAwaitPromise))
	if err != nil {
		return axeReport{}, fmt.Errorf("browsertest: running axe-core: %w", err)
	}
	return r, nil
}

// formatRules lists rules for a test message: per rule its id, impact, help
// text and link, then every node with its selectors, HTML and what to fix.
func formatRules(rules []axeRule) string {
	var b strings.Builder
	for _, r := range rules {
		fmt.Fprintf(&b, "  %s (%s): %s\n    %s\n", r.ID, r.Impact, r.Help, r.HelpURL)
		for _, n := range r.Nodes {
			fmt.Fprintf(&b, "    - %s\n      %s\n", strings.Join(n.Target, " "), n.HTML)
			if n.Summary != "" {
				fmt.Fprintf(&b, "      %s\n", strings.ReplaceAll(n.Summary, "\n", "\n      "))
			}
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
}
