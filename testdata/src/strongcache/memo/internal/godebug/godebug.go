// Package godebug is quiet: an internal package's exported functions are
// called only by its module, which passes a bounded set of names
// (internal/godebug's settings are named by constants).
package godebug

import "sync"

var settings sync.Map

type setting struct{ name string }

func Setting(name string) *setting {
	if s, ok := settings.Load(name); ok {
		return s.(*setting)
	}
	s, _ := settings.LoadOrStore(name, &setting{name: name})
	return s.(*setting)
}
