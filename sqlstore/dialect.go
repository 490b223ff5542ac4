package sqlstore

import (
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Dialect is the SQL flavour. The differences between the two are kept in
// this file; everything else is shared SQL with $n placeholders.
type Dialect string

const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// forUpdate locks the selected rows on PostgreSQL. SQLite needs no row lock:
// a write transaction (BEGIN IMMEDIATE) already excludes every other writer.
func (d Dialect) forUpdate() string {
	if d == Postgres {
		return " FOR UPDATE"
	}
	return ""
}

// isUniqueViolation reports whether err is a unique-constraint violation.
func isUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "23505"
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || se.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
	}
	return strings.Contains(err.Error(), "UNIQUE constraint failed")
}

// isForeignKeyViolation reports a reference to a row that does not exist;
// for tenant tables, a case of another authority.
func isForeignKeyViolation(err error) bool {
	if err == nil {
		return false
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "23503"
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY
	}
	return strings.Contains(err.Error(), "FOREIGN KEY constraint failed")
}

// placeholders returns "($k+1,…,$k+n)" for row i of n columns after skip.
func placeholders(row, n, skip int) string {
	var b strings.Builder
	b.WriteByte('(')
	for j := range n {
		if j > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "$%d", skip+row*n+j+1)
	}
	b.WriteByte(')')
	return b.String()
}
