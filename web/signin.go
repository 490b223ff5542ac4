package web

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/google/uuid"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/accounts"
)

// Session keys.
const (
	sessUserID      = "user_id"
	sessAuthorityID = "authority_id"
)

type signInPage struct {
	Frame
	Email, Password Field
	Next            string
	// Providers are the authorities with their own identity provider;
	// ProviderError is the message at their select.
	Providers     []OptionView
	ProviderError string
}

func (s *Server) newSignInPage(r *http.Request) *signInPage {
	p := &signInPage{Frame: s.frame(r, "signin.title")}
	p.Email = p.field("email", "email", "signin.email")
	p.Email.Autocomplete, p.Email.Spellcheck = "username", true
	p.Password = p.field("passwort", "password", "signin.password")
	p.Password.Autocomplete = "current-password"
	p.Providers = s.providerOptions(r, r.URL.Query().Get("behoerde"))
	return p
}

// safeNext keeps redirects after sign-in on this site: only local paths,
// never "//host" or "/\host".
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/arbeitsplatz"
	}
	if u, err := url.Parse(next); err != nil || u.Host != "" || u.Scheme != "" {
		return "/arbeitsplatz"
	}
	return next
}

func (s *Server) signInForm(w http.ResponseWriter, r *http.Request) {
	if s.currentUser(r) != nil {
		redirect(w, r, "/arbeitsplatz")
		return
	}
	p := s.newSignInPage(r)
	p.Next = safeNext(r.URL.Query().Get("next"))
	s.render(w, r, http.StatusOK, "signin", p)
}

// signIn checks the credentials. Wrong input re-renders the form with the
// address kept (never the password); a lockout says until when.
func (s *Server) signIn(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.handleError(w, r, err)
		return
	}
	p := s.newSignInPage(r)
	p.Next = safeNext(r.PostForm.Get("next"))
	p.Email.Value = strings.TrimSpace(r.PostForm.Get("email"))
	pw := r.PostForm.Get("passwort")
	if p.Email.Value == "" {
		p.fail(&p.Email, "signin.err.email")
	}
	if pw == "" {
		p.fail(&p.Password, "signin.err.password")
	}
	if len(p.Errors) > 0 {
		s.render(w, r, http.StatusUnprocessableEntity, "signin", p)
		return
	}
	u, err := s.Accounts.SignIn(r.Context(), p.Email.Value, pw)
	var lo *accounts.LockedOut
	switch {
	case errors.As(err, &lo):
		msg := p.TD("signin.err.locked", map[string]string{"Time": lo.Until.In(berlin).Format("15:04")})
		p.Email.Error = msg
		p.Errors = append(p.Errors, FormError{Field: p.Email.ID, Message: msg})
		s.render(w, r, http.StatusForbidden, "signin", p)
		return
	case smd.ErrorCode(err) == smd.EUNAUTHORIZED || smd.ErrorCode(err) == smd.EINVALID:
		p.fail(&p.Email, "signin.err.wrong")
		s.render(w, r, http.StatusUnprocessableEntity, "signin", p)
		return
	case err != nil:
		s.handleError(w, r, err)
		return
	}
	s.startStaffSession(w, r, u, p.Next)
}

// startStaffSession signs u in and goes on to next (already checked by
// safeNext): a new session token first, so that a session id planted
// before the sign-in is worthless.
func (s *Server) startStaffSession(w http.ResponseWriter, r *http.Request, u *smd.User, next string) {
	if err := s.sessions.RenewToken(r.Context()); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.sessions.Put(r.Context(), sessUserID, u.ID.String())
	s.sessions.Put(r.Context(), sessAuthorityID, u.AuthorityID.String())
	redirect(w, r, next)
}

// signOut ends the session and says so on the sign-in page.
func (s *Server) signOut(w http.ResponseWriter, r *http.Request) {
	if u := s.currentUser(r); u != nil {
		if err := s.Accounts.SignedOut(r.Context(), u); err != nil {
			s.Logger.Warn("audit sign-out", "err", err)
		}
	}
	if err := s.sessions.Destroy(r.Context()); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.sessions.Put(r.Context(), "flash", "signin.signed_out")
	redirect(w, r, "/anmelden")
}

// currentUser returns the signed-in staff member, or nil. A session whose
// account is gone counts as signed out.
func (s *Server) currentUser(r *http.Request) *smd.User {
	if u, ok := r.Context().Value(userKey{}).(*smd.User); ok {
		return u
	}
	uid, err1 := uuid.Parse(s.sessionString(r, sessUserID))
	aid, err2 := uuid.Parse(s.sessionString(r, sessAuthorityID))
	if err1 != nil || err2 != nil {
		return nil
	}
	u, err := s.Users.UserByID(r.Context(), aid, uid)
	if err != nil {
		return nil
	}
	return u
}

type userKey struct{}

// sessionString reads a session value; "" when there is no session in the
// request.
func (s *Server) sessionString(r *http.Request, key string) string {
	return withSession(func() string { return s.sessions.GetString(r.Context(), key) })
}
