// Package doccheck examines an uploaded document the way a careful
// caseworker's assistant would, and only advises: what the file really is,
// whether it is safe to open (limits, PDF structure, active content, pixel
// budget, malware scan), its text (PDF text layer, OCR where installed),
// which category it belongs to and why, the MRZ it carries and whether the
// MRZ agrees with the application, and the facts a checklist can use
// (language level, salary, the name on a payslip). Every finding says what
// was found in words a caseworker understands; nothing here decides a case.
//
// The same Checker runs as a job for every upload and as `smd docs check`.
package doccheck

import (
	"context"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/smd-oss/smd/mrz"
)

func init() {
	// pdfcpu would otherwise create a configuration directory in the
	// user's home on first use; the checker never writes files.
	model.ConfigPath = "disable"
}

// Severity grades a finding: an error refuses the file, a warning asks the
// caseworker to look, info only explains.
type Severity string

const (
	Error   Severity = "error"
	Warning Severity = "warning"
	Info    Severity = "info"
)

// Finding is one observation about a file. Code is stable (tests, metrics,
// translations), Message is German for the caseworker.
type Finding struct {
	Code     string   `json:"code"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
}

// Report is the result of checking one file: the JSON of `smd docs check`
// (interfaces.md) plus what the workbench shows.
type Report struct {
	File       string      `json:"file"`
	MIME       string      `json:"mime"`
	Accepted   bool        `json:"accepted"`
	Category   string      `json:"category"`
	Confidence float64     `json:"confidence"`
	Findings   []Finding   `json:"findings"`
	MRZ        *mrz.Result `json:"mrz"`
	// Cues are what decided the category, for the explanation.
	Cues []string `json:"cues,omitempty"`
	// Pages is the page count of a PDF (1 for an image).
	Pages int `json:"pages,omitempty"`
	// TextSource says where the text came from: "pdf", "ocr" or "".
	TextSource string `json:"text_source,omitempty"`
	// Facts are values read from the content for the checklist.
	Facts *Facts `json:"facts,omitempty"`
	// Match is whom of the application an MRZ belongs to (CrossCheck).
	Match *PersonMatch `json:"match,omitempty"`
	// Text is the extracted text; not part of the command's output.
	Text string `json:"-"`
	// mrzCode is the document code of the MRZ found ("P", "AR", …).
	mrzCode string
}

// Facts are values the content checks read from a document.
type Facts struct {
	// LanguageLevel is the CEFR level a language certificate states ("B1").
	LanguageLevel string `json:"language_level,omitempty"`
	// AnnualSalaryEUR is the gross annual salary an employment contract states.
	AnnualSalaryEUR float64 `json:"annual_salary_eur,omitempty"`
	// SalaryBasis says how the annual salary was read: "annual",
	// "monthly×13", "hourly×39 h×52".
	SalaryBasis string `json:"salary_basis,omitempty"`
	// TestPoints is the score of an Einbürgerungstest certificate (of 33).
	TestPoints int `json:"test_points,omitempty"`
	// Names are person names found next to name labels (payslips, certificates).
	Names []string `json:"names,omitempty"`
}

func (r *Report) add(code string, sev Severity, msg string) {
	r.Findings = append(r.Findings, Finding{Code: code, Severity: sev, Message: msg})
	if sev == Error {
		r.Accepted = false
	}
}

// Has reports whether the report has a finding with this code.
func (r *Report) Has(code string) bool {
	for _, f := range r.Findings {
		if f.Code == code {
			return true
		}
	}
	return false
}

// Limits bound what the checker accepts and how much work a file may cost.
type Limits struct {
	// MaxBytes is the largest file.
	MaxBytes int64
	// MaxPages is the most pages a PDF may have.
	MaxPages int
	// MaxPixels bounds width × height of an image, MaxSide each side, both
	// checked from the header before anything is decoded.
	MaxPixels int
	MaxSide   int
	// MaxInflated bounds the decompressed size of all streams of a PDF
	// together (a decompression bomb stops there).
	MaxInflated int64
	// TextPages is how many pages the text is read from.
	TextPages int
	// Timeout bounds one check.
	Timeout time.Duration
}

// DefaultLimits suit scans and photos of documents: 10 MB, 100 pages,
// 40 megapixels with no side over 12,000 pixels, 200 MB of inflated PDF
// streams, text from the first 20 pages, 5 s.
var DefaultLimits = Limits{MaxBytes: 10 << 20, MaxPages: 100, MaxPixels: 40_000_000, MaxSide: 12_000,
	MaxInflated: 200 << 20, TextPages: 20, Timeout: 5 * time.Second}

// Scanner is a malware scanner (clamd). Scan reports the signature found,
// "" when the file is clean; an error when it could not scan.
type Scanner interface {
	Scan(ctx context.Context, content []byte) (signature string, err error)
}

// OCR reads text from an image; nil where no OCR engine is installed.
type OCR interface {
	Text(ctx context.Context, image []byte) (string, error)
}

// Checker runs the checks. The zero value is not usable: set Limits (or
// use New).
type Checker struct {
	Limits  Limits
	Scanner Scanner
	OCR     OCR
	// Now is the clock for expiry checks.
	Now func() time.Time
}

func (c *Checker) now() time.Time {
	if c.Now == nil {
		return time.Now()
	}
	return c.Now()
}

// New returns a checker with the default limits, no scanner and no OCR.
func New() *Checker { return &Checker{Limits: DefaultLimits, Now: time.Now} }
