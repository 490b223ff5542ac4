package doccheck_test

import (
	"context"
	"strings"
	"testing"

	"github.com/smd-oss/smd/doccheck"
	"github.com/smd-oss/smd/internal/browsertest"
	"github.com/smd-oss/smd/pdf"
)

// The text layer of PDFs from real generators — gopdf (TrueType subsets,
// Identity-H, ToUnicode) and Chromium — comes back line by line, umlauts
// and MRZ fillers included.
func TestTextOfGeneratedPDFs(t *testing.T) {
	doc := &pdf.Document{Title: "Lohn- und Gehaltsabrechnung März 2026", Blocks: []pdf.Block{
		{Text: "Frau Ümit Özdemir-Müller, Straße 5"},
		{Text: "IDD<<T220001293<<<<<<<<<<<<<<<\n6408125<2702283D<<<<<<<<<<<<<4\nMUSTERMANN<<ERIKA<<<<<<<<<<<<<"},
	}}
	renderers := map[string]pdf.Renderer{}
	if reg, bold, ok := pdf.FindFont(); ok {
		r, err := pdf.NewFallback(reg, bold)
		if err != nil {
			t.Fatal(err)
		}
		renderers["gopdf"] = r
	} else {
		browsertest.SkipOrFail(t, "no TrueType font for the gopdf renderer")
	}
	if exe, ok := pdf.FindChromium(); ok {
		r := pdf.NewChromium(exe)
		defer r.Close()
		renderers["chromium"] = r
	}
	for name, r := range renderers {
		t.Run(name, func(t *testing.T) {
			b, err := r.Render(context.Background(), doc)
			if err != nil {
				t.Fatal(err)
			}
			rep := doccheck.New().Check(context.Background(), "a.pdf", b)
			if !rep.Accepted || rep.TextSource != "pdf" {
				t.Fatalf("%+v", rep.Findings)
			}
			for _, want := range []string{"März 2026", "Ümit Özdemir-Müller, Straße 5", "IDD<<T220001293<<<<<<<<<<<<<<<", "6408125<2702283D<<<<<<<<<<<<<4", "MUSTERMANN<<ERIKA<<<<<<<<<<<<<"} {
				if !strings.Contains(rep.Text, want) {
					t.Errorf("text lacks %q:\n%s", want, rep.Text)
				}
			}
		})
	}
}
