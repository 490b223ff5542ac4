package web

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/google/uuid"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/apply"
	"github.com/smd-oss/smd/bundid"
	"github.com/smd-oss/smd/form"
)

// The online application (issue "Online applications and Kurzantrag"):
// a start page per service and channel, then, per draft, a task list,
// question pages, repeating groups, the upload page, check answers, the
// binding submit and the confirmation. Every page is post/redirect/get;
// every POST names the draft version it was based on.

func applyBase(svc smd.Service, channel smd.Channel) string {
	if channel == smd.ChannelKurzAntrag {
		return "/" + string(svc) + "/kurzantrag"
	}
	return "/" + string(svc) + "/antrag"
}

// draftBase is the address of a draft's pages.
func draftBase(svc smd.Service, id uuid.UUID) string {
	return "/" + string(svc) + "/antrag/" + id.String()
}

// levelFor is the BundID level the service requires.
func (s *Server) levelFor(svc smd.Service) bundid.Level {
	if l, ok := s.BundIDLevels[svc]; ok {
		return l
	}
	return s.BundIDLevel
}

// requireApplicant returns the signed-in applicant with the service's
// level, or sends them to sign in (again, at a higher level) and returns nil.
func (s *Server) requireApplicant(w http.ResponseWriter, r *http.Request, svc smd.Service, next string) *bundid.Identity {
	id := s.applicant(r)
	if id != nil && id.Level >= s.levelFor(svc) {
		return id
	}
	signIn := "/bundid/anmelden?" + url.Values{"next": {next}, "leistung": {string(svc)}}.Encode()
	if id == nil && r.Method == http.MethodPost && next != applyBase(svc, smd.ChannelOnline) && next != applyBase(svc, smd.ChannelKurzAntrag) {
		// An answer sent after the session ended: say so plainly instead
		// of silently dropping it on the way to the sign-in (ui.md 9).
		p := &messagePage{Frame: s.frame(r, "apply.session.title"), Link: signIn}
		p.Text, p.LinkText = p.T("apply.session.body"), p.T("apply.session.link")
		s.render(w, r, http.StatusUnauthorized, "apply_message", p)
		return nil
	}
	redirect(w, r, signIn)
	return nil
}

type applyStartPage struct {
	Frame
	Service, Action, KurzLink, Lead string
	Kurz                            bool
	SignedIn                        bool
	SignIn                          string
	Drafts                          []draftLink
}

type draftLink struct {
	URL, Title, Detail string
	Kurz               bool
}

// applyStart is GET /<service>/antrag and /<service>/kurzantrag: what the
// application needs, the drafts to resume and the button that starts one.
func (s *Server) applyStart(svc smd.Service, channel smd.Channel) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		titleKey := "form." + string(svc) + ".title"
		p := &applyStartPage{Frame: s.frame(r, titleKey), Service: string(svc), Action: applyBase(svc, channel),
			Kurz: channel == smd.ChannelKurzAntrag}
		if p.Kurz {
			p.Title = p.T("apply.kurz.title") + ": " + p.T(titleKey)
			p.Lead = p.T("apply.kurz.lead")
		} else {
			p.Lead = p.T("apply.start.lead")
			p.KurzLink = applyBase(svc, smd.ChannelKurzAntrag)
		}
		id := s.applicant(r)
		p.SignedIn = id != nil && id.Level >= s.levelFor(svc)
		p.SignIn = "/bundid/anmelden?" + url.Values{"next": {applyBase(svc, channel)}, "leistung": {string(svc)}}.Encode()
		if p.SignedIn {
			drafts, err := s.Apply.List(r.Context(), apply.Owner(id.BPK2))
			if err != nil {
				s.serverError(w, r, err)
				return
			}
			for _, d := range drafts {
				if d.Service != svc {
					continue
				}
				p.Drafts = append(p.Drafts, s.draftLink(&p.Frame, d))
			}
		}
		s.render(w, r, http.StatusOK, "apply_start", p)
	}
}

func (s *Server) draftLink(fr *Frame, d *apply.Draft) draftLink {
	return draftLink{URL: draftBase(d.Service, d.ID), Title: fr.T("form." + string(d.Service) + ".title"),
		Kurz: d.Data.Channel == smd.ChannelKurzAntrag,
		Detail: fr.TD("apply.start.draft_item", map[string]string{"Saved": formatDateTime(d.UpdatedAt, fr.Lang.Code),
			"Expires": formatDate(d.ExpiresAt, fr.Lang.Code)})}
}

// applyCreate is POST /<service>/antrag and /<service>/kurzantrag.
func (s *Server) applyCreate(svc smd.Service, channel smd.Channel) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id := s.requireApplicant(w, r, svc, applyBase(svc, channel))
		if id == nil {
			return
		}
		src := apply.Sources{Identity: id, Lang: languageFrom(r.Context()).Code}
		if channel == smd.ChannelKurzAntrag {
			var req struct {
				Facts map[string]json.RawMessage `json:"facts"`
			}
			if json.Unmarshal(qcFacts(svc, s.qcAnswers(r, svc)), &req) == nil {
				src.Facts = req.Facts
			}
		}
		d, err := s.Apply.Start(r.Context(), apply.Owner(id.BPK2), svc, channel, src)
		if err != nil {
			s.handleError(w, r, err)
			return
		}
		if channel == smd.ChannelKurzAntrag {
			redirect(w, r, s.nextMissing(d))
			return
		}
		redirect(w, r, draftBase(svc, d.ID))
	}
}

// nextMissing is the first page that still needs an answer, or the
// check-answers page: the Kurzantrag asks only what is missing.
func (s *Server) nextMissing(d *apply.Draft) string {
	base := draftBase(d.Service, d.ID)
	for _, sec := range d.Form.Incomplete(&d.Data.Answers, nowFunc()) {
		if d.Form.Status(sec, &d.Data.Answers, nowFunc()) == form.CannotStart {
			continue
		}
		return firstMissingPage(base, sec, &d.Data.Answers)
	}
	return base + "/pruefen"
}

// firstMissingPage is the first page of a plain section whose answers are
// missing or invalid; groups and documents start at their list.
func firstMissingPage(base string, sec *form.Section, a *form.Answers) string {
	if sec.Kind == "" {
		for _, p := range sec.VisiblePages(a.MainScope()) {
			_, errs := p.ValidatePage(func(f *form.Field) form.Raw { return f.RawOf(a.Values[f.ID]) }, a.MainScope(), nowFunc())
			if len(errs) > 0 {
				return base + "/" + sec.ID + "/" + p.ID
			}
		}
	}
	return sectionURL(base, sec, a)
}

// sectionURL is where a section starts: its list for groups and
// documents, else its first visible page.
func sectionURL(base string, sec *form.Section, a *form.Answers) string {
	if sec.Kind != "" {
		return base + "/" + sec.ID
	}
	if pages := sec.VisiblePages(a.MainScope()); len(pages) > 0 {
		return base + "/" + sec.ID + "/" + pages[0].ID
	}
	return base
}

// draftCtx is a loaded draft with its owner, for the draft pages.
type draftCtx struct {
	svc   smd.Service
	owner string
	d     *apply.Draft
	base  string
}

// loadDraft authenticates the applicant and loads the draft named in the
// path. A draft that is not the applicant's is 404, exactly like one that
// does not exist; one that was submitted shows "already sent".
func (s *Server) loadDraft(w http.ResponseWriter, r *http.Request, svc smd.Service) *draftCtx {
	id := s.requireApplicant(w, r, svc, r.URL.Path)
	if id == nil {
		return nil
	}
	draftID, err := uuid.Parse(r.PathValue("draft"))
	if err != nil {
		s.notFound(w, r)
		return nil
	}
	owner := apply.Owner(id.BPK2)
	d, err := s.Apply.Load(r.Context(), owner, draftID)
	if errCode(err) == smd.ENOTFOUND {
		if _, rerr := s.Apply.ReceiptOf(r.Context(), owner, draftID); rerr == nil {
			p := &messagePage{Frame: s.frame(r, "apply.already.title"), Text: "", Link: draftBase(svc, draftID) + "/eingegangen"}
			p.Text, p.LinkText = p.T("apply.already.body"), p.T("apply.already.link")
			s.render(w, r, http.StatusOK, "apply_message", p)
			return nil
		}
		p := &messagePage{Frame: s.frame(r, "apply.expired.title"), Link: applyBase(svc, smd.ChannelOnline)}
		p.Text, p.LinkText = p.T("apply.expired.body"), p.T("apply.start.begin")
		s.render(w, r, http.StatusNotFound, "apply_message", p)
		return nil
	}
	if err != nil {
		s.serverError(w, r, err)
		return nil
	}
	if d.Service != svc {
		s.notFound(w, r)
		return nil
	}
	return &draftCtx{svc: svc, owner: owner, d: d, base: draftBase(svc, d.ID)}
}

type messagePage struct {
	Frame
	Text, Link, LinkText string
}

// postedVersion reads the draft version a form was based on.
func postedVersion(r *http.Request) int {
	v, _ := strconv.Atoi(r.PostFormValue("version"))
	return v
}

// formatDate and formatDateTime show times in Berlin, as the language writes dates.
func formatDate(t time.Time, lang string) string {
	t = t.In(berlin)
	switch lang {
	case "en":
		return t.Format("2 January 2006")
	default:
		return t.Format("02.01.2006")
	}
}

func formatDateTime(t time.Time, lang string) string {
	return formatDate(t, lang) + ", " + t.In(berlin).Format("15:04")
}

// parseApplyForm parses a urlencoded or multipart body; a body over the
// limit is a 413 page, anything else unreadable a 400.
func (s *Server) parseApplyForm(w http.ResponseWriter, r *http.Request) bool {
	var err error
	if ct := r.Header.Get("Content-Type"); len(ct) >= 19 && ct[:19] == "multipart/form-data" {
		err = r.ParseMultipartForm(1 << 20)
	} else {
		err = r.ParseForm()
	}
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			s.tooLarge(w, r)
			return false
		}
		s.errorPage(w, r, http.StatusBadRequest, "400")
		return false
	}
	return true
}
