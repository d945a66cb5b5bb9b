// Package registry exports a weak pointer but no function returning an
// unchecked referent: it has no facts.
package registry

import "weak"

type Service struct{ Addr string }

type Entry struct{ Svc weak.Pointer[Service] }

var Services = map[string]Entry{}

// Register keeps s weakly; the entry dies with s.
func Register(name string, s *Service) {
	Services[name] = Entry{Svc: weak.Make(s)}
}
