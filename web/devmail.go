package web

import (
	"net/http"
	"os"
	"path/filepath"
)

type devMail struct {
	Name, Content string
}

type devMailPage struct {
	Frame
	Mails []devMail
}

// devMailList shows the e-mails dev mode wrote instead of sending them.
func (s *Server) devMailList(w http.ResponseWriter, r *http.Request) {
	names, err := s.DevMail.List()
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	p := &devMailPage{Frame: s.frame(r, "dev.mail.title")}
	for i, n := range names {
		if i == 50 {
			break
		}
		b, err := os.ReadFile(filepath.Join(s.DevMail.Dir, n))
		if err != nil {
			continue
		}
		p.Mails = append(p.Mails, devMail{Name: n, Content: string(b)})
	}
	s.render(w, r, http.StatusOK, "devmail", p)
}
