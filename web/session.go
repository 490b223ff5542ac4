package web

import (
	"net/http"
)

// extendSession is POST /sitzung, the "extend" of the session warning.
// Any request with the session cookie renews its idle deadline; this one
// only answers: 204 for the script, else back to the page the form was on.
// Without a session there is nothing to extend: the sign-in page says so.
func (s *Server) extendSession(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.handleError(w, r, err)
		return
	}
	if s.currentUser(r) == nil && s.applicant(r) == nil {
		// Too late: the session has ended. Say so, with the way back in.
		p := &messagePage{Frame: s.frame(r, "apply.session.title"), Link: "/konto/antraege"}
		p.Text, p.LinkText = p.T("apply.session.body"), p.T("apply.session.link")
		s.render(w, r, http.StatusUnauthorized, "apply_message", p)
		return
	}
	if r.Header.Get("X-SMD-Fetch") == "1" {
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusNoContent)
		return
	}
	next := r.PostForm.Get("next")
	if next == "" || safeNext(next) != next {
		next = "/"
	}
	redirect(w, r, next)
}
