package doccheck

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"runtime"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/smd-oss/smd/internal/hostile"
	"golang.org/x/text/encoding/charmap"
)

func check(name string, content []byte) *Report {
	return New().Check(context.Background(), name, content)
}

func latin1(s string) string {
	b, _ := charmap.Windows1252.NewEncoder().String(s)
	return b
}

func realPNG(w, h int) []byte {
	var b bytes.Buffer
	_ = png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h)))
	return b.Bytes()
}

// The hostile files of the issue, each refused with its own finding.
func TestHostileFilesAreRefused(t *testing.T) {
	good := textPDF("Hallo")
	bomb := hostile.FlateBomb(300 << 20)
	cases := []struct {
		name    string
		file    string
		content []byte
		code    string
	}{
		{"zero bytes", "leer.pdf", nil, "file.empty"},
		{"truncated PDF", "kaputt.pdf", good[:len(good)/2], "pdf.truncated"},
		{"PDF without xref", "kaputt.pdf", []byte("%PDF-1.4\nnonsense\n%%EOF\n"), "pdf.unreadable"},
		{"PDF with JavaScript", "js.pdf", hostile.JavaScriptPDF(), "pdf.active_content"},
		{"PDF with a launch action", "launch.pdf", hostile.LaunchPDF(), "pdf.active_content"},
		{"PDF with an embedded file", "anhang.pdf", hostile.EmbeddedFilePDF(), "pdf.active_content"},
		{"encrypted PDF (unknown password)", "geheim.pdf", hostile.LockedPDF(), "pdf.encrypted"},
		{"encrypted PDF (empty user password)", "geheim.pdf", pdfcpuEncrypted(t), "pdf.encrypted"},
		{"executable named .pdf", "rechnung.pdf", append([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"), make([]byte, 200)...), "type.not_allowed"},
		{"ELF named .pdf", "rechnung.pdf", append([]byte("\x7fELF\x02\x01\x01"), make([]byte, 200)...), "type.not_allowed"},
		{"50,000 × 50,000 PNG", "foto.png", hostile.PNGHeader(50000, 50000), "image.too_large"},
		{"zip named .pdf", "pass.pdf", zipFile(), "type.not_allowed"},
		{"Flate bomb in a PDF", "bombe.pdf", bomb, "pdf.bomb"},
		{"SVG with script", "bild.png", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), "type.not_allowed"},
		{"10,000 pages", "dick.pdf", hostile.Pages(10000), "pdf.too_many_pages"},
		{"PNG named .pdf", "scan.pdf", realPNG(800, 800), "type.mismatch"},
		{"truncated PNG", "foto.png", realPNG(800, 800)[:60], "image.unreadable"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var before runtime.MemStats
			runtime.ReadMemStats(&before)
			r := check(c.file, c.content)
			var after runtime.MemStats
			runtime.ReadMemStats(&after)
			if r.Accepted || !r.Has(c.code) {
				t.Fatalf("accepted=%v, findings %+v; want refusal with %s", r.Accepted, r.Findings, c.code)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 256<<20 {
				t.Errorf("checking it allocated %d MB", alloc>>20)
			}
		})
	}
}

// pdfcpuEncrypted is a real AES-encrypted PDF that opens without a
// password (owner password only), as office programs write them.
func pdfcpuEncrypted(t *testing.T) []byte {
	var out bytes.Buffer
	conf := model.NewAESConfiguration("", "geheim", 256)
	if err := api.Encrypt(bytes.NewReader(textPDF("Vertraulich")), &out, conf); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func zipFile() []byte {
	// A local file header is enough for the type sniffer.
	return append([]byte("PK\x03\x04\x14\x00\x00\x00\x08\x00"), make([]byte, 100)...)
}

func TestTextLayer(t *testing.T) {
	r := check("brief.pdf", textPDF(latin1("Sehr geehrte Frau Müller,"), "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"))
	if !r.Accepted || r.TextSource != "pdf" {
		t.Fatalf("%+v", r)
	}
	for _, want := range []string{"Sehr geehrte Frau Müller,", "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"} {
		if !strings.Contains(r.Text, want+"\n") {
			t.Errorf("text lacks the line %q:\n%s", want, r.Text)
		}
	}
	if !r.Has("malware.not_scanned") {
		t.Error("no finding that the file was not scanned")
	}
}

func TestImages(t *testing.T) {
	r := check("foto.png", realPNG(1200, 900))
	if !r.Accepted || r.Pages != 1 || !r.Has("ocr.unavailable") {
		t.Fatalf("%+v", r)
	}
	if r := check("klein.png", realPNG(100, 80)); !r.Accepted || !r.Has("image.low_resolution") {
		t.Fatalf("small image: %+v", r)
	}
}

// textPDF is hostile.TextPDF, for the package's tests.
func textPDF(lines ...string) []byte { return hostile.TextPDF(lines...) }
