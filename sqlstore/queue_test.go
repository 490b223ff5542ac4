package sqlstore_test

import (
	"context"
	"encoding/json"
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
