package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/smd-oss/smd/config"
	"github.com/smd-oss/smd/doccheck"
)

// newChecker is the document checker with the deployment's scanner and OCR.
func newChecker(cfg *config.Config) *doccheck.Checker {
	ch := doccheck.New()
	if n, addr, ok := strings.Cut(cfg.Clamd, ":"); ok {
		ch.Scanner = &doccheck.Clamd{Network: n, Address: addr}
	}
	if cfg.OCR == "auto" {
		ch.OCR = doccheck.FindTesseract()
	}
	return ch
}

// docsCmd is `smd docs check [--json] FILE…`: each file through the upload
// pipeline, one report per file (interfaces.md). Exit 0 when every file
// was examined, whatever the verdict; 1 when a file could not be read; 2
// for a usage mistake.
func docsCmd(ctx context.Context, cfg *config.Config, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "check" {
		fmt.Fprintln(stderr, "usage: smd docs check [--json] FILE…")
		return 2
	}
	fs := flag.NewFlagSet("docs check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "one JSON object per line and file")
	var people personFlags
	fs.Var(&people, "person", "a person of the application, SURNAME|GIVEN NAMES|YYYY-MM-DD|NAT (repeatable; the first is the applicant): the files are cross-checked with them")
	if err := fs.Parse(args[1:]); err != nil || fs.NArg() == 0 {
		fmt.Fprintln(stderr, "usage: smd docs check [--json] [--person SURNAME|GIVEN|YYYY-MM-DD|NAT]… FILE…")
		return 2
	}
	ch := newChecker(cfg)
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	status := 0
	for _, name := range fs.Args() {
		content, err := readLimited(name, ch.Limits.MaxBytes)
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", name, err)
			status = 1
			continue
		}
		r := ch.Check(ctx, name, content)
		doccheck.CrossCheck(r, people, time.Time{})
		if *asJSON {
			if err := enc.Encode(r); err != nil {
				return 1
			}
			continue
		}
		verdict := "angenommen"
		if !r.Accepted {
			verdict = "abgelehnt"
		}
		fmt.Fprintf(stdout, "%s: %s, %s, Kategorie %s (%.2f)\n", name, verdict, r.MIME, r.Category, r.Confidence)
		for _, f := range r.Findings {
			fmt.Fprintf(stdout, "  %-7s %s: %s\n", f.Severity, f.Code, f.Message)
		}
		if r.MRZ != nil {
			fmt.Fprintf(stdout, "  MRZ %s %s, %s %s, gültig: %v\n", r.MRZ.Format, r.MRZ.DocumentNumber, r.MRZ.Surname, r.MRZ.GivenNames, r.MRZ.Valid)
		}
	}
	return status
}

// readLimited reads a file, at most one byte more than the limit, so that
// a huge file is judged too large without being read whole.
func readLimited(name string, limit int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, limit+1))
}

// personFlags are the --person arguments.
type personFlags []doccheck.Person

func (p *personFlags) String() string { return fmt.Sprint(len(*p)) }

// Set parses SURNAME|GIVEN NAMES|YYYY-MM-DD|NAT; the last two may be empty.
func (p *personFlags) Set(v string) error {
	parts := strings.Split(v, "|")
	if len(parts) < 2 || len(parts) > 4 || strings.TrimSpace(parts[0]) == "" {
		return fmt.Errorf("want SURNAME|GIVEN NAMES|YYYY-MM-DD|NAT, got %q", v)
	}
	person := doccheck.Person{Surname: parts[0], GivenNames: parts[1]}
	if len(parts) > 2 && parts[2] != "" {
		t, err := time.Parse(time.DateOnly, parts[2])
		if err != nil {
			return fmt.Errorf("birth date %q: want YYYY-MM-DD", parts[2])
		}
		person.BirthDate = t
	}
	if len(parts) > 3 {
		person.Nationality = parts[3]
	}
	*p = append(*p, person)
	return nil
}
