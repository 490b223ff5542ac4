package bundid_test

import (
	"context"
	"crypto/x509"
	"encoding/base64"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/beevik/etree"
	"github.com/crewjam/saml"
	dsig "github.com/russellhaering/goxmldsig"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/bundid"
	"github.com/smd-oss/smd/internal/dbtest"
	"github.com/smd-oss/smd/sqlstore"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

type world struct {
	sp  *bundid.SP
	sim *httptest.Server
}

func setup(t *testing.T, replay bundid.ReplayStore) *world {
	t.Helper()
	key, cert, err := bundid.SelfSigned("SMD Test SP")
	if err != nil {
		t.Fatal(err)
	}
	acs, _ := url.Parse("http://127.0.0.1:8080/bundid/acs")
	sp := &bundid.SP{EntityID: "https://smd.example/bundid", ACS: *acs, Key: key, Cert: cert,
		OrganizationDisplayName: "Serviceportal Migration", OnlineServiceID: "SMD-TEST", Replay: replay, Now: time.Now}
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	base, _ := url.Parse(srv.URL + "/sim")
	sim, err := bundid.NewSimulator(*base, sp.Metadata())
	if err != nil {
		t.Fatal(err)
	}
	mux.Handle("/sim/", sim.Handler())
	sp.IDP = sim.Metadata()
	return &world{sp: sp, sim: srv}
}

var valueRe = regexp.MustCompile(`name="SAMLResponse" value="([^"]+)"`)

// login runs the browser's part: post the request to the simulator, pick
// a person, and return the SAMLResponse the simulator posts back.
func (w *world) login(t *testing.T, req *bundid.Request, person string) string {
	t.Helper()
	post := func(form url.Values) string {
		resp, err := http.PostForm(req.URL, form)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 {
			t.Fatalf("simulator: %d %s", resp.StatusCode, b)
		}
		return string(b)
	}
	page := post(url.Values{"SAMLRequest": {req.SAMLRequest}, "RelayState": {"x"}})
	if !strings.Contains(page, "BundID-Simulator") || strings.Contains(page, "<script") {
		t.Fatalf("chooser: %s", page)
	}
	page = post(url.Values{"SAMLRequest": {req.SAMLRequest}, "RelayState": {"x"}, "person": {person}})
	m := valueRe.FindStringSubmatch(page)
	if m == nil || strings.Contains(page, "<script") {
		t.Fatalf("no response form: %s", page)
	}
	return html.UnescapeString(m[1])
}

type memReplay map[string]bool

func (m memReplay) Remember(_ context.Context, id string, _ time.Time) (bool, error) {
	if m[id] {
		return false, nil
	}
	m[id] = true
	return true, nil
}

func TestAuthnRequestIsSignedWithExtensions(t *testing.T) {
	w := setup(t, memReplay{})
	req, err := w.sp.NewRequest(bundid.LevelSubstantial)
	if err != nil {
		t.Fatal(err)
	}
	doc := etree.NewDocument()
	if err := doc.ReadFromBytes(req.XML); err != nil {
		t.Fatal(err)
	}
	root := doc.Root()
	if root.ChildElements()[1].Tag != "Signature" {
		t.Fatal("Signature must follow Issuer")
	}
	store := dsig.MemoryX509CertificateStore{Roots: []*x509.Certificate{w.sp.Cert}}
	vctx := dsig.NewDefaultValidationContext(&store)
	if _, err := vctx.Validate(root); err != nil {
		t.Fatalf("signature does not validate: %v", err)
	}
	s := string(req.XML)
	for _, want := range []string{"akdb:AuthenticationRequest", `Name="1.3.6.1.4.1.25484.494450.3" RequiredAttribute="true"`,
		"STORK-QAA-Level-3", `Comparison="minimum"`, "SMD-TEST", "http://127.0.0.1:8080/bundid/acs"} {
		if !strings.Contains(s, want) {
			t.Errorf("request lacks %s", want)
		}
	}
	// A changed request no longer validates.
	root.SelectElement("Issuer").SetText("https://evil.example")
	if _, err := vctx.Validate(root); err == nil {
		t.Fatal("tampered request validates")
	}
}

func TestLoginRoundTripOnBothDatabases(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := setup(t, sqlstore.NewReplayStore(db))
		ctx := context.Background()
		req, err := w.sp.NewRequest(bundid.LevelSubstantial)
		if err != nil {
			t.Fatal(err)
		}
		resp := w.login(t, req, "anna")
		id, err := w.sp.ParseResponse(ctx, resp, []string{req.ID}, bundid.LevelSubstantial)
		if err != nil {
			t.Fatalf("valid response refused: %v", errors(err))
		}
		if id.BPK2 != "SIM-BPK2-ANNA-0001" || id.GivenName != "Anna" || id.PostalCode != "53111" || id.BirthDate != "1990-02-03" || id.Level != bundid.LevelHigh {
			t.Fatalf("identity %+v", id)
		}
		// Replayed: refused, also by another instance on the same database.
		if _, err := w.sp.ParseResponse(ctx, resp, []string{req.ID}, bundid.LevelSubstantial); smd.ErrorCode(err) != smd.EUNAUTHORIZED {
			t.Fatalf("replay: %v", err)
		}
	})
}

func errors(err error) string {
	var e *smd.Error
	if ok := asSMD(err, &e); ok && e.Err != nil {
		return e.Err.Error()
	}
	return err.Error()
}

func asSMD(err error, target **smd.Error) bool {
	e, ok := err.(*smd.Error)
	if ok {
		*target = e
	}
	return ok
}

func TestTamperedResponsesAreRefused(t *testing.T) {
	w := setup(t, memReplay{})
	ctx := context.Background()
	fresh := func(person string) (string, *bundid.Request) {
		req, err := w.sp.NewRequest(bundid.LevelSubstantial)
		if err != nil {
			t.Fatal(err)
		}
		return w.login(t, req, person), req
	}
	// Bad signature: a changed attribute.
	resp, req := fresh("anna")
	raw, _ := base64.StdEncoding.DecodeString(resp)
	// The assertion is encrypted for the SP (its metadata offers a key), so
	// the forgery changes the ciphertext the IdP signed.
	xml := string(raw)
	i := strings.Index(xml, "CipherValue>")
	if i < 0 {
		t.Fatal("assertion is not encrypted")
	}
	i += len("CipherValue>") + 40
	flipped := "A"
	if xml[i] == 'A' {
		flipped = "B"
	}
	forged := base64.StdEncoding.EncodeToString([]byte(xml[:i] + flipped + xml[i+1:]))
	if _, err := w.sp.ParseResponse(ctx, forged, []string{req.ID}, bundid.LevelSubstantial); smd.ErrorCode(err) != smd.EUNAUTHORIZED {
		t.Errorf("forged attribute: %v", err)
	}
	// Wrong audience: another SP receives it.
	resp, req = fresh("anna")
	other := *w.sp
	other.EntityID = "https://other.example/bundid"
	other.Replay = memReplay{}
	if _, err := other.ParseResponse(ctx, resp, []string{req.ID}, bundid.LevelSubstantial); smd.ErrorCode(err) != smd.EUNAUTHORIZED {
		t.Errorf("wrong audience: %v", err)
	}
	// Not an answer to our request.
	if _, err := w.sp.ParseResponse(ctx, resp, []string{"_someotherid"}, bundid.LevelSubstantial); smd.ErrorCode(err) != smd.EUNAUTHORIZED {
		t.Errorf("unknown InResponseTo: %v", err)
	}
	// Expired: read two hours later.
	resp, req = fresh("anna")
	saml.TimeNow = func() time.Time { return time.Now().Add(2 * time.Hour) }
	_, err := w.sp.ParseResponse(ctx, resp, []string{req.ID}, bundid.LevelSubstantial)
	saml.TimeNow = time.Now
	if smd.ErrorCode(err) != smd.EUNAUTHORIZED {
		t.Errorf("expired: %v", err)
	}
	// Garbage.
	for _, g := range []string{"", "!!!", base64.StdEncoding.EncodeToString([]byte("<x/>"))} {
		if _, err := w.sp.ParseResponse(ctx, g, []string{req.ID}, bundid.LevelSubstantial); smd.ErrorCode(err) != smd.EUNAUTHORIZED {
			t.Errorf("garbage %q: %v", g, err)
		}
	}
	// Level too low: Karim signed in at "substantiell", the service wants "hoch".
	resp, req = fresh("karim")
	if _, err := w.sp.ParseResponse(ctx, resp, []string{req.ID}, bundid.LevelHigh); smd.ErrorCode(err) != smd.EFORBIDDEN {
		t.Errorf("level too low: %v", err)
	}
}
