package apply

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/bundid"
	"github.com/smd-oss/smd/form"
)

// Sources are what is already known about the applicant when a draft
// starts.
type Sources struct {
	// Identity are the BundID attributes; they pre-fill every draft.
	Identity *bundid.Identity
	// Facts are the Quick-Check answers of the session (Kurzantrag only).
	Facts map[string]json.RawMessage
	// Lang is the page language.
	Lang string
}

// Start creates a draft for the owner. The BundID attributes pre-fill it;
// on the Kurzantrag (channel KURZ_ANTRAG) the Quick-Check answers and the
// owner's latest application fill what they can too, and every section
// that is then complete counts as done, so that only what is missing is
// asked. Errors: ENOTFOUND for a service without a form, EINVALID for
// another channel.
func (s *Service) Start(ctx context.Context, owner string, svc smd.Service, channel smd.Channel, src Sources) (*Draft, error) {
	def, err := s.form(svc)
	if err != nil {
		return nil, err
	}
	if channel != smd.ChannelOnline && channel != smd.ChannelKurzAntrag {
		return nil, smd.Errorf(smd.EINVALID, "Unbekannter Eingangsweg.")
	}
	data := Data{Channel: channel, Prefilled: map[string]string{}, Lang: src.Lang}
	data.Answers.Ensure()
	fill := func(id, v, source string) {
		f := def.Field(id)
		if f == nil || v == "" {
			return
		}
		// Only values the form itself would accept are taken over.
		if cv, e := f.Validate(f.RawOf(v), data.Answers.MainScope(), s.Now()); e == nil && cv != "" {
			data.Answers.Values[id] = cv
			data.Prefilled[id] = source
		}
	}
	if channel == smd.ChannelKurzAntrag {
		if earlier, err := s.latestAnswers(ctx, owner); err == nil && earlier != nil {
			for id, v := range earlier.Values {
				if personal(def, id) {
					fill(id, v, "earlier")
				}
			}
		}
		for _, fact := range def.Facts {
			if raw, ok := src.Facts[fact.Name]; ok {
				fill(fact.Field, factToValue(def.Field(fact.Field), fact, raw), "quickcheck")
			}
		}
		data.Facts = src.Facts
	}
	if id := src.Identity; id != nil {
		attrs := map[string]string{"given_name": id.GivenName, "surname": id.Surname, "birth_date": id.BirthDate,
			"birth_place": id.BirthPlace, "nationality": id.Nationality, "street": id.Address,
			"postal_code": id.PostalCode, "locality": id.Locality, "email": id.Email}
		for _, f := range def.Fields() {
			if f.Prefill != "" {
				fill(f.ID, attrs[f.Prefill], "bundid")
			}
		}
	}
	if channel == smd.ChannelKurzAntrag {
		for _, sec := range def.Sections {
			if sec.Kind == "" && sec.Visible(&data.Answers) && len(sec.Problems(&data.Answers, s.Now())) == 0 {
				data.Answers.Done[sec.ID] = true
			}
		}
	}
	d, err := s.Drafts.CreateDraft(ctx, owner, svc, s.expiry())
	if err != nil {
		return nil, err
	}
	raw, err := json.Marshal(data)
	if err != nil {
		return nil, err
	}
	saved, err := s.Drafts.SaveDraft(ctx, owner, d.ID, d.Version, raw, s.expiry())
	if err != nil {
		return nil, err
	}
	return s.decode(saved)
}

// personal reports whether a field describes the applicant's person or
// contact, the part an earlier application can give to a new one.
func personal(def *form.Definition, id string) bool {
	for _, sec := range []string{"person", "contact"} {
		if s := def.Section(sec); s != nil {
			for _, p := range s.Pages {
				for _, f := range p.Fields {
					if f.ID == id {
						return true
					}
				}
			}
		}
	}
	return false
}

// latestAnswers returns the answers of the owner's newest application.
func (s *Service) latestAnswers(ctx context.Context, owner string) (*form.Answers, error) {
	list, err := s.Applications.ListOwnerCases(ctx, owner)
	if err != nil || len(list) == 0 {
		return nil, err
	}
	c := list[0].Case
	a, err := s.Applications.ApplicationByCase(ctx, c.AuthorityID, c.ID)
	if err != nil {
		return nil, err
	}
	var sub Submitted
	if err := json.Unmarshal(a.Data, &sub); err != nil {
		return nil, err
	}
	return &sub.Answers, nil
}

// factToValue turns a Quick-Check fact back into a field value: through
// the fact's map where there is one, else by the field's type.
func factToValue(f *form.Field, fact form.Fact, raw json.RawMessage) string {
	var v any
	if json.Unmarshal(raw, &v) != nil || f == nil {
		return ""
	}
	if fact.Map != nil {
		// Only a value that maps back unambiguously is taken.
		match := ""
		for k, mv := range fact.Map {
			if mv == v {
				if match != "" {
					return ""
				}
				match = k
			}
		}
		return match
	}
	switch x := v.(type) {
	case bool:
		if x {
			return "yes"
		}
		return "no"
	case string:
		if f.Type == form.Date {
			if _, err := time.Parse(time.DateOnly, x); err != nil {
				return ""
			}
		}
		return strings.TrimSpace(x)
	case float64:
		return strings.TrimSuffix(strings.TrimSuffix(jsonNumber(x), ".00"), ".0")
	}
	return ""
}

func jsonNumber(x float64) string {
	b, _ := json.Marshal(x)
	return string(b)
}
