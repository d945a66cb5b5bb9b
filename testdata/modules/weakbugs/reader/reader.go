// Package reader calls Value on a weak pointer that it reaches through
// registry's types without importing weak itself.
package reader

import "example.com/weakbugs/registry"

func Addr(name string) string { return registry.Services[name].Svc.Value().Addr }

func SafeAddr(name string) string {
	if s := registry.Services[name].Svc.Value(); s != nil {
		return s.Addr
	}
	return ""
}
