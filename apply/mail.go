package apply

import (
	"context"
	"encoding/json"
	"errors"
	"time"
	_ "time/tzdata" // dates in mails are Berlin dates on any host

	"github.com/google/uuid"
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
	return w.Service.caseMail(ctx, w.Mailer, w.Text, w.BaseURL, job.Args.AuthorityID, job.Args.CaseID, "mail.receipt", false)
}

// caseMail sends the applicant of an online case a mail with the case
// number and the address of "Meine Anträge", in the applicant's
// language; key names the message pair (key.subject, key.body). A case
// without an address is done. Without an online application (paper) the
// job is done when optional, else cancelled; an address the relay refuses
// cancels it (retrying would not help).
func (s *Service) caseMail(ctx context.Context, mailer mail.Sender, text Translator, baseURL string, authorityID, caseID uuid.UUID, key string, optional bool) error {
	app, err := s.Applications.ApplicationByCase(ctx, authorityID, caseID)
	if smd.ErrorCode(err) == smd.ENOTFOUND {
		if optional {
			return nil
		}
		return river.JobCancel(err)
	}
	if err != nil {
		return err
	}
	c, err := s.Cases.CaseByID(ctx, authorityID, caseID)
	if err != nil {
		return err
	}
	var sub Submitted
	if err := json.Unmarshal(app.Data, &sub); err != nil {
		return river.JobCancel(err)
	}
	def := s.Forms[sub.Service]
	if def == nil {
		if optional {
			return nil
		}
		return river.JobCancel(smd.Errorf(smd.EINVALID, "no form %s", sub.Service))
	}
	to := sub.Answers.Values[def.Email]
	if to == "" {
		return nil
	}
	data := map[string]string{"Number": c.Number, "URL": baseURL + "/konto/antraege"}
	err = mailer.Send(ctx, mail.Message{To: to, Subject: text.T(app.Language, key+".subject", data),
		Body: text.T(app.Language, key+".body", data)})
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

// WarnAhead is how long before a draft's expiry the applicant is warned,
// by e-mail and on the task list.
const WarnAhead = 7 * 24 * time.Hour

// ExpiryWarningArgs asks for the warnings about drafts that expire soon.
type ExpiryWarningArgs struct{}

// Kind implements river.JobArgs.
func (ExpiryWarningArgs) Kind() string { return "draft_expiry_warning" }

// ExpiryWarningWorker writes to applicants whose draft expires within
// Ahead: the draft will be deleted on that day unless they go on. The
// mail names the date and where to sign in, not the service or any
// answer. A draft without an e-mail address is marked as warned without
// a mail (the task list shows the warning too).
type ExpiryWarningWorker struct {
	river.WorkerDefaults[ExpiryWarningArgs]
	Service *Service
	Mailer  mail.Sender
	Text    Translator
	BaseURL string
	Ahead   time.Duration
}

// Work implements river.Worker.
func (w *ExpiryWarningWorker) Work(ctx context.Context, _ *river.Job[ExpiryWarningArgs]) error {
	s := w.Service
	for {
		list, err := s.Drafts.DraftsToWarn(ctx, s.Now().Add(w.Ahead), 200)
		if err != nil || len(list) == 0 {
			return err
		}
		for _, raw := range list {
			d, err := s.decode(raw)
			if err != nil {
				return err
			}
			if to := d.Data.Answers.Values[d.Form.Email]; to != "" {
				lang := d.Data.Lang
				if lang == "" {
					lang = "de"
				}
				data := map[string]string{"Date": d.ExpiresAt.In(berlin).Format("02.01.2006"), "URL": w.BaseURL + "/konto/antraege"}
				err := w.Mailer.Send(ctx, mail.Message{To: to, Subject: w.Text.T(lang, "mail.draft_expiry.subject", data),
					Body: w.Text.T(lang, "mail.draft_expiry.body", data)})
				if err != nil && !errors.Is(err, mail.ErrAddress) {
					return err
				}
			}
			if err := s.Drafts.MarkDraftWarned(ctx, raw.Owner, raw.ID); err != nil && smd.ErrorCode(err) != smd.ENOTFOUND {
				return err
			}
		}
	}
}

// ExpiryWarningEvery schedules the warnings periodically.
func ExpiryWarningEvery(d time.Duration) *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(d), func() (river.JobArgs, *river.InsertOpts) {
		return ExpiryWarningArgs{}, nil
	}, &river.PeriodicJobOpts{RunOnStart: true})
}

var berlin = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		panic(err)
	}
	return loc
}()

// NoticeArgs asks for a notice to the applicant that something happened
// on their case (documents requested, decision made). Ids only.
type NoticeArgs struct {
	AuthorityID uuid.UUID `json:"authority_id"`
	CaseID      uuid.UUID `json:"case_id"`
}

// Kind implements river.JobArgs.
func (NoticeArgs) Kind() string { return "case_notice" }

// NoticeWorker tells the applicant by e-mail that there is news on their
// case, with the case number and the address of "Meine Anträge" only:
// what happened they read after signing in. Cases without an online
// application (paper) or without an address get no mail.
type NoticeWorker struct {
	river.WorkerDefaults[NoticeArgs]
	Service *Service
	Mailer  mail.Sender
	Text    Translator
	BaseURL string
}

// Work implements river.Worker.
func (w *NoticeWorker) Work(ctx context.Context, job *river.Job[NoticeArgs]) error {
	return w.Service.caseMail(ctx, w.Mailer, w.Text, w.BaseURL, job.Args.AuthorityID, job.Args.CaseID, "mail.notice", true)
}
