// Package devidp is the built-in OpenID Connect provider of dev mode: it
// stands in for an authority's identity provider (Keycloak, ADFS, …) so
// that the demo and the tests sign caseworkers in through the same code
// path as production. It implements the authorization code flow with PKCE
// (S256 only), client_secret_basic and client_secret_post, RS256 ID tokens,
// discovery, JWKS and userinfo — and nothing else (no refresh tokens, no
// implicit flow, no consent). Its sign-in page lists the client's demo
// users instead of asking for a password.
//
// Never mount it outside dev mode: anybody who reaches it can sign in as
// any of its users.
package devidp

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/go-jose/go-jose/v4"
)

// User is a person the provider can sign in.
type User struct {
	Subject, Email, Name string
	// Groups is sent as the "groups" claim.
	Groups []string
}

// Client is a relying party registered at the provider: in dev mode one per
// authority, each with its own users, as if each had its own directory.
type Client struct {
	ID, Secret   string
	RedirectURIs []string
	// Label names the client on the sign-in page ("Stadt Bonn").
	Label string
	Users []User
}

// codeTTL bounds the time between redirect and code redemption.
const codeTTL = time.Minute

// tokenTTL is the lifetime of ID and access tokens.
const tokenTTL = 5 * time.Minute

type grant struct {
	client    *Client
	user      User
	redirect  string
	challenge string
	nonce     string
	expires   time.Time
}

// Provider is the dev identity provider. It is an http.Handler for the
// path of its issuer URL and everything below.
type Provider struct {
	issuer  string
	prefix  string
	signer  jose.Signer
	keys    jose.JSONWebKeySet
	clients map[string]*Client
	// Now is the clock (tests move it).
	Now func() time.Time

	mu     sync.Mutex
	codes  map[string]*grant
	tokens map[string]*grant
}

// New makes a provider with issuer (e.g. http://127.0.0.1:8080/dev/oidc)
// and a fresh RSA key, so that tokens of an earlier run never verify.
func New(issuer string, clients []*Client) (*Provider, error) {
	u, err := url.Parse(issuer)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("devidp: issuer %q is not an absolute URL", issuer)
	}
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, err
	}
	kid := randomString(8)
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: jose.JSONWebKey{Key: key, KeyID: kid}},
		(&jose.SignerOptions{}).WithType("JWT"))
	if err != nil {
		return nil, err
	}
	p := &Provider{issuer: strings.TrimSuffix(issuer, "/"), prefix: strings.TrimSuffix(u.Path, "/"), signer: signer,
		keys:    jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: &key.PublicKey, KeyID: kid, Algorithm: string(jose.RS256), Use: "sig"}}},
		clients: map[string]*Client{}, codes: map[string]*grant{}, tokens: map[string]*grant{}, Now: time.Now}
	for _, c := range clients {
		p.clients[c.ID] = c
	}
	return p, nil
}

// Issuer is the provider's issuer URL.
func (p *Provider) Issuer() string { return p.issuer }

func randomString(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// ServeHTTP routes the provider's endpoints.
func (p *Provider) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	switch path := strings.TrimPrefix(r.URL.Path, p.prefix); {
	case path == "/.well-known/openid-configuration" && r.Method == http.MethodGet:
		p.discovery(w)
	case path == "/keys" && r.Method == http.MethodGet:
		writeJSON(w, http.StatusOK, p.keys)
	case path == "/authorize" && (r.Method == http.MethodGet || r.Method == http.MethodPost):
		p.authorize(w, r)
	case path == "/token" && r.Method == http.MethodPost:
		p.token(w, r)
	case path == "/userinfo" && r.Method == http.MethodGet:
		p.userinfo(w, r)
	default:
		http.NotFound(w, r)
	}
}

func (p *Provider) discovery(w http.ResponseWriter) {
	writeJSON(w, http.StatusOK, map[string]any{
		"issuer":                                p.issuer,
		"authorization_endpoint":                p.issuer + "/authorize",
		"token_endpoint":                        p.issuer + "/token",
		"userinfo_endpoint":                     p.issuer + "/userinfo",
		"jwks_uri":                              p.issuer + "/keys",
		"response_types_supported":              []string{"code"},
		"grant_types_supported":                 []string{"authorization_code"},
		"subject_types_supported":               []string{"public"},
		"id_token_signing_alg_values_supported": []string{"RS256"},
		"scopes_supported":                      []string{"openid", "profile", "email"},
		"token_endpoint_auth_methods_supported": []string{"client_secret_basic", "client_secret_post"},
		"code_challenge_methods_supported":      []string{"S256"},
		"claims_supported":                      []string{"sub", "email", "email_verified", "name", "groups", "nonce"},
	})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// oauthError answers the token and userinfo endpoints (RFC 6749 § 5.2).
func oauthError(w http.ResponseWriter, status int, code, desc string) {
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Basic realm="devidp"`)
	}
	writeJSON(w, status, map[string]string{"error": code, "error_description": desc})
}

// s256 is the PKCE challenge of a verifier (RFC 7636 § 4.2).
func s256(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

func equal(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }

func (c *Client) user(subject string) (User, bool) {
	i := slices.IndexFunc(c.Users, func(u User) bool { return u.Subject == subject })
	if i < 0 {
		return User{}, false
	}
	return c.Users[i], true
}
