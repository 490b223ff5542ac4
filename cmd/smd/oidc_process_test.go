package main

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// In dev mode `smd serve` runs the built-in identity provider for every
// demo authority: a caseworker of Bonn signs in there and lands in the
// workbench of Bonn. A settings file naming an authority that does not
// exist stops the start with a message that names it.
func TestDevOIDCSignIn(t *testing.T) {
	blobDir := t.TempDir()
	dbURL := "sqlite:" + filepath.Join(t.TempDir(), "smd.db")
	seedDemo(t, dbURL, blobDir)
	p := start(t, dbURL, blobDir)
	base := "http://" + p.addr
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 10 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

	resp, err := c.Get(base + "/anmelden/behoerde?behoerde=bonn")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	auth, err := url.Parse(resp.Header.Get("Location"))
	if err != nil || resp.StatusCode != http.StatusFound || !strings.HasPrefix(auth.String(), base+"/dev/oidc/authorize?") {
		t.Fatalf("start: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	form := auth.Query()
	form.Set("user", "bonn-sachbearbeitung")
	req, _ := http.NewRequest(http.MethodPost, base+"/dev/oidc/authorize", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err = c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	cb := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusFound || !strings.HasPrefix(cb, base+"/anmelden/oidc/callback?") {
		t.Fatalf("provider: %d %s", resp.StatusCode, cb)
	}
	if resp, err = c.Get(cb); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("callback: %d", resp.StatusCode)
	}
	resp, err = c.Get(base + "/arbeitsplatz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "sachbearbeitung@bonn.example") {
		t.Fatalf("workbench after sign-in: %d", resp.StatusCode)
	}

	settings := filepath.Join(t.TempDir(), "oidc.json")
	if err := os.WriteFile(settings, []byte(`{"atlantis": {"issuer": "https://login.atlantis.example", "client_id": "smd",
		"client_secret": "s", "roles_claim": "groups", "roles": {"sb": "caseworker"}}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(binary, "serve")
	cmd.Env = append(os.Environ(), "SMD_DEV=true", "SMD_OIDC_FILE="+settings, "SMD_DATABASE_URL="+dbURL, "SMD_BLOB_URL=file://"+blobDir,
		"SMD_MASTER_KEY_FILE="+filepath.Join(blobDir, "master.key"), "SMD_ADDR=127.0.0.1:0", "SMD_MAIL_DIR="+filepath.Join(blobDir, "mail"))
	out, _ := cmd.CombinedOutput()
	if cmd.ProcessState.ExitCode() != 1 || !strings.Contains(string(out), "atlantis") {
		t.Fatalf("serve with an unknown authority in SMD_OIDC_FILE: exit %d %s", cmd.ProcessState.ExitCode(), out)
	}
}
