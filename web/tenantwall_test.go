package web_test

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/smd-oss/smd/internal/dbtest"
	"github.com/smd-oss/smd/sqlstore"
	"github.com/smd-oss/smd/web"
)

// Tenants are walls: a team lead of Potsdam — the role with the most
// rights on cases — gets 404 for every route of a Bonn case, with the real
// case and document ids and a plausible form, whatever state the case is
// in. The route list comes from the server's own table, so a new route is
// covered the day it is added. Nothing of the Bonn case changes.
func TestPotsdamGets404ForEveryBonnCaseRoute(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		cc := newClaimedCase(t, db)
		h, caseID, page, sb := cc.h, cc.caseID, cc.page, cc.sb
		body := h.get(sb, page).body
		doc := regexp.MustCompile(`/dokumente/([0-9a-f-]{36})"`).FindStringSubmatch(body)
		if doc == nil {
			t.Fatal("no document on the Bonn case")
		}
		version := strconv.Itoa(pageVersion(t, body))
		routes := h.handler.(*web.Server).CaseRouteList()
		if len(routes) < 15 {
			t.Fatalf("only %d case routes", len(routes))
		}
		lead := h.client()
		signIn(h, lead, "leitung@potsdam.example", testPassword)
		form := url.Values{"version": {version}, "basis": {"stag10"}, "item": {"NAT-03"}, "decision": {"confirm"}, "ergebnis": {"granted"},
			"begruendung_entscheidung": {"x"}, "freigabe": {"approve"}, "gebuehr": {"suggested"}, "aufgabe": {"originals_inspected"},
			"grund": {"x"}, "text": {"x"}, "dokument": {"doc.passport"}, "to": {"00000000-0000-0000-0000-000000000000"}}
		for _, r := range routes {
			path := strings.NewReplacer("{case}", caseID, "{doc}", doc[1]).Replace(r[1])
			var res response
			if r[0] == "GET" {
				res = h.get(lead, path)
			} else {
				res = h.do(lead, r[0], path, form, nil)
			}
			if res.status != 404 {
				t.Errorf("Potsdam %s %s: %d", r[0], path, res.status)
			}
		}
		after := h.get(sb, page)
		if pageVersion(t, after.body) != pageVersion(t, body) {
			t.Error("a Potsdam request changed the Bonn case")
		}
	})
}
