package apply

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"github.com/smd-oss/smd/form"
	"github.com/smd-oss/smd/quickcheck"
	"github.com/smd-oss/smd/rules"
)

// Requirements are what follows from the law for this application, as the
// rules engine says: the documents to upload and the expected fees.
type Requirements struct {
	// Documents are message keys "doc.…", in the rules engine's order.
	Documents []string
	Fees      []rules.Fee
}

// Requirements evaluates the draft's answers (and the Quick-Check answers
// it brought along) with the rules engine. Facts the engine refuses are
// left out rather than failing the page: the list then errs on the side of
// asking for more.
func (s *Service) Requirements(d *Draft) Requirements {
	res := s.Assess(d.Form, &d.Data.Answers, d.Data.Facts)
	if res == nil {
		return Requirements{}
	}
	return Requirements{Documents: res.Documents, Fees: res.Fees}
}

// Assess runs the rules engine on answers (and Quick-Check facts brought
// along) as of today: the checklist of the workbench starts from its
// criteria. Facts the engine refuses are left out; nil when nothing can
// be assessed.
func (s *Service) Assess(def *form.Definition, a *form.Answers, extra map[string]json.RawMessage) *rules.Result {
	facts := map[string]json.RawMessage{}
	for k, v := range extra {
		facts[k] = v
	}
	for k, v := range answerFacts(def, a) {
		facts[k] = v
	}
	today := rules.DateOf(s.Now())
	for range 3 {
		body, _ := json.Marshal(map[string]any{"service": def.Service, "facts": facts})
		req, err := quickcheck.Parse(bytes.NewReader(body), today)
		var inv *quickcheck.Invalid
		if errors.As(err, &inv) {
			for _, fe := range inv.Errors {
				name, _, _ := strings.Cut(strings.TrimPrefix(fe.Field, "facts."), ".")
				delete(facts, name)
			}
			continue
		}
		if err != nil {
			return nil
		}
		return quickcheck.Run(s.Law, req)
	}
	return nil
}

// answerFacts maps the answers to rules facts by the definition.
func answerFacts(def *form.Definition, a *form.Answers) map[string]json.RawMessage {
	out := map[string]json.RawMessage{}
	for _, fact := range def.Facts {
		v := a.Values[fact.Field]
		if v == "" {
			continue
		}
		var x any
		if fact.Map != nil {
			mv, ok := fact.Map[v]
			if !ok {
				continue
			}
			x = mv
		} else {
			switch def.Field(fact.Field).Type {
			case form.YesNo:
				x = v == "yes"
			case form.Number, form.Money:
				f, err := strconv.ParseFloat(v, 64)
				if err != nil {
					continue
				}
				x = f
			default:
				x = v
			}
		}
		b, _ := json.Marshal(x)
		out[fact.Name] = b
	}
	return out
}
