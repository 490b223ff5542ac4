package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"

	"github.com/google/uuid"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/apply"
	"github.com/smd-oss/smd/i18n"
	"github.com/smd-oss/smd/pdf"
	"github.com/smd-oss/smd/rules"
	"github.com/smd-oss/smd/vault"
)

// Letters of a decision (Schreiben, spec/domain.md): the Bescheid for the
// applicant and the Entscheidungsvorlage for the file, both German
// documents made from the authority's template, rendered to PDF and filed
// on the case in the transaction of the step that caused them.

// letterTexts words the letters of one authority, always in German.
//
// Templates per authority: a letter is the authority's letterhead (its
// master data: name, address, phone, e-mail) and text blocks, the
// catalogue's wb.letter.* keys. Authority administrators are to override
// text blocks later (spec/domain.md, settings "templates"). The plan:
// keep the authority's texts by key in a table authority_letter_texts
// (authority_id, key, text, valid_from, changed_by), read through a store
// method scoped by the authority, with an audit record per change; load
// them into letterTexts and let T prefer an override to the catalogue,
// executing the same {{.Placeholders}}. Not overridable: the letterhead
// (the master data is the one source) and the kind of legal remedy (law
// data, rules.Law.Remedy): an authority may reword, not change the law.
type letterTexts struct{ cat *i18n.Catalog }

// T is the German text of key.
func (l letterTexts) T(key string, data ...any) string { return l.cat.T("de", key, data...) }

// letterhead is the authority's block at the top of every letter.
func letterhead(t letterTexts, auth *smd.Authority) pdf.Block {
	rows := []pdf.Row{{Label: t.T("wb.letter.authority"), Value: auth.Name + "\n" + auth.Address}}
	if auth.Phone != "" {
		rows = append(rows, pdf.Row{Label: t.T("wb.letter.phone"), Value: auth.Phone})
	}
	if auth.Email != "" {
		rows = append(rows, pdf.Row{Label: t.T("wb.letter.email"), Value: auth.Email})
	}
	return pdf.Block{Rows: rows}
}

// decisionRecord is what the letters of a decision are made of, read
// once per decision.
type decisionRecord struct {
	c       *smd.Case
	auth    *smd.Authority
	actions []*smd.Action
	persons []*smd.Person
	sub     *apply.Submitted
	docs    []*smd.Document
	// checks are the automated checks of the documents, by document.
	checks map[uuid.UUID]*checkResult
	// date is the day of the decision: the law data of that day applies.
	date rules.Date
	// fee is the fee set last; without one, the suggestion for date as
	// if set (feeSuggested), or nil when the law data has none either.
	fee          *FeePayload
	feeSuggested bool
	// names caches user names by actor id.
	names map[string]string
}

// decisionRecord reads a case for its letters; signers are actors who
// sign the letters without having acted on the case yet (the approver).
func (s *Server) decisionRecord(ctx context.Context, auth *smd.Authority, c *smd.Case, signers ...smd.Actor) (*decisionRecord, error) {
	rec := &decisionRecord{c: c, auth: auth, date: rules.DateOf(nowFunc()), names: map[string]string{}}
	var err error
	if rec.actions, err = s.Cases.ListActions(ctx, auth.ID, c.ID); err != nil {
		return nil, err
	}
	if rec.persons, err = s.personStore().ListPersons(ctx, auth.ID, c.ID); err != nil {
		return nil, err
	}
	if rec.sub, err = s.submitted(ctx, c); err != nil {
		return nil, err
	}
	if s.Apply != nil {
		if rec.docs, err = s.Apply.Documents.ListDocuments(ctx, auth.ID, c.ID); err != nil {
			return nil, err
		}
	}
	if rec.checks, err = s.docChecksOf(ctx, c); err != nil {
		return nil, err
	}
	if p, _ := feeSet(rec.actions); p != nil {
		rec.fee = p
	} else {
		sg, err := s.suggestFee(ctx, c, rec.actions, rec.sub)
		switch {
		case err == nil:
			rec.fee = &FeePayload{Kind: "suggested", Items: sg.Items, SuggestedCents: sg.TotalCents, AmountCents: sg.TotalCents, LawDate: rec.date.String()}
			rec.feeSuggested = true
		case !isNoValue(err):
			return nil, err
		}
	}
	actors := signers
	for _, a := range rec.actions {
		actors = append(actors, a.Actor)
	}
	for _, a := range actors {
		if _, ok := rec.names[a.ID]; ok || a.Kind != smd.ActorUser {
			continue
		}
		if id, err := uuid.Parse(a.ID); err == nil {
			if u, err := s.Users.UserByID(ctx, auth.ID, id); err == nil {
				rec.names[a.ID] = u.Name
			}
		}
	}
	return rec, nil
}

// name is the name of a user actor, or its id when the user is gone.
func (rec *decisionRecord) name(a smd.Actor) string {
	if n, ok := rec.names[a.ID]; ok {
		return n
	}
	return a.ID
}

// applicantName is the first person on the case (the Antragsteller).
func (rec *decisionRecord) applicantName() string {
	if len(rec.persons) == 0 {
		return ""
	}
	return rec.persons[0].GivenNames + " " + rec.persons[0].FamilyName
}

// remedyText returns the Rechtsbehelfsbelehrung of the decision and, for
// the Entscheidungsvorlage, where it comes from. Where the law data has no
// row for the authority's Land (or service, or date), the text names both
// remedies and says that it cannot tell which applies, and a warning is
// logged: the caseworker corrects such a letter; it never guesses.
func (s *Server) remedyText(t letterTexts, rec *decisionRecord) (text, note string) {
	court := rec.auth.Court
	if court == "" {
		court = t.T("wb.letter.remedy.court_unknown")
	}
	data := map[string]string{"Authority": rec.auth.Name + ", " + rec.auth.Address, "Court": court, "Land": rec.auth.Land}
	kind, row, err := s.Law.Remedy(rec.auth.Land, string(rec.c.Service), rec.date)
	if err != nil {
		s.Logger.Warn("letter: no legal remedy in the law data, the Bescheid names both", "land", rec.auth.Land,
			"service", rec.c.Service, "date", rec.date.String(), "authority", rec.auth.Slug, "err", err)
		return t.T("wb.letter.remedy.unknown", data), t.T("wb.letter.vorlage.remedy_unknown", data)
	}
	note = t.T("wb.letter.vorlage.remedy_known", map[string]string{"Kind": t.T("wb.letter.remedy.kind." + string(kind)),
		"Source": row.Citation, "Tag": t.T("wb.letter.tag." + row.Tag)})
	return t.T("wb.letter.remedy."+string(kind), data), note
}

// feeRows are the lines of a fee as a letter states them: the items of
// the catalogue, a reduction or exemption, the total. An amount above the
// catalogue's (another fee act than the one suggested) is stated as the
// total alone; its reason says which act.
func feeRows(t letterTexts, f *FeePayload) []pdf.Row {
	var rows []pdf.Row
	d := f.AmountCents - f.SuggestedCents
	if d <= 0 {
		for _, it := range f.Items {
			rows = append(rows, pdf.Row{Label: feeItemLabel(it, t.T("wb.fee.item."+it.ID)), Value: formatCents(it.Cents, "de")})
		}
	}
	switch {
	case d < 0 && f.Kind == "exempt":
		rows = append(rows, pdf.Row{Label: t.T("wb.letter.fee_exemption"), Value: formatCents(d, "de")})
	case d < 0:
		rows = append(rows, pdf.Row{Label: t.T("wb.letter.fee_reduction"), Value: formatCents(d, "de")})
	}
	return append(rows, pdf.Row{Label: t.T("wb.letter.fee_total"), Value: formatCents(f.AmountCents, "de")})
}

// bescheid is the decision letter: letterhead, addressee, case, outcome,
// legal basis, reasons, the fee set (or suggested) and the
// Rechtsbehelfsbelehrung of the authority's Land.
func (s *Server) bescheid(rec *decisionRecord, p ProposalPayload) *pdf.Document {
	t := letterTexts{s.Catalog}
	c := rec.c
	doc := &pdf.Document{Lang: "de", Title: t.T("wb.letter.bescheid.title"), Subtitle: rec.auth.Name, Footer: t.T("wb.letter.bescheid.footer")}
	doc.Blocks = append(doc.Blocks, letterhead(t, rec.auth), pdf.Block{Rows: []pdf.Row{
		{Label: t.T("wb.letter.to"), Value: rec.applicantName()},
		{Label: t.T("receipt.number"), Value: c.Number},
		{Label: t.T("receipt.service"), Value: t.T("form." + string(c.Service) + ".title")},
		{Label: t.T("receipt.received"), Value: formatDate(c.ReceivedAt, "de")},
		{Label: t.T("wb.letter.date"), Value: formatDate(nowFunc(), "de")},
	}})
	doc.Blocks = append(doc.Blocks, pdf.Block{Heading: t.T("wb.letter.bescheid.decision"), Text: t.T("wb.letter.bescheid." + p.Outcome)})
	if b := s.basisTitle(c.Service, legalBasisOf(rec.actions)); b != "" {
		doc.Blocks = append(doc.Blocks, pdf.Block{Rows: []pdf.Row{{Label: t.T("wb.letter.basis"), Value: b}}})
	}
	if p.Reasons != "" {
		doc.Blocks = append(doc.Blocks, pdf.Block{Heading: t.T("wb.letter.bescheid.reasons"), Text: p.Reasons})
	}
	doc.Blocks = append(doc.Blocks, pdf.Block{Heading: t.T("wb.letter.bescheid.fee")})
	if rec.fee == nil {
		doc.Blocks = append(doc.Blocks, pdf.Block{Text: t.T("wb.letter.bescheid.fee_separate")})
	} else {
		doc.Blocks = append(doc.Blocks, pdf.Block{Rows: feeRows(t, rec.fee)})
		if rec.fee.Reason != "" {
			doc.Blocks = append(doc.Blocks, pdf.Block{Text: t.T("wb.letter.bescheid.fee_reason", map[string]string{"Reason": rec.fee.Reason})})
		}
	}
	remedy, _ := s.remedyText(t, rec)
	doc.Blocks = append(doc.Blocks, pdf.Block{Heading: t.T("wb.letter.bescheid.remedy"), Text: remedy})
	return doc
}

// basisTitle is the title of a Rechtsgrundlage of the catalogue, "" for none.
func (s *Server) basisTitle(svc smd.Service, id string) string {
	for _, b := range s.catalogue(svc) {
		if b.ID == id {
			return b.Title
		}
	}
	return id
}

// signatures says who proposed a decision and who approved it.
type signatures struct {
	ProposedBy smd.Actor
	ProposedAt time.Time
	// ApprovedBy is set once a second person approved (four eyes).
	ApprovedBy *smd.Actor
	ApprovedAt time.Time
	// FourEyes is the authority's setting when the decision was taken.
	FourEyes bool
}

// vorlage is the Entscheidungsvorlage for the file: the case, the
// Rechtsgrundlage, every checklist item with the rules engine's
// pre-assessment and the caseworker's confirmation or override (reason,
// who, when), the documents checked, the proposed outcome with reasons,
// the fee (and whether it was set or only suggested), the legal remedy
// with its source, and who proposed and approved.
func (s *Server) vorlage(rec *decisionRecord, p ProposalPayload, sig signatures) *pdf.Document {
	t := letterTexts{s.Catalog}
	c := rec.c
	doc := &pdf.Document{Lang: "de", Title: t.T("wb.letter.vorlage.title"), Subtitle: rec.auth.Name, Footer: t.T("wb.letter.vorlage.footer")}
	basis := legalBasisOf(rec.actions)
	basisText := t.T("wb.letter.vorlage.no_basis")
	if basis != "" {
		basisText = s.basisTitle(c.Service, basis)
	}
	doc.Blocks = append(doc.Blocks, pdf.Block{Text: t.T("wb.letter.vorlage.internal")}, pdf.Block{Rows: []pdf.Row{
		{Label: t.T("receipt.number"), Value: c.Number},
		{Label: t.T("receipt.service"), Value: t.T("form." + string(c.Service) + ".title")},
		{Label: t.T("wb.letter.vorlage.applicant"), Value: rec.applicantName()},
		{Label: t.T("receipt.received"), Value: formatDate(c.ReceivedAt, "de")},
		{Label: t.T("wb.letter.basis"), Value: basisText},
	}})

	doc.Blocks = append(doc.Blocks, pdf.Block{Heading: t.T("wb.letter.vorlage.checklist")})
	if rows := s.checklistRows(t, rec, basis); len(rows) > 0 {
		doc.Blocks = append(doc.Blocks, pdf.Block{Rows: rows})
	} else {
		doc.Blocks = append(doc.Blocks, pdf.Block{Text: t.T("wb.letter.vorlage.no_checklist")})
	}

	doc.Blocks = append(doc.Blocks, pdf.Block{Heading: t.T("wb.letter.vorlage.documents")})
	checked := map[string]*smd.Action{}
	for _, a := range rec.actions {
		var dp DocumentCheckedPayload
		if a.Name == smd.ActDocumentChecked && json.Unmarshal(a.Payload, &dp) == nil {
			checked[dp.Document] = a
		}
	}
	var docRows []pdf.Row
	for _, d := range rec.docs {
		if d.Category == smd.CategoryBescheid || d.Internal() {
			continue
		}
		state := t.T("wb.letter.vorlage.doc_unchecked")
		if a := checked[d.ID.String()]; a != nil {
			state = t.T("wb.letter.vorlage.doc_checked", map[string]string{"By": rec.name(a.Actor), "When": formatDateTime(a.At, "de")})
		}
		cat := d.Category
		if cat == apply.OtherCategory {
			cat = "apply.docs.other"
		}
		docRows = append(docRows, pdf.Row{Label: d.Filename + " (" + t.T(cat) + ")", Value: state})
	}
	if len(docRows) == 0 {
		doc.Blocks = append(doc.Blocks, pdf.Block{Text: t.T("wb.letter.vorlage.no_documents")})
	} else {
		doc.Blocks = append(doc.Blocks, pdf.Block{Rows: docRows})
	}

	doc.Blocks = append(doc.Blocks, pdf.Block{Heading: t.T("wb.letter.vorlage.outcome"), Text: t.T("wb.decision." + p.Outcome)})
	if p.Reasons != "" {
		doc.Blocks = append(doc.Blocks, pdf.Block{Text: p.Reasons})
	}

	doc.Blocks = append(doc.Blocks, pdf.Block{Heading: t.T("wb.letter.bescheid.fee")})
	switch {
	case rec.fee == nil:
		doc.Blocks = append(doc.Blocks, pdf.Block{Text: t.T("wb.letter.vorlage.fee_none")})
	case rec.feeSuggested:
		doc.Blocks = append(doc.Blocks, pdf.Block{Text: t.T("wb.letter.vorlage.fee_suggested")}, pdf.Block{Rows: feeRows(t, rec.fee)})
	default:
		doc.Blocks = append(doc.Blocks, pdf.Block{Rows: feeRows(t, rec.fee)})
		if rec.fee.Reason != "" {
			doc.Blocks = append(doc.Blocks, pdf.Block{Text: t.T("wb.letter.bescheid.fee_reason", map[string]string{"Reason": rec.fee.Reason})})
		}
	}

	_, note := s.remedyText(t, rec)
	doc.Blocks = append(doc.Blocks, pdf.Block{Heading: t.T("wb.letter.bescheid.remedy"), Text: note})

	people := []pdf.Row{{Label: t.T("wb.letter.vorlage.proposed_by"), Value: rec.name(sig.ProposedBy) + ", " + formatDateTime(sig.ProposedAt, "de")}}
	switch {
	case sig.ApprovedBy != nil:
		people = append(people, pdf.Row{Label: t.T("wb.letter.vorlage.approved_by"), Value: rec.name(*sig.ApprovedBy) + ", " + formatDateTime(sig.ApprovedAt, "de")})
	case sig.FourEyes:
		people = append(people, pdf.Row{Label: t.T("wb.letter.vorlage.approved_by"), Value: t.T("wb.letter.vorlage.approval_pending")})
	default:
		people = append(people, pdf.Row{Label: t.T("wb.letter.vorlage.approved_by"), Value: t.T("wb.letter.vorlage.no_four_eyes")})
	}
	doc.Blocks = append(doc.Blocks, pdf.Block{Heading: t.T("wb.letter.vorlage.people"), Rows: people})
	return doc
}

// checklistRows are the checklist items of the basis: the pre-assessment
// and what the caseworker made of it, the same items as on the case page
// (checklistOf). None without a basis or application.
func (s *Server) checklistRows(t letterTexts, rec *decisionRecord, basis string) []pdf.Row {
	entries := s.withEvidence(s.checklistOf(rec.c.Service, basis, rec.sub), rec.checks)
	decided := map[string]*smd.Action{}
	payloads := map[string]ChecklistPayload{}
	for _, a := range rec.actions {
		var cp ChecklistPayload
		if (a.Name == smd.ActChecklistItemConfirmed || a.Name == smd.ActChecklistItemOverridden) && json.Unmarshal(a.Payload, &cp) == nil {
			decided[cp.Item], payloads[cp.Item] = a, cp
		}
	}
	var rows []pdf.Row
	for _, e := range entries {
		value := t.T("wb.letter.vorlage.pre", map[string]string{"Status": t.T("wb.check.status." + string(e.Status)), "Reason": t.T(e.Reason.Key, e.Reason.Args)})
		switch a := decided[e.ID]; {
		case a == nil:
			value += "\n" + t.T("wb.letter.vorlage.open")
		case a.Name == smd.ActChecklistItemConfirmed:
			value += "\n" + t.T("wb.letter.vorlage.confirmed", map[string]string{"By": rec.name(a.Actor), "When": formatDateTime(a.At, "de")})
		default:
			cp := payloads[e.ID]
			value += "\n" + t.T("wb.letter.vorlage.overridden", map[string]string{"Status": t.T("wb.check.status." + cp.Status),
				"Reason": cp.Reason, "By": rec.name(a.Actor), "When": formatDateTime(a.At, "de")})
		}
		rows = append(rows, pdf.Row{Label: e.label() + " (" + e.Norm + ")", Value: value})
	}
	return rows
}

// letter is a generated PDF to file on a case.
type letter struct {
	doc                *pdf.Document
	category, filename string
}

// LetterPayload is the payload of "letter_generated".
type LetterPayload struct {
	Document string `json:"document"`
	Category string `json:"category"`
}

// storeLetters renders the letters and stores their files, encrypted
// under the authority's key. The caller records the returned documents in
// its transaction and calls drop when that fails, so that no file stays
// without its record. Without a renderer or application service it files
// nothing (no error): the decision does not depend on the PDF.
func (s *Server) storeLetters(ctx context.Context, auth *smd.Authority, c *smd.Case, letters []letter) (docs []*smd.Document, drop func(), err error) {
	drop = func() {
		for _, d := range docs {
			_ = s.Apply.Files.Delete(context.WithoutCancel(ctx), auth.ID, d.BlobKey)
		}
	}
	if s.Receipts == nil || s.Apply == nil {
		return nil, func() {}, nil
	}
	for _, l := range letters {
		b, err := s.Receipts.Render(ctx, l.doc)
		if err != nil {
			drop()
			return nil, nil, err
		}
		id := uuid.Must(uuid.NewV7())
		key := vault.Key(auth.ID, "cases", c.ID.String(), id.String())
		if err := s.Apply.Files.Put(ctx, auth.ID, key, bytes.NewReader(b)); err != nil {
			drop()
			return nil, nil, err
		}
		sum := sha256.Sum256(b)
		docs = append(docs, &smd.Document{ID: id, AuthorityID: auth.ID, CaseID: c.ID, Category: l.category, Filename: l.filename,
			MIMEType: "application/pdf", Size: int64(len(b)), SHA256: hex.EncodeToString(sum[:]), BlobKey: key})
	}
	return docs, drop, nil
}

// fileLetters records stored letters on the case inside the caller's
// transaction: the documents, and one "letter_generated" per letter on top
// of version v. It returns the version after them.
func (s *Server) fileLetters(ctx context.Context, auth *smd.Authority, c *smd.Case, v int, actor smd.Actor, docs []*smd.Document) (int, error) {
	if len(docs) == 0 {
		return v, nil
	}
	if err := s.Apply.Documents.AddDocuments(ctx, docs); err != nil {
		return v, err
	}
	for _, d := range docs {
		payload, _ := json.Marshal(LetterPayload{Document: d.ID.String(), Category: d.Category})
		if _, err := s.Cases.AppendAction(ctx, auth.ID, c.ID, v, &smd.Action{Name: smd.ActLetterGenerated, Actor: actor, Payload: payload}); err != nil {
			return v, err
		}
		v++
	}
	return v, nil
}
