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

// DraftCleanupArgs asks for expired drafts to be deleted (data economy:
// unsubmitted answers are not kept beyond their expiry).
type DraftCleanupArgs struct{}

// Kind implements river.JobArgs.
func (DraftCleanupArgs) Kind() string { return "draft_cleanup" }

// DraftCleanupWorker deletes expired drafts.
type DraftCleanupWorker struct {
	river.WorkerDefaults[DraftCleanupArgs]
	Drafts interface {
		DeleteExpiredDrafts(ctx context.Context, now time.Time) (int64, error)
	}
}

// Work implements river.Worker.
func (w *DraftCleanupWorker) Work(ctx context.Context, _ *river.Job[DraftCleanupArgs]) error {
	_, err := w.Drafts.DeleteExpiredDrafts(ctx, time.Now())
	return err
}

// DraftCleanupEvery schedules the draft cleanup periodically.
func DraftCleanupEvery(d time.Duration) *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(d), func() (river.JobArgs, *river.InsertOpts) {
		return DraftCleanupArgs{}, nil
	}, &river.PeriodicJobOpts{RunOnStart: true})
}
