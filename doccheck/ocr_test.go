package doccheck

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fakeTesseract puts a "tesseract" on PATH that answers like the real one:
// --list-langs, and "stdin stdout -l LANGS" printing a text (or failing).
func fakeTesseract(t *testing.T, body string) {
	t.Helper()
	dir := t.TempDir()
	script := "#!/bin/sh\nif [ \"$1\" = --list-langs ]; then printf 'List of available languages (2):\\ndeu\\neng\\n'; exit 0; fi\n" + body + "\n"
	if err := os.WriteFile(filepath.Join(dir, "tesseract"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
}

// The OCR adapter talks to the tesseract command as it is installed by
// Debian: the image on stdin, the text on stdout, German and English
// models when both are there; the text feeds the same analysis as a PDF's
// text layer; a failing or hanging engine is a finding, never a crash.
func TestTesseractAdapter(t *testing.T) {
	fakeTesseract(t, `cat >/dev/null; [ "$4" = deu+eng ] || exit 3; printf 'Verdienstabrechnung Oktober 2026\nBrutto 4.200,00\nAuszahlungsbetrag 2.811,45\n'`)
	ocr := FindTesseract()
	if ocr == nil {
		t.Fatal("tesseract on PATH not found")
	}
	ch := New()
	ch.OCR = ocr
	r := ch.Check(context.Background(), "scan.png", realPNG(1200, 900))
	if !r.Accepted || r.TextSource != "ocr" || r.Category != "payslip" || r.Has("ocr.unavailable") {
		t.Fatalf("%s %s %+v", r.TextSource, r.Category, r.Findings)
	}

	fakeTesseract(t, `echo "Error opening data file" >&2; exit 1`)
	ch.OCR = FindTesseract()
	if r := ch.Check(context.Background(), "scan.png", realPNG(1200, 900)); !r.Accepted || !r.Has("ocr.failed") ||
		!strings.Contains(strings.Join(messages(r), " "), "Error opening data file") {
		t.Fatalf("failing engine: %+v", r.Findings)
	}

	fakeTesseract(t, `sleep 5`)
	slow := FindTesseract().(*Tesseract)
	slow.Timeout = 200 * time.Millisecond
	ch.OCR = slow
	if r := ch.Check(context.Background(), "scan.png", realPNG(1200, 900)); !r.Accepted || !r.Has("ocr.failed") {
		t.Fatalf("hanging engine: %+v", r.Findings)
	}
}

func messages(r *Report) []string {
	var out []string
	for _, f := range r.Findings {
		out = append(out, f.Message)
	}
	return out
}
