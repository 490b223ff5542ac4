package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
)

// querier is what *sql.DB and *sql.Tx have in common.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

type txKey struct{}

// TxFromContext returns the transaction InTx put into ctx, or nil. The job
// queue uses it to insert jobs in the business transaction.
func TxFromContext(ctx context.Context) *sql.Tx {
	tx, _ := ctx.Value(txKey{}).(*sql.Tx)
	return tx
}

// InTx runs fn in a transaction carried in the context: every store method
// called with that context joins it, so a state change, its audit record and
// its follow-up jobs commit together or not at all. A nested InTx joins the
// outer transaction. fn's error rolls back and is returned unchanged.
func (db *DB) InTx(ctx context.Context, fn func(ctx context.Context) error) (err error) {
	if TxFromContext(ctx) != nil {
		return fn(ctx)
	}
	tx, err := db.Write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback()
			panic(p)
		}
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	if err = fn(context.WithValue(ctx, txKey{}, tx)); err != nil {
		return err
	}
	if err = tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// writer returns the transaction in ctx or the write pool.
func (db *DB) writer(ctx context.Context) querier {
	if tx := TxFromContext(ctx); tx != nil {
		return tx
	}
	return db.Write
}

// reader returns the transaction in ctx (so that a transaction reads its own
// writes) or the read pool.
func (db *DB) reader(ctx context.Context) querier {
	if tx := TxFromContext(ctx); tx != nil {
		return tx
	}
	return db.Read
}
