// Command smd is the Serviceportal Migration Deutschland in one binary:
// `smd serve` runs the portal, the workbench, the API and the background
// workers; the other subcommands migrate, seed and inspect. This is the one
// place where the packages are wired together.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"syscall"
	_ "time/tzdata" // Europe/Berlin on hosts without a zoneinfo database

	"github.com/smd-oss/smd/config"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

const usage = `smd – Serviceportal Migration Deutschland

Usage:
  smd serve            serve portal, workbench, API and workers
  smd migrate          apply database migrations and exit
  smd seed --demo      create the demo authorities and accounts (idempotent);
                       --cases N [--authorities M] adds N load-test cases over M authorities
  smd audit verify     check every authority's audit chain
  smd quickcheck       read a Quick-Check request on stdin, print the result
                       (--lang de|en|tr|ar|uk; exit 2 with a problem document
                       for invalid input)
  smd docs check [--json] FILE…
                       check files as the upload pipeline does (exit 0 when
                       every file was examined)
  smd mrz              read 2 or 3 MRZ lines on stdin, print them as JSON
                       (exit 1 for input that is no MRZ)
  smd version          print the version

Configuration comes from SMD_* environment variables (see README.md).
`

func main() {
	if os.Getenv("GOGC") == "" {
		// The server's heap is small (tens of MB) and the machines have
		// memory to spare: collecting at 4× the live heap instead of 2×
		// frees about a tenth of the CPU for requests (docs/benchmarks.md).
		// GOGC in the environment overrides this.
		debug.SetGCPercent(400)
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// errUsage marks a command-line mistake (exit 2).
var errUsage = errors.New("usage")

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stdout, usage)
		return 0
	}
	if args[0] == "version" {
		fmt.Fprintf(stdout, "smd %s (%s)\n", version, runtime.Version())
		return 0
	}
	if args[0] == "quickcheck" {
		// Needs no configuration, database or network: law and messages
		// are in the binary.
		return quickcheckCmd(args[1:], os.Stdin, stdout, stderr)
	}
	if args[0] == "mrz" {
		return mrzCmd(args[1:], os.Stdin, stdout, stderr)
	}
	cfg, err := config.Load()
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	logger := newLogger(cfg, stderr)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	switch args[0] {
	case "serve":
		err = serve(ctx, cfg, logger)
	case "migrate":
		err = migrate(ctx, cfg, logger)
	case "seed":
		err = seedCmd(ctx, cfg, logger, args[1:], stdout)
	case "audit":
		err = auditCmd(ctx, cfg, args[1:], stdout)
	case "docs":
		return docsCmd(ctx, cfg, args[1:], stdout, stderr)
	default:
		err = fmt.Errorf("%w: unknown command %q", errUsage, args[0])
	}
	switch {
	case errors.Is(err, errUsage):
		fmt.Fprintf(stderr, "%v\n\n%s", err, usage)
		return 2
	case err != nil:
		logger.Error(args[0]+" failed", "err", err)
		return 1
	}
	return 0
}

// newLogger logs JSON in production (for log collectors) and text in dev
// mode (for people).
func newLogger(cfg *config.Config, w io.Writer) *slog.Logger {
	var level slog.Level
	if err := level.UnmarshalText([]byte(cfg.LogLevel)); err != nil {
		level = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: level}
	if cfg.Dev {
		return slog.New(slog.NewTextHandler(w, opts))
	}
	return slog.New(slog.NewJSONHandler(w, opts))
}
