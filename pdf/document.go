// Package pdf renders simple official documents, such as the
// Eingangsbestätigung (the receipt of an online application), to PDF.
//
// A [Document] is deliberately small: a title, headings, paragraphs,
// label/value tables and bullet lists. That is all a receipt or a notice
// needs, and it is small enough for two renderers to produce the same
// document:
//
//   - [NewChromium] prints the accessible HTML of [HTML] with headless
//     Chromium, which gives a tagged PDF (structure for screen readers,
//     language, title): the preferred output.
//   - [NewFallback] draws the document with the pure-Go gopdf library where
//     no Chromium is installed. Its PDF is untagged.
//
// [New] picks the best one available.
package pdf

import (
	"context"
	"errors"
)

// Document is a simple structured document: a title, then blocks in order.
type Document struct {
	Lang     string // BCP 47, e.g. "de"; set as the PDF/HTML language (empty means "de", the authoritative language)
	Title    string // document title (PDF metadata title and the h1); required
	Subtitle string // optional line under the title (e.g. authority name)
	Blocks   []Block
	Footer   string // optional small print at the end
}

// Block is one of: a heading (Heading set), a paragraph (Text set), a table
// of label/value rows (Rows set), or a bullet list (Items set).
//
// Set one field per block. A block with several fields set renders each of
// them, in the order Heading, Text, Rows, Items, so that nothing is lost; an
// empty block renders nothing. A line break ("\n") in a text, a value or an
// item starts a new line, e.g. in a postal address.
type Block struct {
	Heading string
	Text    string
	Rows    []Row
	Items   []string
}

// Row is one line of a table: a label (rendered as a row header) and its value.
type Row struct{ Label, Value string }

// Renderer turns a Document into PDF bytes. Implementations are safe for
// concurrent use.
type Renderer interface {
	// Render returns the PDF of d. It returns an error wrapping
	// [ErrInvalidDocument] when d is nil or has no title, [ErrClosed] after
	// Close, the context's error when ctx ends first, and otherwise an error
	// of the rendering engine. It never returns partial output.
	Render(ctx context.Context, d *Document) ([]byte, error)
	// Tagged reports whether the output is a tagged PDF (PDF/UA-style structure).
	Tagged() bool
	// Close releases the renderer's resources (for Chromium: the browser and
	// its profile directory). It waits for renders in progress. Calling it
	// again returns nil.
	Close() error
}

var (
	// ErrInvalidDocument is wrapped by Render when the document cannot be
	// rendered: it is nil or has no title (a PDF without a title fails
	// accessibility checks, and the title is the h1 of the page).
	ErrInvalidDocument = errors.New("pdf: invalid document")
	// ErrClosed is returned by Render after Close.
	ErrClosed = errors.New("pdf: renderer closed")
)

// check returns an error wrapping ErrInvalidDocument when d cannot be rendered.
func check(d *Document) error {
	switch {
	case d == nil:
		return errors.Join(ErrInvalidDocument, errors.New("pdf: nil document"))
	case d.Title == "":
		return errors.Join(ErrInvalidDocument, errors.New("pdf: document has no title"))
	}
	return nil
}

// lang returns the document language, German when none is set.
func (d *Document) lang() string {
	if d.Lang == "" {
		return "de"
	}
	return d.Lang
}
