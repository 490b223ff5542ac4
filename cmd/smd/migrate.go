package main

import (
	"context"
	"log/slog"

	"github.com/smd-oss/smd/config"
)

// migrate applies the migrations (openApp does it) and exits.
func migrate(ctx context.Context, cfg *config.Config, logger *slog.Logger) error {
	a, err := openApp(ctx, cfg, logger)
	if err != nil {
		return err
	}
	defer a.Close()
	logger.Info("database is up to date", "dialect", a.db.Dialect)
	return nil
}
