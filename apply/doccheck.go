package apply

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/google/uuid"
	"github.com/riverqueue/river"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/doccheck"
)

// DocumentCheckArgs asks for the automated checks of one document of a
// case. The job is inserted in the transaction that records the document,
// so no document goes unchecked and none is checked before it exists.
type DocumentCheckArgs struct {
	AuthorityID uuid.UUID `json:"authority_id"`
	DocumentID  uuid.UUID `json:"document_id"`
}

// Kind implements river.JobArgs.
func (DocumentCheckArgs) Kind() string { return "document_check" }

// QueueChecks inserts a check job for each document, in the caller's
// transaction.
func (s *Service) QueueChecks(ctx context.Context, docs []*smd.Document) error {
	args := make([]river.JobArgs, len(docs))
	for i, d := range docs {
		args[i] = DocumentCheckArgs{AuthorityID: d.AuthorityID, DocumentID: d.ID}
	}
	return s.Jobs.InsertMany(ctx, args)
}

// DocumentCheckWorker runs the document checks (package doccheck) on an
// uploaded document, compares it with the people of the case and stores
// the result for the workbench. Hostile content cannot fail the job: it
// becomes findings. The job fails (and is retried) only when the document
// cannot be read from the store or the result cannot be saved.
type DocumentCheckWorker struct {
	river.WorkerDefaults[DocumentCheckArgs]
	Service *Service
	Checker *doccheck.Checker
	Checks  smd.DocumentCheckStore
}

// Timeout implements river.Worker: the checker bounds itself; this is the
// backstop for the store.
func (w *DocumentCheckWorker) Timeout(*river.Job[DocumentCheckArgs]) time.Duration {
	return 2 * time.Minute
}

// Work implements river.Worker. A document that is gone (the case was
// deleted) is done.
func (w *DocumentCheckWorker) Work(ctx context.Context, job *river.Job[DocumentCheckArgs]) error {
	s, a := w.Service, job.Args
	d, err := s.Documents.DocumentByID(ctx, a.AuthorityID, a.DocumentID)
	if smd.ErrorCode(err) == smd.ENOTFOUND {
		return nil
	}
	if err != nil {
		return err
	}
	rep, err := w.check(ctx, d)
	if err != nil {
		return err
	}
	raw, err := json.Marshal(rep)
	if err != nil {
		return err
	}
	err = w.Checks.SaveDocumentCheck(ctx, &smd.DocumentCheck{AuthorityID: d.AuthorityID, DocumentID: d.ID, Category: rep.Category,
		Confidence: rep.Confidence, Accepted: rep.Accepted, Report: raw})
	if smd.ErrorCode(err) == smd.ENOTFOUND {
		return nil
	}
	return err
}

// check reads the document (decrypted) and runs the checks and the
// cross-check with the people of its case.
func (w *DocumentCheckWorker) check(ctx context.Context, d *smd.Document) (*doccheck.Report, error) {
	rc, err := w.Service.Files.Open(ctx, d.AuthorityID, d.BlobKey)
	if err != nil {
		return nil, fmt.Errorf("open document %s: %w", d.ID, err)
	}
	defer rc.Close()
	limit := w.Checker.Limits.MaxBytes
	if limit <= 0 {
		limit = doccheck.DefaultLimits.MaxBytes
	}
	content, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read document %s: %w", d.ID, err)
	}
	rep := w.Checker.Check(ctx, d.Filename, content)
	if errors.Is(ctx.Err(), context.Canceled) {
		return nil, ctx.Err()
	}
	people, err := w.Service.Persons.ListPersons(ctx, d.AuthorityID, d.CaseID)
	if err != nil {
		return nil, err
	}
	var list []doccheck.Person
	for _, p := range people {
		list = append(list, doccheck.Person{GivenNames: p.GivenNames, Surname: p.FamilyName, BirthDate: p.BirthDate, Nationality: p.Nationality})
	}
	doccheck.CrossCheck(rep, list, w.stayUntil(ctx, d))
	return rep, nil
}

// stayUntil is the end of the intended stay the application names (the
// guest's stay of a Verpflichtungserklärung), zero when it names none.
func (w *DocumentCheckWorker) stayUntil(ctx context.Context, d *smd.Document) time.Time {
	app, err := w.Service.Applications.ApplicationByCase(ctx, d.AuthorityID, d.CaseID)
	if err != nil {
		return time.Time{}
	}
	var sub Submitted
	if json.Unmarshal(app.Data, &sub) != nil {
		return time.Time{}
	}
	t, err := time.Parse(time.DateOnly, sub.Answers.Values["stay_to"])
	if err != nil {
		return time.Time{}
	}
	return t
}
