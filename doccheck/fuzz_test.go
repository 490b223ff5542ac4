package doccheck

import (
	"context"
	"testing"

	"github.com/smd-oss/smd/internal/hostile"
)

// FuzzCheck feeds arbitrary bytes under the three allowed names through
// the whole pipeline: it must never panic, and a file is accepted exactly
// when no finding is an error.
func FuzzCheck(f *testing.F) {
	f.Add(textPDF("Gehaltsabrechnung", "Brutto 3.000"), uint8(0))
	f.Add(hostile.Pages(3), uint8(0))
	f.Add(hostile.LockedPDF(), uint8(0))
	f.Add(realPNG(20, 20), uint8(1))
	f.Add(hostile.PNGHeader(100, 100), uint8(1))
	f.Add([]byte("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n%%EOF"), uint8(0))
	names := []string{"a.pdf", "a.png", "a.jpg"}
	ch := New()
	f.Fuzz(func(t *testing.T, content []byte, which uint8) {
		r := ch.Check(context.Background(), names[int(which)%len(names)], content)
		hasError := false
		for _, fd := range r.Findings {
			hasError = hasError || fd.Severity == Error
		}
		if r.Accepted == hasError {
			t.Fatalf("accepted=%v with findings %+v", r.Accepted, r.Findings)
		}
	})
}
