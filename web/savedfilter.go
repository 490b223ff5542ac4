package web

import (
	"net/http"
	"net/url"

	"github.com/google/uuid"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/form"
	"slices"
)

// Saved filters: a caseworker names the inbox's current filter and finds
// it as a link on the inbox from then on. What is stored is the filter
// form's query string, checked again here, so that a saved filter is never
// more than an address the inbox itself would produce.

var savedFilterName = &form.Field{ID: "filtername", Type: form.Text, MaxLen: smd.SavedFilterNameMax}

// savedFilterNameErrors turns the form package's messages into ones that
// name the field the way the inbox does.
var savedFilterNameErrors = map[string]string{
	"form.err.required": "wb.filters.err.name_required",
	"form.err.too_long": "wb.filters.err.name_too_long",
	"form.err.control":  "wb.filters.err.name_control",
}

// postedQueue is the inbox view a form on the inbox was sent from (its
// hidden field "query"), validated as strictly as a saved filter.
func postedQueue(r *http.Request, me uuid.UUID) (queueQuery, bool) {
	q, err := url.ParseQuery(r.PostForm.Get("query"))
	if err != nil {
		return queueQuery{}, false
	}
	return parseQueueQuery(q, me, true)
}

// saveFilter is POST /arbeitsplatz/filter: it saves the current filter
// under a name, then shows that filter (post/redirect/get). Input that
// cannot be saved re-renders the inbox with the message, never a 500.
func (s *Server) saveFilter(w http.ResponseWriter, r *http.Request) {
	u := s.currentUser(r)
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, http.StatusBadRequest, "400")
		return
	}
	fr := s.frame(r, "wb.queue.title")
	raw := savedFilterName.ReadRaw(r.PostForm)
	name, nerr := savedFilterName.Validate(raw, form.Scope{}, nowFunc())
	qq, ok := postedQueue(r, u.ID)
	var msg string
	switch {
	case !ok:
		msg = fr.T("wb.filters.err.query")
		qq, _ = parseQueueQuery(nil, u.ID, true)
	case nerr != nil:
		key, known := savedFilterNameErrors[nerr.Key]
		if !known {
			key = "wb.filters.err.name_required"
		}
		msg = fr.TD(key, map[string]int{"Max": smd.SavedFilterNameMax})
	}
	if msg == "" {
		existing, err := s.SavedFilters.ListSavedFilters(r.Context(), u.AuthorityID, u.ID)
		if err != nil {
			s.handleError(w, r, err)
			return
		}
		if len(existing) >= smd.SavedFiltersPerUser {
			msg = fr.TD("wb.filters.err.limit", map[string]int{"Max": smd.SavedFiltersPerUser})
		}
	}
	if msg == "" {
		f := &smd.SavedFilter{AuthorityID: u.AuthorityID, UserID: u.ID, Name: name, Query: qq.values.Encode()}
		err := s.SavedFilters.AddSavedFilter(r.Context(), f)
		switch errCode(err) {
		case "":
			s.sessions.Put(r.Context(), "flash", "wb.filters.saved")
			redirect(w, r, inboxURL(f.Query))
			return
		case smd.ECONFLICT:
			msg = fr.T("wb.filters.err.duplicate")
		case smd.EINVALID: // the name passed above, so another save took the last place
			msg = fr.TD("wb.filters.err.limit", map[string]int{"Max": smd.SavedFiltersPerUser})
		default:
			s.handleError(w, r, err)
			return
		}
	}
	p, err := s.queueView(r, qq, raw, msg)
	if err != nil {
		s.handleError(w, r, err)
		return
	}
	s.render(w, r, http.StatusUnprocessableEntity, "queue", p)
}

// deleteFilter is POST /arbeitsplatz/filter/{id}/loeschen: one of the
// user's own filters; anyone else's id is 404. It returns to the view the
// form was sent from.
func (s *Server) deleteFilter(w http.ResponseWriter, r *http.Request) {
	u := s.currentUser(r)
	id, err := uuid.Parse(r.PathValue("id"))
	if err != nil {
		s.notFound(w, r)
		return
	}
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, http.StatusBadRequest, "400")
		return
	}
	if err := s.SavedFilters.DeleteSavedFilter(r.Context(), u.AuthorityID, u.ID, id); err != nil {
		s.handleError(w, r, err)
		return
	}
	s.sessions.Put(r.Context(), "flash", "wb.filters.deleted")
	back := "/arbeitsplatz/eingang"
	if qq, ok := postedQueue(r, u.ID); ok {
		back = qq.url()
	}
	redirect(w, r, back)
}

// confirmDeleteFilter is GET /arbeitsplatz/filter/{id}/loeschen: the
// question before one of the user's own filters is deleted; anyone else's
// id is 404.
func (s *Server) confirmDeleteFilter(w http.ResponseWriter, r *http.Request) {
	u := s.currentUser(r)
	id, err := uuid.Parse(r.PathValue("id"))
	if err != nil {
		s.notFound(w, r)
		return
	}
	list, err := s.SavedFilters.ListSavedFilters(r.Context(), u.AuthorityID, u.ID)
	if err != nil {
		s.handleError(w, r, err)
		return
	}
	i := slices.IndexFunc(list, func(f *smd.SavedFilter) bool { return f.ID == id })
	if i < 0 {
		s.notFound(w, r)
		return
	}
	p := &confirmPage{Frame: s.frame(r, "wb.confirm.filter.title"), Back: "/arbeitsplatz/eingang", Action: r.URL.Path}
	p.Container = "kern-container-fluid"
	if q := r.URL.Query().Get("query"); q != "" {
		p.Back = inboxURL(q)
		p.Fields = []hiddenField{{"query", q}}
	}
	p.Lead = p.TD("wb.confirm.filter.lead", map[string]string{"Name": list[i].Name})
	p.Button = p.T("wb.confirm.filter.button")
	s.render(w, r, http.StatusOK, "wb_confirm", p)
}

// filterFormAddress is GET /arbeitsplatz/filter: the address a failed
// save leaves in the address bar, and so the target of the language
// switch on that page; it leads back to the inbox.
func (s *Server) filterFormAddress(w http.ResponseWriter, r *http.Request) {
	to := "/arbeitsplatz/eingang"
	if l := r.URL.Query().Get("lang"); l != "" {
		to += "?lang=" + url.QueryEscape(l)
	}
	redirect(w, r, to)
}
