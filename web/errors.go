package web

import (
	"errors"
	"net/http"

	"github.com/smd-oss/smd"
)

// errorPage is the view model of the error pages.
type errorPage struct {
	Frame
	Text string
}

func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, status int, key string) {
	f := s.frame(r, "error."+key+".title")
	s.render(w, r, status, "error", &errorPage{Frame: f, Text: f.T("error." + key + ".text")})
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.errorPage(w, r, http.StatusNotFound, "404")
}

func (s *Server) tooLarge(w http.ResponseWriter, r *http.Request) {
	// The body was not read: close the connection rather than drain it.
	w.Header().Set("Connection", "close")
	s.errorPage(w, r, http.StatusRequestEntityTooLarge, "413")
}

func (s *Server) crossOriginDenied(w http.ResponseWriter, r *http.Request) {
	s.Logger.Info("cross-origin request refused", "method", r.Method, "path", r.URL.Path)
	s.errorPage(w, r, http.StatusForbidden, "403")
}

// serverError logs err and shows the 500 page. It renders the page without
// the template machinery when that is what failed.
func (s *Server) serverError(w http.ResponseWriter, r *http.Request, err error) {
	s.Logger.Error("internal error", "method", r.Method, "path", r.URL.Path, "err", err)
	f := s.frame(r, "error.500.title")
	page := &errorPage{Frame: f, Text: f.T("error.500.text")}
	tpl := s.tmpl.pages["error"]
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusInternalServerError)
	if tpl == nil || tpl.ExecuteTemplate(w, "layout", page) != nil {
		_, _ = w.Write([]byte("<!DOCTYPE html><html lang=\"de\"><title>Fehler</title><h1>Es ist ein Fehler aufgetreten</h1></html>"))
	}
}

// handleError maps a classified error to its page, in this one place for
// the HTML edge: ENOTFOUND → 404, EFORBIDDEN → 403, a too-large body → 413,
// anything unexpected → 500. Form handlers show EINVALID and EUNAUTHORIZED
// inline themselves and never get here with them.
func (s *Server) handleError(w http.ResponseWriter, r *http.Request, err error) {
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		s.tooLarge(w, r)
	case smd.ErrorCode(err) == smd.ENOTFOUND:
		s.notFound(w, r)
	case smd.ErrorCode(err) == smd.EFORBIDDEN:
		s.errorPage(w, r, http.StatusForbidden, "403")
	default:
		s.serverError(w, r, err)
	}
}

// errCode is smd.ErrorCode, for handlers that branch on it.
func errCode(err error) string { return smd.ErrorCode(err) }
