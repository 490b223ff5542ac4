// Package sqlstore implements the stores of package smd on SQLite
// (modernc.org/sqlite, the embedded default) and PostgreSQL (pgx), with
// hand-written SQL, one file per aggregate. Most statements serve both
// databases; the few differences live in dialect.go.
package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver
)

// DB is the database of one deployment. On SQLite it holds one writer
// connection and a separate read pool, because SQLite allows one writer at
// a time and readers must not queue behind it; on PostgreSQL both are one pool.
type DB struct {
	Dialect Dialect
	// Write runs every statement of a transaction and every change.
	Write *sql.DB
	// Read serves reads outside transactions.
	Read *sql.DB
	// URL is the address the database was opened with (without secrets
	// removed: never log it).
	URL string
	now func() time.Time
}

// Open connects to the database named by rawURL: "sqlite:PATH" (the file is
// created with its folder when missing) or "postgres://…". It does not
// migrate; call Migrate. EINVALID-style errors are plain errors here,
// because a wrong URL is an operator's mistake reported at start-up.
func Open(ctx context.Context, rawURL string) (*DB, error) {
	switch {
	case strings.HasPrefix(rawURL, "sqlite:"):
		return openSQLite(ctx, rawURL)
	case strings.HasPrefix(rawURL, "postgres://"), strings.HasPrefix(rawURL, "postgresql://"):
		return openPostgres(ctx, rawURL)
	}
	return nil, fmt.Errorf("database URL must start with sqlite: or postgres://, got %q", redact(rawURL))
}

// SQLitePath returns the file path of a sqlite: URL.
func SQLitePath(rawURL string) string {
	p := strings.TrimPrefix(rawURL, "sqlite:")
	p = strings.TrimPrefix(p, "//")
	if i := strings.IndexByte(p, '?'); i >= 0 {
		p = p[:i]
	}
	return p
}

func openSQLite(ctx context.Context, rawURL string) (*DB, error) {
	path := SQLitePath(rawURL)
	if path == "" {
		return nil, fmt.Errorf("sqlite URL %q names no file", rawURL)
	}
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("create database folder: %w", err)
		}
	}
	// WAL lets readers run beside the writer; synchronous=FULL makes a
	// commit durable before it is acknowledged (a served confirmation page
	// must survive a power cut, not only a crash); BEGIN IMMEDIATE takes the
	// write lock up front so that transactions never fail half-way on a lock
	// upgrade.
	common := "_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)&_time_format=sqlite"
	wdsn := "file:" + path + "?" + common + "&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_txlock=immediate"
	w, err := sql.Open("sqlite", wdsn)
	if err != nil {
		return nil, err
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	w.SetConnMaxLifetime(0)
	if err := w.PingContext(ctx); err != nil {
		w.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	r, err := sql.Open("sqlite", "file:"+path+"?"+common+"&_pragma=query_only(1)")
	if err != nil {
		w.Close()
		return nil, err
	}
	r.SetMaxOpenConns(max(4, runtime.NumCPU()*2))
	r.SetMaxIdleConns(max(4, runtime.NumCPU()*2))
	return &DB{Dialect: SQLite, Write: w, Read: r, URL: rawURL, now: defaultNow}, nil
}

func openPostgres(ctx context.Context, rawURL string) (*DB, error) {
	db, err := sql.Open("pgx", rawURL)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(max(10, runtime.NumCPU()*4))
	db.SetMaxIdleConns(max(10, runtime.NumCPU()*4))
	db.SetConnMaxIdleTime(5 * time.Minute)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to postgres %s: %w", redact(rawURL), err)
	}
	return &DB{Dialect: Postgres, Write: db, Read: db, URL: rawURL, now: defaultNow}, nil
}

// Close closes both pools.
func (db *DB) Close() error {
	err := db.Write.Close()
	if db.Read != db.Write {
		if rerr := db.Read.Close(); err == nil {
			err = rerr
		}
	}
	return err
}

// Ping checks that the database answers on both pools.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.Read.PingContext(ctx); err != nil {
		return err
	}
	var one int
	return db.Write.QueryRowContext(ctx, "SELECT 1").Scan(&one)
}

// Now returns the current time as stored: UTC, truncated to microseconds
// (PostgreSQL's precision), so that a value reads back exactly as written.
func (db *DB) Now() time.Time { return db.now() }

// SetClock replaces the clock, for tests.
func (db *DB) SetClock(now func() time.Time) { db.now = now }

func defaultNow() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

// redact hides the password in a database URL for messages.
func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable URL)"
	}
	return u.Redacted()
}
