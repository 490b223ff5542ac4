package web

import "strings"

// Field is the view model of one labelled input, rendered by the "input"
// partial with its hint, inline error and ARIA links.
type Field struct {
	ID, Name, Type string
	Label, Hint    string
	Value          string
	Error          string
	ErrorPrefix    string
	Autocomplete   string
	Optional       bool
	OptionalText   string
	Spellcheck     bool
}

// DescribedBy lists the hint and error ids for aria-describedby.
func (f Field) DescribedBy() string {
	var ids []string
	if f.Hint != "" {
		ids = append(ids, f.ID+"-hint")
	}
	if f.Error != "" {
		ids = append(ids, f.ID+"-error")
	}
	return strings.Join(ids, " ")
}

// field makes a Field with the frame's translations.
func (f *Frame) field(id, typ, labelKey string) Field {
	return Field{ID: id, Name: id, Type: typ, Label: f.T(labelKey),
		ErrorPrefix: f.T("frame.error_inline_prefix"), OptionalText: f.T("frame.optional")}
}

// fail sets the field's error and adds it to the summary with the same words.
func (f *Frame) fail(fd *Field, msgKey string) {
	fd.Error = f.T(msgKey)
	f.Errors = append(f.Errors, FormError{Field: fd.ID, Message: fd.Error})
}
