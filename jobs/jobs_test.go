package jobs_test

import (
	"context"
	"database/sql"
	"errors"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/smd-oss/smd/internal/dbtest"
	"github.com/smd-oss/smd/jobs"
	"github.com/smd-oss/smd/sqlstore"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

type echoArgs struct {
	Note string `json:"note"`
}

func (echoArgs) Kind() string { return "test_echo" }

type echoWorker struct {
	river.WorkerDefaults[echoArgs]
	done chan string
}

func (w *echoWorker) Work(_ context.Context, j *river.Job[echoArgs]) error {
	w.done <- j.Args.Note
	return nil
}

func countJobs(t *testing.T, db *sqlstore.DB, kind string) int {
	t.Helper()
	var n int
	if err := db.Read.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM river_job WHERE kind = $1`, kind).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// A job inserted in a transaction that rolls back never exists; one in a
// transaction that commits is worked.
func TestJobsJoinTheBusinessTransaction(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		w := &echoWorker{done: make(chan string, 4)}
		workers := river.NewWorkers()
		river.AddWorker(workers, w)
		q, err := jobs.New(db, jobs.Options{Workers: workers, MaxWorkers: 1, PollInterval: 100 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		boom := errors.New("boom")
		err = db.InTx(ctx, func(ctx context.Context) error {
			if err := q.Insert(ctx, echoArgs{Note: "rolled back"}, nil); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatal(err)
		}
		if n := countJobs(t, db, "test_echo"); n != 0 {
			t.Fatalf("%d jobs after rollback", n)
		}
		err = db.InTx(ctx, func(ctx context.Context) error {
			if sqlstore.TxFromContext(ctx) == (*sql.Tx)(nil) {
				t.Fatal("no transaction in context")
			}
			return q.Insert(ctx, echoArgs{Note: "committed"}, nil)
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := q.Start(ctx); err != nil {
			t.Fatal(err)
		}
		defer func() {
			sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
			defer cancel()
			_ = q.Stop(sctx)
		}()
		select {
		case note := <-w.done:
			if note != "committed" {
				t.Fatalf("worked %q", note)
			}
		case <-time.After(20 * time.Second):
			t.Fatal("the committed job was not worked")
		}
	})
}

func TestSessionCleanupWorker(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		s := sqlstore.NewSessionStore(db)
		if err := s.CommitCtx(ctx, "old", []byte("x"), time.Now().Add(-time.Hour)); err != nil {
			t.Fatal(err)
		}
		if err := s.CommitCtx(ctx, "new", []byte("x"), time.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		w := &jobs.SessionCleanupWorker{Sessions: s}
		if err := w.Work(ctx, &river.Job[jobs.SessionCleanupArgs]{}); err != nil {
			t.Fatal(err)
		}
		var n int
		if err := db.Read.QueryRowContext(ctx, `SELECT COUNT(*) FROM sessions`).Scan(&n); err != nil || n != 1 {
			t.Fatalf("%d sessions left (%v), want 1", n, err)
		}
	})
}
