// Package web serves the applicant portal and the caseworker workbench as
// server-rendered HTML (html/template, KERN UX). A handler parses and
// validates input, calls one service or store method, then renders or
// redirects (post/redirect/get). Business logic lives in the services.
package web

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/accounts"
	"github.com/smd-oss/smd/apply"
	"github.com/smd-oss/smd/bundid"
	"github.com/smd-oss/smd/doccheck"
	"github.com/smd-oss/smd/i18n"
	"github.com/smd-oss/smd/mail"
	"github.com/smd-oss/smd/oidc"
	"github.com/smd-oss/smd/pdf"
	"github.com/smd-oss/smd/rules"
	"github.com/smd-oss/smd/upload"
)

// Pinger is something /readyz asks (database, blob store).
type Pinger interface {
	Ping(ctx context.Context) error
}

// Deps are what the web layer needs; cmd/smd fills them in.
type Deps struct {
	Logger      *slog.Logger
	Catalog     *i18n.Catalog
	Authorities smd.AuthorityStore
	Users       smd.UserStore
	Cases       smd.CaseStore
	// Checker checks uploads at the door (unsafe or broken files are
	// refused with what to do); nil checks only after submission.
	Checker *doccheck.Checker
	// DocumentChecks are the results of the automated document checks;
	// nil leaves them out of the workbench.
	DocumentChecks smd.DocumentCheckStore
	// SavedFilters are the caseworkers' named inbox views; nil leaves
	// them out of the inbox.
	SavedFilters smd.SavedFilterStore
	// Audit records reads of personal data in the workbench.
	Audit smd.AuditStore
	// Tx and Persons serve the paper intake.
	Tx       smd.Transactor
	Persons  smd.PersonStore
	Feedback smd.FeedbackStore
	Accounts *accounts.Service
	// SessionStore keeps sessions server-side (scs.CtxStore).
	SessionStore scs.CtxStore
	// Ready are checked by /readyz, by name.
	Ready map[string]Pinger
	// Registry receives the HTTP metrics and is served at /metrics.
	Registry *prometheus.Registry
	// API serves /api/; nil leaves it out.
	API http.Handler
	// Law is the rules data the Quick-Check and information pages use.
	Law *rules.Law
	// BundID is the SAML service provider for applicants; nil when BundID
	// is not configured (the sign-in page then says so).
	BundID *bundid.SP
	// BundIDStateKey signs the sign-in state carried through the IdP.
	BundIDStateKey []byte
	// BundIDLevel is the trust level the sign-in asks for.
	BundIDLevel bundid.Level
	// BundIDSimulator serves /dev/bundid/ in dev mode; nil otherwise.
	BundIDSimulator http.Handler
	// OIDC are the authorities' identity providers for caseworker sign-in,
	// in the order the sign-in page lists them; empty: local accounts only.
	OIDC []*oidc.Client
	// DevIDP serves /dev/oidc/ in dev mode; nil otherwise.
	DevIDP http.Handler
	// DevMail is the folder dev mode writes e-mails to, listed at
	// /dev/mail; nil outside dev mode.
	DevMail *mail.Folder
	// Apply runs drafts and submissions; nil leaves the application pages out.
	Apply *apply.Service
	// BundIDLevels is the level each service requires (default BundIDLevel).
	BundIDLevels map[smd.Service]bundid.Level
	// UploadLimits bound one uploaded file.
	UploadLimits upload.Limits
	// Receipts renders the Eingangsbestätigung; nil serves no PDF.
	Receipts pdf.Renderer
	// ApplicationsOpen shows the links from the Quick-Check result into the
	// online application; off until the application pages exist, so that
	// no page links to an address that answers 404.
	ApplicationsOpen bool

	MaxBodyBytes    int64
	SessionLifetime time.Duration
	IdleTimeout     time.Duration
	SecureCookies   bool
	HSTS            bool
	Dev             bool
}

// Server holds the parsed templates, the session manager and the routes.
type Server struct {
	Deps
	sessions *scs.SessionManager
	tmpl     *templates
	static   *staticFiles
	content  *content
	metrics  *httpMetrics
	cache    pageCache
	csp      string
	handler  http.Handler
}

// New parses templates and content and builds the route table. A broken
// template or a missing content page fails here, at start-up, not in a request.
func New(d Deps) (*Server, error) {
	s := &Server{Deps: d}
	if d.Law == nil || d.Catalog == nil || d.SessionStore == nil {
		return nil, fmt.Errorf("web: Law, Catalog and SessionStore are required")
	}
	var err error
	if s.static, err = loadStatic(); err != nil {
		return nil, err
	}
	if s.tmpl, err = parseTemplates(); err != nil {
		return nil, err
	}
	if s.content, err = loadContent(); err != nil {
		return nil, err
	}
	s.sessions = scs.New()
	s.sessions.Store = d.SessionStore
	s.sessions.Lifetime = d.SessionLifetime
	s.sessions.IdleTimeout = d.IdleTimeout
	s.sessions.Cookie.Name = "smd_session"
	if d.SecureCookies {
		// __Host- binds the cookie to this host and path / over HTTPS.
		s.sessions.Cookie.Name = "__Host-smd_session"
	}
	s.sessions.Cookie.HttpOnly = true
	s.sessions.Cookie.Secure = d.SecureCookies
	s.sessions.Cookie.SameSite = http.SameSiteLaxMode
	s.sessions.Cookie.Path = "/"
	s.sessions.ErrorFunc = func(w http.ResponseWriter, r *http.Request, err error) {
		s.serverError(w, r, err)
	}
	s.csp = csp
	if d.BundID != nil {
		// The sign-in form posts to BundID: allow exactly that origin.
		sso, err := d.BundID.SSOURL()
		if err != nil {
			return nil, err
		}
		if u, err := url.Parse(sso); err == nil && u.Host != "" {
			s.csp = strings.Replace(csp, "form-action 'self'", "form-action 'self' "+u.Scheme+"://"+u.Host, 1)
		}
	}
	// Starting a sign-in at an authority's provider is a form whose answer
	// redirects there; form-action must allow each provider's origin.
	for _, c := range d.OIDC {
		if u, err := url.Parse(c.Settings.Issuer); err == nil && u.Host != "" {
			if o := u.Scheme + "://" + u.Host; !strings.Contains(s.csp, " "+o) {
				s.csp = strings.Replace(s.csp, "form-action 'self'", "form-action 'self' "+o, 1)
			}
		}
	}
	s.metrics = newHTTPMetrics(d.Registry)
	s.handler = s.routes()
	return s, nil
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// applyRoutes are the addresses of the online application per service.
func (s *Server) applyRoutes(mux *http.ServeMux) {
	for _, svc := range smd.Services {
		for _, ch := range []smd.Channel{smd.ChannelOnline, smd.ChannelKurzAntrag} {
			mux.HandleFunc("GET "+applyBase(svc, ch), s.applyStart(svc, ch))
			mux.HandleFunc("POST "+applyBase(svc, ch), s.applyCreate(svc, ch))
		}
		d := applyBase(svc, smd.ChannelOnline) + "/{draft}"
		mux.HandleFunc("GET "+d, s.applyTasks(svc))
		mux.HandleFunc("POST "+d+"/loeschen", s.applyDelete(svc))
		mux.HandleFunc("GET "+d+"/pruefen", s.applyCheck(svc))
		mux.HandleFunc("POST "+d+"/absenden", s.applySubmit(svc))
		mux.HandleFunc("GET "+d+"/eingegangen", s.applyDone(svc))
		mux.HandleFunc("GET "+d+"/{section}", s.sectionStart(svc))
		mux.HandleFunc("POST "+d+"/{section}", s.groupDone(svc))
		mux.HandleFunc("GET "+d+"/{section}/{page}", s.applyQuestion(svc))
		mux.HandleFunc("POST "+d+"/{section}/{page}", s.applyQuestion(svc))
		mux.HandleFunc("GET "+d+"/{section}/{n}/{page}", s.applyQuestion(svc))
		mux.HandleFunc("POST "+d+"/{section}/{n}/{page}", s.applyQuestion(svc))
		mux.HandleFunc("POST "+d+"/{section}/{n}/entfernen", s.groupRemove(svc))
	}
	mux.HandleFunc("GET /konto/antraege/{case}", s.kontoCase)
	mux.HandleFunc("GET /konto/antraege/{case}/eingangsbestaetigung.pdf", s.kontoReceipt)
	mux.HandleFunc("POST /konto/antraege/{case}/nachreichen", s.submitRequested)
}

// routes is the one route table of the web layer.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.HandleFunc("GET /readyz", s.readyz)
	mux.Handle("GET /metrics", s.metricsHandler())
	mux.HandleFunc("GET /static/{hash}/{path...}", s.serveStatic)

	mux.HandleFunc("GET /{$}", s.home)
	for _, slug := range legalPages {
		mux.HandleFunc("GET /"+slug, s.legalPage(slug))
	}
	mux.HandleFunc("POST /barrierefreiheit", s.postFeedback)
	mux.HandleFunc("GET /barrierefreiheit/danke/{id}", s.feedbackThanks)
	mux.HandleFunc("GET /kontakt", s.kontakt)

	for _, svc := range smd.Services {
		mux.HandleFunc("GET /"+string(svc), s.info(svc))
		base := qcBase(svc)
		mux.HandleFunc("GET "+base, s.qcStart(svc))
		mux.HandleFunc("GET "+base+"/ergebnis", s.qcResult(svc))
		mux.HandleFunc("POST "+base+"/neu", s.qcRestart(svc))
		mux.HandleFunc("GET "+base+"/hinweis/{exit}", s.qcExit(svc))
		mux.HandleFunc("GET "+base+"/{question}", s.qcQuestion(svc))
		mux.HandleFunc("POST "+base+"/{question}", s.qcAnswer(svc))
	}

	if s.Apply != nil {
		s.applyRoutes(mux)
	}

	mux.HandleFunc("GET /bundid/anmelden", s.bundidStart)
	mux.HandleFunc("POST /bundid/acs", s.bundidACS)
	mux.HandleFunc("GET /konto/antraege", s.myApplications)
	mux.HandleFunc("POST /konto/abmelden", s.applicantSignOut)
	if s.DevMail != nil {
		mux.HandleFunc("GET /dev/mail", s.devMailList)
	}
	if s.BundIDSimulator != nil {
		mux.Handle("/dev/bundid/", s.BundIDSimulator)
	}

	if s.DevIDP != nil {
		mux.Handle("/dev/oidc/", s.DevIDP)
	}
	mux.HandleFunc("GET /anmelden/behoerde", s.oidcStart)
	mux.HandleFunc("GET "+OIDCCallbackPath, s.oidcCallback)
	mux.HandleFunc("POST /sitzung", s.extendSession)
	mux.HandleFunc("GET /anmelden", s.signInForm)
	mux.HandleFunc("POST /anmelden", s.signIn)
	mux.HandleFunc("POST /abmelden", s.signOut)
	mux.Handle("GET /arbeitsplatz", s.requireStaff(http.HandlerFunc(s.workbench)))
	mux.Handle("GET /arbeitsplatz/eingang", s.requireStaff(http.HandlerFunc(s.queue)))
	mux.Handle("GET /arbeitsplatz/papierantrag", s.requireStaff(http.HandlerFunc(s.paperForm)))
	mux.Handle("POST /arbeitsplatz/papierantrag", s.requireStaff(http.HandlerFunc(s.paperRecord)))
	if s.SavedFilters != nil {
		mux.Handle("GET /arbeitsplatz/filter", s.requireStaff(http.HandlerFunc(s.filterFormAddress)))
		mux.Handle("POST /arbeitsplatz/filter", s.requireStaff(http.HandlerFunc(s.saveFilter)))
		mux.Handle("GET /arbeitsplatz/filter/{id}/loeschen", s.requireStaff(http.HandlerFunc(s.confirmDeleteFilter)))
		mux.Handle("POST /arbeitsplatz/filter/{id}/loeschen", s.requireStaff(http.HandlerFunc(s.deleteFilter)))
	}
	for _, cr := range s.caseRoutes() {
		mux.Handle(cr.Method+" "+CasePath+cr.Path, s.requireStaff(cr.Handler))
	}

	if s.API != nil {
		mux.Handle("/api/", s.API)
	}
	mux.HandleFunc("/", s.notFound)

	// Outermost first: metrics and logs see everything; the session and
	// language are loaded before the request checks, so that their refusal
	// pages render in the visitor's language and frame.
	var h http.Handler = mux
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(s.crossOriginDenied))
	// The IdP posts the SAML response from its own site. The response is
	// protected by its signature, the signed state and the nonce cookie.
	cop.AddInsecureBypassPattern("POST /bundid/acs")
	h = cop.Handler(h)
	h = s.limitBody(h)
	h = s.sessions.LoadAndSave(h)
	h = s.withLanguage(h)
	h = s.securityHeaders(h)
	h = s.recoverPanics(h)
	h = s.observe(mux, h)
	return h
}

// CasePath is the address of a case in the workbench; every route of a
// case hangs below it.
const CasePath = "/arbeitsplatz/vorgaenge/{case}"

// caseRoute is one route of a case in the workbench.
type caseRoute struct {
	Method, Path string
	Handler      http.Handler
}

// caseRoutes are all routes of a case, in one table, so that the test of
// the tenant wall walks every one of them (CaseRouteList) and a new route
// cannot miss it.
func (s *Server) caseRoutes() []caseRoute {
	h := func(f http.HandlerFunc) http.Handler { return f }
	return []caseRoute{
		{"GET", "", h(s.caseView)},
		{"POST", "/uebernehmen", h(s.claimCase)},
		{"POST", "/bestaetigen", h(s.confirmStep)},
		{"POST", "/zuweisen", h(s.assignCase)},
		{"POST", "/anfordern", h(s.requestDocuments)},
		{"POST", "/rechtsgrundlage", h(s.setLegalBasis)},
		{"POST", "/pruefpunkt", h(s.checkItemDecision)},
		{"POST", "/entscheidung", h(s.decide)},
		{"POST", "/freigabe", h(s.approve)},
		{"POST", "/gebuehr", h(s.setFee)},
		{"POST", "/dokumente/{doc}/geprueft", h(s.markChecked)},
		{"POST", "/aufgabe", h(s.recordTask)},
		{"POST", "/abschliessen", s.caseStep(smd.ActClosed, reasonTextOptional, "wb.suspend.reason", "wb.close.done")},
		{"POST", "/archivieren", s.caseStep(smd.ActArchived, reasonTextOptional, "wb.suspend.reason", "wb.archive.done")},
		{"POST", "/zuruecknahme", s.caseStep(smd.ActWithdrawn, reasonText, "wb.suspend.reason", "wb.withdraw.done")},
		{"POST", "/notiz", s.caseStep(smd.ActNoteAdded, noteText, "wb.note.text", "wb.note.added")},
		{"POST", "/ruhen", s.caseStep(smd.ActSuspended, reasonText, "wb.suspend.reason", "wb.suspend.done")},
		{"POST", "/fortsetzen", s.caseStep(smd.ActResumed, reasonText, "wb.suspend.reason", "wb.resume.done")},
		{"GET", "/dokumente/{doc}", h(s.caseDocument)},
	}
}

// CaseRouteList lists the method and path of every case route, for tests.
func (s *Server) CaseRouteList() [][2]string {
	var list [][2]string
	for _, cr := range s.caseRoutes() {
		list = append(list, [2]string{cr.Method, CasePath + cr.Path})
	}
	return list
}
