// Package jobs runs background work through River on either database.
// Jobs are inserted in the business transaction (the one sqlstore.InTx
// carries in the context), so a state change and its follow-up work commit
// together: there is never a case without its jobs or a job for a case that
// was rolled back. Everything that must happen once (deadlines, deemed
// consent) is a job with a unique key.
package jobs

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"

	"github.com/smd-oss/smd/sqlstore"
)

// Queue inserts and works jobs.
type Queue struct {
	client *river.Client[*sql.Tx]
}

// Options configure a Queue.
type Options struct {
	// Workers are the job kinds this process works; nil or empty makes an
	// insert-only queue (e.g. for `smd seed`).
	Workers *river.Workers
	// Periodic jobs are scheduled by the elected leader among instances.
	Periodic []*river.PeriodicJob
	// MaxWorkers bounds concurrent jobs in this process.
	MaxWorkers int
	// PollInterval is how often idle workers look for new jobs.
	PollInterval time.Duration
	Logger       *slog.Logger
}

// New makes a queue on db. Both drivers poll (database/sql offers no
// LISTEN), which costs one cheap query per interval.
func New(db *sqlstore.DB, o Options) (*Queue, error) {
	cfg := &river.Config{
		Logger:            o.Logger,
		PollOnly:          true,
		FetchPollInterval: o.PollInterval,
		PeriodicJobs:      o.Periodic,
		JobTimeout:        5 * time.Minute,
	}
	if cfg.FetchPollInterval == 0 {
		cfg.FetchPollInterval = time.Second
	}
	if o.Workers != nil {
		cfg.Workers = o.Workers
		cfg.Queues = map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: max(o.MaxWorkers, 1)}}
	}
	var (
		c   *river.Client[*sql.Tx]
		err error
	)
	if db.Dialect == sqlstore.SQLite {
		c, err = river.NewClient(riversqlite.New(db.Write), cfg)
	} else {
		c, err = river.NewClient(riverdatabasesql.New(db.Write), cfg)
	}
	if err != nil {
		return nil, fmt.Errorf("job queue: %w", err)
	}
	return &Queue{client: c}, nil
}

// Insert adds a job. Inside sqlstore.InTx it joins that transaction; outside
// one it commits on its own.
func (q *Queue) Insert(ctx context.Context, args river.JobArgs, opts *river.InsertOpts) error {
	var err error
	if tx := sqlstore.TxFromContext(ctx); tx != nil {
		_, err = q.client.InsertTx(ctx, tx, args, opts)
	} else {
		_, err = q.client.Insert(ctx, args, opts)
	}
	if err != nil {
		return fmt.Errorf("insert job %s: %w", args.Kind(), err)
	}
	return nil
}

// InsertMany adds jobs in one statement, joining the transaction of ctx
// like Insert.
func (q *Queue) InsertMany(ctx context.Context, args []river.JobArgs) error {
	if len(args) == 0 {
		return nil
	}
	params := make([]river.InsertManyParams, len(args))
	for i, a := range args {
		params[i] = river.InsertManyParams{Args: a}
	}
	var err error
	if tx := sqlstore.TxFromContext(ctx); tx != nil {
		_, err = q.client.InsertManyTx(ctx, tx, params)
	} else {
		_, err = q.client.InsertMany(ctx, params)
	}
	if err != nil {
		return fmt.Errorf("insert %d jobs %s: %w", len(args), args[0].Kind(), err)
	}
	return nil
}

// Start begins working jobs; it returns at once.
func (q *Queue) Start(ctx context.Context) error { return q.client.Start(ctx) }

// Stop waits for running jobs to finish (until ctx ends, then cancels them)
// and stops fetching new ones.
func (q *Queue) Stop(ctx context.Context) error {
	err := q.client.Stop(ctx)
	if err != nil && ctx.Err() != nil {
		return q.client.StopAndCancel(context.Background())
	}
	return err
}

// Client exposes the River client for tests and tools.
func (q *Queue) Client() *river.Client[*sql.Tx] { return q.client }
