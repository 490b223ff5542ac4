package web

import (
	"net/http"

	"github.com/smd-oss/smd"
)

type serviceCard struct {
	Name, Text, Link string
}

type homePage struct {
	Frame
	Services []serviceCard
}

// home is the start page: the three services, what to bring, sign-in.
func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	s.renderCached(w, r, "home", func() any {
		p := &homePage{Frame: s.frame(r, "home.title")}
		for _, svc := range smd.Services {
			key := "home.service." + string(svc)
			p.Services = append(p.Services, serviceCard{Name: p.T(key), Text: p.T(key + ".text"), Link: "/" + string(svc)})
		}
		return p
	})
}
