// Package api is the JSON edge: machine-readable endpoints under /api/v1
// (interfaces.md). Errors are RFC 9457 problem documents, mapped here and
// nowhere else; a client mistake is never a 500.
package api

import (
	"encoding/json"
	"log/slog"
	"mime"
	"net/http"
	"time"

	"github.com/smd-oss/smd/i18n"
	"github.com/smd-oss/smd/quickcheck"
	"github.com/smd-oss/smd/rules"
)

// Server serves the JSON API.
type Server struct {
	Law     *rules.Law
	Catalog *i18n.Catalog
	Now     func() time.Time
	Logger  *slog.Logger
	mux     *http.ServeMux
}

// New builds the API's route table.
func New(s *Server) *Server {
	s.mux = http.NewServeMux()
	s.mux.HandleFunc("POST /api/v1/quick-checks", s.quickCheck)
	s.mux.HandleFunc("/api/", s.notFound)
	return s
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

// Problem is an RFC 9457 problem document with the fields at fault.
type Problem struct {
	Type   string         `json:"type"`
	Title  string         `json:"title"`
	Status int            `json:"status"`
	Detail string         `json:"detail,omitempty"`
	Errors []ProblemField `json:"errors,omitempty"`
}

// ProblemField names one bad field.
type ProblemField struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// InvalidProblem turns a *quickcheck.Invalid into a problem document in lang.
func InvalidProblem(inv *quickcheck.Invalid, cat *i18n.Catalog, lang string) *Problem {
	p := &Problem{Type: "urn:smd:problem:invalid-request", Title: cat.T(lang, "qc.err.title"), Status: http.StatusBadRequest}
	for _, e := range inv.Errors {
		p.Errors = append(p.Errors, ProblemField{Field: e.Field, Message: cat.T(lang, e.Key, e.Args)})
	}
	return p
}

func writeJSON(w http.ResponseWriter, status int, contentType string, v any) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

func writeProblem(w http.ResponseWriter, p *Problem) {
	writeJSON(w, p.Status, "application/problem+json", p)
}

func (s *Server) lang(r *http.Request) string {
	return s.Catalog.Match(r.Header.Get("Accept-Language")).Code
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	writeProblem(w, &Problem{Type: "about:blank", Title: "Not Found", Status: http.StatusNotFound})
}

// quickCheck is POST /api/v1/quick-checks.
func (s *Server) quickCheck(w http.ResponseWriter, r *http.Request) {
	lang := s.lang(r)
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		writeProblem(w, &Problem{Type: "urn:smd:problem:unsupported-media-type", Title: "Unsupported Media Type",
			Status: http.StatusUnsupportedMediaType, Detail: "Send the request as application/json."})
		return
	}
	req, err := quickcheck.Parse(r.Body, rules.DateOf(s.Now()))
	if err != nil {
		inv, _ := err.(*quickcheck.Invalid)
		if inv == nil {
			inv = &quickcheck.Invalid{Errors: []quickcheck.FieldError{{Field: "body", Key: "qc.err.json"}}}
		}
		writeProblem(w, InvalidProblem(inv, s.Catalog, lang))
		return
	}
	res := quickcheck.Run(s.Law, req)
	w.Header().Set("Content-Language", lang)
	writeJSON(w, http.StatusOK, "application/json", quickcheck.Build(string(req.Service), res, s.Catalog, lang))
}
