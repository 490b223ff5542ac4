package sqlstore_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/smd-oss/smd"
)

// The queue is one list in order of receipt across channels: a paper
// application stamped earlier comes before online ones that arrived
// later, whatever order they were recorded in. Filters and the claim
// projection work; counts cover all pages.
func TestQueueOrderFiltersAndClaims(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		now := f.db.Now()
		mk := func(ch smd.Channel, svc smd.Service, received time.Time) *smd.Case {
			c := &smd.Case{AuthorityID: f.a.ID, Service: svc, Channel: ch, ReceivedAt: received}
			if err := f.cases.CreateCase(ctx, c, &smd.Action{Name: smd.ActSubmitted, Actor: smd.SystemActor}); err != nil {
				t.Fatal(err)
			}
			return c
		}
		online1 := mk(smd.ChannelOnline, smd.ServiceEinbuergerung, now.Add(-3*time.Hour))
		kurz := mk(smd.ChannelKurzAntrag, smd.ServiceAufenthaltstitel, now.Add(-2*time.Hour))
		paper := mk(smd.ChannelPapier, smd.ServiceEinbuergerung, now.Add(-72*time.Hour)) // recorded last, received first
		online2 := mk(smd.ChannelOnline, smd.ServiceEinbuergerung, now.Add(-time.Hour))
		list, total, err := f.cases.ListQueue(ctx, f.a.ID, smd.QueueFilter{}, 0, 10)
		if err != nil {
			t.Fatal(err)
		}
		// The fixture's own case of A was created first, at "now" or earlier.
		var order []string
		for _, c := range list {
			if c.ID == paper.ID || c.ID == online1.ID || c.ID == kurz.ID || c.ID == online2.ID {
				order = append(order, c.Number)
			}
		}
		want := []string{paper.Number, online1.Number, kurz.Number, online2.Number}
		if total < 4 || len(order) != 4 || order[0] != want[0] || order[1] != want[1] || order[2] != want[2] || order[3] != want[3] {
			t.Fatalf("order %v, want %v (total %d)", order, want, total)
		}
		newest, _, err := f.cases.ListQueue(ctx, f.a.ID, smd.QueueFilter{Newest: true}, 0, 10)
		if err != nil || len(newest) != len(list) || newest[0].ID != list[len(list)-1].ID || newest[len(newest)-1].ID != paper.ID {
			t.Fatalf("newest first: %v", err)
		}
		// The fixture's case of A is online too and arrived last.
		page, total2, err := f.cases.ListQueue(ctx, f.a.ID, smd.QueueFilter{Service: smd.ServiceEinbuergerung, Channel: smd.ChannelOnline}, 1, 1)
		if err != nil || total2 != 3 || len(page) != 1 || page[0].ID != online2.ID {
			t.Fatalf("filtered second page: %v %d %v", page, total2, err)
		}
		// Claim, assign, release: the projection follows.
		user := f.userA.ID
		c, err := f.cases.AppendAction(ctx, f.a.ID, kurz.ID, kurz.Version, &smd.Action{Name: smd.ActClaimed, Actor: smd.Actor{Kind: smd.ActorUser, ID: user.String()}})
		if err != nil || c.Assignee != user {
			t.Fatalf("claim: %v %v", c, err)
		}
		mine, n, _ := f.cases.ListQueue(ctx, f.a.ID, smd.QueueFilter{Assignee: user}, 0, 10)
		if n != 1 || mine[0].ID != kurz.ID {
			t.Fatalf("my cases: %d", n)
		}
		if _, n, _ := f.cases.ListQueue(ctx, f.a.ID, smd.QueueFilter{Unassigned: true}, 0, 10); n != total-1 {
			t.Fatalf("unassigned: %d of %d", n, total)
		}
		other := uuid.New() // a team lead may assign to anyone of the authority; the web layer checks who
		payload, _ := json.Marshal(smd.AssignedPayload{User: other})
		c, err = f.cases.AppendAction(ctx, f.a.ID, kurz.ID, c.Version, &smd.Action{Name: smd.ActAssigned, Actor: smd.Actor{Kind: smd.ActorUser, ID: user.String()}, Payload: payload})
		if err != nil || c.Assignee != other {
			t.Fatalf("assign: %v", err)
		}
		c, err = f.cases.AppendAction(ctx, f.a.ID, kurz.ID, c.Version, &smd.Action{Name: smd.ActReleased, Actor: smd.Actor{Kind: smd.ActorUser, ID: user.String()}})
		if err != nil || c.Assignee != uuid.Nil {
			t.Fatalf("release: %v %v", c.Assignee, err)
		}
		again, _ := f.cases.CaseByID(ctx, f.a.ID, kurz.ID)
		if again.Assignee != uuid.Nil {
			t.Fatal("released case still assigned after reading back")
		}
	})
}

// The views "wartend" and "überfällig" and the inbox's counts follow the
// actions: a document request sets the deadline, an answer or a
// suspension clears it, and a deadline runs to the end of its day in
// Germany (23:30 UTC on 10 March is already 11 March in Bonn).
func TestQueueWaitingOverdueAndCounts(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		clock := time.Date(2026, 3, 10, 23, 30, 0, 0, time.UTC)
		f.db.SetClock(func() time.Time { return clock })
		user := smd.Actor{Kind: smd.ActorUser, ID: f.userA.ID.String()}
		act := func(c *smd.Case, name smd.ActionName, payload string) *smd.Case {
			t.Helper()
			a := &smd.Action{Name: name, Actor: user}
			if payload != "" {
				a.Payload = json.RawMessage(payload)
			}
			next, err := f.cases.AppendAction(ctx, f.a.ID, c.ID, c.Version, a)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			return next
		}
		request := func(c *smd.Case, deadline string) *smd.Case {
			return act(act(c, smd.ActClaimed, ""), smd.ActDocumentRequested, `{"documents":["doc.payslips"],"deadline":"`+deadline+`"}`)
		}
		f.newCase(t, f.a)                                    // submitted, untouched
		late := request(f.newCase(t, f.a), "2026-03-10")     // yesterday in Bonn
		dueToday := request(f.newCase(t, f.a), "2026-03-11") // runs to the end of today
		noDeadline := act(act(f.newCase(t, f.a), smd.ActClaimed, ""), smd.ActDocumentRequested, `{"documents":["doc.photo"]}`)
		agencies := act(act(f.newCase(t, f.a), smd.ActClaimed, ""), smd.ActParticipationSent, "")
		answered := act(request(f.newCase(t, f.a), "2026-03-01"), smd.ActDocumentReceived, `{"documents":[]}`)
		if want := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC); !late.DueOn.Equal(want) {
			t.Fatalf("deadline after the request: %v", late.DueOn)
		}
		if back, _ := f.cases.CaseByID(ctx, f.a.ID, late.ID); !back.DueOn.Equal(late.DueOn) {
			t.Fatalf("deadline read back: %v", back.DueOn)
		}
		if !answered.DueOn.IsZero() || !noDeadline.DueOn.IsZero() {
			t.Fatalf("deadline kept after the answer (%v) or invented (%v)", answered.DueOn, noDeadline.DueOn)
		}
		ids := func(list []*smd.Case) map[string]bool {
			m := map[string]bool{}
			for _, c := range list {
				m[c.Number] = true
			}
			return m
		}
		list, n, err := f.cases.ListQueue(ctx, f.a.ID, smd.QueueFilter{Overdue: true}, 0, 50)
		if err != nil || n != 1 || len(list) != 1 || list[0].ID != late.ID {
			t.Fatalf("overdue: %d %v", n, err)
		}
		list, n, err = f.cases.ListQueue(ctx, f.a.ID, smd.QueueFilter{Waiting: true}, 0, 50)
		got := ids(list)
		if err != nil || n != 4 || !got[late.Number] || !got[dueToday.Number] || !got[noDeadline.Number] || !got[agencies.Number] {
			t.Fatalf("waiting: %d %v %v", n, got, err)
		}
		// Filters combine: waiting and unassigned finds none (all claimed).
		if _, n, _ := f.cases.ListQueue(ctx, f.a.ID, smd.QueueFilter{Waiting: true, Unassigned: true}, 0, 50); n != 0 {
			t.Fatalf("waiting and unassigned: %d", n)
		}
		counts, err := f.cases.CountQueue(ctx, f.a.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := []smd.StatusCount{{Status: smd.StatusSubmitted, Count: 2}, {Status: smd.StatusInReview, Count: 1},
			{Status: smd.StatusWaitingForApplicant, Count: 3}, {Status: smd.StatusWaitingForAgencies, Count: 1}}
		if counts.Overdue != 1 || len(counts.ByStatus) != len(want) {
			t.Fatalf("counts: %+v", counts)
		}
		for i, w := range want {
			if counts.ByStatus[i] != w {
				t.Fatalf("count %d: %+v, want %+v", i, counts.ByStatus[i], w)
			}
		}
		if byStatus, _ := f.cases.CountByStatus(ctx, f.a.ID); len(byStatus) != len(want) || byStatus[2] != want[2] {
			t.Fatalf("CountByStatus: %+v", byStatus)
		}
		// A day later the second deadline has passed too; a suspension
		// ends the first request.
		clock = clock.AddDate(0, 0, 1)
		act(late, smd.ActSuspended, `{"reason":"Strafverfahren"}`)
		if _, n, _ := f.cases.ListQueue(ctx, f.a.ID, smd.QueueFilter{Overdue: true}, 0, 50); n != 1 {
			t.Fatalf("overdue a day later: %d", n)
		}
		if c, _ := f.cases.CountQueue(ctx, f.a.ID); c.Overdue != 1 {
			t.Fatalf("overdue count a day later: %d", c.Overdue)
		}
		// Authority B has nothing overdue and counts nothing of A's.
		if c, err := f.cases.CountQueue(ctx, f.b.ID); err != nil || c.Overdue != 0 || len(c.ByStatus) != 0 {
			t.Fatalf("B's counts: %+v %v", c, err)
		}
	})
}

// Migration 00009 fills due_on for cases that already waited for the
// applicant before the column existed. Its UPDATE statements, run again on
// cases whose due_on was emptied, give the same value the projection
// writes, in a form both databases compare correctly (on SQLite a text in
// the driver's time format).
func TestQueueDueOnBackfill(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		f.db.SetClock(func() time.Time { return time.Date(2026, 3, 20, 9, 0, 0, 0, time.UTC) })
		user := smd.Actor{Kind: smd.ActorUser, ID: f.userA.ID.String()}
		c := f.newCase(t, f.a)
		c, err := f.cases.AppendAction(ctx, f.a.ID, c.ID, c.Version, &smd.Action{Name: smd.ActClaimed, Actor: user})
		must(t, err)
		for _, deadline := range []string{"2026-04-30", "2026-03-12"} { // the newer request counts
			c, err = f.cases.AppendAction(ctx, f.a.ID, c.ID, c.Version, &smd.Action{Name: smd.ActDocumentRequested, Actor: user,
				Payload: json.RawMessage(`{"documents":["doc.photo"],"deadline":"` + deadline + `"}`)})
			must(t, err)
		}
		broken := f.newCase(t, f.a)
		broken, err = f.cases.AppendAction(ctx, f.a.ID, broken.ID, broken.Version, &smd.Action{Name: smd.ActDocumentRequested, Actor: user,
			Payload: json.RawMessage(`{"deadline":"bald"}`)})
		must(t, err)
		_, err = f.db.Write.ExecContext(ctx, `UPDATE cases SET due_on = NULL`)
		must(t, err)
		raw, err := os.ReadFile(filepath.Join("migrations", string(f.db.Dialect), "00009_queue_views.sql"))
		must(t, err)
		up, _, _ := strings.Cut(string(raw), "-- +goose Down")
		var ran int
		for _, stmt := range strings.Split(up, ";") {
			var lines []string
			for _, l := range strings.Split(stmt, "\n") {
				if !strings.HasPrefix(strings.TrimSpace(l), "--") {
					lines = append(lines, l)
				}
			}
			if s := strings.TrimSpace(strings.Join(lines, "\n")); strings.HasPrefix(s, "UPDATE") {
				_, err := f.db.Write.ExecContext(ctx, s)
				must(t, err)
				ran++
			}
		}
		if ran == 0 {
			t.Fatal("no backfill statement found")
		}
		back, err := f.cases.CaseByID(ctx, f.a.ID, c.ID)
		must(t, err)
		if !back.DueOn.Equal(c.DueOn) || !c.DueOn.Equal(time.Date(2026, 3, 12, 0, 0, 0, 0, time.UTC)) {
			t.Fatalf("backfilled %v, projected %v", back.DueOn, c.DueOn)
		}
		if b, _ := f.cases.CaseByID(ctx, f.a.ID, broken.ID); !b.DueOn.IsZero() {
			t.Fatalf("an unreadable deadline was backfilled: %v", b.DueOn)
		}
		list, n, err := f.cases.ListQueue(ctx, f.a.ID, smd.QueueFilter{Overdue: true}, 0, 10)
		if err != nil || n != 1 || list[0].ID != c.ID {
			t.Fatalf("overdue after the backfill: %d %v", n, err)
		}
	})
}
