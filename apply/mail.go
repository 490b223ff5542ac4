package apply

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/riverqueue/river"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/mail"
)

// Translator says a message key in a language.
type Translator interface {
	T(lang, key string, data ...any) string
}

// ReceiptMailWorker sends the receipt e-mail: the case number and where
// to sign in, nothing else (no personal data travels by e-mail).
type ReceiptMailWorker struct {
	river.WorkerDefaults[ReceiptMailArgs]
	Service *Service
	Mailer  mail.Sender
	Text    Translator
	// BaseURL is the portal's public address, for the link to the account.
	BaseURL string
}

// Work implements river.Worker. A case without an address is done; an
// address the relay refuses cancels the job (retrying would not help).
func (w *ReceiptMailWorker) Work(ctx context.Context, job *river.Job[ReceiptMailArgs]) error {
	s := w.Service
	app, err := s.Applications.ApplicationByCase(ctx, job.Args.AuthorityID, job.Args.CaseID)
	if smd.ErrorCode(err) == smd.ENOTFOUND {
		return river.JobCancel(err)
	}
	if err != nil {
		return err
	}
	c, err := s.Cases.CaseByID(ctx, job.Args.AuthorityID, job.Args.CaseID)
	if err != nil {
		return err
	}
	var sub Submitted
	if err := json.Unmarshal(app.Data, &sub); err != nil {
		return river.JobCancel(err)
	}
	def := s.Forms[sub.Service]
	if def == nil {
		return river.JobCancel(smd.Errorf(smd.EINVALID, "no form %s", sub.Service))
	}
	to := sub.Answers.Values[def.Email]
	if to == "" {
		return nil
	}
	data := map[string]string{"Number": c.Number, "URL": w.BaseURL + "/konto/antraege"}
	err = w.Mailer.Send(ctx, mail.Message{To: to, Subject: w.Text.T(app.Language, "mail.receipt.subject", data),
		Body: w.Text.T(app.Language, "mail.receipt.body", data)})
	if errors.Is(err, mail.ErrAddress) {
		return river.JobCancel(err)
	}
	return err
}

// DraftCleanupWorker deletes expired drafts with their uploads.
type DraftCleanupWorker struct {
	river.WorkerDefaults[DraftCleanupArgs]
	Service *Service
}

// DraftCleanupArgs asks for expired drafts to be deleted (data economy:
// unsubmitted answers are not kept beyond their expiry).
type DraftCleanupArgs struct{}

// Kind implements river.JobArgs.
func (DraftCleanupArgs) Kind() string { return "draft_cleanup" }

// DraftCleanupEvery schedules the draft cleanup periodically.
func DraftCleanupEvery(d time.Duration) *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(d), func() (river.JobArgs, *river.InsertOpts) {
		return DraftCleanupArgs{}, nil
	}, &river.PeriodicJobOpts{RunOnStart: true})
}

// Work implements river.Worker; it repeats until no expired draft is left.
func (w *DraftCleanupWorker) Work(ctx context.Context, _ *river.Job[DraftCleanupArgs]) error {
	for {
		n, err := w.Service.PurgeExpired(ctx)
		if err != nil || n == 0 {
			return err
		}
	}
}
