package web

import (
	"net/http"
	"slices"
)

// Consequential steps get a confirmation page before they happen (ui.md,
// workbench actions): the case page's form for a decision, an approval,
// a withdrawal, closing or archiving posts to …/bestaetigen, which changes
// nothing and shows what is about to happen with the one button that
// does it (posting the same fields to the step itself) and a way back.
// Works without JavaScript; the steps' own addresses stay as they are.

// confirmable are the steps with a confirmation, by address.
var confirmable = []string{"entscheidung", "freigabe", "zuruecknahme", "abschliessen", "archivieren"}

// confirmPage is the view model of the confirmation page.
type confirmPage struct {
	Frame
	Number, Back, Action, Lead, Button string
	Fields                             []hiddenField
	Details                            []confirmRow
}

type hiddenField struct{ Name, Value string }

type confirmRow struct{ Label, Value string }

// confirmStep is POST …/bestaetigen: the confirmation page of the step
// named by "aktion". Unknown steps are a 400; another authority's case a
// 404 (wbCase). Nothing is stored or audited: the page shows only what the
// form sent and the case number.
func (s *Server) confirmStep(w http.ResponseWriter, r *http.Request) {
	_, c, ok := s.wbCase(w, r)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		s.handleError(w, r, err)
		return
	}
	step := r.PostForm.Get("aktion")
	if !slices.Contains(confirmable, step) {
		s.errorPage(w, r, http.StatusBadRequest, "400")
		return
	}
	p := &confirmPage{Frame: s.frame(r, "wb.confirm."+step+".title"), Number: c.Number}
	p.Container = "kern-container-fluid"
	p.Back = "/arbeitsplatz/vorgaenge/" + c.ID.String()
	p.Action = p.Back + "/" + step
	p.Lead = p.TD("wb.confirm."+step+".lead", map[string]string{"Number": c.Number})
	p.Button = p.T("wb.confirm." + step + ".button")
	for name, vs := range r.PostForm {
		if name == "aktion" || len(vs) == 0 {
			continue
		}
		p.Fields = append(p.Fields, hiddenField{name, vs[0]})
	}
	slices.SortFunc(p.Fields, func(a, b hiddenField) int {
		switch {
		case a.Name < b.Name:
			return -1
		case a.Name > b.Name:
			return 1
		}
		return 0
	})
	switch step {
	case "entscheidung":
		if o := r.PostForm.Get("ergebnis"); o == "granted" || o == "refused" {
			p.Details = append(p.Details, confirmRow{p.T("wb.decision.outcome"), p.T("wb.decision." + o)})
		}
		if t := r.PostForm.Get("begruendung_entscheidung"); t != "" {
			p.Details = append(p.Details, confirmRow{p.T("wb.decision.reasons"), t})
		}
	case "freigabe":
		if r.PostForm.Get("freigabe") == "reject" {
			p.Lead = p.TD("wb.confirm.freigabe.lead_reject", map[string]string{"Number": c.Number})
			p.Button = p.T("wb.confirm.freigabe.button_reject")
		}
	case "zuruecknahme":
		if t := r.PostForm.Get("grund"); t != "" {
			p.Details = append(p.Details, confirmRow{p.T("wb.withdraw.reason"), t})
		}
	}
	s.render(w, r, http.StatusOK, "wb_confirm", p)
}
