package web

import (
	"encoding/json"
	"net/http"
	"slices"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/apply"
	"github.com/smd-oss/smd/form"
	"github.com/smd-oss/smd/rules"
)

// Guided processing (issue 5, item 4): the caseworker sets the
// Rechtsgrundlage from the service's catalogue in the law data (the
// application suggests one), and works a checklist whose items carry the
// rules engine's pre-assessment. Every confirmation and override is an
// action with its user; nothing is decided automatically.

// LegalBasisPayload is the payload of "legal_basis_set".
type LegalBasisPayload struct {
	Basis string `json:"basis"`
}

// ChecklistPayload is the payload of "checklist_item_confirmed" and
// "checklist_item_overridden" (with the caseworker's status and reason).
type ChecklistPayload struct {
	Item   string `json:"item"`
	Status string `json:"status,omitempty"`
	Reason string `json:"reason,omitempty"`
}

type checkItem struct {
	ID, Basis, Assessment, Reason, Badge, Decision string
	Open                                           bool
}

type guidance struct {
	Bases     []OptionView
	Current   string
	Suggested string
	Items     []checkItem
}

// catalogue returns the service's legal bases valid today.
func (s *Server) catalogue(svc smd.Service) []rules.LegalBasis {
	all, _, err := s.Law.LegalBases.At(rules.DateOf(nowFunc()))
	if err != nil {
		return nil
	}
	return all[string(svc)]
}

// legalBasisOf returns the id of the Rechtsgrundlage a history has set
// last, "" when none is set (or it was reset).
func legalBasisOf(actions []*smd.Action) string {
	basis := ""
	for _, a := range actions {
		var p LegalBasisPayload
		switch a.Name {
		case smd.ActLegalBasisSet:
			if json.Unmarshal(a.Payload, &p) == nil {
				basis = p.Basis
			}
		case smd.ActLegalBasisReset:
			basis = ""
		}
	}
	return basis
}

// guidanceFor builds the legal-basis form and the checklist of a case.
func (s *Server) guidanceFor(fr *Frame, c *smd.Case, actions []*smd.Action, sub *apply.Submitted) *guidance {
	g := &guidance{Current: legalBasisOf(actions)}
	bases := s.catalogue(c.Service)
	if sub != nil {
		switch c.Service {
		case smd.ServiceAufenthaltstitel:
			g.Suggested = sub.Answers.Values["legal_basis"]
		default:
			if len(bases) > 0 {
				g.Suggested = bases[0].ID
			}
		}
	}
	for _, b := range bases {
		g.Bases = append(g.Bases, OptionView{ID: "basis-" + b.ID, Value: b.ID, Label: b.Title,
			Checked: b.ID == g.Current || g.Current == "" && b.ID == g.Suggested})
	}
	if g.Current == "" || sub == nil || s.Apply == nil {
		return g
	}
	def := s.Apply.Forms[sub.Service]
	if def == nil {
		return g
	}
	res := s.Apply.Assess(def, &sub.Answers, nil)
	if res == nil {
		return g
	}
	decisions := map[string]string{}
	for _, a := range actions {
		var p ChecklistPayload
		if (a.Name == smd.ActChecklistItemConfirmed || a.Name == smd.ActChecklistItemOverridden) && json.Unmarshal(a.Payload, &p) == nil {
			if a.Name == smd.ActChecklistItemConfirmed {
				decisions[p.Item] = fr.TD("wb.check.confirmed", map[string]string{"When": formatDateTime(a.At, fr.Lang.Code)})
			} else {
				decisions[p.Item] = fr.TD("wb.check.overridden", map[string]string{"Status": fr.T("wb.check.status." + p.Status),
					"Reason": p.Reason, "When": formatDateTime(a.At, fr.Lang.Code)})
			}
		}
	}
	for _, cr := range res.Criteria {
		it := checkItem{ID: cr.ID, Basis: cr.LegalBasis, Assessment: fr.T("wb.check.status." + string(cr.Status)),
			Reason: fr.TD(cr.Reason.Key, cr.Reason.Args), Decision: decisions[cr.ID]}
		it.Badge = map[rules.Status]string{rules.Met: "kern-badge--success", rules.NotMet: "kern-badge--danger", rules.Unknown: "kern-badge--info"}[cr.Status]
		it.Open = it.Decision == ""
		g.Items = append(g.Items, it)
	}
	return g
}

var checkStatuses = []string{string(rules.Met), string(rules.NotMet), string(rules.Unknown)}
var overrideReason = &form.Field{ID: "begruendung", Type: form.Textarea, MaxLen: 1000}

// setLegalBasis is POST …/rechtsgrundlage (set, or reset with an empty basis).
func (s *Server) setLegalBasis(w http.ResponseWriter, r *http.Request) {
	u, c, ok := s.caseworkerStep(w, r)
	if !ok {
		return
	}
	basis := r.PostForm.Get("basis")
	a := &smd.Action{Name: smd.ActLegalBasisReset, Actor: smd.Actor{Kind: smd.ActorUser, ID: u.ID.String()}}
	if basis != "" {
		if !slices.ContainsFunc(s.catalogue(c.Service), func(b rules.LegalBasis) bool { return b.ID == basis }) {
			s.errorPage(w, r, http.StatusBadRequest, "400")
			return
		}
		a.Name = smd.ActLegalBasisSet
		a.Payload, _ = json.Marshal(LegalBasisPayload{Basis: basis})
	}
	s.appendStep(w, r, u, c, a, "wb.basis.done")
}

// checkItemDecision is POST …/pruefpunkt: confirm the pre-assessment of
// one item, or override it with a status and a reason.
func (s *Server) checkItemDecision(w http.ResponseWriter, r *http.Request) {
	u, c, ok := s.caseworkerStep(w, r)
	if !ok {
		return
	}
	item := r.PostForm.Get("item")
	if item == "" || len(item) > 64 {
		s.errorPage(w, r, http.StatusBadRequest, "400")
		return
	}
	a := &smd.Action{Name: smd.ActChecklistItemConfirmed, Actor: smd.Actor{Kind: smd.ActorUser, ID: u.ID.String()}}
	p := ChecklistPayload{Item: item}
	if r.PostForm.Get("decision") == "override" {
		p.Status = r.PostForm.Get("status")
		reason, ferr := overrideReason.Validate(overrideReason.ReadRaw(r.PostForm), form.Scope{}, nowFunc())
		if !slices.Contains(checkStatuses, p.Status) || ferr != nil {
			m := s.caseViewModel(w, r, u, c)
			if m == nil {
				return
			}
			m.Errors = append(m.Errors, FormError{Field: "check-" + item, Message: m.T("wb.check.err.override")})
			s.render(w, r, http.StatusUnprocessableEntity, "wb_case", m)
			return
		}
		p.Reason = reason
		a.Name = smd.ActChecklistItemOverridden
	}
	a.Payload, _ = json.Marshal(p)
	s.appendStep(w, r, u, c, a, "wb.check.done")
}

// appendStep appends a caseworker's action based on the posted version and
// goes back to the case page with the outcome.
func (s *Server) appendStep(w http.ResponseWriter, r *http.Request, u *smd.User, c *smd.Case, a *smd.Action, doneKey string) {
	_, err := s.Cases.AppendAction(r.Context(), u.AuthorityID, c.ID, postedVersion(r), a)
	switch {
	case err == nil:
		s.sessions.Put(r.Context(), "flash", doneKey)
	case errCode(err) == smd.ECONFLICT || errCode(err) == smd.EINVALID:
		s.sessions.Put(r.Context(), "flash", "wb.case.conflict")
	default:
		s.handleError(w, r, err)
		return
	}
	redirect(w, r, "/arbeitsplatz/vorgaenge/"+c.ID.String())
}
