package web

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/form"
)

// Paper intake: a caseworker records an application that came by post,
// with the date of its receipt stamp, so that it takes its fair place in
// the queue among the online ones (issue 5, item 7).

var paperFields = []*form.Field{
	{ID: "leistung", Type: form.Radio, Options: []string{string(smd.ServiceEinbuergerung), string(smd.ServiceAufenthaltstitel), string(smd.ServiceVerpflichtungserklaerung)}, MaxLen: 64},
	{ID: "eingang", Type: form.Date, MaxLen: 10},
	{ID: "given_names", Type: form.Text, MaxLen: 100},
	{ID: "family_name", Type: form.Text, MaxLen: 100},
	{ID: "birth_date", Type: form.Date, Past: true, Optional: true, MaxLen: 10},
	{ID: "nationality", Type: form.Country, Optional: true, MaxLen: 3},
}

type paperPage struct {
	Frame
	Fields []FieldView
}

func (s *Server) paperView(r *http.Request, raw func(*form.Field) form.Raw, errs map[string]string) *paperPage {
	p := &paperPage{Frame: s.frame(r, "wb.paper.title")}
	p.User, p.Container = s.currentUser(r), "kern-container-fluid"
	for _, f := range paperFields {
		fv := s.fieldView(&p.Frame, f, raw(f), false, "")
		fv.Label = p.T("wb.paper.f." + f.ID)
		if f.Type == form.Radio {
			for i := range fv.Options {
				fv.Options[i].Label = p.T("service." + fv.Options[i].Value)
			}
		}
		if f.ID == "eingang" {
			fv.Hint = p.T("wb.paper.received_hint")
		}
		if msg := errs[f.ID]; msg != "" {
			fv.Error = msg
			anchor := f.ID
			switch f.Type {
			case form.Date:
				anchor += "-tag"
			case form.Radio:
				anchor += "-" + f.Options[0]
			}
			p.Errors = append(p.Errors, FormError{Field: anchor, Message: msg})
		}
		p.Fields = append(p.Fields, fv)
	}
	return p
}

// paperForm is GET /arbeitsplatz/papierantrag.
func (s *Server) paperForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "paper", s.paperView(r, func(*form.Field) form.Raw { return form.Raw{} }, nil))
}

// paperRecord is POST /arbeitsplatz/papierantrag: the case, its applicant
// and the audit record in one transaction.
func (s *Server) paperRecord(w http.ResponseWriter, r *http.Request) {
	u := s.currentUser(r)
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, http.StatusBadRequest, "400")
		return
	}
	fr := s.frame(r, "wb.paper.title")
	posted := func(f *form.Field) form.Raw { return f.ReadRaw(r.PostForm) }
	vals, errs := map[string]string{}, map[string]string{}
	now := nowFunc()
	for _, f := range paperFields {
		v, e := f.Validate(posted(f), form.Scope{}, now)
		if e != nil {
			args := map[string]any{"Label": fr.T("wb.paper.f." + f.ID)}
			for k, a := range e.Args {
				args[k] = a
			}
			errs[f.ID] = fr.TD(e.Key, args)
			continue
		}
		vals[f.ID] = v
	}
	var received time.Time
	if v := vals["eingang"]; v != "" {
		d, _ := time.ParseInLocation(time.DateOnly, v, berlin)
		if d.After(now) {
			errs["eingang"] = fr.T("wb.paper.err.future")
		}
		received = d
	}
	if len(errs) > 0 {
		s.render(w, r, http.StatusUnprocessableEntity, "paper", s.paperView(r, posted, errs))
		return
	}
	c := &smd.Case{AuthorityID: u.AuthorityID, Service: smd.Service(vals["leistung"]), Channel: smd.ChannelPapier, ReceivedAt: received}
	actor := smd.Actor{Kind: smd.ActorUser, ID: u.ID.String()}
	payload, _ := json.Marshal(map[string]string{"recorded_by": u.ID.String()})
	p := &smd.Person{AuthorityID: u.AuthorityID, Role: smd.PersonApplicant, GivenNames: vals["given_names"], FamilyName: vals["family_name"], Nationality: vals["nationality"]}
	if b, err := time.Parse(time.DateOnly, vals["birth_date"]); err == nil {
		p.BirthDate = b
	}
	err := s.Tx.InTx(r.Context(), func(ctx context.Context) error {
		if err := s.Cases.CreateCase(ctx, c, &smd.Action{Name: smd.ActSubmitted, Actor: actor, Payload: payload}); err != nil {
			return err
		}
		p.CaseID = c.ID
		if err := s.Persons.AddPersons(ctx, []*smd.Person{p}); err != nil {
			return err
		}
		details, _ := json.Marshal(map[string]string{"number": c.Number, "received": vals["eingang"]})
		return s.Audit.AppendAudit(ctx, &smd.AuditEvent{AuthorityID: u.AuthorityID, Actor: actor, Action: "paper_application_recorded",
			ObjectType: "case", ObjectID: c.ID.String(), Details: details})
	})
	if err != nil {
		s.handleError(w, r, err)
		return
	}
	s.sessions.Put(r.Context(), "flash", "wb.paper.recorded")
	redirect(w, r, "/arbeitsplatz/vorgaenge/"+c.ID.String())
}
