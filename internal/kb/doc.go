// Package kb is the help center: articles in several locales, their
// Markdown rendering, and the full-text search index with per-locale
// analysis. It declares the Store it needs; package store implements it.
package kb
