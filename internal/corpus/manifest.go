package corpus

import (
	"encoding/json"
	"fmt"
	"os"
)

// Categories are the document categories of interfaces.md ("Documents"),
// in its order.
var Categories = []string{"passport", "residence_permit", "birth_certificate", "marriage_certificate",
	"language_certificate", "citizenship_test_certificate", "payslip", "employment_contract",
	"rental_contract", "health_insurance", "degree", "other"}

// Met criteria: the checklist pre-fills a check can call "met", with the
// truth per document where the criterion applies.
const (
	MetLanguageB1      = "language_b1"      // German at B1 or above, passed
	MetSalaryThreshold = "salary_threshold" // annual gross at or above the Blue Card standard threshold
	MetPayslipName     = "payslip_name"     // the payslip is the applicant's
	MetCitizenshipTest = "citizenship_test" // Einbürgerungstest passed (17 of 33)
)

// Manifest is the ground truth of a corpus, written as truth.json.
type Manifest struct {
	Generator string `json:"generator"`
	Version   int    `json:"version"`
	Seed      uint64 `json:"seed"`
	Count     int    `json:"count"`
	// Today is the corpus's reference date: documents are dated before it,
	// expiry dates scatter around it.
	Today string `json:"today"`
	// Font is the TrueType file embedded in the gopdf documents; a
	// different font file gives different bytes for the same seed.
	Font       string `json:"font"`
	FontSHA256 string `json:"font_sha256"`
	// Documents by file name relative to the corpus directory.
	Documents map[string]*Entry `json:"documents"`
}

// Entry is the truth of one file.
type Entry struct {
	File      string `json:"file"`
	Format    string `json:"format"`   // pdf, png, jpeg, svg, zip, txt, bin: what the bytes are
	Producer  string `json:"producer"` // gopdf, raw-pdf, image, hostile
	TextLayer bool   `json:"text_layer"`
	Pages     int    `json:"pages,omitempty"`
	Category  string `json:"category"`
	Template  string `json:"template"`
	Language  string `json:"language"` // de, en, mixed, none
	Typos     bool   `json:"typos,omitempty"`

	// ExpectAccepted is false for files the pipeline must refuse (hostile,
	// not PDF/JPEG/PNG); ExpectedFindings then holds a finding of severity
	// "error". Finding codes are not fixed by the contract, so only the
	// severity is given.
	ExpectAccepted   bool              `json:"expect_accepted"`
	Hostile          string            `json:"hostile,omitempty"`
	Reason           string            `json:"reason,omitempty"`
	ExpectedFindings []ExpectedFinding `json:"expected_findings"`

	// Name is the holder's name as printed on the document; Holder the
	// person, Applicant the person the document was filed for.
	Name                 string  `json:"name,omitempty"`
	Holder               *Holder `json:"holder,omitempty"`
	Applicant            *Holder `json:"applicant,omitempty"`
	NameMatchesApplicant *bool   `json:"name_matches_applicant,omitempty"`

	// MRZ: the printed lines; MRZ is what `smd mrz` should print for them
	// (null when the lines are no well-formed TD1/TD3: truncated, wrong
	// length); MRZValid is null on documents without an MRZ.
	MRZLines  []string `json:"mrz_lines,omitempty"`
	MRZ       *MRZ     `json:"mrz"`
	MRZValid  *bool    `json:"mrz_valid"`
	MRZDefect string   `json:"mrz_defect,omitempty"` // check_digit:<field>, data, truncated, wrong_length
	Specimen  bool     `json:"specimen,omitempty"`   // a blacklisted specimen serial (§ 4.7)

	// Language certificates.
	LanguageLevel  string `json:"language_level,omitempty"` // CEFR level certified ("" when failed)
	TestedLanguage string `json:"tested_language,omitempty"`
	Exam           string `json:"exam,omitempty"`
	Passed         *bool  `json:"passed,omitempty"`

	// Citizenship test.
	TestPoints *int `json:"test_points,omitempty"` // of 33

	// Employment contracts: annual gross salary.
	SalaryEUR          *float64 `json:"salary_eur,omitempty"`
	SalaryThresholdEUR *float64 `json:"salary_threshold_eur,omitempty"`

	// Payslips.
	Month    string   `json:"month,omitempty"` // YYYY-MM
	GrossEUR *float64 `json:"gross_eur,omitempty"`
	NetEUR   *float64 `json:"net_eur,omitempty"`

	// Met is the truth of each checklist criterion the document bears on
	// (keys MetLanguageB1 …): true when a "met" pre-fill would be right.
	Met map[string]bool `json:"met,omitempty"`
}

// Holder identifies a person as the application would.
type Holder struct {
	Surname     string `json:"surname"`
	GivenNames  string `json:"given_names"`
	BirthDate   string `json:"birth_date"`
	Nationality string `json:"nationality"` // ISO 3166 alpha-3
}

func holderOf(p Person) *Holder {
	return &Holder{Surname: p.Surname, GivenNames: p.Given, BirthDate: isoDate(p.Birth), Nationality: p.Nat.ISO3()}
}

// ExpectedFinding is a finding the pipeline must report.
type ExpectedFinding struct {
	Code     string `json:"code,omitempty"`
	Severity string `json:"severity"`
}

// ManifestName is the file name of the truth inside a corpus directory.
const ManifestName = "truth.json"

// ReadManifest reads dir/truth.json.
func ReadManifest(dir string) (*Manifest, error) {
	b, err := os.ReadFile(dir + "/" + ManifestName)
	if err != nil {
		return nil, fmt.Errorf("corpus: %w (generate the corpus first: go run ./cmd/smdcorpus generate)", err)
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("corpus: %s: %w", ManifestName, err)
	}
	return &m, nil
}

func ptr[T any](v T) *T { return &v }
