// Package desk holds the vocabulary every other walletdesk package shares:
// locales, error kinds with a safe message, and small value types. It has no
// dependencies beyond the standard library so that every package may import it.
package desk
