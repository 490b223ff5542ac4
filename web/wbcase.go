package web

import (
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/apply"
	"github.com/smd-oss/smd/form"
)

type wbDoc struct {
	Name, Category, Size, Received, URL string
	// ID and CategoryKey serve the row's actions; Checked says when it
	// was marked as checked.
	ID, CategoryKey, Checked string
	// Internal marks a document for the file only (Entscheidungsvorlage),
	// which the applicant never sees.
	Internal bool
	// Check is the automated check of an uploaded document; nil for the
	// authority's own letters.
	Check *docCheckView
}

type wbCasePage struct {
	Frame
	Number, Service, Channel, Received, Status, Assignee string
	Mine, Taken                                          bool
	// Full shows the whole case: to its caseworker (Mine), and read-only
	// to a team lead while a decision waits for their approval — four eyes
	// must see what they approve.
	Full  bool
	Claim string
	// Assign is set for team leads: the form that gives the case to a
	// caseworker of the authority.
	Assign      string
	Caseworkers []OptionView
	Version     int
	Blocks      []summaryBlock
	Docs        []wbDoc
	// Completeness is the required documents and which are there.
	Completeness  *completeness
	History       []historyRow
	NoApplication bool
	Tasks         []taskRow
	// RequestAgainDeadline is the deadline a "request again" proposes.
	RequestAgainDeadline time.Time
	// Closable, Archivable and Withdrawable say which end steps apply.
	Closable, Archivable, Withdrawable bool
	// Notes are the internal notes, newest last; Suspended says which of
	// the two forms (suspend, resume) the page offers.
	Guidance *guidance
	// Decide offers the decision form; Proposal is a pending proposal.
	Decide    bool
	FourEyes  bool
	Proposal  *proposalView
	Notes     []historyRow
	Suspended bool
	Base      string
	// Fee is the fee section: the suggestion, the fee set, the form.
	Fee *feeView
	// Request is the form that asks the applicant for documents.
	Request           string
	Requestable       []OptionView
	Deadline, Message FieldView
}

// wbCase loads a case of the signed-in user's authority; any other case
// is 404, exactly like one that does not exist.
func (s *Server) wbCase(w http.ResponseWriter, r *http.Request) (*smd.User, *smd.Case, bool) {
	u := s.currentUser(r)
	id, err := uuid.Parse(r.PathValue("case"))
	if err != nil {
		s.notFound(w, r)
		return nil, nil, false
	}
	c, err := s.Cases.CaseByID(r.Context(), u.AuthorityID, id)
	if err != nil {
		s.handleError(w, r, err)
		return nil, nil, false
	}
	return u, c, true
}

// audit records that a user read a case's personal data.
func (s *Server) audit(r *http.Request, u *smd.User, c *smd.Case, action, object string) error {
	details, _ := json.Marshal(map[string]string{"number": c.Number, "object": object})
	return s.Audit.AppendAudit(r.Context(), &smd.AuditEvent{AuthorityID: c.AuthorityID, Actor: smd.Actor{Kind: smd.ActorUser, ID: u.ID.String()},
		Action: action, ObjectType: "case", ObjectID: c.ID.String(), Details: details})
}

// caseView is the case page: the Basisdaten for everyone of the authority,
// the personal data (application, documents, history) only for the
// caseworker who claimed the case, and every such view in the audit trail.
func (s *Server) caseView(w http.ResponseWriter, r *http.Request) {
	u, c, ok := s.wbCase(w, r)
	if !ok {
		return
	}
	if p := s.caseViewModel(w, r, u, c); p != nil {
		s.render(w, r, http.StatusOK, "wb_case", p)
	}
}

// caseViewModel builds the case page; nil when it has answered with an
// error already. A full view (the user has the case) is audited.
func (s *Server) caseViewModel(w http.ResponseWriter, r *http.Request, u *smd.User, c *smd.Case) *wbCasePage {
	p := &wbCasePage{Frame: s.frame(r, "wb.title"), Number: c.Number, Version: c.Version,
		Claim: "/arbeitsplatz/vorgaenge/" + c.ID.String() + "/uebernehmen"}
	p.User, p.Container = u, "kern-container-fluid"
	p.Title = p.TD("wb.case.title", map[string]string{"Number": c.Number})
	p.Service, p.Channel = p.T("service."+string(c.Service)), p.T("konto.channel."+string(c.Channel))
	p.Received, p.Status = formatDateTime(c.ReceivedAt, p.Lang.Code), p.T("status."+string(c.Status))
	p.Assignee = p.T("wb.case.nobody")
	if c.Assignee != uuid.Nil {
		if au, err := s.Users.UserByID(r.Context(), u.AuthorityID, c.Assignee); err == nil {
			p.Assignee = au.Name
		}
	}
	p.Mine = c.Assignee == u.ID
	p.Taken = c.Assignee != uuid.Nil && !p.Mine
	p.Base = "/arbeitsplatz/vorgaenge/" + c.ID.String()
	if c.Status == smd.StatusDecisionProposed {
		actions, err := s.Cases.ListActions(r.Context(), u.AuthorityID, c.ID)
		if err != nil {
			s.handleError(w, r, err)
			return nil
		}
		if pp, pa := proposal(actions); pp != nil {
			pv := &proposalView{Outcome: p.T("wb.decision." + pp.Outcome), Reasons: pp.Reasons, When: formatDateTime(pa.At, p.Lang.Code)}
			if id, err := uuid.Parse(pa.Actor.ID); err == nil {
				if pu, err := s.Users.UserByID(r.Context(), u.AuthorityID, id); err == nil {
					pv.By = pu.Name
				}
			}
			pv.CanApprove = u.HasRole(smd.RoleTeamLead) && pa.Actor.ID != u.ID.String()
			p.Proposal = pv
		}
	}
	if u.HasRole(smd.RoleTeamLead) {
		users, err := s.Users.ListUsers(r.Context(), u.AuthorityID)
		if err != nil {
			s.handleError(w, r, err)
			return nil
		}
		p.Assign = "/arbeitsplatz/vorgaenge/" + c.ID.String() + "/zuweisen"
		for _, cw := range users {
			if cw.HasRole(smd.RoleCaseworker) || cw.HasRole(smd.RoleTeamLead) {
				p.Caseworkers = append(p.Caseworkers, OptionView{Value: cw.ID.String(), Label: cw.Name, Checked: cw.ID == c.Assignee})
			}
		}
	}
	p.Full = p.Mine || mayReview(u, c)
	if p.Full {
		if err := s.fillCase(r, p, c); err != nil {
			s.handleError(w, r, err)
			return nil
		}
		if err := s.audit(r, u, c, "case_read", "case"); err != nil {
			s.serverError(w, r, err)
			return nil
		}
	}
	if !p.Mine && p.Full {
		// The reviewer reads; every step stays with the caseworker.
		if p.Guidance != nil {
			for i := range p.Guidance.Items {
				p.Guidance.Items[i].Open = false
			}
		}
		if p.Fee != nil {
			p.Fee.Open = false
		}
	}
	if p.Mine {
		p.Request = "/arbeitsplatz/vorgaenge/" + c.ID.String() + "/anfordern"
		p.Decide = c.Status == smd.StatusInReview
		if auth, err := s.Authorities.AuthorityByID(r.Context(), u.AuthorityID); err == nil {
			p.FourEyes = auth.FourEyes
		}
		for _, d := range requestableDocs {
			p.Requestable = append(p.Requestable, OptionView{ID: "dokument-" + d, Value: d, Label: docLabel(&p.Frame, d)})
		}
		p.Deadline = s.fieldView(&p.Frame, requestDeadline, form.Raw{}, false, "")
		p.Deadline.Label = p.T("wb.request.deadline")
		p.Message = s.fieldView(&p.Frame, requestMessage, form.Raw{}, false, "")
		p.Message.Label = p.T("wb.request.message")
	}
	return p
}

// mayReview reports whether u reads c as the second pair of eyes: a team
// lead, while the case's decision waits for approval. (That they did not
// propose it themselves is checked where they approve.)
func mayReview(u *smd.User, c *smd.Case) bool {
	return c.Status == smd.StatusDecisionProposed && u.HasRole(smd.RoleTeamLead)
}

func (s *Server) fillCase(r *http.Request, p *wbCasePage, c *smd.Case) error {
	ctx := r.Context()
	var sub *apply.Submitted
	checks := map[uuid.UUID]*checkResult{}
	if s.Apply != nil {
		app, err := s.Apply.Applications.ApplicationByCase(ctx, c.AuthorityID, c.ID)
		switch {
		case errCode(err) == smd.ENOTFOUND:
			p.NoApplication = true
		case err != nil:
			return err
		default:
			sub = &apply.Submitted{}
			if err := json.Unmarshal(app.Data, sub); err != nil {
				return err
			}
			if def := s.Apply.Forms[sub.Service]; def != nil {
				p.Blocks = s.summary(&p.Frame, def, &sub.Answers, "")
			}
		}
		docs, err := s.Apply.Documents.ListDocuments(ctx, c.AuthorityID, c.ID)
		if err != nil {
			return err
		}
		if checks, err = s.docChecksOf(ctx, c); err != nil {
			return err
		}
		for _, d := range docs {
			cat := docLabel(&p.Frame, d.Category)
			row := wbDoc{Name: d.Filename, Category: cat, Size: humanSize(d.Size), ID: d.ID.String(), CategoryKey: d.Category, Internal: d.Internal(),
				Received: formatDateTime(d.ReceivedAt, p.Lang.Code), URL: "/arbeitsplatz/vorgaenge/" + c.ID.String() + "/dokumente/" + d.ID.String()}
			if strings.HasPrefix(d.Category, "letter.") {
				row.Category = p.T("wb." + d.Category)
			} else {
				row.Check = s.checkView(&p.Frame, checks[d.ID])
			}
			p.Docs = append(p.Docs, row)
		}
		p.Completeness = completenessOf(&p.Frame, sub, docs, checks)
	}
	actions, err := s.Cases.ListActions(ctx, c.AuthorityID, c.ID)
	if err != nil {
		return err
	}
	p.Guidance = s.guidanceFor(&p.Frame, c, actions, sub, checks)
	if p.Fee, err = s.feeViewFor(ctx, &p.Frame, c, actions, sub); err != nil {
		return err
	}
	for _, a := range actions {
		if a.Name != smd.ActDocumentChecked {
			continue
		}
		var dp DocumentCheckedPayload
		if json.Unmarshal(a.Payload, &dp) == nil {
			for i := range p.Docs {
				if p.Docs[i].ID == dp.Document {
					p.Docs[i].Checked = p.TD("wb.doc.checked_on", map[string]string{"When": formatDateTime(a.At, p.Lang.Code)})
				}
			}
		}
	}
	p.RequestAgainDeadline = nowFunc().In(berlin).AddDate(0, 0, 14)
	if c.Status == smd.StatusWaitingForAppointment || c.Status == smd.StatusHandedOver || c.Status == smd.StatusDecided {
		p.Tasks = s.taskRows(&p.Frame, c, actions)
	}
	p.Closable = c.Status == smd.StatusDecided || c.Status == smd.StatusHandedOver || c.Status == smd.StatusWithdrawn
	p.Archivable = c.Status == smd.StatusClosed
	p.Withdrawable = !slices.Contains([]smd.Status{smd.StatusDecided, smd.StatusWaitingForAppointment, smd.StatusHandedOver,
		smd.StatusWithdrawn, smd.StatusClosed, smd.StatusArchived}, c.Status)
	p.Suspended = c.Status == smd.StatusSuspended
	p.Base = "/arbeitsplatz/vorgaenge/" + c.ID.String()
	for _, a := range actions {
		if a.Name == smd.ActNoteAdded || a.Name == smd.ActSuspended || a.Name == smd.ActResumed {
			var np NotePayload
			if json.Unmarshal(a.Payload, &np) == nil && np.Text != "" {
				p.Notes = append(p.Notes, historyRow{When: formatDateTime(a.At, p.Lang.Code), What: p.T("wb.note.kind."+string(a.Name)) + ": " + np.Text})
			}
		}
		what := string(a.Name)
		if s.Catalog.Has("konto.act." + what) {
			what = p.T("konto.act." + what)
		} else if s.Catalog.Has("wb.act." + what) {
			what = p.T("wb.act." + what)
		}
		p.History = append(p.History, historyRow{When: formatDateTime(a.At, p.Lang.Code), What: what})
	}
	return nil
}

// claimCase is POST …/uebernehmen: the caseworker takes the case from the
// queue. Based on the version the page showed, so that two claims at once
// give one winner and a clear message for the other.
func (s *Server) claimCase(w http.ResponseWriter, r *http.Request) {
	u, c, ok := s.wbCase(w, r)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, http.StatusBadRequest, "400")
		return
	}
	if c.Assignee != uuid.Nil {
		s.sessions.Put(r.Context(), "flash", "wb.case.conflict")
		redirect(w, r, "/arbeitsplatz/vorgaenge/"+c.ID.String())
		return
	}
	s.appendStep(w, r, u, c, &smd.Action{Name: smd.ActClaimed, Actor: smd.Actor{Kind: smd.ActorUser, ID: u.ID.String()}}, "wb.case.claimed")
}

// assignCase is POST …/zuweisen: a team lead gives the case to a
// caseworker of the authority, or takes it from one and gives it to
// another. Others get 403; a user of another authority reads as unknown.
func (s *Server) assignCase(w http.ResponseWriter, r *http.Request) {
	u, c, ok := s.wbCase(w, r)
	if !ok {
		return
	}
	if !u.HasRole(smd.RoleTeamLead) {
		s.errorPage(w, r, http.StatusForbidden, "403")
		return
	}
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, http.StatusBadRequest, "400")
		return
	}
	to, err := uuid.Parse(r.PostForm.Get("user"))
	if err != nil {
		s.errorPage(w, r, http.StatusBadRequest, "400")
		return
	}
	if _, err := s.Users.UserByID(r.Context(), u.AuthorityID, to); err != nil {
		s.errorPage(w, r, http.StatusBadRequest, "400")
		return
	}
	payload, _ := json.Marshal(smd.AssignedPayload{User: to})
	s.appendStep(w, r, u, c, &smd.Action{Name: smd.ActAssigned, Actor: smd.Actor{Kind: smd.ActorUser, ID: u.ID.String()}, Payload: payload}, "wb.case.assigned")
}

// caseDocument streams a document of a claimed case (or of one the user
// reviews, mayReview), decrypted, as a download or, with ?ansicht=1, for
// viewing in the browser; the read goes into the audit trail.
func (s *Server) caseDocument(w http.ResponseWriter, r *http.Request) {
	u, c, ok := s.wbCase(w, r)
	if !ok {
		return
	}
	docID, err := uuid.Parse(r.PathValue("doc"))
	if err != nil || s.Apply == nil || c.Assignee != u.ID && !mayReview(u, c) {
		s.notFound(w, r)
		return
	}
	d, err := s.Apply.Documents.DocumentByID(r.Context(), u.AuthorityID, docID)
	if err != nil || d.CaseID != c.ID {
		s.notFound(w, r)
		return
	}
	rc, err := s.Apply.Files.Open(r.Context(), u.AuthorityID, d.BlobKey)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	defer rc.Close()
	if err := s.audit(r, u, c, "document_read", d.ID.String()); err != nil {
		s.serverError(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", d.MIMEType)
	disposition := "attachment"
	if r.URL.Query().Get("ansicht") == "1" {
		// Viewing in the browser: the file may not run anything or reach
		// anything of ours (a sandbox without scripts), whatever it is.
		disposition = "inline"
		h.Set("Content-Security-Policy", "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'")
	}
	h.Set("Content-Disposition", disposition+`; filename="`+asciiName(d.Filename)+`"`)
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	_, _ = io.Copy(w, rc)
}

// asciiName keeps a file name safe inside a quoted header value.
func asciiName(name string) string {
	out := make([]rune, 0, len(name))
	for _, r := range name {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' {
			r = '_'
		}
		out = append(out, r)
	}
	return string(out)
}
