// Package bundid signs applicants in with BundID, the federal citizen
// account, over SAML 2.0 (law-and-standards.md § 4.2). The service
// provider builds and signs the AuthnRequest itself, because BundID wants
// the AKDB extensions (requested attributes, display information) that
// general SAML libraries do not model; the IdP's response is verified with
// github.com/crewjam/saml (signature, audience, destination, time window,
// InResponseTo) plus our own replay check. In dev mode a simulator inside
// the binary plays BundID with demo persons.
package bundid

import (
	"fmt"
	"strings"
)

// Level is the trust level (Vertrauensniveau) of an authentication.
type Level int

const (
	LevelLow         Level = 1 // untergeordnet
	LevelNormal      Level = 2 // normal
	LevelSubstantial Level = 3 // substantiell (e.g. ELSTER certificate)
	LevelHigh        Level = 4 // hoch (eID card)
)

// ContextClass is the AuthnContextClassRef BundID uses for the level.
func (l Level) ContextClass() string { return fmt.Sprintf("STORK-QAA-Level-%d", int(l)) }

func (l Level) String() string {
	switch l {
	case LevelLow:
		return "untergeordnet"
	case LevelNormal:
		return "normal"
	case LevelSubstantial:
		return "substantiell"
	case LevelHigh:
		return "hoch"
	}
	return "unbekannt"
}

// ParseLevel reads "STORK-QAA-Level-3" or "3"; 0 when it is neither.
func ParseLevel(s string) Level {
	s = strings.TrimPrefix(strings.TrimSpace(s), "STORK-QAA-Level-")
	if len(s) == 1 && s[0] >= '1' && s[0] <= '4' {
		return Level(s[0] - '0')
	}
	return 0
}

// Attribute names (OIDs) BundID uses.
const (
	AttrSurname     = "urn:oid:2.5.4.4"
	AttrGivenName   = "urn:oid:2.5.4.42"
	AttrBirthdate   = "urn:oid:1.2.40.0.10.2.1.1.55"
	AttrBirthPlace  = "urn:oid:1.3.6.1.5.5.7.9.2"
	AttrNationality = "urn:oid:1.2.40.0.10.2.1.1.225577"
	AttrAddress     = "urn:oid:2.5.4.16"
	AttrPostalCode  = "urn:oid:2.5.4.17"
	AttrLocality    = "urn:oid:2.5.4.7"
	AttrCountry     = "urn:oid:1.2.40.0.10.2.1.1.225599"
	AttrMail        = "urn:oid:0.9.2342.19200300.100.1.3"
	AttrBPK2        = "urn:oid:1.3.6.1.4.1.25484.494450.3"
	AttrPostkorb    = "urn:oid:2.5.4.18"
	AttrLevel       = "urn:oid:1.2.40.0.10.2.1.1.261.94"
)

// RequestedAttributes are what the portal asks for; bPK2 is required
// because it is the stable, pseudonymous account key.
var RequestedAttributes = []struct {
	Name     string
	Required bool
}{
	{AttrBPK2, true}, {AttrSurname, false}, {AttrGivenName, false}, {AttrBirthdate, false}, {AttrBirthPlace, false},
	{AttrNationality, false}, {AttrAddress, false}, {AttrPostalCode, false}, {AttrLocality, false},
	{AttrCountry, false}, {AttrMail, false}, {AttrPostkorb, false},
}

// Identity is what a verified BundID response says about the person.
// BPK2 is the account key; the rest pre-fills forms.
type Identity struct {
	BPK2        string
	GivenName   string
	Surname     string
	BirthDate   string // YYYY-MM-DD
	BirthPlace  string
	Nationality string
	Address     string
	PostalCode  string
	Locality    string
	Country     string
	Email       string
	Level       Level
}
