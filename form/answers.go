package form

import "slices"

// Answers are what an applicant has entered so far: the values of the
// main form, the items of repeating groups and the sections they have
// finished. Values are canonical (dates as YYYY-MM-DD, amounts with a
// point), as Validate produces them.
type Answers struct {
	Values map[string]string              `json:"values,omitempty"`
	Groups map[string][]map[string]string `json:"groups,omitempty"`
	Done   map[string]bool                `json:"done,omitempty"`
}

// Scope is where conditions and cross-field checks look values up: the
// values a page is about to save (Local), a group item, then the main
// answers.
type Scope struct {
	Local map[string]string
	Item  map[string]string
	Main  map[string]string
}

// Get returns the value of id in the scope.
func (s Scope) Get(id string) string {
	if v, ok := s.Local[id]; ok {
		return v
	}
	if v, ok := s.Item[id]; ok {
		return v
	}
	return s.Main[id]
}

// Holds reports whether the condition holds; a nil condition always does.
func (c *Cond) Holds(s Scope) bool {
	return c == nil || slices.Contains(c.In, s.Get(c.Field))
}

// Ensure makes the maps usable.
func (a *Answers) Ensure() {
	if a.Values == nil {
		a.Values = map[string]string{}
	}
	if a.Groups == nil {
		a.Groups = map[string][]map[string]string{}
	}
	if a.Done == nil {
		a.Done = map[string]bool{}
	}
}

// MainScope is the scope of the main answers.
func (a *Answers) MainScope() Scope { return Scope{Main: a.Values} }

// ItemScope is the scope of one group item.
func (a *Answers) ItemScope(item map[string]string) Scope { return Scope{Item: item, Main: a.Values} }
