package bundid

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"html/template"
	"math/big"
	"net/http"
	"net/url"
	"os"
	"time"

	"github.com/crewjam/saml"
	"github.com/crewjam/saml/logger"
)

// DemoPerson is a person the simulator can sign in as.
type DemoPerson struct {
	Key   string
	Level Level
	Attrs map[string]string
}

// DemoPersons are the simulator's citizens, at the levels substantiell and hoch.
var DemoPersons = []DemoPerson{
	{Key: "anna", Level: LevelHigh, Attrs: map[string]string{AttrBPK2: "SIM-BPK2-ANNA-0001", AttrGivenName: "Anna", AttrSurname: "Muster",
		AttrBirthdate: "1990-02-03", AttrBirthPlace: "Izmir", AttrNationality: "TUR", AttrAddress: "Berliner Platz 5",
		AttrPostalCode: "53111", AttrLocality: "Bonn", AttrCountry: "DE", AttrMail: "anna.muster@example.org"}},
	{Key: "olena", Level: LevelHigh, Attrs: map[string]string{AttrBPK2: "SIM-BPK2-OLENA-0002", AttrGivenName: "Olena", AttrSurname: "Kovalenko",
		AttrBirthdate: "1985-11-20", AttrBirthPlace: "Kyjiw", AttrNationality: "UKR", AttrAddress: "Theaterstraße 2",
		AttrPostalCode: "01067", AttrLocality: "Dresden", AttrCountry: "DE", AttrMail: "olena.k@example.org"}},
	{Key: "karim", Level: LevelSubstantial, Attrs: map[string]string{AttrBPK2: "SIM-BPK2-KARIM-0003", AttrGivenName: "Karim", AttrSurname: "Haddad",
		AttrBirthdate: "1994-06-12", AttrNationality: "SYR", AttrAddress: "Friedrich-Ebert-Straße 10",
		AttrPostalCode: "14467", AttrLocality: "Potsdam", AttrCountry: "DE"}},
}

// Simulator is a SAML identity provider that behaves like BundID for the
// demo: it accepts the portal's signed requests and answers with signed
// assertions carrying BundID's attributes. Dev mode only.
type Simulator struct {
	idp *saml.IdentityProvider
	sp  *saml.EntityDescriptor
}

// NewSimulator makes a simulator at base (e.g. http://127.0.0.1:8080/dev/bundid)
// that serves the given service provider.
func NewSimulator(base url.URL, spMetadata *saml.EntityDescriptor) (*Simulator, error) {
	key, cert, err := SelfSigned("SMD BundID-Simulator")
	if err != nil {
		return nil, err
	}
	s := &Simulator{sp: spMetadata}
	meta, sso := base, base
	meta.Path += "/metadata"
	sso.Path += "/sso"
	s.idp = &saml.IdentityProvider{Key: key, Certificate: cert, MetadataURL: meta, SSOURL: sso,
		ServiceProviderProvider: s, SessionProvider: s, ResponseFormTemplate: responseForm,
		Logger: logger.DefaultLogger}
	return s, nil
}

// Metadata is the simulator's IdP metadata, which the SP trusts.
func (s *Simulator) Metadata() *saml.EntityDescriptor { return s.idp.Metadata() }

// Handler serves /metadata and /sso below the simulator's base path.
func (s *Simulator) Handler() http.Handler { return s.idp.Handler() }

// GetServiceProvider implements saml.ServiceProviderProvider.
func (s *Simulator) GetServiceProvider(_ *http.Request, id string) (*saml.EntityDescriptor, error) {
	if id != s.sp.EntityID {
		return nil, os.ErrNotExist
	}
	return s.sp, nil
}

// GetSession implements saml.SessionProvider: without a chosen person it
// shows the choice (and returns nil, as the interface requires).
func (s *Simulator) GetSession(w http.ResponseWriter, r *http.Request, req *saml.IdpAuthnRequest) *saml.Session {
	if p := r.PostFormValue("person"); p != "" {
		for _, d := range DemoPersons {
			if d.Key == p {
				sess := &saml.Session{ID: newID(), NameID: newID(), CreateTime: time.Now(), ExpireTime: time.Now().Add(5 * time.Minute),
					Index: newID(), UserGivenName: d.Attrs[AttrGivenName], UserSurname: d.Attrs[AttrSurname]}
				for name, v := range d.Attrs {
					sess.CustomAttributes = append(sess.CustomAttributes, saml.Attribute{Name: name, NameFormat: "urn:oasis:names:tc:SAML:2.0:attrname-format:uri",
						Values: []saml.AttributeValue{{Type: "xs:string", Value: v}}})
				}
				sess.CustomAttributes = append(sess.CustomAttributes, saml.Attribute{Name: AttrLevel, NameFormat: "urn:oasis:names:tc:SAML:2.0:attrname-format:uri",
					Values: []saml.AttributeValue{{Type: "xs:string", Value: d.Level.ContextClass()}}})
				return sess
			}
		}
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_ = chooser.Execute(w, map[string]any{"URL": s.idp.SSOURL.String(), "SAMLRequest": r.FormValue("SAMLRequest"),
		"RelayState": r.FormValue("RelayState"), "Persons": DemoPersons})
	return nil
}

// The simulator's pages work without JavaScript: the portal's CSP forbids
// inline script, and so would any careful IdP.
var chooser = template.Must(template.New("chooser").Parse(`<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>BundID-Simulator – Anmeldung</title></head>
<body><main>
<h1>BundID-Simulator</h1>
<p>Dies ist eine Simulation für die Vorführung. Wählen Sie eine Demo-Person.</p>
<form method="post" action="{{.URL}}">
<input type="hidden" name="SAMLRequest" value="{{.SAMLRequest}}">
<input type="hidden" name="RelayState" value="{{.RelayState}}">
<fieldset><legend>Als wer möchten Sie sich anmelden?</legend>
{{range $i, $p := .Persons}}<div><input type="radio" id="person-{{$p.Key}}" name="person" value="{{$p.Key}}"{{if eq $i 0}} checked{{end}}>
<label for="person-{{$p.Key}}">{{index $p.Attrs "urn:oid:2.5.4.42"}} {{index $p.Attrs "urn:oid:2.5.4.4"}} (Vertrauensniveau {{$p.Level}})</label></div>
{{end}}</fieldset>
<button type="submit">Anmelden</button>
</form></main></body></html>`))

var responseForm = template.Must(template.New("response").Parse(`<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>BundID-Simulator – Weiterleitung</title></head>
<body><main><h1>Anmeldung erfolgreich</h1>
<form method="post" action="{{.URL}}" id="SAMLResponseForm">
<input type="hidden" name="SAMLResponse" value="{{.SAMLResponse}}">
<input type="hidden" name="RelayState" value="{{.RelayState}}">
<button type="submit">Weiter zum Serviceportal</button>
</form></main></body></html>`))

// SelfSigned makes an RSA key and a self-signed certificate, for dev mode
// and tests.
func SelfSigned(cn string) (*rsa.PrivateKey, *x509.Certificate, error) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, nil, err
	}
	tpl := &x509.Certificate{SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: cn},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().AddDate(2, 0, 0),
		KeyUsage: x509.KeyUsageDigitalSignature}
	der, err := x509.CreateCertificate(rand.Reader, tpl, tpl, &key.PublicKey, key)
	if err != nil {
		return nil, nil, err
	}
	cert, err := x509.ParseCertificate(der)
	return key, cert, err
}
