package web

import (
	"html/template"
	"net/http"
	"strings"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/quickcheck"
	"github.com/smd-oss/smd/rules"
)

type feeLine struct{ Item, Amount string }

type infoPage struct {
	Frame
	Service    string
	Content    template.HTML
	QuickCheck string
	Fees       []feeLine
	FeesSource string
	PostalCode Field
	Searched   bool
	Found      *authorityContact
	NoneText   string
}

// info is the information page of a service (C1): who it is for, the
// requirements, documents and steps (content/<lang>/info-<service>.html),
// the fees from the rules data of today, and the responsible authority
// found by postal code.
func (s *Server) info(svc smd.Service) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p := &infoPage{Frame: s.frame(r, "service."+string(svc)), Service: string(svc), QuickCheck: qcBase(svc)}
		p.Content = s.content.pages["info-"+string(svc)][p.Lang.Code]
		today := rules.DateOf(nowFunc())
		p.FeesSource = p.TD("info.fees_source", map[string]string{"Date": quickcheck.FormatDate(today, p.Lang.Code)})
		fees, _ := s.Law.ServiceFees(string(svc), today)
		for _, f := range fees {
			p.Fees = append(p.Fees, feeLine{Item: p.T(f.Item.Key), Amount: quickcheck.FormatAmount(f.Amount, p.Lang.Code)})
		}
		p.PostalCode = p.field("plz", "text", "info.postal_code")
		p.PostalCode.Hint, p.PostalCode.Autocomplete = p.T("info.postal_hint"), "postal-code"
		if r.URL.Query().Has("plz") {
			p.Searched = true
			pc := strings.NewReplacer(" ", "", "-", "").Replace(r.URL.Query().Get("plz"))
			p.PostalCode.Value = r.URL.Query().Get("plz")
			if len(pc) != 5 || strings.Trim(pc, "0123456789") != "" {
				p.fail(&p.PostalCode, "info.err.postal")
			} else {
				a, err := s.Authorities.AuthorityFor(r.Context(), pc, svc)
				switch {
				case smd.ErrorCode(err) == smd.ENOTFOUND:
					p.NoneText = p.TD("info.none", map[string]string{"PostalCode": pc})
				case err != nil:
					s.handleError(w, r, err)
					return
				default:
					p.Found = &authorityContact{Slug: a.Slug, Name: a.Name, Email: a.Email, Phone: a.Phone, Address: a.Address}
				}
			}
		}
		s.render(w, r, http.StatusOK, "info", p)
	}
}
