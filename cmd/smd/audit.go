package main

import (
	"context"
	"fmt"
	"io"

	"github.com/smd-oss/smd/config"
	"github.com/smd-oss/smd/sqlstore"
)

// auditCmd checks the tamper-evident audit chains: `smd audit verify`.
func auditCmd(ctx context.Context, cfg *config.Config, args []string, stdout io.Writer) error {
	if len(args) != 1 || args[0] != "verify" {
		return fmt.Errorf("%w: audit needs verify", errUsage)
	}
	db, err := sqlstore.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer db.Close()
	list, err := sqlstore.NewAuthorityStore(db).ListAuthorities(ctx)
	if err != nil {
		return err
	}
	audit := sqlstore.NewAuditStore(db)
	broken := 0
	for _, a := range list {
		seq, err := audit.VerifyAudit(ctx, a.ID)
		if err != nil {
			return err
		}
		if seq != 0 {
			broken++
			fmt.Fprintf(stdout, "%s: chain broken at entry %d\n", a.Slug, seq)
		} else {
			fmt.Fprintf(stdout, "%s: ok\n", a.Slug)
		}
	}
	if broken > 0 {
		return fmt.Errorf("%d audit chains broken", broken)
	}
	return nil
}
