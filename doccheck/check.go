package doccheck

import (
	"context"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/gabriel-vasile/mimetype"
)

// allowed are the types a document may have, with the name endings that go
// with them.
var allowed = map[string][]string{
	"application/pdf": {".pdf"},
	"image/jpeg":      {".jpg", ".jpeg"},
	"image/png":       {".png"},
}

// Check examines one file. name is the name the sender gave (only its
// ending is compared with the content). It never fails: whatever goes
// wrong becomes a finding, and a file that could not be examined safely is
// not accepted.
func (c *Checker) Check(ctx context.Context, name string, content []byte) *Report {
	r := &Report{File: name, Accepted: true, Category: "other", Findings: []Finding{}}
	lim := c.Limits
	if lim.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, lim.Timeout)
		defer cancel()
	}
	if len(content) == 0 {
		r.add("file.empty", Error, "Die Datei ist leer.")
		return r
	}
	if lim.MaxBytes > 0 && int64(len(content)) > lim.MaxBytes {
		r.add("file.too_large", Error, "Die Datei ist größer als erlaubt.")
		return r
	}
	mt := mimetype.Detect(content)
	r.MIME = mt.String()
	kind := ""
	for m := mt; m != nil; m = m.Parent() {
		if _, ok := allowed[m.String()]; ok {
			kind = m.String()
			break
		}
	}
	if kind == "" {
		r.add("type.not_allowed", Error, "Die Datei ist weder PDF noch JPEG noch PNG (erkannt: "+mt.String()+"), was auch immer ihr Name sagt.")
		return r
	}
	r.MIME = kind
	if ext := strings.ToLower(path.Ext(name)); ext != "" && !slices.Contains(allowed[kind], ext) {
		r.add("type.mismatch", Error, "Der Dateiname endet auf "+ext+", der Inhalt ist aber "+kind+".")
		return r
	}
	c.scan(ctx, r, content)
	switch kind {
	case "application/pdf":
		c.checkPDF(ctx, r, content)
	default:
		c.checkImage(ctx, r, content)
	}
	if !r.Accepted {
		return r
	}
	c.analyseSafely(r)
	return r
}

// analyseSafely reads the text; a fault in reading it loses the advice,
// never the file or the job.
func (c *Checker) analyseSafely(r *Report) {
	defer func() {
		if p := recover(); p != nil {
			r.add("check.analysis_failed", Warning, fmt.Sprintf("Der Inhalt konnte nicht ausgewertet werden (%v).", p))
		}
	}()
	c.analyse(r)
}

// scan asks the malware scanner; without one the finding says so.
func (c *Checker) scan(ctx context.Context, r *Report, content []byte) {
	if c.Scanner == nil {
		r.add("malware.not_scanned", Info, "Nicht auf Schadsoftware geprüft: kein Virenscanner eingerichtet.")
		return
	}
	sig, err := c.Scanner.Scan(ctx, content)
	switch {
	case err != nil:
		r.add("malware.scan_failed", Warning, "Die Prüfung auf Schadsoftware ist fehlgeschlagen: "+err.Error())
	case sig != "":
		r.add("malware.found", Error, "Der Virenscanner meldet Schadsoftware ("+sig+").")
	}
}
