// Package hostile makes the hostile and minimal files the document-check
// tests feed the pipeline: hand-written PDFs (JavaScript, embedded files,
// 10,000 pages, a Flate bomb, an unknown password), a PNG whose header
// claims 50,000 × 50,000 pixels. Test code only; small on purpose, so that
// each file is exactly what its name says.
package hostile

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"strconv"
	"strings"
)

// PDF writes a PDF with the given objects (numbered from 1, object 1 the
// catalog) and a correct cross-reference table.
func PDF(objects ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}

// Stream is a stream object with its length.
func Stream(dict, data string) string {
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
}

// Deflate compresses data as a FlateDecode stream holds it.
func Deflate(data []byte) string {
	var b bytes.Buffer
	w := zlib.NewWriter(&b)
	_, _ = w.Write(data)
	_ = w.Close()
	return b.String()
}

const (
	catalog  = "<< /Type /Catalog /Pages 2 0 R >>"
	onePage  = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
	pageSize = "/Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
)

// TextPDF is a one-page PDF showing the lines in Helvetica (WinAnsi: pass
// text already encoded as Windows-1252 for non-ASCII letters).
func TextPDF(lines ...string) []byte {
	var c strings.Builder
	c.WriteString("BT /F1 11 Tf 50 780 Td 14 TL\n")
	for _, l := range lines {
		l = strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(l)
		fmt.Fprintf(&c, "(%s) Tj T*\n", l)
	}
	c.WriteString("ET")
	return PDF(catalog, onePage,
		"<< "+pageSize+" /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		Stream("", c.String()),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
}

// JavaScriptPDF runs a script when opened.
func JavaScriptPDF() []byte {
	return PDF("<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>", onePage, "<< "+pageSize+" >>",
		`<< /S /JavaScript /JS (app.alert\('x'\)) >>`)
}

// LaunchPDF starts a program when opened.
func LaunchPDF() []byte {
	return PDF("<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /Launch /F (cmd.exe) >> >>", onePage, "<< "+pageSize+" >>")
}

// EmbeddedFilePDF carries an executable as an attachment.
func EmbeddedFilePDF() []byte {
	return PDF("<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [(x.exe) 4 0 R] >> >> >>", onePage,
		"<< "+pageSize+" >>", "<< /Type /Filespec /F (x.exe) /EF << /F 5 0 R >> >>", Stream("/Type /EmbeddedFile", "MZ"))
}

// Pages is a PDF of n pages, all one shared page object: tiny on disk.
func Pages(n int) []byte {
	return PDF(catalog, "<< /Type /Pages /Kids ["+strings.Repeat("3 0 R ", n)+"] /Count "+strconv.Itoa(n)+" >>", "<< "+pageSize+" >>")
}

// FlateBomb is a PDF whose content stream inflates to size bytes.
func FlateBomb(size int) []byte {
	return PDF(catalog, onePage, "<< "+pageSize+" /Contents 4 0 R >>", Stream("/Filter /FlateDecode", Deflate(make([]byte, size))))
}

// LockedPDF is encrypted for a password nobody knows (RC4, wrong keys).
func LockedPDF() []byte {
	b := PDF(catalog, onePage, "<< "+pageSize+" >>",
		"<< /Filter /Standard /V 1 /R 2 /O <"+strings.Repeat("00", 32)+"> /U <"+strings.Repeat("00", 32)+"> /P -4 >>")
	return bytes.Replace(b, []byte("/Root 1 0 R"), []byte("/Root 1 0 R /Encrypt 4 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]"), 1)
}

// PNGHeader is a PNG whose header claims w × h RGB pixels, with one tiny
// IDAT: a decompression bomb for a decoder that trusts the header.
func PNGHeader(w, h uint32) []byte {
	var b bytes.Buffer
	b.Write([]byte("\x89PNG\r\n\x1a\n"))
	chunk := func(typ string, data []byte) {
		_ = binary.Write(&b, binary.BigEndian, uint32(len(data)))
		b.WriteString(typ)
		b.Write(data)
		_ = binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(typ), data...)))
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 2
	chunk("IHDR", ihdr)
	chunk("IDAT", []byte(Deflate(make([]byte, 64))))
	chunk("IEND", nil)
	return b.Bytes()
}

// OnePage is a benign, valid one-page PDF of about n bytes (the page's
// content stream is padded with a comment): the ordinary upload of tests
// and load runs.
func OnePage(n int) []byte {
	base := TextPDF("Nachweis")
	pad := max(n-len(base)-8, 0)
	content := "BT /F1 11 Tf 50 780 Td (Nachweis) Tj ET\n%" + strings.Repeat("p", pad)
	return PDF(catalog, onePage,
		"<< "+pageSize+" /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		Stream("", content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
}
