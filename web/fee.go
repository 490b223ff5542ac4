package web

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/apply"
	"github.com/smd-oss/smd/form"
	"github.com/smd-oss/smd/rules"
)

// Fees (issue 5, item 5): the caseworker sets the fee of a case. The
// rules engine suggests it from the dated catalogue for today, the day of
// the decision; the caseworker confirms it, or reduces it or exempts the
// case (§ 38 Abs. 4 StAG, §§ 50 ff. AufenthV), and then must say why. The
// setting is the action "fee_set"; the Bescheid states the latest one.
// Money is cents (int64) from the rules engine to the letter.

// FeePayload is the payload of "fee_set".
type FeePayload struct {
	// Kind is suggested, reduced or exempt.
	Kind string `json:"kind"`
	// Items are the suggestion's lines, the basis the amount departs from.
	Items          []rules.FeeItem `json:"items"`
	SuggestedCents int64           `json:"suggested_cents"`
	// AmountCents is what is charged.
	AmountCents int64 `json:"amount_cents"`
	// Reason is required when AmountCents differs from SuggestedCents.
	Reason string `json:"reason,omitempty"`
	// LawDate is the day whose fee catalogue the suggestion used.
	LawDate string `json:"law_date"`
}

var feeKinds = []string{"suggested", "reduced", "exempt"}

var (
	feeAmount = &form.Field{ID: "betrag", Type: form.Money, Optional: true, MaxLen: 20, Min: new(0.0), Max: new(100000.0)}
	feeReason = &form.Field{ID: "gebuehr_begruendung", Type: form.Textarea, Optional: true, MaxLen: 1000}
)

// feeView is the fee section of the case page.
type feeView struct {
	Lines []wbFeeLine
	// Suggested is the suggestion's total; NoSuggestion says the law data
	// has no fee for today.
	Suggested    string
	NoSuggestion bool
	// SuggestedOption is the label of the choice "as suggested".
	SuggestedOption string
	// Set describes the fee set last, empty while none is.
	Set string
	// Open offers the form; Kind, Amount and Reason refill it after an error.
	Open                 bool
	Kind, Amount, Reason string
	AmountErr, ReasonErr string
	KindErr              string
}

type wbFeeLine struct{ Label, Amount string }

// feeFacts gathers what the fee of a case depends on: the service, the
// Rechtsgrundlage set (or applied for), an extension, and the people.
func (s *Server) feeFacts(ctx context.Context, c *smd.Case, actions []*smd.Action, sub *apply.Submitted) (rules.FeeFacts, error) {
	f := rules.FeeFacts{Service: string(c.Service), Basis: legalBasisOf(actions)}
	if sub != nil {
		if f.Basis == "" {
			f.Basis = sub.Answers.Values["legal_basis"]
		}
		f.Extension = sub.Answers.Values["request_kind"] == "extension"
	}
	persons, err := s.personStore().ListPersons(ctx, c.AuthorityID, c.ID)
	if err != nil {
		return f, err
	}
	for _, p := range persons {
		fp := rules.FeePerson{Role: string(p.Role)}
		if !p.BirthDate.IsZero() {
			fp.Birth = rules.DateOf(p.BirthDate)
		}
		f.Persons = append(f.Persons, fp)
	}
	return f, nil
}

// personStore is the store of the people on cases: the paper intake's, or
// the application service's.
func (s *Server) personStore() smd.PersonStore {
	if s.Persons != nil {
		return s.Persons
	}
	return s.Apply.Persons
}

// feeSet returns the latest "fee_set" of a history, nil when none.
func feeSet(actions []*smd.Action) (*FeePayload, *smd.Action) {
	for i := len(actions) - 1; i >= 0; i-- {
		if actions[i].Name == smd.ActFeeSet {
			var p FeePayload
			if json.Unmarshal(actions[i].Payload, &p) == nil {
				return &p, actions[i]
			}
		}
	}
	return nil, nil
}

// suggestFee is the rules engine's fee for the case today; a nil
// suggestion (with the error) when the law data has none.
func (s *Server) suggestFee(ctx context.Context, c *smd.Case, actions []*smd.Action, sub *apply.Submitted) (*rules.FeeSuggestion, error) {
	facts, err := s.feeFacts(ctx, c, actions, sub)
	if err != nil {
		return nil, err
	}
	return s.Law.SuggestFee(facts, rules.DateOf(nowFunc()))
}

// feeOpen says in which statuses the fee can still be set: after the
// claim and before a decision is proposed or taken (the Bescheid states it).
func feeOpen(st smd.Status) bool {
	return slices.Contains([]smd.Status{smd.StatusInReview, smd.StatusWaitingForApplicant, smd.StatusWaitingForAgencies, smd.StatusSuspended}, st)
}

// feeViewFor builds the fee section.
func (s *Server) feeViewFor(ctx context.Context, fr *Frame, c *smd.Case, actions []*smd.Action, sub *apply.Submitted) (*feeView, error) {
	v := &feeView{Open: feeOpen(c.Status), Kind: "suggested"}
	sg, err := s.suggestFee(ctx, c, actions, sub)
	switch {
	case err == nil:
		for _, it := range sg.Items {
			v.Lines = append(v.Lines, wbFeeLine{Label: feeItemLabel(it, fr.T("wb.fee.item."+it.ID)), Amount: formatCents(it.Cents, fr.Lang.Code)})
		}
		v.Suggested = formatCents(sg.TotalCents, fr.Lang.Code)
		v.SuggestedOption = fr.TD("wb.fee.kind_suggested_as", map[string]string{"Amount": v.Suggested})
	case isNoValue(err):
		v.NoSuggestion = true
	default:
		return nil, err
	}
	if p, a := feeSet(actions); p != nil {
		v.Set = fr.TD("wb.fee.set_as", map[string]string{"Amount": formatCents(p.AmountCents, fr.Lang.Code),
			"Kind": fr.T("wb.fee.kind." + p.Kind), "When": formatDateTime(a.At, fr.Lang.Code)})
		if p.Reason != "" {
			v.Set += " – " + p.Reason
		}
	}
	return v, nil
}

// setFee is POST …/gebuehr by the caseworker who has the case: the fee as
// suggested, reduced to an amount, or waived. A departure from the
// suggestion without a reason, an unreadable amount or an unknown choice
// is 422 with the form and nothing stored; a case past the proposal
// gets a message instead of the step.
func (s *Server) setFee(w http.ResponseWriter, r *http.Request) {
	u, c, ok := s.caseworkerStep(w, r)
	if !ok {
		return
	}
	if !feeOpen(c.Status) {
		s.sessions.Put(r.Context(), "flash", "wb.fee.not_now")
		redirect(w, r, "/arbeitsplatz/vorgaenge/"+c.ID.String())
		return
	}
	ctx := r.Context()
	actions, err := s.Cases.ListActions(ctx, u.AuthorityID, c.ID)
	if err != nil {
		s.handleError(w, r, err)
		return
	}
	sub, err := s.submitted(ctx, c)
	if err != nil {
		s.handleError(w, r, err)
		return
	}
	p := FeePayload{Kind: r.PostForm.Get("gebuehr"), LawDate: rules.DateOf(nowFunc()).String()}
	sg, err := s.suggestFee(ctx, c, actions, sub)
	switch {
	case err == nil:
		p.Items, p.SuggestedCents = sg.Items, sg.TotalCents
	case !isNoValue(err):
		s.handleError(w, r, err)
		return
	}
	rawAmount, rawReason := feeAmount.ReadRaw(r.PostForm), feeReason.ReadRaw(r.PostForm)
	// Each error is a message key; the reason's own check (length,
	// control characters) names the field with its label.
	var kindErr, amountErr, reasonErr string
	reason, ferr := feeReason.Validate(rawReason, form.Scope{}, nowFunc())
	if ferr != nil {
		reasonErr = ferr.Key
	}
	p.Reason = reason
	switch p.Kind {
	case "suggested":
		p.AmountCents = p.SuggestedCents
	case "exempt":
		p.AmountCents = 0
	case "reduced":
		amount, aerr := feeAmount.Validate(rawAmount, form.Scope{}, nowFunc())
		cents, ok := centsOf(amount)
		if aerr != nil || !ok {
			amountErr = "wb.fee.err.amount"
		}
		p.AmountCents = cents
	default:
		kindErr = "wb.fee.err.kind"
	}
	if kindErr == "" && amountErr == "" && reasonErr == "" && p.AmountCents != p.SuggestedCents && p.Reason == "" {
		reasonErr = "wb.fee.err.reason"
	}
	if kindErr != "" || amountErr != "" || reasonErr != "" {
		m := s.caseViewModel(w, r, u, c)
		if m == nil {
			return
		}
		if m.Fee != nil {
			m.Fee.Kind, m.Fee.Amount, m.Fee.Reason = p.Kind, rawAmount.Value, rawReason.Value
			kindField := "gebuehr-suggested"
			if m.Fee.NoSuggestion {
				kindField = "gebuehr-reduced"
			}
			for _, e := range []struct {
				key, field string
				dst        *string
			}{{kindErr, kindField, &m.Fee.KindErr}, {amountErr, "betrag", &m.Fee.AmountErr}, {reasonErr, "gebuehr_begruendung", &m.Fee.ReasonErr}} {
				if e.key != "" {
					msg := m.TD(e.key, map[string]any{"Label": m.T("wb.fee.reason"), "Max": feeReason.MaxLen})
					*e.dst = msg
					m.Errors = append(m.Errors, FormError{Field: e.field, Message: msg})
				}
			}
		}
		s.render(w, r, http.StatusUnprocessableEntity, "wb_case", m)
		return
	}
	payload, _ := json.Marshal(p)
	actor := smd.Actor{Kind: smd.ActorUser, ID: u.ID.String()}
	err = s.Tx.InTx(ctx, func(ctx context.Context) error {
		if _, err := s.Cases.AppendAction(ctx, u.AuthorityID, c.ID, postedVersion(r), &smd.Action{Name: smd.ActFeeSet, Actor: actor, Payload: payload}); err != nil {
			return err
		}
		return s.Audit.AppendAudit(ctx, &smd.AuditEvent{AuthorityID: u.AuthorityID, Actor: actor, Action: string(smd.ActFeeSet),
			ObjectType: "case", ObjectID: c.ID.String(), Details: payload})
	})
	switch {
	case err == nil:
		s.sessions.Put(ctx, "flash", "wb.fee.done")
	case errCode(err) == smd.ECONFLICT || errCode(err) == smd.EINVALID:
		s.sessions.Put(ctx, "flash", "wb.case.conflict")
	default:
		s.handleError(w, r, err)
		return
	}
	redirect(w, r, "/arbeitsplatz/vorgaenge/"+c.ID.String())
}

// submitted returns the case's application data; nil for a case without
// an online application (paper intake) or without the application service.
func (s *Server) submitted(ctx context.Context, c *smd.Case) (*apply.Submitted, error) {
	if s.Apply == nil {
		return nil, nil
	}
	app, err := s.Apply.Applications.ApplicationByCase(ctx, c.AuthorityID, c.ID)
	if errCode(err) == smd.ENOTFOUND {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	sub := &apply.Submitted{}
	if err := json.Unmarshal(app.Data, sub); err != nil {
		return nil, err
	}
	return sub, nil
}

// feeItemLabel words one fee line, "2 × Einbürgerung …", with the item's
// text (the message "wb.fee.item." + its ID).
func feeItemLabel(it rules.FeeItem, text string) string {
	return strconv.Itoa(it.Count) + " × " + text
}

// centsOf reads the canonical money value of the form package ("127.50")
// as cents, without going through a float.
func centsOf(canonical string) (int64, bool) {
	whole, frac, _ := strings.Cut(canonical, ".")
	if whole == "" || len(frac) > 2 {
		return 0, false
	}
	frac = (frac + "00")[:2]
	w, err1 := strconv.ParseInt(whole, 10, 64)
	f, err2 := strconv.ParseInt(frac, 10, 64)
	if err1 != nil || err2 != nil || w < 0 {
		return 0, false
	}
	return w*100 + f, true
}

// formatCents writes an amount of cents with the separators of lang and
// the euro sign: "1.234,50 €" in German, "€1,234.50" in English.
func formatCents(c int64, lang string) string {
	sign := ""
	if c < 0 {
		sign, c = "−", -c
	}
	whole, frac := strconv.FormatInt(c/100, 10), strconv.FormatInt(c%100+100, 10)[1:]
	group, dec := ".", ","
	if lang == "en" {
		group, dec = ",", "."
	}
	var b strings.Builder
	for i, d := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(group)
		}
		b.WriteRune(d)
	}
	if lang == "en" {
		return sign + "€" + b.String() + dec + frac
	}
	return sign + b.String() + dec + frac + " €"
}

// isNoValue reports whether err is the law data's "no value for this date".
func isNoValue(err error) bool {
	var nv *rules.NoValueError
	return errors.As(err, &nv)
}
