package pdf

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// newChromium returns the Chromium renderer, or skips (fails under CI).
func newChromium(t *testing.T) *chromium {
	t.Helper()
	exe, ok := FindChromium()
	if !ok {
		skipOrFail(t, "Chromium not found in PATH; install it with apt-get install chromium")
	}
	r := NewChromium(exe).(*chromium)
	t.Cleanup(func() {
		if err := r.Close(); err != nil {
			t.Error(err)
		}
	})
	return r
}

func TestChromiumRender(t *testing.T) {
	r := newChromium(t)
	if !r.Tagged() {
		t.Error("Tagged() = false, want true")
	}
	out, err := r.Render(t.Context(), sampleDocument(30))
	if err != nil {
		t.Fatal(err)
	}
	info := pdfInfo(t, out)
	// The structure tree is the mark of a tagged PDF. Chromium writes the
	// catalog uncompressed today; pdfinfo reads it wherever it is.
	if !bytes.Contains(out, []byte("/StructTreeRoot")) && info["Tagged"] != "yes" {
		t.Errorf("PDF is not tagged: no /StructTreeRoot, pdfinfo Tagged: %q", info["Tagged"])
	}
	if info["Title"] != "Eingangsbestätigung" || !strings.Contains(info["Page size"], "(A4)") || info["Pages"] != "2" {
		t.Errorf("pdfinfo: title %q, size %q, pages %q; want Eingangsbestätigung, A4, 2", info["Title"], info["Page size"], info["Pages"])
	}
	if !bytes.Contains(out, []byte("/Lang (de)")) {
		t.Error("PDF has no /Lang (de)")
	}
	flat := collapse(pdfText(t, out))
	for _, want := range []string{"Eingangsbestätigung", "Müller, Jürgen", "Şahin, Ayşe Gül", "Олена Коваленко", "Unterlage 30", collapse(longParagraph)} {
		if !strings.Contains(flat, want) {
			t.Errorf("extracted text lacks %q", want)
		}
	}
}

// TestChromiumConcurrent renders from more goroutines than there are slots,
// and checks that Close removes the profile directory.
func TestChromiumConcurrent(t *testing.T) {
	r := newChromium(t)
	var wg sync.WaitGroup
	errs := make(chan error, 6)
	for i := range 6 {
		wg.Go(func() {
			d := sampleDocument(i + 1)
			out, err := r.Render(t.Context(), d)
			if err == nil && !bytes.HasPrefix(out, []byte("%PDF-")) {
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

	r.mu.Lock()
	dir := r.proc.userDataDir
	r.mu.Unlock()
	if _, err := os.Stat(dir); err != nil {
		t.Fatalf("profile directory while running: %v", err)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("profile directory %s after Close: %v, want it removed", dir, err)
	}
	if _, err := r.Render(t.Context(), sampleDocument(1)); !errors.Is(err, ErrClosed) {
		t.Errorf("Render after Close error = %v, want ErrClosed", err)
	}
}

func TestChromiumErrors(t *testing.T) {
	r := newChromium(t)
	if _, err := r.Render(t.Context(), &Document{}); !errors.Is(err, ErrInvalidDocument) {
		t.Errorf("Render without title error = %v, want ErrInvalidDocument", err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := r.Render(ctx, sampleDocument(1)); !errors.Is(err, context.Canceled) {
		t.Errorf("Render with a canceled context error = %v, want context.Canceled", err)
	}
	// A browser that will not start is an error of Render.
	bad := NewChromium("/nonexistent/chromium")
	defer bad.Close()
	if _, err := bad.Render(t.Context(), sampleDocument(1)); err == nil {
		t.Error("Render with a missing executable: no error")
	}
}

// TestChromiumRestartsAfterCrash kills the browser and checks that a later
// render starts a new one.
func TestChromiumRestartsAfterCrash(t *testing.T) {
	r := newChromium(t)
	if _, err := r.Render(t.Context(), sampleDocument(1)); err != nil {
		t.Fatal(err)
	}
	r.mu.Lock()
	first := r.proc
	r.mu.Unlock()
	if err := chromedp.FromContext(first.ctx).Browser.Process().Kill(); err != nil {
		t.Fatal(err)
	}
	// The render that meets the dead browser fails; at most one more may
	// before the crash is noticed, and then a new browser serves.
	var err error
	for range 3 {
		if _, err = r.Render(t.Context(), sampleDocument(1)); err == nil {
			break
		}
		t.Logf("render after the kill: %v", err)
	}
	if err != nil {
		t.Fatalf("no render succeeded after the crash: %v", err)
	}
	if _, err := os.Stat(first.userDataDir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("profile directory of the dead browser: %v, want it removed", err)
	}
}
