package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"

	"github.com/smd-oss/smd/accounts"
	"github.com/smd-oss/smd/config"
	"github.com/smd-oss/smd/password"
	"github.com/smd-oss/smd/seed"
)

// seedCmd creates the demo data. Outside dev mode it needs an explicit
// SMD_DEMO_PASSWORD, because the default one is refused there anyway.
func seedCmd(ctx context.Context, cfg *config.Config, logger *slog.Logger, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	demo := fs.Bool("demo", false, "create the demo authorities and accounts")
	if err := fs.Parse(args); err != nil || !*demo || fs.NArg() > 0 {
		return fmt.Errorf("%w: seed needs --demo", errUsage)
	}
	pw := cfg.DemoPassword
	if pw == "" {
		if !cfg.Dev {
			return fmt.Errorf("outside dev mode set SMD_DEMO_PASSWORD: the default demo password is accepted only with SMD_DEV=true")
		}
		pw = accounts.DefaultDemoPassword
	}
	a, err := openApp(ctx, cfg, logger)
	if err != nil {
		return err
	}
	defer a.Close()
	na, nu, err := seed.Demo(ctx, seed.Stores{Tx: a.db, Authorities: a.authorities, Users: a.users}, pw, password.Default)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "demo data: %d authorities and %d accounts created\n", na, nu)
	return nil
}
