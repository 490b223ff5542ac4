package doccheck

import (
	"context"
	"testing"

	"github.com/smd-oss/smd/internal/hostile"
	"github.com/smd-oss/smd/pdf"
)

// BenchmarkCheckOnePagePDF is the pipeline without OCR on a one-page PDF
// as gopdf writes it (embedded TrueType subset, ToUnicode): the issue's
// target is at least 20 per second per core.
func BenchmarkCheckOnePagePDF(b *testing.B) {
	reg, bold, ok := pdf.FindFont()
	if !ok {
		b.Skip("no TrueType font")
	}
	r, err := pdf.NewFallback(reg, bold)
	if err != nil {
		b.Fatal(err)
	}
	doc, err := r.Render(context.Background(), &pdf.Document{Title: "Verdienstabrechnung Oktober 2026", Blocks: []pdf.Block{
		{Text: "Frau Ümit Özdemir-Müller, Personalnummer 4711"},
		{Rows: []pdf.Row{{Label: "Bruttolohn", Value: "4.200,00 EUR"}, {Label: "Lohnsteuer", Value: "612,30 EUR"}, {Label: "Auszahlungsbetrag", Value: "2.811,45 EUR"}}},
		{Text: "P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<\nC01X00T478D<<6408125F2702283<<<<<<<<<<<<<<<4"},
	}})
	if err != nil {
		b.Fatal(err)
	}
	ch := New()
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		if rep := ch.Check(context.Background(), "a.pdf", doc); !rep.Accepted {
			b.Fatal(rep.Findings)
		}
	}
}

// BenchmarkHostile is the time to refuse each hostile file of the issue
// (the acceptance asks for under 5 s and 256 MB each).
func BenchmarkHostile(b *testing.B) {
	files := map[string][]byte{"pixel-bomb.png": hostile.PNGHeader(50000, 50000), "flate-bomb.pdf": hostile.FlateBomb(300 << 20),
		"pages-10000.pdf": hostile.Pages(10000), "javascript.pdf": hostile.JavaScriptPDF()}
	ch := New()
	for name, content := range files {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if ch.Check(context.Background(), name, content).Accepted {
					b.Fatal("accepted")
				}
			}
		})
	}
}
