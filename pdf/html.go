package pdf

import (
	"bytes"
	"html/template"
	"strings"
)

// HTML returns the document as a complete, self-contained, accessible HTML
// page (no external resources, semantic h1/h2/table with th scope=row/ul).
// Exported because the Chromium renderer prints it and tests read it.
//
// All text is escaped. The page carries a Content-Security-Policy that
// allows nothing but its own inline style, so even a browser with network
// access loads nothing else. d must not be nil; its title may be empty here
// (Render refuses that, HTML does not).
func HTML(d *Document) []byte {
	var buf bytes.Buffer
	view := htmlView{Document: d, Lang: d.lang(), Dir: direction(d.lang())}
	if err := pageTemplate.Execute(&buf, view); err != nil {
		// The template is fixed and its data are plain strings, so it
		// cannot fail except through a bug in this file.
		panic("pdf: executing the HTML template: " + err.Error())
	}
	return buf.Bytes()
}

// htmlView is the data of pageTemplate.
type htmlView struct {
	*Document
	Lang string
	Dir  string // "rtl" or "ltr"
}

// direction returns the writing direction of a BCP 47 language tag, so that
// an Arabic document reads right to left.
func direction(lang string) string {
	base, _, _ := strings.Cut(strings.ToLower(lang), "-")
	switch base {
	case "ar", "fa", "he", "ur", "ps", "yi", "dv", "ckb", "sd", "ug":
		return "rtl"
	}
	return "ltr"
}

// pageTemplate is parsed at start-up, so that a broken template fails the
// program's start, not a render. The style uses system fonts only: the page
// must not load anything.
var pageTemplate = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}" dir="{{.Dir}}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
html { color: #1a1a1a; background: #fff; }
body { margin: 0; font-family: "DejaVu Sans", "Liberation Sans", "Noto Sans", Arial, sans-serif; font-size: 10.5pt; line-height: 1.4; }
h1 { font-size: 18pt; line-height: 1.25; margin: 0 0 4pt; }
h2 { font-size: 13pt; margin: 16pt 0 6pt; break-after: avoid; }
.subtitle { margin: 0 0 12pt; color: #333; font-size: 11pt; }
p, td, li { white-space: pre-line; overflow-wrap: anywhere; }
p { margin: 0 0 8pt; }
table { width: 100%; border-collapse: collapse; margin: 0 0 10pt; }
tr { break-inside: avoid; }
th, td { text-align: start; vertical-align: top; padding: 4pt 6pt 4pt 0; border-bottom: 0.5pt solid #999; }
th { width: 35%; font-weight: bold; }
ul { margin: 0 0 10pt; padding-inline-start: 14pt; }
footer { margin-top: 18pt; font-size: 8.5pt; color: #333; white-space: pre-line; }
</style>
</head>
<body>
<header>
<h1>{{.Title}}</h1>
{{- with .Subtitle}}
<p class="subtitle">{{.}}</p>
{{- end}}
</header>
<main>
{{- range .Blocks}}
{{- with .Heading}}
<h2>{{.}}</h2>
{{- end}}
{{- with .Text}}
<p>{{.}}</p>
{{- end}}
{{- with .Rows}}
<table>
{{- range .}}
<tr><th scope="row">{{.Label}}</th><td>{{.Value}}</td></tr>
{{- end}}
</table>
{{- end}}
{{- with .Items}}
<ul>
{{- range .}}
<li>{{.}}</li>
{{- end}}
</ul>
{{- end}}
{{- end}}
</main>
{{- with .Footer}}
<footer><p>{{.}}</p></footer>
{{- end}}
</body>
</html>
`))
