package pgtest

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

func TestMain(m *testing.M) {
	if os.Getenv(crashHelperEnv) == "1" {
		crashHelper()
	}
	code := m.Run()
	Shutdown()
	os.Exit(code)
}

// createItems is a prepare function standing in for migrations.
func createItems(ctx context.Context, url string) error {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, "CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL)")
	return err
}

func connect(t *testing.T, url string) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(t.Context(), url)
	if err != nil {
		t.Fatalf("connect %s: %v", url, err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

func countItems(t *testing.T, conn *pgx.Conn) int {
	t.Helper()
	var n int
	if err := conn.QueryRow(t.Context(), "SELECT count(*) FROM items").Scan(&n); err != nil {
		t.Fatalf("count items: %v", err)
	}
	return n
}

func TestDatabasesFromOneKeyAreIndependent(t *testing.T) {
	url1 := NewDatabase(t, "independent", createItems)
	url2 := NewDatabase(t, "independent", createItems)
	if url1 == url2 {
		t.Fatalf("both databases have URL %s", url1)
	}
	c1, c2 := connect(t, url1), connect(t, url2)

	// The table made by prepare exists in both clones.
	if _, err := c1.Exec(t.Context(), "INSERT INTO items VALUES (1, 'one')"); err != nil {
		t.Fatalf("insert into first database: %v", err)
	}
	if n := countItems(t, c1); n != 1 {
		t.Errorf("first database has %d items, want 1", n)
	}
	if n := countItems(t, c2); n != 0 {
		t.Errorf("second database has %d items, want 0: the row leaked across databases", n)
	}
}

// keySeq keeps keys of tests that count prepare calls fresh under -count=N,
// since templates live for the whole process.
var keySeq atomic.Int32

func uniqueKey(base string) string { return fmt.Sprintf("%s-%d", base, keySeq.Add(1)) }

func TestPrepareRunsOncePerKey(t *testing.T) {
	key, otherKey := uniqueKey("once"), uniqueKey("once")
	var calls atomic.Int32
	prepare := func(ctx context.Context, url string) error {
		calls.Add(1)
		return createItems(ctx, url)
	}
	// Parallel subtests race for the template: exactly one may prepare
	// it, and every clone must succeed although clones run concurrently.
	t.Run("group", func(t *testing.T) {
		for i := range 8 {
			t.Run(strconv.Itoa(i), func(t *testing.T) {
				t.Parallel()
				conn := connect(t, NewDatabase(t, key, prepare))
				countItems(t, conn)
			})
		}
	})
	if n := calls.Load(); n != 1 {
		t.Errorf("prepare ran %d times for one key, want 1", n)
	}

	// Another key gets its own template and its own preparation.
	var otherCalls atomic.Int32
	NewDatabase(t, otherKey, func(ctx context.Context, url string) error {
		otherCalls.Add(1)
		return nil
	})
	if n := otherCalls.Load(); n != 1 {
		t.Errorf("prepare for a second key ran %d times, want 1", n)
	}
}

func TestPrepareLeavingConnectionOpen(t *testing.T) {
	// A prepare function that forgets to close its connection must not
	// make cloning fail.
	url := NewDatabase(t, "leaky", func(ctx context.Context, url string) error {
		conn, err := pgx.Connect(ctx, url)
		if err != nil {
			return err
		}
		_, err = conn.Exec(ctx, "CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL)")
		return err // conn deliberately left open
	})
	countItems(t, connect(t, url))
	countItems(t, connect(t, NewDatabase(t, "leaky", nil)))
}

func TestPrepareErrorIsReported(t *testing.T) {
	s, err := getServer()
	if err != nil {
		t.Skipf("no server: %v", err)
	}
	boom := errors.New("boom")
	key := uniqueKey("failing")
	for range 2 {
		_, err := getTemplate(t.Context(), s, key, func(context.Context, string) error { return boom })
		if !errors.Is(err, boom) {
			t.Fatalf("getTemplate error = %v, want it to wrap %v", err, boom)
		}
	}
}

func TestDatabaseDroppedAfterCleanup(t *testing.T) {
	var name string
	t.Run("user", func(t *testing.T) {
		url := NewDatabase(t, "dropped", createItems)
		conn := connect(t, url) // left open on purpose: the drop must force it closed
		if err := conn.QueryRow(t.Context(), "SELECT current_database()").Scan(&name); err != nil {
			t.Fatal(err)
		}
	})
	if name == "" {
		t.Fatal("subtest did not report its database name")
	}
	s, err := getServer()
	if err != nil {
		t.Fatal(err)
	}
	admin := connect(t, s.adminURL)
	var exists bool
	err = admin.QueryRow(t.Context(), "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists)
	if err != nil {
		t.Fatal(err)
	}
	if exists {
		t.Errorf("database %s still exists after the test's cleanup", name)
	}
}

func TestNewNameIsValidAndUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, hint := range []string{"", "Migrations-v2", strings.Repeat("x", 100), "ünïcode; DROP"} {
		name := newName("smdtpl", hint)
		if len(name) > 63 || strings.Trim(name, "abcdefghijklmnopqrstuvwxyz0123456789_") != "" {
			t.Errorf("newName(%q) = %q: not a plain identifier of at most 63 bytes", hint, name)
		}
		if !strings.Contains(name, strconv.Itoa(os.Getpid())) {
			t.Errorf("newName(%q) = %q lacks the pid", hint, name)
		}
		if seen[name] {
			t.Errorf("newName returned %q twice", name)
		}
		seen[name] = true
	}
}

func TestDBURLReplacesDatabaseOnly(t *testing.T) {
	s := &server{adminURL: "postgres://u:p%40ss@db.example:6543/admin?sslmode=require&dbname=admin&application_name=x"}
	got := s.dbURL("smdt_1")
	want := "postgres://u:p%40ss@db.example:6543/smdt_1?application_name=x&sslmode=require"
	if got != want {
		t.Errorf("dbURL = %s, want %s", got, want)
	}
}

func TestMissingPostgresSkipsExceptInCI(t *testing.T) {
	_, err := firstBinDir([]string{t.TempDir()})
	if !errors.Is(err, errNoBinaries) {
		t.Fatalf("firstBinDir(empty dir) error = %v, want errNoBinaries", err)
	}
	wrapped := fmt.Errorf("pgtest: throw-away cluster: %w", err)
	for _, tc := range []struct {
		ci        string
		err       error
		wantFatal bool
	}{
		{"", wrapped, false},
		{"false", wrapped, false},
		{"true", wrapped, true},
		{"", errors.New("initdb: exit status 1"), true},
	} {
		t.Setenv("CI", tc.ci)
		rec := &recordingTB{TB: t}
		failOrSkip(rec, tc.err)
		if rec.fatal != tc.wantFatal || rec.skip == tc.wantFatal {
			t.Errorf("CI=%q, err %v: fatal=%v skip=%v, want fatal=%v", tc.ci, tc.err, rec.fatal, rec.skip, tc.wantFatal)
		}
	}
}

// recordingTB records Fatal and Skip instead of stopping the test.
type recordingTB struct {
	testing.TB
	fatal, skip bool
}

func (r *recordingTB) Helper()      {}
func (r *recordingTB) Fatal(...any) { r.fatal = true }
func (r *recordingTB) Skip(...any)  { r.skip = true }

// requireBinaries skips (or, under CI=true, fails) like NewDatabase does
// when the cluster path cannot be exercised at all.
func requireBinaries(t *testing.T) {
	t.Helper()
	if _, err := findBinDir(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
}

// TestThrowAwayCluster exercises the no-URL path directly, so it is covered
// even when the rest of the run uses SMD_TEST_POSTGRES_URL.
func TestThrowAwayCluster(t *testing.T) {
	requireBinaries(t)
	start := time.Now()
	c, err := startCluster()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("cluster started in %v", time.Since(start))
	stopped := false
	defer func() {
		if !stopped {
			c.stop()
		}
	}()

	conn := connect(t, c.adminURL())
	for setting, want := range map[string]string{
		"fsync":                   "off",
		"synchronous_commit":      "off",
		"full_page_writes":        "off",
		"listen_addresses":        "127.0.0.1",
		"unix_socket_directories": c.dir,
		"server_encoding":         "UTF8",
		"lc_collate":              "C",
	} {
		var got string
		if err := conn.QueryRow(t.Context(), "SELECT current_setting($1)", setting).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s = %q, want %q", setting, got, want)
		}
	}
	var major int
	if err := conn.QueryRow(t.Context(), "SELECT current_setting('server_version_num')::int / 10000").Scan(&major); err != nil {
		t.Fatal(err)
	}
	t.Logf("PostgreSQL %d in %s", major, c.dir)
	conn.Close(t.Context())

	stopped = true
	if err := c.stop(); err != nil {
		t.Fatalf("stop: %v", err)
	}
	if _, err := os.Stat(c.dir); !os.IsNotExist(err) {
		t.Errorf("cluster directory %s still exists after stop (stat: %v)", c.dir, err)
	}
	if processAlive(c.cmd.Process.Pid) {
		t.Errorf("postmaster %d still running after stop", c.cmd.Process.Pid)
	}
	if nc, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", c.port), time.Second); err == nil {
		nc.Close()
		t.Errorf("port %d still accepts connections after stop", c.port)
	}
}

const crashHelperEnv = "PGTEST_CRASH_HELPER"

// crashHelper runs in a child test process: it starts a cluster, reports
// it, and exits without Shutdown, as a crashing test process would.
func crashHelper() {
	c, err := startCluster()
	if err != nil {
		fmt.Println("error", err)
		os.Exit(2)
	}
	fmt.Println("cluster", c.dir, c.cmd.Process.Pid)
	os.Exit(3)
}

// TestCrashedProcessLeavesNoServer checks that a test process dying without
// Shutdown takes its postmaster with it, and that the next cluster start
// removes the orphaned directory.
func TestCrashedProcessLeavesNoServer(t *testing.T) {
	requireBinaries(t)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), crashHelperEnv+"=1")
	cmd.Stderr = os.Stderr
	out, _ := cmd.Output() // exits with 3 by design
	var dir string
	var pid int
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	for sc.Scan() {
		if f := strings.Fields(sc.Text()); len(f) == 3 && f[0] == "cluster" {
			dir = f[1]
			pid, _ = strconv.Atoi(f[2])
		}
	}
	if dir == "" {
		t.Fatalf("helper did not start a cluster; output:\n%s", out)
	}
	defer os.RemoveAll(dir)

	deadline := time.Now().Add(15 * time.Second)
	for processAlive(pid) && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if processAlive(pid) {
		stopStalePostmaster(dir)
		t.Fatalf("postmaster %d of crashed process still running", pid)
	}
	// The orphaned directory normally remains until the next start; a
	// concurrent test process starting a cluster may already have removed it.
	removeStaleClusters()
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("orphaned cluster directory %s not removed (stat: %v)", dir, err)
	}
}

// BenchmarkNewDatabase measures creating (and dropping) one clone of a
// prepared template on whichever server this run uses, for a one-table
// schema and for a 60-table schema closer to a real migrated database.
func BenchmarkNewDatabase(b *testing.B) {
	wide := func(ctx context.Context, url string) error {
		conn, err := pgx.Connect(ctx, url)
		if err != nil {
			return err
		}
		defer conn.Close(ctx)
		for i := range 60 {
			_, err := conn.Exec(ctx, fmt.Sprintf(`CREATE TABLE t%d (id bigserial PRIMARY KEY, a text UNIQUE,
				b jsonb, c timestamptz NOT NULL DEFAULT now()); CREATE INDEX ON t%d (c)`, i, i))
			if err != nil {
				return err
			}
		}
		return nil
	}
	for _, bc := range []struct {
		name    string
		prepare func(context.Context, string) error
	}{{"1-table", createItems}, {"60-tables", wide}} {
		b.Run(bc.name, func(b *testing.B) {
			NewDatabase(b, "bench-"+bc.name, bc.prepare) // prepare the template outside the timing
			b.ResetTimer()
			for b.Loop() {
				sub := &cleanupRunner{TB: b}
				NewDatabase(sub, "bench-"+bc.name, bc.prepare)
				sub.runCleanups()
			}
		})
	}
}

// cleanupRunner lets the benchmark include the drop in each iteration
// instead of piling up b.N databases until the benchmark ends.
type cleanupRunner struct {
	testing.TB
	cleanups []func()
}

func (c *cleanupRunner) Cleanup(f func()) { c.cleanups = append(c.cleanups, f) }

func (c *cleanupRunner) runCleanups() {
	for i := len(c.cleanups) - 1; i >= 0; i-- {
		c.cleanups[i]()
	}
	c.cleanups = nil
}
