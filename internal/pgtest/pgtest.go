// Package pgtest gives each Go test its own fresh, migrated PostgreSQL
// database.
//
// Running migrations for every test is slow, and sharing one database
// between tests makes them depend on each other. Instead, NewDatabase
// prepares a template database once per test process (per key), and clones
// it for every test with CREATE DATABASE ... TEMPLATE, which copies the
// prepared files instead of replaying migrations (about 25 ms per database
// on the throw-away cluster; see BenchmarkNewDatabase).
//
// The server is chosen once per test process:
//
//   - If SMD_TEST_POSTGRES_URL is set, it is used as an admin URL (a
//     superuser, or a role with CREATEDB that may terminate backends), e.g.
//     postgres://postgres@127.0.0.1:5432/test?sslmode=disable.
//   - Otherwise a throw-away cluster is initialised from the local
//     PostgreSQL binaries (preferring /usr/lib/postgresql/15/bin) in a
//     temporary directory (on tmpfs when /dev/shm allows) and started on a
//     free loopback port with durability switched off. As root, initdb and postgres run as the
//     "postgres" system user, because both refuse to run as root.
//   - If neither is possible, tests are skipped, except when CI=true, where
//     they fail: in CI a skipped PostgreSQL test is a failure.
//
// Packages using pgtest must call Shutdown from TestMain:
//
//	func TestMain(m *testing.M) {
//		code := m.Run()
//		pgtest.Shutdown()
//		os.Exit(code)
//	}
//
// If the test process dies without calling Shutdown (a crash, a -timeout
// panic, SIGKILL), the kernel stops the throw-away server (Pdeathsig on
// Linux), and the next test process that starts a cluster deletes the
// orphaned directory. Template databases left on an SMD_TEST_POSTGRES_URL
// server by a crashed process are not cleaned up automatically; they are
// named smdtpl_<pid>_... and may be dropped by hand.
//
// Several test processes (one per package under `go test ./...`) may share
// one server: every database name carries the process id and a random
// suffix, so processes never touch each other's databases.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// EnvURL names the environment variable holding the admin URL of an
// existing server to use instead of a throw-away cluster.
const EnvURL = "SMD_TEST_POSTGRES_URL"

// adminTimeout bounds each administrative step (connect, CREATE DATABASE,
// DROP DATABASE), so that a wedged server fails the test with a message
// instead of hanging until the go test -timeout panic.
const adminTimeout = time.Minute

// server is the PostgreSQL server this process creates databases on.
type server struct {
	adminURL string
	cluster  *cluster // nil when the server came from EnvURL
	// cloneOptions is appended to CREATE DATABASE ... TEMPLATE.
	cloneOptions string
}

var state struct {
	mu      sync.Mutex
	started bool // start attempted; srv/err hold the outcome
	closed  bool // Shutdown has been called
	srv     *server
	err     error
}

// getServer returns this process's server, starting a throw-away cluster on
// first use if EnvURL is not set. The outcome of the first attempt is
// remembered: if it failed, every later call fails the same way instead of
// paying for another failing start.
func getServer() (*server, error) {
	state.mu.Lock()
	defer state.mu.Unlock()
	if state.closed {
		return nil, errors.New("pgtest: Shutdown has already been called")
	}
	if !state.started {
		state.started = true
		state.srv, state.err = newServer()
	}
	return state.srv, state.err
}

func newServer() (*server, error) {
	if u := os.Getenv(EnvURL); u != "" {
		pu, err := url.Parse(u)
		if err != nil || (pu.Scheme != "postgres" && pu.Scheme != "postgresql") {
			// The value itself is not echoed: it may hold a password.
			return nil, errors.New("pgtest: " + EnvURL + " must be a postgres:// or postgresql:// URL")
		}
		return &server{adminURL: u}, nil
	}
	c, err := startCluster()
	if err != nil {
		return nil, fmt.Errorf("pgtest: throw-away cluster: %w", err)
	}
	s := &server{adminURL: c.adminURL(), cluster: c}
	if c.version >= 150000 {
		// PostgreSQL 15's default WAL_LOG strategy writes every page of
		// the template into the WAL, so it grows with the schema; FILE_COPY
		// copies files and pays for two checkpoints instead, which cost
		// little with fsync off on tmpfs. Measured on a 60-table template:
		// 40 ms against 25 ms. Not used on an SMD_TEST_POSTGRES_URL server,
		// where fsync is usually on and checkpoints are expensive.
		s.cloneOptions = " STRATEGY FILE_COPY"
	}
	return s, nil
}

// dbURL returns the URL of database name on s: the admin URL with the
// database replaced, so user, password, host and options (sslmode, ...)
// are exactly those that already work for the admin connection.
func (s *server) dbURL(name string) string {
	u, err := url.Parse(s.adminURL)
	if err != nil {
		panic(err) // validated in newServer
	}
	u.Path = "/" + name
	u.RawPath = ""
	q := u.Query()
	if q.Has("dbname") { // would override the path
		q.Del("dbname")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// exec runs one administrative statement on its own connection to the
// admin database. A fresh connection per statement costs about a
// millisecond on loopback and keeps nothing open that could block a DROP
// DATABASE or CREATE DATABASE ... TEMPLATE.
func (s *server) exec(ctx context.Context, sql string, args ...any) error {
	ctx, cancel := context.WithTimeout(ctx, adminTimeout)
	defer cancel()
	conn, err := pgx.Connect(ctx, s.adminURL)
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	_, err = conn.Exec(ctx, sql, args...)
	return err
}

// createMu serialises CREATE DATABASE within this process. Cloning a
// template fails if any other session uses the template at that moment, and
// concurrent clones from parallel tests were the usual way to hit that.
var createMu sync.Mutex

// createDatabase runs a CREATE DATABASE statement, retrying for a few
// seconds while PostgreSQL reports the source database as in use (SQLSTATE
// 55006): the sessions of a just-finished prepare function may still be
// exiting. Other errors are returned at once.
func (s *server) createDatabase(ctx context.Context, sql string) error {
	createMu.Lock()
	defer createMu.Unlock()
	deadline := time.Now().Add(10 * time.Second)
	for {
		err := s.exec(ctx, sql)
		var pgErr *pgconn.PgError
		if err == nil || !errors.As(err, &pgErr) || pgErr.Code != "55006" || time.Now().After(deadline) {
			return err
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// processTag makes this process's database names unique on a shared server:
// the pid tells concurrent processes on one machine apart, and the random
// part covers pid reuse and processes on other machines.
var processTag = func() string {
	b := make([]byte, 4)
	rand.Read(b) // never fails (crypto/rand panics instead)
	return fmt.Sprintf("%d_%s", os.Getpid(), hex.EncodeToString(b))
}()

var nameSeq atomic.Uint64

var unsafeNameChars = regexp.MustCompile(`[^a-z0-9_]+`)

// newName returns a database name unique in this process and across
// processes: prefix, process tag, sequence number and an optional
// readable hint, cut to PostgreSQL's 63-byte identifier limit.
func newName(prefix, hint string) string {
	name := fmt.Sprintf("%s_%s_%d", prefix, processTag, nameSeq.Add(1))
	if hint = unsafeNameChars.ReplaceAllString(strings.ToLower(hint), "_"); hint != "" {
		name += "_" + hint
	}
	if len(name) > 63 {
		name = name[:63]
	}
	return name
}

// template is one prepared template database, created at most once.
type template struct {
	once sync.Once
	name string
	err  error
}

var templates struct {
	mu sync.Mutex
	m  map[string]*template
}

// getTemplate returns the template database for key, creating and
// preparing it on first use. Concurrent callers for the same key wait for
// the first one; a failure is remembered and returned to every later caller
// rather than re-running a prepare function that already failed.
func getTemplate(ctx context.Context, s *server, key string, prepare func(ctx context.Context, url string) error) (string, error) {
	templates.mu.Lock()
	if templates.m == nil {
		templates.m = make(map[string]*template)
	}
	tpl := templates.m[key]
	if tpl == nil {
		tpl = &template{name: newName("smdtpl", key)}
		templates.m[key] = tpl
	}
	templates.mu.Unlock()

	tpl.once.Do(func() { tpl.err = s.createTemplate(ctx, tpl.name, key, prepare) })
	return tpl.name, tpl.err
}

// createTemplate creates database name, runs prepare against it, and turns
// it into a template nobody can connect to.
//
// The template is created from template0 with UTF8 and the C locale, so
// that tests behave identically on a developer's server and on the
// throw-away cluster (initdb --locale=C), whatever template1 or the
// server's default locale happen to be.
//
// After prepare, connections are disallowed and any session prepare left
// open (an unclosed pool, say) is terminated, because a single connected
// session makes every later CREATE DATABASE ... TEMPLATE fail.
func (s *server) createTemplate(ctx context.Context, name, key string, prepare func(ctx context.Context, url string) error) error {
	id := pgx.Identifier{name}.Sanitize()
	err := s.createDatabase(ctx, "CREATE DATABASE "+id+" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'")
	if err != nil {
		return fmt.Errorf("create template database for key %q: %w", key, err)
	}
	if prepare != nil {
		if err := prepare(ctx, s.dbURL(name)); err != nil {
			return fmt.Errorf("prepare template database for key %q: %w", key, err)
		}
	}
	if err := s.exec(ctx, "ALTER DATABASE "+id+" WITH ALLOW_CONNECTIONS false IS_TEMPLATE true"); err != nil {
		return fmt.Errorf("mark %s as template: %w", name, err)
	}
	err = s.exec(ctx, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", name)
	if err != nil {
		return fmt.Errorf("close leftover connections to template %s: %w", name, err)
	}
	return nil
}

// NewDatabase creates a fresh database for the test t and returns its
// connection URL (postgres://...; on the throw-away cluster always with
// sslmode=disable, otherwise with the options of SMD_TEST_POSTGRES_URL).
//
// The database is a clone of the template registered under key. The first
// call for a key in this process creates that template and runs
// prepare(ctx, templateURL) on it, typically to apply migrations; later
// calls with the same key reuse it and ignore their prepare argument, so
// all calls with one key must pass the same preparation. prepare may be nil
// for an empty database. prepare must close every connection it opens; any
// it leaves open are terminated. The template is dropped by Shutdown.
//
// The database is dropped in t.Cleanup, with FORCE, so connections the test
// left open do not stop the drop. A failed drop is reported with t.Errorf.
//
// NewDatabase is safe for concurrent use by parallel tests. It must be
// called from the test's own goroutine, since it never returns on failure:
// it calls t.Fatal if the server cannot be started or reached, or the
// template or database cannot be created (including when prepare failed,
// now or in an earlier call with the same key); and t.Skip when no
// PostgreSQL is available at all (no SMD_TEST_POSTGRES_URL, no binaries),
// except under CI=true, where that is t.Fatal too.
func NewDatabase(t testing.TB, key string, prepare func(ctx context.Context, url string) error) string {
	t.Helper()
	s, err := getServer()
	if err != nil {
		failOrSkip(t, err)
		return "" // only reached with a fake testing.TB
	}

	ctx := t.Context()
	tplName, err := getTemplate(ctx, s, key, prepare)
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}

	name := newName("smdt", "")
	err = s.createDatabase(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()+" TEMPLATE "+pgx.Identifier{tplName}.Sanitize()+s.cloneOptions)
	if err != nil {
		t.Fatalf("pgtest: create database from template %s: %v", tplName, err)
	}
	t.Cleanup(func() {
		// t.Context() is already cancelled when cleanups run.
		if err := s.exec(context.Background(), "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)"); err != nil {
			t.Errorf("pgtest: drop database %s: %v", name, err)
		}
	})
	return s.dbURL(name)
}

// failOrSkip stops the test because no server is available. Missing
// PostgreSQL altogether is a skip, so that a machine without it can still
// run the rest of the suite, except under CI=true, where the suite must
// cover PostgreSQL and a skip would hide that it did not. Any other error
// (PostgreSQL installed but failing to start, a bad URL) is always fatal.
func failOrSkip(t testing.TB, err error) {
	t.Helper()
	if !errors.Is(err, errNoBinaries) {
		t.Fatal(err)
		return
	}
	msg := fmt.Sprintf("pgtest: no PostgreSQL: %s is not set and %v; install postgresql-15 or set %s", EnvURL, errNoBinaries, EnvURL)
	if os.Getenv("CI") == "true" {
		t.Fatal(msg + " (CI=true: a skipped PostgreSQL test is a failure)")
		return
	}
	t.Skip(msg)
}

// Shutdown releases what this process created: it drops the template
// databases (on an SMD_TEST_POSTGRES_URL server; a throw-away cluster is
// deleted whole) and stops and removes the throw-away cluster. Call it from
// TestMain after m.Run. It is safe to call when nothing was started and to
// call more than once; after it, NewDatabase fails. Errors cannot change
// the test outcome at that point, so they are printed to stderr.
func Shutdown() {
	state.mu.Lock()
	defer state.mu.Unlock()
	state.closed = true
	s := state.srv
	state.srv = nil
	if s == nil {
		return
	}
	if s.cluster != nil {
		if err := s.cluster.stop(); err != nil {
			fmt.Fprintf(os.Stderr, "pgtest: remove throw-away cluster: %v\n", err)
		}
		return
	}

	templates.mu.Lock()
	defer templates.mu.Unlock()
	for _, tpl := range templates.m {
		id := pgx.Identifier{tpl.name}.Sanitize()
		ctx := context.Background()
		// A template cannot be dropped while marked as one. The ALTER fails
		// harmlessly if the template was never created.
		s.exec(ctx, "ALTER DATABASE "+id+" WITH IS_TEMPLATE false")
		if err := s.exec(ctx, "DROP DATABASE IF EXISTS "+id+" WITH (FORCE)"); err != nil {
			fmt.Fprintf(os.Stderr, "pgtest: drop template database %s: %v\n", tpl.name, err)
		}
	}
	templates.m = nil
}
