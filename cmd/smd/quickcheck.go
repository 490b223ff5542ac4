package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/smd-oss/smd/api"
	"github.com/smd-oss/smd/i18n"
	"github.com/smd-oss/smd/quickcheck"
	"github.com/smd-oss/smd/rules"
)

// quickcheckCmd is `smd quickcheck`: the API's Quick-Check on the command
// line. Exit 0 with the response, 2 with a problem document for invalid
// input, 1 when the binary itself is broken.
func quickcheckCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("quickcheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	lang := fs.String("lang", "de", "language of the explanations: de, en, tr, ar, uk")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		return 2
	}
	if _, ok := i18n.Lookup(*lang); !ok {
		fmt.Fprintf(stderr, "unknown language %q\n", *lang)
		return 2
	}
	law, err := rules.Load()
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	cat, err := i18n.Load()
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	req, err := quickcheck.Parse(stdin, rules.DateOf(time.Now()))
	if err != nil {
		inv, ok := err.(*quickcheck.Invalid)
		if !ok {
			inv = &quickcheck.Invalid{Errors: []quickcheck.FieldError{{Field: "body", Key: "qc.err.json"}}}
		}
		_ = enc.Encode(api.InvalidProblem(inv, cat, *lang))
		return 2
	}
	_ = enc.Encode(quickcheck.Build(string(req.Service), quickcheck.Run(law, req), cat, *lang))
	return 0
}
