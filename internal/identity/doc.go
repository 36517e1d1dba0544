// Package identity is who may do what in the agent console: agents and
// their roles, passwords (argon2id), TOTP second factors with recovery
// codes, browser sessions, personal API tokens, sign-in throttling and
// the audit log of agent actions.
//
// It is pure domain code: persistence is the Store it declares (package
// store implements it), HTTP is package web's business. Secrets never
// leave this package in a form that could be replayed from the database:
// passwords are argon2id hashes, session and API tokens and recovery codes
// are SHA-256 hashes of 256-bit (tokens) or 80-bit (codes) random values.
package identity
