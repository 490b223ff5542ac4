package main

import (
	"context"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/smd-oss/smd/apply"
	"github.com/smd-oss/smd/form"
	"github.com/smd-oss/smd/internal/applyclient"
	"github.com/smd-oss/smd/internal/formfill"
	"github.com/smd-oss/smd/internal/hostile"
	"github.com/smd-oss/smd/sqlstore"
)

// An applicant uploads hostile files that pass the type gate — a PNG
// claiming 50,000 × 50,000 pixels, a PDF whose stream inflates to 300 MB,
// a PDF of 10,000 pages, a PDF with JavaScript, a PDF with a password. The
// running server's document checks refuse each at the upload with what to
// do, nothing is stored, and the server keeps answering meanwhile (no
// request waits more than a few seconds: a liveness bound, not a speed
// target). The same checks run again as jobs on every file that reaches a
// case (apply.TestDocumentCheckJob).
func TestHostileUploadsAreRefusedWhileTheServerServes(t *testing.T) {
	blobs := t.TempDir()
	dbURL := "sqlite:" + filepath.Join(t.TempDir(), "smd.db")
	seedDemo(t, dbURL, blobs)
	p := start(t, dbURL, blobs)
	base := "http://" + p.addr
	forms, err := form.Load()
	if err != nil {
		t.Fatal(err)
	}
	steps, _ := formfill.Steps(forms["einbuergerung"], time.Now(), formfill.Options{})
	files := []applyclient.File{
		{Category: apply.OtherCategory, Name: "foto.png", Content: hostile.PNGHeader(50000, 50000)},
		{Category: "doc.passport", Name: "pass.pdf", Content: hostile.FlateBomb(300 << 20)},
		{Category: apply.OtherCategory, Name: "lohn.pdf", Content: hostile.Pages(10000)},
		{Category: apply.OtherCategory, Name: "zertifikat.pdf", Content: hostile.JavaScriptPDF()},
		{Category: apply.OtherCategory, Name: "geheim.pdf", Content: hostile.LockedPDF()},
	}
	want := map[string]string{"foto.png": "nicht sicher öffnen", "pass.pdf": "nicht sicher öffnen", "lohn.pdf": "zu viele Seiten",
		"zertifikat.pdf": "aktive Inhalte", "geheim.pdf": "Kennwort"}

	var slowest time.Duration
	var failures []string
	var mu sync.Mutex
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		client := &http.Client{Timeout: 10 * time.Second}
		for {
			select {
			case <-stop:
				return
			case <-time.After(25 * time.Millisecond):
			}
			t0 := time.Now()
			resp, err := client.Get(base + "/einbuergerung")
			d := time.Since(t0)
			mu.Lock()
			slowest = max(slowest, d)
			if err != nil || resp.StatusCode != 200 {
				failures = append(failures, d.String())
			}
			mu.Unlock()
			if err == nil {
				resp.Body.Close()
			}
		}
	}()

	c := applyclient.New(base)
	if err := c.SignIn("anna"); err != nil {
		t.Fatal(err)
	}
	draft, v, err := c.Prepare("/einbuergerung/antrag", steps, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		err := c.Upload(draft, v, f)
		if err == nil || !strings.Contains(err.Error(), ": 422: ") || !strings.Contains(err.Error(), want[f.Name]) {
			t.Errorf("%s: %v, want a refusal saying %q", f.Name, err, want[f.Name])
		}
	}
	db, err := sqlstore.Open(context.Background(), dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var stored int
	if err := db.Read.QueryRow(`SELECT COUNT(*) FROM drafts WHERE data LIKE '%foto.png%' OR data LIKE '%lohn.pdf%'`).Scan(&stored); err != nil || stored != 0 {
		t.Errorf("refused files on the draft: %d (%v)", stored, err)
	}
	close(stop)
	wg.Wait()
	if len(failures) > 0 || slowest > 5*time.Second {
		t.Errorf("the server stalled while checking: slowest answer %s, failures %v", slowest, failures)
	}
	t.Logf("slowest page while the checks ran: %s", slowest)
}
