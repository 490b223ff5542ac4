package web

import (
	"context"

	"github.com/smd-oss/smd/doccheck"
	"github.com/smd-oss/smd/upload"
)

// uploadRefusals group the check findings that refuse a file into what the
// applicant can do about it, each a message in the applicant's language.
var uploadRefusals = map[string]string{
	"pdf.encrypted":      "apply.docs.err.check.encrypted",
	"pdf.active_content": "apply.docs.err.check.active",
	"pdf.too_many_pages": "apply.docs.err.check.pages",
	"pdf.bomb":           "apply.docs.err.check.too_big",
	"image.too_large":    "apply.docs.err.check.too_big",
	"malware.found":      "apply.docs.err.check.malware",
}

// checkUpload runs the document checks on an upload that passed the gate,
// so that a file the caseworker could not open (encrypted, broken, active
// content, a bomb, malware) is refused at once with what to do, instead of
// surfacing weeks later in the workbench. It returns the message, "" when
// the file is fine or no checker is configured. The full check with the
// cross-check runs again as a job once the file is on a case.
func (s *Server) checkUpload(ctx context.Context, fr *Frame, f *upload.File) string {
	if s.Checker == nil {
		return ""
	}
	rep := s.Checker.Check(ctx, f.Name, f.Content)
	if rep.Accepted {
		return ""
	}
	for _, fd := range rep.Findings {
		if fd.Severity != doccheck.Error {
			continue
		}
		key, ok := uploadRefusals[fd.Code]
		if !ok {
			key = "apply.docs.err.check.unreadable"
		}
		return fr.TD(key, map[string]int{"Max": s.Checker.Limits.MaxPages})
	}
	return fr.T("apply.docs.err.check.unreadable")
}
