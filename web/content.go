package web

import (
	"embed"
	"fmt"
	"html/template"
	"io/fs"

	"github.com/smd-oss/smd/i18n"
)

// The legally required pages, whose text lives in content/<lang>/<slug>.html
// so that an operator can replace it without touching templates.
var legalPages = []string{"barrierefreiheit", "datenschutz", "impressum", "leichte-sprache", "gebaerdensprache"}

// infoPages are the service descriptions (info-<service>.html).
var infoPages = []string{"info-einbuergerung", "info-aufenthaltstitel", "info-verpflichtungserklaerung"}

//go:embed content
var contentFS embed.FS

// content holds the fragments, checked complete at start-up.
type content struct {
	pages map[string]map[string]template.HTML // slug → lang → fragment
}

func loadContent() (*content, error) {
	c := &content{pages: map[string]map[string]template.HTML{}}
	for _, slug := range append(legalPages[:len(legalPages):len(legalPages)], infoPages...) {
		c.pages[slug] = map[string]template.HTML{}
		for _, l := range i18n.Languages {
			b, err := fs.ReadFile(contentFS, "content/"+l.Code+"/"+slug+".html")
			if err != nil {
				return nil, fmt.Errorf("content page %s in %s: %w", slug, l.Code, err)
			}
			// Our own, reviewed files: trusted HTML.
			c.pages[slug][l.Code] = template.HTML(b) //nolint:gosec
		}
	}
	return c, nil
}
