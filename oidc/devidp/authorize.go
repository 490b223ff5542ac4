package devidp

import (
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// authRequest is an authorization request, checked.
type authRequest struct {
	client                            *Client
	redirect, state, nonce, challenge string
}

// parseAuthRequest checks an authorization request (RFC 6749 § 4.1.1, RFC
// 7636 § 4.3). A bad client or redirect URI is shown on the page, never
// redirected to (§ 4.1.2.1); any other fault goes back to the client as an
// error parameter.
func (p *Provider) parseAuthRequest(v url.Values) (*authRequest, string, string) {
	c := p.clients[v.Get("client_id")]
	if c == nil {
		return nil, "", "Unbekannter Client."
	}
	redirect := v.Get("redirect_uri")
	if !slices.Contains(c.RedirectURIs, redirect) {
		return nil, "", "Die Rücksprungadresse ist für diesen Client nicht registriert."
	}
	a := &authRequest{client: c, redirect: redirect, state: v.Get("state"), nonce: v.Get("nonce"), challenge: v.Get("code_challenge")}
	switch {
	case v.Get("response_type") != "code":
		return a, "unsupported_response_type", "only the authorization code flow"
	case !slices.Contains(strings.Fields(v.Get("scope")), "openid"):
		return a, "invalid_scope", "scope openid is required"
	case a.challenge == "" || v.Get("code_challenge_method") != "S256":
		return a, "invalid_request", "PKCE with code_challenge_method S256 is required"
	}
	return a, "", ""
}

func (a *authRequest) back(w http.ResponseWriter, r *http.Request, params url.Values) {
	if a.state != "" {
		params.Set("state", a.state)
	}
	sep := "?"
	if strings.Contains(a.redirect, "?") {
		sep = "&"
	}
	http.Redirect(w, r, a.redirect+sep+params.Encode(), http.StatusFound)
}

// authorize shows the user list (GET) and issues a code for the chosen
// user (POST), or sends "access_denied" back when the user cancels.
func (p *Provider) authorize(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, "Ungültige Anfrage.", http.StatusBadRequest)
		return
	}
	v := r.Form
	a, code, desc := p.parseAuthRequest(v)
	if a == nil {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusBadRequest)
		_ = page.Execute(w, pageData{Error: desc})
		return
	}
	if code != "" {
		a.back(w, r, url.Values{"error": {code}, "error_description": {desc}})
		return
	}
	if r.Method == http.MethodGet {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_ = page.Execute(w, pageData{Action: r.URL.Path, Client: a.client, Hidden: carried(v)})
		return
	}
	if r.PostForm.Get("abbrechen") != "" {
		a.back(w, r, url.Values{"error": {"access_denied"}, "error_description": {"the user cancelled"}})
		return
	}
	u, ok := a.client.user(r.PostForm.Get("user"))
	if !ok {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusUnprocessableEntity)
		_ = page.Execute(w, pageData{Action: r.URL.Path, Client: a.client, Hidden: carried(v), Error: "Wählen Sie ein Konto aus."})
		return
	}
	c := randomString(32)
	p.mu.Lock()
	p.expire()
	p.codes[c] = &grant{client: a.client, user: u, redirect: a.redirect, challenge: a.challenge, nonce: a.nonce, expires: p.Now().Add(codeTTL)}
	p.mu.Unlock()
	a.back(w, r, url.Values{"code": {c}})
}

// carried are the request's parameters the sign-in form posts back.
func carried(v url.Values) map[string]string {
	hidden := map[string]string{}
	for _, k := range []string{"client_id", "redirect_uri", "response_type", "scope", "state", "nonce", "code_challenge", "code_challenge_method"} {
		hidden[k] = v.Get(k)
	}
	return hidden
}

// expire drops codes and tokens past their time; p.mu is held.
func (p *Provider) expire() {
	now := p.Now()
	for k, g := range p.codes {
		if now.After(g.expires) {
			delete(p.codes, k)
		}
	}
	for k, g := range p.tokens {
		if now.After(g.expires) {
			delete(p.tokens, k)
		}
	}
}

type pageData struct {
	Action string
	Client *Client
	Hidden map[string]string
	Error  string
}

// page is the provider's sign-in page: plain, accessible HTML without
// script or style, because it is only a stand-in for the real one.
var page = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="de">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Anmeldedienst der Behörde (Entwicklung)</title></head>
<body>
<main>
<h1>Anmeldedienst der Behörde (Entwicklung)</h1>
<p>Dieser Anmeldedienst ersetzt im Entwicklungsmodus den Anmeldedienst der Behörde. Er fragt kein Passwort ab.</p>
{{if .Error}}<div role="alert"><p id="fehler"><strong>{{.Error}}</strong></p></div>{{end}}
{{if .Client}}
<form method="post" action="{{.Action}}">
{{range $k, $v := .Hidden}}<input type="hidden" name="{{$k}}" value="{{$v}}">
{{end}}<fieldset>
<legend>Anmelden bei {{.Client.Label}} als</legend>
{{range $i, $u := .Client.Users}}<div>
<input type="radio" name="user" id="user-{{$i}}" value="{{$u.Subject}}"{{if eq $i 0}} checked{{end}}>
<label for="user-{{$i}}">{{$u.Name}} ({{$u.Email}}; Gruppen: {{range $j, $g := $u.Groups}}{{if $j}}, {{end}}{{$g}}{{end}})</label>
</div>
{{end}}</fieldset>
<p><button type="submit" name="anmelden" value="1">Anmelden</button>
<button type="submit" name="abbrechen" value="1">Abbrechen</button></p>
</form>
{{end}}
</main>
</body>
</html>
`))
