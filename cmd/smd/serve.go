package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/riverqueue/river"

	"github.com/smd-oss/smd/api"
	"github.com/smd-oss/smd/apply"
	"github.com/smd-oss/smd/bundid"
	"github.com/smd-oss/smd/config"
	"github.com/smd-oss/smd/i18n"
	"github.com/smd-oss/smd/jobs"
	"github.com/smd-oss/smd/pdf"
	"github.com/smd-oss/smd/rules"
	"github.com/smd-oss/smd/sqlstore"
	"github.com/smd-oss/smd/upload"
	"github.com/smd-oss/smd/web"
)

// serve runs until ctx ends (SIGTERM, SIGINT), then shuts down in order:
// stop accepting, let in-flight requests finish, stop the workers (running
// jobs finish or are cancelled at the timeout), close the stores.
func serve(ctx context.Context, cfg *config.Config, logger *slog.Logger) error {
	start := time.Now()
	a, err := openApp(ctx, cfg, logger)
	if err != nil {
		return err
	}
	defer a.Close()
	if err := a.openDocuments(); err != nil {
		return err
	}
	if err := a.openMail(); err != nil {
		return err
	}
	bid, err := setupBundID(a)
	if err != nil {
		return err
	}

	oidcClients, devIDP, err := setupOIDC(ctx, a)
	if err != nil {
		return err
	}

	catalog, err := i18n.Load()
	if err != nil {
		return err
	}
	law, err := rules.Load()
	if err != nil {
		return err
	}
	applySvc, err := a.openApply(law)
	if err != nil {
		return err
	}
	// Without Chromium and without a system font the portal still takes
	// applications; only the PDF receipt is missing (and said so in the log).
	var receipts pdf.Renderer
	if r, err := pdf.New(); err != nil {
		logger.Warn("no PDF renderer: receipts are not offered", "err", err)
	} else {
		receipts = r
		defer r.Close()
	}

	workers := river.NewWorkers()
	river.AddWorker(workers, &jobs.SessionCleanupWorker{Sessions: a.sessions})
	river.AddWorker(workers, &apply.DraftCleanupWorker{Service: applySvc})
	river.AddWorker(workers, &apply.ReceiptMailWorker{Service: applySvc, Mailer: a.mailer, Text: catalog, BaseURL: cfg.PublicURL()})
	river.AddWorker(workers, &apply.NoticeWorker{Service: applySvc, Mailer: a.mailer, Text: catalog, BaseURL: cfg.PublicURL()})
	checker := newChecker(cfg)
	river.AddWorker(workers, &apply.DocumentCheckWorker{Service: applySvc, Checker: checker, Checks: sqlstore.NewDocumentCheckStore(a.db)})
	river.AddWorker(workers, &apply.ExpiryWarningWorker{Service: applySvc, Mailer: a.mailer, Text: catalog, BaseURL: cfg.PublicURL(), Ahead: apply.WarnAhead})
	queue, err := jobs.New(a.db, jobs.Options{
		Workers:    workers,
		Periodic:   []*river.PeriodicJob{jobs.SessionCleanupEvery(15 * time.Minute), apply.DraftCleanupEvery(time.Hour), apply.ExpiryWarningEvery(time.Hour)},
		MaxWorkers: cfg.Workers,
		Logger:     logger.With("component", "jobs"),
	})
	if err != nil {
		return err
	}
	applySvc.Jobs = queue
	apiSrv := api.New(&api.Server{Law: law, Catalog: catalog, Now: time.Now, Logger: logger})
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	srv, err := web.New(web.Deps{
		Logger: logger, Catalog: catalog,
		Authorities: a.authorities, Users: a.users, Cases: a.cases, Feedback: a.feedback, Audit: a.audit,
		Tx: a.db, Persons: sqlstore.NewPersonStore(a.db), SavedFilters: sqlstore.NewSavedFilterStore(a.db), DocumentChecks: sqlstore.NewDocumentCheckStore(a.db), Checker: checker,
		Accounts: a.accounts, SessionStore: a.sessions,
		Ready:    map[string]web.Pinger{"database": a.db, "blobs": a.blobs},
		Registry: reg, API: apiSrv, Law: law,
		BundID: bid.sp, BundIDStateKey: bid.stateKey, BundIDLevel: bundid.LevelSubstantial, BundIDSimulator: bid.simulator, DevMail: a.devMail,
		OIDC: oidcClients, DevIDP: devIDP,
		Apply: applySvc, BundIDLevels: cfg.BundIDLevels(), UploadLimits: upload.Limits{MaxBytes: cfg.UploadMaxBytes},
		Receipts: receipts, ApplicationsOpen: true,
		MaxBodyBytes: cfg.MaxBodyBytes, SessionLifetime: cfg.SessionLifetime, IdleTimeout: cfg.IdleTimeout,
		SecureCookies: cfg.Secure(), HSTS: cfg.HSTS, Dev: cfg.Dev,
	})
	if err != nil {
		return err
	}

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	if err := queue.Start(ctx); err != nil {
		ln.Close()
		return fmt.Errorf("start workers: %w", err)
	}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	logger.Info("serving", "addr", ln.Addr().String(), "database", a.db.Dialect, "dev", cfg.Dev, "startup", time.Since(start))

	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down", "timeout", cfg.ShutdownTimeout)
	sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	errHTTP := hs.Shutdown(sctx)
	errJobs := queue.Stop(sctx)
	if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	logger.Info("stopped")
	return errors.Join(errHTTP, errJobs)
}
