// Command testreport reads `go test -json` from standard input and prints a
// short report: the output of every failed test, per package a line with
// its counts, how many tests ran on SQLite and on PostgreSQL (the subtests
// dbtest.Each names "sqlite" and "postgres"), and a closing line
// "N passed, N failed, N skipped". It exits 1 when anything failed, and,
// under CI=true, when anything was skipped: in CI a skipped browser or
// PostgreSQL test hides a gap.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
)

type event struct {
	Action  string
	Package string
	Test    string
	Output  string
	Elapsed float64
}

type pkgStats struct {
	pass, fail, skip int
	elapsed          float64
	failedBuild      bool
}

func main() {
	outputs := map[string][]string{} // package/test → lines
	pkgs := map[string]*pkgStats{}
	var failed, skipped []string
	var pass, fail, skip, sqlite, postgres int
	sc := bufio.NewScanner(os.Stdin)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		line := sc.Bytes()
		var e event
		if err := json.Unmarshal(line, &e); err != nil {
			fmt.Println(string(line)) // build errors arrive as plain text
			continue
		}
		p := pkgs[e.Package]
		if p == nil {
			p = &pkgStats{}
			pkgs[e.Package] = p
		}
		key := e.Package + " " + e.Test
		switch e.Action {
		case "output":
			if e.Test != "" || strings.Contains(e.Output, "FAIL") || strings.Contains(e.Output, "panic") {
				outputs[key] = append(outputs[key], e.Output)
			}
		case "pass", "fail", "skip":
			if e.Test == "" {
				p.elapsed = e.Elapsed
				if e.Action == "fail" && p.pass+p.fail+p.skip == 0 {
					p.failedBuild = true
					failed = append(failed, key)
				}
				continue
			}
			leaf := e.Test[strings.LastIndexByte(e.Test, '/')+1:]
			switch e.Action {
			case "pass":
				p.pass++
				pass++
				if leaf == "sqlite" {
					sqlite++
				} else if leaf == "postgres" {
					postgres++
				}
			case "fail":
				p.fail++
				fail++
				failed = append(failed, key)
			case "skip":
				p.skip++
				skip++
				skipped = append(skipped, key)
			}
		}
	}
	for _, k := range failed {
		fmt.Printf("\n--- FAIL: %s\n%s", k, strings.Join(outputs[k], ""))
	}
	for _, k := range skipped {
		reason := strings.TrimSpace(strings.Join(outputs[k], ""))
		fmt.Printf("--- SKIP: %s: %s\n", k, lastLine(reason))
	}
	names := make([]string, 0, len(pkgs))
	for n := range pkgs {
		names = append(names, n)
	}
	sort.Strings(names)
	fmt.Println()
	for _, n := range names {
		p := pkgs[n]
		status := "ok  "
		if p.fail > 0 || p.failedBuild {
			status = "FAIL"
		}
		if p.pass+p.fail+p.skip == 0 && !p.failedBuild {
			continue // no test files
		}
		fmt.Printf("%s %-50s %4d passed %3d failed %3d skipped %6.1fs\n", status, n, p.pass, p.fail, p.skip, p.elapsed)
	}
	fmt.Printf("\nDatabase subtests passed: %d on sqlite, %d on postgres\n", sqlite, postgres)
	fmt.Printf("%d passed, %d failed, %d skipped\n", pass, fail, skip)
	ci := os.Getenv("CI") == "true"
	switch {
	case fail > 0 || len(failed) > 0:
		os.Exit(1)
	case ci && skip > 0:
		fmt.Println("CI=true: skipped tests count as failures")
		os.Exit(1)
	case pass == 0:
		fmt.Println("no test ran")
		os.Exit(1)
	case ci && sqlite != postgres:
		fmt.Println("CI=true: the database tests did not run the same on both databases")
		os.Exit(1)
	}
}

func lastLine(s string) string {
	lines := strings.Split(s, "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}
