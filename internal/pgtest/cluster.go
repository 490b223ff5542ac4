package pgtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
)

// clusterDirPrefix names the temporary directories of throw-away clusters.
// The owning test process's pid follows the prefix so that a later process
// can tell a directory left behind by a crashed process from one in use.
const clusterDirPrefix = "smd-pgtest-"

// startTimeout bounds how long we wait for a freshly started postmaster to
// accept connections. A healthy start takes well under a second; the bound
// only matters when something is broken, and then a clear error beats a hang.
const startTimeout = 30 * time.Second

// errNoBinaries reports that no PostgreSQL server binaries were found. It is
// the one start-up failure that NewDatabase turns into a skip (outside CI):
// every other failure means PostgreSQL is installed but broken, which must
// not be hidden.
var errNoBinaries = errors.New("no PostgreSQL server binaries (initdb, postgres) found")

// cluster is a throw-away PostgreSQL cluster owned by this process.
type cluster struct {
	dir     string // temp dir: data/ inside, also the unix socket directory
	port    int
	version int // server_version_num, e.g. 150020
	cmd     *exec.Cmd
	done    chan struct{} // closed when the postmaster has exited
}

// adminURL is the URL of the cluster's maintenance database as superuser.
func (c *cluster) adminURL() string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", c.port)
}

// findBinDir returns a directory holding both initdb and postgres. Version 15
// (what production runs) is preferred; then whatever initdb is on PATH
// (Debian's /usr/local/bin/initdb is a symlink, so it is resolved to find the
// matching postgres next to it); then any other Debian-style installation.
// It returns errNoBinaries when nothing usable exists.
func findBinDir() (string, error) {
	candidates := []string{"/usr/lib/postgresql/15/bin"}
	if p, err := exec.LookPath("initdb"); err == nil {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			p = r
		}
		candidates = append(candidates, filepath.Dir(p))
	}
	others, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Sort(sort.Reverse(sort.StringSlice(others))) // newest first (lexically; good enough as a fallback)
	return firstBinDir(append(candidates, others...))
}

// firstBinDir returns the first of dirs holding executable initdb and
// postgres, or errNoBinaries.
func firstBinDir(dirs []string) (string, error) {
	for _, dir := range dirs {
		if isExecutable(filepath.Join(dir, "initdb")) && isExecutable(filepath.Join(dir, "postgres")) {
			return dir, nil
		}
	}
	return "", errNoBinaries
}

func isExecutable(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular() && fi.Mode()&0o111 != 0
}

// serverCredential returns the identity to run initdb and postgres under.
// Both refuse to run as root, so as root we drop to the "postgres" system
// user; otherwise we run as ourselves (nil credential). The returned uid/gid
// own the cluster directory.
func serverCredential() (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, fmt.Errorf("running as root, and initdb refuses root, but there is no postgres user to drop to: %w", err)
	}
	uid, err := strconv.ParseUint(u.Uid, 10, 32)
	if err != nil {
		return nil, fmt.Errorf("postgres user uid %q: %w", u.Uid, err)
	}
	gid, err := strconv.ParseUint(u.Gid, 10, 32)
	if err != nil {
		return nil, fmt.Errorf("postgres user gid %q: %w", u.Gid, err)
	}
	// Groups empty on purpose: root's supplementary groups must not leak.
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid), Groups: []uint32{}}, nil
}

// startCluster initialises and starts a throw-away cluster in a new
// directory (see clusterParentDir). On success the caller owns the cluster and
// must call stop. On failure nothing is left behind (no process, no
// directory), and the error says which step failed with the server log
// attached where there is one. It returns an error wrapping errNoBinaries
// when PostgreSQL is not installed.
func startCluster() (*cluster, error) {
	binDir, err := findBinDir()
	if err != nil {
		return nil, err
	}
	cred, err := serverCredential()
	if err != nil {
		return nil, err
	}
	removeStaleClusters()

	dir, err := os.MkdirTemp(clusterParentDir(), fmt.Sprintf("%s%d-", clusterDirPrefix, os.Getpid()))
	if err != nil {
		return nil, fmt.Errorf("create cluster dir: %w", err)
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(dir)
		}
	}()
	if cred != nil {
		if err := os.Chown(dir, int(cred.Uid), int(cred.Gid)); err != nil {
			return nil, fmt.Errorf("chown cluster dir to postgres: %w", err)
		}
	}

	dataDir := filepath.Join(dir, "data")
	initdb := exec.Command(filepath.Join(binDir, "initdb"),
		"-D", dataDir, "-A", "trust", "-U", "postgres", "--no-sync",
		"-E", "UTF8", "--locale=C", "--no-instructions")
	initdb.Dir = dir // the postgres user may not be allowed into our working directory
	initdb.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	if out, err := initdb.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("initdb: %w\n%s", err, out)
	}

	// Picking a free port and then letting postgres bind it is racy when
	// several test processes start clusters at once, so a bind failure is
	// retried with a fresh port.
	for attempt := 1; ; attempt++ {
		c, err := startPostmaster(binDir, dir, dataDir, cred)
		if err == nil {
			ok = true
			return c, nil
		}
		if !errors.Is(err, errPortInUse) || attempt == 5 {
			return nil, err
		}
	}
}

var errPortInUse = errors.New("port already in use")

// startPostmaster runs postgres on a free loopback port and waits until it
// accepts connections. Durability is switched off (fsync, synchronous
// commit, full page writes) because the data is thrown away; this is what
// makes CREATE DATABASE and migrations fast.
func startPostmaster(binDir, dir, dataDir string, cred *syscall.Credential) (*cluster, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	logPath := filepath.Join(dir, "postgres.log")
	logFile, err := os.OpenFile(logPath, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open server log: %w", err)
	}
	defer logFile.Close() // the child keeps its own descriptor

	cmd := exec.Command(filepath.Join(binDir, "postgres"),
		"-D", dataDir,
		"-p", strconv.Itoa(port),
		"-c", "listen_addresses=127.0.0.1",
		"-c", "unix_socket_directories="+dir,
		"-c", "fsync=off",
		"-c", "synchronous_commit=off",
		"-c", "full_page_writes=off",
		"-c", "max_connections=200", // parallel tests each hold a pool
	)
	cmd.Dir = dir
	cmd.Stdout = logFile
	cmd.Stderr = logFile
	cmd.SysProcAttr = &syscall.SysProcAttr{
		Credential: cred,
		// Own process group: a Ctrl-C aimed at `go test` must not shut the
		// server down under still-running tests; the test process's
		// death reaches it through Pdeathsig instead.
		Setpgid: true,
		// If the test process dies without calling Shutdown (crash,
		// os.Exit, SIGKILL, timeout panic), the kernel sends SIGQUIT, which
		// makes the postmaster do an immediate shutdown of all its
		// backends. Pdeathsig fires when the creating *thread* exits, so
		// the goroutine below starts the process on a locked OS thread and
		// keeps that thread alive until the postmaster is gone.
		Pdeathsig: syscall.SIGQUIT,
	}

	c := &cluster{dir: dir, port: port, cmd: cmd, done: make(chan struct{})}
	started := make(chan error, 1)
	go func() {
		runtime.LockOSThread() // never unlocked: the thread dies with this goroutine
		if err := cmd.Start(); err != nil {
			started <- err
			return
		}
		started <- nil
		cmd.Wait()
		close(c.done)
	}()
	if err := <-started; err != nil {
		return nil, fmt.Errorf("start postgres: %w", err)
	}

	if err := c.waitReady(startTimeout); err != nil {
		c.kill()
		logText, _ := os.ReadFile(logPath)
		if bytes.Contains(logText, []byte("Address already in use")) {
			return nil, fmt.Errorf("%w: %d", errPortInUse, port)
		}
		return nil, fmt.Errorf("postgres on port %d: %w\nserver log:\n%s", port, err, logText)
	}
	return c, nil
}

// freePort asks the kernel for an unused loopback TCP port.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// waitReady polls until the server accepts a connection, the postmaster
// exits, or the timeout passes, and records the server version.
func (c *cluster) waitReady(timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	var lastErr error
	for time.Now().Before(deadline) {
		select {
		case <-c.done:
			return fmt.Errorf("postgres exited during start-up: %v", c.cmd.ProcessState)
		default:
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		conn, err := pgx.Connect(ctx, c.adminURL())
		if err == nil {
			err = conn.QueryRow(ctx, "SELECT current_setting('server_version_num')::int").Scan(&c.version)
			conn.Close(ctx)
			cancel()
			return err
		}
		cancel()
		lastErr = err
		time.Sleep(20 * time.Millisecond)
	}
	return fmt.Errorf("not accepting connections after %v: %w", timeout, lastErr)
}

// stop shuts the postmaster down and removes the cluster directory. It uses
// an immediate shutdown (SIGQUIT): nothing needs to be written back because
// the data is deleted next. It returns the error from removing the
// directory; the server is gone in any case when stop returns.
func (c *cluster) stop() error {
	c.kill()
	return os.RemoveAll(c.dir)
}

// kill stops the postmaster: SIGQUIT, then SIGKILL if it has not gone after
// ten seconds. It waits for the exit so that the directory can be removed.
func (c *cluster) kill() {
	c.cmd.Process.Signal(syscall.SIGQUIT)
	select {
	case <-c.done:
		return
	case <-time.After(10 * time.Second):
	}
	c.cmd.Process.Kill()
	<-c.done
}

// shmDir is a memory-backed file system present on most Linux systems.
const shmDir = "/dev/shm"

// clusterParentDir chooses where throw-away clusters live: in /dev/shm when
// it is a tmpfs with at least 1 GiB free, else in os.TempDir. On disk, even
// with fsync off, CREATE DATABASE spends most of its time creating the few
// hundred relation files of the new database: about 250 ms on ext4 against
// about 15 ms on tmpfs on a 2-core machine. The free-space bound keeps us
// off Docker's default 64 MB /dev/shm, which PostgreSQL itself needs for
// dynamic shared memory.
func clusterParentDir() string {
	var st syscall.Statfs_t
	const tmpfsMagic = 0x01021994
	if err := syscall.Statfs(shmDir, &st); err == nil && st.Type == tmpfsMagic &&
		st.Bavail*uint64(st.Bsize) >= 1<<30 && syscall.Access(shmDir, 2 /* W_OK */) == nil {
		return shmDir
	}
	return os.TempDir()
}

// removeStaleClusters deletes throw-away cluster directories whose owning
// test process no longer exists, first stopping a postmaster that still
// runs from one (possible only if Pdeathsig did not fire, e.g. the
// directory was made by an older version of this package). It is best
// effort: errors are ignored, because a leftover directory must never make
// a test fail.
func removeStaleClusters() {
	var dirs []string
	for _, parent := range []string{shmDir, os.TempDir()} {
		found, _ := filepath.Glob(filepath.Join(parent, clusterDirPrefix+"*"))
		dirs = append(dirs, found...)
	}
	for _, dir := range dirs {
		rest := strings.TrimPrefix(filepath.Base(dir), clusterDirPrefix)
		owner, err := strconv.Atoi(strings.SplitN(rest, "-", 2)[0])
		if err != nil || owner == os.Getpid() || processAlive(owner) {
			continue
		}
		stopStalePostmaster(dir)
		os.RemoveAll(dir)
	}
}

// stopStalePostmaster stops the postmaster recorded in dir's postmaster.pid
// if it is still running. The pid is only trusted if that process's command
// line names this data directory, so a recycled pid is never signalled.
func stopStalePostmaster(dir string) {
	dataDir := filepath.Join(dir, "data")
	b, err := os.ReadFile(filepath.Join(dataDir, "postmaster.pid"))
	if err != nil {
		return
	}
	pid, err := strconv.Atoi(strings.TrimSpace(strings.SplitN(string(b), "\n", 2)[0]))
	if err != nil || pid <= 0 || !processAlive(pid) {
		return
	}
	cmdline, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	if err != nil || !bytes.Contains(cmdline, []byte(dataDir)) {
		return
	}
	syscall.Kill(pid, syscall.SIGQUIT)
	for i := 0; i < 100 && processAlive(pid); i++ {
		time.Sleep(50 * time.Millisecond)
	}
	if processAlive(pid) {
		syscall.Kill(pid, syscall.SIGKILL)
	}
}

// processAlive reports whether pid names a running process. Zombies count
// as dead: in containers whose init does not reap orphans, a dead
// postmaster can linger as a zombie indefinitely.
func processAlive(pid int) bool {
	if b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid)); err == nil {
		// Format: "pid (comm) state ...": comm may contain spaces and
		// parentheses, so find the state after the last ')'.
		if i := bytes.LastIndexByte(b, ')'); i >= 0 && i+2 < len(b) {
			return b[i+2] != 'Z' && b[i+2] != 'X'
		}
		return true
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
