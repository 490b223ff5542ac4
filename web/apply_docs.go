package web

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/google/uuid"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/apply"
	"github.com/smd-oss/smd/upload"
)

type uploadRow struct {
	ID, Name, Category, Size string
}

type docsPage struct {
	Frame
	Caption, Lead, Action, Back string
	Needed                      []docNeed
	Categories                  []OptionView
	Uploads                     []uploadRow
	CategoryError, FileError    string
	Version                     int
	Full                        bool
}

type docNeed struct {
	Label string
	Have  bool
}

// docsView builds the upload page: what the rules engine asks for, what
// is there, and the form for the next file.
func (s *Server) docsView(r *http.Request, dc *draftCtx, chosen *string) *docsPage {
	fr := s.frame(r, "form.sec.documents")
	p := &docsPage{Frame: fr, Caption: fr.T("form.cap.documents"), Action: dc.base + "/documents", Back: dc.base, Version: dc.d.Version}
	p.Lead = fr.TD("apply.docs.lead", map[string]string{"Max": humanSize(s.UploadLimits.MaxBytes)})
	req := s.Apply.Requirements(dc.d)
	for _, doc := range req.Documents {
		have := slices.ContainsFunc(dc.d.Data.Uploads, func(u apply.Upload) bool { return u.Category == doc })
		p.Needed = append(p.Needed, docNeed{Label: fr.T(doc), Have: have})
		p.Categories = append(p.Categories, OptionView{ID: "kategorie-" + doc, Value: doc, Label: fr.T(doc)})
	}
	p.Categories = append(p.Categories, OptionView{Value: apply.OtherCategory, Label: fr.T("apply.docs.other")})
	for i := range p.Categories {
		p.Categories[i].Checked = chosen != nil && *chosen == p.Categories[i].Value
	}
	for _, u := range dc.d.Data.Uploads {
		cat := fr.T(u.Category)
		if u.Category == apply.OtherCategory {
			cat = fr.T("apply.docs.other")
		}
		p.Uploads = append(p.Uploads, uploadRow{ID: u.ID.String(), Name: u.Name, Category: cat, Size: humanSize(u.Size)})
	}
	p.Full = len(dc.d.Data.Uploads) >= s.Apply.MaxUploads
	return p
}

// docsPost takes the upload page's buttons: upload a file, remove one, or
// go on.
func (s *Server) docsPost(w http.ResponseWriter, r *http.Request, dc *draftCtx) {
	if !s.parseApplyForm(w, r) {
		return
	}
	version := postedVersion(r)
	switch r.PostForm.Get("action") {
	case "remove":
		id, err := uuid.Parse(r.PostForm.Get("upload"))
		if err != nil {
			s.notFound(w, r)
			return
		}
		_, err = s.Apply.RemoveUpload(r.Context(), dc.owner, dc.d.ID, version, id)
		switch {
		case err == nil:
			s.sessions.Put(r.Context(), "flash", "apply.docs.removed")
		case errCode(err) == smd.ECONFLICT:
			s.sessions.Put(r.Context(), "flash", "apply.conflict")
		default:
			s.handleError(w, r, err)
			return
		}
		redirect(w, r, dc.base+"/documents")
	case "upload":
		s.docsUpload(w, r, dc, version)
	default:
		d, err := s.Apply.Update(r.Context(), dc.owner, dc.d.ID, version, func(d *apply.Draft) error {
			d.Data.Answers.Done["documents"] = true
			return nil
		})
		if errCode(err) == smd.ECONFLICT {
			redirect(w, r, dc.base+"/documents")
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

func (s *Server) docsUpload(w http.ResponseWriter, r *http.Request, dc *draftCtx, version int) {
	category := r.PostForm.Get("kategorie")
	fail := func(status int, categoryMsg, fileMsg string) {
		p := s.docsView(r, dc, &category)
		if categoryMsg != "" {
			p.CategoryError = categoryMsg
			anchor := "kategorie-" + apply.OtherCategory
			if len(p.Categories) > 0 && p.Categories[0].ID != "" {
				anchor = p.Categories[0].ID
			}
			p.Errors = append(p.Errors, FormError{Field: anchor, Message: categoryMsg})
		}
		if fileMsg != "" {
			p.FileError = fileMsg
			p.Errors = append(p.Errors, FormError{Field: "datei", Message: fileMsg})
		}
		s.render(w, r, status, "apply_docs", p)
	}
	fr := s.frame(r, "form.sec.documents")
	valid := category == apply.OtherCategory || slices.Contains(s.Apply.Requirements(dc.d).Documents, category)
	var catMsg string
	if !valid {
		catMsg = fr.T("apply.docs.err.category")
	}
	if len(dc.d.Data.Uploads) >= s.Apply.MaxUploads {
		fail(http.StatusUnprocessableEntity, "", fr.TD("apply.docs.err.count", map[string]int{"Max": s.Apply.MaxUploads}))
		return
	}
	file, hdr, err := r.FormFile("datei")
	if err != nil {
		fail(http.StatusUnprocessableEntity, catMsg, fr.T("apply.docs.err.none"))
		return
	}
	defer file.Close()
	if catMsg != "" {
		fail(http.StatusUnprocessableEntity, catMsg, "")
		return
	}
	f, err := upload.Read(file, hdr.Filename, s.UploadLimits)
	var refused *upload.Refused
	if errors.As(err, &refused) {
		fail(http.StatusUnprocessableEntity, "", fr.TD("apply.docs.err."+refused.Reason, map[string]string{"Max": humanSize(s.UploadLimits.MaxBytes)}))
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if msg := s.checkUpload(r.Context(), &fr, f); msg != "" {
		fail(http.StatusUnprocessableEntity, "", msg)
		return
	}
	_, err = s.Apply.AddUpload(r.Context(), dc.owner, dc.d.ID, version, category, f)
	switch {
	case err == nil:
		s.sessions.Put(r.Context(), "flash", "apply.docs.added")
	case errCode(err) == smd.ECONFLICT:
		s.sessions.Put(r.Context(), "flash", "apply.conflict")
	case errCode(err) == smd.EINVALID:
		fail(http.StatusUnprocessableEntity, "", fr.TD("apply.docs.err.count", map[string]int{"Max": s.Apply.MaxUploads}))
		return
	default:
		s.handleError(w, r, err)
		return
	}
	redirect(w, r, dc.base+"/documents")
}

// humanSize says a byte count the way people read it.
func humanSize(n int64) string {
	switch {
	case n >= 1<<20:
		return trimZero(float64(n)/(1<<20)) + " MB"
	case n >= 1<<10:
		return trimZero(float64(n)/(1<<10)) + " KB"
	}
	return itoa64(n) + " B"
}

func trimZero(x float64) string {
	s := strconv.FormatFloat(x, 'f', 1, 64)
	return strings.TrimSuffix(s, ".0")
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }
