package smd

// Status is where a case stands. It is never stored on its own: it is derived
// from the history by DeriveStatus (spec/domain.md, "Case lifecycle").
type Status string

const (
	StatusSubmitted             Status = "submitted"
	StatusInReview              Status = "in_review"
	StatusWaitingForApplicant   Status = "waiting_for_applicant"
	StatusWaitingForAgencies    Status = "waiting_for_agencies"
	StatusSuspended             Status = "suspended"
	StatusDecisionProposed      Status = "decision_proposed"
	StatusDecided               Status = "decided"
	StatusWaitingForAppointment Status = "waiting_for_appointment"
	StatusHandedOver            Status = "handed_over"
	StatusWithdrawn             Status = "withdrawn"
	StatusClosed                Status = "closed"
	StatusArchived              Status = "archived"
)

// Statuses lists every status in lifecycle order.
var Statuses = []Status{StatusSubmitted, StatusInReview, StatusWaitingForApplicant, StatusWaitingForAgencies,
	StatusSuspended, StatusDecisionProposed, StatusDecided, StatusWaitingForAppointment, StatusHandedOver,
	StatusWithdrawn, StatusClosed, StatusArchived}

// ActionName names a step in a case's history (spec/domain.md, "Action catalogue").
type ActionName string

const (
	ActSubmitted                   ActionName = "submitted"
	ActClaimed                     ActionName = "claimed"
	ActAssigned                    ActionName = "assigned"
	ActReleased                    ActionName = "released"
	ActNoteAdded                   ActionName = "note_added"
	ActLegalBasisSet               ActionName = "legal_basis_set"
	ActLegalBasisReset             ActionName = "legal_basis_reset"
	ActChecklistItemConfirmed      ActionName = "checklist_item_confirmed"
	ActChecklistItemOverridden     ActionName = "checklist_item_overridden"
	ActDocumentRequested           ActionName = "document_requested"
	ActDocumentReceived            ActionName = "document_received"
	ActDocumentChecked             ActionName = "document_checked"
	ActParticipationSent           ActionName = "participation_sent"
	ActParticipationAnswered       ActionName = "participation_answered"
	ActParticipationDeemed         ActionName = "participation_deemed"
	ActParticipationExpired        ActionName = "participation_expired"
	ActMessageSent                 ActionName = "message_sent"
	ActMessageReceived             ActionName = "message_received"
	ActSuspended                   ActionName = "suspended"
	ActResumed                     ActionName = "resumed"
	ActDecisionProposed            ActionName = "decision_proposed"
	ActDecisionApproved            ActionName = "decision_approved"
	ActDecisionRejectedByApprover  ActionName = "decision_rejected_by_approver"
	ActDecided                     ActionName = "decided"
	ActLetterGenerated             ActionName = "letter_generated"
	ActFeeSet                      ActionName = "fee_set"
	ActPaymentReceived             ActionName = "payment_received"
	ActAppointmentOffered          ActionName = "appointment_offered"
	ActAppointmentBooked           ActionName = "appointment_booked"
	ActAppointmentCancelled        ActionName = "appointment_cancelled"
	ActOriginalsInspected          ActionName = "originals_inspected"
	ActBiometricsTaken             ActionName = "biometrics_taken"
	ActDeclarationOfAllegianceMade ActionName = "declaration_of_allegiance_made"
	ActCertificateHandedOver       ActionName = "certificate_handed_over"
	ActCardHandedOver              ActionName = "card_handed_over"
	ActWithdrawn                   ActionName = "withdrawn"
	ActClosed                      ActionName = "closed"
	ActArchived                    ActionName = "archived"
	ActExported                    ActionName = "exported"
)

// actionNames is the catalogue; an action outside it is refused.
var actionNames = map[ActionName]bool{}

func init() {
	for _, n := range []ActionName{ActSubmitted, ActClaimed, ActAssigned, ActReleased, ActNoteAdded,
		ActLegalBasisSet, ActLegalBasisReset, ActChecklistItemConfirmed, ActChecklistItemOverridden,
		ActDocumentRequested, ActDocumentReceived, ActDocumentChecked, ActParticipationSent,
		ActParticipationAnswered, ActParticipationDeemed, ActParticipationExpired, ActMessageSent,
		ActMessageReceived, ActSuspended, ActResumed, ActDecisionProposed, ActDecisionApproved,
		ActDecisionRejectedByApprover, ActDecided, ActLetterGenerated, ActFeeSet, ActPaymentReceived,
		ActAppointmentOffered, ActAppointmentBooked, ActAppointmentCancelled, ActOriginalsInspected,
		ActBiometricsTaken, ActDeclarationOfAllegianceMade, ActCertificateHandedOver, ActCardHandedOver,
		ActWithdrawn, ActClosed, ActArchived, ActExported} {
		actionNames[n] = true
	}
}

// Valid reports whether n is in the action catalogue.
func (n ActionName) Valid() bool { return actionNames[n] }

// Transition returns the status after action a on a case in status s, or
// EINVALID when the lifecycle does not allow a there. Actions that do not
// move the case (notes, messages, documents received, letters, fees …) keep
// the status; they are still refused once a case is archived.
//
// The payload is needed for two actions only: "decided" with outcome
// "refused" closes the path to hand-over, and "resumed" always returns to
// in_review.
func Transition(s Status, a ActionName, refused bool) (Status, error) {
	if !a.Valid() {
		return s, Errorf(EINVALID, "Unbekannter Bearbeitungsschritt %q.", a)
	}
	if s == "" {
		if a != ActSubmitted {
			return s, Errorf(EINVALID, "Ein Vorgang beginnt mit dem Eingang des Antrags.")
		}
		return StatusSubmitted, nil
	}
	if s == StatusArchived {
		return s, Errorf(EINVALID, "Der Vorgang ist archiviert.")
	}
	open := s != StatusDecided && s != StatusWaitingForAppointment && s != StatusHandedOver &&
		s != StatusWithdrawn && s != StatusClosed
	switch a {
	case ActSubmitted:
		return s, Errorf(EINVALID, "Der Antrag ist bereits eingegangen.")
	case ActClaimed, ActAssigned:
		if s == StatusSubmitted {
			return StatusInReview, nil
		}
		return s, nil
	case ActDocumentRequested:
		if !open {
			break
		}
		return StatusWaitingForApplicant, nil
	case ActDocumentReceived:
		if s == StatusWaitingForApplicant {
			return StatusInReview, nil
		}
		return s, nil
	case ActParticipationSent:
		if !open {
			break
		}
		return StatusWaitingForAgencies, nil
	case ActParticipationAnswered, ActParticipationDeemed, ActParticipationExpired:
		if s == StatusWaitingForAgencies {
			return StatusInReview, nil
		}
		return s, nil
	case ActSuspended:
		if !open || s == StatusSuspended {
			break
		}
		return StatusSuspended, nil
	case ActResumed:
		if s != StatusSuspended {
			break
		}
		return StatusInReview, nil
	case ActDecisionProposed:
		if !open || s == StatusSuspended {
			break
		}
		return StatusDecisionProposed, nil
	case ActDecisionApproved:
		if s != StatusDecisionProposed {
			break
		}
		return s, nil
	case ActDecisionRejectedByApprover:
		if s != StatusDecisionProposed {
			break
		}
		return StatusInReview, nil
	case ActDecided:
		if !open || s == StatusSuspended {
			break
		}
		if refused {
			return StatusDecided, nil
		}
		return StatusWaitingForAppointment, nil
	case ActCertificateHandedOver, ActCardHandedOver:
		if s != StatusWaitingForAppointment && s != StatusDecided {
			break
		}
		return StatusHandedOver, nil
	case ActWithdrawn:
		if !open {
			break
		}
		return StatusWithdrawn, nil
	case ActClosed:
		if s != StatusDecided && s != StatusHandedOver && s != StatusWithdrawn {
			break
		}
		return StatusClosed, nil
	case ActArchived:
		if s != StatusClosed {
			break
		}
		return StatusArchived, nil
	default:
		return s, nil
	}
	return s, Errorf(EINVALID, "Der Bearbeitungsschritt %q ist im Status %q nicht möglich.", a, s)
}

// DecisionPayload is the payload of "decided" that Transition needs.
type DecisionPayload struct {
	Outcome string `json:"outcome"` // granted, refused
}

// DocumentRequestPayload is the payload of "document_requested": what the
// authority asks the applicant for, until when, and why.
type DocumentRequestPayload struct {
	// Documents are message keys "doc.…" (or "doc.other").
	Documents []string `json:"documents"`
	Message   string   `json:"message,omitempty"`
	Deadline  string   `json:"deadline"` // YYYY-MM-DD
}

// DeriveStatus replays a history and returns the status it leads to.
// EINVALID when the history breaks the lifecycle.
func DeriveStatus(actions []*Action) (Status, error) {
	var s Status
	for _, a := range actions {
		next, err := Transition(s, a.Name, a.Refused())
		if err != nil {
			return s, err
		}
		s = next
	}
	return s, nil
}
