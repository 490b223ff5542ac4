package sqlstore

import (
	"context"
	"embed"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
)

//go:embed migrations
var migrations embed.FS

// Migrate brings the schema up to date: our own tables (goose, one folder per
// dialect, embedded in the binary) and then River's job tables. It is safe
// to run on every start and from several instances: both tools keep a
// version table and skip what is applied.
func (db *DB) Migrate(ctx context.Context) error {
	sub, err := fs.Sub(migrations, "migrations/"+string(db.Dialect))
	if err != nil {
		return err
	}
	dialect := goose.DialectSQLite3
	var opts []goose.ProviderOption
	if db.Dialect == Postgres {
		dialect = goose.DialectPostgres
		// Instances starting together take turns; SQLite needs no lock
		// because its single writer already serialises them.
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	p, err := goose.NewProvider(dialect, db.Write, sub, opts...)
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return db.migrateRiver(ctx)
}

func (db *DB) migrateRiver(ctx context.Context) error {
	var err error
	if db.Dialect == SQLite {
		err = migrateJobs(ctx, riversqlite.New(db.Write))
	} else {
		err = migrateJobs(ctx, riverdatabasesql.New(db.Write))
	}
	if err != nil {
		return fmt.Errorf("migrate job tables: %w", err)
	}
	return nil
}

func migrateJobs[TTx any](ctx context.Context, d riverdriver.Driver[TTx]) error {
	m, err := rivermigrate.New(d, nil)
	if err != nil {
		return err
	}
	_, err = m.Migrate(ctx, rivermigrate.DirectionUp, nil)
	return err
}
