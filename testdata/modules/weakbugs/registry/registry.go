// Package registry exports a weak pointer but no function returning an
// unchecked referent: it has no facts.
package registry

import "weak"

type Service struct{ Addr string }

type Entry struct{ Svc weak.Pointer[Service] }

var Services = map[string]Entry{}

// Register keeps the new service weakly; the entry dies with it. It takes
// no pointer, so that it is no wrapper of weak.Make (a lifetime fact).
func Register(name, addr string) *Service {
	s := &Service{Addr: addr}
	Services[name] = Entry{Svc: weak.Make(s)}
	return s
}
