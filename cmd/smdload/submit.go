package main

import (
	"errors"
	"flag"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/smd-oss/smd/form"
	"github.com/smd-oss/smd/internal/applyclient"
	"github.com/smd-oss/smd/internal/formfill"
)

// submit measures the binding submit of complete applications: it signs
// in through the BundID simulator (the server must run in dev mode with
// the demo data), prepares n drafts page by page with their uploads (not
// timed), then submits them with c at a time and reports the rate and the
// latency of the submit request (the confirmation page is not timed).
func submit(args []string) error {
	fs := flag.NewFlagSet("submit", flag.ContinueOnError)
	target := fs.String("url", "http://127.0.0.1:8080", "the server")
	n := fs.Int("n", 500, "applications (at most 20000)")
	conc := fs.Int("c", 16, "concurrent applicants")
	files := fs.Int("files", 3, "uploads per application")
	size := fs.Int("size", 100<<10, "bytes per upload")
	svc := fs.String("service", "einbuergerung", "service")
	person := fs.String("person", "anna", "demo person of the BundID simulator")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := loopbackOnly(*target); err != nil {
		return err
	}
	*n = min(max(*n, 1), 20000)
	*conc = min(max(*conc, 1), 256)
	forms, err := form.Load()
	if err != nil {
		return err
	}
	def := forms[*svc]
	if def == nil {
		return fmt.Errorf("unknown service %q", *svc)
	}
	// Naturalisation with a spouse and one child: about 50 answers.
	steps, answers := formfill.Steps(def, time.Now(), formfill.Options{Items: map[string]int{"children": 1, "guests": 1}})
	fields := len(answers.Values)
	for _, items := range answers.Groups {
		for _, it := range items {
			fields += len(it)
		}
	}
	cats := []string{"doc.passport", "doc.birth_certificate", "doc.residence_permit", "doc.other", "doc.other"}
	var uploads []applyclient.File
	for i := range min(*files, len(cats)) {
		uploads = append(uploads, applyclient.File{Category: cats[i], Name: "nachweis-" + strconv.Itoa(i) + ".pdf", Content: applyclient.SamplePDF(*size)})
	}
	tr := &http.Transport{MaxIdleConnsPerHost: *conc * 2, DisableCompression: true}
	clients := make([]*applyclient.Client, *conc)
	for i := range clients {
		clients[i] = applyclient.New(*target)
		clients[i].HTTP.Transport = tr
		if err := clients[i].SignIn(*person); err != nil {
			return err
		}
	}
	type draft struct {
		base    string
		version int
	}
	drafts := make([]draft, *n)
	prepStart := time.Now()
	if err := parallel(*n, *conc, func(w, i int) error {
		base, v, err := clients[w].Prepare("/"+*svc+"/antrag", steps, uploads)
		drafts[i] = draft{base, v}
		return err
	}); err != nil {
		return err
	}
	fmt.Printf("prepared %d applications (%d answers, %d uploads of %d bytes) in %s\n", *n, fields, len(uploads), *size, time.Since(prepStart).Round(time.Millisecond))

	lat := make([]time.Duration, *n)
	start := time.Now()
	if err := parallel(*n, *conc, func(w, i int) error {
		t0 := time.Now()
		r, err := clients[w].Post(drafts[i].base+"/absenden", url.Values{"version": {strconv.Itoa(drafts[i].version)}})
		lat[i] = time.Since(t0)
		if err != nil {
			return err
		}
		if r.Status != http.StatusSeeOther {
			return fmt.Errorf("submit %d: status %d", i, r.Status)
		}
		return nil
	}); err != nil {
		return err
	}
	elapsed := time.Since(start)
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) time.Duration {
		return lat[min(len(lat)-1, int(float64(len(lat))*p))].Round(time.Microsecond)
	}
	fmt.Printf("submitted %d applications with %d concurrent applicants in %s: %.0f submissions/s\n", *n, *conc, elapsed.Round(time.Millisecond), float64(*n)/elapsed.Seconds())
	fmt.Printf("submit latency p50 %s  p95 %s  p99 %s  max %s\n", pct(.5), pct(.95), pct(.99), lat[len(lat)-1].Round(time.Microsecond))
	return nil
}

// parallel runs fn for i in [0, n) on c workers; the first error stops it.
func parallel(n, c int, fn func(worker, i int) error) error {
	var wg sync.WaitGroup
	var mu sync.Mutex
	var first error
	next := 0
	for w := range c {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				if first != nil || next >= n {
					mu.Unlock()
					return
				}
				i := next
				next++
				mu.Unlock()
				if err := fn(w, i); err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
					return
				}
			}
		}()
	}
	wg.Wait()
	if first != nil {
		return errors.Join(errors.New("load stopped"), first)
	}
	return nil
}
