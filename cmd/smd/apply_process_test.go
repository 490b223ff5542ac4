package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/smd-oss/smd/form"
	"github.com/smd-oss/smd/internal/applyclient"
	"github.com/smd-oss/smd/internal/dbtest"
	"github.com/smd-oss/smd/internal/formfill"
	"github.com/smd-oss/smd/sqlstore"
)

// seedDemo runs `smd seed --demo` on the database, as `make run` does.
func seedDemo(t *testing.T, dbURL, blobDir string) {
	t.Helper()
	cmd := exec.Command(binary, "seed", "--demo")
	cmd.Env = append(os.Environ(), "SMD_DATABASE_URL="+dbURL, "SMD_BLOB_URL=file://"+blobDir, "SMD_DEV=true",
		"SMD_MASTER_KEY_FILE="+filepath.Join(blobDir, "master.key"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("seed: %v\n%s", err, out)
	}
}

// 200 applicants submit at once and retry whatever fails; in the middle
// of it the server is killed with SIGKILL and started again. Afterwards
// there are exactly 200 cases, and every case number a confirmation page
// showed before the kill is still the case of its draft.
func TestSubmissionsSurviveSIGKILL(t *testing.T) {
	dbURL := dbtest.URL(t, "postgres")
	blobs := t.TempDir()
	seedDemo(t, dbURL, blobs)
	p := start(t, dbURL, blobs)
	forms, err := form.Load()
	if err != nil {
		t.Fatal(err)
	}
	steps, _ := formfill.Steps(forms["einbuergerung"], time.Now(), formfill.Options{})
	files := []applyclient.File{{Category: "doc.passport", Name: "pass.pdf", Content: applyclient.SamplePDF(20 << 10)}}

	const n, workers = 200, 8
	clients := make([]*applyclient.Client, workers)
	for i := range clients {
		clients[i] = applyclient.New("http://" + p.addr)
		if err := clients[i].SignIn("anna"); err != nil {
			t.Fatal(err)
		}
	}
	type draft struct {
		base    string
		version int
	}
	drafts := make([]draft, n)
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				base, v, err := clients[w].Prepare("/einbuergerung/antrag", steps, files)
				if err != nil {
					errs <- err
					return
				}
				drafts[i] = draft{base, v}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}

	var current atomic.Value // the server's address; changes at the restart
	current.Store("http://" + p.addr)
	var mu sync.Mutex
	confirmed := map[int]string{}
	var beforeKill map[int]string
	deadline := time.Now().Add(2 * time.Minute)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) {
				c := &applyclient.Client{Base: current.Load().(string), HTTP: clients[i%workers].HTTP}
				if number, err := c.Submit(drafts[i].base, drafts[i].version); err == nil {
					mu.Lock()
					confirmed[i] = number
					mu.Unlock()
					return
				}
				time.Sleep(20 * time.Millisecond)
			}
		}()
	}
	// Kill the server once part of the submissions are confirmed.
	for {
		mu.Lock()
		k := len(confirmed)
		mu.Unlock()
		if k >= n/4 {
			break
		}
		time.Sleep(2 * time.Millisecond)
	}
	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-p.done
	mu.Lock()
	beforeKill = map[int]string{}
	for k, v := range confirmed {
		beforeKill[k] = v
	}
	mu.Unlock()
	p2 := start(t, dbURL, blobs)
	current.Store("http://" + p2.addr)
	wg.Wait()
	if len(confirmed) != n {
		t.Fatalf("%d of %d submissions confirmed in the end", len(confirmed), n)
	}
	t.Logf("%d submissions confirmed before the kill", len(beforeKill))
	for i, number := range beforeKill {
		if confirmed[i] != number {
			t.Errorf("draft %d: confirmed %s before the kill, %s after", i, number, confirmed[i])
		}
	}
	db, err := sqlstore.Open(context.Background(), dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var cases, distinct int
	if err := db.Read.QueryRow(`SELECT COUNT(*), COUNT(DISTINCT number) FROM cases`).Scan(&cases, &distinct); err != nil {
		t.Fatal(err)
	}
	if cases != n || distinct != n {
		t.Fatalf("%d cases (%d numbers) for %d submissions", cases, distinct, n)
	}
	for _, number := range beforeKill {
		var k int
		if err := db.Read.QueryRow(`SELECT COUNT(*) FROM cases WHERE number = $1`, number).Scan(&k); err != nil || k != 1 {
			t.Fatalf("confirmed case %s: %d rows (%v)", number, k, err)
		}
	}
}
