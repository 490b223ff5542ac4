package smd

import (
	"context"
	"encoding/json"
	"time"

	"github.com/google/uuid"
)

// Channel is the Eingangskanal through which an application arrived.
type Channel string

const (
	ChannelOnline     Channel = "ONLINE"
	ChannelKurzAntrag Channel = "KURZ_ANTRAG"
	ChannelPapier     Channel = "PAPIER"
	ChannelFITConnect Channel = "FIT_CONNECT"
)

// Valid reports whether c is a known channel.
func (c Channel) Valid() bool {
	switch c {
	case ChannelOnline, ChannelKurzAntrag, ChannelPapier, ChannelFITConnect:
		return true
	}
	return false
}

// Case is a Vorgang: one application and everything that happens to it.
// Its history is the append-only list of Actions; Status and Version are
// derived from that list and kept on the case only so that queues can filter
// and order without replaying histories.
type Case struct {
	ID          uuid.UUID
	AuthorityID uuid.UUID
	// Number is the Vorgangsnummer, unique per authority ("BN-2026-00017").
	Number  string
	Service Service
	Channel Channel
	// ReceivedAt is the real date of receipt; for paper applications it is
	// the stamp on the letter, so that the queue stays fair across channels.
	ReceivedAt time.Time
	Status     Status
	// Version counts the actions; an action must name the version it was
	// based on (optimistic concurrency).
	Version   int
	CreatedAt time.Time
	// Assignee is the caseworker who claimed the case or was assigned it;
	// uuid.Nil while it waits in the queue.
	Assignee uuid.UUID
	// DueOn is the deadline (a calendar day, midnight UTC) of the open
	// Nachforderung while the case waits for the applicant; zero otherwise
	// or when the request named no deadline. Like Status it is a
	// projection of the actions, kept so that the queue can find overdue
	// cases without reading every history.
	DueOn time.Time
}

// QueueFilter narrows a work queue; zero fields do not filter.
type QueueFilter struct {
	Service Service
	Status  Status
	Channel Channel
	// Assignee shows one caseworker's cases; Unassigned those nobody has.
	Assignee   uuid.UUID
	Unassigned bool
	// Waiting shows the cases that wait for someone outside the
	// authority: the applicant (waiting_for_applicant) or other agencies
	// (waiting_for_agencies).
	Waiting bool
	// Overdue shows the cases whose open Nachforderung's deadline has
	// passed: DueOn is before today in Germany (a deadline runs to the end
	// of its day).
	Overdue bool
	// Newest lists the latest receipt first; the default is the fair order,
	// oldest first.
	Newest bool
}

// WaitingStatuses are the statuses in which a case waits for someone
// outside the authority, the inbox's view "wartend".
var WaitingStatuses = []Status{StatusWaitingForApplicant, StatusWaitingForAgencies}

// QueueCounts is the inbox's summary of an authority's cases.
type QueueCounts struct {
	// ByStatus has the statuses with at least one case, in lifecycle order.
	ByStatus []StatusCount
	// Overdue is how many cases the filter Overdue would find.
	Overdue int
}

// AssignedPayload is the payload of "assigned": whom a team lead gave the case.
type AssignedPayload struct {
	User uuid.UUID `json:"user"`
}

// ActorKind says who performed an action.
type ActorKind string

const (
	ActorUser      ActorKind = "user"
	ActorApplicant ActorKind = "applicant"
	ActorSystem    ActorKind = "system"
	ActorAgency    ActorKind = "agency"
)

// Actor is who did something: a staff user, an applicant, the system or an
// outside agency. ID identifies the user or applicant where there is one.
type Actor struct {
	Kind ActorKind
	ID   string
}

// SystemActor is the actor of automated steps.
var SystemActor = Actor{Kind: ActorSystem, ID: "smd"}

// Action is a Bearbeitungsschritt: one entry in a case's append-only history.
type Action struct {
	ID          uuid.UUID
	AuthorityID uuid.UUID
	CaseID      uuid.UUID
	// Seq is the action's place in the history, starting at 1; the case's
	// version after this action.
	Seq     int
	Name    ActionName
	Actor   Actor
	At      time.Time
	Payload json.RawMessage
}

// CaseStore persists cases and their histories. Every method takes the
// authority; a case of another authority is ENOTFOUND.
type CaseStore interface {
	// CreateCase stores the case with its first action (normally submitted)
	// and assigns the next Vorgangsnummer of the authority unless c.Number
	// was reserved, setting c.Number,
	// c.Version and c.Status. EINVALID for an unknown service or channel.
	CreateCase(ctx context.Context, c *Case, first *Action) error
	// ReserveNumber sets c.Number to the authority's next Vorgangsnummer in a
	// short transaction of its own, so that a long transaction creating the
	// case does not hold the counter; CreateCase then keeps that number. A
	// case that is never created leaves a gap: numbers are unique and
	// increasing, not gapless. EINTERNAL inside a transaction.
	ReserveNumber(ctx context.Context, c *Case) error
	// CaseByID returns the case; ENOTFOUND when it does not exist for the authority.
	CaseByID(ctx context.Context, authorityID, caseID uuid.UUID) (*Case, error)
	// CaseByNumber returns the case; ENOTFOUND when it does not exist for the authority.
	CaseByNumber(ctx context.Context, authorityID uuid.UUID, number string) (*Case, error)
	// AppendAction adds a to the case's history if the case is still at
	// baseVersion, and updates the derived status. ECONFLICT when another
	// action came first; EINVALID when the action is not allowed in the
	// case's current status.
	AppendAction(ctx context.Context, authorityID, caseID uuid.UUID, baseVersion int, a *Action) (*Case, error)
	// ListActions returns the history in order.
	ListActions(ctx context.Context, authorityID, caseID uuid.UUID) ([]*Action, error)
	// ListQueue returns a page of the authority's cases in order of
	// receipt (received_at, then id) across all channels, and how many
	// match the filter in all.
	ListQueue(ctx context.Context, authorityID uuid.UUID, f QueueFilter, offset, limit int) ([]*Case, int, error)
	// CountByStatus returns how many cases the authority has per status,
	// for statuses with at least one case, in lifecycle order.
	CountByStatus(ctx context.Context, authorityID uuid.UUID) ([]StatusCount, error)
	// CountQueue returns the counts the inbox shows above the list: per
	// status and overdue, over all of the authority's cases (not narrowed
	// by a filter, so that it stays an index-only count at a million
	// cases). Nothing of another authority is ever counted.
	CountQueue(ctx context.Context, authorityID uuid.UUID) (*QueueCounts, error)
}

// Refused reports whether the action is a decision with the outcome
// "refused"; Transition needs it to tell the two paths after a decision apart.
func (a *Action) Refused() bool {
	if a.Name != ActDecided || len(a.Payload) == 0 {
		return false
	}
	var p DecisionPayload
	if err := json.Unmarshal(a.Payload, &p); err != nil {
		return false
	}
	return p.Outcome == "refused"
}

// StatusCount is how many of an authority's cases are in one status.
type StatusCount struct {
	Status Status
	Count  int
}
