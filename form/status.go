package form

import "time"

// Status is a section's state in the task list (ui.md).
type Status string

const (
	NotStarted  Status = "not_started"
	InProgress  Status = "in_progress"
	Complete    Status = "complete"
	CannotStart Status = "cannot_start"
	Failed      Status = "error"
)

// Visible reports whether the section applies to these answers.
func (s *Section) Visible(a *Answers) bool { return s.When.Holds(a.MainScope()) }

// VisiblePages are the section's pages that apply in the scope.
func (s *Section) VisiblePages(sc Scope) []*Page {
	var out []*Page
	for _, p := range s.Pages {
		if p.When.Holds(sc) {
			out = append(out, p)
		}
	}
	return out
}

// CheckValues re-validates stored values of one scope's visible pages of
// the section: a definition that changed under a draft, or a hand-crafted
// draft, shows up here.
func (s *Section) CheckValues(sc Scope, vals map[string]string, now time.Time) []*Error {
	var errs []*Error
	for _, p := range s.VisiblePages(sc) {
		_, e := p.ValidatePage(func(f *Field) Raw { return f.RawOf(vals[f.ID]) }, sc, now)
		errs = append(errs, e...)
	}
	return errs
}

// Problems lists what stands between the section and completion: invalid
// or missing answers, and too few group items. Documents sections have
// none here; what documents are missing is a warning, not a blocker.
func (s *Section) Problems(a *Answers, now time.Time) []*Error {
	if !s.Visible(a) {
		return nil
	}
	switch s.Kind {
	case "documents":
		return nil
	case "group":
		items := a.Groups[s.ID]
		var errs []*Error
		if len(items) < s.Group.Min {
			errs = append(errs, &Error{Field: s.ID, Anchor: s.ID, Key: "form.err.group_min", Args: map[string]any{"Min": s.Group.Min}})
		}
		if len(items) > s.Group.Max {
			errs = append(errs, &Error{Field: s.ID, Anchor: s.ID, Key: "form.err.group_max", Args: map[string]any{"Max": s.Group.Max}})
		}
		for _, it := range items {
			errs = append(errs, s.CheckValues(a.ItemScope(it), it, now)...)
		}
		return errs
	}
	return s.CheckValues(a.MainScope(), a.Values, now)
}

// touched reports whether anything of the section was answered.
func (s *Section) touched(a *Answers) bool {
	if a.Done[s.ID] || len(a.Groups[s.ID]) > 0 {
		return true
	}
	for _, p := range s.Pages {
		for _, f := range p.Fields {
			if a.Values[f.ID] != "" {
				return true
			}
		}
	}
	return false
}

// Status returns the section's state for the task list.
func (d *Definition) Status(s *Section, a *Answers, now time.Time) Status {
	for _, r := range s.Requires {
		if rs := d.Section(r); rs != nil && rs.Visible(a) && d.Status(rs, a, now) != Complete {
			return CannotStart
		}
	}
	if !s.touched(a) {
		return NotStarted
	}
	if !a.Done[s.ID] {
		return InProgress
	}
	if len(s.Problems(a, now)) > 0 {
		return Failed
	}
	return Complete
}

// Incomplete lists the visible sections that are not complete, in order.
func (d *Definition) Incomplete(a *Answers, now time.Time) []*Section {
	var out []*Section
	for _, s := range d.Sections {
		if s.Visible(a) && d.Status(s, a, now) != Complete {
			out = append(out, s)
		}
	}
	return out
}

// Fields returns every field of the definition, in order.
func (d *Definition) Fields() []*Field {
	var out []*Field
	for _, s := range d.Sections {
		for _, p := range s.Pages {
			out = append(out, p.Fields...)
		}
	}
	return out
}
