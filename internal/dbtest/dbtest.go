// Package dbtest runs a test against both databases: each call to Each
// runs the test body as the subtests "sqlite" and "postgres", each with a
// fresh, migrated database of its own. Test output therefore names every
// test twice, once per database, which is how `make test` shows that the
// same tests ran on both.
package dbtest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/smd-oss/smd/internal/pgtest"
	"github.com/smd-oss/smd/sqlstore"
)

// Each runs fn once on SQLite and once on PostgreSQL.
func Each(t *testing.T, fn func(t *testing.T, db *sqlstore.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLite(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, Postgres(t)) })
}

// SQLite returns a migrated database in a file of the test's temp dir.
func SQLite(t testing.TB) *sqlstore.DB {
	t.Helper()
	return open(t, "sqlite:"+filepath.Join(t.TempDir(), "smd.db"), true)
}

// Postgres returns a fresh database cloned from a migrated template (see
// internal/pgtest for where the server comes from, and when a missing one
// is a skip or, under CI=true, a failure).
func Postgres(t testing.TB) *sqlstore.DB {
	t.Helper()
	url := pgtest.NewDatabase(t, "smd", func(ctx context.Context, url string) error {
		db, err := sqlstore.Open(ctx, url)
		if err != nil {
			return err
		}
		defer db.Close()
		return db.Migrate(ctx)
	})
	return open(t, url, false)
}

// URL returns a fresh database's URL without opening it, for tests that
// start the binary: "sqlite" or "postgres".
func URL(t testing.TB, dialect string) string {
	t.Helper()
	if dialect == "sqlite" {
		return "sqlite:" + filepath.Join(t.TempDir(), "smd.db")
	}
	db := Postgres(t)
	u := db.URL
	db.Close()
	return u
}

func open(t testing.TB, url string, migrate bool) *sqlstore.DB {
	t.Helper()
	ctx := context.Background()
	db, err := sqlstore.Open(ctx, url)
	if err != nil {
		t.Fatalf("open %s: %v", url, err)
	}
	t.Cleanup(func() { db.Close() })
	if migrate {
		if err := db.Migrate(ctx); err != nil {
			t.Fatalf("migrate: %v", err)
		}
	}
	return db
}

// Main runs the package's tests, then the given cleanups (e.g.
// browsertest.Close), then stops a throw-away PostgreSQL cluster if one was
// started. Call it from TestMain.
func Main(m *testing.M, cleanups ...func()) {
	code := m.Run()
	for _, c := range cleanups {
		c()
	}
	pgtest.Shutdown()
	os.Exit(code)
}
