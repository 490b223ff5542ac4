package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/smd-oss/smd/internal/dbtest"
	"github.com/smd-oss/smd/sqlstore"
)

var binary string

// TestMain builds the real binary once: these tests start and kill it as
// an operator's supervisor would.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "smd-bin-")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "smd")
	out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput()
	if err != nil {
		fmt.Fprintf(os.Stderr, "build: %v\n%s", err, out)
		os.Exit(1)
	}
	dbtest.Main(m, func() { os.RemoveAll(dir) })
}

type proc struct {
	cmd  *exec.Cmd
	addr string
	// done is closed when the process has exited; err is its exit status.
	done chan struct{}
	err  error
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

type syncBuilder struct {
	mu sync.Mutex
	strings.Builder
}

func (b *syncBuilder) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.Builder.Write(p)
}

// start runs `smd serve` on dbURL and waits until /readyz answers 200.
func start(t *testing.T, dbURL, blobDir string) *proc {
	t.Helper()
	p := &proc{addr: freeAddr(t), done: make(chan struct{})}
	logs := &syncBuilder{}
	p.cmd = exec.Command(binary, "serve")
	p.cmd.Env = append(os.Environ(), "SMD_ADDR="+p.addr, "SMD_DATABASE_URL="+dbURL, "SMD_BLOB_URL=file://"+blobDir,
		"SMD_DEV=true", "SMD_SHUTDOWN_TIMEOUT=10s", "SMD_MASTER_KEY_FILE="+filepath.Join(blobDir, "master.key"),
		"SMD_MAIL_DIR="+filepath.Join(blobDir, "mail"))
	p.cmd.Stdout, p.cmd.Stderr = logs, logs
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.err = p.cmd.Wait(); close(p.done) }()
	t.Cleanup(func() {
		_ = p.cmd.Process.Kill()
		<-p.done
		if t.Failed() {
			t.Logf("server log:\n%s", logs.String())
		}
	})
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get("http://" + p.addr + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return p
			}
		}
		select {
		case <-p.done:
			t.Fatalf("server exited: %v\n%s", p.err, logs.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatalf("server not ready\n%s", logs.String())
	return nil
}

var noRedirect = &http.Client{Timeout: 10 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// postFeedback sends one accessibility report and returns the reference
// the server confirmed, or "" when it did not confirm.
func postFeedback(addr string, i int) string {
	ref, _ := sendFeedback(addr, i)
	return ref
}

// sendFeedback also returns the status code, 0 when no answer came.
func sendFeedback(addr string, i int) (string, int) {
	form := url.Values{"beschreibung": {fmt.Sprintf("Meldung %d", i)}}
	req, _ := http.NewRequest("POST", "http://"+addr+"/barrierefreiheit", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := noRedirect.Do(req)
	if err != nil {
		return "", 0
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	if resp.StatusCode != http.StatusSeeOther {
		return "", resp.StatusCode
	}
	return strings.TrimPrefix(resp.Header.Get("Location"), "/barrierefreiheit/danke/"), resp.StatusCode
}

// A SIGKILL in the middle of a stream of writes loses no write whose
// confirmation was sent, and the database opens cleanly afterwards.
func TestSIGKILLLosesNoCommittedWrite(t *testing.T) {
	for _, dialect := range []string{"sqlite", "postgres"} {
		t.Run(dialect, func(t *testing.T) {
			dbURL := dbtest.URL(t, dialect)
			blobs := t.TempDir()
			p := start(t, dbURL, blobs)

			var mu sync.Mutex
			var confirmed []string
			stop := make(chan struct{})
			var wg sync.WaitGroup
			for w := range 4 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := 0; ; i++ {
						select {
						case <-stop:
							return
						default:
						}
						if ref := postFeedback(p.addr, w*100000+i); ref != "" {
							mu.Lock()
							confirmed = append(confirmed, ref)
							mu.Unlock()
						}
					}
				}()
			}
			// Let writes flow, then kill the server while they are in flight.
			for {
				mu.Lock()
				n := len(confirmed)
				mu.Unlock()
				if n >= 200 {
					break
				}
				time.Sleep(5 * time.Millisecond)
			}
			if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			<-p.done
			close(stop)
			wg.Wait()

			if dialect == "sqlite" {
				db, err := sqlstore.Open(context.Background(), dbURL)
				if err != nil {
					t.Fatal(err)
				}
				var res string
				if err := db.Write.QueryRow(`PRAGMA integrity_check`).Scan(&res); err != nil || res != "ok" {
					t.Fatalf("integrity check: %q %v", res, err)
				}
				db.Close()
			}
			p2 := start(t, dbURL, blobs)
			t.Logf("%d writes confirmed before the kill", len(confirmed))
			for _, ref := range confirmed {
				resp, err := http.Get("http://" + p2.addr + "/barrierefreiheit/danke/" + ref)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				if resp.StatusCode != 200 {
					t.Fatalf("confirmed report %s is gone after the restart (%d)", ref, resp.StatusCode)
				}
			}
		})
	}
}

// SIGTERM lets in-flight requests finish and the process exit cleanly.
func TestSIGTERMShutsDownGracefully(t *testing.T) {
	p := start(t, dbtest.URL(t, "sqlite"), t.TempDir())
	results := make(chan int, 4096)
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; ; j++ {
				select {
				case <-stop:
					return
				default:
				}
				_, code := sendFeedback(p.addr, i*1000+j)
				results <- code
				if code == 0 {
					return // the listener is closed
				}
			}
		}()
	}
	time.Sleep(200 * time.Millisecond)
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-p.done:
		if p.err != nil {
			t.Fatalf("exit after SIGTERM: %v", p.err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("no exit within 15 s of SIGTERM")
	}
	close(stop)
	wg.Wait()
	close(results)
	// Requests either completed (accepted before shutdown) or were refused
	// at connect; none was cut off half-way with a server error.
	ok := 0
	for code := range results {
		switch code {
		case http.StatusSeeOther:
			ok++
		case 0:
		default:
			t.Errorf("a request during shutdown got %d", code)
		}
	}
	if ok == 0 {
		t.Fatal("no request completed before the shutdown")
	}
}

func TestCommandLine(t *testing.T) {
	out, err := exec.Command(binary, "version").CombinedOutput()
	if err != nil || !strings.HasPrefix(string(out), "smd ") {
		t.Fatalf("version: %v %s", err, out)
	}
	cmd := exec.Command(binary, "nonsense")
	cmd.Env = append(os.Environ(), "SMD_DATABASE_URL=sqlite:"+filepath.Join(t.TempDir(), "x.db"))
	out, _ = cmd.CombinedOutput()
	if cmd.ProcessState.ExitCode() != 2 || !strings.Contains(string(out), "unknown command") {
		t.Fatalf("unknown command: exit %d %s", cmd.ProcessState.ExitCode(), out)
	}
	// Outside dev mode the demo seed needs an explicit password.
	cmd = exec.Command(binary, "seed", "--demo")
	cmd.Env = append(os.Environ(), "SMD_DEV=false", "SMD_DEMO_PASSWORD=", "SMD_DATABASE_URL=sqlite:"+filepath.Join(t.TempDir(), "x.db"))
	out, _ = cmd.CombinedOutput()
	if cmd.ProcessState.ExitCode() != 1 || !strings.Contains(string(out), "SMD_DEMO_PASSWORD") {
		t.Fatalf("seed without password: exit %d %s", cmd.ProcessState.ExitCode(), out)
	}
	// seed twice, then audit verify.
	dbURL := "sqlite:" + filepath.Join(t.TempDir(), "y.db")
	for i, want := range []string{"3 authorities and 9 accounts", "0 authorities and 0 accounts"} {
		cmd = exec.Command(binary, "seed", "--demo")
		cmd.Env = append(os.Environ(), "SMD_DEV=true", "SMD_DATABASE_URL="+dbURL, "SMD_BLOB_URL=file://"+t.TempDir())
		out, err = cmd.CombinedOutput()
		if err != nil || !strings.Contains(string(out), want) {
			t.Fatalf("seed run %d: %v %s", i+1, err, out)
		}
	}
	cmd = exec.Command(binary, "audit", "verify")
	cmd.Env = append(os.Environ(), "SMD_DATABASE_URL="+dbURL)
	out, err = cmd.CombinedOutput()
	if err != nil || strings.Count(string(out), ": ok") != 3 {
		t.Fatalf("audit verify: %v %s", err, out)
	}
	// Outside dev mode serve refuses to start without a master key.
	cmd = exec.Command(binary, "serve")
	cmd.Env = append(os.Environ(), "SMD_DEV=false", "SMD_MASTER_KEY=", "SMD_MASTER_KEY_FILE="+filepath.Join(t.TempDir(), "none.key"),
		"SMD_DATABASE_URL="+dbURL, "SMD_BLOB_URL=file://"+t.TempDir(), "SMD_ADDR=127.0.0.1:0")
	out, _ = cmd.CombinedOutput()
	if cmd.ProcessState.ExitCode() != 1 || !strings.Contains(string(out), "SMD_MASTER_KEY") {
		t.Fatalf("serve without master key: exit %d %s", cmd.ProcessState.ExitCode(), out)
	}
	// … and without a mail relay, so that receipts are never silently lost.
	cmd = exec.Command(binary, "serve")
	cmd.Env = append(os.Environ(), "SMD_DEV=false", "SMD_MASTER_KEY=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=", "SMD_SMTP_ADDR=",
		"SMD_DATABASE_URL="+dbURL, "SMD_BLOB_URL=file://"+t.TempDir(), "SMD_ADDR=127.0.0.1:0")
	out, _ = cmd.CombinedOutput()
	if cmd.ProcessState.ExitCode() != 1 || !strings.Contains(string(out), "SMD_SMTP_ADDR") {
		t.Fatalf("serve without mail relay: exit %d %s", cmd.ProcessState.ExitCode(), out)
	}
	// A malformed setting is named.
	cmd = exec.Command(binary, "migrate")
	cmd.Env = append(os.Environ(), "SMD_LOCKOUT_THRESHOLD=viele")
	out, _ = cmd.CombinedOutput()
	if cmd.ProcessState.ExitCode() != 2 || !strings.Contains(string(out), "SMD_LOCKOUT_THRESHOLD") {
		t.Fatalf("bad config: exit %d %s", cmd.ProcessState.ExitCode(), out)
	}
}
