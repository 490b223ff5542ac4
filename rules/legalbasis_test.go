package rules

import (
	"testing"
)

// Every checklist of a legal basis in the law data is well formed: ids
// unique within the basis, a title and a norm for each item, and every
// criterion it names is one its evaluation produces (here on empty facts,
// where each criterion is still reported, as unknown).
func TestLegalBasisChecklists(t *testing.T) {
	law, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	produced := map[string]map[string]bool{}
	d := MustDate("2026-11-28")
	for name, res := range map[string]*Result{
		"naturalisation": law.Naturalisation(NatFacts{}, d),
		"employment":     law.Employment(EmpFacts{}, d),
	} {
		produced[name] = map[string]bool{}
		for _, c := range res.Criteria {
			produced[name][c.ID] = true
		}
	}
	withList := 0
	for _, p := range law.LegalBases.Periods {
		for svc, bases := range p.Value {
			for _, b := range bases {
				if len(b.Checklist) > 0 {
					withList++
				}
				seen := map[string]bool{}
				for _, it := range b.Checklist {
					if it.ID == "" || it.Title == "" || it.Norm == "" || seen[it.ID] {
						t.Errorf("%s/%s: item %+v is incomplete or repeated", svc, b.ID, it)
					}
					seen[it.ID] = true
					if it.Criterion != "" && !produced[b.Evaluation][it.Criterion] {
						t.Errorf("%s/%s: item %s names criterion %s, which the %s evaluation does not produce", svc, b.ID, it.ID, it.Criterion, b.Evaluation)
					}
				}
			}
		}
	}
	if withList < 2 {
		t.Errorf("expected the own checklists of § 8 StAG and § 16b AufenthG, found %d", withList)
	}
}
