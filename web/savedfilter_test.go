package web_test

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/internal/dbtest"
	"github.com/smd-oss/smd/sqlstore"
	"net/http"
)

// deleteFilterRe finds the delete links of the inbox (to the confirmation).
var deleteFilterRe = regexp.MustCompile(`href="(/arbeitsplatz/filter/[0-9a-f-]+/loeschen)\?[^"]*"`)

// A caseworker saves the current filter under a name (the page number
// dropped), finds it as a link on the inbox and deletes it again. Bad
// names and queries re-render the inbox with a message (422); nobody
// else, in Bonn or Potsdam, sees or deletes it.
func TestSavedFilterSaveListDelete(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		h := newHarness(t, db)
		sb := h.client()
		signIn(h, sb, "sachbearbeitung@bonn.example", testPassword)
		if r := h.get(sb, "/arbeitsplatz/eingang"); !strings.Contains(r.body, "Sie haben noch keine Filter gespeichert.") {
			t.Fatal("no empty state for saved filters")
		}
		save := func(name, query string) response {
			return h.do(sb, "POST", "/arbeitsplatz/filter", url.Values{"filtername": {name}, "query": {query}}, nil)
		}
		r := save(" Überfällige Einbürgerungen ", "seite=3&leistung=einbuergerung&ansicht=ueberfaellig")
		if r.status != 303 || r.header.Get("Location") != "/arbeitsplatz/eingang?ansicht=ueberfaellig&leistung=einbuergerung" {
			t.Fatalf("save: %d %s %s", r.status, r.header.Get("Location"), errorSummary(r.body))
		}
		inbox := h.get(sb, r.header.Get("Location"))
		if !strings.Contains(inbox.body, `<a class="kern-link" href="/arbeitsplatz/eingang?ansicht=ueberfaellig&amp;leistung=einbuergerung">Überfällige Einbürgerungen</a>`) ||
			!strings.Contains(inbox.body, "Der Filter ist gespeichert.") {
			t.Fatal("the saved filter is not listed, or no confirmation")
		}
		h.checkHTML(inbox, "de")
		del := deleteFilterRe.FindStringSubmatch(inbox.body)
		if del == nil {
			t.Fatal("no delete link")
		}
		// Deleting is confirmed first: a page that changes nothing and
		// posts to the same address.
		confirm := h.get(sb, del[1]+"?query=ansicht%3Dwartend")
		if confirm.status != 200 || !strings.Contains(confirm.body, "Gespeicherten Filter löschen") || !strings.Contains(confirm.body, "Überfällige Einbürgerungen") ||
			!strings.Contains(confirm.body, `action="`+del[1]+`"`) || !strings.Contains(confirm.body, `name="query" value="ansicht=wartend"`) {
			t.Fatalf("confirmation: %d", confirm.status)
		}
		h.checkHTML(confirm, "de")
		for _, tc := range []struct{ name, query, want string }{
			{"Überfällige Einbürgerungen", "ansicht=wartend", "schon einen Filter mit diesem Namen"},
			{"   ", "ansicht=wartend", "Geben Sie einen Namen für den Filter ein."},
			{strings.Repeat("x", 81), "", "höchstens 80 Zeichen"},
			{"Mit\u0007Klingel", "", "Steuerzeichen"},
			{"Fremd", "lang=en&ansicht=wartend", "kann nicht gespeichert werden"},
			{"Unsinn", "status=nonsense", "kann nicht gespeichert werden"},
			{"Kaputt", "%zz", "kann nicht gespeichert werden"},
		} {
			r := save(tc.name, tc.query)
			if r.status != 422 || !strings.Contains(errorSummary(r.body), tc.want) {
				t.Errorf("save %q %q: %d %s", tc.name, tc.query, r.status, errorSummary(r.body))
				continue
			}
			if !strings.Contains(r.body, `href="#filtername"`) || !strings.Contains(r.body, `aria-invalid="true"`) {
				t.Errorf("save %q: the message does not lead to the field", tc.name)
			}
			h.checkHTML(r, "de")
		}
		// A failed save keeps the view it was sent from.
		if r := save("", "ansicht=wartend"); !strings.Contains(r.body, `<option value="wartend" selected>`) {
			t.Error("the failed save lost the current view")
		}
		// Nobody else sees or deletes it.
		lead, potsdam := h.client(), h.client()
		signIn(h, lead, "leitung@bonn.example", testPassword)
		signIn(h, potsdam, "sachbearbeitung@potsdam.example", testPassword)
		for _, other := range []struct {
			who  string
			resp func(path string) response
		}{
			{"Bonn's team lead", func(p string) response { return h.do(lead, "POST", p, url.Values{}, nil) }},
			{"Potsdam", func(p string) response { return h.do(potsdam, "POST", p, url.Values{}, nil) }},
		} {
			if r := other.resp(del[1]); r.status != 404 {
				t.Errorf("%s deletes the filter: %d", other.who, r.status)
			}
			if r := h.get(map[string]*http.Client{"Bonn's team lead": lead, "Potsdam": potsdam}[other.who], del[1]); r.status != 404 {
				t.Errorf("%s sees the confirmation: %d", other.who, r.status)
			}
		}
		const link = ">Überfällige Einbürgerungen</a>"
		if r := h.get(lead, "/arbeitsplatz/eingang"); strings.Contains(r.body, link) {
			t.Error("the team lead sees the caseworker's filter")
		}
		if r := h.get(potsdam, "/arbeitsplatz/eingang"); strings.Contains(r.body, link) {
			t.Error("Potsdam sees Bonn's filter")
		}
		if r := h.do(sb, "POST", "/arbeitsplatz/filter/kein-uuid/loeschen", url.Values{}, nil); r.status != 404 {
			t.Errorf("delete with a bad id: %d", r.status)
		}
		// The owner deletes it and returns to the view the form was on.
		r = h.do(sb, "POST", del[1], url.Values{"query": {"ansicht=wartend"}}, nil)
		if r.status != 303 || r.header.Get("Location") != "/arbeitsplatz/eingang?ansicht=wartend" {
			t.Fatalf("delete: %d %s", r.status, r.header.Get("Location"))
		}
		if after := h.get(sb, "/arbeitsplatz/eingang"); strings.Contains(after.body, link) || !strings.Contains(after.body, "Der Filter ist gelöscht.") {
			t.Fatal("the filter is still listed, or no confirmation")
		}
		if r := h.do(sb, "POST", del[1], url.Values{}, nil); r.status != 404 {
			t.Fatalf("second delete: %d", r.status)
		}
		// The address a failed save leaves behind (and its language
		// switch) leads back to the inbox.
		if r := h.get(sb, "/arbeitsplatz/filter?lang=en"); r.status != 303 || r.header.Get("Location") != "/arbeitsplatz/eingang?lang=en" {
			t.Errorf("GET of the form's address: %d %s", r.status, r.header.Get("Location"))
		}
	})
}

// At most 20 filters per person: the 21st is refused with a message.
func TestSavedFilterLimit(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		h := newHarness(t, db)
		me := staffID(t, h, "sachbearbeitung@bonn.example")
		store := sqlstore.NewSavedFilterStore(db)
		for i := range smd.SavedFiltersPerUser {
			if err := store.AddSavedFilter(context.Background(), &smd.SavedFilter{AuthorityID: bonn(t, h).ID, UserID: me,
				Name: fmt.Sprintf("Filter %02d", i), Query: "ansicht=wartend"}); err != nil {
				t.Fatal(err)
			}
		}
		sb := h.client()
		signIn(h, sb, "sachbearbeitung@bonn.example", testPassword)
		r := h.do(sb, "POST", "/arbeitsplatz/filter", url.Values{"filtername": {"Noch einer"}, "query": {""}}, nil)
		if r.status != 422 || !strings.Contains(errorSummary(r.body), "schon 20 Filter gespeichert") {
			t.Fatalf("21st filter: %d %s", r.status, errorSummary(r.body))
		}
		if n := len(deleteFilterRe.FindAllString(r.body, -1)); n != smd.SavedFiltersPerUser {
			t.Fatalf("%d delete links", n)
		}
		h.checkHTML(r, "de")
	})
}
