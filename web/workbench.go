package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/smd-oss/smd"
)

// requireStaff lets signed-in staff through and sends everyone else to the
// sign-in page, remembering where they wanted to go.
func (s *Server) requireStaff(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u := s.currentUser(r)
		if u == nil {
			redirect(w, r, "/anmelden?next="+url.QueryEscape(r.URL.Path))
			return
		}
		if len(u.Roles) == 0 {
			// The identity provider took the person's roles away since
			// they signed in: the session no longer grants anything.
			s.errorPage(w, r, http.StatusForbidden, "403")
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), userKey{}, u)))
	})
}

type statusCount struct {
	Label string
	Count int
}

type workbenchPage struct {
	Frame
	Authority *smd.Authority
	Roles     string
	Services  string
	Counts    []statusCount
}

// workbench is the caseworker's landing page: who is signed in, for which
// authority, and how many cases stand where.
func (s *Server) workbench(w http.ResponseWriter, r *http.Request) {
	u := s.currentUser(r)
	a, err := s.Authorities.AuthorityByID(r.Context(), u.AuthorityID)
	if err != nil {
		s.handleError(w, r, err)
		return
	}
	counts, err := s.Cases.CountByStatus(r.Context(), u.AuthorityID)
	if err != nil {
		s.handleError(w, r, err)
		return
	}
	p := &workbenchPage{Frame: s.frame(r, "wb.title"), Authority: a}
	p.User = u
	p.Container = "kern-container-fluid"
	var roles, svcs []string
	for _, role := range u.Roles {
		roles = append(roles, p.T("wb.role."+string(role)))
	}
	for _, svc := range a.Services {
		svcs = append(svcs, p.T("service."+string(svc)))
	}
	p.Roles, p.Services = strings.Join(roles, ", "), strings.Join(svcs, ", ")
	for _, c := range counts {
		p.Counts = append(p.Counts, statusCount{Label: p.T("status." + string(c.Status)), Count: c.Count})
	}
	s.render(w, r, http.StatusOK, "workbench", p)
}
