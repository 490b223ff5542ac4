package corpus

import (
	"fmt"
	"math"
	"strings"
	"time"
	"unicode"
)

// A document is laid out from blocks, independent of the PDF writer.
type blockKind int

const (
	kTitle   blockKind = iota // large, bold
	kHeading                  // bold
	kText                     // wrapped paragraph
	kField                    // label and value
	kRow                      // table row, equal columns
	kMRZ                      // one machine-readable line, monospace
	kRule                     // horizontal line
	kGap                      // vertical space
	kSmall                    // small grey text, wrapped
	kBreak                    // page break
)

type align int

const (
	left align = iota
	center
	right
)

type block struct {
	kind  blockKind
	text  string
	label string
	cells []string
	bold  bool
	align align
}

// document is the content of one generated file.
type document struct {
	blocks []block
	// header and footer repeat on every page; "{page}" and "{pages}" are
	// replaced by the page number and count.
	header, footer string
	// PDF metadata.
	title, author, producer string
	created                 time.Time
	lang                    string // de, en, mixed
	letter                  bool   // US Letter instead of A4
	mono                    bool   // typewriter look: everything monospace
}

// builder appends blocks; prose goes through the typo model.
type builder struct {
	r     rng
	d     document
	typos float64 // probability that a word of prose is misspelt
}

func newBuilder(r rng, lang string) *builder {
	b := &builder{r: r, d: document{lang: lang}}
	if r.chance(0.25) {
		b.typos = 0.02 + r.Float64()*0.04
	}
	return b
}

func (b *builder) title(s string) {
	b.d.blocks = append(b.d.blocks, block{kind: kTitle, text: b.misread(s), align: b.titleAlign()})
}
func (b *builder) heading(s string) {
	b.d.blocks = append(b.d.blocks, block{kind: kHeading, text: b.misread(s)})
}

// misread misspells one long word of a title or heading on some of the
// documents with typos: a badly scanned and recognised page, where even
// the title ("Geburtsurkunde") may come out wrong.
func (b *builder) misread(s string) string {
	if b.typos == 0 || !b.r.chance(0.3) {
		return s
	}
	words := strings.Split(s, " ")
	var long []int
	for i, w := range words {
		if len([]rune(w)) >= 6 && allLetters(w) {
			long = append(long, i)
		}
	}
	if len(long) == 0 {
		return s
	}
	i := pick(b.r, long)
	rate := b.typos
	b.typos = 1
	words[i] = b.typo(words[i])
	b.typos = rate
	return strings.Join(words, " ")
}
func (b *builder) centered(s string, bold bool) {
	b.d.blocks = append(b.d.blocks, block{kind: kText, text: s, align: center, bold: bold})
}
func (b *builder) rightText(s string) {
	b.d.blocks = append(b.d.blocks, block{kind: kText, text: s, align: right})
}

// text is prose: typos may apply.
func (b *builder) text(s string) {
	b.d.blocks = append(b.d.blocks, block{kind: kText, text: b.typo(s)})
}

// plain is text without typos (addresses, numbers, names).
func (b *builder) plain(s string) { b.d.blocks = append(b.d.blocks, block{kind: kText, text: s}) }
func (b *builder) bold(s string) {
	b.d.blocks = append(b.d.blocks, block{kind: kText, text: s, bold: true})
}
func (b *builder) small(s string) {
	b.d.blocks = append(b.d.blocks, block{kind: kSmall, text: b.typo(s)})
}

// field is a label and a value; only the label may carry a typo.
func (b *builder) field(label, value string) {
	b.d.blocks = append(b.d.blocks, block{kind: kField, label: b.typo(label), text: value})
}
func (b *builder) row(cells ...string) {
	b.d.blocks = append(b.d.blocks, block{kind: kRow, cells: cells})
}
func (b *builder) boldRow(cells ...string) {
	b.d.blocks = append(b.d.blocks, block{kind: kRow, cells: cells, bold: true})
}
func (b *builder) mrz(lines ...string) {
	for _, l := range lines {
		b.d.blocks = append(b.d.blocks, block{kind: kMRZ, text: l})
	}
}
func (b *builder) rule()      { b.d.blocks = append(b.d.blocks, block{kind: kRule}) }
func (b *builder) gap()       { b.d.blocks = append(b.d.blocks, block{kind: kGap}) }
func (b *builder) pageBreak() { b.d.blocks = append(b.d.blocks, block{kind: kBreak}) }

// lines adds each line as plain text (address blocks).
func (b *builder) lines(ls ...string) {
	for _, l := range ls {
		if l != "" {
			b.plain(l)
		}
	}
}

func (b *builder) titleAlign() align {
	if b.r.chance(0.5) {
		return center
	}
	return left
}

// typo misspells some words of s the way people and OCR do: swapped,
// dropped or doubled letters, umlauts written plain, rn for m.
func (b *builder) typo(s string) string {
	if b.typos == 0 {
		return s
	}
	words := strings.Split(s, " ")
	for i, w := range words {
		if len([]rune(w)) < 5 || !allLetters(w) || !b.r.chance(b.typos) {
			continue
		}
		rs := []rune(w)
		k := 1 + b.r.IntN(len(rs)-2)
		switch b.r.IntN(5) {
		case 0:
			rs[k], rs[k+1] = rs[k+1], rs[k]
		case 1:
			rs = append(rs[:k], rs[k+1:]...)
		case 2:
			rs = append(rs[:k+1], rs[k:]...)
		case 3:
			rs = []rune(strings.NewReplacer("ä", "a", "ö", "o", "ü", "u", "ß", "ss").Replace(w))
		case 4:
			rs = []rune(strings.Replace(w, "m", "rn", 1))
		}
		words[i] = string(rs)
	}
	return strings.Join(words, " ")
}

func allLetters(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

var monthsDE = []string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"}
var monthsEN = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
var monthsFR = []string{"JAN", "FÉV", "MARS", "AVR", "MAI", "JUIN", "JUIL", "AOÛT", "SEPT", "OCT", "NOV", "DÉC"}

func deDate(t time.Time) string { return t.Format("02.01.2006") }
func deDateLong(t time.Time) string {
	return fmt.Sprintf("%d. %s %d", t.Day(), monthsDE[t.Month()-1], t.Year())
}
func enDate(t time.Time) string {
	return fmt.Sprintf("%d %s %d", t.Day(), monthsEN[t.Month()-1], t.Year())
}
func isoDate(t time.Time) string { return t.Format("2006-01-02") }

// passportDate is the trilingual style "12 AUG/AOÛT 74" or "12.08.1974".
func passportDate(r rng, t time.Time) string {
	if r.chance(0.5) {
		return deDate(t)
	}
	en := strings.ToUpper(monthsEN[t.Month()-1][:3])
	return fmt.Sprintf("%02d %s/%s %02d", t.Day(), en, monthsFR[t.Month()-1], t.Year()%100)
}

// anyDate picks one of the German spellings of t.
func anyDate(r rng, t time.Time) string {
	switch r.IntN(4) {
	case 0:
		return deDateLong(t)
	case 1:
		return t.Format("2.1.2006")
	}
	return deDate(t)
}

// euro formats an amount the German way: 4.250,00.
func euro(v float64) string {
	cents := int64(math.Round(v * 100))
	neg := cents < 0
	if neg {
		cents = -cents
	}
	s := fmt.Sprint(cents / 100)
	var g []string
	for len(s) > 3 {
		g = append([]string{s[len(s)-3:]}, g...)
		s = s[:len(s)-3]
	}
	g = append([]string{s}, g...)
	out := strings.Join(g, ".") + fmt.Sprintf(",%02d", cents%100)
	if neg {
		out = "-" + out
	}
	return out
}

// euroEN formats 4,250.00.
func euroEN(v float64) string {
	return strings.NewReplacer(".", ",", ",", ".").Replace(euro(v))
}

// money is an amount with one of the usual currency spellings.
func money(r rng, v float64) string {
	switch r.IntN(4) {
	case 0:
		return euro(v) + " €"
	case 1:
		return "EUR " + euro(v)
	case 2:
		return euro(v) + " EUR"
	}
	return euro(v)
}

// round2 rounds to cents.
func round2(v float64) float64 { return math.Round(v*100) / 100 }

var (
	scanHeaders = []string{"Gescannt mit CamScanner", "Scan vom {date}", "Kopie", "KOPIE – nur zur Vorlage bei Behörden",
		"Fax von +49 228 5550 132 – {date} 10:32 – S. {page}/{pages}", "Eingescannt am {date}", "Abschrift"}
	pageFooters = []string{"Seite {page} von {pages}", "- {page} -", "{page}/{pages}", "Page {page} of {pages}"}
)

// decorate adds a header and footer to some documents.
func (b *builder) decorate(when time.Time) {
	if b.r.chance(0.3) {
		b.d.header = strings.ReplaceAll(pick(b.r, scanHeaders), "{date}", deDate(when.AddDate(0, 0, b.r.IntN(300))))
	}
	if b.r.chance(0.4) {
		b.d.footer = pick(b.r, pageFooters)
	}
}
