// Package upload takes in a file an applicant or caseworker sends: it
// reads it once within a size limit, sniffs its real type from the content
// (never trusting the name or the browser's Content-Type), refuses what is
// empty, too large, of a forbidden type or lying about its type, and
// hands back the bytes with their digest for the encrypted store. The full
// document checks (PDF structure, pixel budgets, malware scan) come later
// in the check pipeline; this is the gate at the door.
package upload

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gabriel-vasile/mimetype"

	"github.com/smd-oss/smd"
)

// Allowed are the types an upload may have, with the file name endings
// that go with them.
var Allowed = map[string][]string{
	"application/pdf": {".pdf"},
	"image/jpeg":      {".jpg", ".jpeg"},
	"image/png":       {".png"},
}

// Limits bound an upload.
type Limits struct {
	MaxBytes int64
}

// DefaultLimits suit scans and photos of documents.
var DefaultLimits = Limits{MaxBytes: 10 << 20}

// File is an accepted upload.
type File struct {
	Name    string // cleaned file name, for display and downloads
	MIME    string // sniffed from the content
	Size    int64
	SHA256  string
	Content []byte
}

// Error codes a page can turn into a message in the reader's language.
const (
	ReasonEmpty      = "upload.empty"
	ReasonTooLarge   = "upload.too_large"
	ReasonType       = "upload.type"
	ReasonMismatch   = "upload.mismatch"
	ReasonName       = "upload.name"
	ReasonUnreadable = "upload.unreadable"
)

// Refused is the EINVALID error of a refused upload; Reason is one of the
// Reason* keys.
type Refused struct{ Reason string }

func (r *Refused) Error() string { return "upload refused: " + r.Reason }

func refuse(reason, msg string) error {
	return &smd.Error{Code: smd.EINVALID, Message: msg, Err: &Refused{Reason: reason}}
}

// Read takes in one file. name is the name the client gave. Errors:
// EINVALID wrapping *Refused for anything wrong with the file; other
// errors only when reading fails.
func Read(r io.Reader, name string, lim Limits) (*File, error) {
	clean, ok := CleanName(name)
	if !ok {
		return nil, refuse(ReasonName, "Der Dateiname ist ungültig.")
	}
	var buf bytes.Buffer
	n, err := io.Copy(&buf, io.LimitReader(r, lim.MaxBytes+1))
	if err != nil {
		return nil, refuse(ReasonUnreadable, "Die Datei konnte nicht gelesen werden.")
	}
	if n == 0 {
		return nil, refuse(ReasonEmpty, "Die Datei ist leer.")
	}
	if n > lim.MaxBytes {
		return nil, refuse(ReasonTooLarge, "Die Datei ist zu groß.")
	}
	content := buf.Bytes()
	mt := mimetype.Detect(content)
	var kind string
	for m := mt; m != nil; m = m.Parent() {
		if _, ok := Allowed[m.String()]; ok {
			kind = m.String()
			break
		}
	}
	if kind == "" {
		return nil, refuse(ReasonType, "Erlaubt sind PDF, JPEG und PNG.")
	}
	ext := strings.ToLower(path.Ext(clean))
	match := false
	for _, e := range Allowed[kind] {
		match = match || e == ext
	}
	if !match {
		return nil, refuse(ReasonMismatch, "Der Dateiname passt nicht zum Inhalt der Datei.")
	}
	sum := sha256.Sum256(content)
	return &File{Name: clean, MIME: kind, Size: n, SHA256: hex.EncodeToString(sum[:]), Content: content}, nil
}

// CleanName keeps the last path element of a client's file name and
// refuses names with control or bidirectional-override characters (which
// can disguise "rechnung‮fdp.exe"), names of only dots, and absurd lengths.
func CleanName(name string) (string, bool) {
	name = strings.ReplaceAll(name, "\\", "/")
	name = path.Base(strings.TrimSpace(name))
	if name == "." || name == "/" || name == "" || strings.Trim(name, ".") == "" || !utf8.ValidString(name) || utf8.RuneCountInString(name) > 200 {
		return "", false
	}
	for _, r := range name {
		if unicode.IsControl(r) || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) || r == 0x200E || r == 0x200F {
			return "", false
		}
	}
	return name, true
}
