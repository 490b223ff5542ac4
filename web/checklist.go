package web

import (
	"encoding/json"
	"net/http"
	"slices"

	"github.com/google/uuid"

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
	ID, Label, Basis, Assessment, Reason, Badge, Decision string
	Open                                                  bool
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
func (s *Server) guidanceFor(fr *Frame, c *smd.Case, actions []*smd.Action, sub *apply.Submitted, checks map[uuid.UUID]*checkResult) *guidance {
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
	entries := s.withEvidence(s.checklistOf(c.Service, g.Current, sub), checks)
	if len(entries) == 0 {
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
	for _, e := range entries {
		it := checkItem{ID: e.ID, Label: e.label(), Basis: e.Norm, Assessment: fr.T("wb.check.status." + string(e.Status)),
			Reason: fr.TD(e.Reason.Key, e.Reason.Args), Decision: decisions[e.ID]}
		it.Badge = map[rules.Status]string{rules.Met: "kern-badge--success", rules.NotMet: "kern-badge--danger", rules.Unknown: "kern-badge--info"}[e.Status]
		it.Open = it.Decision == ""
		g.Items = append(g.Items, it)
	}
	return g
}

// checkEntry is one item of a case's checklist with its pre-assessment.
type checkEntry struct {
	// Criterion is the rules engine's criterion that pre-assesses the
	// item ("" for an item without one).
	ID, Title, Norm, Criterion string
	Status                     rules.Status
	Reason                     rules.Reason
}

// label names the item: its title, or the criterion id where the
// checklist is the evaluation's criteria.
func (e checkEntry) label() string {
	if e.Title != "" {
		return e.Title
	}
	return e.ID
}

// manualReason is the pre-assessment of an item the rules engine has no
// criterion for.
var manualReason = rules.Reason{Key: "wb.check.manual"}

// checklistOf derives the checklist of the legal basis set on a case, in
// one place for the case page, the item check and the Entscheidungsvorlage:
// the basis's own items from the law data, each pre-assessed by its
// criterion of the rules engine where it names one, else every criterion
// of the evaluation. Nil without a basis or an online application (a paper
// case has no answers to assess).
func (s *Server) checklistOf(svc smd.Service, basis string, sub *apply.Submitted) []checkEntry {
	if basis == "" || sub == nil || s.Apply == nil {
		return nil
	}
	def := s.Apply.Forms[sub.Service]
	if def == nil {
		return nil
	}
	res := s.Apply.Assess(def, &sub.Answers, nil)
	if res == nil {
		return nil
	}
	i := slices.IndexFunc(s.catalogue(svc), func(b rules.LegalBasis) bool { return b.ID == basis })
	var list []checkEntry
	if i >= 0 && len(s.catalogue(svc)[i].Checklist) > 0 {
		for _, it := range s.catalogue(svc)[i].Checklist {
			e := checkEntry{ID: it.ID, Title: it.Title, Norm: it.Norm, Criterion: it.Criterion, Status: rules.Unknown, Reason: manualReason}
			if j := slices.IndexFunc(res.Criteria, func(c rules.Criterion) bool { return c.ID == it.Criterion }); it.Criterion != "" && j >= 0 {
				e.Status, e.Reason = res.Criteria[j].Status, res.Criteria[j].Reason
			}
			list = append(list, e)
		}
		return list
	}
	for _, cr := range res.Criteria {
		list = append(list, checkEntry{ID: cr.ID, Norm: cr.LegalBasis, Criterion: cr.ID, Status: cr.Status, Reason: cr.Reason})
	}
	return list
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
	actions, err := s.Cases.ListActions(r.Context(), c.AuthorityID, c.ID)
	if err != nil {
		s.handleError(w, r, err)
		return
	}
	sub, err := s.submitted(r.Context(), c)
	if err != nil {
		s.handleError(w, r, err)
		return
	}
	// Only an item of the checklist the case shows now can be decided.
	if !slices.ContainsFunc(s.checklistOf(c.Service, legalBasisOf(actions), sub), func(e checkEntry) bool { return e.ID == item }) {
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
