package web

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/accounts"
	"github.com/smd-oss/smd/oidc"
)

// Caseworker sign-in at the authority's own identity provider (OIDC,
// authorization code with PKCE). The pending sign-in — state, nonce, PKCE
// verifier, where to go next — waits in the session; the provider sends the
// browser back with a top-level GET, which carries the Lax session cookie.

const sessOIDCPending = "oidc_pending"

// OIDCCallbackPath is the redirect URI to register at every provider.
const OIDCCallbackPath = "/anmelden/oidc/callback"

// oidcClient returns the client of the authority with this slug, or nil.
func (s *Server) oidcClient(slug string) *oidc.Client {
	for _, c := range s.OIDC {
		if c.Settings.Authority == slug {
			return c
		}
	}
	return nil
}

// signInFailed shows the sign-in page with a message above both forms.
func (s *Server) signInFailed(w http.ResponseWriter, r *http.Request, status int, field, key, next string) {
	p := s.newSignInPage(r)
	p.Next = safeNext(next)
	msg := p.T(key)
	id := p.Email.ID
	if field == "behoerde" {
		id = "behoerde"
		p.ProviderError = msg
	}
	p.Errors = append(p.Errors, FormError{Field: id, Message: msg})
	s.render(w, r, status, "signin", p)
}

// oidcStart sends the browser to the chosen authority's provider.
func (s *Server) oidcStart(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	c := s.oidcClient(q.Get("behoerde"))
	if c == nil {
		s.signInFailed(w, r, http.StatusUnprocessableEntity, "behoerde", "signin.oidc.err.choose", q.Get("next"))
		return
	}
	to, pending, err := c.Begin(r.Context(), safeNext(q.Get("next")), nowFunc())
	if errors.Is(err, oidc.ErrUnavailable) {
		s.Logger.Warn("oidc provider unavailable", "authority", c.Settings.Authority, "err", err)
		s.signInFailed(w, r, http.StatusServiceUnavailable, "behoerde", "signin.oidc.err.unavailable", q.Get("next"))
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	raw, err := json.Marshal(pending)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.sessions.Put(r.Context(), sessOIDCPending, string(raw))
	http.Redirect(w, r, to, http.StatusFound)
}

// oidcCallback completes the sign-in. Every failure lands on the sign-in
// page with a plain message; the pending state is used up either way, so
// that a callback cannot be replayed.
func (s *Server) oidcCallback(w http.ResponseWriter, r *http.Request) {
	var pending *oidc.Pending
	if raw := withSession(func() string { return s.sessions.PopString(r.Context(), sessOIDCPending) }); raw != "" {
		pending = new(oidc.Pending)
		if json.Unmarshal([]byte(raw), pending) != nil {
			pending = nil
		}
	}
	q := r.URL.Query()
	next := ""
	if pending != nil {
		next = pending.Next
	}
	if e := q.Get("error"); e != "" {
		key := "signin.oidc.err.refused"
		if e == "access_denied" {
			key = "signin.oidc.err.cancelled"
		}
		s.Logger.Info("oidc sign-in ended at the provider", "error", e, "description", q.Get("error_description"))
		s.signInFailed(w, r, http.StatusUnauthorized, "behoerde", key, next)
		return
	}
	var c *oidc.Client
	if pending != nil {
		c = s.oidcClient(pending.Authority)
	}
	if c == nil {
		s.signInFailed(w, r, http.StatusBadRequest, "behoerde", "signin.oidc.err.state", next)
		return
	}
	id, err := c.Finish(r.Context(), pending, q.Get("state"), q.Get("code"), nowFunc())
	switch {
	case errors.Is(err, oidc.ErrUnavailable):
		s.Logger.Warn("oidc provider unavailable", "authority", c.Settings.Authority, "err", err)
		s.signInFailed(w, r, http.StatusServiceUnavailable, "behoerde", "signin.oidc.err.unavailable", next)
		return
	case errCode(err) == smd.EINVALID:
		s.signInFailed(w, r, http.StatusBadRequest, "behoerde", "signin.oidc.err.state", next)
		return
	case errCode(err) == smd.EUNAUTHORIZED:
		s.Logger.Warn("oidc sign-in refused", "authority", c.Settings.Authority, "err", err)
		s.signInFailed(w, r, http.StatusUnauthorized, "behoerde", "signin.oidc.err.refused", next)
		return
	case err != nil:
		s.serverError(w, r, err)
		return
	}
	a, err := s.Authorities.AuthorityBySlug(r.Context(), c.Settings.Authority)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	u, err := s.Accounts.SignInExternal(r.Context(), a.ID, smd.ExternalIdentity{Issuer: id.Issuer, Subject: id.Subject,
		Email: id.Email, Name: id.Name, Roles: id.Roles, EmailVerified: id.EmailVerified})
	switch {
	case errors.Is(err, accounts.ErrNoRole):
		s.signInFailed(w, r, http.StatusForbidden, "behoerde", "signin.oidc.err.no_role", next)
		return
	case errCode(err) == smd.ECONFLICT:
		s.Logger.Warn("oidc account conflict", "authority", a.Slug, "err", err)
		s.signInFailed(w, r, http.StatusConflict, "behoerde", "signin.oidc.err.conflict", next)
		return
	case err != nil:
		s.serverError(w, r, err)
		return
	}
	s.startStaffSession(w, r, u, safeNext(pending.Next))
}

// providerOptions are the authorities whose staff can sign in at their
// own provider, for the sign-in page's select.
func (s *Server) providerOptions(r *http.Request, chosen string) []OptionView {
	var list []OptionView
	for _, c := range s.OIDC {
		label := c.Settings.Label
		if label == "" {
			label = c.Settings.Authority
			if a, err := s.Authorities.AuthorityBySlug(r.Context(), c.Settings.Authority); err == nil {
				label = a.Name
			}
		}
		list = append(list, OptionView{Value: c.Settings.Authority, Label: label, Checked: c.Settings.Authority == chosen})
	}
	return list
}
