package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/apply"
	"github.com/smd-oss/smd/form"
)

type questionPage struct {
	Frame
	Back, Action     string
	Caption, Heading string
	Fields           []FieldView
	Version          int
	Notice           string
	Return           string
}

// pageRef is a question page in a draft: a main page (Item 0) or a page of
// group item Item (1-based; len+1 is a new item).
type pageRef struct {
	sec  *form.Section
	page *form.Page
	item int
}

// scope is where the page's conditions look.
func (pr pageRef) scope(a *form.Answers) (form.Scope, map[string]string) {
	if pr.item == 0 {
		return a.MainScope(), a.Values
	}
	items := a.Groups[pr.sec.ID]
	if pr.item <= len(items) {
		it := items[pr.item-1]
		return a.ItemScope(it), it
	}
	return a.ItemScope(map[string]string{}), map[string]string{}
}

// resolvePage finds the page of the path and checks that it applies.
func resolvePage(r *http.Request, d *apply.Draft) (pageRef, bool) {
	sec := d.Form.Section(r.PathValue("section"))
	if sec == nil || sec.Kind == "documents" || !sec.Visible(&d.Data.Answers) {
		return pageRef{}, false
	}
	pr := pageRef{sec: sec, page: sec.Page(r.PathValue("page"))}
	if pr.page == nil {
		return pageRef{}, false
	}
	if n := r.PathValue("n"); n != "" {
		i, err := strconv.Atoi(n)
		if sec.Kind != "group" || err != nil || i < 1 || i > len(d.Data.Answers.Groups[sec.ID])+1 || i > sec.Group.Max {
			return pageRef{}, false
		}
		// A new item starts on its first page.
		if i == len(d.Data.Answers.Groups[sec.ID])+1 && pr.page != sec.Pages[0] {
			return pageRef{}, false
		}
		pr.item = i
	} else if sec.Kind == "group" {
		return pageRef{}, false
	}
	sc, _ := pr.scope(&d.Data.Answers)
	return pr, pr.page.When.Holds(sc)
}

// pageURL is the address of a page of the draft.
func (pr pageRef) url(base string, p *form.Page) string {
	if pr.item > 0 {
		return base + "/" + pr.sec.ID + "/" + strconv.Itoa(pr.item) + "/" + p.ID
	}
	return base + "/" + pr.sec.ID + "/" + p.ID
}

// neighbour returns the visible page before (-1) or after (+1) this one.
func (pr pageRef) neighbour(a *form.Answers, dir int) *form.Page {
	sc, _ := pr.scope(a)
	pages := pr.sec.VisiblePages(sc)
	for i, p := range pages {
		if p == pr.page && i+dir >= 0 && i+dir < len(pages) {
			return pages[i+dir]
		}
	}
	return nil
}

func (s *Server) questionView(r *http.Request, dc *draftCtx, pr pageRef, raw func(*form.Field) form.Raw, errs []*form.Error) *questionPage {
	fr := s.frame(r, "form.sec."+pr.sec.ID)
	p := &questionPage{Frame: fr, Action: r.URL.Path, Version: dc.d.Version, Caption: fr.T("form.cap." + pr.sec.ID)}
	if pr.item > 0 {
		p.Caption += " – " + fr.T("form.group."+pr.sec.ID+".item") + " " + strconv.Itoa(pr.item)
	}
	if ret := r.URL.Query().Get("zurueck"); ret == "pruefen" {
		p.Return = ret
		p.Action += "?zurueck=pruefen"
	}
	single := len(pr.page.Fields) == 1
	if !single {
		p.Heading = fr.T("form.page." + pr.page.ID)
	}
	byField := map[string]*form.Error{}
	for _, e := range errs {
		byField[e.Field] = e
	}
	sc, _ := pr.scope(&dc.d.Data.Answers)
	for _, f := range pr.page.Fields {
		if !f.When.Holds(sc) {
			continue
		}
		fv := s.fieldView(&p.Frame, f, raw(f), single, p.Caption)
		if pr.item == 0 && dc.d.Data.Prefilled[f.ID] != "" && errs == nil {
			fv.Prefilled = true
		}
		if e := byField[f.ID]; e != nil {
			fv.Error = s.errorText(&p.Frame, dc.d.Form, e)
			p.Errors = append(p.Errors, FormError{Field: e.Anchor, Message: fv.Error})
		}
		p.Fields = append(p.Fields, fv)
	}
	if single {
		p.Title = p.Fields[0].Label
	} else {
		p.Title = p.Heading
	}
	p.Title += " – " + fr.T("form.sec."+pr.sec.ID)
	switch prev := pr.neighbour(&dc.d.Data.Answers, -1); {
	case p.Return != "":
		p.Back = dc.base + "/pruefen"
	case prev != nil:
		p.Back = pr.url(dc.base, prev)
	case pr.item > 0:
		p.Back = dc.base + "/" + pr.sec.ID
	default:
		p.Back = dc.base
	}
	return p
}

// errorText says a field error in the page's language, with the field's
// label (and another field's label for cross-field checks).
func (s *Server) errorText(fr *Frame, def *form.Definition, e *form.Error) string {
	args := map[string]any{}
	for k, v := range e.Args {
		args[k] = v
	}
	if f := def.Field(e.Field); f != nil {
		args["Label"] = fr.T("form.f." + f.Key())
	}
	if other, ok := args["Other"].(string); ok {
		if f := def.Field(other); f != nil {
			args["Other"] = fr.T("form.f." + f.Key())
		}
	}
	return fr.TD(e.Key, args)
}

// applyQuestion serves a question page (GET) and takes its answers (POST).
func (s *Server) applyQuestion(svc smd.Service) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		dc := s.loadDraft(w, r, svc)
		if dc == nil {
			return
		}
		pr, ok := resolvePage(r, dc.d)
		if !ok {
			s.notFound(w, r)
			return
		}
		_, stored := pr.scope(&dc.d.Data.Answers)
		if r.Method == http.MethodGet {
			p := s.questionView(r, dc, pr, func(f *form.Field) form.Raw { return f.RawOf(stored[f.ID]) }, nil)
			s.render(w, r, http.StatusOK, "apply_question", p)
			return
		}
		if !s.parseApplyForm(w, r) {
			return
		}
		later := r.PostForm.Get("action") == "later"
		posted := func(f *form.Field) form.Raw { return f.ReadRaw(r.PostForm) }
		sc, _ := pr.scope(&dc.d.Data.Answers)
		vals, errs := pr.page.ValidatePage(posted, sc, nowFunc())
		if len(errs) > 0 && !later {
			p := s.questionView(r, dc, pr, posted, errs)
			s.render(w, r, http.StatusUnprocessableEntity, "apply_question", p)
			return
		}
		bad := map[string]bool{}
		for _, e := range errs {
			bad[e.Field] = true
		}
		var next string
		d, err := s.Apply.Update(r.Context(), dc.owner, dc.d.ID, postedVersion(r), func(d *apply.Draft) error {
			a := &d.Data.Answers
			target := a.Values
			if pr.item > 0 {
				items := a.Groups[pr.sec.ID]
				if pr.item > len(items) {
					items = append(items, map[string]string{})
					a.Groups[pr.sec.ID] = items
				}
				target = items[pr.item-1]
			}
			for k, v := range vals {
				if !bad[k] {
					target[k] = v
					delete(d.Data.Prefilled, k)
				}
			}
			if later {
				next = dc.base
				return nil
			}
			next = s.afterPage(dc, d, pr, r.URL.Query().Get("zurueck") == "pruefen")
			return nil
		})
		switch {
		case errCode(err) == smd.ECONFLICT && d != nil:
			dc.d = d
			p := s.questionView(r, dc, pr, posted, nil)
			p.Notice = p.T("apply.conflict")
			s.render(w, r, http.StatusConflict, "apply_question", p)
			return
		case err != nil:
			s.handleError(w, r, err)
			return
		}
		if later {
			s.sessions.Put(r.Context(), "flash", "apply.saved")
		}
		redirect(w, r, next)
	}
}

// afterPage decides where "Weiter" leads, marking the section done when
// its last page is answered: the next page of the section, the group's
// list, the check-answers page when the change came from there, the next
// missing answer on the Kurzantrag, else the task list.
func (s *Server) afterPage(dc *draftCtx, d *apply.Draft, pr pageRef, fromCheck bool) string {
	a := &d.Data.Answers
	kurz := d.Data.Channel == smd.ChannelKurzAntrag && pr.item == 0 && !fromCheck
	next := pr.neighbour(a, +1)
	for kurz && next != nil {
		// The Kurzantrag skips pages whose answers are already known.
		_, errs := next.ValidatePage(func(f *form.Field) form.Raw { return f.RawOf(a.Values[f.ID]) }, a.MainScope(), nowFunc())
		if len(errs) > 0 {
			break
		}
		next = (pageRef{sec: pr.sec, page: next}).neighbour(a, +1)
	}
	if next != nil {
		u := pr.url(dc.base, next)
		if fromCheck {
			u += "?zurueck=pruefen"
		}
		return u
	}
	if pr.item > 0 {
		return dc.base + "/" + pr.sec.ID
	}
	a.Done[pr.sec.ID] = true
	switch {
	case fromCheck:
		return dc.base + "/pruefen"
	case d.Data.Channel == smd.ChannelKurzAntrag:
		return s.nextMissing(d)
	}
	return dc.base
}

// sectionStart is GET of a section: the list of a group, the upload page,
// or the first page of a plain section.
func (s *Server) sectionStart(svc smd.Service) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		dc := s.loadDraft(w, r, svc)
		if dc == nil {
			return
		}
		sec := dc.d.Form.Section(r.PathValue("section"))
		if sec == nil || !sec.Visible(&dc.d.Data.Answers) {
			s.notFound(w, r)
			return
		}
		switch sec.Kind {
		case "group":
			s.render(w, r, http.StatusOK, "apply_group", s.groupView(r, dc, sec, nil))
		case "documents":
			s.render(w, r, http.StatusOK, "apply_docs", s.docsView(r, dc, nil))
		default:
			redirect(w, r, sectionURL(dc.base, sec, &dc.d.Data.Answers))
		}
	}
}

type groupItem struct {
	Label, Change, Remove, ChangeHidden string
}

type groupPage struct {
	Frame
	Caption, Lead, Empty, Add, AddLabel, Action, Back string
	Items                                             []groupItem
	Full                                              bool
	Version                                           int
}

func (s *Server) groupView(r *http.Request, dc *draftCtx, sec *form.Section, errs []*form.Error) *groupPage {
	fr := s.frame(r, "form.sec."+sec.ID)
	p := &groupPage{Frame: fr, Caption: fr.T("form.cap." + sec.ID), Lead: fr.T("apply.group.list_lead"), Action: dc.base + "/" + sec.ID,
		Back: dc.base, Version: dc.d.Version, AddLabel: fr.T("form.group." + sec.ID + ".add")}
	items := dc.d.Data.Answers.Groups[sec.ID]
	for i, it := range items {
		var parts []string
		for _, id := range sec.Group.Label {
			if f := dc.d.Form.Field(id); f != nil && it[id] != "" {
				parts = append(parts, displayValue(&p.Frame, f, it[id]))
			}
		}
		n := strconv.Itoa(i + 1)
		label := strings.Join(parts, " ")
		if label == "" {
			label = fr.T("form.group."+sec.ID+".item") + " " + n
		}
		p.Items = append(p.Items, groupItem{Label: label, Change: dc.base + "/" + sec.ID + "/" + n + "/" + sec.Pages[0].ID,
			Remove: dc.base + "/" + sec.ID + "/" + n + "/entfernen", ChangeHidden: label})
	}
	if len(items) == 0 {
		p.Empty = fr.T("form.group." + sec.ID + ".empty")
	}
	p.Full = len(items) >= sec.Group.Max
	if !p.Full {
		p.Add = dc.base + "/" + sec.ID + "/" + strconv.Itoa(len(items)+1) + "/" + sec.Pages[0].ID
	}
	for _, e := range errs {
		p.Errors = append(p.Errors, FormError{Field: "group-add", Message: s.groupErrorText(&p.Frame, dc.d.Form, sec, e)})
	}
	return p
}

func (s *Server) groupErrorText(fr *Frame, def *form.Definition, sec *form.Section, e *form.Error) string {
	if e.Field == sec.ID {
		return fr.TD(e.Key, e.Args)
	}
	return s.errorText(fr, def, e)
}

// groupDone is POST of a group's list: the applicant has added every item.
func (s *Server) groupDone(svc smd.Service) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		dc := s.loadDraft(w, r, svc)
		if dc == nil {
			return
		}
		sec := dc.d.Form.Section(r.PathValue("section"))
		if sec == nil || !sec.Visible(&dc.d.Data.Answers) {
			s.notFound(w, r)
			return
		}
		if sec.Kind == "documents" {
			s.docsPost(w, r, dc)
			return
		}
		if sec.Kind != "group" || !s.parseApplyForm(w, r) {
			if sec.Kind != "group" {
				s.notFound(w, r)
			}
			return
		}
		if errs := sec.Problems(&dc.d.Data.Answers, nowFunc()); len(errs) > 0 {
			s.render(w, r, http.StatusUnprocessableEntity, "apply_group", s.groupView(r, dc, sec, errs))
			return
		}
		d, err := s.Apply.Update(r.Context(), dc.owner, dc.d.ID, postedVersion(r), func(d *apply.Draft) error {
			d.Data.Answers.Done[sec.ID] = true
			return nil
		})
		if errCode(err) == smd.ECONFLICT {
			redirect(w, r, r.URL.Path)
			return
		}
		if err != nil {
			s.handleError(w, r, err)
			return
		}
		if d.Data.Channel == smd.ChannelKurzAntrag {
			redirect(w, r, s.nextMissing(d))
			return
		}
		redirect(w, r, dc.base)
	}
}

// groupRemove is POST …/{n}/entfernen.
func (s *Server) groupRemove(svc smd.Service) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		dc := s.loadDraft(w, r, svc)
		if dc == nil {
			return
		}
		sec := dc.d.Form.Section(r.PathValue("section"))
		n, err := strconv.Atoi(r.PathValue("n"))
		if sec == nil || sec.Kind != "group" || err != nil || n < 1 || n > len(dc.d.Data.Answers.Groups[sec.ID]) {
			s.notFound(w, r)
			return
		}
		if !s.parseApplyForm(w, r) {
			return
		}
		_, err = s.Apply.Update(r.Context(), dc.owner, dc.d.ID, postedVersion(r), func(d *apply.Draft) error {
			items := d.Data.Answers.Groups[sec.ID]
			d.Data.Answers.Groups[sec.ID] = append(items[:n-1:n-1], items[n:]...)
			return nil
		})
		if err != nil && errCode(err) != smd.ECONFLICT {
			s.handleError(w, r, err)
			return
		}
		if err == nil {
			s.sessions.Put(r.Context(), "flash", "apply.group.removed")
		}
		redirect(w, r, dc.base+"/"+sec.ID)
	}
}
