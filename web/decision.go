package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"slices"

	"github.com/google/uuid"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/form"
	"github.com/smd-oss/smd/pdf"
	"github.com/smd-oss/smd/quickcheck"
	"github.com/smd-oss/smd/rules"
	"github.com/smd-oss/smd/vault"
)

// Decisions (issue 5, item 5): the caseworker decides, or, where the
// authority works with four eyes, proposes; a team lead other than the
// proposer approves (the decision then takes effect) or sends it back.
// The Bescheid is generated as PDF and filed on the case.

// ProposalPayload is the payload of "decision_proposed" and "decided".
type ProposalPayload struct {
	Outcome string `json:"outcome"` // granted, refused
	Reasons string `json:"reasons,omitempty"`
}

var decisionReasons = &form.Field{ID: "begruendung_entscheidung", Type: form.Textarea, Optional: true, MaxLen: 5000}

type proposalView struct {
	Outcome, Reasons, By, When string
	CanApprove                 bool
}

// proposal returns the pending proposal of a case with its action.
func proposal(actions []*smd.Action) (*ProposalPayload, *smd.Action) {
	for i := len(actions) - 1; i >= 0; i-- {
		switch actions[i].Name {
		case smd.ActDecisionProposed:
			var p ProposalPayload
			if json.Unmarshal(actions[i].Payload, &p) == nil {
				return &p, actions[i]
			}
			return nil, nil
		case smd.ActDecisionRejectedByApprover, smd.ActDecided:
			return nil, nil
		}
	}
	return nil, nil
}

// decide is POST …/entscheidung by the caseworker who has the case.
func (s *Server) decide(w http.ResponseWriter, r *http.Request) {
	u, c, ok := s.caseworkerStep(w, r)
	if !ok {
		return
	}
	p := ProposalPayload{Outcome: r.PostForm.Get("ergebnis")}
	reasons, ferr := decisionReasons.Validate(decisionReasons.ReadRaw(r.PostForm), form.Scope{}, nowFunc())
	if !slices.Contains([]string{"granted", "refused"}, p.Outcome) || ferr != nil || p.Outcome == "refused" && reasons == "" {
		m := s.caseViewModel(w, r, u, c)
		if m == nil {
			return
		}
		m.Errors = append(m.Errors, FormError{Field: "ergebnis-granted", Message: m.T("wb.decision.err")})
		s.render(w, r, http.StatusUnprocessableEntity, "wb_case", m)
		return
	}
	p.Reasons = reasons
	auth, err := s.Authorities.AuthorityByID(r.Context(), u.AuthorityID)
	if err != nil {
		s.handleError(w, r, err)
		return
	}
	payload, _ := json.Marshal(p)
	actor := smd.Actor{Kind: smd.ActorUser, ID: u.ID.String()}
	if auth.FourEyes {
		s.appendStep(w, r, u, c, &smd.Action{Name: smd.ActDecisionProposed, Actor: actor, Payload: payload}, "wb.decision.proposed")
		return
	}
	s.finalize(w, r, u, c, auth, postedVersion(r), nil, p)
}

// approve is POST …/freigabe by a team lead who did not propose:
// "approve" lets the decision take effect, "reject" sends it back.
func (s *Server) approve(w http.ResponseWriter, r *http.Request) {
	u, c, ok := s.wbCase(w, r)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, http.StatusBadRequest, "400")
		return
	}
	actions, err := s.Cases.ListActions(r.Context(), u.AuthorityID, c.ID)
	if err != nil {
		s.handleError(w, r, err)
		return
	}
	p, proposed := proposal(actions)
	if p == nil || !u.HasRole(smd.RoleTeamLead) || proposed.Actor.ID == u.ID.String() {
		// Nobody approves their own decision.
		s.errorPage(w, r, http.StatusForbidden, "403")
		return
	}
	actor := smd.Actor{Kind: smd.ActorUser, ID: u.ID.String()}
	if r.PostForm.Get("freigabe") != "approve" {
		s.appendStep(w, r, u, c, &smd.Action{Name: smd.ActDecisionRejectedByApprover, Actor: actor}, "wb.decision.sent_back")
		return
	}
	auth, err := s.Authorities.AuthorityByID(r.Context(), u.AuthorityID)
	if err != nil {
		s.handleError(w, r, err)
		return
	}
	s.finalize(w, r, u, c, auth, postedVersion(r), &smd.Action{Name: smd.ActDecisionApproved, Actor: actor}, *p)
}

// finalize records the decision (after the approval, when there is one),
// files the Bescheid and the audit record, all in one transaction; the
// letter's file is stored first and deleted again if that fails.
func (s *Server) finalize(w http.ResponseWriter, r *http.Request, u *smd.User, c *smd.Case, auth *smd.Authority, version int, approval *smd.Action, p ProposalPayload) {
	ctx := r.Context()
	var letter *smd.Document
	if s.Receipts != nil && s.Apply != nil {
		fr := s.frame(r, "wb.title")
		doc := s.bescheid(ctx, &fr, c, auth, p)
		b, err := s.Receipts.Render(ctx, doc)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		id := uuid.Must(uuid.NewV7())
		key := vault.Key(auth.ID, "cases", c.ID.String(), id.String())
		if err := s.Apply.Files.Put(ctx, auth.ID, key, bytes.NewReader(b)); err != nil {
			s.serverError(w, r, err)
			return
		}
		sum := sha256.Sum256(b)
		letter = &smd.Document{ID: id, AuthorityID: auth.ID, CaseID: c.ID, Category: "letter.bescheid", Filename: "Bescheid-" + c.Number + ".pdf",
			MIMEType: "application/pdf", Size: int64(len(b)), SHA256: hex.EncodeToString(sum[:]), BlobKey: key}
	}
	payload, _ := json.Marshal(smd.DecisionPayload{Outcome: p.Outcome})
	full, _ := json.Marshal(p)
	actor := smd.Actor{Kind: smd.ActorUser, ID: u.ID.String()}
	err := s.Tx.InTx(ctx, func(ctx context.Context) error {
		v := version
		if approval != nil {
			if _, err := s.Cases.AppendAction(ctx, auth.ID, c.ID, v, approval); err != nil {
				return err
			}
			v++
		}
		decided := &smd.Action{Name: smd.ActDecided, Actor: actor, Payload: payload}
		if _, err := s.Cases.AppendAction(ctx, auth.ID, c.ID, v, decided); err != nil {
			return err
		}
		if letter != nil {
			if err := s.Apply.Documents.AddDocuments(ctx, []*smd.Document{letter}); err != nil {
				return err
			}
		}
		if err := s.notify(ctx, c); err != nil {
			return err
		}
		return s.Audit.AppendAudit(ctx, &smd.AuditEvent{AuthorityID: auth.ID, Actor: actor, Action: "case_decided",
			ObjectType: "case", ObjectID: c.ID.String(), Details: full})
	})
	if err != nil {
		if letter != nil {
			_ = s.Apply.Files.Delete(context.WithoutCancel(ctx), auth.ID, letter.BlobKey)
		}
		if errCode(err) == smd.ECONFLICT || errCode(err) == smd.EINVALID {
			s.sessions.Put(ctx, "flash", "wb.case.conflict")
			redirect(w, r, "/arbeitsplatz/vorgaenge/"+c.ID.String())
			return
		}
		s.handleError(w, r, err)
		return
	}
	s.sessions.Put(ctx, "flash", "wb.decision.done")
	redirect(w, r, "/arbeitsplatz/vorgaenge/"+c.ID.String())
}

// bescheid is the decision letter in German, the authoritative language:
// addressee, case, outcome, reasons, fee from the rules engine and the
// notice of legal remedies.
func (s *Server) bescheid(ctx context.Context, fr *Frame, c *smd.Case, auth *smd.Authority, p ProposalPayload) *pdf.Document {
	t := func(key string) string { return s.Catalog.T("de", key) }
	td := func(key string, data any) string { return s.Catalog.T("de", key, data) }
	addressee := ""
	if s.Apply != nil {
		if persons, err := s.Apply.Persons.ListPersons(ctx, c.AuthorityID, c.ID); err == nil && len(persons) > 0 {
			addressee = persons[0].GivenNames + " " + persons[0].FamilyName
		}
	}
	doc := &pdf.Document{Lang: "de", Title: t("wb.letter.bescheid.title"), Subtitle: auth.Name + ", " + auth.Address, Footer: t("wb.letter.bescheid.footer")}
	doc.Blocks = append(doc.Blocks, pdf.Block{Rows: []pdf.Row{
		{Label: t("wb.letter.to"), Value: addressee},
		{Label: t("receipt.number"), Value: c.Number},
		{Label: t("receipt.service"), Value: t("form." + string(c.Service) + ".title")},
		{Label: t("receipt.received"), Value: formatDate(c.ReceivedAt, "de")},
		{Label: t("wb.letter.date"), Value: formatDate(nowFunc(), "de")},
	}})
	doc.Blocks = append(doc.Blocks, pdf.Block{Heading: t("wb.letter.bescheid.decision"), Text: t("wb.letter.bescheid." + p.Outcome)})
	if p.Reasons != "" {
		doc.Blocks = append(doc.Blocks, pdf.Block{Heading: t("wb.letter.bescheid.reasons"), Text: p.Reasons})
	}
	if fees, ok := s.Law.ServiceFees(string(c.Service), rules.DateOf(nowFunc())); ok && len(fees) > 0 {
		doc.Blocks = append(doc.Blocks, pdf.Block{Heading: t("wb.letter.bescheid.fee"),
			Text: td("wb.letter.bescheid.fee_text", map[string]string{"Amount": quickcheck.FormatAmount(fees[0].Amount, "de")})})
	}
	doc.Blocks = append(doc.Blocks, pdf.Block{Heading: t("wb.letter.bescheid.remedy"), Text: t("wb.letter.bescheid.remedy_text")})
	return doc
}
