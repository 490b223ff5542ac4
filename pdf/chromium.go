package pdf

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

const (
	// maxRenders bounds the renders that run at a time: each is a tab with
	// its own renderer memory, and a server must not open one per request.
	maxRenders = 2

	// startTimeout bounds the start of the browser.
	startTimeout = 30 * time.Second
	// renderTimeout bounds one render, so that a hung browser fails the
	// render instead of holding one of the maxRenders slots for ever.
	renderTimeout = 60 * time.Second
	// closeTimeout bounds the graceful shutdown of the browser.
	closeTimeout = 10 * time.Second

	// marginInches is the page margin, 2 cm as in the fallback.
	marginInches = 2 / 2.54
)

// NewChromium returns a renderer that prints [HTML] with one headless
// Chromium at execPath, which gives a tagged PDF (structure tree, language
// and title for screen readers).
//
// The browser starts lazily, at the first Render, and serves all later
// renders, at most 2 at a time (each in a tab of its own, kept open for the
// next render); Render waits for a free slot or for its context, and a
// render that takes more than a minute fails. A browser that crashes is
// replaced at the next Render. The HTML is set into a blank tab and loads nothing, and the
// browser runs with background networking, updates, sync and QUIC off and a
// fresh temporary profile directory, so it needs no network. It also runs
// without a sandbox, because the sandbox does not work as root or in most
// containers; that is acceptable only because it opens nothing but our own
// HTML.
//
// Render returns an error when the browser does not start or print (see
// [Renderer] for the full contract). Close waits for renders in progress,
// stops the browser and removes its profile directory.
func NewChromium(execPath string) Renderer {
	return &chromium{execPath: execPath, slots: make(chan struct{}, maxRenders)}
}

// chromium is the renderer of NewChromium.
type chromium struct {
	execPath string
	slots    chan struct{} // a render holds one slot while it runs

	mu      sync.Mutex
	proc    *browserProc // nil before the first Render, after a crash and after Close
	closed  bool
	renders sync.WaitGroup // renders that use proc; Close waits for them
}

// Tagged is true: Chromium writes the structure tree of the HTML.
func (c *chromium) Tagged() bool { return true }

// Render prints d. See [Renderer] for the error contract.
func (c *chromium) Render(ctx context.Context, d *Document) ([]byte, error) {
	if err := check(d); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err // select below picks at random when both are ready
	}
	select {
	case c.slots <- struct{}{}:
		defer func() { <-c.slots }()
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	p, err := c.acquire()
	if err != nil {
		return nil, err
	}
	defer c.renders.Done()

	out, err := p.print(ctx, string(HTML(d)))
	if err != nil {
		if exitErr := (*exec.ExitError)(nil); errors.As(err, &exitErr) {
			c.discard(p)
		}
		return nil, err
	}
	return out, nil
}

// acquire returns the browser, starting it when there is none, and counts
// the caller as a render in progress: call c.renders.Done when done.
func (c *chromium) acquire() (*browserProc, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return nil, ErrClosed
	}
	if c.proc == nil {
		p, err := startBrowser(c.execPath)
		if err != nil {
			return nil, err
		}
		c.proc = p
	}
	c.renders.Add(1)
	return c.proc, nil
}

// discard drops a browser whose process died, so that the next Render starts
// a new one. Of several renders that saw the crash, only the first stops it;
// after Close, Close stops it.
func (c *chromium) discard(p *browserProc) {
	c.mu.Lock()
	mine := c.proc == p
	if mine {
		c.proc = nil
	}
	c.mu.Unlock()
	if mine {
		_ = p.stop() // the process is gone already; this cleans up after it
	}
}

// Close stops the browser after the renders in progress and removes its
// profile directory. It returns an error when the directory cannot be
// removed.
func (c *chromium) Close() error {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return nil
	}
	c.closed = true
	p := c.proc
	c.proc = nil
	c.mu.Unlock()

	c.renders.Wait()
	if p == nil {
		return nil
	}
	return p.stop()
}

// browserProc is one running Chromium.
type browserProc struct {
	ctx         context.Context // chromedp context of the first tab; owns the process
	cancel      context.CancelFunc
	stopAlloc   context.CancelFunc
	stopBase    context.CancelFunc
	userDataDir string
	idle        chan *tab // tabs that wait for the next print
}

// startBrowser starts Chromium with a fresh profile directory and waits until
// it answers.
func startBrowser(execPath string) (*browserProc, error) {
	dir, err := os.MkdirTemp("", "smd-pdf-chromium-")
	if err != nil {
		return nil, fmt.Errorf("pdf: Chromium profile directory: %w", err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(execPath),
		chromedp.UserDataDir(dir),
		chromedp.Headless,
		chromedp.NoSandbox, // the sandbox needs privileges that root in a container lacks
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
	)

	// The browser outlives every Render, so its contexts derive from no
	// caller's context. The first Run binds the browser's life to its
	// context, so it must carry no deadline: a timer bounds it instead.
	base, stopBase := context.WithCancel(context.Background())
	allocCtx, stopAlloc := chromedp.NewExecAllocator(base, opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	timer := time.AfterFunc(startTimeout, stopBase)
	err = chromedp.Do(ctx)
	if !timer.Stop() {
		err = fmt.Errorf("no answer within %v", startTimeout)
	}
	if err != nil {
		// Kill without the graceful close of stop: after a failed start,
		// chromedp.Cancel and cancel would both wait for the same token,
		// and the second would wait for ever.
		stopBase()
		cancel()
		stopAlloc()
		_ = removeAllRetry(dir)
		return nil, fmt.Errorf("pdf: starting Chromium %s: %w", execPath, err)
	}
	return &browserProc{
		ctx: ctx, cancel: cancel, stopAlloc: stopAlloc, stopBase: stopBase,
		userDataDir: dir,
		idle:        make(chan *tab, maxRenders),
	}, nil
}

// print renders html in an idle tab, or a new one, and prints it. The tab
// closes when ctx ends, which ends the print; after a good print it waits
// for the next one, because opening and closing a tab costs more than the
// print.
func (p *browserProc) print(ctx context.Context, html string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, renderTimeout)
	defer cancel()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("pdf: printing with Chromium: %w", err)
	}
	tb := p.takeTab()
	// The first Run on a tab's context binds the tab to it, so the caller's
	// context cannot be that context: close the tab when it ends instead.
	stop := context.AfterFunc(ctx, tb.close)
	out, err := chromedp.Run(tb.ctx, printHTML(html))
	if stop() && err == nil {
		p.putTab(tb)
	} else {
		tb.close() // after an error, its state is unknown
	}
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, fmt.Errorf("pdf: printing with Chromium: %w", ctxErr)
		}
		return nil, fmt.Errorf("pdf: printing with Chromium: %w", err)
	}
	return out, nil
}

// tab is a browser tab that print can reuse.
type tab struct {
	ctx   context.Context // chromedp context of the tab
	close context.CancelFunc
}

// takeTab returns an idle tab, or a new one (it opens at the first Run).
func (p *browserProc) takeTab() *tab {
	select {
	case tb := <-p.idle:
		return tb
	default:
		ctx, cancel := chromedp.NewContext(p.ctx)
		return &tab{ctx: ctx, close: cancel}
	}
}

// putTab keeps tb for the next print, or closes it when enough tabs wait.
func (p *browserProc) putTab(tb *tab) {
	select {
	case p.idle <- tb:
	default:
		tb.close()
	}
}

// printHTML is the action that loads html into a tab, without any network,
// and prints it as a tagged A4 PDF with 2 cm margins.
func printHTML(html string) chromedp.Action[[]byte] {
	return func(ctx context.Context, t *chromedp.Target) ([]byte, error) {
		// A blank page first: it clears a reused tab, and chromedp learns
		// the frame of a new tab only from a navigation (without one it logs
		// an error when the content changes).
		if _, err := chromedp.Navigate("about:blank")(ctx, t); err != nil {
			return nil, err
		}
		tree, err := cdp.Call(ctx, t, page.GetFrameTree, cdp.Empty{})
		if err != nil {
			return nil, err
		}
		if tree.FrameTree == nil || tree.FrameTree.Frame == nil {
			return nil, errors.New("the tab has no frame")
		}
		if _, err := cdp.Call(ctx, t, page.SetDocumentContent, page.SetDocumentContentParams{
			FrameID: tree.FrameTree.Frame.ID,
			HTML:    html,
		}); err != nil {
			return nil, err
		}
		return chromedp.PrintToPDF(
			chromedp.PDFPaper(chromedp.PaperA4),
			chromedp.PDFMargin(marginInches),
			chromedp.PDFPrintBackground(),
			func(params *page.PrintToPDFParams) {
				yes := true
				params.GenerateTaggedPDF = &yes       // structure tree for screen readers
				params.GenerateDocumentOutline = &yes // bookmarks from the headings
			},
		)(ctx, t)
	}
}

// stop closes the browser gracefully, so that its helper processes end and
// stop writing in the profile, then removes the profile directory. Idle tabs
// close with the browser.
func (p *browserProc) stop() error {
	ctx, cancel := context.WithTimeout(p.ctx, closeTimeout)
	_ = chromedp.Cancel(ctx) // on a timeout or error the cancels below kill it
	cancel()
	p.cancel()
	p.stopAlloc()
	p.stopBase()
	return removeAllRetry(p.userDataDir)
}

// removeAllRetry removes dir, trying again for a few seconds: Chromium's
// helper processes can still write in the profile just after the browser
// exits, and then os.RemoveAll fails with "directory not empty".
func removeAllRetry(dir string) error {
	deadline := time.Now().Add(5 * time.Second)
	for {
		err := os.RemoveAll(dir)
		if err == nil || time.Now().After(deadline) {
			if err != nil {
				return fmt.Errorf("pdf: removing the Chromium profile: %w", err)
			}
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
}
