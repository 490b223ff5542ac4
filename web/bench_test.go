package web_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/smd-oss/smd/internal/dbtest"
)

// BenchmarkStartPage measures the whole handler chain for the start page
// (middleware, session, template), without the network. The loopback
// target (≥ 5,000 requests/s, p99 < 10 ms) is measured with cmd/smdload
// and wrk; see docs/benchmarks.md.
func BenchmarkStartPage(b *testing.B) {
	db := dbtest.SQLite(b)
	h := newHarnessTB(b, db)
	req := httptest.NewRequest("GET", "/", nil)
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		h.handler.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			b.Fatal(w.Code)
		}
	}
}
