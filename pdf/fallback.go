package pdf

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync/atomic"
	"unicode"

	"github.com/signintech/gopdf"
)

// NewFallback renders with the pure-Go github.com/signintech/gopdf using a
// TrueType font file at fontPath (regular) and boldPath (bold), so that any
// Unicode text of Latin, Cyrillic, Turkish characters renders, as far as the
// font has the glyphs (a missing glyph prints as a space). Output is untagged
// (Tagged() false) and has no language entry: use it where Chromium is not
// installed.
//
// The layout is A4 with 2 cm margins: long lines wrap at word boundaries (a
// word wider than the line breaks anywhere), pages break as needed, and
// tables have a bold label column and a value column, both wrapping.
//
// gopdf neither shapes nor reorders text: Arabic (and other right-to-left or
// joined scripts) comes out as isolated letters in the wrong order. That is
// accepted, because the documents are German; use Chromium for Arabic.
//
// It returns an error when a font file cannot be read or is not a TrueType
// font gopdf can use.
func NewFallback(fontPath, boldPath string) (Renderer, error) {
	regular, err := os.ReadFile(fontPath)
	if err != nil {
		return nil, fmt.Errorf("pdf: reading the regular font: %w", err)
	}
	bold, err := os.ReadFile(boldPath)
	if err != nil {
		return nil, fmt.Errorf("pdf: reading the bold font: %w", err)
	}
	f := &fallback{regular: regular, bold: bold}
	// Parse once now, so that a bad font fails here and not at each Render.
	if _, err := f.newPDF(""); err != nil {
		return nil, err
	}
	return f, nil
}

// fallback is the gopdf renderer. It keeps the font files as bytes and
// parses them for every render: gopdf's parsed fonts hold the glyphs used so
// far and cannot be shared between documents or goroutines.
type fallback struct {
	regular, bold []byte
	closed        atomic.Bool
}

// Font family names inside one gopdf document.
const (
	familyRegular = "regular"
	familyBold    = "bold"
)

// Page geometry in points (1/72 inch).
const (
	pageWidth    = 595.28 // A4: 210 mm
	pageHeight   = 841.89 // A4: 297 mm
	pageMargin   = 56.69  // 2 cm
	contentWidth = pageWidth - 2*pageMargin
	labelWidth   = contentWidth * 0.35 // the label column of a table, as in the HTML
	columnGap    = 8
	bulletIndent = 14
)

// Text styles: font size and line height in points.
type style struct {
	bold          bool
	size, leading float64
	gray          uint8 // text colour, 0 is black
}

var (
	titleStyle    = style{bold: true, size: 18, leading: 23}
	subtitleStyle = style{size: 11, leading: 15, gray: 0x33}
	headingStyle  = style{bold: true, size: 13, leading: 17}
	bodyStyle     = style{size: 10.5, leading: 14.7}
	labelStyle    = style{bold: true, size: 10.5, leading: 14.7}
	footerStyle   = style{size: 8.5, leading: 12, gray: 0x33}
)

// Render draws d. See [Renderer] for the error contract.
func (f *fallback) Render(ctx context.Context, d *Document) ([]byte, error) {
	if f.closed.Load() {
		return nil, ErrClosed
	}
	if err := check(d); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	gp, err := f.newPDF(d.Title)
	if err != nil {
		return nil, err
	}
	l := &layout{gp: gp, y: pageMargin}
	if err := l.document(ctx, d); err != nil {
		return nil, err
	}
	out, err := gp.GetBytesPdfReturnErr()
	if err != nil {
		return nil, fmt.Errorf("pdf: writing the PDF: %w", err)
	}
	return out, nil
}

// Tagged is false: gopdf writes no structure tree.
func (f *fallback) Tagged() bool { return false }

// Close makes later renders fail with ErrClosed; there is nothing to release.
func (f *fallback) Close() error {
	f.closed.Store(true)
	return nil
}

// newPDF starts an A4 document with both fonts and its first page.
func (f *fallback) newPDF(title string) (*gopdf.GoPdf, error) {
	gp := &gopdf.GoPdf{}
	gp.Start(gopdf.Config{Unit: gopdf.UnitPT, PageSize: gopdf.Rect{W: pageWidth, H: pageHeight}})
	if err := gp.AddTTFFontData(familyRegular, f.regular); err != nil {
		return nil, fmt.Errorf("pdf: loading the regular font: %w", err)
	}
	if err := gp.AddTTFFontData(familyBold, f.bold); err != nil {
		return nil, fmt.Errorf("pdf: loading the bold font: %w", err)
	}
	gp.SetInfo(gopdf.PdfInfo{Title: title, Creator: "smd", Producer: "smd (gopdf)"})
	gp.AddPage()
	return gp, nil
}

// layout draws blocks top to bottom, adding pages as they fill.
type layout struct {
	gp *gopdf.GoPdf
	y  float64 // top of the next line
}

// document draws the whole document, checking ctx between blocks.
func (l *layout) document(ctx context.Context, d *Document) error {
	if err := l.text(d.Title, pageMargin, contentWidth, titleStyle); err != nil {
		return err
	}
	if d.Subtitle != "" {
		l.y += 2
		if err := l.text(d.Subtitle, pageMargin, contentWidth, subtitleStyle); err != nil {
			return err
		}
	}
	l.y += 12
	for _, b := range d.Blocks {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := l.block(b); err != nil {
			return err
		}
	}
	if d.Footer != "" {
		l.y += 14
		if err := l.text(d.Footer, pageMargin, contentWidth, footerStyle); err != nil {
			return err
		}
	}
	return nil
}

// block draws each part of b that is set, in the order of the HTML.
func (l *layout) block(b Block) error {
	if b.Heading != "" {
		l.y += 8
		// Keep the heading with at least two lines of what follows.
		l.need(headingStyle.leading + 2*bodyStyle.leading)
		if err := l.text(b.Heading, pageMargin, contentWidth, headingStyle); err != nil {
			return err
		}
		l.y += 4
	}
	if b.Text != "" {
		if err := l.text(b.Text, pageMargin, contentWidth, bodyStyle); err != nil {
			return err
		}
		l.y += 8
	}
	if len(b.Rows) > 0 {
		for _, r := range b.Rows {
			if err := l.row(r); err != nil {
				return err
			}
		}
		l.y += 10
	}
	if len(b.Items) > 0 {
		for _, item := range b.Items {
			if err := l.item(item); err != nil {
				return err
			}
		}
		l.y += 10
	}
	return nil
}

// text draws s wrapped to width, starting at x.
func (l *layout) text(s string, x, width float64, st style) error {
	lines, err := l.wrap(s, width, st)
	if err != nil {
		return err
	}
	for _, line := range lines {
		l.need(st.leading)
		if err := l.line(line, x, st); err != nil {
			return err
		}
		l.y += st.leading
	}
	return nil
}

// item draws a bullet list item with a hanging indent.
func (l *layout) item(s string) error {
	lines, err := l.wrap(s, contentWidth-bulletIndent, bodyStyle)
	if err != nil {
		return err
	}
	for i, line := range lines {
		l.need(bodyStyle.leading)
		if i == 0 {
			if err := l.line("•", pageMargin+2, bodyStyle); err != nil {
				return err
			}
		}
		if err := l.line(line, pageMargin+bulletIndent, bodyStyle); err != nil {
			return err
		}
		l.y += bodyStyle.leading
	}
	l.y += 2
	return nil
}

// row draws a table row: the bold label and the value side by side, both
// wrapped, with a rule below. A row that fits on a page is not split.
func (l *layout) row(r Row) error {
	const padding = 4
	labels, err := l.wrap(r.Label, labelWidth-columnGap, labelStyle)
	if err != nil {
		return err
	}
	values, err := l.wrap(r.Value, contentWidth-labelWidth, bodyStyle)
	if err != nil {
		return err
	}
	n := max(len(labels), len(values))
	l.need(min(float64(n)*bodyStyle.leading+2*padding, pageHeight-2*pageMargin))
	l.y += padding
	for i := range n {
		l.need(bodyStyle.leading)
		if i < len(labels) {
			if err := l.line(labels[i], pageMargin, labelStyle); err != nil {
				return err
			}
		}
		if i < len(values) {
			if err := l.line(values[i], pageMargin+labelWidth, bodyStyle); err != nil {
				return err
			}
		}
		l.y += bodyStyle.leading
	}
	l.y += padding
	l.gp.SetStrokeColor(0x99, 0x99, 0x99)
	l.gp.SetLineWidth(0.5)
	l.gp.Line(pageMargin, l.y, pageMargin+contentWidth, l.y)
	return nil
}

// need starts a new page unless h more points fit on this one. At the top
// of a page it does nothing, so an oversized piece cannot loop.
func (l *layout) need(h float64) {
	if l.y+h <= pageHeight-pageMargin || l.y <= pageMargin {
		return
	}
	l.gp.AddPage()
	l.y = pageMargin
}

// line draws one line of text with its top at l.y.
func (l *layout) line(s string, x float64, st style) error {
	if s == "" {
		return nil
	}
	if err := l.font(st); err != nil {
		return err
	}
	l.gp.SetTextColor(st.gray, st.gray, st.gray)
	l.gp.SetXY(x, l.y)
	if err := l.gp.Cell(nil, s); err != nil {
		return fmt.Errorf("pdf: drawing text: %w", err)
	}
	return nil
}

// wrap splits s into lines no wider than width in style st.
func (l *layout) wrap(s string, width float64, st style) ([]string, error) {
	if err := l.font(st); err != nil {
		return nil, err
	}
	return wrap(s, width, l.gp.MeasureTextWidth)
}

// font selects the font of st.
func (l *layout) font(st style) error {
	family := familyRegular
	if st.bold {
		family = familyBold
	}
	if err := l.gp.SetFont(family, "", st.size); err != nil {
		return fmt.Errorf("pdf: selecting the font: %w", err)
	}
	return nil
}

// wrap splits s into lines whose measured width is at most width. Each "\n"
// starts a new line (an empty line stays empty); lines break between words,
// and a word wider than a line breaks between characters. Runs of spaces
// collapse into one, and space at the start and end goes, as in HTML.
func wrap(s string, width float64, measure func(string) (float64, error)) ([]string, error) {
	fits := func(t string) (bool, error) {
		w, err := measure(t)
		if err != nil {
			return false, fmt.Errorf("pdf: measuring text: %w", err)
		}
		return w <= width, nil
	}
	var lines []string
	for _, para := range strings.Split(strings.TrimSpace(normalize(s)), "\n") {
		line := ""
		for _, word := range strings.FieldsFunc(para, isBreakSpace) {
			candidate := word
			if line != "" {
				candidate = line + " " + word
			}
			ok, err := fits(candidate)
			if err != nil {
				return nil, err
			}
			if ok {
				line = candidate
				continue
			}
			if line != "" {
				lines = append(lines, line)
			}
			// Break a word wider than the line between characters.
			line = ""
			for _, r := range word {
				ok, err := fits(line + string(r))
				if err != nil {
					return nil, err
				}
				if !ok && line != "" {
					lines = append(lines, line)
					line = ""
				}
				line += string(r)
			}
		}
		lines = append(lines, line)
	}
	return lines, nil
}

// isBreakSpace reports whether a line may break at r: at a space (normalize
// has made tabs spaces), but not at a no-break space.
func isBreakSpace(r rune) bool { return r == ' ' }

// normalize turns line ends into "\n" and other control characters into
// spaces, which the fonts cannot draw.
func normalize(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\r':
			return '\n'
		case unicode.IsControl(r):
			return ' '
		}
		return r
	}, s)
}
