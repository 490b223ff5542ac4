package corpus

import (
	"strings"
)

type face int

const (
	faceRegular face = iota
	faceBold
	faceMono
)

// op is one positioned piece of a page: a line of text, or a rule when
// rule is set. y is the top of the text line, from the top of the page.
type op struct {
	x, y  float64
	text  string
	face  face
	size  float64
	gray  uint8
	rule  bool
	x2    float64
	width float64 // the rule's line width
}

// style varies the look of documents of the same template.
type style struct {
	pageW, pageH   float64
	margin, top    float64
	size           float64 // body font size
	titleSize      float64
	leading        float64 // line height ÷ font size
	labelRatio     float64 // share of the width for a field's label
	fieldMode      int     // 0: label | value columns, 1: "label: value", 2: label above value
	mrzSize        float64
	boldLabels     bool
	paragraphSpace float64
}

func randomStyle(r rng, letter bool) style {
	st := style{pageW: 595.28, pageH: 841.89}
	if letter {
		st.pageW, st.pageH = 612, 792
	}
	st.margin = float64(r.between(40, 80))
	st.top = st.margin + float64(r.between(-10, 30))
	st.size = pick(r, []float64{9, 9.5, 10, 10.5, 11, 12})
	st.titleSize = st.size + float64(r.between(3, 9))
	st.leading = 1.2 + r.Float64()*0.3
	st.labelRatio = 0.28 + r.Float64()*0.17
	st.fieldMode = pick(r, []int{0, 0, 0, 1, 1, 2})
	st.mrzSize = pick(r, []float64{9, 10, 10.5, 11})
	st.boldLabels = r.chance(0.4)
	st.paragraphSpace = st.size * (0.3 + r.Float64()*0.6)
	return st
}

// measurer is the width of s in points, as the PDF writer will draw it.
type measurer func(f face, size float64, s string) float64

// layoutDoc places the blocks on pages.
func layoutDoc(d *document, st style, m measurer) [][]op {
	l := &layouter{st: st, m: m, mono: d.mono, header: d.header != ""}
	l.newPage()
	width := st.pageW - 2*st.margin
	for _, b := range d.blocks {
		switch b.kind {
		case kTitle:
			l.para(b.text, faceBold, st.titleSize, 0, b.align, st.margin, width)
			l.y += st.size * 0.8
		case kHeading:
			l.y += st.size * 0.4
			l.para(b.text, faceBold, st.size+1, 0, b.align, st.margin, width)
			l.y += st.size * 0.2
		case kText:
			f := faceRegular
			if b.bold {
				f = faceBold
			}
			l.para(b.text, f, st.size, 0, b.align, st.margin, width)
			l.y += st.paragraphSpace
		case kSmall:
			l.para(b.text, faceRegular, st.size-1.5, 90, b.align, st.margin, width)
			l.y += st.paragraphSpace
		case kField:
			l.field(b, width)
		case kRow:
			l.row(b, width)
		case kMRZ:
			l.ensure(st.mrzSize * 1.5)
			l.add(op{x: st.margin, y: l.y, text: b.text, face: faceMono, size: st.mrzSize})
			l.y += st.mrzSize * 1.5
		case kRule:
			l.ensure(st.size)
			l.add(op{x: st.margin, y: l.y + st.size*0.3, x2: st.pageW - st.margin, rule: true, width: 0.6})
			l.y += st.size
		case kGap:
			l.y += st.size * 1.2
		case kBreak:
			l.newPage()
		}
	}
	// Header and footer, now that the page count is known.
	n := len(l.pages)
	for i := range l.pages {
		repl := strings.NewReplacer("{page}", itoa(i+1), "{pages}", itoa(n))
		if d.header != "" {
			l.pages[i] = append(l.pages[i], op{x: st.margin, y: st.margin * 0.4, text: repl.Replace(d.header), face: l.face(faceRegular), size: 8, gray: 100})
		}
		if d.footer != "" {
			t := repl.Replace(d.footer)
			w := m(l.face(faceRegular), 8, t)
			l.pages[i] = append(l.pages[i], op{x: (st.pageW - w) / 2, y: st.pageH - st.margin*0.6, text: t, face: l.face(faceRegular), size: 8, gray: 100})
		}
	}
	return l.pages
}

type layouter struct {
	st     style
	m      measurer
	mono   bool
	header bool
	pages  [][]op
	y      float64
}

func (l *layouter) face(f face) face {
	if l.mono {
		return faceMono
	}
	return f
}

func (l *layouter) newPage() {
	l.pages = append(l.pages, nil)
	l.y = l.st.top
	if l.header {
		l.y += 10
	}
}

func (l *layouter) add(o op) {
	o.face = l.face(o.face)
	l.pages[len(l.pages)-1] = append(l.pages[len(l.pages)-1], o)
}

// ensure starts a new page when h points do not fit any more.
func (l *layouter) ensure(h float64) {
	if l.y+h > l.st.pageH-l.st.margin-12 {
		l.newPage()
	}
}

func (l *layouter) lineHeight(size float64) float64 { return size * l.st.leading }

// para wraps text into width at x and draws it line by line.
func (l *layouter) para(text string, f face, size float64, gray uint8, a align, x, width float64) {
	for _, line := range l.wrap(text, l.face(f), size, width) {
		l.ensure(l.lineHeight(size))
		lx := x
		if a != left {
			w := l.m(l.face(f), size, line)
			if a == center {
				lx = x + (width-w)/2
			} else {
				lx = x + width - w
			}
		}
		l.add(op{x: lx, y: l.y, text: line, face: f, size: size, gray: gray})
		l.y += l.lineHeight(size)
	}
}

func (l *layouter) field(b block, width float64) {
	st := l.st
	lf := faceRegular
	if st.boldLabels {
		lf = faceBold
	}
	switch st.fieldMode {
	case 1:
		label := b.label
		if !strings.HasSuffix(label, ":") && !strings.HasSuffix(label, "?") {
			label += ":"
		}
		l.para(label+" "+b.text, faceRegular, st.size, 0, left, st.margin, width)
		l.y += st.paragraphSpace * 0.5
	case 2:
		l.para(b.label, faceRegular, st.size-2, 90, left, st.margin, width)
		l.para(b.text, faceBold, st.size, 0, left, st.margin, width)
		l.y += st.paragraphSpace * 0.5
	default:
		lw := width * st.labelRatio
		labels := l.wrap(b.label, l.face(lf), st.size, lw-8)
		values := l.wrap(b.text, l.face(faceRegular), st.size, width-lw)
		n := max(len(labels), len(values))
		l.ensure(float64(n) * l.lineHeight(st.size))
		for i := 0; i < n; i++ {
			if i < len(labels) {
				l.add(op{x: st.margin, y: l.y, text: labels[i], face: lf, size: st.size})
			}
			if i < len(values) {
				l.add(op{x: st.margin + lw, y: l.y, text: values[i], face: faceRegular, size: st.size})
			}
			l.y += l.lineHeight(st.size)
		}
		l.y += st.paragraphSpace * 0.3
	}
}

func (l *layouter) row(b block, width float64) {
	st := l.st
	n := len(b.cells)
	if n == 0 {
		return
	}
	cw := width / float64(n)
	f := faceRegular
	if b.bold {
		f = faceBold
	}
	cols := make([][]string, n)
	h := 0
	for i, c := range b.cells {
		cols[i] = l.wrap(c, l.face(f), st.size, cw-6)
		h = max(h, len(cols[i]))
	}
	l.ensure(float64(h) * l.lineHeight(st.size))
	for j := 0; j < h; j++ {
		for i := range cols {
			if j >= len(cols[i]) {
				continue
			}
			x := st.margin + float64(i)*cw
			if i > 0 && i == n-1 && n > 1 {
				// Amounts in the last column sit on the right edge.
				x = st.margin + width - l.m(l.face(f), st.size, cols[i][j])
			}
			l.add(op{x: x, y: l.y, text: cols[i][j], face: f, size: st.size})
		}
		l.y += l.lineHeight(st.size)
	}
}

// wrap breaks text into lines no wider than width, at spaces where it can.
func (l *layouter) wrap(text string, f face, size, width float64) []string {
	var lines []string
	for _, para := range strings.Split(text, "\n") {
		words := strings.Fields(para)
		if len(words) == 0 {
			continue
		}
		cur := ""
		for _, w := range words {
			try := w
			if cur != "" {
				try = cur + " " + w
			}
			if l.m(f, size, try) <= width || cur == "" && l.m(f, size, w) <= width {
				cur = try
				continue
			}
			if cur != "" {
				lines = append(lines, cur)
			}
			// A word wider than the line breaks anywhere.
			for l.m(f, size, w) > width {
				rs := []rune(w)
				k := len(rs) - 1
				for k > 1 && l.m(f, size, string(rs[:k])) > width {
					k--
				}
				lines = append(lines, string(rs[:k]))
				w = string(rs[k:])
			}
			cur = w
		}
		if cur != "" {
			lines = append(lines, cur)
		}
	}
	return lines
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b [20]byte
	n := len(b)
	for i > 0 {
		n--
		b[n] = byte('0' + i%10)
		i /= 10
	}
	return string(b[n:])
}
