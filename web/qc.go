package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/form"
	"github.com/smd-oss/smd/quickcheck"
	"github.com/smd-oss/smd/rules"
)

// nowFunc is the clock of the Quick-Check pages (today's date decides).
var nowFunc = time.Now

// The Quick-Check pages: a start page, one question per page, exit pages
// and a result page. Answers live in the server-side session, so they
// survive a language switch, the back button and a reload; nothing is
// stored in the database. The result comes from the same rules and the
// same request contract as the JSON API.

func qcBase(svc smd.Service) string { return "/" + string(svc) + "/quick-check" }

func (s *Server) qcAnswers(r *http.Request, svc smd.Service) qcAnswers {
	a := qcAnswers{}
	if raw := s.sessionString(r, "qc."+string(svc)); raw != "" {
		_ = json.Unmarshal([]byte(raw), &a)
	}
	return a
}

func (s *Server) saveAnswers(r *http.Request, svc smd.Service, a qcAnswers) {
	b, _ := json.Marshal(a)
	s.sessions.Put(r.Context(), "qc."+string(svc), string(b))
}

// asked returns the questions that matter for the answers.
func asked(svc smd.Service, a qcAnswers) []qcQuestion {
	var list []qcQuestion
	for _, q := range qcServices[svc] {
		if q.Ask == nil || q.Ask(a) {
			list = append(list, q)
		}
	}
	return list
}

func findQuestion(svc smd.Service, id string) (qcQuestion, bool) {
	for _, q := range qcServices[svc] {
		if q.ID == id {
			return q, true
		}
	}
	return qcQuestion{}, false
}

// next returns the address after question id: the next question that
// matters, or the result.
func next(svc smd.Service, a qcAnswers, id string) string {
	list := asked(svc, a)
	for i, q := range list {
		if q.ID == id && i+1 < len(list) {
			return qcBase(svc) + "/" + list[i+1].ID
		}
	}
	return qcBase(svc) + "/ergebnis"
}

// previous returns the back link of question id.
func previous(svc smd.Service, a qcAnswers, id string) string {
	list := asked(svc, a)
	for i, q := range list {
		if q.ID == id && i > 0 {
			return qcBase(svc) + "/" + list[i-1].ID
		}
	}
	return qcBase(svc)
}

type qcStartPage struct {
	Frame
	Service, First string
	Lead           string
}

func (s *Server) qcStart(svc smd.Service) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p := &qcStartPage{Frame: s.frame(r, "qcp."+string(svc)+".title"), Service: string(svc),
			First: qcBase(svc) + "/" + qcServices[svc][0].ID}
		p.Lead = p.T("qcp." + string(svc) + ".lead")
		s.render(w, r, http.StatusOK, "qc_start", p)
	}
}

type qcOptionView struct {
	ID, Value, Label string
	Checked          bool
}

type qcQuestionPage struct {
	Frame
	Caption, Hint, Back, Action string
	Q                           qcQuestion
	Options                     []qcOptionView
	Value                       string
	Day, Month, Year            string
	Error                       string
	Step, Steps                 int
}

func (s *Server) qcQuestionPage(r *http.Request, svc smd.Service, q qcQuestion, a qcAnswers) *qcQuestionPage {
	key := "qcp." + string(svc) + "." + q.ID
	p := &qcQuestionPage{Frame: s.frame(r, key), Q: q, Back: previous(svc, a, q.ID), Action: qcBase(svc) + "/" + q.ID}
	p.Caption = p.T("qcp." + string(svc) + ".title")
	if h := p.T(key + ".hint"); h != key+".hint" {
		p.Hint = h
	}
	list := asked(svc, a)
	p.Steps = len(list)
	for i, x := range list {
		if x.ID == q.ID {
			p.Step = i + 1
		}
	}
	p.Value = a[q.ID]
	if q.Kind == qcDate && len(p.Value) == 10 {
		p.Year, p.Month, p.Day = p.Value[0:4], strings.TrimLeft(p.Value[5:7], "0"), strings.TrimLeft(p.Value[8:10], "0")
	}
	for i, o := range q.Options {
		p.Options = append(p.Options, qcOptionView{ID: fmt.Sprintf("%s-%d", q.ID, i), Value: o.Value,
			Label: p.T(key + "." + o.Value), Checked: o.Value == p.Value})
	}
	if len(p.Options) > 0 {
		p.Options[0].ID = q.ID // the error summary links to the first option
	}
	return p
}

func (s *Server) qcQuestion(svc smd.Service) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q, ok := findQuestion(svc, r.PathValue("question"))
		if !ok {
			s.notFound(w, r)
			return
		}
		s.render(w, r, http.StatusOK, "qc_question", s.qcQuestionPage(r, svc, q, s.qcAnswers(r, svc)))
	}
}

// qcAnswer validates one answer; invalid input re-renders the question
// with the error, valid input moves on (post/redirect/get).
func (s *Server) qcAnswer(svc smd.Service) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q, ok := findQuestion(svc, r.PathValue("question"))
		if !ok {
			s.notFound(w, r)
			return
		}
		if err := r.ParseForm(); err != nil {
			s.handleError(w, r, err)
			return
		}
		a := s.qcAnswers(r, svc)
		p := s.qcQuestionPage(r, svc, q, a)
		value, errKey := qcValidate(q, r, p)
		if errKey != "" {
			p.Error = p.T(errKey)
			p.Errors = []FormError{{Field: q.ID, Message: p.Error}}
			if q.Kind == qcDate {
				p.Errors[0].Field = q.ID + "-tag"
			}
			s.render(w, r, http.StatusUnprocessableEntity, "qc_question", p)
			return
		}
		a[q.ID] = value
		s.saveAnswers(r, svc, a)
		for _, o := range q.Options {
			if o.Value == value && o.Exit != "" {
				redirect(w, r, qcBase(svc)+"/hinweis/"+o.Exit+"?frage="+q.ID)
				return
			}
		}
		redirect(w, r, next(svc, a, q.ID))
	}
}

// qcValidate reads the answer of q from the form and keeps what was typed
// on the page for a re-render. It returns the stored value or an error key.
func qcValidate(q qcQuestion, r *http.Request, p *qcQuestionPage) (string, string) {
	switch q.Kind {
	case qcRadio:
		v := r.PostForm.Get(q.ID)
		for i := range p.Options {
			p.Options[i].Checked = p.Options[i].Value == v
			if p.Options[i].Value == v {
				return v, ""
			}
		}
		return "", "qcp.err.choose"
	case qcDate:
		p.Day, p.Month, p.Year = strings.TrimSpace(r.PostForm.Get(q.ID+"-tag")), strings.TrimSpace(r.PostForm.Get(q.ID+"-monat")), strings.TrimSpace(r.PostForm.Get(q.ID+"-jahr"))
		if p.Day == "" && p.Month == "" && p.Year == "" {
			return "", "qcp.err.date_missing"
		}
		d, errD := strconv.Atoi(p.Day)
		m, errM := strconv.Atoi(p.Month)
		y, errY := strconv.Atoi(p.Year)
		if errD != nil || errM != nil || errY != nil || y < 1900 {
			return "", "qcp.err.date_invalid"
		}
		date, err := rules.ParseDate(fmt.Sprintf("%04d-%02d-%02d", y, m, d))
		if err != nil {
			return "", "qcp.err.date_invalid"
		}
		if date.After(rules.DateOf(nowFunc())) {
			return "", "qcp.err.date_future"
		}
		return date.String(), ""
	case qcNumber:
		raw := strings.TrimSpace(r.PostForm.Get(q.ID))
		p.Value = raw
		clean := strings.NewReplacer(" ", "", "\u00a0", "", "€", "", "EUR", "").Replace(raw)
		// German writes 45.000,50; accept both separators, as people type them.
		if strings.Contains(clean, ",") {
			clean = strings.ReplaceAll(clean, ".", "")
			clean = strings.Replace(clean, ",", ".", 1)
		} else if strings.Count(clean, ".") > 1 || (strings.Contains(clean, ".") && len(clean)-strings.LastIndex(clean, ".") == 4) {
			clean = strings.ReplaceAll(clean, ".", "")
		}
		if clean == "" {
			return "", "qcp.err.number_missing"
		}
		f, err := strconv.ParseFloat(clean, 64)
		if err != nil || (q.Integer && f != float64(int64(f))) {
			return "", "qcp.err.number"
		}
		if f < q.Min || f > q.Max {
			return "", "qcp.err.range"
		}
		return strconv.FormatFloat(f, 'f', -1, 64), ""
	default:
		v := strings.TrimSpace(r.PostForm.Get(q.ID))
		p.Value = v
		if v == "" {
			return "", "qcp.err.text_missing"
		}
		if utf8.RuneCountInString(v) > 40 || form.HasControl(v, false) {
			return "", "qcp.err.text_invalid"
		}
		if _, ok := rules.NormalizeSection(v); !ok {
			return "", "qcp.err.section"
		}
		return v, ""
	}
}

// qcFacts builds the JSON request of the asked questions' answers, so that
// the pages and the API share one contract and one validation.
func qcFacts(svc smd.Service, a qcAnswers) []byte {
	facts := map[string]any{}
	adults, minors := -1, -1
	for _, q := range asked(svc, a) {
		v, ok := a[q.ID]
		if !ok {
			continue
		}
		switch q.Kind {
		case qcRadio:
			for _, o := range q.Options {
				if o.Value == v {
					for k, x := range o.Facts {
						facts[k] = x
					}
				}
			}
		case qcNumber:
			f, _ := strconv.ParseFloat(v, 64)
			switch q.Fact {
			case "adult_guests":
				adults = int(f)
			case "minor_guests":
				minors = int(f)
			default:
				facts[q.Fact] = f
			}
		default:
			facts[q.Fact] = v
		}
	}
	if adults >= 0 || minors >= 0 {
		guests := []map[string]bool{}
		for range max(adults, 0) {
			guests = append(guests, map[string]bool{"minor": false})
		}
		for range max(minors, 0) {
			guests = append(guests, map[string]bool{"minor": true})
		}
		facts["guests"] = guests
	}
	b, _ := json.Marshal(map[string]any{"service": string(svc), "assessment_date": rules.DateOf(nowFunc()).String(), "facts": facts})
	return b
}

type qcCriterionView struct {
	ID, Status, StatusLabel, Badge, LegalBasis, Explanation string
}

type qcResultPage struct {
	Frame
	Service, Outcome, OutcomeText, Restart, ChangeFirst string
	Criteria                                            []qcCriterionView
	Titles                                              []quickcheck.TitleJSON
	Chancenkarte                                        *quickcheck.ChancenkarteJSON
	Credit                                              *quickcheck.CreditworthyJSON
	Earliest                                            string
	Fees                                                []quickcheck.FeeJSON
	Documents, Notices                                  []string
	// Apply is the address of the matching application; empty while the
	// application pages are not available.
	Apply string
}

// RequiredAmount formats the required garnishable income.
func (p *qcResultPage) RequiredAmount() string {
	if p.Credit == nil || p.Credit.RequiredEUR == nil {
		return ""
	}
	return p.Amount(*p.Credit.RequiredEUR)
}

// Amount formats an amount for the page's language.
func (p *qcResultPage) Amount(x float64) string { return quickcheck.FormatAmount(x, p.Lang.Code) }

func (s *Server) qcResult(svc smd.Service) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		a := s.qcAnswers(r, svc)
		p := &qcResultPage{Frame: s.frame(r, "qcp.result.title"), Service: string(svc),
			Restart: qcBase(svc) + "/neu", ChangeFirst: qcBase(svc) + "/" + qcServices[svc][0].ID}
		req, err := quickcheck.Parse(bytes.NewReader(qcFacts(svc, a)), rules.DateOf(nowFunc()))
		if err != nil {
			// Stored answers are validated when given; a failure here means
			// the rules changed under an old session: start again.
			s.sessions.Remove(r.Context(), "qc."+string(svc))
			redirect(w, r, qcBase(svc))
			return
		}
		res := quickcheck.Build(string(svc), quickcheck.Run(s.Law, req), s.Catalog, p.Lang.Code)
		p.Outcome = res.Outcome
		p.OutcomeText = p.T("qcp.result." + res.Outcome)
		for _, c := range res.Criteria {
			v := qcCriterionView{ID: c.ID, Status: c.Status, StatusLabel: p.T("qcp.status." + c.Status), LegalBasis: c.LegalBasis, Explanation: c.Explanation}
			v.Badge = map[string]string{"met": "kern-badge--success", "not_met": "kern-badge--danger", "unknown": "kern-badge--warning"}[c.Status]
			p.Criteria = append(p.Criteria, v)
		}
		if res.EarliestEligibleDate != nil {
			d, _ := rules.ParseDate(*res.EarliestEligibleDate)
			p.Earliest = quickcheck.FormatDate(d, p.Lang.Code)
		}
		p.Titles, p.Chancenkarte, p.Credit = res.Titles, res.Chancenkarte, res.Creditworthiness
		p.Fees, p.Documents, p.Notices = res.Fees, res.Documents, res.Notices
		if s.ApplicationsOpen {
			p.Apply = "/" + string(svc) + "/antrag"
		}
		s.render(w, r, http.StatusOK, "qc_result", p)
	}
}

// qcRestart forgets the answers of one service.
func (s *Server) qcRestart(svc smd.Service) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.sessions.Remove(r.Context(), "qc."+string(svc))
		redirect(w, r, qcBase(svc))
	}
}

type qcExitPage struct {
	Frame
	Text, Change, Continue string
}

// qcExit explains an answer that rules the service out for now, and offers
// to change the answer or to see the full result anyway.
func (s *Server) qcExit(svc smd.Service) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		exit := r.PathValue("exit")
		key := "qcp." + string(svc) + ".exit." + exit
		q, ok := findQuestion(svc, r.URL.Query().Get("frage"))
		p := &qcExitPage{Frame: s.frame(r, key+".title")}
		if !ok || p.Title == key+".title" {
			s.notFound(w, r)
			return
		}
		p.Text = p.T(key + ".text")
		p.Change = qcBase(svc) + "/" + q.ID
		p.Continue = next(svc, s.qcAnswers(r, svc), q.ID)
		s.render(w, r, http.StatusOK, "qc_exit", p)
	}
}
