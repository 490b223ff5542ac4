package bundid

import (
	"context"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/crewjam/saml"

	"github.com/smd-oss/smd"
)

// ReplayStore remembers assertion ids until they expire, so that a
// response can be used once.
type ReplayStore interface {
	// Remember records id until the time given and reports whether it was
	// new. A second call with the same id returns false.
	Remember(ctx context.Context, id string, until time.Time) (bool, error)
}

// SP is the portal as a SAML service provider of BundID.
type SP struct {
	EntityID string
	ACS      url.URL
	Key      *rsa.PrivateKey
	Cert     *x509.Certificate
	// IDP is the identity provider's metadata (SSO endpoint, signing certificate).
	IDP                     *saml.EntityDescriptor
	OrganizationDisplayName string
	OnlineServiceID         string
	Replay                  ReplayStore
	Now                     func() time.Time
}

func (sp *SP) crewjam() *saml.ServiceProvider {
	return &saml.ServiceProvider{EntityID: sp.EntityID, Key: sp.Key, Certificate: sp.Cert, AcsURL: sp.ACS,
		MetadataURL: sp.ACS, IDPMetadata: sp.IDP, AllowIDPInitiated: false}
}

// Metadata is the SP's metadata, to upload to BundID's self-service portal.
func (sp *SP) Metadata() *saml.EntityDescriptor { return sp.crewjam().Metadata() }

// SSOURL is the IdP's HTTP-POST single sign-on endpoint, where the
// browser posts the request (the portal's CSP must allow it as form-action).
func (sp *SP) SSOURL() (string, error) {
	for _, d := range sp.IDP.IDPSSODescriptors {
		for _, s := range d.SingleSignOnServices {
			if s.Binding == saml.HTTPPostBinding {
				return s.Location, nil
			}
		}
	}
	return "", errors.New("bundid: the IdP metadata has no HTTP-POST SSO endpoint")
}

// NewRequest makes a signed AuthnRequest asking for at least level.
func (sp *SP) NewRequest(level Level) (*Request, error) {
	dest, err := sp.SSOURL()
	if err != nil {
		return nil, err
	}
	return BuildAuthnRequest(AuthnRequestParams{EntityID: sp.EntityID, ACS: sp.ACS.String(), Destination: dest, Level: level,
		OrganizationDisplayName: sp.OrganizationDisplayName, OnlineServiceID: sp.OnlineServiceID, Now: sp.Now()}, sp.Key, sp.Cert)
}

// ErrRefused is the EUNAUTHORIZED error of a response that fails any
// check; the cause is wrapped for the log, never shown.
func refused(cause error) error {
	return &smd.Error{Code: smd.EUNAUTHORIZED, Message: "Die Anmeldung mit BundID ist fehlgeschlagen. Bitte versuchen Sie es erneut.", Err: cause}
}

// ParseResponse verifies a base64 SAMLResponse posted to the ACS: the
// signature of the IdP, the audience, the destination, the time window,
// that it answers one of requestIDs, that it was not used before, and
// that the level reached is at least min. Errors: EUNAUTHORIZED for any
// failed check (the cause is wrapped), EFORBIDDEN when the level is too low.
func (sp *SP) ParseResponse(ctx context.Context, samlResponse string, requestIDs []string, min Level) (*Identity, error) {
	raw, err := base64.StdEncoding.DecodeString(samlResponse)
	if err != nil {
		return nil, refused(fmt.Errorf("base64: %w", err))
	}
	assertion, err := sp.crewjam().ParseXMLResponse(raw, requestIDs, sp.ACS)
	if err != nil {
		var ire *saml.InvalidResponseError
		if errors.As(err, &ire) {
			return nil, refused(ire.PrivateErr)
		}
		return nil, refused(err)
	}
	until := sp.Now().Add(time.Hour)
	if assertion.Conditions != nil && !assertion.Conditions.NotOnOrAfter.IsZero() {
		until = assertion.Conditions.NotOnOrAfter
	}
	fresh, err := sp.Replay.Remember(ctx, assertion.ID, until)
	if err != nil {
		return nil, err
	}
	if !fresh {
		return nil, refused(fmt.Errorf("assertion %s replayed", assertion.ID))
	}
	id := &Identity{}
	for _, st := range assertion.AttributeStatements {
		for _, a := range st.Attributes {
			if len(a.Values) == 0 {
				continue
			}
			v := a.Values[0].Value
			switch a.Name {
			case AttrBPK2:
				id.BPK2 = v
			case AttrGivenName:
				id.GivenName = v
			case AttrSurname:
				id.Surname = v
			case AttrBirthdate:
				id.BirthDate = v
			case AttrBirthPlace:
				id.BirthPlace = v
			case AttrNationality:
				id.Nationality = v
			case AttrAddress:
				id.Address = v
			case AttrPostalCode:
				id.PostalCode = v
			case AttrLocality:
				id.Locality = v
			case AttrCountry:
				id.Country = v
			case AttrMail:
				id.Email = v
			case AttrLevel:
				id.Level = ParseLevel(v)
			}
		}
	}
	if id.BPK2 == "" {
		return nil, refused(errors.New("response without bPK2"))
	}
	if id.Level < min {
		return nil, &smd.Error{Code: smd.EFORBIDDEN, Message: fmt.Sprintf("Für diese Leistung ist das Vertrauensniveau „%s“ nötig.", min)}
	}
	return id, nil
}
