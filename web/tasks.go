package web

import (
	"encoding/json"
	"net/http"
	"slices"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/form"
)

// The steps that stay offline (issue 5, item 6) are explicit tasks: who
// did them and on which day. A naturalisation takes effect only with the
// handing over of the certificate after the declaration of allegiance
// (§ 16 StAG), and the certificate is never issued electronically
// (§ 38a StAG): the portal records the handover, it does not produce it.

// TaskPayload is the payload of the offline tasks: the day it happened.
type TaskPayload struct {
	On string `json:"on"`
}

// offlineTasks are the tasks of a service, in their usual order.
func offlineTasks(svc smd.Service) []smd.ActionName {
	switch svc {
	case smd.ServiceEinbuergerung:
		return []smd.ActionName{smd.ActOriginalsInspected, smd.ActDeclarationOfAllegianceMade, smd.ActCertificateHandedOver}
	case smd.ServiceAufenthaltstitel:
		return []smd.ActionName{smd.ActOriginalsInspected, smd.ActBiometricsTaken, smd.ActCardHandedOver}
	}
	return []smd.ActionName{smd.ActOriginalsInspected, smd.ActCardHandedOver}
}

// taskDay is the date field of a task's form; each task has its own ids.
func taskDay(name smd.ActionName) *form.Field {
	return &form.Field{ID: "am-" + string(name), Type: form.Date, MaxLen: 10}
}

type taskRow struct {
	Name, Label, Done string
	Day               FieldView
}

// taskRows lists the service's tasks with who did them when.
func (s *Server) taskRows(fr *Frame, c *smd.Case, actions []*smd.Action) []taskRow {
	var rows []taskRow
	for _, name := range offlineTasks(c.Service) {
		row := taskRow{Name: string(name), Label: fr.T("wb.task." + string(name))}
		row.Day = s.fieldView(fr, taskDay(name), taskDay(name).RawOf(nowFunc().In(berlin).Format("2006-01-02")), false, "")
		row.Day.Label = fr.T("wb.task.day")
		for _, a := range actions {
			if a.Name != name {
				continue
			}
			var p TaskPayload
			_ = json.Unmarshal(a.Payload, &p)
			row.Done = fr.TD("wb.task.done_on", map[string]string{"On": p.On, "When": formatDateTime(a.At, fr.Lang.Code)})
		}
		rows = append(rows, row)
	}
	return rows
}

// recordTask is POST …/aufgabe: one offline task, with its day.
func (s *Server) recordTask(w http.ResponseWriter, r *http.Request) {
	u, c, ok := s.caseworkerStep(w, r)
	if !ok {
		return
	}
	name := smd.ActionName(r.PostForm.Get("aufgabe"))
	if !slices.Contains(offlineTasks(c.Service), name) {
		s.errorPage(w, r, http.StatusBadRequest, "400")
		return
	}
	field := taskDay(name)
	day, ferr := field.Validate(field.ReadRaw(r.PostForm), form.Scope{}, nowFunc())
	problem := ""
	switch {
	case ferr != nil:
		problem = "wb.task.err.day"
	case day > nowFunc().In(berlin).Format("2006-01-02"):
		problem = "wb.task.err.future"
	case name == smd.ActCertificateHandedOver || name == smd.ActCardHandedOver:
		actions, err := s.Cases.ListActions(r.Context(), u.AuthorityID, c.ID)
		if err != nil {
			s.handleError(w, r, err)
			return
		}
		for _, need := range offlineTasks(c.Service) {
			if need == name {
				break
			}
			if !slices.ContainsFunc(actions, func(a *smd.Action) bool { return a.Name == need }) {
				problem = "wb.task.err.order"
			}
		}
	}
	if problem != "" {
		m := s.caseViewModel(w, r, u, c)
		if m == nil {
			return
		}
		m.Errors = append(m.Errors, FormError{Field: field.ID + "-tag", Message: m.T(problem)})
		s.render(w, r, http.StatusUnprocessableEntity, "wb_case", m)
		return
	}
	payload, _ := json.Marshal(TaskPayload{On: day})
	s.appendStep(w, r, u, c, &smd.Action{Name: name, Actor: smd.Actor{Kind: smd.ActorUser, ID: u.ID.String()}, Payload: payload}, "wb.task.recorded")
}
