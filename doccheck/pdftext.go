package doccheck

import (
	"bytes"
	"context"
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
		showText(content, fonts, &b)
		b.WriteString("\n")
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
		if f.cmap == nil && !f.twoByte {
			f = nil // simple font: Windows-1252
		}
		fonts[name] = f
	}
	return fonts
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

// showText runs the text operators of a content stream.
func showText(content []byte, fonts map[string]*pdfFont, b *strings.Builder) {
	var font *pdfFont
	var stack []token
	lastY, haveY := 0.0, false
	newline := func() {
		if b.Len() > 0 && !strings.HasSuffix(b.String(), "\n") {
			b.WriteString("\n")
		}
	}
	show := func(s []byte) { b.WriteString(font.decode(s)) }
	for _, t := range tokens(content, 2_000_000) {
		if t.op == "" {
			stack = append(stack, t)
			if len(stack) > 64 {
				stack = stack[1:]
			}
			continue
		}
		switch t.op {
		case "Tf":
			if len(stack) >= 2 {
				font = fonts[stack[len(stack)-2].name]
			}
		case "Tj", "'", "\"":
			if t.op != "Tj" {
				newline()
			}
			if len(stack) > 0 {
				show(stack[len(stack)-1].str)
			}
		case "TJ":
			if len(stack) > 0 {
				for _, e := range stack[len(stack)-1].array {
					if e.str != nil {
						show(e.str)
					} else if e.num < -200 {
						b.WriteString(" ") // a wide kerning gap is a space
					}
				}
			}
		case "Td", "TD", "Tm":
			if len(stack) >= 2 {
				y := stack[len(stack)-1].num
				if t.op == "Tm" || !haveY || y != 0 {
					if t.op == "Tm" && haveY && y == lastY {
						b.WriteString(" ")
					} else {
						newline()
					}
				}
				lastY, haveY = y, true
			}
		case "T*":
			newline()
		case "ET":
			b.WriteString(" ")
		}
		stack = stack[:0]
	}
	newline()
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
