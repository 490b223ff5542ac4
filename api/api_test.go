package api_test

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/smd-oss/smd/api"
	"github.com/smd-oss/smd/i18n"
	"github.com/smd-oss/smd/quickcheck"
	"github.com/smd-oss/smd/rules"
)

func server(t testing.TB) *httptest.Server {
	t.Helper()
	law, err := rules.Load()
	if err != nil {
		t.Fatal(err)
	}
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	s := api.New(&api.Server{Law: law, Catalog: cat, Now: func() time.Time { return time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC) },
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return srv
}

func post(t testing.TB, srv *httptest.Server, body, lang string) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest("POST", srv.URL+"/api/v1/quick-checks", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if lang != "" {
		req.Header.Set("Accept-Language", lang)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

func check(t *testing.T, srv *httptest.Server, body string) quickcheck.Response {
	t.Helper()
	status, b := post(t, srv, body, "")
	if status != 200 {
		t.Fatalf("status %d: %s", status, b)
	}
	var r quickcheck.Response
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	return r
}

func status(r quickcheck.Response, id string) string {
	for _, c := range r.Criteria {
		if c.ID == id {
			return c.Status
		}
	}
	return ""
}

// Facts of an applicant who meets everything but what a case varies.
const natAll = `"identity_document":"passport","commits_to_constitution":true,"residence_status":"niederlassungserlaubnis",
 "receives_benefits":false,"convictions":[],"german_level":"B1","citizenship_test_passed":true,"polygamy":false,"birth_date":"1985-03-01"`

// law-and-standards.md § 1.4 through the API.
func TestAPIVectorsConvictions(t *testing.T) {
	srv := server(t)
	for _, c := range []struct{ convictions, want string }{
		{`[{"type":"fine","daily_rates":60}]`, "met"},
		{`[{"type":"fine","daily_rates":60},{"type":"fine","daily_rates":40}]`, "not_met"},
		{`[{"type":"prison","months":2,"suspended":true,"remitted":true},{"type":"fine","daily_rates":30}]`, "met"},
		{`[{"type":"prison","months":3,"suspended":true,"remitted":false}]`, "not_met"},
		{`[{"type":"fine","daily_rates":40,"hate_motive":true}]`, "not_met"},
	} {
		r := check(t, srv, `{"service":"einbuergerung","facts":{"convictions":`+c.convictions+`}}`)
		if got := status(r, "NAT-08"); got != c.want {
			t.Errorf("%s: NAT-08 %s, want %s", c.convictions, got, c.want)
		}
	}
}

// § 2.4 through the API.
func TestAPIVectorsChancenkarte(t *testing.T) {
	srv := server(t)
	for _, c := range []struct {
		facts string
		want  int
	}{
		{`"birth_date":"1996-01-01","german_level":"B1","experience_years_last_7":5`, 7},
		{`"birth_date":"1989-01-01","german_level":"A2","english_level":"C1","experience_years_last_5":2`, 5},
		{`"birth_date":"1997-01-01","partial_recognition":true,"german_level":"A1"`, 6},
	} {
		r := check(t, srv, `{"service":"aufenthaltstitel","assessment_date":"2026-11-22","facts":{`+c.facts+`}}`)
		if r.Chancenkarte == nil || r.Chancenkarte.Points != c.want {
			t.Errorf("%s: %+v, want %d points", c.facts, r.Chancenkarte, c.want)
		}
	}
}

// § 3.2 and § 5.5 through the API.
func TestAPIVectorsCreditworthiness(t *testing.T) {
	srv := server(t)
	for _, c := range []struct {
		date        string
		net         float64
		deps        int
		guests      string
		garnishable float64
		required    float64
		ve07        string
	}{
		{"2024-04-15", 3280, 2, `[{"minor":false},{"minor":true}]`, 422.38, 422.25, "met"},
		{"2024-04-15", 3270, 2, `[{"minor":false},{"minor":true}]`, 418.38, 422.25, "not_met"},
		{"2025-09-01", 2000, 0, `[]`, 311.50, 0, "met"},
		{"2025-09-01", 3500, 2, `[]`, 413.49, 0, "met"},
	} {
		r := check(t, srv, fmt.Sprintf(`{"service":"verpflichtungserklaerung","assessment_date":%q,"facts":{"obligor_status":"german","monthly_net_income_eur":%v,"dependants":%d,"guests":%s}}`,
			c.date, c.net, c.deps, c.guests))
		cw := r.Creditworthiness
		if cw == nil || cw.GarnishableIncomeEUR != c.garnishable || cw.RequiredEUR == nil || *cw.RequiredEUR != c.required || status(r, "VE-07") != c.ve07 {
			t.Errorf("%v EUR on %s: %+v VE-07 %s", c.net, c.date, cw, status(r, "VE-07"))
		}
		if len(r.Fees) != 1 || r.Fees[0].AmountEUR != 29 {
			t.Errorf("fee %+v", r.Fees)
		}
	}
	// After 2026-06-30 the estimate is said, not hidden.
	r := check(t, srv, `{"service":"verpflichtungserklaerung","facts":{"obligor_status":"german","monthly_net_income_eur":3000,"dependants":0,"guests":[{}]}}`)
	if len(r.Notices) != 1 || !strings.Contains(r.Notices[0], "Schätzung") {
		t.Errorf("notices %v", r.Notices)
	}
}

// § 5.4 through the API.
func TestAPIVectorsBlueCard(t *testing.T) {
	srv := server(t)
	for _, c := range []struct {
		date, extra string
		threshold   float64
		ba          bool
	}{
		{"2025-06-01", `"annual_gross_salary_eur":48300`, 48300, false},
		{"2025-06-01", `"annual_gross_salary_eur":43759.80,"occupation_shortage":true`, 43759.80, true},
		{"2026-06-01", `"annual_gross_salary_eur":50700`, 50700, false},
		{"2026-06-01", `"annual_gross_salary_eur":45934.20,"occupation_shortage":true`, 45934.20, true},
	} {
		r := check(t, srv, fmt.Sprintf(`{"service":"aufenthaltstitel","assessment_date":%q,"facts":{"qualification":"german_degree","degree_awarded_on":"2010-01-01","job_offer":true,"birth_date":"1990-01-01",%s}}`, c.date, c.extra))
		var found bool
		for _, tt := range r.Titles {
			if tt.Title == "18g" {
				found = true
				if tt.Status != "met" || tt.SalaryThresholdEUR == nil || *tt.SalaryThresholdEUR != c.threshold || tt.BAConsentRequired != c.ba || tt.FeeEUR != 100 {
					t.Errorf("%s %s: %+v", c.date, c.extra, tt)
				}
			}
		}
		if !found || r.Outcome != "eligible" {
			t.Errorf("%s: no 18g or outcome %s", c.date, r.Outcome)
		}
	}
	// From 45 on, below 55 % of the BBG (2025: 53,130; 2026: 55,770) the salary alone is not enough.
	r := check(t, srv, `{"service":"aufenthaltstitel","assessment_date":"2026-06-01","facts":{"qualification":"german_degree","job_offer":true,"birth_date":"1970-01-01","annual_gross_salary_eur":55769}}`)
	for _, tt := range r.Titles {
		if tt.Title == "18g" && (tt.Status != "unknown" || !strings.Contains(tt.Explanation, "55.770")) {
			t.Errorf("45+: %+v", tt)
		}
	}
}

// § 5.6 through the API.
func TestAPIVectorsNaturalisationDates(t *testing.T) {
	srv := server(t)
	special := `"residence_since":"2022-05-15","special_integration":true,` + strings.Replace(natAll, `"german_level":"B1"`, `"german_level":"C1"`, 1)
	if r := check(t, srv, `{"service":"einbuergerung","assessment_date":"2025-09-15","facts":{`+special+`}}`); r.Outcome != "eligible" {
		t.Errorf("3-year route before its end: %s", r.Outcome)
	}
	r := check(t, srv, `{"service":"einbuergerung","assessment_date":"2025-11-03","facts":{`+special+`}}`)
	if r.Outcome != "not_yet" || r.EarliestEligibleDate == nil || *r.EarliestEligibleDate != "2027-05-15" {
		t.Errorf("3-year route after its end: %s %v", r.Outcome, r.EarliestEligibleDate)
	}
	spouse := `"residence_since":"2023-10-01","spouse_of_german":true,"marriage_since":"2024-08-01",` + natAll
	if r := check(t, srv, `{"service":"einbuergerung","assessment_date":"2026-11-01","facts":{`+spouse+`}}`); r.Outcome != "eligible" {
		t.Errorf("§ 9: %s", r.Outcome)
	}
	gw := `"residence_since":"1972-04-01","guest_worker":true,"receives_benefits":true,"oral_everyday_german":true,"german_level":"A2",
	 "identity_document":"passport","commits_to_constitution":true,"residence_status":"niederlassungserlaubnis","convictions":[],"polygamy":false,"birth_date":"1950-01-01"`
	r = check(t, srv, `{"service":"einbuergerung","facts":{`+gw+`}}`)
	if r.Outcome != "eligible" || status(r, "NAT-07") != "met" || status(r, "NAT-09") != "met" || status(r, "NAT-10") != "met" {
		t.Errorf("guest worker: %s %+v", r.Outcome, r.Criteria)
	}
	for months, want := range map[int]string{21: "met", 19: "not_met"} {
		f := fmt.Sprintf(`"residence_since":"2018-01-01","full_time_employed":true,"full_time_months_last_24":%d,`, months) +
			strings.Replace(natAll, `"receives_benefits":false`, `"receives_benefits":true`, 1)
		if got := status(check(t, srv, `{"service":"einbuergerung","facts":{`+f+`}}`), "NAT-07"); got != want {
			t.Errorf("%d of 24 months: %s, want %s", months, got, want)
		}
	}
}

func TestAPIExplainsInTheReadersLanguage(t *testing.T) {
	srv := server(t)
	body := `{"service":"einbuergerung","facts":{"polygamy":false}}`
	for lang, want := range map[string]string{"": "Sie sind nicht", "en": "You are not", "en-GB,en;q=0.9": "You are not"} {
		_, b := post(t, srv, body, lang)
		if !strings.Contains(string(b), want) {
			t.Errorf("Accept-Language %q: %s", lang, b)
		}
	}
	_, b := post(t, srv, body, "en")
	if !strings.Contains(string(b), `"id":"NAT-11"`) || !strings.Contains(string(b), `"status":"met"`) {
		t.Error("ids and enum values must not be translated")
	}
}

// Bad input gets a 400 problem document naming the field, never a 500.
func TestAPIBadInput(t *testing.T) {
	srv := server(t)
	cases := []struct {
		name, body, field string
	}{
		{"malformed JSON", `{"service":`, "body"},
		{"not an object", `[1,2]`, "body"},
		{"two objects", `{"service":"einbuergerung"} {}`, "body"},
		{"missing service", `{}`, "service"},
		{"unknown service", `{"service":"visum"}`, "service"},
		{"impossible date", `{"service":"einbuergerung","assessment_date":"2026-02-30"}`, "assessment_date"},
		{"date of wrong type", `{"service":"einbuergerung","facts":{"birth_date":19900101}}`, "facts.birth_date"},
		{"bool as string", `{"service":"einbuergerung","facts":{"polygamy":"no"}}`, "facts.polygamy"},
		{"unknown enum", `{"service":"einbuergerung","facts":{"residence_status":"tourist"}}`, "facts.residence_status"},
		{"unknown CEFR", `{"service":"einbuergerung","facts":{"german_level":"B3"}}`, "facts.german_level"},
		{"residence start in the future", `{"service":"einbuergerung","assessment_date":"2026-11-22","facts":{"residence_since":"2027-01-01"}}`, "facts.residence_since"},
		{"negative months", `{"service":"einbuergerung","facts":{"full_time_months_last_24":-3}}`, "facts.full_time_months_last_24"},
		{"fractional months", `{"service":"einbuergerung","facts":{"full_time_months_last_24":3.5}}`, "facts.full_time_months_last_24"},
		{"negative rates", `{"service":"einbuergerung","facts":{"convictions":[{"type":"fine","daily_rates":-1}]}}`, "facts.convictions[0].daily_rates"},
		{"conviction without type", `{"service":"einbuergerung","facts":{"convictions":[{"daily_rates":10}]}}`, "facts.convictions[0].type"},
		{"negative salary", `{"service":"aufenthaltstitel","facts":{"annual_gross_salary_eur":-50000}}`, "facts.annual_gross_salary_eur"},
		{"negative income", `{"service":"verpflichtungserklaerung","facts":{"monthly_net_income_eur":-1}}`, "facts.monthly_net_income_eur"},
		{"negative dependants", `{"service":"verpflichtungserklaerung","facts":{"dependants":-2}}`, "facts.dependants"},
		{"guests not a list", `{"service":"verpflichtungserklaerung","facts":{"guests":{"minor":true}}}`, "facts.guests"},
		{"unknown fact", `{"service":"verpflichtungserklaerung","facts":{"salary":1}}`, "facts.salary"},
		{"unknown top-level field", `{"service":"einbuergerung","fact":{}}`, "fact"},
		{"facts not an object", `{"service":"einbuergerung","facts":[]}`, "facts"},
		{"bad section", `{"service":"einbuergerung","facts":{"residence_permit_section":"abc"}}`, "facts.residence_permit_section"},
		{"1 MB body", `{"service":"einbuergerung","facts":{"x":"` + strings.Repeat("a", 1<<20) + `"}}`, "body"},
	}
	for _, c := range cases {
		code, b := post(t, srv, c.body, "")
		var p api.Problem
		if err := json.Unmarshal(b, &p); err != nil || code != 400 || p.Status != 400 || p.Type == "" || p.Title == "" {
			t.Errorf("%s: %d %s", c.name, code, b[:min(len(b), 200)])
			continue
		}
		found := false
		for _, f := range p.Errors {
			if f.Field == c.field && f.Message != "" {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: problem does not name %s: %+v", c.name, c.field, p.Errors)
		}
	}
	// All bad fields at once, not only the first.
	_, b := post(t, srv, `{"service":"einbuergerung","facts":{"polygamy":1,"german_level":"X","birth_date":"heute"}}`, "en")
	var p api.Problem
	_ = json.Unmarshal(b, &p)
	if len(p.Errors) != 3 || !strings.Contains(p.Errors[0].Message, "YYYY-MM-DD") {
		t.Errorf("several errors: %+v", p.Errors)
	}
	// A wrong media type is refused with a problem document too.
	req, _ := http.NewRequest("POST", srv.URL+"/api/v1/quick-checks", strings.NewReader(`{"service":"einbuergerung"}`))
	req.Header.Set("Content-Type", "text/plain")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 415 || resp.Header.Get("Content-Type") != "application/problem+json" {
		t.Errorf("text/plain: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
}

func FuzzQuickCheckParse(f *testing.F) {
	for _, s := range []string{`{"service":"einbuergerung","facts":{"convictions":[{"type":"fine","daily_rates":60}]}}`,
		`{"service":"verpflichtungserklaerung","facts":{"guests":[{"minor":true}],"monthly_net_income_eur":3000}}`,
		`{"service":"aufenthaltstitel","assessment_date":"2026-01-01","facts":{"birth_date":"1990-01-01","german_level":"B1"}}`, `{`, `null`} {
		f.Add(s)
	}
	law, err := rules.Load()
	if err != nil {
		f.Fatal(err)
	}
	cat, err := i18n.Load()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body string) {
		req, err := quickcheck.Parse(strings.NewReader(body), rules.MustDate("2026-11-22"))
		if err != nil {
			if _, ok := err.(*quickcheck.Invalid); !ok {
				t.Fatalf("error of type %T", err)
			}
			return
		}
		res := quickcheck.Build(string(req.Service), quickcheck.Run(law, req), cat, "de")
		if res.Outcome != "eligible" && res.Outcome != "not_yet" && res.Outcome != "review" {
			t.Fatalf("outcome %q", res.Outcome)
		}
	})
}
