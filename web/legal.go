package web

import (
	"html/template"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/form"
)

type feedbackForm struct {
	Page, Message, Email Field
}

type legalPage struct {
	Frame
	Content  template.HTML
	Feedback *feedbackForm
}

// legalPage serves one of the legally required pages; the accessibility
// statement carries the feedback form (BGG § 12b).
func (s *Server) legalPage(slug string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.renderCached(w, r, "legal", func() any { return s.newLegalPage(r, slug) })
	}
}

func (s *Server) newLegalPage(r *http.Request, slug string) *legalPage {
	p := &legalPage{Frame: s.frame(r, "page."+slug)}
	p.Content = s.content.pages[slug][p.Lang.Code]
	if slug == "barrierefreiheit" {
		f := &feedbackForm{
			Page:    p.field("seite", "text", "feedback.page"),
			Message: p.field("beschreibung", "textarea", "feedback.message"),
			Email:   p.field("email", "email", "feedback.email"),
		}
		f.Page.Optional, f.Page.Hint = true, p.T("feedback.page_hint")
		f.Email.Optional, f.Email.Autocomplete, f.Email.Spellcheck = true, "email", true
		p.Feedback = f
	}
	return p
}

// postFeedback stores a report of a barrier. Invalid input re-renders the
// statement with every value kept and the errors summarised.
func (s *Server) postFeedback(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.handleError(w, r, err)
		return
	}
	p := s.newLegalPage(r, "barrierefreiheit")
	f := p.Feedback
	f.Page.Value = strings.TrimSpace(r.PostForm.Get("seite"))
	f.Message.Value = strings.TrimSpace(r.PostForm.Get("beschreibung"))
	f.Email.Value = strings.TrimSpace(r.PostForm.Get("email"))
	switch {
	case form.HasControl(f.Page.Value, false):
		p.fail(&f.Page, "feedback.err.control")
	case utf8.RuneCountInString(f.Page.Value) > 500:
		p.fail(&f.Page, "feedback.err.page_long")
	}
	switch {
	case f.Message.Value == "":
		p.fail(&f.Message, "feedback.err.message_missing")
	case form.HasControl(f.Message.Value, true):
		p.fail(&f.Message, "feedback.err.control")
	case utf8.RuneCountInString(f.Message.Value) > 5000:
		p.fail(&f.Message, "feedback.err.message_long")
	}
	if f.Email.Value != "" && !form.ValidEmail(f.Email.Value) {
		p.fail(&f.Email, "feedback.err.email")
	}
	if len(p.Errors) > 0 {
		s.render(w, r, http.StatusUnprocessableEntity, "legal", p)
		return
	}
	fb := &smd.AccessibilityFeedback{Page: f.Page.Value, Message: f.Message.Value, Email: f.Email.Value, Lang: p.Lang.Code}
	if err := s.Feedback.AddFeedback(r.Context(), fb); err != nil {
		s.handleError(w, r, err)
		return
	}
	redirect(w, r, "/barrierefreiheit/danke/"+fb.ID.String())
}

type feedbackThanksPage struct {
	Frame
	Reference string
}

func (s *Server) feedbackThanks(w http.ResponseWriter, r *http.Request) {
	id, err := uuid.Parse(r.PathValue("id"))
	if err != nil {
		s.notFound(w, r)
		return
	}
	fb, err := s.Feedback.FeedbackByID(r.Context(), id)
	if err != nil {
		s.handleError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "feedback_thanks", &feedbackThanksPage{Frame: s.frame(r, "feedback.thanks"), Reference: fb.ID.String()})
}
