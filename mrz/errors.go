package mrz

import (
	"fmt"

	"github.com/smd-oss/smd"
)

// Reasons why input is no MRZ; a page can turn them into a message in the
// reader's language.
const (
	ReasonLines        = "mrz.lines"         // not 2 or 3 lines
	ReasonLength       = "mrz.length"        // lines not of one ICAO length (30, 36, 44)
	ReasonCharacters   = "mrz.characters"    // a character outside A–Z, 0–9 and <
	ReasonDocumentCode = "mrz.document_code" // a first character ICAO does not allow for the format
	ReasonVisa         = "mrz.visa"          // a visa (MRV-A/MRV-B), whose layout is not parsed
)

// NotMRZ says why input is not a machine-readable zone. Detail is for
// people reading logs and the command line (English, with the line and
// position).
type NotMRZ struct {
	Reason string
	Detail string
}

func (e *NotMRZ) Error() string { return "not an MRZ: " + e.Detail }

// notMRZ is the EINVALID error Parse returns: the safe message is German,
// the wrapped *NotMRZ carries the reason.
func notMRZ(reason, format string, args ...any) error {
	return &smd.Error{
		Code:    smd.EINVALID,
		Message: "Das ist keine maschinenlesbare Zone (MRZ) eines Ausweisdokuments.",
		Err:     &NotMRZ{Reason: reason, Detail: fmt.Sprintf(format, args...)},
	}
}
