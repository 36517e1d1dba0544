// Package store is the only package that speaks SQL. It runs the same
// statements on SQLite (the embedded default) and PostgreSQL (the scale-out
// engine); the few dialect differences live in dialect.go and in the
// placeholders of the embedded migrations.
//
// Conventions: every public method takes ctx first and runs in one
// transaction; helpers take the *sql.Tx. Times are stored as BIGINT Unix
// milliseconds (UTC) and booleans as INTEGER 0/1 so that both engines read
// the same values. A missing row is desk.ErrNotFound, never nil.
package store
