package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"time"
)

// workbench measures the caseworker's two busiest pages on a seeded
// database (`smd seed --demo --cases N`): the first page of the inbox,
// filtered and in order of receipt, and the case page. It signs in as a
// demo caseworker and requests each page n times, one at a time, and
// prints the percentiles.
func workbench(args []string) error {
	fs := flag.NewFlagSet("workbench", flag.ContinueOnError)
	target := fs.String("url", "http://127.0.0.1:8080", "the server")
	email := fs.String("email", "sachbearbeitung@bonn.example", "demo caseworker")
	pw := fs.String("password", "demo", "password")
	n := fs.Int("n", 300, "requests per page (at most 10000)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := loopbackOnly(*target); err != nil {
		return err
	}
	*n = min(max(*n, 10), 10000)
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 30 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	req, _ := http.NewRequest("POST", *target+"/anmelden", strings.NewReader(url.Values{"email": {*email}, "passwort": {*pw}, "next": {"/arbeitsplatz"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		return fmt.Errorf("sign-in as %s: %d", *email, resp.StatusCode)
	}
	get := func(path string) (string, time.Duration, error) {
		t0 := time.Now()
		resp, err := c.Get(*target + path)
		if err != nil {
			return "", 0, err
		}
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		d := time.Since(t0)
		if resp.StatusCode != 200 {
			return "", d, fmt.Errorf("GET %s: %d", path, resp.StatusCode)
		}
		return string(b), d, err
	}
	queue := "/arbeitsplatz/eingang?leistung=einbuergerung&kanal=ONLINE&status=submitted"
	body, _, err := get(queue)
	if err != nil {
		return err
	}
	links := regexp.MustCompile(`href="(/arbeitsplatz/vorgaenge/[0-9a-f-]+)"`).FindAllStringSubmatch(body, -1)
	if len(links) == 0 {
		return errors.New("the inbox lists no cases: seed with `smd seed --demo --cases N` first")
	}
	total := regexp.MustCompile(`(\d+) Vorgänge`).FindStringSubmatch(body)
	report := func(name string, paths func(i int) string) error {
		lat := make([]time.Duration, 0, *n)
		for i := range *n {
			_, d, err := get(paths(i))
			if err != nil {
				return err
			}
			lat = append(lat, d)
		}
		sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
		pct := func(p float64) time.Duration {
			return lat[min(len(lat)-1, int(float64(len(lat))*p))].Round(10 * time.Microsecond)
		}
		fmt.Printf("%-40s n=%d  p50 %s  p95 %s  p99 %s  max %s\n", name, len(lat), pct(.5), pct(.95), pct(.99), lat[len(lat)-1].Round(10*time.Microsecond))
		return nil
	}
	if len(total) > 1 {
		fmt.Printf("inbox of %s, filter service+channel+status: %s matching cases\n", *email, total[1])
	}
	if err := report("inbox, filtered, first page (50)", func(int) string { return queue }); err != nil {
		return err
	}
	if err := report("inbox, unfiltered, first page (50)", func(int) string { return "/arbeitsplatz/eingang" }); err != nil {
		return err
	}
	if err := report("inbox, view waiting, first page (50)", func(int) string { return "/arbeitsplatz/eingang?ansicht=wartend" }); err != nil {
		return err
	}
	if err := report("inbox, view overdue, first page (50)", func(int) string { return "/arbeitsplatz/eingang?ansicht=ueberfaellig" }); err != nil {
		return err
	}
	return report("case page (unclaimed)", func(i int) string { return links[i%len(links)][1] })
}
