package quickcheck

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/smd-oss/smd/rules"
)

// Translator says a message key in a language (i18n.Catalog does).
type Translator interface {
	T(lang, key string, data ...any) string
}

// Response is the JSON answer of interfaces.md.
type Response struct {
	Service              string            `json:"service"`
	AssessmentDate       string            `json:"assessment_date"`
	Outcome              string            `json:"outcome"`
	Criteria             []CriterionJSON   `json:"criteria"`
	EarliestEligibleDate *string           `json:"earliest_eligible_date"`
	Fees                 []FeeJSON         `json:"fees"`
	Documents            []string          `json:"documents"`
	Notices              []string          `json:"notices"`
	Titles               []TitleJSON       `json:"titles,omitempty"`
	Chancenkarte         *ChancenkarteJSON `json:"chancenkarte,omitempty"`
	Creditworthiness     *CreditworthyJSON `json:"creditworthiness,omitempty"`
}

// CriterionJSON is one criterion.
type CriterionJSON struct {
	ID          string `json:"id"`
	Status      string `json:"status"`
	LegalBasis  string `json:"legal_basis"`
	Explanation string `json:"explanation"`
}

// FeeJSON is one fee.
type FeeJSON struct {
	Item      string  `json:"item"`
	AmountEUR float64 `json:"amount_eur"`
}

// TitleJSON is one candidate residence title.
type TitleJSON struct {
	Title              string   `json:"title"`
	Status             string   `json:"status"`
	BAConsentRequired  bool     `json:"ba_consent_required"`
	SalaryThresholdEUR *float64 `json:"salary_threshold_eur"`
	FeeEUR             float64  `json:"fee_eur"`
	Explanation        string   `json:"explanation"`
}

// ChancenkarteJSON is the points breakdown.
type ChancenkarteJSON struct {
	Points    int             `json:"points"`
	Breakdown []PointItemJSON `json:"breakdown"`
}

// PointItemJSON is one line of the breakdown.
type PointItemJSON struct {
	Criterion string `json:"criterion"`
	Points    int    `json:"points"`
}

// CreditworthyJSON is the creditworthiness block.
type CreditworthyJSON struct {
	GarnishableIncomeEUR float64  `json:"garnishable_income_eur"`
	RequiredEUR          *float64 `json:"required_eur"`
}

// Run evaluates a parsed request.
func Run(law *rules.Law, req *Request) *rules.Result {
	switch req.Service {
	case "einbuergerung":
		return law.Naturalisation(req.Nat, req.Date)
	case "aufenthaltstitel":
		return law.Employment(req.Emp, req.Date)
	default:
		return law.Obligation(req.VE, req.Date, rules.VEOptions{})
	}
}

// Build turns a result into the response in lang.
func Build(service string, res *rules.Result, tr Translator, lang string) *Response {
	say := func(r rules.Reason) string { return tr.T(lang, r.Key, localArgs(r.Args, lang)) }
	out := &Response{
		Service: service, AssessmentDate: res.Date.String(), Outcome: string(res.Outcome),
		Criteria: []CriterionJSON{}, Fees: []FeeJSON{}, Documents: []string{}, Notices: []string{},
	}
	for _, c := range res.Criteria {
		out.Criteria = append(out.Criteria, CriterionJSON{ID: c.ID, Status: string(c.Status), LegalBasis: c.LegalBasis, Explanation: say(c.Reason)})
	}
	if !res.Earliest.IsZero() {
		s := res.Earliest.String()
		out.EarliestEligibleDate = &s
	}
	for _, f := range res.Fees {
		out.Fees = append(out.Fees, FeeJSON{Item: say(f.Item), AmountEUR: f.Amount})
	}
	for _, d := range res.Documents {
		out.Documents = append(out.Documents, tr.T(lang, d))
	}
	for _, n := range res.Notices {
		out.Notices = append(out.Notices, say(n))
	}
	for _, t := range res.Titles {
		out.Titles = append(out.Titles, TitleJSON{Title: t.Title, Status: string(t.Status), BAConsentRequired: t.BAConsent,
			SalaryThresholdEUR: t.SalaryThreshold, FeeEUR: t.Fee, Explanation: say(t.Reason)})
	}
	if p := res.Chancenkarte; p != nil {
		ck := &ChancenkarteJSON{Points: p.Total, Breakdown: []PointItemJSON{}}
		for _, it := range p.Breakdown {
			ck.Breakdown = append(ck.Breakdown, PointItemJSON{Criterion: tr.T(lang, it.Criterion), Points: it.Points})
		}
		out.Chancenkarte = ck
	}
	if c := res.Creditworthiness; c != nil {
		out.Creditworthiness = &CreditworthyJSON{GarnishableIncomeEUR: c.Garnishable, RequiredEUR: c.Required}
	}
	return out
}

// localArgs formats amounts and dates the way readers of lang expect
// (45.934,20 and 01.03.2028 in German).
func localArgs(args map[string]any, lang string) map[string]any {
	if args == nil {
		return nil
	}
	out := make(map[string]any, len(args))
	for k, v := range args {
		switch x := v.(type) {
		case float64:
			out[k] = FormatAmount(x, lang)
		case string:
			if d, err := rules.ParseDate(x); err == nil {
				out[k] = FormatDate(d, lang)
			} else {
				out[k] = x
			}
		default:
			out[k] = v
		}
	}
	return out
}

// FormatAmount writes an amount with the separators of lang and cents only
// when there are any.
func FormatAmount(x float64, lang string) string {
	s := strconv.FormatFloat(x, 'f', 2, 64)
	s = strings.TrimSuffix(s, ".00")
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteString(groupSep(lang))
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteString(decimalSep(lang))
		b.WriteString(frac)
	}
	return b.String()
}

func groupSep(lang string) string {
	switch lang {
	case "en", "ar":
		return ","
	case "uk":
		return "\u00a0"
	}
	return "."
}

func decimalSep(lang string) string {
	if lang == "en" || lang == "ar" {
		return "."
	}
	return ","
}

// FormatDate writes a date as readers of lang expect.
func FormatDate(d rules.Date, lang string) string {
	s := d.String()
	switch lang {
	case "en", "ar":
		return s
	}
	return fmt.Sprintf("%s.%s.%s", s[8:10], s[5:7], s[0:4])
}
