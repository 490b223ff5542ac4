package bundid

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/beevik/etree"
	dsig "github.com/russellhaering/goxmldsig"
)

const (
	nsProtocol  = "urn:oasis:names:tc:SAML:2.0:protocol"
	nsAssertion = "urn:oasis:names:tc:SAML:2.0:assertion"
	nsAKDB      = "https://www.akdb.de/request/2018/09"
	nsClassicUI = "https://www.akdb.de/request/2018/09/classic-ui/v1"
	bindingPOST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"
)

// newID returns a SAML ID (must not start with a digit).
func newID() string {
	b := make([]byte, 20)
	_, _ = rand.Read(b)
	return "_" + hex.EncodeToString(b)
}

// Request is a signed AuthnRequest ready for the HTTP-POST binding.
type Request struct {
	ID string
	// URL is where the browser posts the request (the IdP's SSO endpoint).
	URL string
	// SAMLRequest is the base64 of the signed XML, the form field's value.
	SAMLRequest string
	XML         []byte
}

// AuthnRequestParams are the parts of a request that vary.
type AuthnRequestParams struct {
	EntityID, ACS, Destination string
	Level                      Level
	OrganizationDisplayName    string
	OnlineServiceID            string
	Now                        time.Time
}

// BuildAuthnRequest makes and signs an AuthnRequest with the AKDB
// extensions and the minimum trust level.
func BuildAuthnRequest(p AuthnRequestParams, key *rsa.PrivateKey, cert *x509.Certificate) (*Request, error) {
	id := newID()
	doc := etree.NewDocument()
	req := doc.CreateElement("saml2p:AuthnRequest")
	req.CreateAttr("xmlns:saml2p", nsProtocol)
	req.CreateAttr("xmlns:saml2", nsAssertion)
	req.CreateAttr("ID", id)
	req.CreateAttr("Version", "2.0")
	req.CreateAttr("IssueInstant", p.Now.UTC().Format("2006-01-02T15:04:05.000Z"))
	req.CreateAttr("Destination", p.Destination)
	req.CreateAttr("AssertionConsumerServiceURL", p.ACS)
	req.CreateAttr("ProtocolBinding", bindingPOST)
	req.CreateElement("saml2:Issuer").SetText(p.EntityID)

	ext := req.CreateElement("saml2p:Extensions")
	ar := ext.CreateElement("akdb:AuthenticationRequest")
	ar.CreateAttr("xmlns:akdb", nsAKDB)
	ar.CreateAttr("Version", "2")
	attrs := ar.CreateElement("akdb:RequestedAttributes")
	for _, a := range RequestedAttributes {
		ra := attrs.CreateElement("akdb:RequestedAttribute")
		ra.CreateAttr("Name", a.Name[len("urn:oid:"):])
		ra.CreateAttr("RequiredAttribute", fmt.Sprint(a.Required))
	}
	disp := ar.CreateElement("akdb:DisplayInformation").CreateElement("classic-ui:Version")
	disp.CreateAttr("xmlns:classic-ui", nsClassicUI)
	disp.CreateElement("classic-ui:OrganizationDisplayName").SetText(p.OrganizationDisplayName)
	disp.CreateElement("classic-ui:OnlineServiceId").SetText(p.OnlineServiceID)

	policy := req.CreateElement("saml2p:NameIDPolicy")
	policy.CreateAttr("Format", "urn:oasis:names:tc:SAML:2.0:nameid-format:transient")
	policy.CreateAttr("AllowCreate", "true")
	rac := req.CreateElement("saml2p:RequestedAuthnContext")
	rac.CreateAttr("Comparison", "minimum")
	rac.CreateElement("saml2:AuthnContextClassRef").SetText(p.Level.ContextClass())

	ctx := dsig.NewDefaultSigningContext(dsig.TLSCertKeyStore(tls.Certificate{Certificate: [][]byte{cert.Raw}, PrivateKey: key}))
	ctx.Canonicalizer = dsig.MakeC14N10ExclusiveCanonicalizerWithPrefixList("")
	if err := ctx.SetSignatureMethod(dsig.RSASHA256SignatureMethod); err != nil {
		return nil, err
	}
	// The schema wants the Signature right after the Issuer, so the
	// signature is made over the request and then put there.
	sig, err := ctx.ConstructSignature(req, true)
	if err != nil {
		return nil, fmt.Errorf("sign AuthnRequest: %w", err)
	}
	req.InsertChildAt(req.SelectElement("Issuer").Index()+1, sig)
	out := etree.NewDocument()
	out.SetRoot(req)
	xml, err := out.WriteToBytes()
	if err != nil {
		return nil, err
	}
	return &Request{ID: id, URL: p.Destination, SAMLRequest: base64.StdEncoding.EncodeToString(xml), XML: xml}, nil
}
