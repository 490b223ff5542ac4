package browsertest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

func TestMain(m *testing.M) {
	code := m.Run()
	Close()
	// Close must leave no profile behind.
	if b := shared.browser; b != nil {
		if _, err := os.Stat(b.userDataDir); err == nil {
			fmt.Fprintf(os.Stderr, "browsertest: Close left the profile directory %s\n", b.userDataDir)
			code = 1
		}
	}
	os.Exit(code)
}

// page wraps body in an accessible document: language, title, viewport.
func page(title, body string) string {
	return `<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>` + title + `</title>
</head>
<body>
` + body + `
</body>
</html>`
}

// pages are the fixtures, by path. Unknown paths get an accessible 404 page.
var pages = map[string]string{
	"/ok": page("Antrag stellen", `<main>
<h1>Antrag stellen</h1>
<form method="post" novalidate>
<label for="name">Name</label>
<input id="name" name="name" autocomplete="name">
<button type="submit">Weiter</button>
</form>
</main>`),
	"/violations": page("Fehlerhafte Seite", `<main>
<h1>Fehlerhafte Seite</h1>
<img src="/missing.png" width="20" height="20">
<input id="name" name="name">
</main>`),
	"/wide": page("Breite Seite", `<main>
<h1>Breite Seite</h1>
<div id="banner" style="width: 600px">Ein zu breites Banner</div>
</main>`),
	"/links": page("Links", `<main>
<h1>Links</h1>
<a href="#eins">Eins</a>
<a href="#zwei">Zwei</a>
<a href="#drei" id="drei">Drei</a>
<label for="suche">Suche</label>
<input id="suche" type="search">
</main>`),
	"/no-outline": page("Ohne Fokusrahmen", `<main>
<h1>Ohne Fokusrahmen</h1>
<a href="#eins">Eins</a>
<a href="#zwei" style="outline: none">Zwei</a>
</main>`),
}

// newServer serves pages on the loopback interface.
func newServer(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		body, ok := pages[r.URL.Path]
		if !ok {
			w.WriteHeader(http.StatusNotFound)
			body = page("Seite nicht gefunden", `<main><h1>Seite nicht gefunden</h1></main>`)
		}
		fmt.Fprint(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestCheckPage(t *testing.T) {
	b := New(t)
	srv := newServer(t)
	b.CheckPage(t, srv.URL+"/ok")
	b.CheckPageStatus(t, srv.URL+"/missing", http.StatusNotFound)
}

func TestAxeFindsViolations(t *testing.T) {
	b := New(t)
	srv := newServer(t)
	ctx := b.Tab(t)
	Navigate(t, ctx, srv.URL+"/violations")
	r, err := b.runAxe(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, v := range r.Violations {
		ids = append(ids, v.ID)
	}
	if want := []string{"image-alt", "label"}; !slices.Equal(ids, want) {
		t.Errorf("violations = %q, want %q\n%s", ids, want, formatRules(r.Violations))
	}
	msg := formatRules(r.Violations)
	for _, want := range []string{"image-alt (critical)", `<img src="/missing.png"`, "- #name", "Fix"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the message lacks %q:\n%s", want, msg)
		}
	}
}

func TestReflow(t *testing.T) {
	b := New(t)
	srv := newServer(t)
	ctx := b.Tab(t)
	for _, tc := range []struct {
		path      string
		fits      bool
		offending string
	}{
		{"/ok", true, ""},
		{"/wide", false, `div#banner "Ein zu breites Banner"`},
	} {
		Navigate(t, ctx, srv.URL+tc.path)
		setViewport(t, ctx, narrowWidth, narrowHeight)
		r, err := checkReflow(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if r.fits() != tc.fits {
			t.Errorf("%s: fits = %v, want %v (%+v)", tc.path, r.fits(), tc.fits, r)
		}
		if tc.offending != "" && (len(r.Offenders) == 0 || r.Offenders[0].Element != tc.offending) {
			t.Errorf("%s: widest offender is not %s:\n%s", tc.path, tc.offending, r.formatOffenders())
		}
	}
}

func TestTabWalk(t *testing.T) {
	b := New(t)
	srv := newServer(t)
	ctx := b.Tab(t)
	Navigate(t, ctx, srv.URL+"/links")
	want := []string{`a "Eins"`, `a "Zwei"`, `a#drei "Drei"`, `input#suche "Suche"`}
	if got := b.TabWalk(t, ctx); !slices.Equal(got, want) {
		t.Errorf("TabWalk = %q, want %q", got, want)
	}
	// A second walk starts from the top again, not after the focus.
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS("#drei"))); err != nil {
		t.Fatal(err)
	}
	if got := b.TabWalk(t, ctx); !slices.Equal(got, want) {
		t.Errorf("second TabWalk = %q, want %q", got, want)
	}
	if got := Text(t, ctx, "#drei"); got != "Drei" {
		t.Errorf("Text = %q", got)
	}
	if got := Attr(t, ctx, "#drei", "href"); got != "#drei" {
		t.Errorf("Attr = %q", got)
	}
}

func TestTabWalkFindsMissingOutline(t *testing.T) {
	b := New(t)
	srv := newServer(t)
	ctx := b.Tab(t)
	Navigate(t, ctx, srv.URL+"/no-outline")
	stops, err := tabWalk(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range stops {
		got = append(got, fmt.Sprintf("%s %v", s.Element, s.Indicator))
	}
	if want := []string{`a "Eins" true`, `a "Zwei" false`}; !slices.Equal(got, want) {
		t.Errorf("stops = %q, want %q", got, want)
	}
}

func TestNavigateStatus(t *testing.T) {
	b := New(t)
	srv := newServer(t)
	ctx := b.Tab(t)
	if err := navigate(ctx, srv.URL+"/missing", 0); err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("navigate to a 404 page: err = %v, want the status", err)
	}
	if err := navigate(ctx, srv.URL+"/ok", http.StatusNotFound); err == nil {
		t.Error("navigate wanting 404 accepted 200")
	}
}

// recorder is a testing.TB that records the calls of SkipOrFail instead of
// ending the test.
type recorder struct {
	testing.TB
	skipped, failed bool
}

func (r *recorder) Helper()               {}
func (r *recorder) Skip(...any)           { r.skipped = true }
func (r *recorder) Fatalf(string, ...any) { r.failed = true }

func TestSkipOrFail(t *testing.T) {
	for _, tc := range []struct {
		ci              string
		skipped, failed bool
	}{
		{"", true, false},
		{"false", true, false},
		{"true", false, true},
	} {
		t.Setenv("CI", tc.ci)
		r := &recorder{TB: t}
		SkipOrFail(r, "no browser")
		if r.skipped != tc.skipped || r.failed != tc.failed {
			t.Errorf("CI=%q: skipped %v, failed %v; want %v, %v", tc.ci, r.skipped, r.failed, tc.skipped, tc.failed)
		}
	}
}
