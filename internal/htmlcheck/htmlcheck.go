// Package htmlcheck inspects rendered pages for the accessibility rules of
// spec/ui.md that can be checked without a browser: fast enough to run on
// every page state in every language in unit tests, where axe (in the
// browser tests) would be too slow.
package htmlcheck

import (
	"fmt"
	"strings"

	"golang.org/x/net/html"
)

// Options adapt the checks to the page's language.
type Options struct {
	// ErrorTitlePrefix is what <title> must start with when the page shows
	// an error summary ("Fehler: ").
	ErrorTitlePrefix string
}

// Check parses page and returns every problem found, empty when none.
func Check(page string, o Options) []string {
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return []string{"does not parse: " + err.Error()}
	}
	c := &checker{ids: map[string]int{}, labels: map[string]bool{}}
	c.walk(doc, nil)
	return c.finish(o)
}

type checker struct {
	problems      []string
	ids           map[string]int
	labels        map[string]bool // label[for] targets
	refs          []string        // ids referenced by aria-* and #fragments
	h1, titleSeen int
	title         string
	htmlLang      string
	fields        []*html.Node
	summaryLinks  map[string]string
	inlineErrors  map[string]string
	hasSummary    bool
}

func attr(n *html.Node, name string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val, true
		}
	}
	return "", false
}

func hasClass(n *html.Node, class string) bool {
	v, _ := attr(n, "class")
	for _, c := range strings.Fields(v) {
		if c == class {
			return true
		}
	}
	return false
}

// text returns the visible text of n, leaving out screen-reader-only prefixes.
func text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && hasClass(n, "kern-sr-only") {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// inFieldsetWithLegend reports whether n sits in a fieldset that has a legend.
func inFieldsetWithLegend(ancestors []*html.Node) bool {
	for i := len(ancestors) - 1; i >= 0; i-- {
		a := ancestors[i]
		if a.Type == html.ElementNode && a.Data == "fieldset" {
			for c := a.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && c.Data == "legend" {
					return true
				}
			}
		}
	}
	return false
}

func (c *checker) walk(n *html.Node, ancestors []*html.Node) {
	if n.Type == html.ElementNode {
		c.element(n, ancestors)
	}
	ancestors = append(ancestors, n)
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		c.walk(ch, ancestors)
	}
}

func (c *checker) element(n *html.Node, ancestors []*html.Node) {
	if id, ok := attr(n, "id"); ok {
		c.ids[id]++
	}
	for _, a := range []string{"aria-describedby", "aria-labelledby"} {
		if v, ok := attr(n, a); ok {
			c.refs = append(c.refs, strings.Fields(v)...)
		}
	}
	switch n.Data {
	case "html":
		c.htmlLang, _ = attr(n, "lang")
	case "title":
		c.titleSeen++
		c.title = text(n)
	case "h1":
		c.h1++
	case "label":
		if f, ok := attr(n, "for"); ok {
			c.labels[f] = true
		}
	case "a":
		href, _ := attr(n, "href")
		if strings.HasPrefix(href, "#") && len(href) > 1 {
			c.refs = append(c.refs, href[1:])
		}
		// A link to the page in another language (the language switcher)
		// is written in that language and must say so.
		if rel, _ := attr(n, "rel"); rel == "alternate" {
			if _, ok := attr(n, "lang"); !ok {
				c.problems = append(c.problems, fmt.Sprintf("link %q in another language has no lang", text(n)))
			}
		}
		for _, anc := range ancestors {
			if anc.Type == html.ElementNode && hasClass(anc, "smd-error-summary") {
				if c.summaryLinks == nil {
					c.summaryLinks = map[string]string{}
				}
				c.summaryLinks[strings.TrimPrefix(href, "#")] = text(n)
			}
		}
	case "form":
		if _, ok := attr(n, "novalidate"); !ok {
			c.problems = append(c.problems, "form without novalidate")
		}
	case "button":
		if _, ok := attr(n, "disabled"); ok {
			c.problems = append(c.problems, fmt.Sprintf("disabled button %q", text(n)))
		}
	case "input", "select", "textarea":
		typ, _ := attr(n, "type")
		if typ == "hidden" || typ == "submit" || typ == "button" {
			return
		}
		if _, ok := attr(n, "disabled"); ok && typ == "submit" {
			c.problems = append(c.problems, "disabled submit")
		}
		if inFieldsetWithLegend(ancestors) {
			n.Attr = append(n.Attr, html.Attribute{Key: "data-in-fieldset"})
		}
		c.fields = append(c.fields, n)
	case "div":
		if hasClass(n, "smd-error-summary") {
			c.hasSummary = true
		}
	case "p":
		if hasClass(n, "kern-error") {
			if id, ok := attr(n, "id"); ok {
				if c.inlineErrors == nil {
					c.inlineErrors = map[string]string{}
				}
				c.inlineErrors[strings.TrimSuffix(id, "-error")] = text(n)
			}
		}
	}
}

func (c *checker) finish(o Options) []string {
	if c.htmlLang == "" {
		c.problems = append(c.problems, "<html> has no lang")
	}
	if c.titleSeen != 1 || c.title == "" {
		c.problems = append(c.problems, "page needs exactly one non-empty <title>")
	}
	if c.h1 != 1 {
		c.problems = append(c.problems, fmt.Sprintf("%d <h1> elements, want exactly 1", c.h1))
	}
	for id, n := range c.ids {
		if n > 1 {
			c.problems = append(c.problems, fmt.Sprintf("id %q used %d times", id, n))
		}
	}
	for _, ref := range c.refs {
		if c.ids[ref] == 0 {
			c.problems = append(c.problems, fmt.Sprintf("reference to missing id %q", ref))
		}
	}
	for _, f := range c.fields {
		id, _ := attr(f, "id")
		_, inFS := attr(f, "data-in-fieldset")
		if !c.labels[id] && !inFS {
			c.problems = append(c.problems, fmt.Sprintf("field %q has no label", id))
		}
		typ, _ := attr(f, "type")
		name, _ := attr(f, "name")
		if typ == "email" || typ == "password" || strings.Contains(name, "email") {
			if _, ok := attr(f, "autocomplete"); !ok {
				c.problems = append(c.problems, fmt.Sprintf("personal-data field %q has no autocomplete", id))
			}
		}
	}
	if c.hasSummary {
		if !strings.HasPrefix(c.title, o.ErrorTitlePrefix) {
			c.problems = append(c.problems, fmt.Sprintf("error page title %q does not start with %q", c.title, o.ErrorTitlePrefix))
		}
		for field, msg := range c.summaryLinks {
			inline, ok := c.inlineErrors[field]
			if !ok {
				// A date group links to its first input ("datum-tag") and
				// shows one message for the group ("datum-error").
				for k, v := range c.inlineErrors {
					if strings.HasPrefix(field, k+"-") {
						inline, ok = v, true
					}
				}
			}
			if !ok {
				c.problems = append(c.problems, fmt.Sprintf("summary links to %q, which shows no inline error", field))
				continue
			}
			if !strings.HasSuffix(inline, msg) {
				c.problems = append(c.problems, fmt.Sprintf("summary says %q but the field says %q", msg, inline))
			}
		}
	}
	return c.problems
}
