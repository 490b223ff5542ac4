package devidp

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"
)

// clientAuth authenticates the client by HTTP Basic or by form parameters
// (RFC 6749 § 2.3.1); nil when neither matches.
func (p *Provider) clientAuth(r *http.Request) *Client {
	id, secret, ok := r.BasicAuth()
	if !ok {
		id, secret = r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
	}
	c := p.clients[id]
	if c == nil || !equal(secret, c.Secret) {
		return nil
	}
	return c
}

// token redeems a code, once, for an ID token and an access token. The
// code is gone after the first attempt, right or wrong, so that a stolen
// code cannot be tried twice (RFC 6749 § 4.1.2).
func (p *Provider) token(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		oauthError(w, http.StatusBadRequest, "invalid_request", "malformed body")
		return
	}
	c := p.clientAuth(r)
	if c == nil {
		oauthError(w, http.StatusUnauthorized, "invalid_client", "unknown client or wrong secret")
		return
	}
	if r.PostForm.Get("grant_type") != "authorization_code" {
		oauthError(w, http.StatusBadRequest, "unsupported_grant_type", "only authorization_code")
		return
	}
	p.mu.Lock()
	p.expire()
	g := p.codes[r.PostForm.Get("code")]
	delete(p.codes, r.PostForm.Get("code"))
	p.mu.Unlock()
	switch {
	case g == nil || g.client != c:
		oauthError(w, http.StatusBadRequest, "invalid_grant", "unknown, used or expired code")
		return
	case r.PostForm.Get("redirect_uri") != g.redirect:
		oauthError(w, http.StatusBadRequest, "invalid_grant", "redirect_uri differs from the authorization request")
		return
	case !equal(s256(r.PostForm.Get("code_verifier")), g.challenge):
		oauthError(w, http.StatusBadRequest, "invalid_grant", "PKCE verifier does not match the challenge")
		return
	}
	now := p.Now()
	claims := map[string]any{"iss": p.issuer, "sub": g.user.Subject, "aud": c.ID, "iat": now.Unix(),
		"exp": now.Add(tokenTTL).Unix(), "auth_time": now.Unix(), "email": g.user.Email, "email_verified": true,
		"name": g.user.Name, "groups": g.user.Groups}
	if g.nonce != "" {
		claims["nonce"] = g.nonce
	}
	payload, err := json.Marshal(claims)
	if err != nil {
		oauthError(w, http.StatusInternalServerError, "server_error", err.Error())
		return
	}
	jws, err := p.signer.Sign(payload)
	if err != nil {
		oauthError(w, http.StatusInternalServerError, "server_error", err.Error())
		return
	}
	idToken, err := jws.CompactSerialize()
	if err != nil {
		oauthError(w, http.StatusInternalServerError, "server_error", err.Error())
		return
	}
	access := randomString(32)
	p.mu.Lock()
	p.tokens[access] = &grant{client: c, user: g.user, expires: now.Add(tokenTTL)}
	p.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"access_token": access, "token_type": "Bearer",
		"expires_in": int(tokenTTL / time.Second), "id_token": idToken})
}

// userinfo answers for a valid access token (OIDC Core § 5.3).
func (p *Provider) userinfo(w http.ResponseWriter, r *http.Request) {
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	p.mu.Lock()
	p.expire()
	g := p.tokens[tok]
	p.mu.Unlock()
	if !ok || g == nil {
		w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
		writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "invalid_token"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"sub": g.user.Subject, "email": g.user.Email, "email_verified": true,
		"name": g.user.Name, "groups": g.user.Groups})
}
