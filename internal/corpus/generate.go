package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"
)

// Options of Generate.
type Options struct {
	Seed  uint64
	Count int    // documents in all, at least MinCount
	Dir   string // the corpus directory; its docs/ folder and truth.json are replaced
	// Fonts for the gopdf documents; nil writes every PDF with the
	// hand-written writer and standard fonts.
	Fonts   *Fonts
	Workers int // 0: one per CPU
}

// MinCount is the smallest corpus: every hostile file, a few photos and
// every category at least once.
var MinCount = len(hostileKinds) + 3 + len(Categories)

// Today is the reference date of every corpus, so that the same seed gives
// the same documents on any day.
var Today = day(2026, 3, 1)

// categoryWeights share the documents out (per hundred, before the fixed
// hostile files and photos).
var categoryWeights = []struct {
	category string
	weight   int
	tmpl     func(*genCtx)
}{
	{"passport", 12, tmplPassport},
	{"residence_permit", 10, tmplResidencePermit},
	{"birth_certificate", 7, tmplBirth},
	{"marriage_certificate", 6, tmplMarriage},
	{"language_certificate", 10, tmplLanguage},
	{"citizenship_test_certificate", 6, tmplCitizenshipTest},
	{"payslip", 11, tmplPayslip},
	{"employment_contract", 8, tmplEmployment},
	{"rental_contract", 6, tmplRental},
	{"health_insurance", 6, tmplHealth},
	{"degree", 6, tmplDegree},
	{"other", 12, tmplOther},
}

// slot is one document to make.
type slot struct {
	hostile  *hostileKind
	photo    bool
	category int // index into categoryWeights
	variant  int // how many of the same kind came before
}

// plan lists the slots in a shuffled order fixed by the seed.
func plan(seed uint64, count int) []slot {
	var slots []slot
	for i := range hostileKinds {
		slots = append(slots, slot{hostile: &hostileKinds[i]})
	}
	photos := max(3, count/50)
	for i := 0; i < photos; i++ {
		slots = append(slots, slot{photo: true, variant: i})
	}
	rest := count - len(slots)
	// Largest remainder, with every category at least once.
	total := 0
	for _, c := range categoryWeights {
		total += c.weight
	}
	n := make([]int, len(categoryWeights))
	left := rest
	for i, c := range categoryWeights {
		n[i] = max(1, rest*c.weight/total)
		left -= n[i]
	}
	for i := 0; left > 0; i = (i + 1) % len(n) {
		n[i]++
		left--
	}
	for i := 0; left < 0; i = (i + 1) % len(n) {
		if n[i] > 1 {
			n[i]--
			left++
		}
	}
	for i, k := range n {
		for v := 0; v < k; v++ {
			slots = append(slots, slot{category: i, variant: v})
		}
	}
	r := newRNG(seed, 0)
	r.Shuffle(len(slots), func(i, j int) { slots[i], slots[j] = slots[j], slots[i] })
	return slots
}

var producers = []string{"Microsoft® Word für Microsoft 365", "LibreOffice 7.6", "DATEV", "SAP NetWeaver 7.50",
	"Adobe PDF Library 17.0", "iText® 5.5.13", "Canon iR-ADV C5535 PDF", "HP LaserJet MFP M428 Scan", "Quartz PDFContext", ""}

// Generate writes the corpus into opt.Dir: docs/dNNNN.ext and truth.json.
func Generate(opt Options) (*Manifest, error) {
	if opt.Count < MinCount {
		return nil, fmt.Errorf("corpus: at least %d documents (every hostile file and category), not %d", MinCount, opt.Count)
	}
	if err := prepareDir(opt.Dir); err != nil {
		return nil, err
	}
	m := &Manifest{Generator: "smdcorpus", Version: 2, Seed: opt.Seed, Count: opt.Count, Today: isoDate(Today),
		Documents: map[string]*Entry{}}
	if opt.Fonts != nil {
		sum := sha256.Sum256(opt.Fonts.Regular)
		m.Font, m.FontSHA256 = opt.Fonts.Path, hex.EncodeToString(sum[:])
	}
	slots := plan(opt.Seed, opt.Count)
	entries := make([]*Entry, len(slots))
	errs := make([]error, len(slots))
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				entries[i], errs[i] = makeDocument(opt, i, slots[i])
			}
		}()
	}
	for i := range slots {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	for _, e := range entries {
		m.Documents[e.File] = e
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(opt.Dir, ManifestName), append(b, '\n'), 0o644); err != nil {
		return nil, err
	}
	return m, nil
}

// prepareDir empties dir/docs, refusing a non-empty directory that holds no
// corpus (so that a wrong -out never deletes someone's files).
func prepareDir(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	if len(ents) > 0 {
		if _, err := os.Stat(filepath.Join(dir, ManifestName)); err != nil {
			return fmt.Errorf("corpus: %s is not empty and holds no %s; refusing to write a corpus there", dir, ManifestName)
		}
	}
	if err := os.RemoveAll(filepath.Join(dir, "docs")); err != nil {
		return err
	}
	return os.MkdirAll(filepath.Join(dir, "docs"), 0o755)
}

// makeDocument makes and writes the i-th document.
func makeDocument(opt Options, i int, s slot) (*Entry, error) {
	r := newRNG(opt.Seed, uint64(i)+1)
	e := &Entry{ExpectAccepted: true, ExpectedFindings: []ExpectedFinding{}}
	g := &genCtx{r: r, b: newBuilder(r, "de"), e: e, today: Today, variant: s.variant}
	var data []byte
	ext := "pdf"
	switch {
	case s.hostile != nil:
		h := s.hostile
		data = h.make(g, opt.Fonts)
		*e = Entry{Format: h.format, Producer: "hostile", Category: "other", Template: "hostile/" + h.name,
			Language: "none", Hostile: h.name, Reason: h.reason,
			ExpectedFindings: []ExpectedFinding{{Severity: "error"}}}
		ext = h.ext
		e.TextLayer = h.format == "pdf" && h.name != "truncated_pdf_header"
	case s.photo:
		w, h := r.between(160, 800), r.between(120, 600)
		img := photo(r, w, h)
		e.Category, e.Language, e.Producer = "other", "none", "image"
		switch s.variant % 3 {
		case 0:
			data, ext, e.Format, e.Template = encodeJPEG(img, r.between(55, 92)), "jpg", "jpeg", "other/photo-jpeg"
		case 1:
			data, ext, e.Format, e.Template = encodePNG(img), "png", "png", "other/photo-png"
		default:
			data, e.Format, e.Template, e.Pages = imagePDF(g, encodeJPEG(img, 75), w, h), "pdf", "other/photo-pdf", 1
		}
	default:
		c := categoryWeights[s.category]
		e.Category = c.category
		c.tmpl(g)
		d := &g.b.d
		// Some uploads lack the title (a cut-off scan), some start with a
		// cover letter and have the document on the next page.
		if r.chance(0.06) && dropTitle(d) {
			e.Template += "+untitled"
		}
		if r.chance(0.05) {
			coverLetter(g)
			e.Template += "+cover"
		}
		if d.lang == "" || d.lang == "de" {
			d.lang = e.Language
		}
		d.producer = pick(r, producers)
		if d.title == "" {
			d.title = pick(r, []string{"", "Scan", "Dokument", e.Name})
		}
		d.created = Today.AddDate(0, 0, -r.between(1, 900)).Add(time.Duration(r.IntN(86400)) * time.Second)
		d.mono = r.chance(0.04)
		st := randomStyle(r, d.letter)
		e.Format, e.TextLayer, e.Typos = "pdf", true, g.b.typos > 0
		if opt.Fonts != nil && (r.chance(0.75) || !winAnsiOK(d)) {
			var err error
			data, e.Pages, err = renderGopdf(d, st, opt.Fonts)
			if err != nil {
				return nil, fmt.Errorf("corpus: document %d (%s): %w", i, e.Template, err)
			}
			e.Producer = "gopdf"
		} else {
			data, e.Pages = renderRaw(d, st, r, rawOptions{})
			e.Producer = "raw-pdf"
		}
	}
	e.File = fmt.Sprintf("docs/d%04d.%s", i+1, ext)
	e.ExpectAccepted = e.Hostile == ""
	if err := os.WriteFile(filepath.Join(opt.Dir, e.File), data, 0o644); err != nil {
		return nil, err
	}
	return e, nil
}

// dropTitle removes the first title of d; false when it has none.
func dropTitle(d *document) bool {
	for i, b := range d.blocks {
		if b.kind == kTitle {
			d.blocks = append(d.blocks[:i], d.blocks[i+1:]...)
			return true
		}
	}
	return false
}

// coverNouns name a document of a category in a cover letter.
var coverNouns = map[string]string{
	"passport": "eine Kopie meines Reisepasses", "residence_permit": "eine Kopie meines Aufenthaltstitels",
	"birth_certificate": "die Geburtsurkunde", "marriage_certificate": "unsere Eheurkunde",
	"language_certificate": "mein Sprachzertifikat", "citizenship_test_certificate": "das Ergebnis meines Einbürgerungstests",
	"payslip": "meine letzte Gehaltsabrechnung", "employment_contract": "meinen Arbeitsvertrag",
	"rental_contract": "meinen Mietvertrag", "health_insurance": "den Nachweis meiner Krankenversicherung",
	"degree": "mein Hochschulzeugnis", "other": "weitere Unterlagen",
}

// coverLetter puts a letter from the applicant in front of the document.
func coverLetter(g *genCtx) {
	r := g.r
	a := g.e.Applicant
	name := "Antragsteller/in"
	if a != nil {
		name = a.GivenNames + " " + a.Surname
	}
	addr := randomAddress(r)
	c := newBuilder(r, "de")
	c.lines(name, addr.Street, addr.Postcode+" "+addr.City)
	c.gap()
	c.lines("An die "+pick(r, []string{"Ausländerbehörde", "Einbürgerungsbehörde", "Stadtverwaltung – Bürgerdienste"}), addr.City)
	c.rightText(addr.City + ", " + deDate(g.today.AddDate(0, 0, -r.between(1, 200))))
	c.bold("Betreff: " + pick(r, []string{"Nachreichung von Unterlagen", "Mein Antrag vom " + deDate(g.today.AddDate(0, -r.between(1, 6), 0)), "Ihr Schreiben – fehlende Nachweise"}) +
		pick(r, []string{"", " – Az. " + randomChars(r, digits, 3) + "/" + randomChars(r, digits, 5)}))
	what := "die angeforderten Unterlagen"
	if r.chance(0.5) {
		what = coverNouns[g.e.Category]
	}
	c.text("Sehr geehrte Damen und Herren,")
	c.text("anbei übersende ich Ihnen " + what + ". Bei Rückfragen erreichen Sie mich telefonisch oder per E-Mail.")
	c.text("Mit freundlichen Grüßen")
	c.plain(name)
	c.pageBreak()
	g.b.d.blocks = append(c.d.blocks, g.b.d.blocks...)
}
