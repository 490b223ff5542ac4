package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"
	_ "time/tzdata" // pages show Europe/Berlin times on any host

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/bundid"
	"github.com/smd-oss/smd/i18n"
)

//go:embed templates
var templateFS embed.FS

// templates holds one template set per page: the layout, the shared
// partials and the page's "main".
type templates struct {
	pages map[string]*template.Template
}

func parseTemplates() (*templates, error) {
	names, err := fs.Glob(templateFS, "templates/pages/*.html")
	if err != nil {
		return nil, err
	}
	t := &templates{pages: map[string]*template.Template{}}
	for _, name := range names {
		page := strings.TrimSuffix(path.Base(name), ".html")
		tpl, err := template.New(page).Option("missingkey=error").ParseFS(templateFS, "templates/layout.html", "templates/partials/*.html", name)
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", page, err)
		}
		t.pages[page] = tpl
	}
	return t, nil
}

// FormError is one entry of the error summary; Field is the id of the
// input it links to, Message the same words as the inline message.
type FormError struct {
	Field   string
	Message string
}

// LangLink is one entry of the language navigation.
type LangLink struct {
	i18n.Language
	URL     string
	Current bool
}

// Frame is the part of every page's view model that the layout needs.
// Page view models embed it, so that templates call {{.T "key"}} anywhere.
type Frame struct {
	Lang  i18n.Language
	Langs []LangLink
	// Title is the page title, the first part of <title>.
	Title  string
	Errors []FormError
	// User is the signed-in staff member, nil on the public side.
	User *smd.User
	// Applicant is the applicant signed in with BundID, nil otherwise.
	Applicant *bundid.Identity
	// Container is KERN's fixed container, or the fluid one for the workbench.
	Container string
	Flash     string
	GermanURL string
	// SessionIdle is the idle timeout in seconds while somebody is signed
	// in (0 otherwise): smd.js warns before it and offers to extend
	// (WCAG 2.2.1); Here is the page's address for the form's fallback.
	SessionIdle int
	Here        string

	cat    *i18n.Catalog
	static *staticFiles
}

// T translates key into the page's language. It is not variadic on
// purpose: templates call it dozens of times per page, and a variadic
// method costs text/template a reflective slice on every call.
func (f *Frame) T(key string) string { return f.cat.T(f.Lang.Code, key) }

// TD translates key with data for its placeholders.
func (f *Frame) TD(key string, data any) string { return f.cat.T(f.Lang.Code, key, data) }

// Static returns the cache-busting address of a static file.
func (f *Frame) Static(name string) string { return f.static.url(name) }

// frame builds the frame for r. titleKey is a message key.
func (s *Server) frame(r *http.Request, titleKey string) Frame {
	lang := languageFrom(r.Context())
	f := Frame{
		Lang:      lang,
		Container: "kern-container",
		cat:       s.Catalog,
		static:    s.static,
	}
	f.Title = f.T(titleKey)
	for _, l := range i18n.Languages {
		if workbenchPath(r.URL.Path) && !l.Workbench {
			continue
		}
		f.Langs = append(f.Langs, LangLink{Language: l, URL: langURL(r.URL, l.Code), Current: l.Code == lang.Code})
	}
	f.GermanURL = langURL(r.URL, "de")
	f.User = s.currentUser(r)
	if f.User == nil {
		f.Applicant = s.applicant(r)
	}
	if f.User != nil || f.Applicant != nil {
		f.SessionIdle, f.Here = int(s.IdleTimeout.Seconds()), r.URL.RequestURI()
	}
	if key := s.popFlash(r); key != "" {
		f.Flash = f.T(key)
	}
	return f
}

// langURL is the current address with ?lang replaced.
func langURL(u *url.URL, code string) string {
	q := u.Query()
	q.Set("lang", code)
	return u.Path + "?" + q.Encode()
}

// render executes the page template into a buffer first, so that a failing
// template yields a clean 500 page instead of half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, page string, data any) {
	tpl, ok := s.tmpl.pages[page]
	if !ok {
		s.serverError(w, r, fmt.Errorf("no template %q", page))
		return
	}
	var buf bytes.Buffer
	if err := tpl.ExecuteTemplate(&buf, "layout", data); err != nil {
		s.serverError(w, r, fmt.Errorf("render %s: %w", page, err))
		return
	}
	s.writeHTML(w, r, status, buf.Bytes())
}

// writeHTML sends a rendered page with the headers every page gets.
func (s *Server) writeHTML(w http.ResponseWriter, r *http.Request, status int, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Language", languageFrom(r.Context()).Code)
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// redirect answers a successful POST (post/redirect/get).
func redirect(w http.ResponseWriter, r *http.Request, to string) {
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// berlin is the time zone in which pages show times.
var berlin = mustLocation("Europe/Berlin")

func mustLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err) // time/tzdata is linked into the binary
	}
	return loc
}

// popFlash takes the one-time message from the session.
func (s *Server) popFlash(r *http.Request) string {
	return withSession(func() string { return s.sessions.PopString(r.Context(), "flash") })
}

// withSession runs a session read that scs would panic on when the
// request carries no session (pages rendered before the session middleware
// ran, such as the 500 page of a failing session store); it yields "".
func withSession(read func() string) (v string) {
	defer func() {
		if recover() != nil {
			v = ""
		}
	}()
	return read()
}
