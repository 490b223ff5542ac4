package htmlcheck

import (
	"strings"
	"testing"
)

const good = `<!DOCTYPE html><html lang="de"><head><title>Fehler: Anmelden – SMD</title></head><body>
<div class="smd-error-summary"><ul><li><a href="#email">Geben Sie Ihre E-Mail-Adresse ein</a></li></ul></div>
<h1>Anmelden</h1><form novalidate>
<label for="email">E-Mail</label><p class="kern-error" id="email-error"><span class="kern-sr-only">Fehler:</span> Geben Sie Ihre E-Mail-Adresse ein</p>
<input id="email" name="email" type="email" autocomplete="username" aria-describedby="email-error">
<fieldset><legend>Ja oder nein</legend><input type="radio" id="r1" name="r"></fieldset>
<a href="?lang=en" hreflang="en" lang="en" rel="alternate">English</a>
<button type="submit">Weiter</button></form></body></html>`

func TestGoodPagePasses(t *testing.T) {
	if p := Check(good, Options{ErrorTitlePrefix: "Fehler: "}); len(p) > 0 {
		t.Fatalf("problems on a good page: %v", p)
	}
}

// Each mutation breaks one rule; the check must name it.
func TestEachRuleIsEnforced(t *testing.T) {
	cases := map[string][2]string{
		"no lang":          {`<html lang="de">`, `<html>`},
		"two h1":           {`<h1>Anmelden</h1>`, `<h1>Anmelden</h1><h1>Zwei</h1>`},
		"duplicate id":     {`id="r1"`, `id="email-error"`},
		"missing ref":      {`aria-describedby="email-error"`, `aria-describedby="nirgends"`},
		"no label":         {`<label for="email">`, `<label for="other">`},
		"no novalidate":    {`<form novalidate>`, `<form>`},
		"disabled":         {`<button type="submit">`, `<button type="submit" disabled>`},
		"no autocomplete":  {` autocomplete="username"`, ``},
		"title prefix":     {`Fehler: Anmelden`, `Anmelden`},
		"summary mismatch": {`<a href="#email">Geben Sie Ihre E-Mail-Adresse ein</a>`, `<a href="#email">Etwas anderes</a>`},
		"foreign link":     {`hreflang="en" lang="en"`, `hreflang="en"`},
	}
	for name, c := range cases {
		page := strings.Replace(good, c[0], c[1], 1)
		if page == good {
			t.Fatalf("%s: mutation did not apply", name)
		}
		if p := Check(page, Options{ErrorTitlePrefix: "Fehler: "}); len(p) == 0 {
			t.Errorf("%s: not detected", name)
		}
	}
}
