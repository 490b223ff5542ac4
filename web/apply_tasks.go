package web

import (
	"net/http"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/apply"
	"github.com/smd-oss/smd/form"
)

type taskView struct {
	Title, URL, Status, StatusLabel, Badge, ID string
}

type tasksPage struct {
	Frame
	FormTitle, Progress, Expiry, ExpiryClass, Check, Delete string
	Kurz, CheckOpen                                         bool
	Tasks                                                   []taskView
	Version                                                 int
}

// expiryWarning is how long before a draft's expiry the pages warn.
const expiryWarning = apply.WarnAhead

var statusBadge = map[form.Status]string{form.NotStarted: "kern-badge--info", form.InProgress: "kern-badge--warning",
	form.Complete: "kern-badge--success", form.CannotStart: "", form.Failed: "kern-badge--danger"}

// applyTasks is the task list ("Antrag – Übersicht").
func (s *Server) applyTasks(svc smd.Service) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		dc := s.loadDraft(w, r, svc)
		if dc == nil {
			return
		}
		d, now := dc.d, nowFunc()
		p := &tasksPage{Frame: s.frame(r, "apply.tasks.title"), FormTitle: "", Kurz: d.Data.Channel == smd.ChannelKurzAntrag,
			Check: dc.base + "/pruefen", Delete: dc.base + "/loeschen", Version: d.Version}
		p.FormTitle = p.T("form." + string(svc) + ".title")
		p.Title = p.T("apply.tasks.title") + " – " + p.FormTitle
		total, done := 0, 0
		for _, sec := range d.Form.Sections {
			if !sec.Visible(&d.Data.Answers) {
				continue
			}
			st := d.Form.Status(sec, &d.Data.Answers, now)
			if sec.Kind == "documents" && st == form.NotStarted && len(d.Data.Uploads) > 0 {
				st = form.InProgress
			}
			total++
			if st == form.Complete {
				done++
			}
			t := taskView{ID: sec.ID, Title: p.T("form.sec." + sec.ID), Status: string(st), StatusLabel: p.T("apply.status." + string(st)), Badge: statusBadge[st]}
			if st != form.CannotStart {
				t.URL = sectionURL(dc.base, sec, &d.Data.Answers)
			}
			p.Tasks = append(p.Tasks, t)
		}
		p.CheckOpen = done == total
		p.Progress = p.TD("apply.tasks.progress", map[string]int{"Done": done, "Total": total})
		if d.ExpiresAt.Sub(now) < expiryWarning {
			p.Expiry, p.ExpiryClass = p.TD("apply.tasks.expiry_warning", map[string]string{"Date": formatDate(d.ExpiresAt, p.Lang.Code)}), "warning"
		} else {
			p.Expiry = p.TD("apply.tasks.expires", map[string]string{"Date": formatDate(d.ExpiresAt, p.Lang.Code)})
		}
		s.render(w, r, http.StatusOK, "apply_tasks", p)
	}
}

// applyDelete is POST …/loeschen: the applicant throws the draft away.
func (s *Server) applyDelete(svc smd.Service) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		dc := s.loadDraft(w, r, svc)
		if dc == nil {
			return
		}
		if err := s.Apply.Delete(r.Context(), dc.owner, dc.d.ID); err != nil {
			s.handleError(w, r, err)
			return
		}
		s.sessions.Put(r.Context(), "flash", "apply.tasks.deleted")
		redirect(w, r, "/konto/antraege")
	}
}
