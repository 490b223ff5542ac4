package web

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"

	"github.com/google/uuid"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/apply"
	"github.com/smd-oss/smd/bundid"
	"github.com/smd-oss/smd/pdf"
)

type caseRow struct {
	Number, Service, Received, Status, Explain, URL string
}

type kontoPage struct {
	Frame
	SignedIn string
	Drafts   []draftLink
	Cases    []caseRow
}

// myApplications is /konto/antraege: the applicant's drafts to resume and
// their cases with a plain-language status ("Meine Anträge").
func (s *Server) myApplications(w http.ResponseWriter, r *http.Request) {
	id := s.applicant(r)
	if id == nil {
		redirect(w, r, "/bundid/anmelden?next=/konto/antraege")
		return
	}
	p := &kontoPage{Frame: s.frame(r, "konto.title")}
	p.SignedIn = p.TD("konto.signed_in", map[string]string{"Name": id.GivenName + " " + id.Surname, "Level": p.T("level." + id.Level.String())})
	if s.Apply != nil {
		owner := apply.Owner(id.BPK2)
		drafts, err := s.Apply.List(r.Context(), owner)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		for _, d := range drafts {
			p.Drafts = append(p.Drafts, s.draftLink(&p.Frame, d))
		}
		cases, err := s.Apply.Applications.ListOwnerCases(r.Context(), owner)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		for _, oc := range cases {
			c := oc.Case
			p.Cases = append(p.Cases, caseRow{Number: c.Number, Service: p.T("form." + string(c.Service) + ".title"),
				Received: formatDate(c.ReceivedAt, p.Lang.Code), Status: p.T("status." + string(c.Status)),
				Explain: p.T("konto.explain." + string(c.Status)), URL: "/konto/antraege/" + c.ID.String()})
		}
	}
	s.render(w, r, http.StatusOK, "konto", p)
}

// applicantVisible are the actions an applicant sees in their history;
// internal steps (notes, checklists, assignments) stay internal.
var applicantVisible = []smd.ActionName{smd.ActSubmitted, smd.ActClaimed, smd.ActDocumentRequested, smd.ActDocumentReceived,
	smd.ActParticipationSent, smd.ActParticipationAnswered, smd.ActSuspended, smd.ActResumed, smd.ActDecided,
	smd.ActAppointmentOffered, smd.ActAppointmentBooked, smd.ActOriginalsInspected, smd.ActBiometricsTaken,
	smd.ActDeclarationOfAllegianceMade, smd.ActCertificateHandedOver, smd.ActCardHandedOver, smd.ActWithdrawn, smd.ActClosed}

type historyRow struct{ When, What string }

type kontoCasePage struct {
	Frame
	Number, Service, Authority, Received, Channel, Status, Explain, Receipt string
	History                                                                 []historyRow
	Request                                                                 *requestView
	Version                                                                 int
}

// ownedCase loads a case of the signed-in applicant; 404 for any other.
func (s *Server) ownedCase(w http.ResponseWriter, r *http.Request) (*bundid.Identity, *apply.Receipt, bool) {
	id := s.applicant(r)
	if id == nil {
		redirect(w, r, "/bundid/anmelden?next="+r.URL.Path)
		return nil, nil, false
	}
	caseID, err := uuid.Parse(r.PathValue("case"))
	if err != nil || s.Apply == nil {
		s.notFound(w, r)
		return nil, nil, false
	}
	rc, err := s.ownerReceipt(r.Context(), apply.Owner(id.BPK2), caseID)
	if err != nil {
		s.handleError(w, r, err)
		return nil, nil, false
	}
	return id, rc, true
}

func (s *Server) ownerReceipt(ctx context.Context, owner string, caseID uuid.UUID) (*apply.Receipt, error) {
	app, err := s.Apply.Applications.OwnerApplication(ctx, owner, caseID)
	if err != nil {
		return nil, err
	}
	c, err := s.Cases.CaseByID(ctx, app.AuthorityID, app.CaseID)
	if err != nil {
		return nil, err
	}
	auth, err := s.Authorities.AuthorityByID(ctx, app.AuthorityID)
	if err != nil {
		return nil, err
	}
	return &apply.Receipt{Case: c, Authority: auth, Application: app}, nil
}

// kontoCase is /konto/antraege/{case}: one case with its history and,
// while the authority waits for documents, the form to send them.
func (s *Server) kontoCase(w http.ResponseWriter, r *http.Request) {
	_, rc, ok := s.ownedCase(w, r)
	if !ok {
		return
	}
	p, err := s.kontoCaseModel(r, rc)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "konto_case", p)
}

func (s *Server) kontoCaseModel(r *http.Request, rc *apply.Receipt) (*kontoCasePage, error) {
	c := rc.Case
	p := &kontoCasePage{Frame: s.frame(r, "konto.title"), Number: c.Number, Authority: rc.Authority.Name, Version: c.Version}
	p.Title = p.TD("konto.case_title", map[string]string{"Number": c.Number})
	p.Service = p.T("form." + string(c.Service) + ".title")
	p.Received = formatDateTime(c.ReceivedAt, p.Lang.Code)
	p.Channel = p.T("konto.channel." + string(c.Channel))
	p.Status, p.Explain = p.T("status."+string(c.Status)), p.T("konto.explain."+string(c.Status))
	if s.Receipts != nil {
		p.Receipt = "/konto/antraege/" + c.ID.String() + "/eingangsbestaetigung.pdf"
	}
	actions, err := s.Cases.ListActions(r.Context(), c.AuthorityID, c.ID)
	if err != nil {
		return nil, err
	}
	for _, a := range actions {
		if slices.Contains(applicantVisible, a.Name) {
			p.History = append(p.History, historyRow{When: formatDateTime(a.At, p.Lang.Code), What: p.T("konto.act." + string(a.Name))})
		}
	}
	p.Request = s.requestViewFor(&p.Frame, c, openRequest(c, actions))
	return p, nil
}

// kontoReceipt serves the Eingangsbestätigung as PDF.
func (s *Server) kontoReceipt(w http.ResponseWriter, r *http.Request) {
	_, rc, ok := s.ownedCase(w, r)
	if !ok {
		return
	}
	if s.Receipts == nil {
		s.notFound(w, r)
		return
	}
	fr := s.frame(r, "receipt.title")
	doc, err := s.receiptDocument(&fr, rc)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	b, err := s.Receipts.Render(r.Context(), doc)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("Content-Disposition", `attachment; filename="Eingangsbestaetigung-`+rc.Case.Number+`.pdf"`)
	h.Set("Cache-Control", "no-store")
	_, _ = w.Write(b)
}

// receiptDocument is the Eingangsbestätigung: case number, authority, a
// summary of the data and the document list.
func (s *Server) receiptDocument(fr *Frame, rc *apply.Receipt) (*pdf.Document, error) {
	var sub apply.Submitted
	if err := json.Unmarshal(rc.Application.Data, &sub); err != nil {
		return nil, err
	}
	def := s.Apply.Forms[sub.Service]
	if def == nil {
		return nil, smd.Errorf(smd.ENOTFOUND, "Formular %s fehlt.", sub.Service)
	}
	c := rc.Case
	doc := &pdf.Document{Lang: fr.Lang.Code, Title: fr.T("receipt.title"), Subtitle: rc.Authority.Name, Footer: fr.T("receipt.footer")}
	doc.Blocks = append(doc.Blocks, pdf.Block{Text: fr.T("receipt.intro")}, pdf.Block{Rows: []pdf.Row{
		{Label: fr.T("receipt.number"), Value: c.Number},
		{Label: fr.T("receipt.service"), Value: fr.T("form." + string(c.Service) + ".title")},
		{Label: fr.T("receipt.received"), Value: formatDateTime(c.ReceivedAt, fr.Lang.Code)},
		{Label: fr.T("receipt.authority"), Value: rc.Authority.Name + ", " + rc.Authority.Address},
		{Label: fr.T("receipt.channel"), Value: fr.T("konto.channel." + string(c.Channel))},
	}})
	doc.Blocks = append(doc.Blocks, pdf.Block{Heading: fr.T("receipt.data")})
	for _, b := range s.summary(fr, def, &sub.Answers, "") {
		doc.Blocks = append(doc.Blocks, pdf.Block{Heading: b.Title})
		if len(b.Rows) > 0 {
			doc.Blocks = append(doc.Blocks, pdf.Block{Rows: summaryRows(b.Rows)})
		}
		for _, sb := range b.Sub {
			doc.Blocks = append(doc.Blocks, pdf.Block{Text: sb.Title}, pdf.Block{Rows: summaryRows(sb.Rows)})
		}
		if b.Empty != "" {
			doc.Blocks = append(doc.Blocks, pdf.Block{Text: b.Empty})
		}
	}
	doc.Blocks = append(doc.Blocks, pdf.Block{Heading: fr.T("receipt.documents")})
	if len(sub.Documents) == 0 {
		doc.Blocks = append(doc.Blocks, pdf.Block{Text: fr.T("receipt.no_documents")})
	} else {
		var items []string
		for _, u := range sub.Documents {
			cat := fr.T(u.Category)
			if u.Category == apply.OtherCategory {
				cat = fr.T("apply.docs.other")
			}
			items = append(items, fr.TD("receipt.document", map[string]string{"Name": u.Name, "Category": cat, "Size": humanSize(u.Size), "Hash": u.SHA256[:16] + "…"}))
		}
		doc.Blocks = append(doc.Blocks, pdf.Block{Items: items})
	}
	return doc, nil
}

func summaryRows(rows []summaryRow) []pdf.Row {
	out := make([]pdf.Row, len(rows))
	for i, r := range rows {
		out[i] = pdf.Row{Label: r.Label, Value: r.Value}
	}
	return out
}
