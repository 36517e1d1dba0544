// Package ticket is the requests domain: tickets, their messages and
// events, SLA due times, access tokens for requesters, and the automatic
// first reply. Every text a requester sends is redacted here, first thing,
// before it is triaged or stored; a redacted secret makes the request S1.
// The package declares the Store it needs; package store implements it.
package ticket
