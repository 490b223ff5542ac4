package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/smd-oss/smd/accounts"
	"github.com/smd-oss/smd/apply"
	"github.com/smd-oss/smd/blob"
	"github.com/smd-oss/smd/config"
	"github.com/smd-oss/smd/form"
	"github.com/smd-oss/smd/mail"
	"github.com/smd-oss/smd/password"
	"github.com/smd-oss/smd/rules"
	"github.com/smd-oss/smd/sqlstore"
	"github.com/smd-oss/smd/vault"
)

// app is the wired set of stores and services one process uses.
type app struct {
	cfg         *config.Config
	db          *sqlstore.DB
	blobs       blob.Store
	authorities *sqlstore.AuthorityStore
	users       *sqlstore.UserStore
	cases       *sqlstore.CaseStore
	audit       *sqlstore.AuditStore
	feedback    *sqlstore.FeedbackStore
	sessions    *sqlstore.SessionStore
	accounts    *accounts.Service
	// documents stores document contents encrypted per authority; nil in
	// commands that do not need it (see openDocuments).
	documents *vault.Store
	masterKey []byte
	// mailer sends notifications; devMail is set when dev mode writes them
	// to a folder instead.
	mailer  mail.Sender
	devMail *mail.Folder
}

// openMail picks the mail sender: the SMTP relay when configured, the dev
// folder in dev mode. Outside dev mode without a relay, mails cannot be
// sent and the start fails, so that receipts are never silently lost.
func (a *app) openMail() error {
	switch {
	case a.cfg.SMTPAddr != "":
		a.mailer = &mail.SMTP{Addr: a.cfg.SMTPAddr, From: a.cfg.MailFrom, Username: a.cfg.SMTPUsername, Password: a.cfg.SMTPPassword}
	case a.cfg.Dev:
		a.devMail = &mail.Folder{Dir: a.cfg.MailDir, From: a.cfg.MailFrom}
		a.mailer = a.devMail
	default:
		return errors.New("no mail relay: set SMD_SMTP_ADDR (or run in dev mode, which writes mails to SMD_MAIL_DIR)")
	}
	return nil
}

// openDocuments sets up the encrypted document store: the master key is
// required here, so that serve fails at start, not at the first upload.
func (a *app) openDocuments() error {
	key, err := vault.LoadMasterKey(a.cfg.MasterKey, a.cfg.MasterKeyFile, a.cfg.Dev)
	if err != nil {
		return err
	}
	a.masterKey = key
	ring, err := vault.NewRing(key, sqlstore.NewKeyStore(a.db))
	if err != nil {
		return err
	}
	a.documents = &vault.Store{Blobs: a.blobs, Ring: ring}
	return nil
}

// openApply wires the application service: drafts, the encrypted stores
// of authorities and drafts, and the form definitions. Jobs are set by
// the caller, which owns the queue.
func (a *app) openApply(law *rules.Law) (*apply.Service, error) {
	forms, err := form.Load()
	if err != nil {
		return nil, err
	}
	draftRing, err := vault.NewRing(a.masterKey, sqlstore.NewDraftKeyStore(a.db))
	if err != nil {
		return nil, err
	}
	return &apply.Service{
		Tx: a.db, Drafts: sqlstore.NewDraftStore(a.db), Cases: a.cases, Persons: sqlstore.NewPersonStore(a.db),
		Documents: sqlstore.NewDocumentStore(a.db), Applications: sqlstore.NewApplicationStore(a.db),
		Authorities: a.authorities, Audit: a.audit,
		Files: a.documents, DraftFiles: &vault.Store{Blobs: a.blobs, Ring: draftRing},
		Forms: forms, Law: law, Now: time.Now, DraftTTL: a.cfg.DraftTTL, MaxUploads: a.cfg.MaxUploads,
	}, nil
}

// openApp opens the database (migrating it) and the blob store.
func openApp(ctx context.Context, cfg *config.Config, logger *slog.Logger) (*app, error) {
	db, err := sqlstore.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	logger.Debug("migrated", "dialect", db.Dialect, "took", time.Since(start))
	blobs, err := blob.Open(ctx, cfg.BlobURL)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("blob store: %w", err)
	}
	a := &app{
		cfg: cfg, db: db, blobs: blobs,
		authorities: sqlstore.NewAuthorityStore(db),
		users:       sqlstore.NewUserStore(db),
		cases:       sqlstore.NewCaseStore(db),
		audit:       sqlstore.NewAuditStore(db),
		feedback:    sqlstore.NewFeedbackStore(db),
		sessions:    sqlstore.NewSessionStore(db),
	}
	a.accounts = &accounts.Service{
		Tx: db, Users: a.users, Audit: a.audit, Now: db.Now,
		Threshold: cfg.LockoutThreshold, Lockout: cfg.LockoutDuration,
		DevMode: cfg.Dev, HashParams: password.Default,
	}
	return a, nil
}

func (a *app) Close() {
	a.blobs.Close()
	a.db.Close()
}
