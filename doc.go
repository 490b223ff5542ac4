// Package smd holds the domain of the Serviceportal Migration Deutschland:
// the types every layer shares (authorities, users, cases and their actions,
// persons, documents, audit events), the error codes, and the interfaces of
// the stores that persist them.
//
// It imports no infrastructure. Sub-packages are named for what they wrap
// (sqlstore, blob, jobs, web) and depend on this package, never the other way
// round; cmd/smd is the one place that wires them together.
package smd
