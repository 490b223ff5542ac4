// Package browsertest drives Debian's Chromium through chromedp and checks the
// pages it shows with axe-core. It is the browser level of the accessibility
// tests in spec/ui.md ("Accessibility testing"): axe at 1280 px and 320 px, a
// forced-colors pass, a reflow check and a Tab walk, plus a tab for flows that
// fill forms and click.
//
// One Chromium process serves the whole test binary. [New] starts it on first
// use and every check runs in a tab of its own, so tests may call t.Parallel.
// Stop it from TestMain:
//
//	func TestMain(m *testing.M) {
//		m.Run()
//		browsertest.Close()
//	}
//
// When Chromium or axe-core is missing, New skips the test, except under
// CI=true, where it fails: see [SkipOrFail].
//
// Every helper takes the test's testing.TB and reports through it, so call
// them from the test goroutine. Infrastructure errors (a tab that does not
// open, a page that does not load, a script that throws) stop the test with
// t.Fatal, because nothing after them can be checked. Findings (axe
// violations, horizontal scrolling, a missing focus indicator) are reported
// with t.Error, so that one run shows all of them.
package browsertest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

const (
	// actionTimeout bounds each step of a helper (a page load, an axe run, a
	// Tab walk, opening a tab), so that a hung browser fails the test instead
	// of hanging CI.
	actionTimeout = 30 * time.Second

	// tabTimeout bounds the whole life of a tab. Flows call chromedp directly
	// on the context of [Browser.Tab], and this deadline bounds those calls.
	tabTimeout = 2 * time.Minute

	// closeTimeout bounds the graceful shutdown in Close.
	closeTimeout = 10 * time.Second

	// profilePrefix names the temporary profile directories. The process id
	// follows it, so that a later run can tell the directories of dead test
	// binaries from those of running ones.
	profilePrefix = "smd-browsertest-"
)

// Default viewport of every tab: a common laptop size.
const (
	desktopWidth, desktopHeight = 1280, 800
	narrowWidth, narrowHeight   = 320, 640 // WCAG 1.4.10 Reflow: 320 CSS px
)

// chromiumNames are the executables New looks for, in order: Debian's package
// first, then the names other distributions and Google use.
var chromiumNames = []string{"chromium", "chromium-browser", "google-chrome"}

// Browser is the Chromium process shared by the tests of one test binary.
// Get it with [New]; it is safe for use by parallel tests, each in its own tab.
type Browser struct {
	ctx         context.Context    // chromedp context of the first tab; owns the process
	cancel      context.CancelFunc // stops the process (chromedp.NewContext's cancel)
	stopAlloc   context.CancelFunc // ends the allocator, waiting for its goroutines
	stopBase    context.CancelFunc // cancels the root of all contexts
	userDataDir string
	axeSource   string // axe.min.js, injected into a page on first use
}

// shared is the one browser of the test binary. once starts it; nothing
// writes the other fields outside once, so New can read them without a lock.
var shared struct {
	once    sync.Once
	browser *Browser
	skip    string // why the browser cannot run here; New skips (or fails under CI)
	err     error  // why the browser failed to start although it is installed

	closed atomic.Bool // set by Close
}

// errClosed is New's error after Close: the test binary has shut its browser.
var errClosed = errors.New("browsertest: Close was called; call it from TestMain after m.Run")

// SkipOrFail skips the test with reason, except when the environment variable
// CI is true, where it fails the test with reason: CI installs Chromium, so a
// browser test that cannot run there is a gap that a skip would hide. Helpers
// that need other tools (a database, xmllint) use it for the same rule.
func SkipOrFail(t testing.TB, reason string) {
	t.Helper()
	if ci, _ := strconv.ParseBool(os.Getenv("CI")); ci {
		t.Fatalf("%s (CI=true, where a skipped browser test is a failure)", reason)
		return
	}
	t.Skip(reason)
}

// New returns the browser shared by the test binary, starting Chromium on the
// first call. When Chromium or axe-core is missing it calls [SkipOrFail], so
// the test skips (or fails under CI=true) and New does not return. When
// Chromium is installed but does not start, the test fails.
func New(t testing.TB) *Browser {
	t.Helper()
	if shared.closed.Load() {
		t.Fatal(errClosed)
	}
	shared.once.Do(func() {
		shared.browser, shared.skip, shared.err = start()
	})
	switch {
	case shared.skip != "":
		SkipOrFail(t, shared.skip)
	case shared.err != nil:
		t.Fatal(shared.err)
	}
	return shared.browser
}

// Close stops the shared browser and removes its profile directory. Call it
// from TestMain after m.Run; New fails the test after Close. Close is safe to
// call more than once and when no test started the browser.
//
// A test binary that never calls Close leaves no browser behind: Chromium
// gets SIGKILL when the test process exits. Its profile directory stays in the
// temporary directory until the next test binary that starts a browser
// removes it.
func Close() {
	if shared.closed.Swap(true) {
		return
	}
	// Wait for a start in progress; and if none happened, make sure none will.
	shared.once.Do(func() {})
	if b := shared.browser; b != nil {
		b.close()
	}
}

// start finds Chromium and axe-core, and starts the browser. A non-empty skip
// says that a tool is missing; err says that the browser failed although the
// tools are there.
func start() (b *Browser, skip string, err error) {
	exe, err := findChromium()
	if err != nil {
		return nil, fmt.Sprintf("browsertest: Chromium not found in PATH (tried %s); install it with apt-get install chromium",
			strings.Join(chromiumNames, ", ")), nil
	}
	axePath, err := findAxe()
	if err != nil {
		return nil, "browsertest: " + err.Error(), nil
	}
	axeSource, err := os.ReadFile(axePath)
	if err != nil {
		return nil, "", fmt.Errorf("browsertest: reading axe-core: %w", err)
	}

	removeStaleProfiles()
	dir, err := os.MkdirTemp("", profilePrefix+strconv.Itoa(os.Getpid())+"-")
	if err != nil {
		return nil, "", fmt.Errorf("browsertest: profile directory: %w", err)
	}

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.UserDataDir(dir),
		chromedp.Headless,
		chromedp.NoSandbox, // Chromium's sandbox needs privileges that containers and root lack
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		// Debian's wrapper script adds --load-extension for every extension in
		// /usr/share/chromium/extensions; --disable-extensions overrides it.
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-component-extensions-with-background-pages", true),
		chromedp.WindowSize(desktopWidth, desktopHeight),
	)

	// The browser lives for the whole test binary, so its contexts do not
	// derive from any test's context. base lets the start timeout below kill
	// it without waiting on chromedp.
	base, stopBase := context.WithCancel(context.Background())
	allocCtx, stopAlloc := chromedp.NewExecAllocator(base, opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)

	// The first Run binds the browser's life to its context, so it must not
	// carry a deadline: bound it with a timer instead.
	timer := time.AfterFunc(actionTimeout, stopBase)
	err = chromedp.Do(ctx)
	if !timer.Stop() {
		err = fmt.Errorf("no answer within %v", actionTimeout)
	}
	if err != nil {
		stopBase()
		cancel()
		stopAlloc()
		os.RemoveAll(dir)
		return nil, "", fmt.Errorf("browsertest: starting %s: %w", exe, err)
	}
	return &Browser{
		ctx:         ctx,
		cancel:      cancel,
		stopAlloc:   stopAlloc,
		stopBase:    stopBase,
		userDataDir: dir,
		axeSource:   string(axeSource),
	}, "", nil
}

// close shuts the browser down gracefully, so that its helper processes end
// and stop writing in the profile, then removes the profile directory.
func (b *Browser) close() {
	ctx, cancel := context.WithTimeout(b.ctx, closeTimeout)
	defer cancel()
	_ = chromedp.Cancel(ctx) // on a timeout or error the cancels below kill it
	b.cancel()
	b.stopAlloc()
	b.stopBase()
	removeAllRetry(b.userDataDir)
}

// findChromium returns the path of the first of chromiumNames in PATH.
func findChromium() (string, error) {
	for _, name := range chromiumNames {
		if path, err := exec.LookPath(name); err == nil {
			return path, nil
		}
	}
	return "", exec.ErrNotFound
}

// findAxe returns the path of axe.min.js in the node_modules folder of the
// repository root, which is the nearest folder above the working directory
// (the package folder under go test) that holds go.mod.
func findAxe() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory, so no node_modules/axe-core")
		}
		dir = parent
	}
	path := filepath.Join(dir, "node_modules", "axe-core", "axe.min.js")
	if _, err := os.Stat(path); err != nil {
		return "", fmt.Errorf("axe-core not found at %s; run npm ci in %s", path, dir)
	}
	return path, nil
}

// removeStaleProfiles removes the profile directories of test binaries that
// exited without Close, so that they do not pile up in the temporary
// directory. A directory whose process still runs belongs to a parallel test
// binary and stays.
func removeStaleProfiles() {
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), profilePrefix+"*"))
	for _, dir := range dirs {
		pidText, _, ok := strings.Cut(strings.TrimPrefix(filepath.Base(dir), profilePrefix), "-")
		pid, err := strconv.Atoi(pidText)
		if !ok || err != nil || processRuns(pid) {
			continue
		}
		os.RemoveAll(dir)
	}
}

// processRuns reports whether the process pid exists. Where signal 0 cannot
// tell (Windows), it says yes, so that nothing in use is removed.
func processRuns(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	return !errors.Is(p.Signal(syscall.Signal(0)), os.ErrProcessDone)
}

// removeAllRetry removes dir, trying again for a few seconds: Chromium's
// helper processes can still write in the profile just after the browser
// exits, and then os.RemoveAll fails with "directory not empty".
func removeAllRetry(dir string) {
	deadline := time.Now().Add(5 * time.Second)
	for os.RemoveAll(dir) != nil && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
}

// Tab opens a new tab at 1280×800 for a custom flow (fill a form, click, check
// each state with [Browser.Axe]) and returns its chromedp context. Load a page
// with [Navigate]; chromedp actions run on the context directly. The tab
// closes when the test ends. Its context has a deadline of two minutes, so
// that no flow can hang CI; the helpers of this package bound each of their
// steps to 30 s. The test fails if the tab does not open.
func (b *Browser) Tab(t testing.TB) context.Context {
	t.Helper()
	ctx, closeTab, err := b.openTab()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(closeTab)
	return ctx
}

// openTab opens a tab with the default viewport and focus emulation, and
// returns its context and the func that closes it.
func (b *Browser) openTab() (context.Context, func(), error) {
	base, stopBase := context.WithTimeout(b.ctx, tabTimeout)
	ctx, cancel := chromedp.NewContext(base)
	closeTab := func() {
		cancel()
		stopBase()
	}

	// As in start: the first Run ties the tab to its context, so bound it
	// with a timer rather than a shorter deadline.
	timer := time.AfterFunc(actionTimeout, stopBase)
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(desktopWidth, desktopHeight),
		// Only one window has the system focus, and tests open tabs in
		// parallel. Focus emulation makes every tab behave as the focused
		// one, so that focus events and :focus styles, which the Tab walk
		// reads, do not depend on which tab opened last.
		chromedp.Func(func(ctx context.Context, tab *chromedp.Target) error {
			_, err := cdp.Call(ctx, tab, emulation.SetFocusEmulationEnabled,
				emulation.SetFocusEmulationEnabledParams{Enabled: true})
			return err
		}),
	)
	if !timer.Stop() {
		err = fmt.Errorf("no answer within %v", actionTimeout)
	}
	if err != nil {
		closeTab()
		return nil, nil, fmt.Errorf("browsertest: opening a tab: %w", err)
	}
	return ctx, closeTab, nil
}

// Navigate loads url in the tab of ctx and waits for the load event. It fails
// the test on a navigation error, on an HTTP status of 400 or more, and after
// 30 s. To check an error page, use [Browser.CheckPageStatus].
func Navigate(t testing.TB, ctx context.Context, url string) {
	t.Helper()
	if err := navigate(ctx, url, 0); err != nil {
		t.Fatal(err)
	}
}

// navigate loads url and waits for the load event. The HTTP status of the
// document must be wantStatus, or below 400 when wantStatus is 0. After
// redirects, the status is the one of the last response.
func navigate(ctx context.Context, url string, wantStatus int) error {
	ctx, cancel := context.WithTimeout(ctx, actionTimeout)
	defer cancel()
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(url))
	switch {
	case err != nil:
		return fmt.Errorf("browsertest: loading %s: %w", url, err)
	case resp == nil:
		return fmt.Errorf("browsertest: loading %s: no HTTP response for the document", url)
	case wantStatus == 0 && resp.Status >= 400:
		return fmt.Errorf("browsertest: loading %s: HTTP status %d %s", url, resp.Status, resp.StatusText)
	case wantStatus != 0 && resp.Status != int64(wantStatus):
		return fmt.Errorf("browsertest: loading %s: HTTP status %d %s, want %d", url, resp.Status, resp.StatusText, wantStatus)
	}
	return nil
}

// Text returns the rendered text (innerText, trimmed) of the first element
// that matches the CSS selector. It fails the test at once when nothing
// matches: it does not wait for the element to appear.
func Text(t testing.TB, ctx context.Context, selector string) string {
	t.Helper()
	s, err := onElement[string](ctx, selector, `el => el.innerText.trim()`)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Attr returns the attribute name of the first element that matches the CSS
// selector, or "" when the element lacks it. It fails the test at once when
// nothing matches.
func Attr(t testing.TB, ctx context.Context, selector, name string) string {
	t.Helper()
	s, err := onElement[string](ctx, selector, `el => el.getAttribute(`+jsString(name)+`) ?? ""`)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// onElement calls the JavaScript function fn with the first element that
// matches selector, and returns its result. It does not poll: tests check the
// state the page is in now.
func onElement[T any](ctx context.Context, selector, fn string) (T, error) {
	ctx, cancel := context.WithTimeout(ctx, actionTimeout)
	defer cancel()
	sel := jsString(selector)
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](`(() => {
		const el = document.querySelector(`+sel+`);
		if (!el) throw new Error("no element matches " + `+sel+`);
		return (`+fn+`)(el);
	})()`))
	if err != nil {
		return v, fmt.Errorf("browsertest: %s: %w", selector, err)
	}
	return v, nil
}

// jsString quotes s as a JavaScript string literal. JSON is a subset of
// JavaScript, and encoding/json escapes U+2028 and U+2029 as well.
func jsString(s string) string {
	b, _ := json.Marshal(s) // a string always marshals
	return string(b)
}
