package doccheck

import (
	"bytes"
	"context"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"golang.org/x/text/encoding/charmap"
)

// pdfText reads the text layer of the first pages: the strings the content
// streams show, decoded through each font's ToUnicode map (or, for simple
// fonts without one, as Windows-1252), with a line break where the text
// moves to a new line. It reads what a text layer says, not where it is
// drawn: good enough for classification and for MRZ lines, which are
// drawn as one string each by every generator we know.
func pdfText(ctx context.Context, xt *model.XRefTable, pages int) string {
	var b strings.Builder
	for p := 1; p <= pages; p++ {
		if ctx.Err() != nil {
			break
		}
		d, _, inh, err := xt.PageDict(p, false)
		if err != nil || d == nil {
			continue
		}
		res, _ := xt.DereferenceDict(d["Resources"])
		if res == nil && inh != nil {
			res = inh.Resources
		}
		content, err := xt.PageContent(d, p)
		if err != nil {
			continue
		}
		fonts := pageFonts(xt, res)
		if b.Len() > 0 {
			b.WriteString("\f\n") // a page break: each page's head is looked at
		}
		showText(content, fonts, &b)
	}
	// Text objects end with a space; line ends carry none.
	lines := strings.Split(b.String(), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// pdfFont decodes the codes a font shows into text.
type pdfFont struct {
	// twoByte: codes are two bytes (Type0 fonts with Identity-H/V).
	twoByte bool
	// cmap is the ToUnicode map; nil for a simple font without one.
	cmap map[uint32]string
	// widths are the glyph widths by code in 1/1000 em; dw the default.
	widths map[uint32]float64
	dw     float64
}

// advance is the width of the shown codes in text space units of a 1-point
// font: where the pen stands after them.
func (f *pdfFont) advance(s []byte) float64 {
	if f == nil {
		return float64(len(s)) * 0.5
	}
	step := 1
	if f.twoByte {
		step = 2
	}
	w := 0.0
	for i := 0; i+step <= len(s); i += step {
		code := uint32(s[i])
		if step == 2 {
			code = code<<8 | uint32(s[i+1])
		}
		if v, ok := f.widths[code]; ok {
			w += v
		} else {
			w += f.dw
		}
	}
	return w / 1000
}

func (f *pdfFont) decode(s []byte) string {
	if f == nil {
		return winAnsi(s)
	}
	var b strings.Builder
	step := 1
	if f.twoByte {
		step = 2
	}
	for i := 0; i+step <= len(s); i += step {
		code := uint32(s[i])
		if step == 2 {
			code = code<<8 | uint32(s[i+1])
		}
		if t, ok := f.cmap[code]; ok {
			b.WriteString(t)
		} else if !f.twoByte {
			b.WriteString(winAnsi(s[i : i+1]))
		}
	}
	return b.String()
}

func winAnsi(s []byte) string {
	out, err := charmap.Windows1252.NewDecoder().Bytes(s)
	if err != nil {
		return string(s)
	}
	return string(out)
}

// pageFonts reads the fonts of a page's resources.
func pageFonts(xt *model.XRefTable, res types.Dict) map[string]*pdfFont {
	fonts := map[string]*pdfFont{}
	if res == nil {
		return fonts
	}
	fd, _ := xt.DereferenceDict(res["Font"])
	for name, ref := range fd {
		d, err := xt.DereferenceDict(ref)
		if err != nil || d == nil {
			continue
		}
		f := &pdfFont{}
		if st, ok := d["Subtype"].(types.Name); ok && st == "Type0" {
			f.twoByte = true
		}
		if sd, _, err := xt.DereferenceStreamDict(d["ToUnicode"]); err == nil && sd != nil {
			if err := sd.Decode(); err == nil {
				f.cmap = parseCMap(sd.Content)
			}
		}
		f.widths, f.dw = fontWidths(xt, d, f.twoByte)
		if f.cmap == nil && !f.twoByte && len(f.widths) == 0 {
			f = nil // simple font without metrics: Windows-1252, average widths
		}
		fonts[name] = f
	}
	return fonts
}

// fontWidths reads a font's glyph widths: FirstChar and Widths of a simple
// font, the W array and DW of a Type0 font's descendant.
func fontWidths(xt *model.XRefTable, d types.Dict, twoByte bool) (map[uint32]float64, float64) {
	w := map[uint32]float64{}
	number := func(o types.Object) (float64, bool) {
		o, _ = xt.Dereference(o)
		switch v := o.(type) {
		case types.Integer:
			return float64(v), true
		case types.Float:
			return float64(v), true
		}
		return 0, false
	}
	if !twoByte {
		first, _ := number(d["FirstChar"])
		arr, _ := xt.DereferenceArray(d["Widths"])
		for i, o := range arr {
			if v, ok := number(o); ok {
				w[uint32(first)+uint32(i)] = v
			}
		}
		if len(w) == 0 {
			// A standard font without metrics in the file: Courier is
			// monospaced, the rest is measured as Helvetica, the common
			// choice, so that the gaps between words can be told from
			// the glyphs' own width.
			if base, _ := d["BaseFont"].(types.Name); strings.Contains(string(base), "Courier") {
				return w, 600
			}
			for i, v := range helvetica {
				w[uint32(32+i)] = v
			}
			for i, v := range helveticaLatin1 {
				w[uint32(160+i)] = v
			}
			return w, 556
		}
		return w, 500
	}
	desc, _ := xt.DereferenceArray(d["DescendantFonts"])
	if len(desc) == 0 {
		return w, 1000
	}
	dd, _ := xt.DereferenceDict(desc[0])
	dw := 1000.0
	if v, ok := number(dd["DW"]); ok {
		dw = v
	}
	arr, _ := xt.DereferenceArray(dd["W"])
	for i := 0; i < len(arr) && len(w) < 70000; {
		c0, ok := number(arr[i])
		if !ok || i+1 >= len(arr) {
			break
		}
		if list, err := xt.DereferenceArray(arr[i+1]); err == nil && list != nil {
			for k, o := range list {
				if v, ok := number(o); ok {
					w[uint32(c0)+uint32(k)] = v
				}
			}
			i += 2
			continue
		}
		c1, ok1 := number(arr[i+1])
		if i+2 >= len(arr) || !ok1 || c1 < c0 || c1-c0 > 65535 {
			break
		}
		v, _ := number(arr[i+2])
		for c := uint32(c0); c <= uint32(c1); c++ {
			w[c] = v
		}
		i += 3
	}
	return w, dw
}

// parseCMap reads the bfchar and bfrange sections of a ToUnicode CMap.
func parseCMap(b []byte) map[uint32]string {
	m := map[uint32]string{}
	toks := tokens(b, 200_000)
	for i := 0; i < len(toks); i++ {
		switch toks[i].op {
		case "beginbfchar":
			for i++; i+1 < len(toks) && toks[i].op != "endbfchar"; i += 2 {
				if toks[i].hex && toks[i+1].hex {
					m[codeOf(toks[i].str)] = utf16BE(toks[i+1].str)
				}
			}
		case "beginbfrange":
			for i++; i+2 < len(toks) && toks[i].op != "endbfrange"; i += 3 {
				lo, hi := codeOf(toks[i].str), codeOf(toks[i+1].str)
				if hi < lo || hi-lo > 65535 {
					continue
				}
				switch dst := toks[i+2]; {
				case dst.hex:
					base := []rune(utf16BE(dst.str))
					if len(base) == 0 {
						continue
					}
					for c := lo; c <= hi; c++ {
						r := append([]rune(nil), base...)
						r[len(r)-1] += rune(c - lo)
						m[c] = string(r)
					}
				case dst.array != nil:
					for k, e := range dst.array {
						if lo+uint32(k) > hi {
							break
						}
						m[lo+uint32(k)] = utf16BE(e.str)
					}
				}
			}
		}
	}
	return m
}

func codeOf(s []byte) uint32 {
	var c uint32
	for _, b := range s {
		c = c<<8 | uint32(b)
	}
	return c
}

func utf16BE(s []byte) string {
	u := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	return string(utf16.Decode(u))
}

// showText runs the text operators of a content stream. It follows the
// text line matrix (BT, Td, TD, T*, TL, Tm) so that text drawn on a new
// line starts a new line and text placed further along the same line
// (one word at a time, as some writers draw) is separated by a space.
func showText(content []byte, fonts map[string]*pdfFont, b *strings.Builder) {
	var font *pdfFont
	var stack []token
	var lineX, lineY, leading, lastY, penX float64
	fontSize, scale := 1.0, 1.0
	shown, moved := false, false
	num := func(i int) float64 {
		if i < 0 || i >= len(stack) {
			return 0
		}
		return stack[i].num
	}
	show := func(s []byte) {
		text := font.decode(s)
		size := fontSize * scale
		start := penX
		if moved {
			start = lineX
		}
		if text != "" && shown {
			gap := start - penX
			switch {
			case math.Abs(lineY-lastY) > 0.5:
				if !strings.HasSuffix(b.String(), "\n") {
					b.WriteString("\n")
				}
			case (gap > 0.2*size || gap < -size) && !strings.HasSuffix(b.String(), " ") && !strings.HasPrefix(text, " "):
				// Placed apart from where the previous text ended: a
				// word drawn on its own, not a run split for kerning.
				b.WriteString(" ")
			}
		}
		b.WriteString(text)
		shown, lastY, moved = shown || text != "", lineY, false
		penX = start + font.advance(s)*size
	}
	for _, t := range tokens(content, 2_000_000) {
		if t.op == "" {
			stack = append(stack, t)
			if len(stack) > 64 {
				stack = stack[1:]
			}
			continue
		}
		n := len(stack)
		switch t.op {
		case "BT":
			lineX, lineY = 0, 0
			moved = true
		case "Tf":
			if n >= 2 {
				font, fontSize = fonts[stack[n-2].name], math.Abs(num(n-1))
			}
		case "TL":
			leading = num(n - 1)
		case "Td":
			lineX, lineY = lineX+num(n-2), lineY+num(n-1)
			moved = true
		case "TD":
			lineX, lineY, leading = lineX+num(n-2), lineY+num(n-1), -num(n-1)
			moved = true
		case "Tm":
			lineX, lineY, moved = num(n-2), num(n-1), true
			if a := math.Abs(num(n - 6)); n >= 6 && a > 0 {
				scale = a
			}
		case "T*":
			lineY -= leading
			moved = true
		case "Tj":
			if n > 0 {
				show(stack[n-1].str)
			}
		case "'", "\"":
			lineY, moved = lineY-leading, true
			if n > 0 {
				show(stack[n-1].str)
			}
		case "TJ":
			if n > 0 {
				for _, e := range stack[n-1].array {
					if e.str != nil {
						show(e.str)
					} else if e.num < -200 && shown && !strings.HasSuffix(b.String(), " ") {
						b.WriteString(" ") // a wide kerning gap is a space
					}
				}
			}
		}
		stack = stack[:0]
	}
	if b.Len() > 0 && !strings.HasSuffix(b.String(), "\n") {
		b.WriteString("\n")
	}
}

// token is one lexical element of a content stream or CMap: an operand
// (number, name, string, array) or an operator.
type token struct {
	op    string
	name  string
	num   float64
	str   []byte
	hex   bool
	array []token
}

// tokens lexes PDF content syntax, at most limit tokens. Dictionaries and
// inline images are skipped; malformed input ends the list, never panics.
func tokens(b []byte, limit int) []token {
	var out []token
	var arrays [][]token
	emit := func(t token) {
		if len(arrays) > 0 {
			arrays[len(arrays)-1] = append(arrays[len(arrays)-1], t)
			return
		}
		out = append(out, t)
	}
	i := 0
	for i < len(b) && len(out) < limit {
		c := b[i]
		switch {
		case c == '%':
			for i < len(b) && b[i] != '\n' && b[i] != '\r' {
				i++
			}
		case isSpace(c):
			i++
		case c == '(':
			s, n := literal(b[i:])
			emit(token{str: s})
			i += n
		case c == '<' && i+1 < len(b) && b[i+1] == '<':
			depth := 0
			for i < len(b) {
				if i+1 < len(b) && b[i] == '<' && b[i+1] == '<' {
					depth++
					i += 2
				} else if i+1 < len(b) && b[i] == '>' && b[i+1] == '>' {
					depth--
					i += 2
					if depth == 0 {
						break
					}
				} else {
					i++
				}
			}
		case c == '<':
			j := bytes.IndexByte(b[i:], '>')
			if j < 0 {
				return out
			}
			emit(token{str: hexString(b[i+1 : i+j]), hex: true})
			i += j + 1
		case c == '[':
			arrays = append(arrays, nil)
			i++
			if len(arrays) > 16 {
				return out
			}
		case c == ']':
			if len(arrays) > 0 {
				a := arrays[len(arrays)-1]
				arrays = arrays[:len(arrays)-1]
				emit(token{array: a})
			}
			i++
		case c == '/':
			j := i + 1
			for j < len(b) && !isSpace(b[j]) && !isDelim(b[j]) {
				j++
			}
			emit(token{name: string(b[i+1 : j])})
			i = j
		case c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9'):
			j := i + 1
			for j < len(b) && (b[j] == '.' || (b[j] >= '0' && b[j] <= '9')) {
				j++
			}
			f, _ := strconv.ParseFloat(string(b[i:j]), 64)
			emit(token{num: f})
			i = j
		case isDelim(c):
			i++
		default:
			j := i
			for j < len(b) && !isSpace(b[j]) && !isDelim(b[j]) {
				j++
			}
			op := string(b[i:j])
			i = j
			if op == "BI" {
				// Inline image data: skip to its end.
				k := bytes.Index(b[i:], []byte("EI"))
				if k < 0 {
					return out
				}
				i += k + 2
				continue
			}
			if len(arrays) == 0 {
				out = append(out, token{op: op})
			}
		}
	}
	return out
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' || c == '}' || c == '/' || c == '%'
}

// literal reads a (string) with escapes and balanced parentheses; it
// returns the bytes and how much of b it used.
func literal(b []byte) ([]byte, int) {
	var out []byte
	depth := 0
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c == '(':
			if depth > 0 {
				out = append(out, c)
			}
			depth++
		case c == ')':
			depth--
			if depth == 0 {
				return out, i + 1
			}
			out = append(out, c)
		case c == '\\' && i+1 < len(b):
			i++
			switch e := b[i]; e {
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case '\n':
			case '\r':
				if i+1 < len(b) && b[i+1] == '\n' {
					i++
				}
			default:
				if e >= '0' && e <= '7' {
					v, n := 0, 0
					for n < 3 && i < len(b) && b[i] >= '0' && b[i] <= '7' {
						v = v*8 + int(b[i]-'0')
						i++
						n++
					}
					i--
					out = append(out, byte(v))
				} else {
					out = append(out, e)
				}
			}
		default:
			out = append(out, c)
		}
	}
	return out, len(b)
}

func hexString(h []byte) []byte {
	var digits []byte
	for _, c := range h {
		if unicode.Is(unicode.ASCII_Hex_Digit, rune(c)) {
			digits = append(digits, c)
		}
	}
	if len(digits)%2 == 1 {
		digits = append(digits, '0')
	}
	out := make([]byte, len(digits)/2)
	for i := range out {
		v, _ := strconv.ParseUint(string(digits[2*i:2*i+2]), 16, 8)
		out[i] = byte(v)
	}
	return out
}

// hasWords reports whether text has at least a few letters: a text layer
// worth reading, not just page numbers.
func hasWords(text string) bool {
	n := 0
	for _, r := range text {
		if unicode.IsLetter(r) {
			n++
			if n >= 10 {
				return true
			}
		}
	}
	return false
}

// helvetica are the widths of Helvetica's glyphs for the codes 32–126
// (Adobe's Helvetica AFM, 1/1000 em).
var helvetica = []float64{
	278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space to /
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0 to ?
	1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @ to O
	667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P to _
	333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // ` to o
	556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p to ~
}

// helveticaLatin1 are Helvetica's widths for the Windows-1252 codes
// 160–255 (accented letters: í is narrow, Ñ is wide).
var helveticaLatin1 = []float64{
	278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333, // nbsp to ¯
	400, 584, 333, 333, 333, 556, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611, // ° to ¿
	667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278, // À to Ï
	722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611, // Ð to ß
	556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278, // à to ï
	556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500, // ð to ÿ
}
