// Command smdcorpus makes the labelled evaluation corpus of the document
// checks and measures `smd docs check` on it (issue 6; `make eval`).
//
//	smdcorpus generate [-seed N] [-n COUNT] [-out DIR]
//	smdcorpus eval [-corpus DIR] [-smd BINARY] [-out FILE]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/smd-oss/smd/internal/corpus"
	"github.com/smd-oss/smd/internal/doceval"
	"github.com/smd-oss/smd/pdf"
)

const usage = `smdcorpus – the evaluation corpus of the document checks

Usage:
  smdcorpus generate [-seed N] [-n COUNT] [-out DIR]
      write COUNT labelled documents and DIR/truth.json (default ./var/corpus)
  smdcorpus eval [-corpus DIR] [-smd BINARY] [-out FILE]
      run "smd docs check --json" over the corpus and write the report
      (default docs/document-checks.md); without -smd, ./cmd/smd is built
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "generate":
		err = generate(args[1:], stdout)
	case "eval":
		err = evaluate(ctx, args[1:], stdout, stderr)
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		err = fmt.Errorf("%w: unknown command %q", errUsage, args[0])
	}
	switch {
	case errors.Is(err, errUsage) || errors.Is(err, flag.ErrHelp):
		fmt.Fprintf(stderr, "%v\n\n%s", err, usage)
		return 2
	case err != nil:
		fmt.Fprintln(stderr, "smdcorpus:", err)
		return 1
	}
	return 0
}

var errUsage = errors.New("usage")

func generate(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("generate", flag.ContinueOnError)
	seed := fs.Uint64("seed", 1, "random seed: the same seed gives the same corpus")
	n := fs.Int("n", 1000, "number of documents")
	out := fs.String("out", "var/corpus", "corpus directory (its docs/ and truth.json are replaced)")
	noFont := fs.Bool("no-font", false, "write every PDF with the standard fonts (no TrueType font installed)")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	opt := corpus.Options{Seed: *seed, Count: *n, Dir: *out}
	if !*noFont {
		regular, bold, ok := pdf.FindFont()
		if !ok {
			return errors.New("no TrueType font found (install fonts-dejavu-core), or pass -no-font")
		}
		f, err := corpus.LoadFonts(regular, bold)
		if err != nil {
			return err
		}
		opt.Fonts = f
	}
	start := time.Now()
	m, err := corpus.Generate(opt)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %d documents (seed %d) and %s to %s in %s\n", len(m.Documents), m.Seed,
		corpus.ManifestName, *out, time.Since(start).Round(time.Millisecond))
	return nil
}

func evaluate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	dir := fs.String("corpus", "var/corpus", "corpus directory")
	smd := fs.String("smd", "", "smd binary (default: build ./cmd/smd into a temporary directory)")
	out := fs.String("out", "docs/document-checks.md", "report file")
	jsonOut := fs.String("json", "", "also write the metrics as JSON to this file")
	person := fs.String("person-args", "", "arguments that give the command the applicant, checked file by file, e.g. "+
		"'--person={surname}|{given_names}|{birth_date}|{nationality}' (placeholders from truth.json)")
	command := fs.String("command", "smdcorpus eval", "how the report says it was made")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	return doceval.Main(ctx, doceval.Config{Corpus: *dir, SMD: *smd, Out: *out, JSON: *jsonOut,
		PersonArgs: strings.Fields(*person), Command: *command, Log: stderr, Stdout: stdout})
}
