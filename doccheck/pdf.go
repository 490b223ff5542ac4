package doccheck

import (
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// checkPDF examines a PDF: decompression budget first (before any library
// inflates a stream), then the structure with pdfcpu — unreadable,
// encrypted, too many pages, active content — and finally the text layer.
func (c *Checker) checkPDF(ctx context.Context, r *Report, content []byte) {
	if !bytes.Contains(content[max(0, len(content)-2048):], []byte("%%EOF")) {
		r.add("pdf.truncated", Error, "Die PDF-Datei ist unvollständig (das Dateiende fehlt).")
		return
	}
	if n, over := inflatedSize(content, c.Limits.MaxInflated); over {
		r.add("pdf.bomb", Error, fmt.Sprintf("Die PDF-Datei entpackt sich auf mehr als %d MB (Dekompressionsbombe).", n>>20))
		return
	}
	defer func() {
		// pdfcpu can panic on hostile input, while reading or later when
		// asked about pages; either way the file is unreadable.
		if p := recover(); p != nil {
			r.add("pdf.unreadable", Error, "Die PDF-Datei ist beschädigt oder nicht lesbar.")
		}
	}()
	pc, err := readPDF(ctx, content)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			r.add("check.timeout", Error, "Die Prüfung der PDF-Datei hat zu lange gedauert.")
			return
		}
		if bytes.Contains(content, []byte("/Encrypt")) {
			// A password pdfcpu could not supply: encrypted, not broken.
			r.add("pdf.encrypted", Error, "Die PDF-Datei ist verschlüsselt oder kennwortgeschützt. Bitte ohne Kennwort hochladen.")
			return
		}
		r.add("pdf.unreadable", Error, "Die PDF-Datei ist beschädigt oder nicht lesbar.")
		return
	}
	if pc.XRefTable.Encrypt != nil {
		r.add("pdf.encrypted", Error, "Die PDF-Datei ist verschlüsselt oder kennwortgeschützt. Bitte ohne Kennwort hochladen.")
		return
	}
	if err := pc.XRefTable.EnsurePageCount(); err != nil {
		r.add("pdf.unreadable", Error, "Die Seiten der PDF-Datei sind nicht lesbar.")
		return
	}
	r.Pages = pc.PageCount
	if c.Limits.MaxPages > 0 && r.Pages > c.Limits.MaxPages {
		r.add("pdf.too_many_pages", Error, fmt.Sprintf("Die PDF-Datei hat %d Seiten; erlaubt sind höchstens %d.", r.Pages, c.Limits.MaxPages))
		return
	}
	if r.Pages == 0 {
		r.add("pdf.no_pages", Error, "Die PDF-Datei hat keine Seiten.")
		return
	}
	for _, a := range activeContent(pc.XRefTable) {
		r.add("pdf.active_content", Error, "Die PDF-Datei enthält aktive Inhalte ("+a+"); solche Dateien werden nicht angenommen.")
	}
	if !r.Accepted {
		return
	}
	text := pdfText(ctx, pc.XRefTable, min(r.Pages, max(c.Limits.TextPages, 1)))
	if hasWords(text) {
		r.Text, r.TextSource = text, "pdf"
		return
	}
	r.add("text.none", Info, "Die PDF-Datei hat keine Textebene (wohl ein Scan); der Inhalt wurde nicht gelesen, OCR von PDF-Seiten ist nicht eingerichtet.")
}

// readPDF parses the whole file with pdfcpu, which also unpacks object
// streams, so that nothing hidden in them escapes the structure checks.
func readPDF(ctx context.Context, content []byte) (*model.Context, error) {
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	return pdfcpu.ReadWithContext(ctx, bytes.NewReader(content), conf)
}

// inflatedSize inflates every Flate stream of the raw file (finding them
// by their "stream" keyword, whatever the dictionaries say) within a
// budget. It returns the total and whether it went over, so that a bomb is
// refused before pdfcpu or the text reader decode a single stream.
func inflatedSize(content []byte, budget int64) (int64, bool) {
	if budget <= 0 {
		return 0, false
	}
	var total int64
	rest := content
	for {
		i := bytes.Index(rest, []byte("stream"))
		if i < 0 {
			return total, false
		}
		rest = rest[i+len("stream"):]
		if i >= 3 && bytes.HasSuffix(content[:len(content)-len(rest)-len("stream")], []byte("end")) {
			continue // "endstream"
		}
		switch {
		case bytes.HasPrefix(rest, []byte("\r\n")):
			rest = rest[2:]
		case bytes.HasPrefix(rest, []byte("\n")), bytes.HasPrefix(rest, []byte("\r")):
			rest = rest[1:]
		default:
			continue
		}
		end := bytes.Index(rest, []byte("endstream"))
		if end < 0 {
			end = len(rest)
		}
		zr, err := zlib.NewReader(bytes.NewReader(rest[:end]))
		if err == nil {
			n, _ := io.Copy(io.Discard, io.LimitReader(zr, budget-total+1))
			total += n
			if total > budget {
				return total, true
			}
		}
		rest = rest[end:]
	}
}

// activeContent lists what in the document can act on its own: scripts,
// launch and import actions, embedded files, XFA forms. It walks every
// object pdfcpu loaded, including those from object streams.
func activeContent(xt *model.XRefTable) []string {
	found := map[string]bool{}
	var order []string
	note := func(what string) {
		if !found[what] {
			found[what] = true
			order = append(order, what)
		}
	}
	for _, e := range xt.Table {
		if e == nil || e.Free || e.Object == nil {
			continue
		}
		walkObject(e.Object, 0, func(d types.Dict) {
			if s, ok := d["S"].(types.Name); ok {
				switch s {
				case "JavaScript":
					note("JavaScript")
				case "Launch":
					note("Programmstart")
				case "ImportData":
					note("Datenimport")
				case "RichMediaExecute":
					note("Rich Media")
				}
			}
			if _, ok := d["JS"]; ok {
				note("JavaScript")
			}
			if _, ok := d["JavaScript"]; ok {
				note("JavaScript")
			}
			if _, ok := d["EmbeddedFiles"]; ok {
				note("eingebettete Dateien")
			}
			if t, ok := d["Type"].(types.Name); ok && t == "EmbeddedFile" {
				note("eingebettete Dateien")
			}
			if _, ok := d["EF"]; ok {
				note("eingebettete Dateien")
			}
			if _, ok := d["XFA"]; ok {
				note("XFA-Formular")
			}
		})
	}
	return order
}

// walkObject calls fn for every dictionary in o, to a bounded depth (direct
// objects nest; indirect references are visited as their own entries).
func walkObject(o types.Object, depth int, fn func(types.Dict)) {
	if depth > 32 {
		return
	}
	switch v := o.(type) {
	case types.Dict:
		fn(v)
		for _, x := range v {
			walkObject(x, depth+1, fn)
		}
	case types.StreamDict:
		walkObject(v.Dict, depth+1, fn)
	case *types.StreamDict:
		walkObject(v.Dict, depth+1, fn)
	case types.ObjectStreamDict:
		walkObject(v.StreamDict.Dict, depth+1, fn)
	case types.XRefStreamDict:
		walkObject(v.StreamDict.Dict, depth+1, fn)
	case types.Array:
		for _, x := range v {
			walkObject(x, depth+1, fn)
		}
	}
}
