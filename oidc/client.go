package oidc

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	gooidc "github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/smd-oss/smd"
)

// PendingTTL is how long a started sign-in may take at the provider.
const PendingTTL = 10 * time.Minute

// Pending is what a started sign-in must remember until the provider sends
// the browser back: it lives in the caseworker's session, never in the URL
// (only State travels, and is compared).
type Pending struct {
	Authority string    `json:"authority"`
	State     string    `json:"state"`
	Nonce     string    `json:"nonce"`
	Verifier  string    `json:"verifier"`
	Next      string    `json:"next"`
	Expires   time.Time `json:"expires"`
}

// Identity is what a verified ID token says about the caseworker.
type Identity struct {
	Issuer, Subject, Email, Name string
	// EmailVerified is the email_verified claim.
	EmailVerified bool
	// Roles are the SMD roles the claims map to; empty when none does.
	Roles []smd.Role
}

// ErrUnavailable wraps failures to reach or understand the provider, which
// are neither the user's fault nor ours: the page says "try again later".
var ErrUnavailable = errors.New("identity provider unavailable")

// Client signs in the staff of one authority at its provider. The
// provider's discovery document is fetched at the first sign-in, not at
// start, so that a provider that is down does not stop the portal; a failed
// fetch is retried at the next sign-in.
type Client struct {
	Settings *Settings
	// RedirectURL is the portal's callback address registered at the provider.
	RedirectURL string
	// HTTP talks to the provider (default: 10 s timeout).
	HTTP *http.Client

	mu       sync.Mutex
	conf     *oauth2.Config
	verifier *gooidc.IDTokenVerifier
}

func (c *Client) httpClient() *http.Client {
	if c.HTTP != nil {
		return c.HTTP
	}
	return &http.Client{Timeout: 10 * time.Second}
}

func (c *Client) setup(ctx context.Context) (*oauth2.Config, *gooidc.IDTokenVerifier, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.conf != nil {
		return c.conf, c.verifier, nil
	}
	ctx = gooidc.ClientContext(ctx, c.httpClient())
	p, err := gooidc.NewProvider(ctx, c.Settings.Issuer)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: discovery of %s: %v", ErrUnavailable, c.Settings.Issuer, err)
	}
	scopes := c.Settings.Scopes
	if len(scopes) == 0 {
		scopes = []string{"profile", "email"}
	}
	c.conf = &oauth2.Config{ClientID: c.Settings.ClientID, ClientSecret: c.Settings.ClientSecret,
		Endpoint: p.Endpoint(), RedirectURL: c.RedirectURL, Scopes: append([]string{gooidc.ScopeOpenID}, scopes...)}
	c.verifier = p.Verifier(&gooidc.Config{ClientID: c.Settings.ClientID})
	return c.conf, c.verifier, nil
}

func random() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// Begin starts a sign-in: it returns the provider's authorization address
// to send the browser to and the Pending state to keep in the session.
// next is where to go after a successful sign-in (already checked by the
// caller). Errors wrap ErrUnavailable when the provider cannot be reached.
func (c *Client) Begin(ctx context.Context, next string, now time.Time) (string, *Pending, error) {
	conf, _, err := c.setup(ctx)
	if err != nil {
		return "", nil, err
	}
	p := &Pending{Authority: c.Settings.Authority, State: random(), Nonce: random(), Verifier: oauth2.GenerateVerifier(),
		Next: next, Expires: now.Add(PendingTTL)}
	u := conf.AuthCodeURL(p.State, gooidc.Nonce(p.Nonce), oauth2.S256ChallengeOption(p.Verifier))
	return u, p, nil
}

// Finish completes a sign-in with what the provider sent back: it checks
// the state against the pending one, redeems the code with the PKCE
// verifier, verifies the ID token (signature, issuer, audience, expiry,
// nonce) and maps the roles claim.
//
// Errors: EINVALID when state is missing, foreign or expired (a replayed
// or forged callback, or a sign-in that took too long); EUNAUTHORIZED
// when the provider refuses the code or the token does not verify;
// ErrUnavailable when the provider cannot be reached. An identity with no
// mapped role is returned without error: refusing it is the caller's
// decision, which it records.
func (c *Client) Finish(ctx context.Context, p *Pending, state, code string, now time.Time) (*Identity, error) {
	if p == nil || state == "" || subtle.ConstantTimeCompare([]byte(state), []byte(p.State)) != 1 {
		return nil, smd.Errorf(smd.EINVALID, "Die Anmeldung passt nicht zu dieser Sitzung.")
	}
	if now.After(p.Expires) {
		return nil, smd.Errorf(smd.EINVALID, "Die Anmeldung hat zu lange gedauert.")
	}
	if code == "" {
		return nil, smd.Errorf(smd.EINVALID, "Der Anmeldedienst hat keinen Code geschickt.")
	}
	conf, verifier, err := c.setup(ctx)
	if err != nil {
		return nil, err
	}
	ctx = gooidc.ClientContext(ctx, c.httpClient())
	tok, err := conf.Exchange(ctx, code, oauth2.VerifierOption(p.Verifier))
	if err != nil {
		var re *oauth2.RetrieveError
		if errors.As(err, &re) && re.Response != nil && re.Response.StatusCode < 500 {
			return nil, &smd.Error{Code: smd.EUNAUTHORIZED, Message: "Der Anmeldedienst hat die Anmeldung nicht bestätigt.", Err: err}
		}
		return nil, fmt.Errorf("%w: token endpoint: %v", ErrUnavailable, err)
	}
	raw, ok := tok.Extra("id_token").(string)
	if !ok || raw == "" {
		return nil, smd.Errorf(smd.EUNAUTHORIZED, "Der Anmeldedienst hat kein ID-Token geschickt.")
	}
	idt, err := verifier.Verify(ctx, raw)
	if err != nil {
		return nil, &smd.Error{Code: smd.EUNAUTHORIZED, Message: "Das ID-Token des Anmeldedienstes ist ungültig.", Err: err}
	}
	if subtle.ConstantTimeCompare([]byte(idt.Nonce), []byte(p.Nonce)) != 1 {
		return nil, smd.Errorf(smd.EUNAUTHORIZED, "Das ID-Token gehört nicht zu dieser Anmeldung.")
	}
	var claims map[string]any
	if err := idt.Claims(&claims); err != nil {
		return nil, &smd.Error{Code: smd.EUNAUTHORIZED, Message: "Das ID-Token des Anmeldedienstes ist ungültig.", Err: err}
	}
	id := &Identity{Issuer: idt.Issuer, Subject: idt.Subject}
	id.Email, _ = claims["email"].(string)
	id.EmailVerified, _ = claims["email_verified"].(bool)
	id.Name, _ = claims["name"].(string)
	if id.Name == "" {
		given, _ := claims["given_name"].(string)
		family, _ := claims["family_name"].(string)
		id.Name = strings.TrimSpace(given + " " + family)
	}
	if id.Email == "" || id.Subject == "" {
		return nil, smd.Errorf(smd.EUNAUTHORIZED, "Der Anmeldedienst hat keine E-Mail-Adresse übermittelt.")
	}
	if id.Name == "" {
		id.Name = id.Email
	}
	id.Roles = c.Settings.MapRoles(ClaimValues(claims, c.Settings.RolesClaim))
	return id, nil
}
