package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/smd-oss/smd"
)

// BulkCases inserts many submitted cases with their first action and one
// applicant each (and their DueOn as given, so that the overdue view has
// data), in multi-row statements: the load data of the queue
// benchmark (`smd seed --cases`), not a path of the application. The
// cases must carry their number; the authority's counter is moved past
// them, so that later cases continue the numbering.
func (db *DB) BulkCases(ctx context.Context, cases []*smd.Case, applicants []*smd.Person) error {
	const rows = 400
	now := db.Now()
	return db.InTx(ctx, func(ctx context.Context) error {
		q := db.writer(ctx)
		for start := 0; start < len(cases); start += rows {
			end := min(start+rows, len(cases))
			var cv, av, pv []string
			var cargs, aargs, pargs []any
			for i, c := range cases[start:end] {
				if c.ID == uuid.Nil {
					c.ID = uuid.Must(uuid.NewV7())
				}
				c.CreatedAt, c.Version = now, 1
				due := sql.NullTime{Time: dayOf(c.DueOn), Valid: !c.DueOn.IsZero()}
				cv = append(cv, placeholders(i, 10, 0))
				cargs = append(cargs, c.AuthorityID, c.ID, c.Number, string(c.Service), string(c.Channel), c.ReceivedAt.UTC(), string(c.Status), 1, now, due)
				av = append(av, placeholders(i, 8, 0))
				aargs = append(aargs, c.AuthorityID, c.ID, 1, uuid.Must(uuid.NewV7()), string(smd.ActSubmitted), string(smd.ActorSystem), "seed", c.ReceivedAt.UTC())
				p := applicants[start+i]
				pv = append(pv, placeholders(i, 7, 0))
				pargs = append(pargs, c.AuthorityID, uuid.Must(uuid.NewV7()), c.ID, string(smd.PersonApplicant), p.GivenNames, p.FamilyName, 1)
			}
			if _, err := q.ExecContext(ctx, `INSERT INTO cases (authority_id, id, number, service, channel, received_at, status, version, created_at, due_on) VALUES `+
				strings.Join(cv, ","), cargs...); err != nil {
				return fmt.Errorf("bulk cases: %w", err)
			}
			if _, err := q.ExecContext(ctx, `INSERT INTO case_actions (authority_id, case_id, seq, id, name, actor_kind, actor_id, at) VALUES `+
				strings.Join(av, ","), aargs...); err != nil {
				return fmt.Errorf("bulk actions: %w", err)
			}
			if _, err := q.ExecContext(ctx, `INSERT INTO persons (authority_id, id, case_id, role, given_names, family_name, position) VALUES `+
				strings.Join(pv, ","), pargs...); err != nil {
				return fmt.Errorf("bulk persons: %w", err)
			}
		}
		return nil
	})
}

// SetCaseCounter moves an authority's case counter for a year to at
// least last.
func (db *DB) SetCaseCounter(ctx context.Context, authorityID uuid.UUID, at time.Time, last int) error {
	_, err := db.writer(ctx).ExecContext(ctx, `INSERT INTO case_counters (authority_id, year, last) VALUES ($1, $2, $3)
		ON CONFLICT (authority_id, year) DO UPDATE SET last = CASE WHEN case_counters.last > $3 THEN case_counters.last ELSE $3 END`,
		authorityID, at.In(berlin).Year(), last)
	return err
}
