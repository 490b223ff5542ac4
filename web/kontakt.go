package web

import (
	"net/http"
	"strings"
)

type authorityContact struct {
	Slug, Name, Email, Phone, Address string
	Services, PostalCodes             string
}

type kontaktPage struct {
	Frame
	Authorities []authorityContact
}

// kontakt lists the authorities of this deployment with their contact
// details, so that nobody has to guess where to turn.
func (s *Server) kontakt(w http.ResponseWriter, r *http.Request) {
	list, err := s.Authorities.ListAuthorities(r.Context())
	if err != nil {
		s.handleError(w, r, err)
		return
	}
	p := &kontaktPage{Frame: s.frame(r, "page.kontakt")}
	for _, a := range list {
		var svcs []string
		for _, svc := range a.Services {
			svcs = append(svcs, p.T("service."+string(svc)))
		}
		p.Authorities = append(p.Authorities, authorityContact{
			Slug: a.Slug, Name: a.Name, Email: a.Email, Phone: a.Phone, Address: a.Address,
			Services: strings.Join(svcs, ", "), PostalCodes: postalRanges(a.PostalCodes),
		})
	}
	s.render(w, r, http.StatusOK, "kontakt", p)
}

// postalRanges shortens a sorted list of postal codes to "53111–53229"
// style ranges where the list is long.
func postalRanges(codes []string) string {
	if len(codes) <= 6 {
		return strings.Join(codes, ", ")
	}
	return codes[0] + " – " + codes[len(codes)-1]
}
