package web

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/bundid"
)

// Applicant sign-in with BundID (SAML). The request is signed by the SP;
// the sign-in state rides in a signed RelayState because the IdP posts
// back cross-site, and a nonce cookie binds it to this browser.

const (
	sessApplicant = "applicant" // JSON of the bundid.Identity
	bundidCookie  = "smd_bundid"
)

type bundidPage struct {
	Frame
	Lead, Level, URL, SAMLRequest, RelayState, Message string
	Retry                                              string
}

// applicant returns the signed-in applicant, or nil.
func (s *Server) applicant(r *http.Request) *bundid.Identity {
	raw := s.sessionString(r, sessApplicant)
	if raw == "" {
		return nil
	}
	var id bundid.Identity
	if json.Unmarshal([]byte(raw), &id) != nil || id.BPK2 == "" {
		return nil
	}
	return &id
}

func (s *Server) bundidStart(w http.ResponseWriter, r *http.Request) {
	p := &bundidPage{Frame: s.frame(r, "bundid.title")}
	if s.BundID == nil {
		p.Message = p.T("bundid.unavailable")
		s.render(w, r, http.StatusServiceUnavailable, "bundid", p)
		return
	}
	next := r.URL.Query().Get("next")
	if next == "" || safeNext(next) != next {
		next = "/konto/antraege"
	}
	level := s.BundIDLevel
	if svc := smd.Service(r.URL.Query().Get("leistung")); svc.Valid() {
		// The service's level, never lower than the portal's own.
		level = max(level, s.levelFor(svc))
	}
	req, err := s.BundID.NewRequest(level)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	nonce := bundid.NewNonce()
	state, err := bundid.SealState(s.BundIDStateKey, bundid.State{RequestID: req.ID, Next: next, Level: level, Nonce: nonce,
		Expires: nowFunc().Add(15 * time.Minute)})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	cookie := &http.Cookie{Name: bundidCookie, Value: nonce, Path: "/bundid/", MaxAge: 900, HttpOnly: true,
		Secure: s.SecureCookies, SameSite: http.SameSiteLaxMode}
	if s.SecureCookies {
		// The IdP posts back cross-site; Lax would keep the cookie home.
		cookie.SameSite = http.SameSiteNoneMode
	}
	http.SetCookie(w, cookie)
	p.Lead = p.T("bundid.lead")
	p.Level = p.TD("bundid.level", map[string]string{"Level": p.T("level." + level.String())})
	p.URL, p.SAMLRequest, p.RelayState = req.URL, req.SAMLRequest, state
	s.render(w, r, http.StatusOK, "bundid", p)
}

// bundidACS receives the IdP's response (Assertion Consumer Service).
func (s *Server) bundidACS(w http.ResponseWriter, r *http.Request) {
	p := &bundidPage{Frame: s.frame(r, "bundid.title"), Retry: "/bundid/anmelden"}
	if s.BundID == nil {
		s.notFound(w, r)
		return
	}
	if err := r.ParseForm(); err != nil {
		s.handleError(w, r, err)
		return
	}
	fail := func(status int, key string) {
		p.Message = p.T(key)
		s.render(w, r, status, "bundid", p)
	}
	state, err := bundid.OpenState(s.BundIDStateKey, r.PostForm.Get("RelayState"), nowFunc())
	c, cerr := r.Cookie(bundidCookie)
	if err != nil || cerr != nil || c.Value != state.Nonce {
		s.Logger.Info("bundid: sign-in state refused", "state_err", err, "cookie_err", cerr)
		fail(http.StatusUnauthorized, "bundid.failed")
		return
	}
	id, err := s.BundID.ParseResponse(r.Context(), r.PostForm.Get("SAMLResponse"), []string{state.RequestID}, state.Level)
	if err != nil {
		s.Logger.Info("bundid: response refused", "err", err)
		if errCode(err) == smd.EFORBIDDEN {
			fail(http.StatusForbidden, "bundid.level_low")
			return
		}
		fail(http.StatusUnauthorized, "bundid.failed")
		return
	}
	http.SetCookie(w, &http.Cookie{Name: bundidCookie, Value: "", Path: "/bundid/", MaxAge: -1})
	if err := s.sessions.RenewToken(r.Context()); err != nil {
		s.serverError(w, r, err)
		return
	}
	b, _ := json.Marshal(id)
	s.sessions.Put(r.Context(), sessApplicant, string(b))
	redirect(w, r, state.Next)
}

// applicantSignOut ends the applicant's session.
func (s *Server) applicantSignOut(w http.ResponseWriter, r *http.Request) {
	if err := s.sessions.Destroy(r.Context()); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.sessions.Put(r.Context(), "flash", "signin.signed_out")
	redirect(w, r, "/")
}
