package main

import (
	"context"
	"encoding/json"
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

// An applicant submits hostile files that pass the upload gate — a PNG
// claiming 50,000 × 50,000 pixels, a PDF whose stream inflates to 300 MB,
// a PDF of 10,000 pages, a PDF with JavaScript. The check jobs of the
// running server refuse each with its finding, and the server keeps
// answering meanwhile (no request waits more than a few seconds: a
// liveness bound, not a speed target).
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
	}
	want := map[string]string{"foto.png": "image.too_large", "pass.pdf": "pdf.bomb", "lohn.pdf": "pdf.too_many_pages", "zertifikat.pdf": "pdf.active_content"}

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
	draft, v, err := c.Prepare("/einbuergerung/antrag", steps, files)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Submit(draft, v); err != nil {
		t.Fatal(err)
	}

	db, err := sqlstore.Open(context.Background(), dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	got := map[string][]string{}
	deadline := time.Now().Add(90 * time.Second)
	for len(got) < len(files) && time.Now().Before(deadline) {
		time.Sleep(200 * time.Millisecond)
		rows, err := db.Read.Query(`SELECT d.filename, c.accepted, c.report FROM document_checks c
			JOIN documents d ON d.authority_id = c.authority_id AND d.id = c.document_id`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var name, report string
			var accepted bool
			if err := rows.Scan(&name, &accepted, &report); err != nil {
				t.Fatal(err)
			}
			var rep struct {
				Findings []struct{ Code string } `json:"findings"`
			}
			_ = json.Unmarshal([]byte(report), &rep)
			var codes []string
			for _, f := range rep.Findings {
				codes = append(codes, f.Code)
			}
			if accepted {
				codes = append(codes, "ACCEPTED")
			}
			got[name] = codes
		}
		rows.Close()
	}
	close(stop)
	wg.Wait()
	for name, code := range want {
		if !strings.Contains(strings.Join(got[name], " "), code) || strings.Contains(strings.Join(got[name], " "), "ACCEPTED") {
			t.Errorf("%s: findings %v, want a refusal with %s", name, got[name], code)
		}
	}
	if len(failures) > 0 || slowest > 5*time.Second {
		t.Errorf("the server stalled while checking: slowest answer %s, failures %v", slowest, failures)
	}
	t.Logf("slowest page while the checks ran: %s", slowest)
}
