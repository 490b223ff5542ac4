package pdf

import (
	"strings"
	"testing"
)

func TestHTML(t *testing.T) {
	d := sampleDocument(2)
	d.Blocks = append(d.Blocks, Block{Rows: []Row{{Label: "Bemerkung", Value: "<script>alert(1)</script>"}}})
	d.Title = `Bestätigung "A&B"`
	page := string(HTML(d))

	for _, want := range []string{
		"<!DOCTYPE html>",
		`<html lang="de" dir="ltr">`,
		"<title>Bestätigung &#34;A&amp;B&#34;</title>",
		"<h1>Bestätigung &#34;A&amp;B&#34;</h1>",
		`<p class="subtitle">Ausländerbehörde Musterstadt</p>`,
		"<h2>Antragsteller</h2>",
		`<tr><th scope="row">Name</th><td>Müller, Jürgen</td></tr>`,
		"<td>Олена Коваленко</td>",
		"<li>Sie erhalten Nachricht, sobald Ihr Antrag geprüft ist.</li>",
		"&lt;script&gt;alert(1)&lt;/script&gt;",
		"<footer><p>Dieses Schreiben",
		"Content-Security-Policy",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	if strings.Contains(page, "<script>") {
		t.Error("HTML contains an unescaped <script>")
	}
	// Self-contained: nothing that could load a resource.
	for _, bad := range []string{"<link", "src=", "url(", "@import", "http://", "https://"} {
		if strings.Contains(page, bad) {
			t.Errorf("HTML contains %q, but must load nothing", bad)
		}
	}
}

func TestHTMLLanguage(t *testing.T) {
	tests := []struct{ lang, want string }{
		{"", `<html lang="de" dir="ltr">`},
		{"en", `<html lang="en" dir="ltr">`},
		{"ar", `<html lang="ar" dir="rtl">`},
		{"ar-EG", `<html lang="ar-EG" dir="rtl">`},
		{"uk", `<html lang="uk" dir="ltr">`},
		{`x" onload="y`, `<html lang="x&#34; onload=&#34;y" dir="ltr">`},
	}
	for _, tt := range tests {
		page := string(HTML(&Document{Lang: tt.lang, Title: "T"}))
		if !strings.Contains(page, tt.want) {
			t.Errorf("Lang %q: HTML lacks %q", tt.lang, tt.want)
		}
	}
}

func TestHTMLOptionalParts(t *testing.T) {
	page := string(HTML(&Document{Title: "T", Blocks: []Block{{}}}))
	for _, absent := range []string{`class="subtitle"`, "<footer", "<table", "<ul", "<h2", "<p>"} {
		if strings.Contains(page, absent) {
			t.Errorf("HTML of an empty document contains %q", absent)
		}
	}
}
