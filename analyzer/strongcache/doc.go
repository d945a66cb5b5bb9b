// Package strongcache defines an Analyzer that reports caches that keep
// alive what they meant to release.
//
// # Analyzer strongcache
//
// strongcache: report caches that keep alive what they meant to release
//
// TODO
package strongcache
