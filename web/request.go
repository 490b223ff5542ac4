package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/apply"
	"github.com/smd-oss/smd/form"
	"github.com/smd-oss/smd/upload"
	"github.com/smd-oss/smd/vault"
)

// Requests for missing documents (issue 5, item 4): the caseworker asks,
// the applicant sees the request under "Meine Anträge" and uploads into
// the case, and the case goes back to the caseworker's queue.

// requestableDocs are the document categories a caseworker can ask for.
var requestableDocs = []string{"doc.passport", "doc.residence_permit", "doc.birth_certificate", "doc.marriage_certificate",
	"doc.payslips", "doc.employment_contract", "doc.rental_contract", "doc.health_insurance", "doc.language_certificate",
	"doc.citizenship_test_certificate", "doc.degree", "doc.photo", apply.OtherCategory}

var requestDeadline = &form.Field{ID: "frist", Type: form.Date, Future: true, MaxLen: 10}
var requestMessage = &form.Field{ID: "nachricht", Type: form.Textarea, Optional: true, MaxLen: 1000}

func docLabel(fr *Frame, key string) string {
	if key == apply.OtherCategory {
		return fr.T("apply.docs.other")
	}
	return fr.T(key)
}

// requestDocuments is POST …/anfordern by the caseworker who has the case.
func (s *Server) requestDocuments(w http.ResponseWriter, r *http.Request) {
	u, c, ok := s.caseworkerStep(w, r)
	if !ok {
		return
	}
	fr := s.frame(r, "wb.title")
	var docs []string
	for _, d := range r.PostForm["dokument"] {
		if slices.Contains(requestableDocs, d) && !slices.Contains(docs, d) {
			docs = append(docs, d)
		}
	}
	deadline, derr := requestDeadline.Validate(requestDeadline.ReadRaw(r.PostForm), form.Scope{}, nowFunc())
	message, merr := requestMessage.Validate(requestMessage.ReadRaw(r.PostForm), form.Scope{}, nowFunc())
	var problems []string
	if len(docs) == 0 {
		problems = append(problems, fr.T("wb.request.err.none"))
	}
	if derr != nil {
		problems = append(problems, fr.TD(derr.Key, map[string]any{"Label": fr.T("wb.request.deadline")}))
	}
	if merr != nil {
		problems = append(problems, fr.TD(merr.Key, map[string]any{"Label": fr.T("wb.request.message"), "Max": requestMessage.MaxLen}))
	}
	back := "/arbeitsplatz/vorgaenge/" + c.ID.String()
	if len(problems) > 0 {
		p := s.caseViewModel(w, r, u, c)
		if p == nil {
			return
		}
		for _, m := range problems {
			p.Errors = append(p.Errors, FormError{Field: "anfordern", Message: m})
		}
		s.render(w, r, http.StatusUnprocessableEntity, "wb_case", p)
		return
	}
	payload, _ := json.Marshal(smd.DocumentRequestPayload{Documents: docs, Message: message, Deadline: deadline})
	// The request and the applicant's notice commit together.
	err := s.Tx.InTx(r.Context(), func(ctx context.Context) error {
		if _, err := s.Cases.AppendAction(ctx, u.AuthorityID, c.ID, postedVersion(r),
			&smd.Action{Name: smd.ActDocumentRequested, Actor: smd.Actor{Kind: smd.ActorUser, ID: u.ID.String()}, Payload: payload}); err != nil {
			return err
		}
		return s.notify(ctx, c)
	})
	switch {
	case err == nil:
		s.sessions.Put(r.Context(), "flash", "wb.request.sent")
	case errCode(err) == smd.ECONFLICT || errCode(err) == smd.EINVALID:
		s.sessions.Put(r.Context(), "flash", "wb.case.conflict")
	default:
		s.handleError(w, r, err)
		return
	}
	redirect(w, r, back)
}

// openRequest returns the document request the applicant still has to
// answer: the newest one while the case waits for the applicant.
func openRequest(c *smd.Case, actions []*smd.Action) *smd.DocumentRequestPayload {
	if c.Status != smd.StatusWaitingForApplicant {
		return nil
	}
	for i := len(actions) - 1; i >= 0; i-- {
		if actions[i].Name == smd.ActDocumentRequested {
			var p smd.DocumentRequestPayload
			if json.Unmarshal(actions[i].Payload, &p) == nil {
				return &p
			}
			return nil
		}
	}
	return nil
}

// submitRequested is POST /konto/antraege/{case}/nachreichen: the
// applicant uploads what was asked for, one file per requested document.
// Every file passes the upload gate first; only when all do are they
// stored, then recorded with the action in one transaction (the stored
// files are deleted again if it fails).
func (s *Server) submitRequested(w http.ResponseWriter, r *http.Request) {
	_, rc, ok := s.ownedCase(w, r)
	if !ok {
		return
	}
	c := rc.Case
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			s.tooLarge(w, r)
			return
		}
		s.errorPage(w, r, http.StatusBadRequest, "400")
		return
	}
	actions, err := s.Cases.ListActions(r.Context(), c.AuthorityID, c.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	req := openRequest(c, actions)
	back := "/konto/antraege/" + c.ID.String()
	if req == nil {
		redirect(w, r, back)
		return
	}
	fr := s.frame(r, "konto.title")
	type accepted struct {
		cat  string
		file *upload.File
	}
	var files []accepted
	var problems []FormError
	for i, cat := range req.Documents {
		field := "nachweis-" + itoa64(int64(i))
		f, hdr, err := r.FormFile(field)
		if err != nil {
			continue // not every document at once
		}
		up, err := upload.Read(f, hdr.Filename, s.UploadLimits)
		f.Close()
		var refused *upload.Refused
		if errors.As(err, &refused) {
			problems = append(problems, FormError{Field: field, Message: docLabel(&fr, cat) + ": " +
				fr.TD("apply.docs.err."+refused.Reason, map[string]string{"Max": humanSize(s.UploadLimits.MaxBytes)})})
			continue
		}
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		if msg := s.checkUpload(r.Context(), &fr, up); msg != "" {
			problems = append(problems, FormError{Field: field, Message: docLabel(&fr, cat) + ": " + msg})
			continue
		}
		files = append(files, accepted{cat, up})
	}
	if len(files) == 0 && len(problems) == 0 {
		problems = append(problems, FormError{Field: "nachweis-0", Message: fr.T("apply.docs.err.none")})
	}
	if len(problems) > 0 {
		p, err := s.kontoCaseModel(r, rc)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		p.Errors = problems
		s.render(w, r, http.StatusUnprocessableEntity, "konto_case", p)
		return
	}
	var docs []*smd.Document
	var keys []string
	cleanup := func() {
		for _, k := range keys {
			_ = s.Apply.Files.Delete(context.WithoutCancel(r.Context()), c.AuthorityID, k)
		}
	}
	for _, a := range files {
		id := uuid.Must(uuid.NewV7())
		key := vault.Key(c.AuthorityID, "cases", c.ID.String(), id.String())
		if err := s.Apply.Files.Put(r.Context(), c.AuthorityID, key, bytes.NewReader(a.file.Content)); err != nil {
			cleanup()
			s.serverError(w, r, err)
			return
		}
		keys = append(keys, key)
		docs = append(docs, &smd.Document{ID: id, AuthorityID: c.AuthorityID, CaseID: c.ID, Category: a.cat, Filename: a.file.Name,
			MIMEType: a.file.MIME, Size: a.file.Size, SHA256: a.file.SHA256, BlobKey: key})
	}
	actor := smd.Actor{Kind: smd.ActorApplicant, ID: rc.Application.Owner}
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.ID.String()
	}
	payload, _ := json.Marshal(map[string]any{"documents": ids})
	err = s.Tx.InTx(r.Context(), func(ctx context.Context) error {
		if err := s.Apply.Documents.AddDocuments(ctx, docs); err != nil {
			return err
		}
		if err := s.Apply.QueueChecks(ctx, docs); err != nil {
			return err
		}
		if _, err := s.Cases.AppendAction(ctx, c.AuthorityID, c.ID, c.Version, &smd.Action{Name: smd.ActDocumentReceived, Actor: actor, Payload: payload}); err != nil {
			return err
		}
		details, _ := json.Marshal(map[string]any{"number": c.Number, "documents": len(docs)})
		return s.Audit.AppendAudit(ctx, &smd.AuditEvent{AuthorityID: c.AuthorityID, Actor: actor, Action: "documents_submitted",
			ObjectType: "case", ObjectID: c.ID.String(), Details: details})
	})
	if err != nil {
		cleanup()
		if errCode(err) == smd.ECONFLICT {
			s.sessions.Put(r.Context(), "flash", "apply.conflict")
			redirect(w, r, back)
			return
		}
		s.handleError(w, r, err)
		return
	}
	s.sessions.Put(r.Context(), "flash", "konto.request.sent")
	redirect(w, r, back)
}

// requestView is the open request as the applicant's case page shows it.
type requestView struct {
	Deadline, Message, Action string
	Docs                      []FieldView
}

func (s *Server) requestViewFor(fr *Frame, c *smd.Case, req *smd.DocumentRequestPayload) *requestView {
	if req == nil {
		return nil
	}
	v := &requestView{Message: req.Message, Action: "/konto/antraege/" + c.ID.String() + "/nachreichen"}
	if d, err := time.Parse(time.DateOnly, req.Deadline); err == nil {
		v.Deadline = formatDate(d, fr.Lang.Code)
	}
	for i, doc := range req.Documents {
		v.Docs = append(v.Docs, FieldView{ID: "nachweis-" + itoa64(int64(i)), Label: docLabel(fr, doc), Optional: true, Frame: fr})
	}
	return v
}

// notify queues the applicant's e-mail notice in the caller's transaction.
func (s *Server) notify(ctx context.Context, c *smd.Case) error {
	if s.Apply == nil || s.Apply.Jobs == nil {
		return nil
	}
	return s.Apply.Jobs.Insert(ctx, apply.NoticeArgs{AuthorityID: c.AuthorityID, CaseID: c.ID}, nil)
}
