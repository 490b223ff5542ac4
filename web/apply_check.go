package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/google/uuid"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/apply"
	"github.com/smd-oss/smd/form"
	"github.com/smd-oss/smd/quickcheck"
)

// summaryRow is one answer on the check-answers page and the receipt.
type summaryRow struct {
	Label, Value, Change, ChangeText string
	Missing                          bool
}

// summaryBlock is one section (or one group item) of the summary.
type summaryBlock struct {
	N           int
	Title, ID   string
	Rows        []summaryRow
	Sub         []summaryBlock
	Empty, Edit string
}

type checkPage struct {
	Frame
	FormTitle, Authority, Missing, Action, Back string
	Blocks                                      []summaryBlock
	Incomplete                                  []taskView
	Fees                                        []summaryRow
	Documents                                   []uploadRow
	Version                                     int
	NoAuthority                                 bool
}

// summary builds the readable summary of the answers, per visible
// section, with change links when base is set.
func (s *Server) summary(fr *Frame, def *form.Definition, a *form.Answers, base string) []summaryBlock {
	var out []summaryBlock
	n := 0
	for _, sec := range def.Sections {
		if !sec.Visible(a) || sec.Kind == "documents" {
			continue
		}
		n++
		b := summaryBlock{N: n, ID: sec.ID, Title: fr.T("form.sec." + sec.ID)}
		rows := func(pr pageRef, vals map[string]string) []summaryRow {
			var list []summaryRow
			sc, _ := pr.scope(a)
			for _, p := range sec.VisiblePages(sc) {
				for _, f := range p.Fields {
					if !f.When.Holds(sc) {
						continue
					}
					row := summaryRow{Label: fr.T("form.f." + f.Key()), Value: displayValue(fr, f, vals[f.ID])}
					if row.Value == "" {
						row.Value, row.Missing = fr.T("apply.check.not_given"), true
					}
					if base != "" {
						row.Change, row.ChangeText = pr.url(base, p)+"?zurueck=pruefen", fr.T("apply.check.change")
					}
					list = append(list, row)
				}
			}
			return list
		}
		if sec.Kind == "group" {
			for i, it := range a.Groups[sec.ID] {
				pr := pageRef{sec: sec, item: i + 1}
				sub := summaryBlock{Title: fr.TD("apply.check.item", map[string]any{"Label": fr.T("form.group." + sec.ID + ".item"), "N": i + 1}),
					Rows: rows(pr, it)}
				b.Sub = append(b.Sub, sub)
			}
			if len(b.Sub) == 0 {
				b.Empty = fr.T("apply.check.no_items")
			}
			if base != "" {
				b.Edit = base + "/" + sec.ID
			}
		} else {
			b.Rows = rows(pageRef{sec: sec}, a.Values)
		}
		out = append(out, b)
	}
	return out
}

// applyCheck is the check-answers page ("Angaben prüfen").
func (s *Server) applyCheck(svc smd.Service) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		dc := s.loadDraft(w, r, svc)
		if dc == nil {
			return
		}
		s.renderCheck(w, r, dc, http.StatusOK)
	}
}

func (s *Server) renderCheck(w http.ResponseWriter, r *http.Request, dc *draftCtx, status int) {
	d, now := dc.d, nowFunc()
	p := &checkPage{Frame: s.frame(r, "apply.check.title"), Action: dc.base + "/absenden", Back: dc.base, Version: d.Version}
	p.FormTitle = p.T("form." + string(dc.svc) + ".title")
	p.Title = p.T("apply.check.title") + " – " + p.FormTitle
	for _, sec := range d.Form.Incomplete(&d.Data.Answers, now) {
		p.Incomplete = append(p.Incomplete, taskView{Title: p.T("form.sec." + sec.ID), URL: sectionURL(dc.base, sec, &d.Data.Answers)})
	}
	p.Blocks = s.summary(&p.Frame, d.Form, &d.Data.Answers, dc.base)
	for _, u := range d.Data.Uploads {
		cat := p.T(u.Category)
		if u.Category == apply.OtherCategory {
			cat = p.T("apply.docs.other")
		}
		p.Documents = append(p.Documents, uploadRow{Name: u.Name, Category: cat, Size: humanSize(u.Size)})
	}
	if missing := s.Apply.Missing(d); len(missing) > 0 {
		names := make([]string, len(missing))
		for i, m := range missing {
			names[i] = p.T(m)
		}
		p.Missing = p.TD("apply.docs.missing", map[string]string{"List": strings.Join(names, ", ")})
	}
	for _, f := range s.Apply.Requirements(d).Fees {
		p.Fees = append(p.Fees, summaryRow{Label: p.TD(f.Item.Key, f.Item.Args), Value: quickcheck.FormatAmount(f.Amount, p.Lang.Code) + " €"})
	}
	if postal := d.Data.Answers.Values[d.Form.Routing]; postal != "" {
		if auth, err := s.Authorities.AuthorityFor(r.Context(), postal, dc.svc); err == nil {
			p.Authority = p.TD("apply.check.authority", map[string]string{"Name": auth.Name})
		} else if errCode(err) == smd.ENOTFOUND {
			p.NoAuthority = true
		}
	}
	s.render(w, r, status, "apply_check", p)
}

// applySubmit is the binding submit. Whatever happens to the request (a
// double click, a retry, a replay), it yields one case; the answer is the
// confirmation page.
func (s *Server) applySubmit(svc smd.Service) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id := s.requireApplicant(w, r, svc, r.URL.Path)
		if id == nil {
			return
		}
		if !s.parseApplyForm(w, r) {
			return
		}
		owner := apply.Owner(id.BPK2)
		draftID, err := uuid.Parse(r.PathValue("draft"))
		if err != nil {
			s.notFound(w, r)
			return
		}
		base := draftBase(svc, draftID)
		_, err = s.Apply.Submit(r.Context(), owner, draftID, postedVersion(r), languageFrom(r.Context()).Code)
		var inc *apply.Incomplete
		var noAuth *apply.NoAuthority
		switch {
		case err == nil:
			redirect(w, r, base+"/eingegangen")
		case errors.As(err, &inc):
			redirect(w, r, base+"/pruefen")
		case errors.As(err, &noAuth):
			p := &messagePage{Frame: s.frame(r, "apply.noauth.title"), Link: base + "/contact/address"}
			p.Text = p.TD("apply.noauth.body", map[string]string{"PostalCode": noAuth.PostalCode})
			p.LinkText = p.T("apply.noauth.change")
			s.render(w, r, http.StatusUnprocessableEntity, "apply_message", p)
		case errCode(err) == smd.ECONFLICT:
			s.sessions.Put(r.Context(), "flash", "apply.conflict")
			redirect(w, r, base+"/pruefen")
		default:
			s.handleError(w, r, err)
		}
	}
}

type donePage struct {
	Frame
	Number, Authority, Receipt, Konto, Feedback string
	Next                                        []string
}

// applyDone is the confirmation page ("Antrag eingegangen").
func (s *Server) applyDone(svc smd.Service) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id := s.requireApplicant(w, r, svc, r.URL.Path)
		if id == nil {
			return
		}
		draftID, err := uuid.Parse(r.PathValue("draft"))
		if err != nil {
			s.notFound(w, r)
			return
		}
		rc, err := s.Apply.ReceiptOf(r.Context(), apply.Owner(id.BPK2), draftID)
		if err != nil {
			s.handleError(w, r, err)
			return
		}
		p := &donePage{Frame: s.frame(r, "apply.done.title"), Number: rc.Case.Number, Authority: rc.Authority.Name,
			Konto: "/konto/antraege/" + rc.Case.ID.String(), Feedback: "/barrierefreiheit#rueckmeldung"}
		if s.Receipts != nil {
			p.Receipt = "/konto/antraege/" + rc.Case.ID.String() + "/eingangsbestaetigung.pdf"
		}
		p.Next = []string{p.TD("apply.done.next_authority", map[string]string{"Authority": rc.Authority.Name}),
			p.T("apply.done.next_mail"), p.T("apply.done.next_konto")}
		s.render(w, r, http.StatusOK, "apply_done", p)
	}
}
