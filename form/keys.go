package form

import "sort"

// Keys lists the message keys the definition needs: the form's title, a
// title and caption per section, a heading per page with several fields,
// and label, hint and options per field. The catalogue's completeness
// test uses it, so that no language misses a question.
func (d *Definition) Keys() []string {
	set := map[string]bool{"form." + d.Service + ".title": true}
	for _, s := range d.Sections {
		set["form.sec."+s.ID] = true
		set["form.cap."+s.ID] = true
		if s.Group != nil {
			set["form.group."+s.ID+".add"] = true
			set["form.group."+s.ID+".item"] = true
			set["form.group."+s.ID+".empty"] = true
		}
		for _, p := range s.Pages {
			if len(p.Fields) > 1 {
				set["form.page."+p.ID] = true
			}
			for _, f := range p.Fields {
				set["form.f."+f.Key()] = true
				if f.Hint {
					set["form.f."+f.Key()+".hint"] = true
				}
				if f.Type == Radio {
					for _, o := range f.Options {
						set["form.o."+f.Key()+"."+o] = true
					}
				}
			}
		}
	}
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
