package pdf

import (
	"context"
	"errors"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// newFallback returns the fallback with a system font, or skips (fails under CI).
func newFallback(t *testing.T) Renderer {
	t.Helper()
	regular, bold, ok := FindFont()
	if !ok {
		skipOrFail(t, "no system TrueType font found; install it with apt-get install fonts-dejavu-core")
	}
	r, err := NewFallback(regular, bold)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

func TestFallbackRender(t *testing.T) {
	r := newFallback(t)
	if r.Tagged() {
		t.Error("Tagged() = true, want false")
	}
	out, err := r.Render(t.Context(), sampleDocument(30))
	if err != nil {
		t.Fatal(err)
	}
	if pages := len(pageObject.FindAll(out, -1)); pages != 2 {
		t.Errorf("PDF has %d page objects, want 2", pages)
	}
	if info := pdfInfo(t, out); info["Pages"] != "2" || info["Title"] != "Eingangsbestätigung" || !strings.HasPrefix(info["Page size"], "595.28 x 841.89") {
		t.Errorf("pdfinfo: pages %q, title %q, size %q; want 2, Eingangsbestätigung, A4",
			info["Pages"], info["Title"], info["Page size"])
	}

	text := pdfText(t, out)
	flat := collapse(text)
	for _, want := range []string{
		"Eingangsbestätigung", "Ausländerbehörde Musterstadt",
		"Müller, Jürgen", "Şahin, Ayşe Gül", "Олена Коваленко",
		"Hauptstraße 1", "12345 Musterstadt", "Nächste Schritte",
		"Unterlage 30", "ohne Unterschrift gültig.",
		collapse(longParagraph),
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("extracted text lacks %q", want)
		}
	}
	// The paragraph is far wider than a line, so it must have wrapped.
	first, last := strings.Index(text, "Wir bestätigen"), strings.Index(text, "Nachweis darüber")
	if first < 0 || last < 0 || !strings.Contains(text[first:last], "\n") {
		t.Error("the long paragraph is not wrapped onto several lines")
	}
}

// TestFallbackStaysInMargins checks with the word boxes of pdftotext that
// wrapping keeps every word inside the 2 cm margins.
func TestFallbackStaysInMargins(t *testing.T) {
	r := newFallback(t)
	d := sampleDocument(3)
	d.Blocks = append(d.Blocks,
		Block{Rows: []Row{{Label: "Aktenzeichen", Value: strings.Repeat("ABCDEFGHIJ", 20)}}},
		Block{Items: []string{longParagraph}},
	)
	out, err := r.Render(t.Context(), d)
	if err != nil {
		t.Fatal(err)
	}
	tool := requireTool(t, "pdftotext")
	html, err := exec.Command(tool, "-bbox", writePDF(t, out), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox: %v", err)
	}
	word := regexp.MustCompile(`<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>`)
	words := word.FindAllSubmatch(html, -1)
	if len(words) < 50 {
		t.Fatalf("pdftotext found %d words, want many", len(words))
	}
	const slack = 1 // points, for rounding
	for _, m := range words {
		xMin, _ := strconv.ParseFloat(string(m[1]), 64)
		xMax, _ := strconv.ParseFloat(string(m[2]), 64)
		if xMin < pageMargin-slack || xMax > pageWidth-pageMargin+slack {
			t.Errorf("word %q spans x %.1f–%.1f, outside the margins %.1f–%.1f", m[3], xMin, xMax, pageMargin, pageWidth-pageMargin)
		}
	}
}

func TestFallbackErrors(t *testing.T) {
	r := newFallback(t)
	if _, err := r.Render(t.Context(), nil); !errors.Is(err, ErrInvalidDocument) {
		t.Errorf("Render(nil) error = %v, want ErrInvalidDocument", err)
	}
	if _, err := r.Render(t.Context(), &Document{}); !errors.Is(err, ErrInvalidDocument) {
		t.Errorf("Render without title error = %v, want ErrInvalidDocument", err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := r.Render(ctx, sampleDocument(1)); !errors.Is(err, context.Canceled) {
		t.Errorf("Render with a canceled context error = %v, want context.Canceled", err)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Render(t.Context(), sampleDocument(1)); !errors.Is(err, ErrClosed) {
		t.Errorf("Render after Close error = %v, want ErrClosed", err)
	}
	if _, err := NewFallback("/nonexistent.ttf", "/nonexistent-bold.ttf"); err == nil {
		t.Error("NewFallback with a missing font: no error")
	}
}

func TestFallbackConcurrent(t *testing.T) {
	r := newFallback(t)
	var wg sync.WaitGroup
	errs := make(chan error, 6)
	for range 6 {
		wg.Go(func() {
			out, err := r.Render(t.Context(), sampleDocument(5))
			if err == nil && !strings.HasPrefix(string(out), "%PDF-") {
				err = errors.New("output is not a PDF")
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}

func TestWrap(t *testing.T) {
	// One unit per character, so that widths are easy to read.
	measure := func(s string) (float64, error) { return float64(utf8.RuneCountInString(s)), nil }
	tests := []struct {
		in    string
		width float64
		want  []string
	}{
		{"", 10, []string{""}},
		{"kurz", 10, []string{"kurz"}},
		{"eins zwei drei vier", 10, []string{"eins zwei", "drei vier"}},
		{"  viel   Raum  ", 10, []string{"viel Raum"}},
		{"Zeile 1\nZeile 2", 20, []string{"Zeile 1", "Zeile 2"}},
		{"a\n\nb", 20, []string{"a", "", "b"}},
		{"a\r\nb\rc\td", 20, []string{"a", "b", "c d"}},
		{"Donaudampfschifffahrt", 8, []string{"Donaudam", "pfschiff", "fahrt"}},
		{"ab Donaudampfschiff cd", 8, []string{"ab", "Donaudam", "pfschiff", "cd"}},
		{"Nr.\u00a0123 456", 7, []string{"Nr.\u00a0123", "456"}},
		{"Олена Şahin", 6, []string{"Олена", "Şahin"}},
	}
	for _, tt := range tests {
		got, err := wrap(tt.in, tt.width, measure)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("wrap(%q, %v) = %q, want %q", tt.in, tt.width, got, tt.want)
		}
	}
}
