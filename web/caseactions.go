package web

import (
	"encoding/json"
	"net/http"

	"github.com/google/uuid"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/form"
)

// Internal notes and suspension (issue 5, item 4): steps of the
// caseworker who has the case, each with a text that the form checks
// like any other answer, recorded as actions on the case's history.

var (
	noteText   = &form.Field{ID: "text", Type: form.Textarea, MaxLen: 2000}
	reasonText = &form.Field{ID: "grund", Type: form.Textarea, MaxLen: 1000}
	// reasonTextOptional is for steps that need no reason (closing, archiving).
	reasonTextOptional = &form.Field{ID: "grund", Type: form.Textarea, Optional: true, MaxLen: 1000}
)

// NotePayload is the payload of "note_added", "suspended" and "resumed".
type NotePayload struct {
	Text string `json:"text"`
}

// caseworkerStep loads the case for a step only the caseworker who has it
// may take, and parses the form: 404 for a case of another authority, 403
// for someone else's case, 400 for an unreadable body.
func (s *Server) caseworkerStep(w http.ResponseWriter, r *http.Request) (*smd.User, *smd.Case, bool) {
	u, c, ok := s.wbCase(w, r)
	if !ok {
		return nil, nil, false
	}
	if c.Assignee != u.ID {
		s.errorPage(w, r, http.StatusForbidden, "403")
		return nil, nil, false
	}
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, http.StatusBadRequest, "400")
		return nil, nil, false
	}
	return u, c, true
}

// caseStep returns a handler for one text-carrying action.
func (s *Server) caseStep(name smd.ActionName, field *form.Field, labelKey, doneKey string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		u, c, ok := s.caseworkerStep(w, r)
		if !ok {
			return
		}
		text, ferr := field.Validate(field.ReadRaw(r.PostForm), form.Scope{}, nowFunc())
		if ferr != nil {
			p := s.caseViewModel(w, r, u, c)
			if p == nil {
				return
			}
			p.Errors = append(p.Errors, FormError{Field: field.ID, Message: p.TD(ferr.Key, map[string]any{"Label": p.T(labelKey), "Max": field.MaxLen})})
			s.render(w, r, http.StatusUnprocessableEntity, "wb_case", p)
			return
		}
		payload, _ := json.Marshal(NotePayload{Text: text})
		_, err := s.Cases.AppendAction(r.Context(), u.AuthorityID, c.ID, postedVersion(r),
			&smd.Action{Name: name, Actor: smd.Actor{Kind: smd.ActorUser, ID: u.ID.String()}, Payload: payload})
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
}

// DocumentCheckedPayload is the payload of "document_checked".
type DocumentCheckedPayload struct {
	Document string `json:"document"`
}

// markChecked is POST …/dokumente/{doc}/geprueft: the caseworker has
// looked at the document and found it usable.
func (s *Server) markChecked(w http.ResponseWriter, r *http.Request) {
	u, c, ok := s.caseworkerStep(w, r)
	if !ok || s.Apply == nil {
		if ok {
			s.notFound(w, r)
		}
		return
	}
	id, err := uuid.Parse(r.PathValue("doc"))
	if err != nil {
		s.notFound(w, r)
		return
	}
	d, err := s.Apply.Documents.DocumentByID(r.Context(), u.AuthorityID, id)
	if err != nil || d.CaseID != c.ID {
		s.notFound(w, r)
		return
	}
	payload, _ := json.Marshal(DocumentCheckedPayload{Document: d.ID.String()})
	s.appendStep(w, r, u, c, &smd.Action{Name: smd.ActDocumentChecked, Actor: smd.Actor{Kind: smd.ActorUser, ID: u.ID.String()}, Payload: payload}, "wb.doc.marked")
}
