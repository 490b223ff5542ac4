package main

import (
	"crypto/rsa"
	"crypto/sha256"
	"crypto/tls"
	"encoding/xml"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"time"

	"github.com/crewjam/saml"

	"github.com/smd-oss/smd/bundid"
	"github.com/smd-oss/smd/sqlstore"
)

// bundidSetup is the wired BundID sign-in: the SP, the key for the signed
// sign-in state, and in dev mode the simulator.
type bundidSetup struct {
	sp        *bundid.SP
	stateKey  []byte
	simulator http.Handler
}

// setupBundID configures BundID from SMD_BUNDID_* (production), or the
// simulator in dev mode, or nothing (the sign-in page then says BundID is
// not set up). A half configuration is an error, not a silent fallback.
func setupBundID(a *app) (*bundidSetup, error) {
	cfg := a.cfg
	base := cfg.PublicURL()
	acs, err := url.Parse(base + "/bundid/acs")
	if err != nil {
		return nil, fmt.Errorf("SMD_BASE_URL: %w", err)
	}
	h := sha256.Sum256(append(append([]byte{}, a.masterKey...), "smd bundid relay state"...))
	out := &bundidSetup{stateKey: h[:]}
	sp := &bundid.SP{EntityID: cfg.BundIDEntityID, ACS: *acs, OrganizationDisplayName: "Serviceportal Migration",
		OnlineServiceID: cfg.BundIDOnlineServiceID, Replay: sqlstore.NewReplayStore(a.db), Now: time.Now}
	if sp.EntityID == "" {
		sp.EntityID = base + "/bundid"
	}
	configured := cfg.BundIDKeyFile != "" || cfg.BundIDCertFile != "" || cfg.BundIDIDPMetadataFile != ""
	switch {
	case configured:
		if cfg.BundIDKeyFile == "" || cfg.BundIDCertFile == "" || cfg.BundIDIDPMetadataFile == "" {
			return nil, errors.New("BundID needs SMD_BUNDID_KEY_FILE, SMD_BUNDID_CERT_FILE and SMD_BUNDID_IDP_METADATA_FILE together")
		}
		pair, err := tls.LoadX509KeyPair(cfg.BundIDCertFile, cfg.BundIDKeyFile)
		if err != nil {
			return nil, fmt.Errorf("BundID key pair: %w", err)
		}
		key, ok := pair.PrivateKey.(*rsa.PrivateKey)
		if !ok {
			return nil, errors.New("BundID key must be RSA")
		}
		sp.Key, sp.Cert = key, pair.Leaf
		raw, err := os.ReadFile(cfg.BundIDIDPMetadataFile)
		if err != nil {
			return nil, fmt.Errorf("BundID IdP metadata: %w", err)
		}
		var md saml.EntityDescriptor
		if err := xml.Unmarshal(raw, &md); err != nil {
			return nil, fmt.Errorf("BundID IdP metadata: %w", err)
		}
		sp.IDP = &md
	case cfg.Dev:
		sp.Key, sp.Cert, err = bundid.SelfSigned("SMD dev SP")
		if err != nil {
			return nil, err
		}
		simBase, _ := url.Parse(base + "/dev/bundid")
		sim, err := bundid.NewSimulator(*simBase, sp.Metadata())
		if err != nil {
			return nil, err
		}
		sp.IDP = sim.Metadata()
		out.simulator = sim.Handler()
	default:
		return out, nil
	}
	out.sp = sp
	return out, nil
}
