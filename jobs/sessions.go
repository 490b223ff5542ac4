package jobs

import (
	"context"
	"time"

	"github.com/riverqueue/river"

	"github.com/smd-oss/smd/sqlstore"
)

// SessionCleanupArgs asks for expired sessions to be deleted. Expired
// sessions are never served (the store checks the expiry on read); this job
// only keeps the table small.
type SessionCleanupArgs struct{}

// Kind implements river.JobArgs.
func (SessionCleanupArgs) Kind() string { return "session_cleanup" }

// SessionCleanupWorker deletes expired sessions.
type SessionCleanupWorker struct {
	river.WorkerDefaults[SessionCleanupArgs]
	Sessions *sqlstore.SessionStore
}

// Work implements river.Worker.
func (w *SessionCleanupWorker) Work(ctx context.Context, _ *river.Job[SessionCleanupArgs]) error {
	_, err := w.Sessions.DeleteExpired(ctx)
	return err
}

// SessionCleanupEvery schedules the cleanup periodically.
func SessionCleanupEvery(d time.Duration) *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(d), func() (river.JobArgs, *river.InsertOpts) {
		return SessionCleanupArgs{}, nil
	}, &river.PeriodicJobOpts{RunOnStart: true})
}
