package web

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/form"
)

// Decisions (issue 5, item 5): the caseworker decides, or, where the
// authority works with four eyes, proposes; a team lead other than the
// proposer approves (the decision then takes effect) or sends it back.
// A proposal files the Entscheidungsvorlage; the decision files the
// Entscheidungsvorlage with its approver and the Bescheid (letters.go).

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
	actor := smd.Actor{Kind: smd.ActorUser, ID: u.ID.String()}
	sig := signatures{ProposedBy: actor, ProposedAt: nowFunc(), FourEyes: auth.FourEyes}
	if auth.FourEyes {
		s.propose(w, r, c, auth, postedVersion(r), p, sig)
		return
	}
	s.finalize(w, r, u, c, auth, postedVersion(r), nil, p, sig)
}

// propose records a proposal with its Entscheidungsvorlage and audit
// record in one transaction; the Vorlage's file is stored first and
// deleted again if that fails.
func (s *Server) propose(w http.ResponseWriter, r *http.Request, c *smd.Case, auth *smd.Authority, version int, p ProposalPayload, sig signatures) {
	ctx := r.Context()
	rec, err := s.decisionRecord(ctx, auth, c, sig.ProposedBy)
	if err != nil {
		s.handleError(w, r, err)
		return
	}
	docs, drop, err := s.storeLetters(ctx, auth, c, []letter{{doc: s.vorlage(rec, p, sig), category: smd.CategoryEntscheidungsvorlage,
		filename: "Entscheidungsvorlage-" + c.Number + ".pdf"}})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	payload, _ := json.Marshal(p)
	err = s.Tx.InTx(ctx, func(ctx context.Context) error {
		if _, err := s.Cases.AppendAction(ctx, auth.ID, c.ID, version, &smd.Action{Name: smd.ActDecisionProposed, Actor: sig.ProposedBy, Payload: payload}); err != nil {
			return err
		}
		if _, err := s.fileLetters(ctx, auth, c, version+1, sig.ProposedBy, docs); err != nil {
			return err
		}
		return s.Audit.AppendAudit(ctx, &smd.AuditEvent{AuthorityID: auth.ID, Actor: sig.ProposedBy, Action: string(smd.ActDecisionProposed),
			ObjectType: "case", ObjectID: c.ID.String(), Details: payload})
	})
	s.afterDecisionTx(w, r, c, err, drop, "wb.decision.proposed")
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
	sig := signatures{ProposedBy: proposed.Actor, ProposedAt: proposed.At, ApprovedBy: &actor, ApprovedAt: nowFunc(), FourEyes: true}
	s.finalize(w, r, u, c, auth, postedVersion(r), &smd.Action{Name: smd.ActDecisionApproved, Actor: actor}, *p, sig)
}

// finalize records the decision (after the approval, when there is one),
// files the Entscheidungsvorlage and the Bescheid and writes the audit
// record, all in one transaction; the letters' files are stored first and
// deleted again if that fails.
func (s *Server) finalize(w http.ResponseWriter, r *http.Request, u *smd.User, c *smd.Case, auth *smd.Authority, version int, approval *smd.Action, p ProposalPayload, sig signatures) {
	ctx := r.Context()
	rec, err := s.decisionRecord(ctx, auth, c, sig.ProposedBy, smd.Actor{Kind: smd.ActorUser, ID: u.ID.String()})
	if err != nil {
		s.handleError(w, r, err)
		return
	}
	suffix := ""
	if approval != nil {
		suffix = "-Freigabe"
	}
	docs, drop, err := s.storeLetters(ctx, auth, c, []letter{
		{doc: s.vorlage(rec, p, sig), category: smd.CategoryEntscheidungsvorlage, filename: "Entscheidungsvorlage-" + c.Number + suffix + ".pdf"},
		{doc: s.bescheid(rec, p), category: smd.CategoryBescheid, filename: "Bescheid-" + c.Number + ".pdf"},
	})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	payload, _ := json.Marshal(smd.DecisionPayload{Outcome: p.Outcome})
	full, _ := json.Marshal(p)
	actor := smd.Actor{Kind: smd.ActorUser, ID: u.ID.String()}
	err = s.Tx.InTx(ctx, func(ctx context.Context) error {
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
		if _, err := s.fileLetters(ctx, auth, c, v+1, actor, docs); err != nil {
			return err
		}
		if err := s.notify(ctx, c); err != nil {
			return err
		}
		return s.Audit.AppendAudit(ctx, &smd.AuditEvent{AuthorityID: auth.ID, Actor: actor, Action: "case_decided",
			ObjectType: "case", ObjectID: c.ID.String(), Details: full})
	})
	s.afterDecisionTx(w, r, c, err, drop, "wb.decision.done")
}

// afterDecisionTx answers a proposal or decision: the done message, or
// the conflict message when someone else was first (and the letters'
// files are dropped), or the error.
func (s *Server) afterDecisionTx(w http.ResponseWriter, r *http.Request, c *smd.Case, err error, drop func(), doneKey string) {
	ctx := r.Context()
	if err != nil {
		drop()
		if errCode(err) == smd.ECONFLICT || errCode(err) == smd.EINVALID {
			s.sessions.Put(ctx, "flash", "wb.case.conflict")
			redirect(w, r, "/arbeitsplatz/vorgaenge/"+c.ID.String())
			return
		}
		s.handleError(w, r, err)
		return
	}
	s.sessions.Put(ctx, "flash", doneKey)
	redirect(w, r, "/arbeitsplatz/vorgaenge/"+c.ID.String())
}
