package pdf

import (
	"testing"
	"time"
)

func TestZZTiming(t *testing.T) {
	r := newChromium(t)
	for i := range 5 {
		start := time.Now()
		if _, err := r.Render(t.Context(), sampleDocument(10)); err != nil {
			t.Fatal(err)
		}
		t.Logf("render %d: %v", i, time.Since(start))
	}
	start := time.Now()
	r.Close()
	t.Logf("close: %v", time.Since(start))
}
