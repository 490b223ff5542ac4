package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	_ "time/tzdata" // case numbers and pages use Europe/Berlin on any host

	"github.com/google/uuid"

	"github.com/smd-oss/smd"
)

// CaseStore implements smd.CaseStore.
type CaseStore struct{ db *DB }

// NewCaseStore returns the store on db.
func NewCaseStore(db *DB) *CaseStore { return &CaseStore{db: db} }

var _ smd.CaseStore = (*CaseStore)(nil)

// berlin is the time zone of case numbers: a case received on New Year's
// Eve at 23:30 in Germany belongs to the old year.
var berlin = mustLoadLocation("Europe/Berlin")

func mustLoadLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err) // time/tzdata is linked into the binary (cmd/smd), so this cannot happen there
	}
	return loc
}

// CreateCase implements smd.CaseStore.
func (s *CaseStore) CreateCase(ctx context.Context, c *smd.Case, first *smd.Action) error {
	if !c.Service.Valid() {
		return smd.Errorf(smd.EINVALID, "Unbekannte Leistung %q.", c.Service)
	}
	if !c.Channel.Valid() {
		return smd.Errorf(smd.EINVALID, "Unbekannter Eingangskanal %q.", c.Channel)
	}
	status, err := smd.Transition("", first.Name, false)
	if err != nil {
		return err
	}
	now := s.db.Now()
	if c.ID == uuid.Nil {
		c.ID = uuid.Must(uuid.NewV7())
	}
	if c.CreatedAt.IsZero() {
		c.CreatedAt = now
	}
	if c.ReceivedAt.IsZero() {
		c.ReceivedAt = now
	}
	c.ReceivedAt = c.ReceivedAt.UTC().Truncate(time.Microsecond)
	if c.ReceivedAt.After(now) {
		return smd.Errorf(smd.EINVALID, "Das Eingangsdatum darf nicht in der Zukunft liegen.")
	}
	return s.db.InTx(ctx, func(ctx context.Context) error {
		q := s.db.writer(ctx)
		if c.Number == "" {
			var prefix string
			err := q.QueryRowContext(ctx, `SELECT case_prefix FROM authorities WHERE id = $1`, c.AuthorityID).Scan(&prefix)
			if errors.Is(err, sql.ErrNoRows) {
				return smd.Errorf(smd.ENOTFOUND, "Die Behörde gibt es nicht.")
			}
			if err != nil {
				return fmt.Errorf("select authority: %w", err)
			}
			n, err := nextNumber(ctx, q, c.AuthorityID, c.CreatedAt)
			if err != nil {
				return err
			}
			c.Number = fmt.Sprintf("%s-%d-%05d", prefix, c.CreatedAt.In(berlin).Year(), n)
		}
		c.Status = status
		c.Version = 1
		_, err := q.ExecContext(ctx, `INSERT INTO cases
			(authority_id, id, number, service, channel, received_at, status, version, created_at)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
			c.AuthorityID, c.ID, c.Number, string(c.Service), string(c.Channel), c.ReceivedAt, string(c.Status), c.Version, c.CreatedAt)
		if err != nil {
			return fmt.Errorf("insert case: %w", err)
		}
		first.AuthorityID, first.CaseID, first.Seq = c.AuthorityID, c.ID, 1
		return insertAction(ctx, q, first, now)
	})
}

// nextNumber counts up the authority's case counter of the year of at.
func nextNumber(ctx context.Context, q querier, authorityID uuid.UUID, at time.Time) (int, error) {
	var n int
	err := q.QueryRowContext(ctx, `INSERT INTO case_counters (authority_id, year, last) VALUES ($1, $2, 1)
		ON CONFLICT (authority_id, year) DO UPDATE SET last = case_counters.last + 1
		RETURNING last`, authorityID, at.In(berlin).Year()).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("next case number: %w", err)
	}
	return n, nil
}

// ReserveNumber implements smd.CaseStore: it takes the next number in a
// transaction of its own, outside the caller's. Call it before the
// transaction that creates the case.
func (s *CaseStore) ReserveNumber(ctx context.Context, c *smd.Case) error {
	if TxFromContext(ctx) != nil {
		return smd.Errorf(smd.EINTERNAL, "ReserveNumber inside a transaction would hold the counter until its commit")
	}
	if c.CreatedAt.IsZero() {
		c.CreatedAt = s.db.Now()
	}
	var prefix string
	err := s.db.Read.QueryRowContext(ctx, `SELECT case_prefix FROM authorities WHERE id = $1`, c.AuthorityID).Scan(&prefix)
	if errors.Is(err, sql.ErrNoRows) {
		return smd.Errorf(smd.ENOTFOUND, "Die Behörde gibt es nicht.")
	}
	if err != nil {
		return fmt.Errorf("select authority: %w", err)
	}
	n, err := nextNumber(ctx, s.db.Write, c.AuthorityID, c.CreatedAt)
	if err != nil {
		return err
	}
	c.Number = fmt.Sprintf("%s-%d-%05d", prefix, c.CreatedAt.In(berlin).Year(), n)
	return nil
}

func insertAction(ctx context.Context, q querier, a *smd.Action, now time.Time) error {
	if a.ID == uuid.Nil {
		a.ID = uuid.Must(uuid.NewV7())
	}
	if a.At.IsZero() {
		a.At = now
	}
	if len(a.Payload) == 0 {
		a.Payload = json.RawMessage(`{}`)
	}
	if !json.Valid(a.Payload) {
		return smd.Errorf(smd.EINVALID, "Die Angaben zum Bearbeitungsschritt sind kein gültiges JSON.")
	}
	_, err := q.ExecContext(ctx, `INSERT INTO case_actions
		(authority_id, case_id, seq, id, name, actor_kind, actor_id, at, payload)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
		a.AuthorityID, a.CaseID, a.Seq, a.ID, string(a.Name), string(a.Actor.Kind), a.Actor.ID, a.At, string(a.Payload))
	if isUniqueViolation(err) {
		return smd.Errorf(smd.ECONFLICT, "Der Vorgang wurde inzwischen von jemand anderem bearbeitet. Laden Sie ihn neu.")
	}
	if err != nil {
		return fmt.Errorf("insert action: %w", err)
	}
	return nil
}

const caseColumns = `authority_id, id, number, service, channel, received_at, status, version, created_at, assignee_id, due_on`

func scanCase(row interface{ Scan(...any) error }) (*smd.Case, error) { return scanCaseWith(row) }

// scanCaseWith scans the case columns followed by extra destinations.
func scanCaseWith(row interface{ Scan(...any) error }, extra ...any) (*smd.Case, error) {
	var c smd.Case
	var service, channel, status string
	var assignee uuid.NullUUID
	var due sql.NullTime
	dest := append([]any{&c.AuthorityID, &c.ID, &c.Number, &service, &channel, &c.ReceivedAt, &status, &c.Version, &c.CreatedAt, &assignee, &due}, extra...)
	if err := row.Scan(dest...); err != nil {
		return nil, err
	}
	c.Service, c.Channel, c.Status = smd.Service(service), smd.Channel(channel), smd.Status(status)
	if assignee.Valid {
		c.Assignee = assignee.UUID
	}
	if due.Valid {
		c.DueOn = dayOf(due.Time)
	}
	c.ReceivedAt, c.CreatedAt = c.ReceivedAt.UTC(), c.CreatedAt.UTC()
	return &c, nil
}

// CaseByID implements smd.CaseStore.
func (s *CaseStore) CaseByID(ctx context.Context, authorityID, caseID uuid.UUID) (*smd.Case, error) {
	return s.one(ctx, s.db.reader(ctx), `SELECT `+caseColumns+` FROM cases WHERE authority_id = $1 AND id = $2`, authorityID, caseID)
}

// CaseByNumber implements smd.CaseStore.
func (s *CaseStore) CaseByNumber(ctx context.Context, authorityID uuid.UUID, number string) (*smd.Case, error) {
	return s.one(ctx, s.db.reader(ctx), `SELECT `+caseColumns+` FROM cases WHERE authority_id = $1 AND number = $2`, authorityID, number)
}

func (s *CaseStore) one(ctx context.Context, q querier, query string, args ...any) (*smd.Case, error) {
	c, err := scanCase(q.QueryRowContext(ctx, query, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, smd.Errorf(smd.ENOTFOUND, "Den Vorgang gibt es nicht.")
	}
	if err != nil {
		return nil, fmt.Errorf("select case: %w", err)
	}
	return c, nil
}

// AppendAction implements smd.CaseStore. The conditional update on the
// version is what makes concurrent writers safe on both databases: the
// second one finds the version moved and gets ECONFLICT, never a lost update.
func (s *CaseStore) AppendAction(ctx context.Context, authorityID, caseID uuid.UUID, baseVersion int, a *smd.Action) (*smd.Case, error) {
	var c *smd.Case
	err := s.db.InTx(ctx, func(ctx context.Context) error {
		q := s.db.writer(ctx)
		var err error
		c, err = s.one(ctx, q, `SELECT `+caseColumns+` FROM cases WHERE authority_id = $1 AND id = $2`+s.db.Dialect.forUpdate(), authorityID, caseID)
		if err != nil {
			return err
		}
		if c.Version != baseVersion {
			return smd.Errorf(smd.ECONFLICT, "Der Vorgang wurde inzwischen von jemand anderem bearbeitet. Laden Sie ihn neu.")
		}
		next, err := smd.Transition(c.Status, a.Name, a.Refused())
		if err != nil {
			return err
		}
		assignee, err := nextAssignee(c.Assignee, a)
		if err != nil {
			return err
		}
		var assigneeArg any
		if assignee != uuid.Nil {
			assigneeArg = assignee
		}
		due := nextDueOn(c.DueOn, next, a)
		res, err := q.ExecContext(ctx, `UPDATE cases SET status = $4, version = $3 + 1, assignee_id = $5, due_on = $6
			WHERE authority_id = $1 AND id = $2 AND version = $3`, authorityID, caseID, baseVersion, string(next), assigneeArg,
			sql.NullTime{Time: due, Valid: !due.IsZero()})
		if err != nil {
			return fmt.Errorf("update case: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return smd.Errorf(smd.ECONFLICT, "Der Vorgang wurde inzwischen von jemand anderem bearbeitet. Laden Sie ihn neu.")
		}
		a.AuthorityID, a.CaseID, a.Seq = authorityID, caseID, baseVersion+1
		if err := insertAction(ctx, q, a, s.db.Now()); err != nil {
			return err
		}
		c.Status, c.Version, c.Assignee, c.DueOn = next, baseVersion+1, assignee, due
		return nil
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// nextAssignee projects the claim actions onto the case's assignee:
// claimed takes the acting user (when it is one), assigned the payload's user, released
// clears it; other actions keep it.
func nextAssignee(cur uuid.UUID, a *smd.Action) (uuid.UUID, error) {
	switch a.Name {
	case smd.ActClaimed:
		// A claim by the system (an automatic distribution, a migration)
		// names no caseworker and leaves the assignee as it is.
		if id, err := uuid.Parse(a.Actor.ID); err == nil && a.Actor.Kind == smd.ActorUser {
			return id, nil
		}
		return cur, nil
	case smd.ActAssigned:
		var p smd.AssignedPayload
		if err := json.Unmarshal(a.Payload, &p); err != nil || p.User == uuid.Nil {
			return cur, smd.Errorf(smd.EINVALID, "Die Zuweisung nennt niemanden.")
		}
		return p.User, nil
	case smd.ActReleased:
		return uuid.Nil, nil
	}
	return cur, nil
}

// nextDueOn projects document requests onto the case's deadline: a
// request sets it (the newest request is the open one, as the applicant's
// page shows it), and it lasts only while the case waits for the
// applicant; an answer, a suspension or a withdrawal clears it. A request
// without a readable deadline leaves none: such a case is never overdue.
func nextDueOn(cur time.Time, next smd.Status, a *smd.Action) time.Time {
	if next != smd.StatusWaitingForApplicant {
		return time.Time{}
	}
	if a.Name != smd.ActDocumentRequested {
		return cur
	}
	var p smd.DocumentRequestPayload
	if json.Unmarshal(a.Payload, &p) != nil {
		return time.Time{}
	}
	d, err := time.Parse(time.DateOnly, p.Deadline)
	if err != nil {
		return time.Time{}
	}
	return d
}

// dayOf is the calendar day of t as midnight UTC, the form in which both
// databases store and compare due_on.
func dayOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// today is the current calendar day in Germany: a deadline runs to the end
// of its day there, whatever the server's time zone.
func (s *CaseStore) today() time.Time { return dayOf(s.db.Now().In(berlin)) }

// ListQueue implements smd.CaseStore: the authority's cases in order of
// receipt across all channels, filtered, one page at a time.
func (s *CaseStore) ListQueue(ctx context.Context, authorityID uuid.UUID, f smd.QueueFilter, offset, limit int) ([]*smd.Case, int, error) {
	where := []string{"authority_id = $1"}
	args := []any{authorityID}
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, fmt.Sprintf(cond, len(args)))
	}
	if f.Service != "" {
		add("service = $%d", string(f.Service))
	}
	if f.Status != "" {
		add("status = $%d", string(f.Status))
	}
	if f.Channel != "" {
		add("channel = $%d", string(f.Channel))
	}
	switch {
	case f.Unassigned:
		where = append(where, "assignee_id IS NULL")
	case f.Assignee != uuid.Nil:
		add("assignee_id = $%d", f.Assignee)
	}
	if f.Waiting {
		var in []string
		for _, st := range smd.WaitingStatuses {
			args = append(args, string(st))
			in = append(in, fmt.Sprintf("$%d", len(args)))
		}
		where = append(where, "status IN ("+strings.Join(in, ", ")+")")
	}
	if f.Overdue {
		// Only cases with a deadline are in the partial index cases_due.
		add("due_on IS NOT NULL AND due_on < $%d", s.today())
	}
	cond := strings.Join(where, " AND ")
	q := s.db.reader(ctx)
	var total int
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM cases WHERE `+cond, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count queue: %w", err)
	}
	args = append(args, limit, offset)
	order := "received_at, id"
	if f.Newest {
		order = "received_at DESC, id DESC"
	}
	rows, err := q.QueryContext(ctx, `SELECT `+caseColumns+` FROM cases WHERE `+cond+
		fmt.Sprintf(` ORDER BY %s LIMIT $%d OFFSET $%d`, order, len(args)-1, len(args)), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("list queue: %w", err)
	}
	defer rows.Close()
	var list []*smd.Case
	for rows.Next() {
		c, err := scanCase(rows)
		if err != nil {
			return nil, 0, err
		}
		list = append(list, c)
	}
	return list, total, rows.Err()
}

// ListActions implements smd.CaseStore.
func (s *CaseStore) ListActions(ctx context.Context, authorityID, caseID uuid.UUID) ([]*smd.Action, error) {
	rows, err := s.db.reader(ctx).QueryContext(ctx, `SELECT authority_id, case_id, seq, id, name, actor_kind, actor_id, at, payload
		FROM case_actions WHERE authority_id = $1 AND case_id = $2 ORDER BY seq`, authorityID, caseID)
	if err != nil {
		return nil, fmt.Errorf("list actions: %w", err)
	}
	defer rows.Close()
	var list []*smd.Action
	for rows.Next() {
		var a smd.Action
		var name, kind, payload string
		if err := rows.Scan(&a.AuthorityID, &a.CaseID, &a.Seq, &a.ID, &name, &kind, &a.Actor.ID, &a.At, &payload); err != nil {
			return nil, err
		}
		a.Name, a.Actor.Kind, a.Payload, a.At = smd.ActionName(name), smd.ActorKind(kind), json.RawMessage(payload), a.At.UTC()
		list = append(list, &a)
	}
	return list, rows.Err()
}

// CountByStatus implements smd.CaseStore.
func (s *CaseStore) CountByStatus(ctx context.Context, authorityID uuid.UUID) ([]smd.StatusCount, error) {
	c, err := s.CountQueue(ctx, authorityID)
	if err != nil {
		return nil, err
	}
	return c.ByStatus, nil
}

// CountQueue implements smd.CaseStore in one round trip. Both halves are
// index-only: the GROUP BY reads cases_queue (authority_id, status, …),
// the overdue count the small partial index cases_due. Narrowing the
// counts by service or channel would have to visit every row of the
// authority instead, which is why they are not filtered.
func (s *CaseStore) CountQueue(ctx context.Context, authorityID uuid.UUID) (*smd.QueueCounts, error) {
	rows, err := s.db.reader(ctx).QueryContext(ctx, `SELECT status, COUNT(*) FROM cases WHERE authority_id = $1 GROUP BY status
		UNION ALL
		SELECT '', COUNT(*) FROM cases WHERE authority_id = $1 AND due_on IS NOT NULL AND due_on < $2`, authorityID, s.today())
	if err != nil {
		return nil, fmt.Errorf("count cases: %w", err)
	}
	defer rows.Close()
	counts := map[smd.Status]int{}
	var out smd.QueueCounts
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, err
		}
		if st == "" { // the second half: no status is empty
			out.Overdue = n
			continue
		}
		counts[smd.Status(st)] = n
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, st := range smd.Statuses {
		if n := counts[st]; n > 0 {
			out.ByStatus = append(out.ByStatus, smd.StatusCount{Status: st, Count: n})
		}
	}
	return &out, nil
}
