package smd

import "context"

// Transactor runs fn in one database transaction carried in the context, so
// that every store call made with that context commits or rolls back with
// the others. Services use it to keep a change, its audit record and its
// follow-up jobs together.
type Transactor interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
}
