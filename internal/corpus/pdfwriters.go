package corpus

import (
	"bytes"
	"compress/zlib"
	"crypto/md5"
	"crypto/rc4"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/signintech/gopdf"
	"golang.org/x/text/unicode/norm"
)

// Fonts are the TrueType files gopdf embeds: the product's fallback PDF
// writer uses the same kind of file, so the pipeline must read its text.
type Fonts struct {
	Regular, Bold, Mono []byte
	// Path is the regular font's file, recorded in the manifest.
	Path string
}

// LoadFonts reads a regular, bold and monospace TrueType font. regular and
// bold come from pdf.FindFont; the monospace font is looked up beside them
// (DejaVuSansMono.ttf, LiberationMono-Regular.ttf) and is the regular font
// when none is there.
func LoadFonts(regular, bold string) (*Fonts, error) {
	f := &Fonts{Path: regular}
	var err error
	if f.Regular, err = os.ReadFile(regular); err != nil {
		return nil, err
	}
	if f.Bold, err = os.ReadFile(bold); err != nil {
		return nil, err
	}
	f.Mono = f.Regular
	dir := filepath.Dir(regular)
	for _, name := range []string{"DejaVuSansMono.ttf", "LiberationMono-Regular.ttf", "NotoSansMono-Regular.ttf"} {
		if b, err := os.ReadFile(filepath.Join(dir, name)); err == nil {
			f.Mono = b
			break
		}
		// Liberation keeps Sans and Mono in one folder, Noto sometimes not.
		if b, err := os.ReadFile(filepath.Join(filepath.Dir(dir), "noto", name)); err == nil {
			f.Mono = b
			break
		}
	}
	return f, nil
}

// renderGopdf writes d with gopdf and embedded TrueType fonts (Identity-H
// with a ToUnicode map, as the product's own PDFs).
func renderGopdf(d *document, st style, f *Fonts) ([]byte, int, error) {
	gp := &gopdf.GoPdf{}
	gp.Start(gopdf.Config{Unit: gopdf.UnitPT, PageSize: gopdf.Rect{W: st.pageW, H: st.pageH}})
	families := map[face]string{faceRegular: "regular", faceBold: "bold", faceMono: "mono"}
	data := map[face][]byte{faceRegular: f.Regular, faceBold: f.Bold, faceMono: f.Mono}
	loaded := map[face]bool{}
	use := func(fc face, size float64) error {
		if !loaded[fc] {
			if err := gp.AddTTFFontData(families[fc], data[fc]); err != nil {
				return fmt.Errorf("corpus: font: %w", err)
			}
			loaded[fc] = true
		}
		return gp.SetFont(families[fc], "", size)
	}
	var measureErr error
	measure := func(fc face, size float64, s string) float64 {
		if err := use(fc, size); err != nil {
			measureErr = err
			return 0
		}
		w, err := gp.MeasureTextWidth(s)
		if err != nil {
			measureErr = err
		}
		return w
	}
	pages := layoutDoc(d, st, measure)
	if measureErr != nil {
		return nil, 0, measureErr
	}
	gp.SetInfo(gopdf.PdfInfo{Title: d.title, Author: d.author, Creator: d.producer, Producer: d.producer, CreationDate: d.created})
	for _, ops := range pages {
		gp.AddPage()
		for _, o := range ops {
			if o.rule {
				gp.SetStrokeColor(0, 0, 0)
				gp.SetLineWidth(o.width)
				gp.Line(o.x, o.y, o.x2, o.y)
				continue
			}
			if err := use(o.face, o.size); err != nil {
				return nil, 0, err
			}
			gp.SetTextColor(o.gray, o.gray, o.gray)
			gp.SetXY(o.x, o.y)
			if err := gp.Cell(nil, o.text); err != nil {
				return nil, 0, fmt.Errorf("corpus: text %q: %w", o.text, err)
			}
		}
	}
	b, err := gp.GetBytesPdfReturnErr()
	return b, len(pages), err
}

// rawPDF writes a PDF by hand: the simple writer of the corpus for
// documents with standard Type 1 fonts (as many office programs produce)
// and the base of the hostile files.
type rawPDF struct {
	objs     [][]byte
	compress bool
	encrypt  *rc4Key
}

func (p *rawPDF) reserve() int { p.objs = append(p.objs, nil); return len(p.objs) }

func (p *rawPDF) set(n int, body string) { p.objs[n-1] = []byte(body) }

func (p *rawPDF) add(body string) int {
	n := p.reserve()
	p.set(n, body)
	return n
}

// stream adds a stream object; dict holds the entries besides /Length and
// /Filter.
func (p *rawPDF) stream(dict string, data []byte) int {
	n := p.reserve()
	filter := ""
	if p.compress {
		var buf bytes.Buffer
		w, _ := zlib.NewWriterLevel(&buf, zlib.BestCompression)
		w.Write(data)
		w.Close()
		data = buf.Bytes()
		filter = " /Filter /FlateDecode"
	}
	if p.encrypt != nil {
		data = p.encrypt.object(n, data)
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "<< %s /Length %d%s >>\nstream\n", dict, len(data), filter)
	b.Write(data)
	b.WriteString("\nendstream")
	p.objs[n-1] = b.Bytes()
	return n
}

// bytes writes header, objects, cross-reference table and trailer.
func (p *rawPDF) bytes(trailer string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(p.objs))
	for i, o := range p.objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n", i+1)
		b.Write(o)
		b.WriteString("\nendobj\n")
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(p.objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d %s >>\nstartxref\n%d\n%%%%EOF\n", len(p.objs)+1, trailer, xref)
	return b.Bytes()
}

// rawOptions add the dangerous or special parts hostile files need.
type rawOptions struct {
	catalogExtra func(p *rawPDF) string // more catalog entries; may add objects
	trailerExtra func(p *rawPDF) string
	encrypt      *rc4Key
	noInfo       bool
}

// renderRaw writes d with the standard fonts Helvetica and Courier in
// WinAnsiEncoding. d must be encodable (see winAnsiOK).
func renderRaw(d *document, st style, r rng, opt rawOptions) ([]byte, int) {
	p := &rawPDF{compress: r.chance(0.6), encrypt: opt.encrypt}
	pages := layoutDoc(d, st, helveticaWidth)
	catalog := p.reserve()
	pagesObj := p.reserve()
	fonts := p.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	fontsB := p.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
	fontsM := p.add("<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>")
	res := fmt.Sprintf("<< /Font << /F1 %d 0 R /F2 %d 0 R /F3 %d 0 R >> >>", fonts, fontsB, fontsM)
	// How text is written differs between producers: whole lines (Tj),
	// lines cut into kerned pieces (TJ), or every word placed on its own
	// with no space character at all, so that a reader must infer the
	// spaces from the gaps.
	mode := pick(r, []string{"line", "line", "kerned", "words"})
	var kids []string
	for _, ops := range pages {
		var c bytes.Buffer
		for _, o := range ops {
			if o.rule {
				fmt.Fprintf(&c, "%.2f w %.2f %.2f m %.2f %.2f l S\n", o.width, o.x, st.pageH-o.y, o.x2, st.pageH-o.y)
				continue
			}
			name := map[face]string{faceRegular: "F1", faceBold: "F2", faceMono: "F3"}[o.face]
			y := st.pageH - o.y - o.size*0.8
			switch mode {
			case "kerned":
				fmt.Fprintf(&c, "BT /%s %.1f Tf %.3f g %.2f %.2f Td [%s] TJ ET\n", name, o.size, float64(o.gray)/255, o.x, y, kerned(r, o.text))
			case "words":
				x := o.x
				for _, w := range strings.Split(o.text, " ") {
					if w != "" {
						fmt.Fprintf(&c, "BT /%s %.1f Tf %.3f g %.2f %.2f Td (%s) Tj ET\n", name, o.size, float64(o.gray)/255, x, y, pdfString(w))
					}
					x += helveticaWidth(o.face, o.size, w+" ")
				}
			default:
				fmt.Fprintf(&c, "BT /%s %.1f Tf %.3f g %.2f %.2f Td (%s) Tj ET\n", name, o.size, float64(o.gray)/255, o.x, y, pdfString(o.text))
			}
		}
		content := p.stream("", c.Bytes())
		kids = append(kids, fmt.Sprintf("%d 0 R", p.add(fmt.Sprintf(
			"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.2f %.2f] /Resources %s /Contents %d 0 R >>",
			pagesObj, st.pageW, st.pageH, res, content))))
	}
	p.set(pagesObj, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids)))
	extra := ""
	if opt.catalogExtra != nil {
		extra = " " + opt.catalogExtra(p)
	}
	p.set(catalog, fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R%s >>", pagesObj, extra))
	trailer := fmt.Sprintf("/Root %d 0 R /ID [<%s> <%s>]", catalog, hexID(r), hexID(r))
	if !opt.noInfo && opt.encrypt == nil {
		info := p.add(fmt.Sprintf("<< /Producer (%s) /Title (%s) /CreationDate (D:%s) >>",
			pdfString(d.producer), pdfString(d.title), d.created.Format("20060102150405")+"+01'00'"))
		trailer += fmt.Sprintf(" /Info %d 0 R", info)
	}
	if opt.encrypt != nil {
		trailer = fmt.Sprintf("/Root %d 0 R /ID [<%x> <%x>]", catalog, opt.encrypt.id, opt.encrypt.id)
		trailer += fmt.Sprintf(" /Encrypt %d 0 R", p.add(opt.encrypt.dict()))
	}
	if opt.trailerExtra != nil {
		trailer += " " + opt.trailerExtra(p)
	}
	return p.bytes(trailer), len(pages)
}

// kerned cuts s into pieces with small kerning between them, as a TJ
// array: [(Gebu) -12 (rtsur) 8 (kunde)].
func kerned(r rng, s string) string {
	rs := []rune(s)
	var b strings.Builder
	for len(rs) > 0 {
		n := min(len(rs), r.between(2, 9))
		if b.Len() > 0 {
			k := r.between(-40, 40)
			if k == 0 {
				k = -7
			}
			fmt.Fprintf(&b, " %d ", k)
		}
		b.WriteString("(" + pdfString(string(rs[:n])) + ")")
		rs = rs[n:]
	}
	return b.String()
}

func hexID(r rng) string { return fmt.Sprintf("%016x%016x", r.Uint64(), r.Uint64()) }

// winAnsi maps the non-Latin-1 characters of WinAnsiEncoding.
var winAnsi = map[rune]byte{'€': 0x80, '‚': 0x82, '„': 0x84, '…': 0x85, '‘': 0x91, '’': 0x92, '“': 0x93,
	'”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '™': 0x99, 'Š': 0x8A, 'š': 0x9A, 'Œ': 0x8C, 'œ': 0x9C,
	'Ž': 0x8E, 'ž': 0x9E, 'Ÿ': 0x9F}

func winAnsiByte(r rune) (byte, bool) {
	if b, ok := winAnsi[r]; ok {
		return b, true
	}
	if r >= 0x20 && r < 0x7F || r >= 0xA0 && r <= 0xFF {
		return byte(r), true
	}
	return 0, false
}

// winAnsiOK reports whether every text of d can be written with the
// standard fonts.
func winAnsiOK(d *document) bool {
	ok := func(s string) bool {
		for _, r := range s {
			if _, ok := winAnsiByte(r); !ok && r != '\n' {
				return false
			}
		}
		return true
	}
	if !ok(d.header) || !ok(d.footer) || !ok(d.title) || !ok(d.producer) {
		return false
	}
	for _, b := range d.blocks {
		if !ok(b.text) || !ok(b.label) || !ok(strings.Join(b.cells, "")) {
			return false
		}
	}
	return true
}

// pdfString escapes s for a literal string in WinAnsiEncoding.
func pdfString(s string) string {
	var b strings.Builder
	for _, r := range s {
		c, ok := winAnsiByte(r)
		if !ok {
			c = '?'
		}
		switch {
		case c == '(' || c == ')' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c < 0x20 || c > 0x7E:
			fmt.Fprintf(&b, "\\%03o", c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// helveticaWidth approximates the widths of Helvetica (from its AFM, per
// thousand) closely enough for line breaking; Courier is 600 throughout.
func helveticaWidth(f face, size float64, s string) float64 {
	if f == faceMono {
		return float64(len([]rune(s))) * 0.6 * size
	}
	total := 0
	for _, r := range s {
		if r > 0x7F {
			if d := []rune(norm.NFD.String(string(r))); len(d) > 0 && d[0] < 0x80 {
				r = d[0]
			}
		}
		total += helvetica(r)
	}
	w := float64(total) / 1000 * size
	if f == faceBold {
		w *= 1.07
	}
	return w
}

func helvetica(r rune) int {
	switch {
	case r == ' ' || r == 'f' || r == 't' || r == '.' || r == ',' || r == ':' || r == ';' || r == '/' || r == 'I':
		return 278
	case r == 'i' || r == 'j' || r == 'l':
		return 222
	case r == 'r' || r == '-' || r == '(' || r == ')':
		return 333
	case r == 'm' || r == 'M':
		return 833
	case r == 'w' || r == 'C' || r == 'D' || r == 'H' || r == 'N' || r == 'R' || r == 'U':
		return 722
	case r == 'W':
		return 944
	case r == 'G' || r == 'O' || r == 'Q':
		return 778
	case r == 'F' || r == 'T' || r == 'Z':
		return 611
	case r == 'J' || r == 'c' || r == 'k' || r == 's' || r == 'v' || r == 'x' || r == 'y' || r == 'z':
		return 500
	case unicode.IsUpper(r):
		return 667
	case r == '%':
		return 889
	}
	return 556
}

// rc4Key is the standard security handler, revision 2 (40-bit RC4): what
// old office programs write, and what any reader opens with the user
// password (empty or not).
type rc4Key struct {
	key  []byte
	o, u []byte
	p    int32
	id   []byte
}

var passwordPad = []byte{0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
	0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A}

func padPassword(pw string) []byte {
	b := append([]byte(pw), passwordPad...)
	return b[:32]
}

func rc4Crypt(key, data []byte) []byte {
	c, _ := rc4.NewCipher(key)
	out := make([]byte, len(data))
	c.XORKeyStream(out, data)
	return out
}

// newRC4Key follows ISO 32000-1 algorithms 2, 3 and 4 (R2).
func newRC4Key(user, owner string, id []byte) *rc4Key {
	k := &rc4Key{p: -44, id: id} // print and copy denied
	oh := md5.Sum(padPassword(owner))
	k.o = rc4Crypt(oh[:5], padPassword(user))
	h := md5.New()
	h.Write(padPassword(user))
	h.Write(k.o)
	p := uint32(k.p)
	h.Write([]byte{byte(p), byte(p >> 8), byte(p >> 16), byte(p >> 24)})
	h.Write(id)
	k.key = h.Sum(nil)[:5]
	k.u = rc4Crypt(k.key, passwordPad)
	return k
}

// object encrypts the data of object n (generation 0), algorithm 1.
func (k *rc4Key) object(n int, data []byte) []byte {
	h := md5.New()
	h.Write(k.key)
	h.Write([]byte{byte(n), byte(n >> 8), byte(n >> 16), 0, 0})
	return rc4Crypt(h.Sum(nil)[:10], data)
}

func (k *rc4Key) dict() string {
	return fmt.Sprintf("<< /Filter /Standard /V 1 /R 2 /O <%x> /U <%x> /P %d >>", k.o, k.u, k.p)
}
