// Package applyclient plays an applicant over HTTP against a running smd
// in dev mode: it signs in through the BundID simulator, fills a draft page
// by page, uploads files and submits. The process tests and the load tool
// use it, so that what they measure is the real path through the pages.
package applyclient

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/smd-oss/smd/internal/formfill"
	"github.com/smd-oss/smd/internal/hostile"
)

// Client is one browser: its own cookies, no automatic redirects.
type Client struct {
	Base string
	HTTP *http.Client
}

// New returns a client of the server at base ("http://127.0.0.1:8080").
func New(base string) *Client {
	jar, _ := cookiejar.New(nil)
	return &Client{Base: strings.TrimSuffix(base, "/"), HTTP: &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// Response is what a request answered.
type Response struct {
	Status   int
	Location string
	Body     string
}

func (c *Client) do(method, path string, body io.Reader, ctype string, hdr map[string]string) (Response, error) {
	req, err := http.NewRequest(method, c.Base+path, body)
	if err != nil {
		return Response{}, err
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
		req.Header.Set("Sec-Fetch-Site", "same-origin")
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return Response{}, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return Response{Status: resp.StatusCode, Location: resp.Header.Get("Location"), Body: string(b)}, err
}

// Get fetches a page.
func (c *Client) Get(path string) (Response, error) { return c.do("GET", path, nil, "", nil) }

// Post sends a form.
func (c *Client) Post(path string, v url.Values) (Response, error) {
	return c.do("POST", path, strings.NewReader(v.Encode()), "application/x-www-form-urlencoded", nil)
}

var hiddenRe = regexp.MustCompile(`name="(SAMLRequest|SAMLResponse|RelayState)" value="([^"]*)"`)

func hidden(body string) url.Values {
	v := url.Values{}
	for _, m := range hiddenRe.FindAllStringSubmatch(body, -1) {
		v.Set(m[1], html.UnescapeString(m[2]))
	}
	return v
}

// SignIn signs in as a demo person of the simulator ("anna", "olena", "karim").
func (c *Client) SignIn(person string) error {
	start, err := c.Get("/bundid/anmelden?next=/konto/antraege")
	if err != nil {
		return err
	}
	f := hidden(start.Body)
	if f.Get("SAMLRequest") == "" {
		return fmt.Errorf("sign-in page without a SAML request (%d): is the server in dev mode?", start.Status)
	}
	f.Set("person", person)
	sim, err := c.Post("/dev/bundid/sso", f)
	if err != nil {
		return err
	}
	resp := hidden(sim.Body)
	acs, err := c.do("POST", "/bundid/acs", strings.NewReader(resp.Encode()), "application/x-www-form-urlencoded",
		map[string]string{"Sec-Fetch-Site": "cross-site"})
	if err != nil {
		return err
	}
	if acs.Status != http.StatusSeeOther {
		return fmt.Errorf("sign-in as %s: %d", person, acs.Status)
	}
	return nil
}

// File is one upload.
type File struct {
	Category, Name string
	Content        []byte
}

// Prepare starts a draft of the service (path "/einbuergerung/antrag"),
// answers every step and uploads the files; it returns the draft's
// address and version, ready to submit.
func (c *Client) Prepare(startPath string, steps []formfill.Step, files []File) (string, int, error) {
	r, err := c.Post(startPath, url.Values{})
	if err != nil {
		return "", 0, err
	}
	if r.Status != http.StatusSeeOther {
		return "", 0, fmt.Errorf("start %s: %d", startPath, r.Status)
	}
	parts := strings.SplitN(strings.TrimPrefix(r.Location, "/"), "/", 4)
	if len(parts) < 3 {
		return "", 0, fmt.Errorf("start %s led to %s", startPath, r.Location)
	}
	base := "/" + strings.Join(parts[:3], "/")
	version := 2 // created, then saved with the pre-filled answers
	for _, s := range steps {
		if s.Path == "/documents" {
			for _, f := range files {
				if err := c.Upload(base, version, f); err != nil {
					return "", 0, err
				}
				version++
			}
		}
		v := url.Values{}
		for k, vs := range s.Values {
			v[k] = vs
		}
		v.Set("version", strconv.Itoa(version))
		r, err := c.Post(base+s.Path, v)
		if err != nil {
			return "", 0, err
		}
		if r.Status != http.StatusSeeOther {
			return "", 0, fmt.Errorf("POST %s: %d", s.Path, r.Status)
		}
		version++
	}
	return base, version, nil
}

// Upload sends one file to the draft's upload page.
func (c *Client) Upload(base string, version int, f File) error {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	_ = mw.WriteField("version", strconv.Itoa(version))
	_ = mw.WriteField("action", "upload")
	_ = mw.WriteField("kategorie", f.Category)
	fw, _ := mw.CreateFormFile("datei", f.Name)
	_, _ = fw.Write(f.Content)
	_ = mw.Close()
	r, err := c.do("POST", base+"/documents", &buf, mw.FormDataContentType(), nil)
	if err != nil {
		return err
	}
	if r.Status != http.StatusSeeOther {
		var msgs []string
		for _, m := range summaryRe.FindAllStringSubmatch(r.Body, -1) {
			msgs = append(msgs, html.UnescapeString(m[1]))
		}
		return fmt.Errorf("upload %s: %d: %s", f.Name, r.Status, strings.Join(msgs, "; "))
	}
	return nil
}

// summaryRe finds the messages of a page's error summary.
var summaryRe = regexp.MustCompile(`<li><a class="kern-link" href="#[^"]*">([^<]*)</a></li>`)

// ErrNotConfirmed is a submit that got an answer other than the redirect
// to the confirmation page.
var ErrNotConfirmed = errors.New("submission not confirmed")

// Submit sends the binding submit once and reads the confirmation page;
// it returns the case number the page shows.
func (c *Client) Submit(base string, version int) (string, error) {
	r, err := c.Post(base+"/absenden", url.Values{"version": {strconv.Itoa(version)}})
	if err != nil {
		return "", err
	}
	if r.Status != http.StatusSeeOther || r.Location != base+"/eingegangen" {
		return "", fmt.Errorf("%w: %d %s", ErrNotConfirmed, r.Status, r.Location)
	}
	return c.Confirmation(base)
}

var numberRe = regexp.MustCompile(`class="smd-panel__number">([^<]+)<`)

// Confirmation reads the case number from the confirmation page.
func (c *Client) Confirmation(base string) (string, error) {
	r, err := c.Get(base + "/eingegangen")
	if err != nil {
		return "", err
	}
	m := numberRe.FindStringSubmatch(r.Body)
	if r.Status != http.StatusOK || m == nil {
		return "", fmt.Errorf("%w: confirmation page %d", ErrNotConfirmed, r.Status)
	}
	return m[1], nil
}

// SamplePDF is a small valid one-page PDF of about n bytes.
func SamplePDF(n int) []byte { return hostile.OnePage(n) }
