// Package web is the HTTP adapter: one route table per surface (help
// center pages, JSON API, operations), plain net/http middleware, embedded
// templates parsed at start and static assets served under content-hashed
// URLs. Handlers are methods on Server and live one surface (or one big
// handler) per file. Every inbound free text is redacted here, at the edge,
// before it reaches a domain service.
package web
