package apply

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/form"
	"github.com/smd-oss/smd/vault"
)

// Submitted is the application data stored on the case: the answers in
// the version of the form they were given in, the files and what the
// rules engine asked for at the time of submission.
type Submitted struct {
	Service     string            `json:"service"`
	FormVersion int               `json:"form_version"`
	Channel     smd.Channel       `json:"channel"`
	Answers     form.Answers      `json:"answers"`
	Documents   []Upload          `json:"documents"`
	Required    []string          `json:"required_documents"`
	Prefilled   map[string]string `json:"prefilled,omitempty"`
}

// Receipt is the outcome of a submission.
type Receipt struct {
	Case        *smd.Case
	Authority   *smd.Authority
	Application *smd.Application
	// Already is true when the draft had been submitted before: a double
	// click, a retry or a replayed POST.
	Already bool
}

// NoAuthority is the error of a submission for a postal code no authority
// of this deployment serves; the draft stays as it is.
type NoAuthority struct{ PostalCode string }

func (e *NoAuthority) Error() string { return "no authority for postal code " + e.PostalCode }

// Incomplete is the error of a submission with sections left to do.
type Incomplete struct{ Sections []string }

func (e *Incomplete) Error() string { return fmt.Sprintf("incomplete sections %v", e.Sections) }

// ReceiptMailArgs asks for the receipt e-mail of a submitted case. The
// job carries ids only; the worker reads the address from the case.
type ReceiptMailArgs struct {
	AuthorityID uuid.UUID `json:"authority_id"`
	CaseID      uuid.UUID `json:"case_id"`
}

// Kind implements river.JobArgs.
func (ReceiptMailArgs) Kind() string { return "receipt_mail" }

// Submit turns the owner's draft into one case at the responsible
// authority. It is idempotent: submitting a draft that was already
// submitted returns that case (Already), whoever came first; concurrent
// submissions of one draft race on the unique submission key and all but
// one roll back. It is atomic: the case, its people, documents,
// application data, audit record, receipt job and the deletion of the
// draft commit in one transaction; the files are copied into the
// authority's encrypted store before it and deleted again if it fails.
//
// baseVersion is the draft version the applicant checked; ECONFLICT when
// it changed since. Other errors: *Incomplete, *NoAuthority, ENOTFOUND for
// a draft that is neither the owner's nor submitted.
func (s *Service) Submit(ctx context.Context, owner string, id uuid.UUID, baseVersion int, lang string) (*Receipt, error) {
	d, err := s.Load(ctx, owner, id)
	if smd.ErrorCode(err) == smd.ENOTFOUND {
		// The draft goes in the submission's transaction: submitted before?
		return s.ReceiptOf(ctx, owner, id)
	}
	if err != nil {
		return nil, err
	}
	if d.Version != baseVersion {
		return nil, smd.Errorf(smd.ECONFLICT, "Der Antrag wurde inzwischen geändert.")
	}
	now := s.Now()
	if inc := d.Form.Incomplete(&d.Data.Answers, now); len(inc) > 0 {
		e := &Incomplete{}
		for _, sec := range inc {
			e.Sections = append(e.Sections, sec.ID)
		}
		return nil, e
	}
	postal := d.Data.Answers.Values[d.Form.Routing]
	auth, err := s.Authorities.AuthorityFor(ctx, postal, d.Service)
	if smd.ErrorCode(err) == smd.ENOTFOUND {
		return nil, &NoAuthority{PostalCode: postal}
	}
	if err != nil {
		return nil, err
	}

	c := &smd.Case{ID: uuid.Must(uuid.NewV7()), AuthorityID: auth.ID, Service: d.Service, Channel: d.Data.Channel}
	// Files already encrypted for this authority are taken over as they
	// are; others are copied into its store (and their originals deleted
	// after the commit).
	var copied []string
	var originals []Upload
	cleanup := func() {
		for _, k := range copied {
			_ = s.Files.Delete(context.WithoutCancel(ctx), auth.ID, k)
		}
	}
	docs := make([]*smd.Document, 0, len(d.Data.Uploads))
	for _, u := range d.Data.Uploads {
		key := u.Key
		if u.Store != auth.ID || key == "" {
			key = vault.Key(auth.ID, "cases", c.ID.String(), u.ID.String())
			if err := s.copyUpload(ctx, owner, d.ID, u, auth.ID, key); err != nil {
				cleanup()
				return nil, err
			}
			copied = append(copied, key)
			originals = append(originals, u)
		}
		docs = append(docs, &smd.Document{ID: u.ID, AuthorityID: auth.ID, CaseID: c.ID, Category: u.Category,
			Filename: u.Name, MIMEType: u.MIME, Size: u.Size, SHA256: u.SHA256, BlobKey: key})
	}
	sub := Submitted{Service: string(d.Service), FormVersion: d.Form.Version, Channel: d.Data.Channel, Answers: d.Data.Answers,
		Documents: d.Data.Uploads, Required: s.Requirements(d).Documents, Prefilled: d.Data.Prefilled}
	data, err := json.Marshal(sub)
	if err != nil {
		cleanup()
		return nil, err
	}
	app := &smd.Application{AuthorityID: auth.ID, CaseID: c.ID, Owner: owner, SubmissionKey: id.String(),
		FormVersion: d.Form.Version, Language: lang, Data: data}
	actor := smd.Actor{Kind: smd.ActorApplicant, ID: owner}
	payload, _ := json.Marshal(map[string]any{"channel": c.Channel, "form_version": d.Form.Version, "documents": len(docs)})
	if err := s.Cases.ReserveNumber(ctx, c); err != nil {
		cleanup()
		return nil, err
	}
	err = s.Tx.InTx(ctx, func(ctx context.Context) error {
		if err := s.Cases.CreateCase(ctx, c, &smd.Action{Name: smd.ActSubmitted, Actor: actor, Payload: payload}); err != nil {
			return err
		}
		if err := s.Applications.AddApplication(ctx, app); err != nil {
			return err
		}
		if err := s.Persons.AddPersons(ctx, persons(d.Form, &d.Data.Answers, c)); err != nil {
			return err
		}
		if err := s.Documents.AddDocuments(ctx, docs); err != nil {
			return err
		}
		if err := s.QueueChecks(ctx, docs); err != nil {
			return err
		}
		// No uniqueness option: the job commits with the case, once.
		if err := s.Jobs.Insert(ctx, ReceiptMailArgs{AuthorityID: auth.ID, CaseID: c.ID}, nil); err != nil {
			return err
		}
		if err := s.Drafts.DeleteDraft(ctx, owner, id); err != nil {
			return err
		}
		// Last: the audit chain's head stays locked until the commit, and
		// every submission to the authority waits for it.
		details, _ := json.Marshal(map[string]any{"number": c.Number, "channel": c.Channel, "documents": len(docs)})
		return s.Audit.AppendAudit(ctx, &smd.AuditEvent{AuthorityID: auth.ID, Actor: actor, Action: "application_submitted",
			ObjectType: "case", ObjectID: c.ID.String(), Details: details})
	})
	if err != nil {
		cleanup()
		if smd.ErrorCode(err) == smd.ECONFLICT || smd.ErrorCode(err) == smd.ENOTFOUND {
			// Another request submitted this draft first.
			if r, e := s.ReceiptOf(ctx, owner, id); e == nil {
				return r, nil
			}
		}
		return nil, err
	}
	d.Data.Uploads = originals
	s.dropUploads(ctx, owner, d)
	return &Receipt{Case: c, Authority: auth, Application: app}, nil
}

// ReceiptOf returns the receipt of a draft submitted before (Already);
// ENOTFOUND when it was not the owner's or not submitted.
func (s *Service) ReceiptOf(ctx context.Context, owner string, id uuid.UUID) (*Receipt, error) {
	app, err := s.Applications.ApplicationBySubmission(ctx, owner, id.String())
	if err != nil {
		return nil, err
	}
	c, err := s.Cases.CaseByID(ctx, app.AuthorityID, app.CaseID)
	if err != nil {
		return nil, err
	}
	auth, err := s.Authorities.AuthorityByID(ctx, app.AuthorityID)
	if err != nil {
		return nil, err
	}
	return &Receipt{Case: c, Authority: auth, Application: app, Already: true}, nil
}

func (s *Service) copyUpload(ctx context.Context, owner string, draft uuid.UUID, u Upload, authority uuid.UUID, key string) error {
	ns, store, from := s.location(owner, draft, u)
	rc, err := store.Open(ctx, ns, from)
	if err != nil {
		return fmt.Errorf("open draft upload: %w", err)
	}
	defer rc.Close()
	return s.Files.Put(ctx, authority, key, rc)
}

// persons derives the people on the case from the definition's person maps.
func persons(def *form.Definition, a *form.Answers, c *smd.Case) []*smd.Person {
	var out []*smd.Person
	add := func(pm form.PersonMap, vals map[string]string) {
		p := &smd.Person{AuthorityID: c.AuthorityID, CaseID: c.ID, Role: smd.PersonRole(pm.Role),
			GivenNames: vals[pm.GivenNames], FamilyName: vals[pm.FamilyName], Nationality: vals[pm.Nationality]}
		if t, err := time.Parse(time.DateOnly, vals[pm.BirthDate]); err == nil {
			p.BirthDate = t
		}
		out = append(out, p)
	}
	for _, pm := range def.Persons {
		if pm.Group != "" {
			for _, it := range a.Groups[pm.Group] {
				add(pm, it)
			}
			continue
		}
		if pm.When.Holds(a.MainScope()) {
			add(pm, a.Values)
		}
	}
	return out
}
