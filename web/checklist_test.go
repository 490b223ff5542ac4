package web_test

import (
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/smd-oss/smd/internal/dbtest"
	"github.com/smd-oss/smd/sqlstore"
)

// § 8 StAG has its own checklist from the law data: its items, not the
// § 10 criteria (no five years of residence); items the rules engine has
// a criterion for carry its pre-assessment, the others say they are not
// pre-assessed. Only an item of the checklist shown can be decided.
func TestChecklistOfTheLegalBasis(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		cc := newClaimedCase(t, db)
		h, page, sb := cc.h, cc.page, cc.sb
		v := func() string { return cc.version(t, sb) }
		if r := h.do(sb, "POST", page+"/rechtsgrundlage", url.Values{"version": {v()}, "basis": {"stag8"}}, nil); r.status != 303 {
			t.Fatalf("set § 8: %d", r.status)
		}
		body := h.get(sb, page).body
		items := regexp.MustCompile(`name="item" value="([^"]+)"`).FindAllStringSubmatch(body, -1)
		var ids []string
		for _, m := range items {
			if len(ids) == 0 || ids[len(ids)-1] != m[1] {
				ids = append(ids, m[1])
			}
		}
		want := "stag8-aufenthalt stag8-identitaet stag8-handlungsfaehigkeit stag8-straffreiheit stag8-wohnung stag8-unterhalt stag8-ausschluss stag8-ermessen"
		if strings.Join(ids, " ") != want {
			t.Fatalf("§ 8 checklist %v", ids)
		}
		for _, s := range []string{"Eigene Wohnung oder Unterkommen gefunden", "§ 8 Abs. 1 Nr. 3 StAG", "Keine Vorprüfung durch das Regelwerk"} {
			if !strings.Contains(body, s) {
				t.Errorf("the § 8 checklist lacks %q", s)
			}
		}
		// The identity item carries the engine's pre-assessment of NAT-03,
		// not the "not pre-assessed" text.
		identity := body[strings.Index(body, `id="check-stag8-identitaet"`):strings.Index(body, `id="check-stag8-handlungsfaehigkeit"`)]
		if strings.Contains(identity, "Keine Vorprüfung") {
			t.Error("the identity item is not pre-assessed by NAT-03")
		}
		h.checkHTML(h.get(sb, page), "de")
		for _, bad := range []string{"NAT-01", "stag10-x", ""} {
			if r := h.do(sb, "POST", page+"/pruefpunkt", url.Values{"version": {v()}, "item": {bad}, "decision": {"confirm"}}, nil); r.status != 400 {
				t.Errorf("item %q not on the checklist: %d", bad, r.status)
			}
		}
		if r := h.do(sb, "POST", page+"/pruefpunkt", url.Values{"version": {v()}, "item": {"stag8-wohnung"}, "decision": {"confirm"}}, nil); r.status != 303 {
			t.Fatalf("confirm an item of § 8: %d", r.status)
		}
		if !strings.Contains(h.get(sb, page).body, "Vorbewertung bestätigt am") {
			t.Fatal("the confirmation is not shown")
		}
	})
}
